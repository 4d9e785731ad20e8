/*
 * test_morris.c: the Morris design's geometry and the elementary-effect
 * measures on models whose answers are known exactly.
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

#include "durand/morris.h"

#define K 5

static const double lo[K] = { -1.5, 0.0, 2.0, 10.0, -7.25 };
static const double hi[K] = { 2.5, 0.3, 9.0, 11.0, -3.0 };
static const double coef[K] = { 3.7, -11.0, 0.0, 1.9, 0.41 };

static double linear(const double *x)
{
	double y = 2.385;

	for (int i = 0; i < K; i++)
		y += coef[i] * x[i];
	return y;
}

static void test_design_geometry(void **state)
{
	struct dur_morris m;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_error err = { 0 };

	(void)state;
	o.levels = 6;
	o.trajectories = 17;
	o.seed = 20211015;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, &err), 0);
	assert_int_equal(m.n, 17 * (K + 1));
	assert_true(fabs(m.delta - 0.6) < 1e-15);
	for (size_t t = 0; t < m.r; t++) {
		int seen[K] = { 0 };

		for (size_t s = 0; s < K; s++) {
			const double *a = m.unit + (t * (K + 1) + s) * K;
			const double *b = a + K;
			size_t i = m.moved[t * K + s];
			int changed = 0;

			seen[i]++;
			for (size_t c = 0; c < K; c++)
				if (a[c] != b[c])
					changed++;
			assert_int_equal(changed, 1);
			assert_true(fabs(fabs(b[i] - a[i]) - m.delta) < 1e-12);
		}
		for (size_t i = 0; i < K; i++)
			assert_int_equal(seen[i], 1);
	}
	for (size_t j = 0; j < m.n * K; j++) {
		double u = m.unit[j], g = u * (o.levels - 1);
		size_t i = j % K;

		assert_true(u >= 0.0 && u <= 1.0);
		assert_true(fabs(g - round(g)) < 1e-9); /* on the grid */
		assert_true(fabs(m.x[j] - (lo[i] + u * (hi[i] - lo[i]))) <
			    1e-12);
	}
	dur_morris_release(&m);
	dur_morris_release(&m); /* twice is harmless */
}

static void test_deterministic_and_prefix(void **state)
{
	struct dur_morris a, b, c;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;

	(void)state;
	o.seed = 77;
	assert_int_equal(dur_morris_init(&a, K, lo, hi, &o, NULL), 0);
	assert_int_equal(dur_morris_init(&b, K, lo, hi, &o, NULL), 0);
	o.trajectories = 25;
	assert_int_equal(dur_morris_init(&c, K, lo, hi, &o, NULL), 0);
	assert_memory_equal(a.x, b.x, a.n * K * sizeof(double));
	/* More trajectories extend the design, keeping the first ones. */
	assert_memory_equal(a.x, c.x, a.n * K * sizeof(double));
	o.seed = 78;
	dur_morris_release(&b);
	assert_int_equal(dur_morris_init(&b, K, lo, hi, &o, NULL), 0);
	assert_memory_not_equal(a.x, b.x, a.n * K * sizeof(double));
	dur_morris_release(&a);
	dur_morris_release(&b);
	dur_morris_release(&c);
}

/* Sum over pairs of trajectories of their squared distance. */
static double spread(const struct dur_morris *m)
{
	size_t k = m->k, pts = (k + 1) * k;
	double tot = 0;

	for (size_t a = 0; a < m->r; a++)
		for (size_t b = a + 1; b < m->r; b++) {
			double d = 0;

			for (size_t i = 0; i <= k; i++)
				for (size_t j = 0; j <= k; j++) {
					double s = 0;

					for (size_t c = 0; c < k; c++)
						s += pow(
							m->unit[a * pts +
								i * k + c] -
								m->unit[b * pts +
									j * k +
									c],
							2);
					d += sqrt(s);
				}
			tot += d * d;
		}
	return tot;
}

/*
 * Campolongo selection keeps r of the candidates, each still a proper
 * trajectory, and spreads them more than the first r candidates (the plain
 * design of the same seed).
 */
