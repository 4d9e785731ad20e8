/*
 * test_ensemble.c: an ensemble's summaries do not depend on the thread
 * count, and summaries of disjoint run ranges merge into the summary of
 * their union, bit for bit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <cmocka.h>

#include "durand/date.h"
#include "durand/ensemble.h"
#include "testutil.h"

static struct dur_ensemble_opts opts(const struct dur_scenario *sc)
{
	struct dur_ensemble_opts o = DUR_ENSEMBLE_OPTS_INIT;

	o.runs = 413;
	o.days = 97;
	o.seed = 20251020;
	o.nwhat_if = 2;
	o.what_if[0] = dur_scenario_intervention_find(sc, "joint_mechanism");
	o.what_if[1] = dur_scenario_intervention_find(sc, "kabul_cracks_down");
	assert_true(o.what_if[0] >= 0 && o.what_if[1] >= 0);
	return o;
}

static void test_threads_do_not_matter(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_ensemble_opts o = opts(sc);
	struct dur_result *one = NULL, *two = NULL;
	struct dur_error err = { 0 };

	(void)state;
	o.threads = 1;
	assert_int_equal(dur_ensemble_run(sc, &o, &one, &err), 0);
	o.threads = 2;
	assert_int_equal(dur_ensemble_run(sc, &o, &two, &err), 0);
	assert_int_equal(one->runs, 413);
	assert_int_equal(one->v[0].out[0].n, 413);
	/* the runs are not all alike, so the comparison has teeth */
	assert_true(dur_sketch_quantile(&one->v[0].out[0], 0.05) <
		    dur_sketch_quantile(&one->v[0].out[0], 0.95));
	assert_result_equal(one, two);
	dur_result_free(one);
	dur_result_free(two);
	dur_scenario_free(sc);
}

static void test_run_ranges_merge(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_ensemble_opts o = opts(sc);
	struct dur_result *whole = NULL, *lo = NULL, *hi = NULL, *m, *m2;
	struct dur_error err = { 0 };
	const long a = 137;

	(void)state;
	o.threads = 2;
	assert_int_equal(dur_ensemble_run(sc, &o, &whole, &err), 0);
	o.runs = a;
	o.first_run = 0;
	assert_int_equal(dur_ensemble_run(sc, &o, &lo, &err), 0);
	o.runs = 413 - a;
	o.first_run = a;
	assert_int_equal(dur_ensemble_run(sc, &o, &hi, &err), 0);
	assert_int_equal(hi->first_run, a);

	m = dur_result_create(sc, o.days, o.seed, o.nwhat_if, o.what_if);
	m2 = dur_result_create(sc, o.days, o.seed, o.nwhat_if, o.what_if);
	assert_non_null(m);
	assert_non_null(m2);
	assert_int_equal(dur_result_merge(m, lo), 0);
	assert_int_equal(dur_result_merge(m, hi), 0);
	assert_int_equal(dur_result_merge(m2, hi), 0); /* other order */
	assert_int_equal(dur_result_merge(m2, lo), 0);
	assert_result_equal(whole, m);
	assert_result_equal(whole, m2);
	/* and the halves are not the whole on their own */
	assert_true(lo->v[0].out[0].n == a);
	dur_result_free(whole);
	dur_result_free(lo);
	dur_result_free(hi);
	dur_result_free(m);
	dur_result_free(m2);
	dur_scenario_free(sc);
}

/*
 * The monthly summaries hold, for each run, its count within each calendar
 * month: the same runs simulated here by hand, their counters read at each
 * month's end, give the same sketches bucket for bucket; and the months of
 * every outcome add up to its horizon total (sums exact, so the monthly
 * means add up to the horizon's mean).
 */
