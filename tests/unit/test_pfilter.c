/*
 * test_pfilter.c: the particle filter against a model whose likelihood is
 * known exactly: a three-state hidden Markov chain observed through Poisson
 * counts, where the forward algorithm gives the log-likelihood. The
 * estimate must lie within three Monte Carlo standard errors of the truth,
 * its spread must shrink like 1/sqrt(N), and the result must not depend on
 * the number of threads. Systematic resampling is checked by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "durand/pfilter.h"
#include "durand/rng.h"

enum { K = 3, T = 60 };

static const double P[K][K] = { { 0.90, 0.08, 0.02 },
				{ 0.10, 0.80, 0.10 },
				{ 0.05, 0.15, 0.80 } };
static const double PI0[K] = { 0.5, 0.3, 0.2 };
static const double LAMBDA[K] = { 0.7, 3.1, 8.4 };

struct hmm {
	unsigned y[T];
	int every; /* weights brought up to date every this many steps (0:
		      each) */
};

static int every_k(void *ctx, int t)
{
	const struct hmm *h = ctx;

	return (t + 1) % h->every == 0;
}

struct particle {
	int x;
	struct dur_rng rng;
};

static int draw_from(const double *p, double u)
{
	double c = 0;

	for (int k = 0; k < K - 1; k++) {
		c += p[k];
		if (u < c)
			return k;
	}
	return K - 1;
}

static int hmm_init(void *ctx, void *vp, uint64_t seed, uint64_t stream)
{
	struct particle *p = vp;

	(void)ctx;
	dur_rng_init(&p->rng, seed, stream);
	p->x = draw_from(PI0, dur_rng_uniform(&p->rng));
	return 0;
}

static void hmm_rekey(void *ctx, void *vp, uint64_t seed, uint64_t stream)
{
	struct particle *p = vp;

	(void)ctx;
	dur_rng_init(&p->rng, seed, stream);
}

/* The state observed at step t is the chain after t + 1 transitions from
 * the initial draw. */
static void hmm_step(void *ctx, void *vp, int t)
{
	struct particle *p = vp;

	(void)ctx;
	dur_rng_seek(&p->rng, (uint32_t)t + 1);
	p->x = draw_from(P[p->x], dur_rng_uniform(&p->rng));
}

static double hmm_loglik(void *ctx, void *vp, int t)
{
	const struct hmm *h = ctx;
	const struct particle *p = vp;

	return log(gsl_ran_poisson_pdf(h->y[t], LAMBDA[p->x]));
}

/* The exact log-likelihood by the forward algorithm, with the same
 * timing: the first observation sees the chain after one transition. */
static double forward(const struct hmm *h)
{
	double a[K], b[K], ll = 0;

	memcpy(a, PI0, sizeof(a));
	for (int t = 0; t < T; t++) {
		double s = 0;

		for (int j = 0; j < K; j++) {
			b[j] = 0;
			for (int i = 0; i < K; i++)
				b[j] += a[i] * P[i][j];
			b[j] *= gsl_ran_poisson_pdf(h->y[t], LAMBDA[j]);
			s += b[j];
		}
		for (int j = 0; j < K; j++)
			a[j] = b[j] / s;
		ll += log(s);
	}
	return ll;
}

static void simulate(struct hmm *h)
{
	struct dur_rng r;
	gsl_rng g;
	int x;

	h->every = 0;
	dur_rng_init(&r, 4242, 0);
	dur_rng_gsl(&r, &g);
	x = draw_from(PI0, dur_rng_uniform(&r));
	for (int t = 0; t < T; t++) {
		x = draw_from(P[x], dur_rng_uniform(&r));
		h->y[t] = gsl_ran_poisson(&g, LAMBDA[x]);
	}
}

static double filter_ll(struct hmm *h, long n, uint64_t rep, int threads)
{
	struct dur_pf_model m = { sizeof(struct particle), hmm_init, hmm_rekey,
				  hmm_step, hmm_loglik, NULL,
				  h->every ? every_k : NULL, h, NULL, NULL,
				  NULL };
	struct dur_pf_opts o = DUR_PF_OPTS_INIT;
	struct dur_pf_result *r;
	struct dur_error err = { 0 };
	double ll;

	o.particles = n;
	o.steps = T;
	o.seed = 77;
	o.replicate = rep;
	o.threads = threads;
	assert_int_equal(dur_pf_run(&m, &o, &r, &err), 0);
	assert_int_equal(r->steps, T);
	ll = r->loglik;
	dur_pf_result_free(r);
	return ll;
}

