/* test_recbacktest.c: the record backtest on a tiny hand-made record:
 * the baselines' draws where they are known exactly (a no-change from a
 * figure of 0 and a climatology of equal years are point masses), the
 * negative binomial's fall back to Poisson within its standard error,
 * publishers and the origin's cut kept apart, the monthly climatological
 * rate counted by hand, the scores of the degenerate baselines in a whole
 * run (CRPS, interval score, coverage by hand), the horizon's facts only,
 * the 2025 limit refused, and the same result on one thread and two. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/date.h"
#include "durand/recbacktest.h"
#include "durand/record.h"
#include "durand/scenario.h"

#define assert_near(a, b, tol)                                              \
	do {                                                                \
		double a_ = (a), b_ = (b);                                  \
		if (!(fabs(a_ - b_) <= (tol)))                              \
			fail_msg("%.17g != %.17g (tolerance %g)", a_, b_,   \
				 (double)(tol));                            \
	} while (0)

#define H DUR_RECORD_HEADER "\n"
#define ROW(id, kind, q, s, e, v, lo, hi, src)                             \
	id "," kind "," q "," s "," e "," v "," lo "," hi ",,exact,," src     \
	   ",,B\n"

/* PICSS's militant attacks 2019-2021 all 100, its 2022 figure [120, 130];
 * PIPS's terrorist attacks 0 in 2021 and 40 in 2022; a PIPS figure of
 * militant attacks (another publisher) of 999 in 2021; a count straddling
 * the 2022 horizon's end; strikes and a closure in the autumn of 2021; a
 * strike that ends after 2022-01-01. */
static const char tiny[] =
	H ROW("a-2019", "count", "militant_attacks", "2019-01-01",
	      "2019-12-31", "100", "", "", "PICSS report")
	ROW("a-2020", "count", "militant_attacks", "2020-01-01", "2020-12-31",
	    "100", "", "", "PICSS")
	ROW("a-2021", "count", "militant_attacks", "2021-01-01", "2021-12-31",
	    "100", "", "", "PICSS via a paper")
	ROW("c-2021", "count", "militant_attacks", "2021-01-01", "2021-12-31",
	    "999", "", "", "PIPS")
	ROW("b-2021", "count", "terrorist_attacks", "2021-01-01", "2021-12-31",
	    "0", "", "", "PIPS")
	ROW("s-1", "event", "strike_in_afghanistan", "2021-09-10",
	    "2021-09-10", "1", "", "", "RFE")
	ROW("x-1", "state", "crossing_closed:torkham", "2021-10-25",
	    "2021-11-03", "9", "", "", "Dawn")
	ROW("s-2", "event", "strike_in_afghanistan", "2021-11-02",
	    "2021-11-02", "1", "", "", "RFE")
	ROW("s-3", "event", "strike_in_afghanistan", "2021-11-20",
	    "2021-11-20", "1", "", "", "RFE")
	ROW("s-4", "event", "strike_in_afghanistan", "2021-12-31",
	    "2022-01-02", "1", "", "", "RFE")
	ROW("a-2022", "count", "militant_attacks", "2022-01-01", "2022-12-31",
	    "130", "120", "130", "PICSS")
	ROW("b-2022", "count", "terrorist_attacks", "2022-01-01", "2022-12-31",
	    "40", "", "", "PIPS")
	ROW("late", "count", "militant_attacks", "2022-06-01", "2023-05-31",
	    "50", "", "", "PICSS");

static struct dur_record *tiny_record(void)
{
	struct dur_record *r = NULL;
	struct dur_error err = { 0 };

	if (dur_record_parse(tiny, sizeof(tiny) - 1, "tiny", &r, &err))
		fail_msg("tiny record: %s (line %d)", err.msg, err.line);
	return r;
}

static int find(const struct dur_record *r, const char *id)
{
	for (int i = 0; i < r->nfacts; i++)
		if (!strcmp(r->fact[i].id, id))
			return i;
	fail_msg("no fact %s", id);
	return -1;
}

static int32_t day(int y, int m, int d)
{
	return dur_date_from_ymd(y, m, d);
}

static void test_add_months(void **state)
{
	(void)state;
	/* 2024 is a leap year: twelve months from 1 January are 366 days */
	assert_int_equal(dur_recbt_add_months(day(2024, 1, 1), 12) -
				 day(2024, 1, 1),
			 366);
	assert_int_equal(dur_recbt_add_months(day(2023, 1, 1), 12),
			 day(2024, 1, 1));
	assert_int_equal(dur_recbt_add_months(day(2023, 1, 31), 1),
			 day(2023, 2, 28));
	assert_int_equal(dur_recbt_add_months(day(2023, 11, 15), 3),
			 day(2024, 2, 15));
}