static void test_campolongo_selection(void **state)
{
	struct dur_morris plain, sel, again;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_morris_index idx[K];
	double *y;

	(void)state;
	o.trajectories = 8;
	o.seed = 31;
	assert_int_equal(dur_morris_init(&plain, K, lo, hi, &o, NULL), 0);
	o.candidates = 60;
	assert_int_equal(dur_morris_init(&sel, K, lo, hi, &o, NULL), 0);
	assert_int_equal(dur_morris_init(&again, K, lo, hi, &o, NULL), 0);
	assert_int_equal(sel.r, 8);
	assert_int_equal(sel.n, 8 * (K + 1));
	assert_memory_equal(sel.x, again.x, sel.n * K * sizeof(double));
	assert_true(spread(&sel) > 1.1 * spread(&plain)); /* 1.31 here */
	for (size_t t = 0; t < sel.r; t++)
		for (size_t s = 0; s < K; s++) {
			const double *a = sel.unit + (t * (K + 1) + s) * K;
			size_t i = sel.moved[t * K + s];

			assert_true(fabs(fabs(a[K + i] - a[i]) - sel.delta) <
				    1e-12);
		}
	y = malloc(sel.n * sizeof(*y));
	for (size_t j = 0; j < sel.n; j++)
		y[j] = linear(sel.x + j * K);
	assert_int_equal(dur_morris_analyse(&sel, y, 1, idx, NULL), 0);
	for (int i = 0; i < K; i++)
		assert_true(fabs(idx[i].mu_star -
				 fabs(coef[i] * (hi[i] - lo[i]))) < 1e-9);
	free(y);
	dur_morris_release(&plain);
	dur_morris_release(&sel);
	dur_morris_release(&again);
}

/* For a linear model every effect is c_i (hi - lo): sigma 0, exactly. */
static void test_linear_exact(void **state)
{
	struct dur_morris m;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_morris_index idx[K];
	double *y;

	(void)state;
	o.trajectories = 12;
	o.seed = 4;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, NULL), 0);
	y = malloc(m.n * sizeof(*y));
	for (size_t j = 0; j < m.n; j++)
		y[j] = linear(m.x + j * K);
	assert_int_equal(dur_morris_analyse(&m, y, 1, idx, NULL), 0);
	for (int i = 0; i < K; i++) {
		double e = coef[i] * (hi[i] - lo[i]);
		double tol = 1e-9 * (1 + fabs(e));

		assert_true(fabs(idx[i].mu - e) < tol);
		assert_true(fabs(idx[i].mu_star - fabs(e)) < tol);
		assert_true(idx[i].sigma < tol);
		assert_true(fabs(idx[i].mu_star_lo - fabs(e)) < tol);
		assert_true(fabs(idx[i].mu_star_hi - fabs(e)) < tol);
	}
	assert_true(idx[2].mu_star == 0.0); /* no effect, none found */
	free(y);
	dur_morris_release(&m);
}

/*
 * Two outputs at once; the second, y = x0 x1 + x3^2 on the unit cube, has
 * known effects: x3's is (2 x3 + delta) in the direction of travel, so mu*
 * lies in [delta, 2 - delta] and sigma > 0; x0 and x1 interact (sigma > 0);
 * x2 and x4 have none. Ranking: x3 first.
 */
