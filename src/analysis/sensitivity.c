/*
 * sensitivity.c: running the scenario at the points of a Morris or Saltelli
 * design (morris.c, sobol.c) and ranking the parameters by what they move.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "durand/json.h"
#include "durand/sensitivity.h"

void dur_sensitivity_free(struct dur_sensitivity *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->lo);
	free(s->hi);
	free(s->morris);
	free(s->sobol);
	free(s);
}

/* Evaluate the statistics at each of n points x[j*k..] into y[j*nstat..]. */
static int evaluate_points(const struct dur_scenario *sc,
			   const size_t *off, int k, const double *x, long n,
			   const struct dur_stat *st, int nstat,
			   const struct dur_sensitivity_opts *o, double *y,
			   struct dur_error *err)
{
	struct dur_scenario *work = dur_scenario_dup(sc);
	int rc = 0;

	if (!work)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	for (long j = 0; j < n && !rc; j++) {
		memcpy(work, sc, sizeof(*work));
		for (int i = 0; i < k; i++) {
			*dur_model_at(&work->model, off[i]) = x[j * k + i];
			dur_param_ensemble_drop(work, off[i]);
		}
		rc = dur_evaluate(work, o->runs, o->days, o->seed, o->threads,
				  st, nstat, y + j * nstat, o->cancel, err);
		dur_progress_steps(o->progress, o->progress_ctx, j + 1, n);
	}
	dur_scenario_free(work);
	return rc;
}

int dur_sensitivity_run(const struct dur_scenario *sc,
			const char *const *paths, int k,
			const char *const *stats, int nstat,
			const struct dur_sensitivity_opts *o,
			struct dur_sensitivity **out, struct dur_error *err)
{
	struct dur_sensitivity *s = calloc(1, sizeof(*s));
	struct dur_stat st[DUR_SA_MAX_STATS];
	size_t *off = calloc((size_t)k, sizeof(*off));
	double *y = NULL;
	int rc = 0;

	*out = NULL;
	if (!s || !off) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	if (k < 1 || nstat < 1 || nstat > DUR_SA_MAX_STATS) {
		rc = dur_error_set(err, DUR_EINVAL, "", 0, 0,
				   "expected at least one parameter and 1 to "
				   "%d outcomes",
				   DUR_SA_MAX_STATS);
		goto fail;
	}
	s->sc = sc;
	s->method = o->method;
	s->k = k;
	s->nstat = nstat;
	s->runs = o->runs;
	s->days = o->days;
	s->seed = o->seed;
	s->path = calloc((size_t)k, sizeof(*s->path));
	s->lo = calloc((size_t)k, sizeof(*s->lo));
	s->hi = calloc((size_t)k, sizeof(*s->hi));
	if (!s->path || !s->lo || !s->hi) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	for (int i = 0; i < nstat; i++) {
		rc = dur_stat_parse(sc, stats[i], &st[i], err);
		if (rc)
			goto fail;
		snprintf(s->stat[i], sizeof(s->stat[i]), "%s", stats[i]);
	}
	for (int i = 0; i < k; i++) {
		int r = dur_scenario_range_find(sc, paths[i]);

		off[i] = dur_scenario_param_find(sc, paths[i]);
		if (off[i] == (size_t)-1) {
			char near[256];

			dur_scenario_param_suggest(sc, paths[i], near,
						   sizeof(near));
			rc = dur_error_set(err, DUR_ENOTFOUND, "", 0, 0,
					   "no parameter '%s' (nearest: %s)",
					   paths[i], near);
			goto fail;
		}
		if (r < 0) {
			rc = dur_error_set(err, DUR_EINVAL, "", 0, 0,
					   "parameter '%s' has no range; give "
					   "it one in 'params' or 'ranges'",
					   paths[i]);
			goto fail;
		}
		snprintf(s->path[i], sizeof(s->path[i]), "%s", paths[i]);
		s->lo[i] = sc->range[r].lo;
		s->hi[i] = sc->range[r].hi;
	}
	/* the design: Morris trajectories or Sobol's blocks */
	{
		struct dur_morris m = { 0 };
		struct dur_sobol so = { 0 };
		const double *x = NULL;
		long n = 0;

		if (o->method == DUR_SA_MORRIS) {
			struct dur_morris_opts mo = DUR_MORRIS_OPTS_INIT;

			mo.trajectories = (size_t)o->trajectories;
			mo.seed = o->seed;
			rc = dur_morris_init(&m, (size_t)k, s->lo, s->hi, &mo,
					     err);
			x = m.x;
			n = (long)m.n;
			s->morris = calloc((size_t)(k * nstat),
					   sizeof(*s->morris));
		} else {
			struct dur_sobol_opts sopt = DUR_SOBOL_OPTS_INIT;

			sopt.n = (size_t)o->n;
			sopt.seed = o->seed;
			rc = dur_sobol_init(&so, (size_t)k, s->lo, s->hi, &sopt,
					    err);
			x = so.x;
			n = (long)so.npoints;
			s->sobol = calloc((size_t)(k * nstat),
					  sizeof(*s->sobol));
		}
		s->npoints = n;
		if (!rc) {
			y = malloc(sizeof(*y) * (size_t)n * (size_t)nstat);
			if (!y || (!s->morris && !s->sobol))
				rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
						   "out of memory");
		}
		if (!rc)
			rc = evaluate_points(sc, off, k, x, n, st, nstat, o, y,
					     err);
		if (!rc && s->morris)
			rc = dur_morris_analyse(&m, y, (size_t)nstat,
						s->morris, err);
		if (!rc && s->sobol)
			rc = dur_sobol_analyse(&so, y, (size_t)nstat, s->sobol,
					       err);
		if (o->method == DUR_SA_MORRIS)
			dur_morris_release(&m);
		else
			dur_sobol_release(&so);
	}
	if (rc)
		goto fail;
	free(y);
	free(off);
	*out = s;
	return 0;
