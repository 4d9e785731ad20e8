/* test_hawkes.c: the Hawkes likelihoods' analytic derivatives against
 * finite differences, the simulators' event rates against theory, and the
 * time-rescaling residuals' mean. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/hawkes.h"

#define K 3
#define P (2 * K + K * K)

static const double daily_theta[P] = {
	0.37, 0.12, 0.053,                     /* mu */
	0.21, 0.083, 0.0, 0.0, 0.31, 0.0, 0.04, 0.11, 0.17, /* alpha */
	0.62, 0.45, 0.71,                      /* d */
};

static const double cont_theta[P] = {
	0.43, 0.17, 0.061,
	0.27, 0.19, 0.0, 0.05, 0.33, 0.0, 0.1, 0.21, 0.24, /* branching */
	1.3, 0.45, 2.2,                        /* beta */
};

/* Check grad and hess of f at theta by central differences. */
static void check_derivatives(double (*f)(const double *, double *, double *,
					   void *),
			      const double *theta, void *ctx)
{
	double g[P], h[P * P], g1[P], g2[P], th[P];

	f(theta, g, h, ctx);
	for (int x = 0; x < P; x++) {
		double eps = 1e-6 * (fabs(theta[x]) + 0.1), lp, lm;

		memcpy(th, theta, sizeof(th));
		th[x] += eps;
		lp = f(th, g1, NULL, ctx);
		th[x] = theta[x] - eps;
		lm = f(th, g2, NULL, ctx);
		assert_true(fabs((lp - lm) / (2 * eps) - g[x]) <=
			    1e-5 * (fabs(g[x]) + 10));
		for (int y = 0; y < P; y++) {
			double fd = (g1[y] - g2[y]) / (2 * eps);

			assert_true(fabs(fd - h[y * P + x]) <=
				    1e-4 * (fabs(fd) + 1));
		}
	}
}

struct daily {
	double *count;
	long ndays;
};

static double daily_f(const double *th, double *g, double *h, void *ctx)
{
	struct daily *d = ctx;

	return dur_hawkes_daily_loglik(K, th, d->count, d->ndays, g, h);
}

struct cont {
	double *t, T;
	int *dim;
	size_t n;
};

static double cont_f(const double *th, double *g, double *h, void *ctx)
{
	struct cont *c = ctx;

	return dur_hawkes_cont_loglik(K, th, c->t, c->dim, c->n, c->T, g, h);
}

static void test_daily_derivatives(void **state)
{
	struct dur_rng r;
	struct daily d = { .ndays = 400 };

	(void)state;
	d.count = malloc(sizeof(double) * K * d.ndays);
	dur_rng_init(&r, 20251012, 1);
	dur_hawkes_daily_simulate(K, daily_theta, d.ndays, &r, d.count);
	check_derivatives(daily_f, daily_theta, &d);
	free(d.count);
}

static void test_cont_derivatives(void **state)
{
	struct dur_rng r;
	struct cont c = { .T = 300 };

	(void)state;
	dur_rng_init(&r, 7, 3);
	assert_int_equal(dur_hawkes_cont_simulate(K, cont_theta, c.T, 100000,
						  &r, &c.t, &c.dim, &c.n,
						  NULL),
			 0);
	assert_true(c.n > 100);
	check_derivatives(cont_f, cont_theta, &c);
	free(c.t);
	free(c.dim);
}

/* Stationary rates: m = (I - B)^-1 mu; the simulation's means agree. */
static void stationary(const double *B, const double *mu, double *m)
{
	double x[K] = { 0 };

	for (int it = 0; it < 2000; it++) {
		double y[K];

		for (int i = 0; i < K; i++) {
			y[i] = mu[i];
			for (int j = 0; j < K; j++)
				y[i] += B[i * K + j] * x[j];
		}
		memcpy(x, y, sizeof(x));
	}
	memcpy(m, x, sizeof(x));
}

/* Segmented baselines: 2 streams, 3 segments. */
#define KS 2
#define NSEG 3
#define PS (2 * KS + KS * KS + (NSEG - 1) * KS)

static const double seg_theta[PS] = {
	0.21, 0.09,             /* mu, segment 0 */
	0.18, 0.05, 0.12, 0.07, /* alpha */
	0.55, 0.7,              /* d */
	0.47, 0.13,             /* mu, segment 1 */
	0.3, 0.04,              /* mu, segment 2 */
};

