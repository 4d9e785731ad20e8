/*
 * filter_out.c: a particle filter's result as JSON and as text
 * (docs/filter.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/numtext.h"
#include "durand/date.h"
#include "durand/filter_out.h"
#include "durand/json.h"

/* Quantile q of sorted v[0..n) (the cloud is equally weighted). */
static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double quantile(double *v, long n, double q)
{
	long i = (long)floor(q * (double)(n - 1) + 0.5);

	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* The state variables a reader is shown, by name. */
static double state_value(const struct dur_state *s, int k)
{
	switch (k) {
	case 0: return s->capacity;
	case 1: return s->sanctuary;
	case 2: return s->grievance;
	case 3: return s->rung;
	case 4: return s->enforcement;
	case 5: return s->resentment;
	case 6: return s->trust;
	case 7: return s->ceasefire;
	case 8: return s->fence;
	}
	return NAN;
}

static const char *const state_names[] = { "capacity", "sanctuary",
					   "grievance", "rung", "enforcement",
					   "resentment", "trust", "ceasefire",
					   "fence" };
enum { NSTATE = 9 };

/* Quantiles (5, 50, 95%) of state variable k over the cloud. */
static int state_q(const struct dur_cloud *c, int k, double q[3])
{
	double *v = malloc((size_t)c->n * sizeof(*v));

	if (!v)
		return DUR_ENOMEM;
	for (long i = 0; i < c->n; i++)
		v[i] = state_value(&c->state[i], k);
	qsort(v, (size_t)c->n, sizeof(*v), cmp_d);
	q[0] = quantile(v, c->n, 0.05);
	q[1] = quantile(v, c->n, 0.5);
	q[2] = quantile(v, c->n, 0.95);
	free(v);
	return 0;
}

/* Share of the cloud with crossing x closed. */
static double closed_share(const struct dur_cloud *c, int x)
{
	long k = 0;

	for (long i = 0; i < c->n; i++)
		k += c->state[i].closed[x] > 0;
	return (double)k / (double)c->n;
}

static double ess_min(const struct dur_filter_result *r, int *at)
{
	double m = INFINITY;

	*at = 0;
	for (int t = 0; t < r->days; t++)
		if (r->ess[t] < m) {
			m = r->ess[t];
			*at = t;
		}
	return m;
}

json_t *dur_filter_json(const struct dur_filter_result *r,
			const struct dur_scenario *sc,
			const struct dur_record *rec, long particles)
{
	json_t *o = json_object(), *a, *facts, *unused, *st, *ess;
	char d1[16], d2[16];
	int at;

	if (!o)
		return NULL;
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	json_object_set_new(o, "kind", json_string("filter"));
	json_object_set_new(o, "scenario", json_string(sc->name));
	json_object_set_new(o, "from", json_string(dur_date_format(r->from, d1)));
	json_object_set_new(o, "until",
			    json_string(dur_date_format(r->until, d2)));
	a = json_object();
	json_object_set_new(a, "name", json_string(rec->name));
	json_object_set_new(a, "sha256", json_string(rec->digest));
	json_object_set_new(a, "facts", json_integer(rec->nfacts));
	json_object_set_new(a, "used", json_integer(r->nused));
	json_object_set_new(o, "record", a);
	json_object_set_new(o, "particles", json_integer(particles));
	json_object_set_new(o, "replicates", json_integer(r->replicates));
	json_object_set_new(o, "seed",
			    json_integer((json_int_t)r->cloud->seed));
	json_object_set_new(o, "loglik", dur_json_number(r->loglik));
	json_object_set_new(o, "loglik_se", dur_json_number(r->loglik_se));
	a = json_array();
	for (int k = 0; k < r->replicates; k++)
		json_array_append_new(a, dur_json_number(r->rep_loglik[k]));
	json_object_set_new(o, "replicate_loglik", a);
	json_object_set_new(o, "resamples", json_integer(r->resamples));
	json_object_set_new(o, "ess_min", dur_json_number(ess_min(r, &at)));
	json_object_set_new(o, "ess_min_date",
			    json_string(dur_date_format(r->from + at, d1)));
	ess = json_array();
	for (int t = 0; t < r->days; t++)
		json_array_append_new(ess, dur_json_number(round(r->ess[t])));
	json_object_set_new(o, "ess", ess);
	facts = json_array();
	unused = json_array();
	for (int i = 0; i < r->nobs; i++) {
		const struct dur_obs_report *p = &r->obs[i];
		const struct dur_fact *f = &rec->fact[p->fact];
		json_t *e = json_object();

		json_object_set_new(e, "id", json_string(f->id));
		json_object_set_new(e, "quantity", json_string(f->quantity));
		json_object_set_new(e, "date",
				    json_string(dur_date_format(f->end, d1)));
		if (!p->used) {
			json_object_set_new(e, "why", json_string(p->why));
			json_array_append_new(unused, e);
			continue;
		}
		json_object_set_new(e, "observed", dur_json_number(p->observed));
		json_object_set_new(e, "q05", dur_json_number(p->q05));
		json_object_set_new(e, "q50", dur_json_number(p->q50));
		json_object_set_new(e, "q95", dur_json_number(p->q95));
		json_object_set_new(e, "percentile", dur_json_number(p->pit));
		json_object_set_new(e, "loglik", dur_json_number(p->cll));
		json_array_append_new(facts, e);
	}
	json_object_set_new(o, "facts", facts);
	json_object_set_new(o, "unused", unused);
	st = json_object();
	for (int k = 0; k < NSTATE; k++) {
		double q[3];
		json_t *e = json_object();

		if (state_q(r->cloud, k, q)) {
			json_decref(e);
			json_decref(o);
			return NULL;
		}
		json_object_set_new(e, "q05", dur_json_number(q[0]));
		json_object_set_new(e, "q50", dur_json_number(q[1]));
		json_object_set_new(e, "q95", dur_json_number(q[2]));
		json_object_set_new(st, state_names[k], e);
	}
	a = json_object();
	for (int x = 0; x < sc->model.ncrossings; x++)
		json_object_set_new(a, sc->model.crossing[x].name,
				    dur_json_number(closed_share(r->cloud, x)));
	json_object_set_new(st, "p_closed", a);
	json_object_set_new(o, "state", st);
	return o;
}

int dur_filter_write_text(const struct dur_filter_result *r,
			  const struct dur_scenario *sc,
			  const struct dur_record *rec, long particles,
			  FILE *fp, struct dur_error *err)
{
	char d1[16], d2[16];
	int at, nun = 0;
	double em = ess_min(r, &at);

	dur_fprintf_num(fp,
		"durand %s: filter of '%s' from %s to %s through the record "
		"'%s'\n(sha256 %.12s, %d facts, %d used), %ld particles x %d "
		"replicates, seed %llu\n\n",
		DURAND_VERSION, sc->name, dur_date_format(r->from, d1),
		dur_date_format(r->until, d2), rec->name, rec->digest,
		rec->nfacts, r->nused, particles, r->replicates,
		(unsigned long long)r->cloud->seed);
	dur_fprintf_num(fp, "log-likelihood %.2f (Monte Carlo standard error %.2f, "
		    "from %d independent filters)\n",
		r->loglik, r->loglik_se, r->replicates);
	dur_fprintf_num(fp, "resampled %d times; smallest effective sample size %.0f "
		    "(%.0f%%) on %s\n\n",
		r->resamples, em, 100 * em / (double)particles,
		dur_date_format(r->from + at, d1));
	dur_fprintf_num(fp, "What the record said, and what the model expected just "
		    "before (percentile: where the figure fell)\n");
	dur_fprintf_num(fp, "%-28s %-10s %10s %10s  %-22s %9s %8s\n", "fact", "date",
		"observed", "median", "[90% interval]", "percentile", "log-lik");
	for (int i = 0; i < r->nobs; i++) {
		const struct dur_obs_report *p = &r->obs[i];
		const struct dur_fact *f = &rec->fact[p->fact];
		char iv[48];

		if (!p->used) {
			nun++;
			continue;
		}
		snprintf(iv, sizeof(iv), "[%.4g, %.4g]", p->q05, p->q95);
		dur_fprintf_num(fp, "%-28.28s %-10s %10.4g %10.4g  %-22s %9.3f %8.2f\n",
			f->id, dur_date_format(f->end, d1), p->observed,
			p->q50, iv, p->pit, p->cll);
	}
	if (nun) {
		dur_fprintf_num(fp, "\nFacts not used (%d):\n", nun);
		for (int i = 0; i < r->nobs; i++) {
			const struct dur_obs_report *p = &r->obs[i];

			if (!p->used)
				dur_fprintf_num(fp, "  %-28s %s\n",
					rec->fact[p->fact].id, p->why);
		}
	}
	dur_fprintf_num(fp, "\nFiltered state on %s (%ld particles)    median   "
		    "[90%% interval]\n",
		dur_date_format(r->until, d1), r->cloud->n);
	for (int k = 0; k < NSTATE; k++) {
		double q[3];

		if (state_q(r->cloud, k, q))
			return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
					     "out of memory");
		dur_fprintf_num(fp, "  %-14s %26.3g   [%.3g, %.3g]\n", state_names[k],
			q[1], q[0], q[2]);
	}
	for (int x = 0; x < sc->model.ncrossings; x++)
		dur_fprintf_num(fp, "  %-14s closed in %5.1f%% of particles\n",
			sc->model.crossing[x].name,
			100 * closed_share(r->cloud, x));
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the filter's summary");
	return 0;
}