#define M 4000

static void test_baselines(void **state)
{
	struct dur_record *r = tiny_record();
	static double x[M];
	struct dur_rng g;
	char why[96];
	double mean = 0;
	int n;

	(void)state;
	dur_rng_init(&g, 7, 0);
	/* no-change from PIPS's 0: a point mass at 0 */
	assert_int_equal(dur_recbt_baseline(r, find(r, "b-2022"),
					    day(2022, 1, 1), DUR_RECBT_NOCHANGE,
					    M, &g, x, &n, why),
			 0);
	assert_int_equal(n, 1);
	for (int i = 0; i < M; i++)
		assert_true(x[i] == 0);
	/* climatology of three PICSS years of 100: a point mass at 100 (the
	 * PIPS figure of 999 is another publisher's) */
	assert_int_equal(dur_recbt_baseline(r, find(r, "a-2022"),
					    day(2022, 1, 1), DUR_RECBT_CLIM, M,
					    &g, x, &n, why),
			 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < M; i++)
		assert_true(x[i] == 100);
	/* no-change: Poisson(100), mean within 5 standard errors */
	assert_int_equal(dur_recbt_baseline(r, find(r, "a-2022"),
					    day(2022, 1, 1), DUR_RECBT_NOCHANGE,
					    M, &g, x, &n, why),
			 0);
	for (int i = 0; i < M; i++)
		mean += x[i] / M;
	assert_near(mean, 100, 5 * sqrt(100.0 / M));
	/* negbin with no spread falls back to Poisson(100) */
	mean = 0;
	assert_int_equal(dur_recbt_baseline(r, find(r, "a-2022"),
					    day(2022, 1, 1), DUR_RECBT_NEGBIN,
					    M, &g, x, &n, why),
			 0);
	for (int i = 0; i < M; i++)
		mean += x[i] / M;
	assert_near(mean, 100, 5 * sqrt(100.0 / M));
	/* seen from 2021-01-01, 2021 is unknown: no no-change; from
	 * 2020-01-01 one year only: no climatology */
	assert_int_equal(dur_recbt_baseline(r, find(r, "a-2022"),
					    day(2021, 1, 1), DUR_RECBT_NOCHANGE,
					    M, &g, x, &n, why),
			 DUR_ENOTFOUND);
	assert_non_null(strstr(why, "no PICSS figure"));
	assert_int_equal(dur_recbt_baseline(r, find(r, "a-2022"),
					    day(2020, 1, 1), DUR_RECBT_CLIM, M,
					    &g, x, &n, why),
			 DUR_ENOTFOUND);
	assert_int_equal(n, 1);
	assert_non_null(strstr(why, "1 earlier year of PICSS figures"));
	dur_record_free(r);
}

static void test_month_rate(void **state)
{
	struct dur_record *r = tiny_record();
	int n;

	(void)state;
	/* whole months Sep-Dec 2021: strikes in September and November (the
	 * strike ending after the origin is not known), Torkham closed at
	 * the end of October only */
	assert_near(dur_recbt_month_rate(r, "strike_days", day(2021, 8, 15),
					 day(2022, 1, 1), &n),
		    0.5, 0);
	assert_int_equal(n, 4);
	assert_near(dur_recbt_month_rate(r, "closed_at_end.torkham",
					 day(2021, 8, 15), day(2022, 1, 1), &n),
		    0.25, 0);
	assert_near(dur_recbt_month_rate(r, "ceasefires", day(2021, 8, 15),
					 day(2022, 1, 1), &n),
		    0, 0);
	/* from the first of a month, that month counts */
	assert_near(dur_recbt_month_rate(r, "strike_days", day(2021, 9, 1),
					 day(2021, 11, 1), &n),
		    0.5, 0);
	assert_int_equal(n, 2);
	assert_true(isnan(dur_recbt_month_rate(r, "strike_days",
					       day(2021, 9, 2), day(2021, 10, 1),
					       &n)));
	dur_record_free(r);
}

static const struct dur_recbt_row *row_of(const struct dur_recbt_result *r,
					  const char *target, int fc)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (!strcmp(r->row[i].target, target) &&
		    r->row[i].forecaster == fc)
			return &r->row[i];
	return NULL;
}

