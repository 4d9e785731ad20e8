/*
 * if2.c: iterated filtering (if2.h; Ionides et al. 2015, the algorithm of
 * pomp's mif2()).
 *
 * The record's particle filter (observe.c) is run M times. Its perturbation
 * hook gives particle i, as it starts, the values of set i of the previous
 * iteration's swarm (at the first, a draw from the start distribution),
 * and moves the fitted values by a step of a Gaussian random walk on the
 * logit scale of their ranges every `every` days; the filter's resampling
 * then carries the values that explain the record forward. The walk's sd
 * at day t of iteration m (0-based, of M, over D days) is
 *
 *     sd = rw_sd * sqrt(every / 30) * cooling ^ ((m + t / D) / M),
 *
 * pomp's geometric cooling (there `cooling.fraction.50` is the fraction
 * left after 50 iterations; here `cooling` is the fraction left after M).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "durand/date.h"
#include "durand/if2.h"
#include "durand/observe.h"
#include "durand/rng.h"
#include "durand/sim.h"

/* What the perturbation hook reads (never writes: it runs on any thread). */
struct walk {
	const struct dur_if2_result *r;
	const double *prev;  /* [n * kall]: the swarm particle i starts from */
	long n;
	int iter, days, every;
	double sd;           /* per step of the walk, before cooling */
	double cooling;      /* fraction left at the end of iteration M */
	int iterations;
	uint64_t key;        /* seed of this iteration's walk */
};

static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

static double to_logit(double x, double lo, double hi)
{
	double u = (x - lo) / (hi - lo);

	if (u < 1e-12)
		u = 1e-12;
	if (u > 1 - 1e-12)
		u = 1 - 1e-12;
	return log(u / (1 - u));
}

static double from_logit(double z, double lo, double hi)
{
	return lo + (hi - lo) / (1 + exp(-z));
}

static void perturb(void *vctx, struct dur_sim *sim, uint64_t stream, int day)
{
	const struct walk *w = vctx;
	const struct dur_if2_result *r = w->r;
	struct dur_rng rng;
	gsl_rng g;
	double sd;

	if (day < 0) {
		/* particle `stream` (= its index: replicate 0, generation 0)
		 * takes set `stream` of the swarm */
		const double *v = w->prev + (size_t)(stream % (uint64_t)w->n) *
						    (size_t)r->kall;

		for (int j = 0; j < r->kall; j++)
			*dur_model_at(&sim->m, r->alloff[j]) = v[j];
		if (w->iter == 0) {
			dur_sim_derive(sim);
			return;
		}
	} else if (day == 0 || day % w->every) {
		return;
	}
	sd = w->sd * pow(w->cooling, ((double)w->iter +
				      (double)(day + 1) / w->days) /
					     w->iterations);
	dur_rng_init(&rng, w->key, stream);
	dur_rng_seek(&rng, (uint32_t)(day + 1));
	dur_rng_gsl(&rng, &g);
	for (int j = 0; j < r->k; j++) {
		double *x = dur_model_at(&sim->m, r->off[j]);
		double z = to_logit(*x, r->lo[j], r->hi[j]);

		*x = from_logit(z + gsl_ran_gaussian_ziggurat(&g, sd),
				r->lo[j], r->hi[j]);
	}
	dur_sim_derive(sim);
}

void dur_if2_result_free(struct dur_if2_result *r)
{
	if (!r)
		return;
	free(r->loglik);
	free(r->mean);
	free(r->q05);
	free(r->q50);
	free(r->q95);
	free(r->swarm);
	free(r);
}

/* Row `row` of the trace from a swarm [n * kall]; tmp holds n doubles. */
static void trace_row(struct dur_if2_result *r, int row, const double *v,
		      long n, double *tmp)
{
	for (int j = 0; j < r->k; j++) {
		size_t at = (size_t)row * (size_t)r->k + (size_t)j;

		for (long i = 0; i < n; i++)
			tmp[i] = v[(size_t)i * (size_t)r->kall + (size_t)j];
		gsl_sort(tmp, 1, (size_t)n);
		r->mean[at] = gsl_stats_mean(tmp, 1, (size_t)n);
		r->q05[at] = gsl_stats_quantile_from_sorted_data(tmp, 1,
								 (size_t)n,
								 0.05);
		r->q50[at] = gsl_stats_quantile_from_sorted_data(tmp, 1,
								 (size_t)n,
								 0.5);
		r->q95[at] = gsl_stats_quantile_from_sorted_data(tmp, 1,
								 (size_t)n,
								 0.95);
	}
}

