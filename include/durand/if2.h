/*
 * if2.h: parameters estimated by iterated filtering (IF2: Ionides, Nguyen,
 * Atchadé, Stoev and King 2015, "Inference for dynamic and latent variable
 * models via iterated, perturbed Bayes maps", PNAS 112:719-724; the method
 * of pomp's mif2()).
 *
 * Each particle of the record's particle filter (observe.h) carries its own
 * values of the fitted parameters, which take a random walk on the logit
 * scale of their ranges as the particle moves through the record: the
 * filter's resampling keeps the values that explain the facts. Iteration
 * m + 1 starts from iteration m's final swarm of values, and the walk's
 * standard deviation shrinks geometrically from iteration to iteration
 * (and day to day within one), so the swarm closes in on the values of
 * highest likelihood. The final swarm (N equally weighted parameter sets)
 * is what `durand calibrate --method if2` writes as a scenario's parameter
 * ensemble (scenario.h, struct dur_param_ensemble).
 *
 * Determinism: a particle's walk draws from its own stream keyed by (seed
 * of the iteration, particle stream, day), so the result is the same bits
 * for any number of threads.
 */
#ifndef DURAND_IF2_H
#define DURAND_IF2_H

#include <stdint.h>

#include "durand/pfilter.h"
#include "durand/record.h"
#include "durand/scenario.h"

#define DUR_IF2_MAX DUR_MAX_ENS_PARAMS /* parameters fitted at most */

struct dur_if2_opts {
	long particles;     /* N, particles (and parameter sets) */
	int iterations;     /* M, filters run one after the other */
	double rw_sd;       /* the walk's sd on the logit scale over 30 days,
			       at the start of iteration 1 */
	double cooling;     /* the fraction of rw_sd left at the end of
			       iteration M (geometric cooling) */
	int every;          /* days between two steps of the walk */
	int from_scenario;  /* 1: start the swarm around the scenario's
			       values (logit sd start_sd); 0: uniform within
			       the ranges */
	double start_sd;    /* with from_scenario */
	uint64_t seed;
	int threads;        /* 0: all cores */
	int32_t until;      /* day number: facts that end before it */
	const dur_cancel *cancel;
	/* Optional: called after each iteration (from the caller's thread). */
	dur_progress_fn *progress; /* per iteration: done of total iterations,
				      value its log-likelihood */
	void *progress_ctx;
	/* NULL, or the processes each iteration's filter splits its
	 * particles over (pfilter.h); each returns the same result. */
	const struct dur_pf_comm *comm;
};

#define DUR_IF2_OPTS_INIT                                                  \
	{ .particles = 1000, .iterations = 10, .rw_sd = 0.1, .cooling = 0.1, \
	  .every = 7, .from_scenario = 0, .start_sd = 0.5, .seed = 1,        \
	  .threads = 0, .until = 0, .cancel = NULL, .progress = NULL,         \
	  .progress_ctx = NULL, .comm = NULL }

struct dur_if2_result {
	int k;                           /* parameters fitted */
	char path[DUR_IF2_MAX][96];      /* their paths */
	size_t off[DUR_IF2_MAX];         /* offsets in struct dur_model */
	double lo[DUR_IF2_MAX], hi[DUR_IF2_MAX]; /* their ranges */
	int kall;                        /* columns of the swarm: the k
					    fitted, then the parameters of the
					    scenario's own ensemble not fitted
					    (carried along, not perturbed) */
	char allpath[DUR_MAX_ENS_PARAMS][96];
	size_t alloff[DUR_MAX_ENS_PARAMS];
	int iterations;                  /* M */
	double *loglik;                  /* [M] each filter's log-likelihood
					    estimate (of the perturbed model) */
	/* [(M + 1) * k], row 0 the starting swarm, row m after iteration m:
	 * each parameter's mean and its 5%, 50% and 95% quantiles */
	double *mean, *q05, *q50, *q95;
	long n;                          /* sets in the final swarm */
	double *swarm;                   /* [n * kall], set i at i * kall */
	int nused;                       /* facts that weighed the particles */
	int32_t from, until;             /* day numbers filtered */
	char record[128];                /* the record's name */
	char digest[65];                 /* its SHA-256 */
	struct dur_if2_opts opts;        /* the options it ran with */
};

/*
 * Estimate the parameters at `paths` (each with a range in sc) by M
 * iterations of the filter of sc through the facts of rec that end before
 * o->until. On success *out is new (dur_if2_result_free). An unknown path
 * is DUR_ENOTFOUND, a path without a range, more than DUR_IF2_MAX paths or
 * bad options DUR_EINVAL; the filter's errors pass through (DUR_ENOCONV
 * when no particle can produce a fact, DUR_ECANCEL).
 */
int dur_if2_run(const struct dur_scenario *sc, const struct dur_record *rec,
		const char *const *paths, int k, const struct dur_if2_opts *o,
		struct dur_if2_result **out, struct dur_error *err);

void dur_if2_result_free(struct dur_if2_result *r);

/*
 * The final swarm as a parameter ensemble (at most DUR_MAX_ENS_SETS sets:
 * a larger swarm is thinned evenly), with a source that says how it was
 * made.
 */
void dur_if2_ensemble(const struct dur_if2_result *r,
		      struct dur_param_ensemble *e);

#endif
