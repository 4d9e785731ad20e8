/*
 * calibrate.h: fitting parameters to the stated figures.
 *
 * Simulated method of moments: for parameter values x, run the scenario's
 * hindcast (always the same runs and seed, so that the loss is a smooth
 * function of x on common random numbers) and add up, over the numeric
 * targets, how far each target's modelled mean lies outside the interval its
 * statement allows (smm.h, dur_smm_target_loss). NLopt's derivative-free
 * BOBYQA minimises it within the parameters' ranges.
 */
#ifndef DURAND_CALIBRATE_H
#define DURAND_CALIBRATE_H

#include <stdint.h>

#include "durand/hindcast.h"
#include "durand/scenario.h"

#define DUR_CALIBRATE_MAX 16

struct dur_calibrate {
	int k;                              /* parameters fitted */
	char path[DUR_CALIBRATE_MAX][96];   /* their paths */
	size_t off[DUR_CALIBRATE_MAX];      /* offsets in struct dur_model */
	double lo[DUR_CALIBRATE_MAX], hi[DUR_CALIBRATE_MAX]; /* bounds */
	double start[DUR_CALIBRATE_MAX];    /* the scenario's values */
	double x[DUR_CALIBRATE_MAX];        /* the fit */
	double start_loss, loss;            /* loss at start and at the fit */
	int evals;                          /* evaluations made */
	int converged;                      /* 1 if a tolerance was met */
};

struct dur_calibrate_opts {
	long runs;         /* runs per evaluation */
	uint64_t seed;
	int threads;
	int max_evals;
	int32_t until;     /* last day of the hindcast (day number) */
	const dur_cancel *cancel;
	dur_progress_fn *progress; /* per evaluation: done is its number,
				      total max_evals, value its loss, best
				      the best loss so far */
	void *progress_ctx;
};

/* The defaults: 200 runs per evaluation, seed 1, all cores, 60 evaluations
 * at most, the hindcast up to the scenario's latest target. */
#define DUR_CALIBRATE_OPTS_INIT                                             \
	{ .runs = 200, .seed = 1, .max_evals = 60,                          \
	  .until = DUR_HINDCAST_UNTIL_LAST_TARGET }

/*
 * Check the paths and take their bounds from the scenario's ranges. An
 * unknown path is DUR_ENOTFOUND with the nearest names in the message; a
 * path without a range is DUR_EINVAL.
 */
int dur_calibrate_setup(const struct dur_scenario *sc,
			const char *const *paths, int k,
			struct dur_calibrate *cal, struct dur_error *err);

/* The loss of a finished hindcast (sum over numeric targets). */
double dur_calibrate_loss(const struct dur_hindcast *h);

/* Fit. DUR_ENOCONV (the best fit is still in cal) when max_evals ran out;
 * DUR_ECANCEL when interrupted (likewise). */
int dur_calibrate_run(const struct dur_scenario *sc,
		      const struct dur_calibrate_opts *o,
		      struct dur_calibrate *cal, struct dur_error *err);

/*
 * The scenario text with the fitted values written into its `overrides:`
 * section (made if missing), each annotated with the loss. A new string the
 * caller frees; NULL when out of memory.
 */
char *dur_calibrate_yaml(const char *text, const struct dur_calibrate *cal);

#endif