static void test_two_outputs_nonlinear(void **state)
{
	static const double zl[K] = { 0, 0, 0, 0, 0 };
	static const double zh[K] = { 1, 1, 1, 1, 1 };
	struct dur_morris m;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_morris_index idx[2 * K];
	double *y;

	(void)state;
	o.trajectories = 40;
	o.seed = 1234567;
	o.boot = 500;
	assert_int_equal(dur_morris_init(&m, K, zl, zh, &o, NULL), 0);
	y = malloc(2 * m.n * sizeof(*y));
	for (size_t j = 0; j < m.n; j++) {
		const double *x = m.x + j * K;

		y[2 * j] = 3.7 * x[0] - 1.1 * x[1];
		y[2 * j + 1] = x[0] * x[1] + x[3] * x[3];
	}
	assert_int_equal(dur_morris_analyse(&m, y, 2, idx, NULL), 0);
	assert_true(fabs(idx[0].mu_star - 3.7) < 1e-12);
	assert_true(fabs(idx[1].mu - -1.1) < 1e-12);
	const struct dur_morris_index *q = idx + K;
	assert_true(q[3].mu_star >= m.delta - 1e-12);
	assert_true(q[3].mu_star <= 2 - m.delta + 1e-12);
	assert_true(q[3].mu_star > q[0].mu_star);
	assert_true(q[3].mu_star > q[1].mu_star);
	assert_true(q[0].sigma > 0.05 && q[1].sigma > 0.05);
	assert_true(q[2].mu_star == 0.0 && q[4].mu_star == 0.0);
	for (int i = 0; i < K; i++) {
		assert_true(q[i].mu_star_lo <= q[i].mu_star);
		assert_true(q[i].mu_star <= q[i].mu_star_hi);
	}
	free(y);
	dur_morris_release(&m);
}

/* The bootstrap gives the same interval on one thread as on several. */
static void test_bootstrap_thread_independent(void **state)
{
	struct dur_morris m;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_morris_index a[K], b[K];
	double *y;

	(void)state;
	o.trajectories = 15;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, NULL), 0);
	y = malloc(m.n * sizeof(*y));
	for (size_t j = 0; j < m.n; j++)
		y[j] = sin(m.x[j * K]) * m.x[j * K + 3] + m.x[j * K + 1];
	omp_set_num_threads(1);
	assert_int_equal(dur_morris_analyse(&m, y, 1, a, NULL), 0);
	omp_set_num_threads(3);
	assert_int_equal(dur_morris_analyse(&m, y, 1, b, NULL), 0);
	assert_memory_equal(a, b, sizeof(a));
	free(y);
	dur_morris_release(&m);
}

static void test_errors(void **state)
{
	struct dur_morris m;
	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
	struct dur_morris_index idx[K];
	struct dur_error err = { 0 };
	double badhi[K] = { 2.5, 0.3, 2.0, 11.0, -3.0 };
	double *y;

	(void)state;
	assert_int_equal(dur_morris_init(&m, 0, lo, hi, &o, &err), DUR_EINVAL);
	assert_int_equal(dur_morris_init(&m, K, lo, NULL, &o, &err),
			 DUR_EINVAL);
	assert_int_equal(dur_morris_init(&m, K, lo, badhi, &o, &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "bounds of parameter 2 are not finite "
				     "and increasing: [2, 2]");
	badhi[2] = INFINITY;
	assert_int_equal(dur_morris_init(&m, K, lo, badhi, &o, &err),
			 DUR_EINVAL);
	o.levels = 5;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, &err), DUR_EINVAL);
	assert_string_equal(err.msg,
			    "'levels' must be even and at least 2, not 5");
	o.levels = 4;
	o.trajectories = 1;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, &err), DUR_EINVAL);
	o.trajectories = 10;
	o.conf = 1.0;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, NULL), DUR_EINVAL);
	o.conf = 0.9;
	o.trajectories = SIZE_MAX / 4;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, &err), DUR_ELIMIT);
	assert_null(m.x);
	o.trajectories = 10;
	o.candidates = 100000;
	assert_int_equal(dur_morris_init(&m, K, lo, hi, &o, &err), DUR_ELIMIT);
	o.candidates = 0;
	dur_morris_release(&m);

	assert_int_equal(dur_morris_init(&m, K, lo, hi, NULL, &err), 0);
	y = calloc(m.n, sizeof(*y));
	y[7] = NAN;
	assert_int_equal(dur_morris_analyse(&m, y, 1, idx, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "output 0 at design row 7 is not finite");
	assert_int_equal(dur_morris_analyse(&m, y, 0, idx, &err), DUR_EINVAL);
	free(y);
	dur_morris_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_design_geometry),
		cmocka_unit_test(test_deterministic_and_prefix),
		cmocka_unit_test(test_linear_exact),
		cmocka_unit_test(test_campolongo_selection),
		cmocka_unit_test(test_two_outputs_nonlinear),
		cmocka_unit_test(test_bootstrap_thread_independent),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
