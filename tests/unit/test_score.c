/* test_score.c: the scores against known answers: point masses, a normal's
 * closed-form CRPS within the estimator's Monte Carlo error, hand-computed
 * two- and three-point forecasts, interval observations, the sorted
 * O(M log M) forms against the O(M^2) definition, interval scores,
 * coverage, the randomised PIT, Brier, log and skill scores. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "durand/score.h"

#define EPS 1e-12

/* cmocka's assert_near compares floats; these are doubles. */
#define assert_near(a, b, tol)                                              \
	do {                                                                \
		double a_ = (a), b_ = (b);                                  \
		if (!(fabs(a_ - b_) <= (tol)))                              \
			fail_msg("%.17g != %.17g (tolerance %g)", a_, b_,   \
				 (double)(tol));                            \
	} while (0)

static void test_point_mass(void **state)
{
	double x[7];

	(void)state;
	for (int i = 0; i < 7; i++)
		x[i] = 3.7;
	assert_near(dur_score_crps(x, 7, 1.2, DUR_CRPS_PLAIN), 2.5,
			   EPS);
	assert_near(dur_score_crps(x, 7, 1.2, DUR_CRPS_FAIR), 2.5,
			   EPS);
	/* a forecast equal to the truth with no spread scores zero */
	assert_near(dur_score_crps(x, 7, 3.7, DUR_CRPS_PLAIN), 0, EPS);
	assert_near(dur_score_crps_interval(x, 7, 1.2, 1.2,
						   DUR_CRPS_PLAIN),
			   2.5, EPS);
	/* inside an interval observation: no penalty */
	assert_near(dur_score_crps_interval(x, 7, 2, 5, DUR_CRPS_FAIR),
			   0, EPS);
}

static void test_two_point(void **state)
{
	const double x[2] = { 0, 2 };

	(void)state;
	/* y = 0.5: F = 1/2 on [0, 2): 0.25 * 0.5 + 0.25 * 1.5 */
	assert_near(dur_score_crps(x, 2, 0.5, DUR_CRPS_PLAIN), 0.5,
			   EPS);
	/* y = 3: E|X - y| = 2, E|X - X'| = 1 (plain), 2 (fair) */
	assert_near(dur_score_crps(x, 2, 3, DUR_CRPS_PLAIN), 1.5, EPS);
	assert_near(dur_score_crps(x, 2, 3, DUR_CRPS_FAIR), 1.0, EPS);
}

static void test_fair_vs_plain(void **state)
{
	const double x[3] = { 1, 2, 4 };

	(void)state;
	/* sum |x_i - y| = 3.5, sum_ij |x_i - x_j| = 12 */
	assert_near(dur_score_crps(x, 3, 2.5, DUR_CRPS_PLAIN),
			   3.5 / 3 - 12.0 / 18, EPS);
	assert_near(dur_score_crps(x, 3, 2.5, DUR_CRPS_FAIR),
			   3.5 / 3 - 12.0 / 12, EPS);
	/* fair = plain - sum_ij |x_i - x_j| / (2 M^2 (M - 1)) */
	assert_near(dur_score_crps(x, 3, 2.5, DUR_CRPS_PLAIN) -
				   dur_score_crps(x, 3, 2.5, DUR_CRPS_FAIR),
			   12.0 / 36, EPS);
}

static void test_interval_by_hand(void **state)
{
	const double x[3] = { 1, 2, 4 };

	(void)state;
	/* F = 1/3 on [1, 2), 2/3 on [2, 4). [2.5, 3]: left of 2.5,
	 * 1/9 * 1 + 4/9 * 0.5; right of 3, (1/3)^2 * 1. */
	assert_near(dur_score_crps_interval(x, 3, 2.5, 3,
						   DUR_CRPS_PLAIN),
			   4.0 / 9, EPS);
	/* fair: c(c-1)/6 is 0 for c = 1, 1/3 for c = 2 (half a unit) */
	assert_near(dur_score_crps_interval(x, 3, 2.5, 3,
						   DUR_CRPS_FAIR),
			   1.0 / 6, EPS);
	/* [2.5, 2.5] is the point CRPS */
	assert_near(dur_score_crps_interval(x, 3, 2.5, 2.5,
						   DUR_CRPS_PLAIN),
			   0.5, EPS);
	/* below all samples: the integral of (1 - F)^2 from lo...hi on */
	assert_near(dur_score_crps_interval(x, 3, -1, 0,
						   DUR_CRPS_PLAIN),
			   1 + 4.0 / 9 + 2.0 / 9, EPS);
	/* a wider interval never scores worse */
	assert_true(dur_score_crps_interval(x, 3, 0, 5, DUR_CRPS_PLAIN) <
		    dur_score_crps_interval(x, 3, 2.5, 3, DUR_CRPS_PLAIN));
	assert_near(dur_score_crps_interval(x, 3, 0, 5,
						   DUR_CRPS_PLAIN),
			   0, EPS);
}

