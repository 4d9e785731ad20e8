/*
 * ensemble.h: many runs of a scenario, summarised as they finish.
 *
 * Run i of an ensemble draws from the stream (seed, i) whatever thread or
 * process runs it, and every summary is a set of integer histograms and sums
 * (sketch.h), merged in any order to the same bits. So the result of a seed
 * is identical for 1 or 64 threads, and the summaries of disjoint run ranges
 * (dur_ensemble_opts.first_run) merge into the summary of their union: the
 * basis of scale-out over MPI. Memory does not grow with runs.
 *
 * With what-ifs, each run is simulated once per variant on the same stream
 * (common random numbers) and the run's difference to the baseline is
 * summarised too.
 */
#ifndef DURAND_ENSEMBLE_H
#define DURAND_ENSEMBLE_H

#include <stdint.h>

#include "durand/cloud.h"
#include "durand/scenario.h"
#include "durand/sim.h"
#include "durand/sketch.h"

#define DUR_MAX_WHAT_IFS 16
#define DUR_MAX_PROBS 16

/* A threshold on an outcome's per-run total: `fatalities_pakistan>1000`,
 * or on its running total at the end of a day of the horizon:
 * `strikes_city>=1@2026-03-31` (reached BY that date). */
enum dur_cmp { DUR_CMP_GT, DUR_CMP_GE, DUR_CMP_LT, DUR_CMP_LE };
struct dur_threshold {
	int outcome;      /* index, dur_outcome_find() */
	enum dur_cmp cmp;
	double x;
	int dated;        /* 1: counted at the end of day `by` */
	int32_t by;       /* a day number (date.h), when dated */
	char text[128];   /* as given, for labels */
};

/* Parse "OUTCOME>X" (also >=, <, <=), optionally "@YYYY-MM-DD", for sc;
 * DUR_EINVAL naming what is wrong (an unknown outcome, a missing operator,
 * a bad number, a bad date). The date is checked against a horizon by
 * dur_threshold_check, once the start is known. */
int dur_threshold_parse(const struct dur_scenario *sc, const char *text,
			struct dur_threshold *t, struct dur_error *err);

/* DUR_EINVAL naming the horizon unless t's date (if any) is one of the
 * `days` days from `start`. */
int dur_threshold_check(const struct dur_threshold *t, int32_t start,
			int days, struct dur_error *err);

/* Whether a run's total v passes t. */
int dur_threshold_holds(const struct dur_threshold *t, int64_t v);

/* What one variant (the baseline or a what-if) adds up to. */
struct dur_summary {
	int nout;                  /* outcomes, dur_outcome_count() */
	struct dur_sketch *out;    /* [nout] per-run totals */
	struct dur_sketch *diff;   /* [nout] run's value minus baseline's, or
				      NULL for the baseline */
	int64_t reach[DUR_MAX_RUNGS]; /* runs whose highest rung >= r */
	struct dur_sketch first_strike; /* day of first strike, if any */
	struct dur_sketch ceasefire_days; /* duration of each ended or
					     surviving ceasefire */
	int days;                  /* horizon of the daily series */
	struct dur_sketch *daily_pak, *daily_afg; /* [days] cumulative deaths */
	int64_t *daily_rung;       /* [days * DUR_MAX_RUNGS] runs at rung r */
	int64_t start_at[DUR_MAX_RUNGS]; /* runs that started at rung r */
	/* Calendar months of the horizon (dur_date_months): month k ends
	 * before day offset month_end[k]; the first and last may be
	 * partial. monthly[k * nout + i] holds each run's count of outcome i
	 * within month k (its counter at the month's end minus at the
	 * previous month's end), so the months of a run add up to its total;
	 * max_rung's, not a count, stay empty. */
	int nmonths;
	int *month_end;            /* [nmonths] */
	struct dur_sketch *monthly; /* [nmonths * nout] */
	int64_t prob[DUR_MAX_PROBS]; /* runs passing threshold k */
	/* What-ifs only (zero for the baseline): runs counted by the pair
	 * (baseline yes, this variant yes), index 2 * base + this, for
	 * reaching rung r, a first strike, and threshold k. */
	int64_t reach_pair[DUR_MAX_RUNGS][4];
	int64_t strike_pair[4];
	int64_t prob_pair[DUR_MAX_PROBS][4];
};

struct dur_ensemble_opts {
	long runs;           /* number of runs */
	long first_run;      /* index of the first run (for scale-out) */
	int days;            /* horizon */
	uint64_t seed;
	int threads;         /* 0: all cores */
	int nwhat_if;        /* what-ifs, by index into sc->intervention */
	int what_if[DUR_MAX_WHAT_IFS];
	long event_runs;     /* keep the event log of the first runs */
	dur_event_fn on_event; /* receives those events, in run order */
	void *event_ctx;
	const dur_cancel *cancel; /* stop when it becomes nonzero */
	dur_progress_fn *progress; /* runs done of runs (error.h) */
	void *progress_ctx;
	const struct dur_cloud *cloud; /* start run i from its state i mod n
					  (cloud.h), or NULL: the scenario's */
	int nprobs;          /* thresholds counted in every variant */
	struct dur_threshold prob[DUR_MAX_PROBS];
	int64_t *samples;    /* or NULL; else [runs][1 + nwhat_if][nouts]:
				every run's outcomes, run i - first_run */
};

/* The defaults (docs/output.md): 10000 runs, a 180-day horizon, seed 1, all
 * cores; no what-if, no event log, the scenario's own starting state. */
#define DUR_ENSEMBLE_OPTS_INIT \
	{ .runs = 10000, .days = 180, .seed = 1 }

/* Where a forecast's starting state came from (docs/output.md). */
struct dur_start_info {
	int filtered;            /* 1: a filtered cloud; 0: the scenario's
				    `state:` */
	char record[128];        /* the record filtered, "" if none */
	char record_sha256[65];
	int facts;               /* facts of it the filter used */
	int32_t filtered_from;   /* day number the filter started on */
	char filtered_scenario[64]; /* the scenario filtered */
};

struct dur_result {
	const struct dur_scenario *sc; /* borrowed */
	long runs;            /* runs summarised */
	long first_run;
	int days;
	uint64_t seed;
	int nvariants;        /* 1 + nwhat_if */
	int variant[1 + DUR_MAX_WHAT_IFS]; /* -1 baseline, else intervention */
	struct dur_summary v[1 + DUR_MAX_WHAT_IFS];
	struct dur_start_info start; /* set by whoever chose the start */
	int nprobs;           /* the thresholds of opts, counted in v[].prob */
	struct dur_threshold prob[DUR_MAX_PROBS];
};

/*
 * Run an ensemble. On success *out is a new result (dur_result_free).
 * DUR_ECANCEL when opts->cancel was raised (no result), DUR_ENOMEM.
 */
int dur_ensemble_run(const struct dur_scenario *sc,
		     const struct dur_ensemble_opts *opts,
		     struct dur_result **out, struct dur_error *err);

/* An empty result shaped for sc with these variants, to merge into (its
 * months are those of `days` from sc->start). */
struct dur_result *dur_result_create(const struct dur_scenario *sc,
				     int days, uint64_t seed, int nwhat_if,
				     const int *what_if);

/* Add src's summaries to dst (same scenario, days and variants). */
int dur_result_merge(struct dur_result *dst, const struct dur_result *src);

void dur_result_free(struct dur_result *r);

#endif