static void test_monthly_counts(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_ensemble_opts o = opts(sc);
	struct dur_result *res = NULL, *want;
	struct dur_error err = { 0 };
	int nout = dur_outcome_count(sc), ends[16], nm;
	int64_t *out = calloc((size_t)nout, sizeof(*out));
	int64_t *prev = calloc((size_t)nout, sizeof(*prev));

	(void)state;
	assert_non_null(out);
	assert_non_null(prev);
	o.runs = 37;
	o.days = 75; /* a partial month, two whole ones at most, a partial */
	o.nwhat_if = 1;
	o.threads = 2;
	nm = dur_date_months(sc->start, o.days, ends);
	assert_true(nm >= 3 && nm <= 4);
	assert_int_equal(dur_ensemble_run(sc, &o, &res, &err), 0);
	want = dur_result_create(sc, o.days, o.seed, o.nwhat_if, o.what_if);
	assert_non_null(want);
	for (int v = 0; v < res->nvariants; v++) {
		const struct dur_summary *s = &res->v[v];
		struct dur_summary *w = &want->v[v];

		assert_int_equal(s->nmonths, nm);
		assert_memory_equal(s->month_end, ends, (size_t)nm * sizeof(int));
		for (long run = 0; run < o.runs; run++) {
			struct dur_sim sim;
			int k = 0;

			dur_sim_init(&sim, sc,
				     v ? &sc->intervention[o.what_if[0]] : NULL,
				     o.seed, run, out);
			memset(prev, 0, (size_t)nout * sizeof(*prev));
			for (int t = 0; t < o.days; t++) {
				dur_sim_step(&sim);
				if (t + 1 < ends[k])
					continue;
				for (int i = 0; i < nout; i++) {
					if (i != DUR_OUT_MAX_RUNG)
						assert_int_equal(
							dur_sketch_add(
								&w->monthly[k * nout + i],
								out[i] - prev[i]),
							0);
					prev[i] = out[i];
				}
				k++;
			}
			assert_int_equal(k, nm);
		}
		for (int i = 0; i < nout; i++) {
			int64_t sum = 0;

			for (int m = 0; m < nm; m++) {
				const struct dur_sketch *x =
					&s->monthly[m * nout + i];

				assert_sketch_equal(x, &w->monthly[m * nout + i]);
				assert_int_equal(x->n, i == DUR_OUT_MAX_RUNG
							       ? 0
							       : o.runs);
				sum += x->sum;
			}
			if (i != DUR_OUT_MAX_RUNG)
				assert_int_equal(sum, s->out[i].sum);
		}
	}
	/* the counts are not all zero, so the comparison has teeth */
	assert_true(res->v[0].monthly[nout + DUR_OUT_ATTACKS].sum > 0);
	assert_true(dur_sketch_quantile(&res->v[0].monthly[nout + DUR_OUT_ATTACKS],
					0.05) <
		    dur_sketch_quantile(&res->v[0].monthly[nout + DUR_OUT_ATTACKS],
					0.95));
	free(out);
	free(prev);
	dur_result_free(res);
	dur_result_free(want);
	dur_scenario_free(sc);
}

static void test_threshold_parse(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_threshold t;
	struct dur_error err = { 0 };
	static const char *const bad[][2] = {
		{ "strikes>=1@2026-13-01", "expected a date YYYY-MM-DD" },
		{ "strikes>=1@2026-3-1", "expected a date YYYY-MM-DD" },
		{ "strikes>=1@2026-02-30", "no such day" },
		{ "strikes>=1@", "expected a date YYYY-MM-DD" },
		{ "strikes>=1@2026-03-31x", "expected a date YYYY-MM-DD" },
		{ "strikes@2026-03-31>=1", "expected OUTCOME>X" },
		{ "strikes>=@2026-03-31", "expected a number" },
		{ "nosuch>1@2026-03-31", "no outcome 'nosuch'" },
	};

	(void)state;
	assert_int_equal(dur_threshold_parse(sc, "fatalities_pakistan>1000",
					     &t, &err), 0);
	assert_int_equal(t.outcome,
			 dur_outcome_find(sc, "fatalities_pakistan"));
	assert_int_equal(t.cmp, DUR_CMP_GT);
	assert_true(t.x == 1000);
	assert_int_equal(t.dated, 0);
	assert_int_equal(dur_threshold_parse(sc, "strikes_city>=1@2026-03-31",
					     &t, &err), 0);
	assert_int_equal(t.outcome, dur_outcome_find(sc, "strikes_city"));
	assert_int_equal(t.cmp, DUR_CMP_GE);
	assert_true(t.x == 1);
	assert_int_equal(t.dated, 1);
	assert_int_equal(t.by, dur_date_from_ymd(2026, 3, 31));
	assert_string_equal(t.text, "strikes_city>=1@2026-03-31");
	assert_int_equal(dur_threshold_parse(sc, "closure_days.torkham<=2.5@"
						 "2025-12-01",
					     &t, &err), 0);
	assert_int_equal(t.cmp, DUR_CMP_LE);
	assert_true(t.x == 2.5);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		err.msg[0] = 0;
		assert_int_equal(dur_threshold_parse(sc, bad[k][0], &t, &err),
				 DUR_EINVAL);
		if (!strstr(err.msg, bad[k][1]) || !strstr(err.msg, bad[k][0]))
			fail_msg("'%s': %s", bad[k][0], err.msg);
	}
	/* the horizon: its first and last days, and none beyond */
	assert_int_equal(dur_threshold_parse(sc, "strikes>=1@2026-01-10", &t,
					     &err), 0);
	assert_int_equal(dur_threshold_check(&t, t.by, 1, &err), 0);
	assert_int_equal(dur_threshold_check(&t, t.by - 9, 10, &err), 0);
	assert_int_equal(dur_threshold_check(&t, t.by - 9, 9, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "outside the horizon, 2026-01-01 to "
					"2026-01-09 (9 days)"));
	assert_int_equal(dur_threshold_check(&t, t.by + 1, 30, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "the runs start after it"));
	dur_scenario_free(sc);
}

