/*
 * test_sobol.c: the Saltelli design's layout and the Sobol' indices on
 * models with analytic indices (Ishigami, linear), on the Sobol' sequence
 * and on the pseudo-random fallback.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <omp.h>

#include "durand/sobol.h"

#define PI 3.14159265358979323846

/* Ishigami and Homma (1990) with a = 7, b = 0.1. */
static double ishigami(const double *x)
{
	double s = sin(x[0]), t = sin(x[1]), x4 = x[2] * x[2] * x[2] * x[2];

	return s + 7.0 * t * t + 0.1 * x4 * s;
}

/*
 * Analytic indices (Sobol' and Levitan 1999): V = a^2/8 + b pi^4/5 +
 * b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8,
 * V13 = b^2 pi^8 (1/18 - 1/50).
 */
static void ishigami_truth(double *s1, double *st)
{
	double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
	double v = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
	double v1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5);
	double v2 = a * a / 8, v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);

	s1[0] = v1 / v;
	s1[1] = v2 / v;
	s1[2] = 0;
	st[0] = (v1 + v13) / v;
	st[1] = v2 / v;
	st[2] = v13 / v;
}

static double *run_model(const struct dur_sobol *s, double (*f)(const double *))
{
	double *y = malloc(s->npoints * sizeof(*y));

	for (size_t j = 0; j < s->npoints; j++)
		y[j] = f(s->x + j * s->k);
	return y;
}

/* truth lies in [lo - slack (hi - lo), hi + slack (hi - lo)] */
static void assert_covers(double lo, double hi, double slack, double truth)
{
	double w = hi - lo;

	assert_true(w >= 0);
	assert_true(truth >= lo - slack * w && truth <= hi + slack * w);
}

static void test_layout(void **state)
{
	static const double lo[3] = { -1, 2, 100 }, hi[3] = { 1, 2.5, 300 };
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	size_t n = 37, k = 3;

	(void)state;
	o.n = n;
	assert_int_equal(dur_sobol_init(&s, k, lo, hi, &o, NULL), 0);
	assert_int_equal(s.npoints, n * 5);
	assert_int_equal(s.qmc, 1);
	for (size_t j = 0; j < n; j++) {
		const double *a = s.x + j * k, *b = s.x + (n + j) * k;

		for (size_t i = 0; i < k; i++) {
			const double *ab = s.x + ((2 + i) * n + j) * k;

			assert_true(a[i] >= lo[i] && a[i] <= hi[i]);
			assert_true(b[i] >= lo[i] && b[i] <= hi[i]);
			for (size_t c = 0; c < k; c++)
				assert_true(ab[c] == (c == i ? b[c] : a[c]));
		}
	}
	/* GSL's sequence starts at the centre, skipping the origin. */
	assert_true(s.x[0] == 0.0 && s.x[1] == 2.25 && s.x[2] == 200.0);
	dur_sobol_release(&s);
	dur_sobol_release(&s);
}

/*
 * Ishigami on the Sobol' sequence: every index inside its 95% interval.
 * Quasi-Monte Carlo errors are smaller than the Monte Carlo ones the
 * bootstrap measures, so the intervals are conservative here.
 */
static void test_ishigami_qmc(void **state)
{
	static const double lo[3] = { -PI, -PI, -PI }, hi[3] = { PI, PI, PI };
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[3];
	double s1[3], st[3], *y;

	(void)state;
	ishigami_truth(s1, st);
	assert_true(fabs(s1[0] - 0.3139) < 1e-4 && fabs(st[2] - 0.2437) < 1e-4);
	o.n = 8192;
	o.seed = 2385;
	assert_int_equal(dur_sobol_init(&s, 3, lo, hi, &o, NULL), 0);
	y = run_model(&s, ishigami);
	assert_int_equal(dur_sobol_analyse(&s, y, 1, idx, NULL), 0);
	for (int i = 0; i < 3; i++) {
		assert_covers(idx[i].s1_lo, idx[i].s1_hi, 0, s1[i]);
		assert_covers(idx[i].st_lo, idx[i].st_hi, 0, st[i]);
		/* and the intervals are tight enough to mean something */
		assert_true(idx[i].s1_hi - idx[i].s1_lo < 0.1);
		assert_true(idx[i].st_hi - idx[i].st_lo < 0.1);
	}
	free(y);
	dur_sobol_release(&s);
}

