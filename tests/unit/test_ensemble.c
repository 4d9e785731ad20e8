/*
 * test_ensemble.c: an ensemble's summaries do not depend on the thread
 * count, and summaries of disjoint run ranges merge into the summary of
 * their union, bit for bit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