/* A threshold dated day d of a horizon counts what the same runs cut at
 * day d count undated: the runs of a seed do not depend on the horizon. */
static void test_dated_threshold(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_ensemble_opts o = opts(sc);
	struct dur_result *whole = NULL, *cut = NULL, *two = NULL;
	struct dur_error err = { 0 };
	static const char *const text[] = { "attacks>=100", "strikes>=1",
					    "fatalities_pakistan>130" };
	const int at = 37; /* the day offset of the dates */
	char buf[64], d[16];

	(void)state;
	o.runs = 300;
	o.nprobs = 0;
	for (int k = 0; k < 3; k++) {
		snprintf(buf, sizeof(buf), "%s@%s", text[k],
			 dur_date_format(sc->start + at, d));
		assert_int_equal(dur_threshold_parse(sc, buf,
						     &o.prob[o.nprobs++], &err),
				 0);
		assert_int_equal(dur_threshold_parse(sc, text[k],
						     &o.prob[o.nprobs++], &err),
				 0);
	}
	o.threads = 1;
	assert_int_equal(dur_ensemble_run(sc, &o, &whole, &err), 0);
	o.threads = 2;
	assert_int_equal(dur_ensemble_run(sc, &o, &two, &err), 0);
	assert_result_equal(whole, two);
	o.days = at + 1;
	assert_int_equal(dur_ensemble_run(sc, &o, &cut, &err), 0);
	for (int v = 0; v < whole->nvariants; v++)
		for (int k = 0; k < 3; k++) {
			const struct dur_summary *w = &whole->v[v], *c = &cut->v[v];

			/* dated in the long run == undated in the cut one,
			 * and the cut's dated == its own undated */
			assert_int_equal(w->prob[2 * k], c->prob[2 * k + 1]);
			assert_int_equal(c->prob[2 * k], c->prob[2 * k + 1]);
			for (int j = 0; j < 4; j++)
				assert_int_equal(w->prob_pair[2 * k][j],
						 c->prob_pair[2 * k + 1][j]);
		}
	/* the counts have teeth: by day 37 fewer runs pass than by 97 */
	assert_true(whole->v[0].prob[0] > 0);
	assert_true(whole->v[0].prob[0] < whole->v[0].prob[1]);
	assert_true(whole->v[0].prob[2] > 0);
	assert_true(whole->v[0].prob[2] < whole->v[0].prob[3]);
	/* a date past the horizon is refused */
	dur_result_free(cut);
	o.days = at;
	assert_int_equal(dur_ensemble_run(sc, &o, &cut, &err) == 0, 0);
	assert_null(cut);
	assert_non_null(strstr(err.msg, "outside the horizon"));
	dur_result_free(whole);
	dur_result_free(two);
	dur_scenario_free(sc);
}

static void test_bad_options_and_cancel(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_ensemble_opts o = opts(sc);
	struct dur_result *res = (struct dur_result *)1;
	struct dur_error err = { 0 };
	volatile sig_atomic_t stop = 1;

	(void)state;
	o.runs = 0;
	assert_int_equal(dur_ensemble_run(sc, &o, &res, &err), DUR_EINVAL);
	assert_null(res);
	o.runs = 50;
	o.what_if[1] = sc->ninterventions;
	assert_int_equal(dur_ensemble_run(sc, &o, &res, &err), DUR_EINVAL);
	assert_null(res);
	o = opts(sc);
	o.cancel = &stop;
	o.threads = 2;
	assert_int_equal(dur_ensemble_run(sc, &o, &res, &err), DUR_ECANCEL);
	assert_null(res);
	dur_scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_do_not_matter),
		cmocka_unit_test(test_run_ranges_merge),
		cmocka_unit_test(test_monthly_counts),
		cmocka_unit_test(test_bad_options_and_cancel),
		cmocka_unit_test(test_threshold_parse),
		cmocka_unit_test(test_dated_threshold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
