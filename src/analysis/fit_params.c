/*
 * fit_params.c: which scenario parameter each estimate of a daily Hawkes
 * fit stands for. The engine's attack and clash streams are the daily
 * Hawkes process of docs/ODD.md (sections 7.2 and 7.7): a baseline mu, self
 * excitation alpha_self, excitation by strikes alpha_strike, and one
 * half-life per exciting stream. The fit's streams carry the same names,
 * so a fit of attack, strike and clash gives those parameters directly.
 */
#include <string.h>

#include "durand/fit.h"

static int find(const char *const *streams, int k, const char *s)
{
	for (int i = 0; i < k; i++)
		if (!strcmp(streams[i], s))
			return i;
	return -1;
}

/* The excited stream's baseline, self excitation, half-life and, if
 * strikes were fitted, its excitation by strikes. */
static size_t excited(const struct dur_fit *f, int i, int sk,
		      const char *mu, const char *self, const char *halflife,
		      const char *by_strike, struct dur_paramedit *ed)
{
	size_t n = 0;

	/* with yearly baselines, the engine's constant mu is their mean */
	ed[n++] = (struct dur_paramedit){ mu, f->mu_mean[i] };
	ed[n++] = (struct dur_paramedit){
		self, f->theta[dur_hawkes_ia(f->k, i, i)] };
	ed[n++] = (struct dur_paramedit){ halflife, f->halflife[i] };
	if (sk >= 0)
		ed[n++] = (struct dur_paramedit){
			by_strike, f->theta[dur_hawkes_ia(f->k, i, sk)] };
	return n;
}

int dur_fit_paramedits(const struct dur_fit *f, const char *const *streams,
		       struct dur_paramedit *ed, size_t *n,
		       struct dur_error *err)
{
	int at = find(streams, f->k, "attack"), sk = find(streams, f->k, "strike");
	int cl = find(streams, f->k, "clash");

	*n = 0;
	if (f->method != DUR_FIT_DAILY)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a scenario's rates need the daily form "
				     "of the fit (the engine's)");
	if (at >= 0)
		*n += excited(f, at, sk, "ttp.mu", "attack.alpha_self",
			      "hawkes.halflife_attack", "attack.alpha_strike",
			      ed + *n);
	if (cl >= 0)
		*n += excited(f, cl, sk, "clash.mu", "clash.alpha_self",
			      "hawkes.halflife_clash", "clash.alpha_strike",
			      ed + *n);
	if (sk >= 0)
		ed[(*n)++] = (struct dur_paramedit){ "hawkes.halflife_strike",
						     f->halflife[sk] };
	if (!*n)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "none of the streams attack, strike, "
				     "clash was fitted");
	return 0;
}