/* Mean and variance of R replicate estimates. */
static void replicates(struct hmm *h, long n, int R, double *mean,
		       double *var)
{
	double s = 0, s2 = 0;

	for (int k = 0; k < R; k++) {
		double ll = filter_ll(h, n, (uint64_t)k + 1, 0);

		s += ll;
		s2 += ll * ll;
	}
	*mean = s / R;
	*var = (s2 - s * s / R) / (R - 1);
}

static void test_loglik_matches_forward_algorithm(void **state)
{
	struct hmm h;
	double truth, mean, var;
	const int R = 24;

	(void)state;
	simulate(&h);
	truth = forward(&h);
	replicates(&h, 2000, R, &mean, &var);
	/* The estimate of log L is biased low by about var/2 (Jensen); at
	 * this N that is far inside the bound. */
	assert_true(fabs(mean - truth) < 3 * sqrt(var / R));
	assert_true(var > 0);
}

/* Weighting once every 7 steps (resampling only then) estimates the same
 * likelihood. */
static void test_stretches_between_syncs(void **state)
{
	struct hmm h;
	double truth, mean, var;
	const int R = 24;

	(void)state;
	simulate(&h);
	h.every = 7;
	truth = forward(&h);
	replicates(&h, 2000, R, &mean, &var);
	assert_true(fabs(mean - truth) < 3 * sqrt(var / R));
}

static void test_error_shrinks_like_inverse_sqrt_n(void **state)
{
	struct hmm h;
	double m1, v1, m4, v4, lo, hi;
	const int R = 24;

	(void)state;
	simulate(&h);
	replicates(&h, 250, R, &m1, &v1);
	replicates(&h, 1000, R, &m4, &v4);
	/* Var(log L-hat) ~ c/N, so v1/v4 ~ 4. The ratio of two sample
	 * variances of R draws each is 4 F(R-1, R-1) under that law: accept
	 * its central 99.8%. */
	lo = 4 * gsl_cdf_fdist_Pinv(0.001, R - 1, R - 1);
	hi = 4 * gsl_cdf_fdist_Pinv(0.999, R - 1, R - 1);
	assert_true(v1 / v4 > lo);
	assert_true(v1 / v4 < hi);
}

static void test_same_bits_for_any_threads(void **state)
{
	struct hmm h;
	double a, b;

	(void)state;
	simulate(&h);
	a = filter_ll(&h, 3001, 9, 1);
	b = filter_ll(&h, 3001, 9, 2);
	assert_memory_equal(&a, &b, sizeof(a));
	/* and another replicate is another estimate */
	assert_true(filter_ll(&h, 3001, 10, 2) != a);
}

static void test_systematic_resampling(void **state)
{
	const double w[5] = { 0.1, 0.0, 0.45, 0.3, 0.15 };
	long idx[5];
	int count[5] = { 0 };

	(void)state;
	/* u = 0.5: positions 0.1, 0.3, 0.5, 0.7, 0.9 of the cumulative
	 * 0.1, 0.1, 0.55, 0.85, 1.0 */
	dur_pf_systematic(w, 5, 0.5, idx);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 2);
	assert_int_equal(idx[3], 3);
	assert_int_equal(idx[4], 4);
	/* any u: each parent gets floor or ceil of n w offspring */
	for (double u = 0.01; u < 1; u += 0.07) {
		memset(count, 0, sizeof(count));
		dur_pf_systematic(w, 5, u, idx);
		for (int i = 0; i < 5; i++) {
			count[idx[i]]++;
			if (i)
				assert_true(idx[i] >= idx[i - 1]);
		}
		for (int i = 0; i < 5; i++) {
			assert_true(count[i] >= (int)floor(5 * w[i] - 1e-12));
			assert_true(count[i] <= (int)ceil(5 * w[i] + 1e-12));
		}
	}
}

static void test_bad_options(void **state)
{
	struct hmm h;
	struct dur_pf_model m = { sizeof(struct particle), hmm_init, hmm_rekey,
				  hmm_step, hmm_loglik, NULL, NULL, &h, NULL, NULL,
				  NULL };
	struct dur_pf_opts o = DUR_PF_OPTS_INIT;
	struct dur_pf_result *r = (void *)1;
	struct dur_error err = { 0 };

	(void)state;
	o.particles = 0;
	assert_int_equal(dur_pf_run(&m, &o, &r, &err), DUR_EINVAL);
	assert_null(r);
	o.particles = 10;
	o.resample_below = 1.5;
	assert_int_equal(dur_pf_run(&m, &o, &r, &err), DUR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loglik_matches_forward_algorithm),
		cmocka_unit_test(test_stretches_between_syncs),
		cmocka_unit_test(test_error_shrinks_like_inverse_sqrt_n),
		cmocka_unit_test(test_same_bits_for_any_threads),
		cmocka_unit_test(test_systematic_resampling),
		cmocka_unit_test(test_bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