static struct dur_recbt_result *run(const struct dur_scenario *sc,
				    const struct dur_record *rec, int threads)
{
	struct dur_recbt_opts o = DUR_RECBT_OPTS_INIT;
	int32_t origin = day(2022, 1, 1);
	struct dur_recbt_result *r = NULL;
	struct dur_error err = { 0 };

	o.norigins = 1;
	o.origin = &origin;
	o.particles = 40;
	o.runs = 60;
	o.threads = threads;
	o.nboot = 50;
	o.limit = day(2025, 1, 1);
	if (dur_recbt_run(sc, rec, &o, &r, &err))
		fail_msg("run: %s", err.msg);
	return r;
}

static void test_run(void **state)
{
	static struct dur_scenario sc;
	struct dur_record *rec = tiny_record();
	struct dur_recbt_result *r1, *r2;
	const struct dur_recbt_row *w;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_scenario_open(&sc, "afpak-2021", NULL, &err), 0);
	r1 = run(&sc, rec, 1);
	/* the no-change of PIPS's 0 against 40: |0 - 40|, and the 90%
	 * interval [0, 0] misses by 40, costing 2/0.1 each */
	w = row_of(r1, "b-2022", DUR_RECBT_NOCHANGE);
	assert_non_null(w);
	assert_near(w->crps, 40, 1e-9);
	assert_near(w->is90, 20 * 40, 1e-9);
	assert_int_equal(w->cover90, 0);
	/* the climatology's point mass at 100 against [120, 130]: 20 */
	w = row_of(r1, "a-2022", DUR_RECBT_CLIM);
	assert_non_null(w);
	assert_near(w->crps, 20, 1e-9);
	assert_near(w->observed, 130, 0);
	assert_near(w->lo, 120, 0);
	/* durand scores both, and nothing past the horizon */
	assert_non_null(row_of(r1, "a-2022", DUR_RECBT_DURAND));
	assert_non_null(row_of(r1, "b-2022", DUR_RECBT_DURAND));
	assert_null(row_of(r1, "late", DUR_RECBT_DURAND));
	/* PIPS's terrorist attacks have one earlier year: no climatology */
	assert_null(row_of(r1, "b-2022", DUR_RECBT_CLIM));
	assert_true(r1->nunscored >= 2);
	/* twelve months of each series, durand and climatology */
	w = row_of(r1, "strike_days", DUR_RECBT_CLIM);
	assert_non_null(w);
	assert_near(w->p_event, 0.5, 0);
	/* one thread or two: the same numbers */
	r2 = run(&sc, rec, 2);
	assert_int_equal(r1->nrows, r2->nrows);
	for (size_t i = 0; i < r1->nrows; i++) {
		const struct dur_recbt_row *a = &r1->row[i], *b = &r2->row[i];

		assert_string_equal(a->target, b->target);
		assert_true(a->forecaster == b->forecaster);
		assert_true(memcmp(&a->crps, &b->crps, sizeof(double)) == 0);
		assert_true(memcmp(&a->pit, &b->pit, sizeof(double)) == 0);
		assert_true(memcmp(&a->p_event, &b->p_event,
				   sizeof(double)) == 0);
	}
	dur_recbt_free(r1);
	dur_recbt_free(r2);
	dur_record_free(rec);
}

static void test_limit(void **state)
{
	static struct dur_scenario sc;
	struct dur_record *rec = tiny_record();
	struct dur_recbt_opts o = DUR_RECBT_OPTS_INIT;
	int32_t origin[2] = { day(2023, 1, 1), day(2024, 6, 1) };
	struct dur_recbt_result *r = NULL;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_scenario_open(&sc, "afpak-2021", NULL, &err), 0);
	o.norigins = 2;
	o.origin = origin;
	o.limit = day(2025, 1, 1);
	assert_int_equal(dur_recbt_run(&sc, rec, &o, &r, &err), DUR_EINVAL);
	assert_null(r);
	assert_non_null(strstr(err.msg, "2024-06-01"));
	assert_non_null(strstr(err.msg, "2025-01-01"));
	/* an origin before the scenario starts */
	origin[0] = day(2021, 1, 1);
	o.norigins = 1;
	assert_int_equal(dur_recbt_run(&sc, rec, &o, &r, &err), DUR_EINVAL);
	assert_non_null(strstr(err.msg, "scenario's start"));
	dur_record_free(rec);
}

/* The figures a tracker fan shows before its origin: the same publisher's
 * for the same period in earlier years, oldest first, ending before the
 * origin. */
