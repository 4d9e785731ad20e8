/*
 * baseline.h: the simple forecasters every backtest scores a model
 * against (docs/backtest.md). Each is a struct dur_forecaster
 * (backtest.h) that sees only the data before its origin:
 *
 *   no-change    Poisson draws with mean the last period's value
 *   climatology  a bootstrap of the trailing 12 periods (ViEWS'
 *                "conflictology")
 *   negbin       a negative binomial fitted by moments on the trailing
 *                DUR_BASELINE_NB_WINDOW periods (Poisson when the
 *                variance does not exceed the mean)
 *   hawkes       the one-stream daily Hawkes process fitted by maximum
 *                likelihood (fit.h) on the DUR_BASELINE_HAWKES_DAYS days
 *                before the origin and simulated forward from the state
 *                its history leaves; deaths are drawn per simulated event
 *                from the window's deaths per event
 */
#ifndef DURAND_BASELINE_H
#define DURAND_BASELINE_H

#include "durand/backtest.h"

/* Trailing windows (assumed: a year of climatology as in ViEWS; two years
 * for the negative binomial's two moments; two years of days, short
 * enough for the Hawkes fit's constant baseline). */
#define DUR_BASELINE_CLIM_WINDOW 12
#define DUR_BASELINE_NB_WINDOW 24
#define DUR_BASELINE_HAWKES_DAYS 730

/* The baselines' names, comma-separated, in their default order. */
#define DUR_BASELINE_ALL "no-change,climatology,negbin,hawkes"

/* Set *f to the baseline called name; DUR_ENOTFOUND if there is none. */
int dur_baseline_find(const char *name, struct dur_forecaster *f,
		      struct dur_error *err);

#endif