/* The mean and 5/50/95% quantiles of n draws (sorted in place) into o. */
static void draws_json(json_t *o, double *v, long n)
{
	double m = 0;

	for (long i = 0; i < n; i++)
		m += v[i] / (double)n;
	qsort(v, (size_t)n, sizeof(*v), cmp_d);
	json_object_set_new(o, "mean", dur_json_number(m));
	json_object_set_new(o, "q05", dur_json_number(quantile(v, n, 0.05)));
	json_object_set_new(o, "q50", dur_json_number(quantile(v, n, 0.5)));
	json_object_set_new(o, "q95", dur_json_number(quantile(v, n, 0.95)));
}

json_t *dur_obs_forecast_json(const struct dur_obs_forecast *f,
			      const struct dur_record *rec)
{
	json_t *o = json_object(), *ser = json_array(), *facts = json_array();
	double *v = malloc((size_t)f->runs * sizeof(*v));
	char d[16];

	if (!o || !v) {
		free(v);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "runs", json_integer(f->runs));
	for (int s = 0; s < f->nser; s++) {
		json_t *e = json_object(), *per = json_array();

		json_object_set_new(e, "quantity", json_string(f->ser_name[s]));
		for (int p = 0; p < f->nper; p++) {
			json_t *x = json_object();
			const double *dr = f->ser_draw +
					   ((size_t)s * f->nper + p) * f->runs;

			memcpy(v, dr, (size_t)f->runs * sizeof(*v));
			json_object_set_new(x, "from", json_string(
				dur_date_format(f->per_start[p], d)));
			json_object_set_new(x, "until", json_string(
				dur_date_format(f->per_start[p + 1] - 1, d)));
			draws_json(x, v, f->runs);
			json_array_append_new(per, x);
		}
		json_object_set_new(e, "periods", per);
		json_array_append_new(ser, e);
	}
	json_object_set_new(o, "monthly", ser);
	for (int j = 0; j < f->nfacts; j++) {
		json_t *x = json_object();
		const double *dr = f->draw + (size_t)j * f->runs;

		memcpy(v, dr, (size_t)f->runs * sizeof(*v));
		json_object_set_new(x, "id", json_string(rec->fact[f->fact[j]].id));
		draws_json(x, v, f->runs);
		json_array_append_new(facts, x);
	}
	json_object_set_new(o, "facts", facts);
	free(v);
	return o;
}