static void test_history(void **state)
{
	struct dur_record *r = tiny_record();
	int32_t st[10], en[10];
	double v[10];
	int n;

	(void)state;
	n = dur_recbt_history(r, find(r, "a-2022"), day(2022, 1, 1), 10, st,
			      en, v);
	assert_int_equal(n, 3); /* PICSS 2019-2021; PIPS's 999 not */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(st[i], day(2019 + i, 1, 1));
		assert_int_equal(en[i], day(2019 + i, 12, 31));
		assert_near(v[i], 100, 0);
	}
	/* from mid-2021, 2021's figure is not known yet */
	assert_int_equal(dur_recbt_history(r, find(r, "a-2022"),
					   day(2021, 6, 1), 10, st, en, v),
			 2);
	assert_int_equal(dur_recbt_history(r, find(r, "a-2022"),
					   day(2022, 1, 1), 1, st, en, v),
			 1);
	assert_int_equal(st[0], day(2021, 1, 1));
	n = dur_recbt_history(r, find(r, "b-2022"), day(2022, 1, 1), 10, st,
			      en, v);
	assert_int_equal(n, 1);
	assert_near(v[0], 0, 0);
	dur_record_free(r);
}

/* --refit: IF2 at the origin on the facts before it, the swarm within the
 * ranges; the draws kept for every row that has them. */
static void test_refit(void **state)
{
	static struct dur_scenario sc;
	struct dur_record *rec = tiny_record();
	struct dur_recbt_opts o = DUR_RECBT_OPTS_INIT;
	int32_t origin = day(2022, 1, 1);
	struct dur_recbt_result *r = NULL;
	struct dur_error err = { 0 };
	const char *bad[] = { "no.such.parameter" };

	(void)state;
	assert_int_equal(dur_scenario_open(&sc, "afpak-2021", NULL, &err), 0);
	o.norigins = 1;
	o.origin = &origin;
	o.particles = 40;
	o.runs = 30;
	o.nboot = 20;
	o.threads = 1;
	o.limit = day(2025, 1, 1);
	o.refit = 1;
	o.keep_samples = 1;
	o.if2.particles = 10;
	o.if2.iterations = 2;
	if (dur_recbt_run(&sc, rec, &o, &r, &err))
		fail_msg("refit: %s", err.msg);
	assert_int_equal(r->refit, 1);
	/* the scenario's ensemble's parameters */
	assert_true(sc.pens.k > 0);
	assert_int_equal(r->nfit, sc.pens.k);
	for (int j = 0; j < r->nfit; j++)
		assert_string_equal(r->fit[j], sc.pens.path[j]);
	assert_int_equal(r->refitted[0].until, origin);
	/* the strikes of 9 September, 2 and 20 November and the closure
	 * from 25 October 2021; not the strike ending on 2 January 2022 */
	assert_int_equal(r->refitted[0].nused, 4);
	assert_int_equal(r->filter_used[0], 4);
	for (int j = 0; j < r->nfit; j++) {
		const struct dur_recbt_refit *q = &r->refitted[0];

		assert_true(q->q05[j] >= r->fit_lo[j]);
		assert_true(q->q05[j] <= q->q50[j]);
		assert_true(q->q50[j] <= q->q95[j]);
		assert_true(q->q95[j] <= r->fit_hi[j]);
	}
	for (size_t i = 0; i < r->nrows; i++) {
		const double *x = r->samples + i * (size_t)r->runs;
		int rate = r->row[i].kind == DUR_RECBT_MONTH &&
			   r->row[i].forecaster == DUR_RECBT_CLIM;

		for (long j = 0; j < r->runs; j++)
			assert_true(rate ? isnan(x[j]) : isfinite(x[j]));
	}
	dur_recbt_free(r);
	/* without an ensemble: DUR_RECBT_REFIT_DEFAULT */
	{
		static struct dur_scenario bare;

		bare = sc;
		bare.pens.n = bare.pens.k = 0;
		if (dur_recbt_run(&bare, rec, &o, &r, &err))
			fail_msg("refit: %s", err.msg);
		assert_int_equal(r->nfit, 5);
		assert_string_equal(r->fit[0], "ttp.mu");
		assert_string_equal(r->fit[4], "closure.mean_days");
		assert_int_equal(r->refitted[0].nused, 4);
		dur_recbt_free(r);
	}
	/* a parameter the scenario does not have */
	o.fit = bad;
	o.nfit = 1;
	assert_int_equal(dur_recbt_run(&sc, rec, &o, &r, &err),
			 DUR_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(err.msg, "no.such.parameter"));
	dur_record_free(rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_baselines),
		cmocka_unit_test(test_month_rate),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_refit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
