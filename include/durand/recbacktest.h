/*
 * recbacktest.h: the backtest of durand's forecasts against the crisis
 * record (docs/backtest.md, "The record backtest"; issue 13).
 *
 * For each origin, the scenario is filtered through the record's facts that
 * end before the origin (observe.h, dur_filter_run) and run forward from
 * the filtered cloud for the horizon (dur_obs_forecast_run): draws of the
 * figure the record would show for every fact lying wholly within the
 * horizon that the model observes, and monthly series of the events the
 * record lists in full. Those draws are scored (score.h) against what the
 * record shows, beside simple baselines on the same targets that see only
 * the facts ending before the origin:
 *
 *   tracker counts (militant_attacks, terrorist_attacks,
 *   deaths_in_militant_attacks, deaths_in_terrorist_attacks):
 *     no-change    Poisson draws with mean the same publisher's figure of
 *                  the same quantity for the same period a year earlier
 *     climatology  a bootstrap of that publisher's figures for the same
 *                  period in every earlier year (at least
 *                  DUR_RECBT_MIN_YEARS of them)
 *     negbin       a negative binomial fitted by moments on those figures
 *                  (Poisson when their variance does not exceed their mean;
 *                  at least DUR_RECBT_MIN_YEARS)
 *   monthly events ("at least one strike day in the month", "at least one
 *   ceasefire", "crossing X closed at the month's end"):
 *     climatology  the share of the whole months since the scenario's
 *                  start and before the origin in which the record shows
 *                  the event
 *
 * A publisher is the first word of a fact's source ("PICSS", "PIPS").
 * Nothing on or after o->limit is used by anything: the record is cut there
 * first, and origins or horizons reaching past it are refused.
 */
#ifndef DURAND_RECBACKTEST_H
#define DURAND_RECBACKTEST_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/if2.h"
#include "durand/pfilter.h"
#include "durand/record.h"
#include "durand/rng.h"
#include "durand/scenario.h"
#include "durand/score.h"

#define DUR_RECBT_MAXORIGINS 64
/* Earlier years a climatology or negbin baseline needs (assumed: a
 * bootstrap of one figure is a point mass, and a variance needs two). */
#define DUR_RECBT_MIN_YEARS 2

/* The parameters --refit re-estimates when the scenario has no ensemble:
 * those of the shipped scenarios set by hand on the record's facts of
 * 2022-2024 that the record's filter sees (docs/backtest.md). */
#define DUR_RECBT_REFIT_DEFAULT                                             \
	"ttp.mu,ttp.growth,attack.fatality_mean,strike.urge_gain,"          \
	"closure.mean_days"
/* IF2's sizes at each origin by default (modest: three origins in about a
 * minute of CPU; raise them with the options). */
#define DUR_RECBT_REFIT_PARTICLES 500
#define DUR_RECBT_REFIT_ITERATIONS 10

enum dur_recbt_forecaster {
	DUR_RECBT_DURAND,
	DUR_RECBT_NOCHANGE,
	DUR_RECBT_CLIM,
	DUR_RECBT_NEGBIN,
	DUR_RECBT_NFC
};

/* "durand", "no-change", "climatology", "negbin". */
const char *dur_recbt_forecaster_name(int f);

enum dur_recbt_kind {
	DUR_RECBT_COUNT, /* a figure over a period: CRPS, intervals, PIT */
	DUR_RECBT_EVENT, /* a dated event of the record, recorded or not */
	DUR_RECBT_MONTH, /* a monthly series' event: Brier and log score */
};