static void test_sorted_equals_definition(void **state)
{
	struct dur_rng r;
	gsl_rng g;

	(void)state;
	dur_rng_init(&r, 4711, 3);
	dur_rng_gsl(&r, &g);
	for (int c = 0; c < 200; c++) {
		size_t m = 2 + (size_t)(dur_rng_uniform(&r) * 60);
		double x[64], y = gsl_ran_gaussian(&g, 3.1);

		for (size_t i = 0; i < m; i++)
			/* counts in half the cases: ties */
			x[i] = c % 2 ? (double)gsl_ran_poisson(&g, 2.3) :
				       gsl_ran_gaussian(&g, 2.7) + 0.4;
		if (c % 2)
			y = (double)gsl_ran_poisson(&g, 2.3);
		for (int kind = 0; kind < 2; kind++) {
			double naive = dur_score_crps_naive(x, m, y, kind);

			dur_score_sort(x, m);
			assert_near(dur_score_crps(x, m, y, kind),
					   naive, 1e-9 * (1 + naive));
			assert_near(dur_score_crps_interval(x, m, y, y,
								   kind),
					   naive, 1e-9 * (1 + naive));
		}
	}
}

/* E|x - X| for X ~ N(0, 1) */
static double mean_abs(double x)
{
	return x * (2 * gsl_cdf_ugaussian_P(x) - 1) + 2 * gsl_ran_ugaussian_pdf(x);
}

static void test_normal_closed_form(void **state)
{
	const size_t m = 20000;
	const double mu = 1.3, sigma = 2.2, y = 2.9;
	double *x = malloc(m * sizeof(*x)), z = (y - mu) / sigma, truth;
	double s1 = 0, s2 = 0, se;
	struct dur_rng r;
	gsl_rng g;

	(void)state;
	assert_non_null(x);
	/* Gneiting and Raftery 2007, eq. 5 */
	truth = sigma * (z * (2 * gsl_cdf_ugaussian_P(z) - 1) +
			 2 * gsl_ran_ugaussian_pdf(z) - 1 / sqrt(M_PI));
	dur_rng_init(&r, 20140301, 0);
	dur_rng_gsl(&r, &g);
	for (size_t i = 0; i < m; i++) {
		double h;

		x[i] = mu + gsl_ran_gaussian(&g, sigma);
		/* The fair CRPS is a U-statistic with kernel
		 * (|X-y| + |X'-y| - |X-X'|)/2; its variance is
		 * Var(|X-y| - E|X-X'| given X)/M to first order. */
		h = fabs(x[i] - y) - sigma * mean_abs((x[i] - mu) / sigma);
		s1 += h, s2 += h * h;
	}
	se = sqrt((s2 - s1 * s1 / (double)m) / (double)(m - 1) / (double)m);
	assert_true(se > 0 && se < 0.02);
	dur_score_sort(x, m);
	assert_true(fabs(dur_score_crps(x, m, y, DUR_CRPS_FAIR) - truth) <
		    4 * se);
	/* the plain one is biased by E|X-X'|/(2M) = sigma/(sqrt(pi) M), far
	 * below se at this M */
	assert_true(fabs(dur_score_crps(x, m, y, DUR_CRPS_PLAIN) - truth) <
		    4 * se + sigma / sqrt(M_PI) / (double)m);
	free(x);
}

static void test_interval_score(void **state)
{
	double x[10];
	int cov = -1;

	(void)state;
	for (int i = 0; i < 10; i++)
		x[i] = i + 1;
	/* 50%: quantiles 0.25 -> 3rd sample (3), 0.75 -> 8th (8) */
	assert_near(dur_score_interval(x, 10, 10, 0.5, &cov),
			   5 + 4 * 2, EPS);
	assert_int_equal(cov, 0);
	assert_near(dur_score_interval(x, 10, 5, 0.5, &cov), 5, EPS);
	assert_int_equal(cov, 1);
	assert_near(dur_score_interval(x, 10, 3, 0.5, &cov), 5, EPS);
	assert_int_equal(cov, 1);
	/* 90%: quantiles 0.05 -> 1, 0.95 -> 10; y = 0 is 1 below */
	assert_near(dur_score_interval(x, 10, 0, 0.1, &cov),
			   9 + 20 * 1, EPS);
	assert_int_equal(cov, 0);
	assert_near(dur_score_quantile(x, 10, 0.05), 1, EPS);
	assert_near(dur_score_quantile(x, 10, 0.5), 5, EPS);
	assert_near(dur_score_quantile(x, 10, 1), 10, EPS);
}