/*
 * Ishigami on pseudo-random points. A 95% interval misses the truth one
 * time in twenty, so allow it widened to twice its width about its
 * centre's side (about 6 standard errors): a miss then has odds below
 * 1e-8 per index, not luck with this seed.
 */
static void test_ishigami_random(void **state)
{
	static const double lo[3] = { -PI, -PI, -PI }, hi[3] = { PI, PI, PI };
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[3];
	double s1[3], st[3], *y;

	(void)state;
	ishigami_truth(s1, st);
	o.n = 8192;
	o.seed = 99;
	o.boot = 400;
	o.flags = DUR_SOBOL_RANDOM;
	assert_int_equal(dur_sobol_init(&s, 3, lo, hi, &o, NULL), 0);
	assert_int_equal(s.qmc, 0);
	y = run_model(&s, ishigami);
	assert_int_equal(dur_sobol_analyse(&s, y, 1, idx, NULL), 0);
	for (int i = 0; i < 3; i++) {
		assert_covers(idx[i].s1_lo, idx[i].s1_hi, 1, s1[i]);
		assert_covers(idx[i].st_lo, idx[i].st_hi, 1, st[i]);
	}
	free(y);
	dur_sobol_release(&s);
}

#define KL 5
static const double lin_c[KL] = { 1.3, -0.4, 0.0, 2.1, 0.75 };
static const double lin_lo[KL] = { 0, -3, 5, 1, 0 };
static const double lin_hi[KL] = { 1, 0, 6, 1.5, 2 };

static double linear(const double *x)
{
	double y = 1e4; /* a large mean, removed by centring */

	for (int i = 0; i < KL; i++)
		y += lin_c[i] * x[i];
	return y;
}

/*
 * Linear model with uniform inputs: S_i = ST_i = c_i^2 w_i^2 / sum_j
 * c_j^2 w_j^2, w = hi - lo. Standard error of S_i with n rows is at most
 * about 1/sqrt(n) (the estimand's spread is bounded by that of y^2/V), so
 * 4/sqrt(n) bounds the error well beyond chance.
 */
static void test_linear(void **state)
{
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[2 * KL];
	double *y, tot = 0, tol;

	(void)state;
	o.n = 4096;
	tol = 4 / sqrt((double)o.n);
	assert_int_equal(dur_sobol_init(&s, KL, lin_lo, lin_hi, &o, NULL), 0);
	y = malloc(2 * s.npoints * sizeof(*y));
	for (size_t j = 0; j < s.npoints; j++) {
		y[2 * j] = linear(s.x + j * KL);
		y[2 * j + 1] = -2.5 * s.x[j * KL + 2]; /* x2 only */
	}
	assert_int_equal(dur_sobol_analyse(&s, y, 2, idx, NULL), 0);
	for (int i = 0; i < KL; i++)
		tot += pow(lin_c[i] * (lin_hi[i] - lin_lo[i]), 2);
	for (int i = 0; i < KL; i++) {
		double t = pow(lin_c[i] * (lin_hi[i] - lin_lo[i]), 2) / tot;

		assert_true(fabs(idx[i].s1 - t) < tol);
		assert_true(fabs(idx[i].st - t) < tol);
		assert_covers(idx[i].s1_lo, idx[i].s1_hi, 0, t);
		assert_covers(idx[i].st_lo, idx[i].st_hi, 0, t);
		/* second output: all of it is x2 */
		assert_true(fabs(idx[KL + i].s1 - (i == 2)) < tol);
		assert_true(fabs(idx[KL + i].st - (i == 2)) < tol);
	}
	/* a parameter without effect has exactly zero total effect */
	assert_true(idx[2].st == 0.0 && idx[2].st_hi == 0.0);
	free(y);
	dur_sobol_release(&s);
}