static int setup(const struct dur_scenario *sc, const char *const *paths,
		 int k, struct dur_if2_result *r, struct dur_error *err)
{
	if (k < 1 || k > DUR_IF2_MAX)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "expected 1 to %d parameters, got %d",
				     DUR_IF2_MAX, k);
	for (int i = 0; i < k; i++) {
		size_t off;
		int ri, e = dur_scenario_param_require(sc, paths[i], &off, err);

		if (e)
			return e;
		for (int j = 0; j < i; j++)
			if (r->off[j] == off)
				return dur_error_set(err, DUR_EINVAL, "", 0, 0,
						     "parameter '%s' is named "
						     "twice",
						     paths[i]);
		ri = dur_scenario_range_find(sc, paths[i]);
		if (ri < 0)
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "parameter '%s' has no range to "
					     "search; give it one in 'params' "
					     "or 'ranges'",
					     paths[i]);
		snprintf(r->path[i], sizeof(r->path[i]), "%s", paths[i]);
		r->off[i] = off;
		r->lo[i] = sc->range[ri].lo;
		r->hi[i] = sc->range[ri].hi;
		snprintf(r->allpath[i], sizeof(r->allpath[i]), "%s", paths[i]);
		r->alloff[i] = off;
	}
	r->k = r->kall = k;
	/* the scenario's own ensemble's other parameters ride along */
	for (int j = 0; j < sc->pens.k; j++) {
		int dup = 0;

		for (int i = 0; i < k; i++)
			dup |= r->off[i] == sc->pens.off[j];
		if (dup)
			continue;
		if (r->kall == DUR_MAX_ENS_PARAMS)
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "the fitted parameters and those "
					     "of the scenario's ensemble are "
					     "more than %d",
					     DUR_MAX_ENS_PARAMS);
		snprintf(r->allpath[r->kall], sizeof(r->allpath[0]), "%s",
			 sc->pens.path[j]);
		r->alloff[r->kall++] = sc->pens.off[j];
	}
	return 0;
}

/* The starting swarm: set i drawn from stream (seed, i), keyed apart from
 * the walks'. */
static void start_swarm(const struct dur_scenario *sc,
			const struct dur_if2_opts *o,
			const struct dur_if2_result *r, double *v)
{
	for (long i = 0; i < o->particles; i++) {
		struct dur_model m = sc->model;
		struct dur_rng rng;
		gsl_rng g;
		double *row = v + (size_t)i * (size_t)r->kall;

		dur_param_ensemble_apply(sc, i, &m);
		dur_rng_init(&rng, mix(o->seed ^ 0x5157A87ull), (uint64_t)i);
		dur_rng_gsl(&rng, &g);
		for (int j = 0; j < r->kall; j++)
			row[j] = *dur_model_at(&m, r->alloff[j]);
		for (int j = 0; j < r->k; j++) {
			if (o->from_scenario)
				row[j] = from_logit(
					to_logit(row[j], r->lo[j], r->hi[j]) +
						gsl_ran_gaussian_ziggurat(
							&g, o->start_sd),
					r->lo[j], r->hi[j]);
			else
				row[j] = r->lo[j] + (r->hi[j] - r->lo[j]) *
							    dur_rng_uniform(&rng);
		}
	}
}

int dur_if2_run(const struct dur_scenario *sc, const struct dur_record *rec,
		const char *const *paths, int k, const struct dur_if2_opts *o,
		struct dur_if2_result **out, struct dur_error *err)
{
	struct dur_if2_result *r;
	double *prev = NULL, *tmp = NULL;
	size_t rows;
	long n = o->particles;
	int rc;