static void test_daily_seg_derivatives(void **state)
{
	enum { ND = 600 };
	double *c = malloc(sizeof(double) * KS * ND), g[PS], h[PS * PS];
	double g1[PS], g2[PS], th[PS];
	int seg[ND];
	struct dur_rng r;

	(void)state;
	assert_int_equal(dur_hawkes_nparams_seg(KS, NSEG), PS);
	for (int t = 0; t < ND; t++)
		seg[t] = t < 150 ? 0 : t < 420 ? 1 : 2;
	dur_rng_init(&r, 31, 2);
	dur_hawkes_daily_simulate_seg(KS, seg, seg_theta, ND, &r, c);
	dur_hawkes_daily_loglik_seg(KS, NSEG, seg, seg_theta, c, ND, g, h);
	for (int x = 0; x < PS; x++) {
		double eps = 1e-6 * (fabs(seg_theta[x]) + 0.1), lp, lm;

		memcpy(th, seg_theta, sizeof(th));
		th[x] += eps;
		lp = dur_hawkes_daily_loglik_seg(KS, NSEG, seg, th, c, ND, g1,
						 NULL);
		th[x] = seg_theta[x] - eps;
		lm = dur_hawkes_daily_loglik_seg(KS, NSEG, seg, th, c, ND, g2,
						 NULL);
		assert_true(fabs((lp - lm) / (2 * eps) - g[x]) <=
			    1e-5 * (fabs(g[x]) + 10));
		for (int y = 0; y < PS; y++) {
			double fd = (g1[y] - g2[y]) / (2 * eps);

			assert_true(fabs(fd - h[y * PS + x]) <=
				    1e-4 * (fabs(fd) + 1));
		}
	}
	/* all segments at segment 0's baseline: the constant likelihood */
	memcpy(th, seg_theta, sizeof(th));
	for (int s = 1; s < NSEG; s++)
		for (int i = 0; i < KS; i++)
			th[2 * KS + KS * KS + (s - 1) * KS + i] = th[i];
	assert_true(dur_hawkes_daily_loglik_seg(KS, NSEG, seg, th, c, ND, NULL,
						NULL) ==
		    dur_hawkes_daily_loglik(KS, th, c, ND, NULL, NULL));
	free(c);
}

static void test_daily_rates(void **state)
{
	long nd = 40000;
	double *c = malloc(sizeof(double) * K * nd), B[K * K], m[K];
	double sum[K] = { 0 };
	struct dur_rng r;

	(void)state;
	dur_rng_init(&r, 99, 0);
	dur_hawkes_daily_simulate(K, daily_theta, nd, &r, c);
	for (int i = 0; i < K; i++)
		for (int j = 0; j < K; j++)
			B[i * K + j] = daily_theta[K + i * K + j] /
				       (1 - daily_theta[K + K * K + j]);
	stationary(B, daily_theta, m);
	for (long t = 0; t < nd; t++)
		for (int i = 0; i < K; i++)
			sum[i] += c[t * K + i];
	for (int i = 0; i < K; i++)
		assert_true(fabs(sum[i] / nd - m[i]) < 0.05 * m[i]);
	free(c);
}

static void test_cont_rescaled_are_exponential(void **state)
{
	struct dur_rng r;
	double *t, *tau[K];
	int *dim;
	size_t n, m[K];

	(void)state;
	dur_rng_init(&r, 5, 0);
	assert_int_equal(dur_hawkes_cont_simulate(K, cont_theta, 20000, 1000000,
						  &r, &t, &dim, &n, NULL),
			 0);
	for (int i = 0; i < K; i++)
		tau[i] = malloc(n * sizeof(double));
	dur_hawkes_cont_rescale(K, cont_theta, t, dim, n, tau, m);
	for (int i = 0; i < K; i++) {
		double s = 0;

		for (size_t x = 0; x < m[i]; x++)
			s += tau[i][x];
		assert_true(m[i] > 500);
		assert_true(fabs(s / m[i] - 1) < 4 / sqrt((double)m[i]));
		free(tau[i]);
	}
	free(t);
	free(dim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_derivatives),
		cmocka_unit_test(test_daily_seg_derivatives),
		cmocka_unit_test(test_cont_derivatives),
		cmocka_unit_test(test_daily_rates),
		cmocka_unit_test(test_cont_rescaled_are_exponential),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
