/*
 * fit_json.c: the result of `durand fit` as JSON (docs/fit.md): estimates
 * and standard errors per stream and pair of streams, the branching
 * matrix, the goodness of fit and a sample of the rescaled times.
 */
#include <math.h>

#include "durand/date.h"
#include "durand/fit_json.h"

/* Rescaled times kept per stream: enough for a Q-Q plot. */
#define SAMPLE_MAX 2000

/* Up to max order statistics of a sorted array, evenly spaced. */
static json_t *sample(const double *v, size_t n, size_t max)
{
	json_t *a = json_array();

	if (n <= max) {
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_real(v[i]));
		return a;
	}
	for (size_t i = 0; i < max; i++)
		json_array_append_new(a, json_real(v[(size_t)((i + 0.5) * n /
							    max)]));
	return a;
}

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

/* Row i of a k x k matrix of estimates (theta at hawkes.h's alpha_ij). */
static json_t *alpha_row(const struct dur_fit *f, const double *v, int i)
{
	json_t *row = json_array();

	for (int j = 0; j < f->k; j++)
		json_array_append_new(row, num(v[dur_hawkes_ia(f->k, i, j)]));
	return row;
}

static json_t *ks(const struct dur_fit *f, const struct dur_fitdata *d,
		  int i)
{
	json_t *o = json_object();

	json_object_set_new(o, "stream", json_string(d->stream[i]));
	json_object_set_new(o, "n", json_integer((json_int_t)f->nrescaled[i]));
	json_object_set_new(o, "D", num(f->ks_d[i]));
	json_object_set_new(o, "p", num(f->ks_p[i]));
	/* the test's answer in words, at the 5% level */
	json_object_set_new(o, "fits", json_boolean(!(f->ks_p[i] < 0.05)));
	return o;
}

/* Index of stream i's baseline in year segment s (hawkes.h). */
static int mu_at(int k, int s, int i)
{
	return s ? dur_hawkes_nparams(k) + (s - 1) * k + i : i;
}

/* First day of year segment s of the window: the window's first day,
 * then 1 January of each later year. */
static int32_t segment_start(const struct dur_fitdata *d, int s)
{
	int y, m, dd;

	dur_date_to_ymd(d->since, &y, &m, &dd);
	return s ? dur_date_from_ymd(y + s, 1, 1) : d->since;
}

/* The baseline of each year segment, with its first day. */
static json_t *segments(const struct dur_fit *f, const struct dur_fitdata *d)
{
	json_t *a = json_array();
	char buf[11];

	for (int s = 0; s < f->nseg; s++) {
		json_t *mu = json_array(), *se = json_array();
		json_t *o = json_object();

		for (int i = 0; i < f->k; i++) {
			json_array_append_new(mu,
					      num(f->theta[mu_at(f->k, s, i)]));
			json_array_append_new(se, num(f->se[mu_at(f->k, s, i)]));
		}
		json_object_set_new(o, "since",
				    json_string(dur_date_format(
					    segment_start(d, s), buf)));
		json_object_set_new(o, "mu", mu);
		json_object_set_new(o, "mu_se", se);
		json_array_append_new(a, o);
	}
	return a;
}

json_t *dur_fit_json(const struct dur_fit *f, const struct dur_fitdata *d,
		     uint64_t seed)
{
	int k = f->k, daily = f->method == DUR_FIT_DAILY;
	json_t *o = json_object(), *streams = json_array(), *ev = json_array();
	json_t *mu = json_array(), *mse = json_array(), *al = json_array();
	json_t *ase = json_array(), *dec = json_array(), *dse = json_array();
	json_t *hl = json_array(), *hse = json_array(), *br = json_array();
	json_t *kss = json_array(), *res = json_object();
	char a[11], b[11];

	/* jansson's setters free a value they cannot store: out of memory
	 * leaks nothing, and a NULL o is returned as NULL */
	for (int i = 0; i < k; i++) {
		json_t *brow = json_array();

		json_array_append_new(streams, json_string(d->stream[i]));
		json_array_append_new(ev, json_integer(f->nevents[i]));
		/* with yearly baselines, mu is their day-weighted mean
		 * (no standard error: "segments" has each year's) */
		json_array_append_new(mu, num(f->nseg > 1 ? f->mu_mean[i] :
							     f->theta[i]));
		json_array_append_new(mse, num(f->nseg > 1 ? NAN : f->se[i]));
		for (int j = 0; j < k; j++)
			json_array_append_new(brow,
					      num(f->branching[i * k + j]));
		json_array_append_new(al, alpha_row(f, f->theta, i));
		json_array_append_new(ase, alpha_row(f, f->se, i));
		json_array_append_new(br, brow);
		json_array_append_new(dec, num(f->theta[dur_hawkes_id(k, i)]));
		json_array_append_new(dse, num(f->se[dur_hawkes_id(k, i)]));
		json_array_append_new(hl, num(f->halflife[i]));
		json_array_append_new(hse, num(f->se_halflife[i]));
		json_array_append_new(kss, ks(f, d, i));
		json_object_set_new(res, d->stream[i],
				    sample(f->rescaled[i], f->nrescaled[i],
					   SAMPLE_MAX));
	}
	/* "kind" lets `durand report` tell the result apart (report.h) */
	json_object_set_new(o, "kind", json_string("fit"));
	json_object_set_new(o, "method",
			    json_string(daily ? "daily" : "continuous"));
	json_object_set_new(o, "since",
			    json_string(dur_date_format(d->since, a)));
	json_object_set_new(o, "until",
			    json_string(dur_date_format(d->until, b)));
	json_object_set_new(o, "days", json_integer(d->ndays));
	json_object_set_new(o, "seed", json_integer((json_int_t)seed));
	json_object_set_new(o, "baseline",
			    json_string(f->nseg > 1 ? "piecewise-year" :
						      "constant"));
	if (f->nseg > 1)
		json_object_set_new(o, "segments", segments(f, d));
	json_object_set_new(o, "streams", streams);
	json_object_set_new(o, "events", ev);
	json_object_set_new(o, "loglik", num(f->loglik));
	json_object_set_new(o, "evaluations", json_integer(f->nevals));
	json_object_set_new(o, "converged", json_boolean(f->converged));
	json_object_set_new(o, "se_available", json_boolean(f->se_ok));
	json_object_set_new(o, "mu", mu);
	json_object_set_new(o, "mu_se", mse);
	json_object_set_new(o, "alpha", al);
	json_object_set_new(o, "alpha_se", ase);
	json_object_set_new(o, daily ? "decay" : "beta", dec);
	json_object_set_new(o, daily ? "decay_se" : "beta_se", dse);
	json_object_set_new(o, "halflife", hl);
	json_object_set_new(o, "halflife_se", hse);
	json_object_set_new(o, "branching", br);
	json_object_set_new(o, "spectral_radius", num(f->radius));
	json_object_set_new(o, "ks", kss);
	json_object_set_new(o, "rescaled", res);
	return o;
}
