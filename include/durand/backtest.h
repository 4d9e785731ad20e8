/*
 * backtest.h: rolling-origin backtests of sample forecasts, scored against
 * monthly observations (docs/backtest.md).
 *
 * The data come as plain arrays (the CLI reads the event store; analysis
 * never does): a monthly series per quantity, with the interval [low,
 * high] where the observation is one (UCDP's death estimates), and the
 * same stream by day. For each origin, each forecaster sees a view of the
 * data cut at the origin (periods and days strictly before it: the arrays
 * are the same, only their lengths shrink) and returns m draws for each
 * period of the horizon; the frame scores them (score.h).
 *
 * Forecasters plug in through struct dur_forecaster. A forecaster's
 * forecast() is called from several threads at once (one origin each) and
 * must only read its ctx. Its random numbers come from q->rng, a stream
 * keyed by (seed, origin, forecaster, quantity), so results are the same
 * for any number of threads.
 */
#ifndef DURAND_BACKTEST_H
#define DURAND_BACKTEST_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/pfilter.h"
#include "durand/rng.h"
#include "durand/score.h"

#define DUR_BACKTEST_MAXQ 4   /* quantities */
#define DUR_BACKTEST_MAXF 16  /* forecasters */
#define DUR_BACKTEST_PITBINS 10

/* Monthly observations and the daily stream behind them. */
struct dur_backtest_data {
	int nperiods;          /* periods of data (months) */
	const int32_t *period; /* first day of each; period[nperiods] is
				  the day after the data's end */
	int nquant;            /* quantities */
	const char *quantity[DUR_BACKTEST_MAXQ]; /* "events", "deaths" */
	const double *value[DUR_BACKTEST_MAXQ];  /* per period (best) */
	const double *low[DUR_BACKTEST_MAXQ];    /* interval observations;
						    NULL: value is exact */
	const double *high[DUR_BACKTEST_MAXQ];
	long ndays;                 /* days from period[0] */
	const double *day_events;   /* events of each day */
	const double *day_deaths;   /* their deaths (best) */
};

/* What one call of a forecaster is asked for. */
struct dur_forecast_req {
	int quantity;                /* index into the data's quantities */
	int32_t origin;              /* first day the forecaster cannot see */
	int origin_index;            /* 0.. in the backtest's origins */
	int nperiods;                /* periods to forecast */
	const int32_t *period_start; /* their first days, nperiods + 1 */
	int m;                       /* draws per period */
	uint64_t seed;               /* the backtest's seed */
	struct dur_rng *rng;         /* this call's own stream */
};

struct dur_forecaster {
	const char *name; /* "no-change", "climatology", ... */
	void *ctx;        /* the forecaster's, read only */
	/* Fill samples[p * m + j], draw j of period p, from past (the data
	 * cut at q->origin). */
	int (*forecast)(void *ctx, const struct dur_backtest_data *past,
			const struct dur_forecast_req *q, double *samples,
			struct dur_error *err);
};

struct dur_backtest_opts {
	int norigins;
	const int32_t *origin; /* period starts, ascending */
	int horizon;           /* periods after each origin */
	int m;                 /* draws per forecast */
	uint64_t seed;
	int crps_kind;         /* enum dur_score_crps_kind */
	int nboot;             /* bootstrap resamples of skill intervals */
	double level;          /* their coverage (0.9) */
	int keep_samples;      /* 1: keep every draw in the result */
	int threads;           /* OpenMP threads; 0 the default */
	/* NULL, or processes to split the origins over (the particle
	 * filter's hook, pfilter.h): rank r of P scores origins [no r / P,
	 * no (r + 1) / P), and the rows, in origin order, are gathered to
	 * every rank; each returns the same result. */
	const struct dur_pf_comm *comm;
};

#define DUR_BACKTEST_OPTS_INIT { 0, NULL, 6, 1000, 1, DUR_CRPS_FAIR, \
				 1000, 0.9, 0, 0, NULL }

/* One origin x quantity x period x forecaster. */
struct dur_backtest_row {
	int origin_index;
	int32_t origin;
	int quantity;
	int step;                 /* 1 = the period starting at the origin */
	int32_t period;           /* its first day */
	int forecaster;
	double observed, low, high; /* low = high = observed for exact ones */
	double crps;              /* CRPS_int with [low, high] */
	double is50, is90;        /* interval scores, alpha 0.5 and 0.1 */
	int cover50, cover90;     /* observed in the central interval */
	double pit;               /* randomised */
	double p_event;           /* P(value >= 1) */
	double brier, logs;       /* of the event value >= 1; log score
				     clamped at 1/(2m) */
};

/* Mean scores of a group of rows. */
struct dur_backtest_mean {
	long n;
	double crps, is50, is90, cover50, cover90, brier, logs;
};

struct dur_backtest_result {
	int nquant, nfc, horizon, m;
	size_t nrows;                 /* scored rows */
	struct dur_backtest_row *row; /* by origin, quantity, step,
					 forecaster */
	double *samples;              /* row r's draws at r * m (sorted);
					 NULL unless keep_samples */
	int nunscored;                /* (origin, period) pairs past the
					 data's end, not scored */
	int32_t *unscored;            /* their origins and periods, in
					 pairs */
	/* by quantity, step (0 = all steps) and forecaster */
	struct dur_backtest_mean *mean; /* [(q * (horizon + 1) + s) * nfc + f] */
	long *pit_hist;                 /* [(q * nfc + f) * PITBINS + b] */
	/* skill of forecaster a against b on CRPS, by quantity */
	struct dur_skill *skill;        /* [(q * nfc + a) * nfc + b] */
};

/*
 * Run the backtest of nfc forecasters on d over o's origins. Each origin
 * must be a period start after the first period and before the data's
 * end (DUR_EINVAL naming it otherwise); periods of a horizon past the
 * data's end are left out and listed in r->unscored. Free r with
 * dur_backtest_release.
 */
int dur_backtest_run(const struct dur_backtest_data *d,
		     const struct dur_forecaster *fc, int nfc,
		     const struct dur_backtest_opts *o,
		     struct dur_backtest_result *r, struct dur_error *err);

void dur_backtest_release(struct dur_backtest_result *r);

#endif
