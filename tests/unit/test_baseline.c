/* test_baseline.c: the baselines' draws on tiny hand-made series: their
 * means and variances against what each baseline's definition gives,
 * within Monte Carlo error, and their windows. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>

#include "durand/baseline.h"
#include "durand/date.h"

#define M 4000

static int32_t periods[64];

/* Monthly periods from 2010-01 on. */
static void months(int n)
{
	for (int i = 0; i <= n; i++)
		periods[i] = dur_date_from_ymd(2010 + i / 12, i % 12 + 1, 1);
}

/* Draws of baseline `name` for the period after n values v[]. */
static void draw(const char *name, const double *v, int n, double *x)
{
	struct dur_backtest_data d = { 0 };
	struct dur_forecaster f;
	struct dur_forecast_req q = { 0 };
	struct dur_error err = { 0 };
	struct dur_rng r;

	months(n + 1);
	d.nperiods = n;
	d.period = periods;
	d.nquant = 1;
	d.quantity[0] = "events";
	d.value[0] = v;
	assert_int_equal(dur_baseline_find(name, &f, &err), 0);
	dur_rng_init(&r, 42, 3);
	q.origin = periods[n];
	q.nperiods = 1;
	q.period_start = periods + n;
	q.m = M;
	q.rng = &r;
	assert_int_equal(f.forecast(f.ctx, &d, &q, x, &err), 0);
}

static void moments(const double *x, double *mean, double *var)
{
	double s = 0, s2 = 0;

	for (int j = 0; j < M; j++)
		s += x[j];
	*mean = s / M;
	for (int j = 0; j < M; j++)
		s2 += (x[j] - *mean) * (x[j] - *mean);
	*var = s2 / (M - 1);
}

static void test_nochange(void **state)
{
	const double v[4] = { 3, 5, 11, 7 }, z[3] = { 4, 9, 0 };
	double x[M], mean, var;

	(void)state;
	draw("no-change", v, 4, x);
	moments(x, &mean, &var);
	/* Poisson(7): the mean within 4 standard errors, var = mean */
	assert_true(fabs(mean - 7) < 4 * sqrt(7.0 / M));
	assert_true(fabs(var - 7) < 4 * 7 * sqrt(2.0 / M) + 1);
	draw("no-change", z, 3, x);
	for (int j = 0; j < M; j++)
		assert_true(x[j] == 0);
}

static void test_climatology(void **state)
{
	double v[14], x[M];
	int seen[14] = { 0 };

	(void)state;
	for (int i = 0; i < 14; i++)
		v[i] = 100 + i;
	draw("climatology", v, 14, x);
	for (int j = 0; j < M; j++) {
		int i = (int)x[j] - 100;

		assert_true(x[j] == 100 + i && i >= 0 && i < 14);
		seen[i]++;
	}
	/* the trailing twelve only, each about M/12 times */
	assert_int_equal(seen[0] + seen[1], 0);
	for (int i = 2; i < 14; i++)
		assert_true(fabs(seen[i] - M / 12.0) <
			    4 * sqrt(M / 12.0 * 11 / 12));
	/* fewer than twelve periods: all of them */
	draw("climatology", v, 3, x);
	for (int j = 0; j < M; j++)
		assert_true(x[j] >= 100 && x[j] <= 102);
}

static void test_negbin(void **state)
{
	double v[30], x[M], mean, var, tv;

	(void)state;
	/* the trailing 24 alternate 0 and 10 (the first six are far off):
	 * mean 5, variance 25 * 24/23 */
	for (int i = 0; i < 30; i++)
		v[i] = i < 6 ? 1000 : (i % 2) * 10;
	tv = 25.0 * 24 / 23;
	draw("negbin", v, 30, x);
	moments(x, &mean, &var);
	assert_true(fabs(mean - 5) < 4 * sqrt(tv / M));
	/* a negative binomial's variance estimate has a large fourth
	 * moment; 20% is about four of its standard errors here */
	assert_true(fabs(var - tv) < 0.2 * tv);
	/* underdispersed: Poisson with the mean */
	for (int i = 0; i < 30; i++)
		v[i] = 4;
	draw("negbin", v, 30, x);
	moments(x, &mean, &var);
	assert_true(fabs(mean - 4) < 4 * sqrt(4.0 / M));
	assert_true(fabs(var - 4) < 4 * 4 * sqrt(2.0 / M) + 0.5);
}

static void test_hawkes(void **state)
{
	enum { ND = 900 };
	static double ev[ND], de[ND];
	struct dur_backtest_data d = { 0 };
	struct dur_forecaster f;
	struct dur_forecast_req q = { 0 };
	struct dur_error err = { 0 };
	struct dur_rng r;
	static double x[M], y[M];
	double mean, var, se_rate;
	int32_t start[2];
	gsl_rng g;

	(void)state;
	/* Poisson days at 0.5 a day, two deaths each event */
	dur_rng_init(&r, 7, 1);
	dur_rng_gsl(&r, &g);
	for (int t = 0; t < ND; t++) {
		ev[t] = gsl_ran_poisson(&g, 0.5);
		de[t] = 2 * ev[t];
	}
	months(30);
	d.nperiods = 29;
	d.period = periods;
	d.nquant = 2;
	d.quantity[0] = "events";
	d.quantity[1] = "deaths";
	d.ndays = periods[29] - periods[0];
	assert_true(d.ndays <= ND);
	d.day_events = ev;
	d.day_deaths = de;
	assert_int_equal(dur_baseline_find("hawkes", &f, &err), 0);
	start[0] = periods[29];
	start[1] = periods[30];
	q.origin = start[0];
	q.nperiods = 1;
	q.period_start = start;
	q.m = M;
	q.rng = &r;
	dur_rng_init(&r, 11, 0);
	assert_int_equal(f.forecast(f.ctx, &d, &q, x, &err), 0);
	moments(x, &mean, &var);
	/* the fitted rate over 730 days errs by about sqrt(0.5/730) a day;
	 * over the month's 31 days, plus the draws' own error */
	se_rate = 31 * sqrt(0.5 / 730);
	assert_true(fabs(mean - 15.5) < 4 * sqrt(se_rate * se_rate + var / M));
	q.quantity = 1;
	assert_int_equal(f.forecast(f.ctx, &d, &q, y, &err), 0);
	for (int j = 0; j < M; j++)
		assert_true(fmod(y[j], 2) == 0);
	/* no event in the window: nothing forecast */
	memset(ev, 0, sizeof(ev));
	q.quantity = 0;
	assert_int_equal(f.forecast(f.ctx, &d, &q, x, &err), 0);
	for (int j = 0; j < M; j++)
		assert_true(x[j] == 0);
	assert_int_equal(dur_baseline_find("persistence", &f, &err),
			 DUR_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nochange),
		cmocka_unit_test(test_climatology),
		cmocka_unit_test(test_negbin),
		cmocka_unit_test(test_hawkes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
