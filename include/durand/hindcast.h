/*
 * hindcast.h: holding a scenario against the record.
 *
 * A hindcast runs an ensemble from the scenario's start to a date and, for
 * each of the scenario's targets (a stated figure over a date range), sums
 * the run's outcome over that range. It says whether the model is consistent
 * with each figure under one fixed rule per way of stating it:
 *   over X, more than X, at least X: the median lies in [X, 1.25 X];
 *   around X: the median lies within 15% of X;
 *   exactly X: X lies in the 90% interval and the median within 25% of X;
 *   event (it happened, at least X times): P(count >= X) >= 0.5.
 * It can also summarise each modelled stream per month or year.
 */
#ifndef DURAND_HINDCAST_H
#define DURAND_HINDCAST_H

#include <stdint.h>

#include <jansson.h>

#include "durand/scenario.h"
#include "durand/sketch.h"

enum dur_period { DUR_PERIOD_NONE, DUR_PERIOD_MONTH, DUR_PERIOD_YEAR };

struct dur_hindcast_opts {
	long runs;
	uint64_t seed;
	int32_t until;  /* last day (day number) simulated, inclusive, or
			   DUR_HINDCAST_UNTIL_LAST_TARGET */
	int threads;    /* 0: all cores */
	int period;     /* enum dur_period: series to keep */
	const dur_cancel *cancel;
	dur_progress_fn *progress;
	void *progress_ctx;
};

/* Days a hindcast spans at most, from the scenario's start to until: a
 * century, as a run's horizon (--days). */
#define DUR_HINDCAST_DAYS_MAX 36500

/* An `until` that stands for the latest day any target of the scenario
 * covers (its start + days - 1 if it has no target): the default. */
#define DUR_HINDCAST_UNTIL_LAST_TARGET INT32_MIN

/* The defaults (docs/hindcast.md): 2000 runs, seed 1, up to the latest
 * target, all cores, no series. */
#define DUR_HINDCAST_OPTS_INIT                                              \
	{ .runs = 2000, .seed = 1, .until = DUR_HINDCAST_UNTIL_LAST_TARGET,  \
	  .period = DUR_PERIOD_NONE }

/* Streams of the per-period series. */
#define DUR_HINDCAST_STREAMS 9

struct dur_hindcast {
	const struct dur_scenario *sc; /* borrowed */
	long runs;
	uint64_t seed;
	int32_t until;
	int days;
	struct dur_sketch target[DUR_MAX_TARGETS]; /* per-run sum over range */
	int outcome[DUR_MAX_TARGETS];  /* each target's outcome index */
	int32_t from[DUR_MAX_TARGETS], to[DUR_MAX_TARGETS]; /* day offsets */
	int period;
	int nperiods;
	int32_t *period_start; /* [nperiods + 1] day offsets */
	struct dur_sketch *series; /* [DUR_HINDCAST_STREAMS * nperiods] */
};

/* Run the hindcast; *out is new (dur_hindcast_free). */
int dur_hindcast_run(const struct dur_scenario *sc,
		     const struct dur_hindcast_opts *o,
		     struct dur_hindcast **out, struct dur_error *err);

void dur_hindcast_free(struct dur_hindcast *h);

/* The latest day any target of sc covers; sc's last day if it has none. */
int32_t dur_hindcast_last_target(const struct dur_scenario *sc);

/* Is target i consistent (rule above)? Fills p with P(count >= stated). */
int dur_hindcast_consistent(const struct dur_hindcast *h, int i, double *p);

/* Name of the way a target is stated ("over", "around"...). */
const char *dur_target_kind_name(int kind);

/* Name of series stream k ("attacks"). */
const char *dur_hindcast_stream_name(int k);

/* The hindcast as JSON (docs/hindcast.md); NULL when out of memory. */
json_t *dur_hindcast_json(const struct dur_hindcast *h);

#endif
