/*
 * sensitivity.h: what would change the outcome? Global sensitivity of
 * chosen statistics (evaluate.h) to parameters over their ranges: Morris
 * elementary effects for screening many, Sobol indices (Saltelli design,
 * bootstrap intervals) for the few that matter. Each design point is an
 * ensemble of the same runs and seed, so differences between points are the
 * parameters' and not the dice's.
 */
#ifndef DURAND_SENSITIVITY_H
#define DURAND_SENSITIVITY_H

#include <stdint.h>

#include <jansson.h>

#include "durand/evaluate.h"
#include "durand/morris.h"
#include "durand/scenario.h"
#include "durand/sobol.h"

enum dur_sa_method { DUR_SA_MORRIS, DUR_SA_SOBOL };

#define DUR_SA_MAX_STATS 8

struct dur_sensitivity_opts {
	int method;          /* enum dur_sa_method */
	long runs;           /* runs per design point */
	int days;            /* horizon */
	uint64_t seed;
	int threads;
	int trajectories;    /* Morris r */
	long n;              /* Sobol base sample size */
	const dur_cancel *cancel;
	dur_progress_fn *progress;
	void *progress_ctx;
};

/* The defaults (docs/sensitivity.md): Morris screening, 100 runs per design
 * point, seed 1, all cores, 10 trajectories, a Sobol base sample of 256;
 * days 0 is the caller's to fill (the scenario's horizon). */
#define DUR_SENSITIVITY_OPTS_INIT                                           \
	{ .method = DUR_SA_MORRIS, .runs = 100, .seed = 1, .trajectories = 10, \
	  .n = 256 }

/* The outcomes analysed when none is named: deaths in Pakistan, the chance
 * of a strike on a city, days of border closure. */
#define DUR_SA_DEFAULT_STATS \
	"fatalities_pakistan", "p:strikes_city", "closure_days"

struct dur_sensitivity {
	const struct dur_scenario *sc; /* borrowed */
	int method, k, nstat;
	long runs, npoints;
	int days;
	uint64_t seed;
	char (*path)[96];              /* [k] */
	double *lo, *hi;               /* [k] */
	char stat[DUR_SA_MAX_STATS][64];
	struct dur_morris_index *morris; /* [nstat * k] */
	struct dur_sobol_index *sobol;   /* [nstat * k] */
};

/* Run the analysis over the parameters `paths` (each needs a range). */
int dur_sensitivity_run(const struct dur_scenario *sc,
			const char *const *paths, int k,
			const char *const *stats, int nstat,
			const struct dur_sensitivity_opts *o,
			struct dur_sensitivity **out, struct dur_error *err);

void dur_sensitivity_free(struct dur_sensitivity *s);

/* As JSON (docs/sensitivity.md), parameters ranked by mu* or ST. */
json_t *dur_sensitivity_json(const struct dur_sensitivity *s);

#endif