/* 2k = 42 > 40: the design falls back to pseudo-random points. */
static void test_many_parameters_fallback(void **state)
{
	enum { K = 21 };
	double lo[K], hi[K], c[K], tot = 0, *y;
	struct dur_sobol s, s2;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[K];

	(void)state;
	for (int i = 0; i < K; i++) {
		lo[i] = -i;
		hi[i] = 1 + 0.5 * i;
		c[i] = (i % 4) ? 1.0 / (1 + i) : 0;
		tot += pow(c[i] * (hi[i] - lo[i]), 2);
	}
	o.n = 2000;
	o.boot = 300;
	o.seed = 5;
	assert_int_equal(dur_sobol_init(&s, K, lo, hi, &o, NULL), 0);
	assert_int_equal(s.qmc, 0);
	y = malloc(s.npoints * sizeof(*y));
	for (size_t j = 0; j < s.npoints; j++) {
		y[j] = 0;
		for (int i = 0; i < K; i++)
			y[j] += c[i] * s.x[j * K + i];
	}
	assert_int_equal(dur_sobol_analyse(&s, y, 1, idx, NULL), 0);
	for (int i = 0; i < K; i++) {
		double t = pow(c[i] * (hi[i] - lo[i]), 2) / tot;

		assert_covers(idx[i].s1_lo, idx[i].s1_hi, 1, t);
		assert_covers(idx[i].st_lo, idx[i].st_hi, 1, t);
	}
	/* a larger n extends the same sample */
	o.n = 2100;
	assert_int_equal(dur_sobol_init(&s2, K, lo, hi, &o, NULL), 0);
	assert_memory_equal(s.x, s2.x, 2000 * K * sizeof(double));
	free(y);
	dur_sobol_release(&s);
	dur_sobol_release(&s2);
}

static void test_thread_independent(void **state)
{
	static const double lo[3] = { -PI, -PI, -PI }, hi[3] = { PI, PI, PI };
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index a[3], b[3];
	double *y;

	(void)state;
	o.n = 512;
	o.boot = 200;
	assert_int_equal(dur_sobol_init(&s, 3, lo, hi, &o, NULL), 0);
	y = run_model(&s, ishigami);
	omp_set_num_threads(1);
	assert_int_equal(dur_sobol_analyse(&s, y, 1, a, NULL), 0);
	omp_set_num_threads(4);
	assert_int_equal(dur_sobol_analyse(&s, y, 1, b, NULL), 0);
	assert_memory_equal(a, b, sizeof(a));
	free(y);
	dur_sobol_release(&s);
}

static void test_flat_output_and_errors(void **state)
{
	static const double lo[2] = { 0, 0 }, hi[2] = { 1, 1 };
	double bad[2] = { 1, 0 };
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[2];
	struct dur_error err = { 0 };
	double *y;

	(void)state;
	assert_int_equal(dur_sobol_init(&s, 0, lo, hi, &o, &err), DUR_EINVAL);
	assert_int_equal(dur_sobol_init(&s, 2, NULL, hi, &o, &err), DUR_EINVAL);
	assert_int_equal(dur_sobol_init(&s, 2, lo, bad, &o, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "bounds of parameter 1 are not finite "
				     "and increasing: [0, 0]");
	bad[0] = 2;
	bad[1] = NAN;
	assert_int_equal(dur_sobol_init(&s, 2, lo, bad, &o, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "bounds of parameter 1 are not finite "
				     "and increasing: [0, nan]");
	o.n = 1;
	assert_int_equal(dur_sobol_init(&s, 2, lo, hi, &o, &err), DUR_EINVAL);
	o.n = 64;
	o.conf = 0;
	assert_int_equal(dur_sobol_init(&s, 2, lo, hi, &o, &err), DUR_EINVAL);
	o.conf = 0.9;
	o.n = SIZE_MAX / 8;
	assert_int_equal(dur_sobol_init(&s, 2, lo, hi, &o, &err), DUR_ELIMIT);
	assert_null(s.x);

	assert_int_equal(dur_sobol_init(&s, 2, lo, hi, NULL, &err), 0);
	y = malloc(s.npoints * sizeof(*y));
	for (size_t j = 0; j < s.npoints; j++)
		y[j] = 3.25;
	assert_int_equal(dur_sobol_analyse(&s, y, 1, idx, &err), 0);
	assert_true(isnan(idx[0].s1) && isnan(idx[1].st));
	assert_true(isnan(idx[0].s1_lo) && isnan(idx[1].st_hi));
	y[s.npoints - 1] = INFINITY;
	assert_int_equal(dur_sobol_analyse(&s, y, 1, idx, &err), DUR_EINVAL);
	assert_string_equal(err.msg,
			    "output 0 at design row 4095 is not finite");
	assert_int_equal(dur_sobol_analyse(&s, NULL, 1, idx, &err), DUR_EINVAL);
	free(y);
	dur_sobol_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_ishigami_qmc),
		cmocka_unit_test(test_ishigami_random),
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_many_parameters_fallback),
		cmocka_unit_test(test_thread_independent),
		cmocka_unit_test(test_flat_output_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