struct dur_recbt_opts {
	int norigins;
	const int32_t *origin; /* day numbers, ascending */
	int months;            /* horizon: to the same date months later */
	long particles;        /* of each origin's filter */
	long runs;             /* draws per forecast (and per baseline) */
	uint64_t seed;
	int threads;           /* 0: all cores */
	int crps_kind;         /* enum dur_score_crps_kind */
	int nboot;             /* bootstrap resamples of skill intervals */
	double level;          /* their coverage */
	int32_t limit;         /* day number: nothing on or after it is used
				  (0: no limit) */
	int keep_samples;      /* 1: keep every row's draws (samples) */
	/* --refit: at each origin, the parameters `fit` (nfit of them; 0: the
	 * paths of the scenario's ensemble if it has one, else
	 * DUR_RECBT_REFIT_DEFAULT) are estimated by IF2 (if2.h) on the facts
	 * that end before the origin, starting uniform over their ranges;
	 * the final swarm is the ensemble the origin's filter and forecast
	 * run with. if2's particles, iterations, rw_sd, cooling and every are
	 * used; its seed, until, threads and cancel are set per origin. */
	int refit;
	int nfit;
	const char *const *fit;
	/* --refit in two stages (2, the default) as the shipped ensemble was
	 * made: the attack rate's paths among `fit` (ttp.mu, ttp.growth) by
	 * IF2 on the trackers' counts alone, then the others on every fact,
	 * each particle carrying a first-stage pair; every refitted path
	 * starts at its range's middle until its stage. 1: one IF2 of all. */
	int stages;
	struct dur_if2_opts if2;
	const volatile sig_atomic_t *cancel;
	/* NULL, or the processes each origin's filter splits its particles
	 * over (pfilter.h); each returns the same result. */
	const struct dur_pf_comm *comm;
};

#define DUR_RECBT_OPTS_INIT                                                \
	{ .norigins = 0, .origin = NULL, .months = 12, .particles = 2000,  \
	  .runs = 1000, .seed = 1, .threads = 0, .crps_kind = DUR_CRPS_FAIR, \
	  .nboot = 1000, .level = 0.9, .limit = 0, .keep_samples = 0,      \
	  .refit = 0, .nfit = 0, .fit = NULL, .stages = 2,                  \
	  .if2 = { .particles = DUR_RECBT_REFIT_PARTICLES,                  \
		   .iterations = DUR_RECBT_REFIT_ITERATIONS, .rw_sd = 0.1,   \
		   .cooling = 0.1, .every = 7, .from_scenario = 0,          \
		   .start_sd = 0.5, .seed = 1, .threads = 0, .until = 0,    \
		   .cancel = NULL, .progress = NULL, .progress_ctx = NULL }, \
	  .cancel = NULL, .comm = NULL }

/* One origin x target x forecaster. Scores that do not apply are NAN
 * (cover50 and cover90 then -1). */
struct dur_recbt_row {
	int origin_index;
	int32_t origin;
	char target[64];   /* the fact's id, or the series' name */
	char quantity[64]; /* the record's quantity, or "month_with_strike",
			      "month_with_ceasefire", "closed_at_month_end" */
	int kind;          /* enum dur_recbt_kind */
	int32_t start, end; /* the period (inclusive) */
	int forecaster;    /* enum dur_recbt_forecaster */
	double observed;   /* the figure (1 for an event; 0/1 for a month) */
	double lo, hi;     /* the figure as an interval (hi INFINITY when
			      censored) */
	double crps;       /* CRPS_int over [lo, hi] */
	double is50, is90; /* interval scores at alpha 0.5 and 0.1 */
	int cover50, cover90;
	double pit;        /* randomised */
	double p_event;    /* forecast chance of the event */
	double brier, logs; /* log score clamped at 1/(2 runs) */
};

/* A baseline that could not be scored on a target, and why. */
struct dur_recbt_unscored {
	int origin_index;
	char target[64];
	int forecaster;
	char why[96];
};

/* Means of a quantity's rows for one forecaster. */
struct dur_recbt_mean {
	char quantity[64];
	int forecaster;
	long n;
	double crps, is50, is90, cover50, cover90, brier, logs;
};

/* durand against a baseline on the rows both scored: the skill on CRPS
 * (counts) or the Brier score (monthly events), with a bootstrap interval
 * over origins. */
struct dur_recbt_skill {
	char quantity[64]; /* or "tracker counts", all four pooled */
	int baseline;      /* enum dur_recbt_forecaster */
	const char *score; /* "crps" or "brier" */
	int norigins;      /* origins the rows come from */
	struct dur_skill s;
};

/* What IF2 estimated at one origin (--refit): the final swarm's median
 * and 90% interval of each parameter. */
