/* test_backtest.c: the frame: forecasters see only the data before the
 * origin, rows come in their order with their scores, periods past the
 * data's end are listed and left out, bad origins are refused, and the
 * result is the same for one thread and two. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/baseline.h"
#include "durand/date.h"

#define NP 30

static int32_t period[NP + 1];
static double events[NP], deaths[NP], lo[NP], hi[NP], day_ev[1000],
	day_de[1000];

static void data(struct dur_backtest_data *d)
{
	memset(d, 0, sizeof(*d));
	for (int i = 0; i <= NP; i++)
		period[i] = dur_date_from_ymd(2010 + i / 12, i % 12 + 1, 1);
	for (int i = 0; i < NP; i++) {
		events[i] = (i * 7) % 5 + 1;
		deaths[i] = 3 * events[i];
		lo[i] = deaths[i] - 1;
		hi[i] = deaths[i] + 2;
	}
	d->nperiods = NP;
	d->period = period;
	d->nquant = 2;
	d->quantity[0] = "events";
	d->quantity[1] = "deaths";
	d->value[0] = events;
	d->value[1] = deaths;
	d->low[1] = lo;
	d->high[1] = hi;
	d->ndays = period[NP] - period[0];
	for (long t = 0; t < d->ndays; t++) {
		day_ev[t] = t % 9 == 0;
		day_de[t] = 2 * day_ev[t];
	}
	d->day_events = day_ev;
	d->day_deaths = day_de;
}

/* Draws exactly what came, read from the full data in ctx, after checking
 * that the view it was handed stops at the origin. */
static int oracle(void *ctx, const struct dur_backtest_data *past,
		  const struct dur_forecast_req *q, double *x,
		  struct dur_error *err)
{
	const struct dur_backtest_data *all = ctx;
	int p0 = past->nperiods;

	if (past->period[p0] != q->origin ||
	    past->ndays != q->origin - past->period[0] ||
	    q->period_start[0] != q->origin)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "saw past the origin");
	for (int p = 0; p < q->nperiods; p++)
		for (int j = 0; j < q->m; j++)
			x[p * q->m + j] = all->value[q->quantity][p0 + p];
	return 0;
}

static void test_rows(void **state)
{
	struct dur_backtest_data d;
	struct dur_backtest_opts o = DUR_BACKTEST_OPTS_INIT;
	struct dur_backtest_result r;
	struct dur_forecaster fc[2];
	struct dur_error err = { 0 };
	int32_t origin[3];

	(void)state;
	data(&d);
	fc[0] = (struct dur_forecaster){ "oracle", &d, oracle };
	assert_int_equal(dur_baseline_find("climatology", &fc[1], &err), 0);
	origin[0] = period[12];
	origin[1] = period[24];
	origin[2] = period[28]; /* two of its four periods are past the end */
	o.norigins = 3;
	o.origin = origin;
	o.horizon = 4;
	o.m = 50;
	o.nboot = 200;
	assert_int_equal(dur_backtest_run(&d, fc, 2, &o, &r, &err), 0);
	assert_int_equal(r.nrows, (4 + 4 + 2) * 2 * 2);
	assert_int_equal(r.nunscored, 2);
	assert_int_equal(r.unscored[0], origin[2]);
	assert_int_equal(r.unscored[1], dur_date_from_ymd(2012, 7, 1));
	assert_int_equal(r.unscored[3], dur_date_from_ymd(2012, 8, 1));
	for (size_t i = 0; i < r.nrows; i++) {
		const struct dur_backtest_row *w = &r.row[i];
		int p = w->step - 1 + (w->origin_index == 0 ? 12 :
				       w->origin_index == 1 ? 24 : 28);

		assert_int_equal(w->period, period[p]);
		assert_true(w->observed == d.value[w->quantity][p]);
		if (w->forecaster == 0) {
			/* the truth with no spread: zero CRPS, interval
			 * scores of zero width, covered */
			assert_true(w->crps == 0 && w->is50 == 0 &&
				    w->is90 == 0);
			assert_true(w->cover50 && w->cover90);
			assert_true(w->brier == 0);
		}
		if (w->quantity == 1)
			assert_true(w->low == w->observed - 1 &&
				    w->high == w->observed + 2);
	}
	/* order: origin, quantity, step, forecaster */
	assert_int_equal(r.row[1].forecaster, 1);
	assert_int_equal(r.row[2].step, 2);
	assert_int_equal(r.row[8].quantity, 1);
	/* the oracle's skill against climatology is 1 */
	assert_true(r.skill[(0 * 2 + 0) * 2 + 1].skill == 1);
	assert_true(r.mean[(0 * 5 + 0) * 2 + 0].n == 10);
	dur_backtest_release(&r);
}

static void test_threads(void **state)
{
	struct dur_backtest_data d;
	struct dur_backtest_opts o = DUR_BACKTEST_OPTS_INIT;
	struct dur_backtest_result a, b;
	struct dur_forecaster fc[4];
	struct dur_error err = { 0 };
	const char *names[4] = { "no-change", "climatology", "negbin",
				 "hawkes" };
	int32_t origin[6];

	(void)state;
	data(&d);
	for (int f = 0; f < 4; f++)
		assert_int_equal(dur_baseline_find(names[f], &fc[f], &err), 0);
	for (int i = 0; i < 6; i++)
		origin[i] = period[12 + 3 * i];
	o.norigins = 6;
	o.origin = origin;
	o.horizon = 3;
	o.m = 100;
	o.seed = 12345;
	o.keep_samples = 1;
	o.threads = 1;
	assert_int_equal(dur_backtest_run(&d, fc, 4, &o, &a, &err), 0);
	o.threads = 2;
	assert_int_equal(dur_backtest_run(&d, fc, 4, &o, &b, &err), 0);
	assert_int_equal(a.nrows, b.nrows);
	assert_memory_equal(a.row, b.row, a.nrows * sizeof(*a.row));
	assert_memory_equal(a.samples, b.samples,
			    a.nrows * o.m * sizeof(double));
	dur_backtest_release(&a);
	dur_backtest_release(&b);
}

static void test_bad_origin(void **state)
{
	struct dur_backtest_data d;
	struct dur_backtest_opts o = DUR_BACKTEST_OPTS_INIT;
	struct dur_backtest_result r;
	struct dur_forecaster fc;
	struct dur_error err = { 0 };
	int32_t origin[1];

	(void)state;
	data(&d);
	assert_int_equal(dur_baseline_find("no-change", &fc, &err), 0);
	o.norigins = 1;
	o.origin = origin;
	/* the first period: nothing before it */
	origin[0] = period[0];
	assert_int_equal(dur_backtest_run(&d, &fc, 1, &o, &r, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "origin 2010-01-01"));
	/* after the data's end */
	origin[0] = period[NP];
	assert_int_equal(dur_backtest_run(&d, &fc, 1, &o, &r, &err),
			 DUR_EINVAL);
	/* not a period start */
	origin[0] = period[5] + 3;
	assert_int_equal(dur_backtest_run(&d, &fc, 1, &o, &r, &err),
			 DUR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_bad_origin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