	*out = NULL;
	if (n < 2 || o->iterations < 1 || o->iterations > 10000 ||
	    !(o->rw_sd >= 0) || !(o->cooling > 0) || o->cooling > 1 ||
	    o->every < 1 || (o->from_scenario && !(o->start_sd >= 0)))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "iterated filtering needs at least 2 "
				     "particles, 1 to 10000 iterations, a "
				     "walk's sd >= 0, a cooling fraction in "
				     "(0, 1] and a walk step of at least a "
				     "day");
	if (o->until <= sc->start) {
		char d[16];

		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "nothing to filter: the facts' end is "
				     "not after the scenario's start, %s",
				     dur_date_format(sc->start, d));
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	rc = setup(sc, paths, k, r, err);
	if (rc)
		goto fail;
	r->opts = *o;
	r->iterations = o->iterations;
	r->n = n;
	rows = (size_t)(o->iterations + 1) * (size_t)r->k;
	r->loglik = calloc((size_t)o->iterations, sizeof(double));
	r->mean = calloc(rows, sizeof(double));
	r->q05 = calloc(rows, sizeof(double));
	r->q50 = calloc(rows, sizeof(double));
	r->q95 = calloc(rows, sizeof(double));
	r->swarm = malloc((size_t)n * (size_t)r->kall * sizeof(double));
	prev = malloc((size_t)n * (size_t)r->kall * sizeof(double));
	tmp = malloc((size_t)n * sizeof(double));
	if (!r->loglik || !r->mean || !r->q05 || !r->q50 || !r->q95 ||
	    !r->swarm || !prev || !tmp) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				   "out of memory for %ld particles", n);
		goto fail;
	}
	snprintf(r->record, sizeof(r->record), "%s", rec->name);
	snprintf(r->digest, sizeof(r->digest), "%s", rec->digest);
	start_swarm(sc, o, r, prev);
	trace_row(r, 0, prev, n, tmp);

	for (int m = 0; m < o->iterations; m++) {
		struct dur_filter_opts fo = DUR_FILTER_OPTS_INIT;
		struct dur_filter_result *fr = NULL;
		struct walk w = { 0 };

		fo.particles = n;
		fo.replicates = 1;
		fo.seed = mix(o->seed + 0x1000193ull * (uint64_t)(m + 1));
		fo.threads = o->threads;
		fo.until = o->until;
		fo.cancel = o->cancel;
		fo.perturb = perturb;
		fo.perturb_ctx = &w;
		fo.keep_models = 1;
		fo.comm = o->comm;
		w.r = r;
		w.prev = prev;
		w.n = n;
		w.iter = m;
		w.days = o->until - sc->start;
		w.every = o->every;
		w.sd = o->rw_sd * sqrt(o->every / 30.0);
		w.cooling = o->cooling;
		w.iterations = o->iterations;
		w.key = mix(fo.seed ^ 0xA5F1C0DEull);
		rc = dur_filter_run(sc, rec, &fo, &fr, err);
		if (rc)
			goto fail;
		for (long i = 0; i < n; i++)
			for (int j = 0; j < r->kall; j++)
				prev[(size_t)i * (size_t)r->kall + (size_t)j] =
					*dur_model_at(&fr->models[i],
						      r->alloff[j]);
		r->loglik[m] = fr->loglik;
		r->nused = fr->nused;
		r->from = fr->from;
		r->until = fr->until;
		dur_filter_result_free(fr);
		trace_row(r, m + 1, prev, n, tmp);
		if (o->progress) {
			struct dur_progress pr = { m + 1, o->iterations,
						   r->loglik[m], NAN, NULL };

			o->progress(o->progress_ctx, &pr);
		}
	}
	memcpy(r->swarm, prev, (size_t)n * (size_t)r->kall * sizeof(double));
	free(prev);
	free(tmp);
	*out = r;
	return 0;
fail:
	free(prev);
	free(tmp);
	dur_if2_result_free(r);
	return rc;
}

void dur_if2_ensemble(const struct dur_if2_result *r,
		      struct dur_param_ensemble *e)
{
	long n = r->n < DUR_MAX_ENS_SETS ? r->n : DUR_MAX_ENS_SETS;
	char d[16];

	memset(e, 0, sizeof(*e));
	e->n = (int)n;
	e->k = r->kall;
	for (int j = 0; j < r->kall; j++) {
		snprintf(e->path[j], sizeof(e->path[j]), "%s", r->allpath[j]);
		e->off[j] = r->alloff[j];
	}
	for (long i = 0; i < n; i++) {
		/* evenly thinned: set i of n from swarm set i * N / n */
		long s = (long)((double)i * (double)r->n / (double)n);

		for (int j = 0; j < r->kall; j++)
			e->set[i][j] =
				r->swarm[(size_t)s * (size_t)r->kall +
					 (size_t)j];
	}
	snprintf(e->source, sizeof(e->source),
		 "IF2 (docs/calibration.md) on record %s, sha256 %.16s..., "
		 "%d facts ending before %s; %ld particles, %d iterations, "
		 "walk sd %g, cooling %g, seed %llu",
		 r->record, r->digest, r->nused,
		 dur_date_format(r->until, d), r->n, r->iterations,
		 r->opts.rw_sd, r->opts.cooling,
		 (unsigned long long)r->opts.seed);
}