struct dur_recbt_refit {
	int32_t until;       /* the facts used end before it (the origin) */
	int nused;           /* facts that weighed the particles */
	double loglik;       /* the last iteration's log-likelihood */
	double q05[DUR_IF2_MAX], q50[DUR_IF2_MAX], q95[DUR_IF2_MAX];
};

/* The stage --refit fits a path in, with two stages: 1 for the attack
 * rate's (ttp.mu, ttp.growth), 2 for the others. */
int dur_recbt_stage_of(const char *path);

struct dur_recbt_result {
	int norigins;
	int refit;                                  /* 1: parameters refitted */
	int stages;                                 /* with refit: 1 or 2 */
	int stage[DUR_IF2_MAX];                     /* each fit path's stage */
	int nfit;                                   /* with refit: how many */
	char fit[DUR_IF2_MAX][96];                  /* their paths */
	double fit_lo[DUR_IF2_MAX], fit_hi[DUR_IF2_MAX]; /* their ranges */
	struct dur_recbt_refit refitted[DUR_RECBT_MAXORIGINS];
	long runs;                                  /* draws per row */
	/* with keep_samples: [nrows * runs], row i's draws (durand's in run
	 * order, a baseline's sorted) at i * runs; NAN for a row without
	 * draws (the climatology of a monthly event is a rate) */
	double *samples;
	int32_t origin[DUR_RECBT_MAXORIGINS];
	int32_t horizon_end[DUR_RECBT_MAXORIGINS]; /* first day after */
	int filter_used[DUR_RECBT_MAXORIGINS];     /* facts filtered */
	size_t nrows;
	struct dur_recbt_row *row; /* by origin, target, forecaster */
	size_t nunscored;
	struct dur_recbt_unscored *unscored;
	size_t nmean;
	struct dur_recbt_mean *mean; /* by quantity (first seen), forecaster */
	size_t nskill;
	struct dur_recbt_skill *skill;
	long cover90_n;            /* durand's count rows */
	double cover90_durand;     /* share of them its 90% interval covers */
};

/* The first day `months` calendar months after day (the same date; the
 * month's last day when it has no such date). */
int32_t dur_recbt_add_months(int32_t day, int months);

/*
 * Run the backtest of sc on rec. DUR_EINVAL for no origin or too many,
 * origins not ascending, an origin not after the scenario's start, or an
 * origin or horizon reaching past o->limit (the message names it). Free
 * *out with dur_recbt_free.
 */
int dur_recbt_run(const struct dur_scenario *sc, const struct dur_record *rec,
		  const struct dur_recbt_opts *o,
		  struct dur_recbt_result **out, struct dur_error *err);

void dur_recbt_free(struct dur_recbt_result *r);

/*
 * A baseline's draws for the count fact rec->fact[target] as seen before
 * origin (only facts ending before it): m draws to x (unsorted). Returns 0,
 * or DUR_ENOTFOUND with why (at least 96 bytes) saying what is missing.
 * The earlier figures used are written to *nyears.
 */
int dur_recbt_baseline(const struct dur_record *rec, int target,
		       int32_t origin, int forecaster, long m,
		       struct dur_rng *r, double *x, int *nyears, char *why);

/*
 * The figures of the count fact rec->fact[target]'s quantity and publisher
 * for the same period 1, 2, ..., max years earlier that end before origin
 * (what the no-change and climatology baselines see), oldest first: their
 * periods to start and end, the figures to value (each max long). Returns
 * their number.
 */
int dur_recbt_history(const struct dur_record *rec, int target,
		      int32_t origin, int max, int32_t *start, int32_t *end,
		      double *value);

/*
 * The climatological chance of a monthly event: the share of the whole
 * months in [from, origin) in which rec's facts ending before origin show
 * it. series is "strike_days" (a strike in Afghanistan or on a city),
 * "ceasefires", or "closed_at_end.X" (crossing X closed on the month's last
 * day). NAN when no whole month lies there; *nmonths gets their number.
 */
double dur_recbt_month_rate(const struct dur_record *rec, const char *series,
			    int32_t from, int32_t origin, int *nmonths);

#endif