static void test_pit(void **state)
{
	const double x[10] = { 0, 0, 1, 1, 1, 2, 3, 3, 4, 5 };
	struct dur_rng r, q;
	long hist[10] = { 0 };
	double u, v;

	(void)state;
	dur_rng_init(&r, 99, 7);
	q = r;
	u = dur_score_pit(x, 10, 1, &r);
	v = dur_rng_uniform(&q);
	/* F(0) = 0.2, F(1) = 0.5 */
	assert_near(u, 0.2 + 0.3 * v, EPS);
	/* below everything: 0 .. 0; above: 1 .. 1 */
	assert_near(dur_score_pit(x, 10, -1, &r), 0, EPS);
	assert_near(dur_score_pit(x, 10, 9, &r), 1, EPS);
	dur_score_pit_bin(hist, 10, 0);
	dur_score_pit_bin(hist, 10, 0.55);
	dur_score_pit_bin(hist, 10, 1);
	assert_int_equal(hist[0], 1);
	assert_int_equal(hist[5], 1);
	assert_int_equal(hist[9], 1);
}

/* Counts drawn from the forecast itself give a uniform PIT: each decile
 * holds n/10 within four binomial standard errors. */
static void test_pit_uniform(void **state)
{
	const int n = 4000, m = 200;
	double x[200];
	long hist[10] = { 0 };
	struct dur_rng r;
	gsl_rng g;

	(void)state;
	dur_rng_init(&r, 5, 1);
	dur_rng_gsl(&r, &g);
	for (int c = 0; c < n; c++) {
		for (int i = 0; i < m; i++)
			x[i] = gsl_ran_poisson(&g, 1.7);
		dur_score_sort(x, m);
		dur_score_pit_bin(hist, 10,
				  dur_score_pit(x, m, gsl_ran_poisson(&g, 1.7),
						&r));
	}
	for (int b = 0; b < 10; b++)
		assert_true(fabs(hist[b] - n / 10.0) < 4 * sqrt(n * 0.1 * 0.9));
}

static void test_brier_log(void **state)
{
	const double x[4] = { 0, 1, 1, 3 };

	(void)state;
	assert_near(dur_score_brier(0.3, 1), 0.49, EPS);
	assert_near(dur_score_brier(0.3, 0), 0.09, EPS);
	assert_near(dur_score_log(0.3, 0, 0.01), -log(0.7), EPS);
	assert_near(dur_score_log(0, 1, 0.005), -log(0.005), EPS);
	assert_near(dur_score_log(1, 0, 0.005), -log(0.005), EPS);
	assert_near(dur_score_prob_ge(x, 4, 1), 0.75, EPS);
	assert_near(dur_score_prob_ge(x, 4, 2), 0.25, EPS);
}

static void test_skill(void **state)
{
	const double model[5] = { 1, 2, 3, NAN, 1.5 };
	const double base[5] = { 2, 2, 4, 1, 3 };
	const int group[5] = { 0, 0, 1, 1, 2 };
	struct dur_skill s, t;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_score_skill(model, base, group, 5, 3, 500, 0.9,
					 17, &s, &err),
			 0);
	/* the NAN case is left out of both: 1 - 7.5 / 11 */
	assert_near(s.skill, 1 - 7.5 / 11, EPS);
	assert_int_equal(s.n, 4);
	assert_true(s.lo <= s.skill && s.skill <= s.hi);
	/* per origin, skills are 0.25, 0.25 and 0.5: no resample goes
	 * beyond them */
	assert_true(s.lo >= 0.25 - EPS && s.hi <= 0.5 + EPS);
	assert_int_equal(dur_score_skill(model, base, group, 5, 3, 500, 0.9,
					 17, &t, &err),
			 0);
	assert_true(t.lo == s.lo && t.hi == s.hi);
	/* one origin: the interval is the point */
	assert_int_equal(dur_score_skill(model, base, (const int[5]){ 0 }, 5, 1,
					 50, 0.9, 17, &t, &err),
			 0);
	assert_near(t.lo, t.skill, EPS);
	assert_near(t.hi, t.skill, EPS);
	assert_int_equal(dur_score_skill(model, (const double[5]){ 0 }, group,
					 5, 3, 50, 0.9, 17, &t, &err),
			 DUR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_point_mass),
		cmocka_unit_test(test_two_point),
		cmocka_unit_test(test_fair_vs_plain),
		cmocka_unit_test(test_interval_by_hand),
		cmocka_unit_test(test_sorted_equals_definition),
		cmocka_unit_test(test_normal_closed_form),
		cmocka_unit_test(test_interval_score),
		cmocka_unit_test(test_pit),
		cmocka_unit_test(test_pit_uniform),
		cmocka_unit_test(test_brier_log),
		cmocka_unit_test(test_skill),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