fail:
	free(y);
	free(off);
	dur_sensitivity_free(s);
	return rc;
}



static double key(const struct dur_sensitivity *s, int stat, int i)
{
	double v = s->method == DUR_SA_MORRIS ? s->morris[stat * s->k + i].mu_star
					      : s->sobol[stat * s->k + i].st;
	return isfinite(v) ? v : -1;
}

json_t *dur_sensitivity_json(const struct dur_sensitivity *s)
{
	json_t *o = json_object(), *outs = json_array(), *res = json_array();

	json_object_set_new(o, "kind", json_string("sensitivity"));
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	json_object_set_new(o, "scenario", json_string(s->sc->name));
	json_object_set_new(o, "runs", json_integer(s->runs));
	json_object_set_new(o, "days", json_integer(s->days));
	json_object_set_new(o, "seed", json_integer((json_int_t)s->seed));
	json_object_set_new(o, "method",
			    json_string(s->method == DUR_SA_MORRIS ? "morris"
								   : "sobol"));
	json_object_set_new(o, "points", json_integer(s->npoints));
	for (int j = 0; j < s->nstat; j++)
		json_array_append_new(outs, json_string(s->stat[j]));
	json_object_set_new(o, "outcomes", outs);
	for (int j = 0; j < s->nstat; j++) {
		json_t *e = json_object(), *ps = json_array();
		int order[512];
		int k = s->k < 512 ? s->k : 512;

		for (int i = 0; i < k; i++)
			order[i] = i;
		for (int a = 1; a < k; a++) /* insertion sort, descending */
			for (int b = a; b > 0 && key(s, j, order[b]) >
							 key(s, j, order[b - 1]);
			     b--) {
				int t = order[b];

				order[b] = order[b - 1];
				order[b - 1] = t;
			}
		json_object_set_new(e, "outcome", json_string(s->stat[j]));
		for (int r = 0; r < k; r++) {
			int i = order[r];
			json_t *p = json_object();

			json_object_set_new(p, "name", json_string(s->path[i]));
			json_object_set_new(p, "lo", dur_json_number(s->lo[i]));
			json_object_set_new(p, "hi", dur_json_number(s->hi[i]));
			if (s->method == DUR_SA_MORRIS) {
				const struct dur_morris_index *m =
					&s->morris[j * s->k + i];

				json_object_set_new(p, "mu_star",
						    dur_json_number(m->mu_star));
				json_object_set_new(p, "mu_star_lo",
						    dur_json_number(m->mu_star_lo));
				json_object_set_new(p, "mu_star_hi",
						    dur_json_number(m->mu_star_hi));
				json_object_set_new(p, "sigma", dur_json_number(m->sigma));
				json_object_set_new(p, "mu", dur_json_number(m->mu));
			} else {
				const struct dur_sobol_index *x =
					&s->sobol[j * s->k + i];

				json_object_set_new(p, "S1", dur_json_number(x->s1));
				json_object_set_new(p, "S1_lo", dur_json_number(x->s1_lo));
				json_object_set_new(p, "S1_hi", dur_json_number(x->s1_hi));
				json_object_set_new(p, "ST", dur_json_number(x->st));
				json_object_set_new(p, "ST_lo", dur_json_number(x->st_lo));
				json_object_set_new(p, "ST_hi", dur_json_number(x->st_hi));
			}
			json_array_append_new(ps, p);
		}
		json_object_set_new(e, "params", ps);
		json_array_append_new(res, e);
	}
	json_object_set_new(o, "results", res);
	return o;
}
