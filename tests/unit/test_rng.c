/*
 * test_rng.c: the Philox streams are reproducible, distinct per (seed, run,
 * substream), uniform on (0, 1), and usable by GSL's samplers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>

#include "durand/rng.h"

enum { K = 64 };

static void draw(uint64_t seed, uint64_t run, uint32_t sub, uint32_t *out)
{
	struct dur_rng r;

	dur_rng_init(&r, seed, run);
	dur_rng_seek(&r, sub);
	for (int i = 0; i < K; i++)
		out[i] = dur_rng_u32(&r);
}

static int same(const uint32_t *a, const uint32_t *b)
{
	int eq = 0;

	for (int i = 0; i < K; i++)
		eq += a[i] == b[i];
	return eq;
}

static void test_same_key_same_numbers(void **state)
{
	uint32_t a[K], b[K];
	struct dur_rng r;

	(void)state;
	draw(20251020, 7341, 913, a);
	draw(20251020, 7341, 913, b);
	assert_memory_equal(a, b, sizeof(a));

	/* seeking back to a substream restarts it, whatever was drawn */
	dur_rng_init(&r, 20251020, 7341);
	dur_rng_seek(&r, 5);
	for (int i = 0; i < 37; i++)
		(void)dur_rng_u32(&r);
	dur_rng_seek(&r, 913);
	for (int i = 0; i < K; i++)
		b[i] = dur_rng_u32(&r);
	assert_memory_equal(a, b, sizeof(a));

	/* init starts at substream 0 */
	draw(20251020, 7341, 0, a);
	dur_rng_init(&r, 20251020, 7341);
	for (int i = 0; i < K; i++)
		b[i] = dur_rng_u32(&r);
	assert_memory_equal(a, b, sizeof(a));
}

static void test_different_keys_differ(void **state)
{
	uint32_t base[K], other[K];

	(void)state;
	draw(20251020, 7341, 913, base);
	/* 64 words agreeing by chance in more than 2 places: p < 1e-25 */
	draw(20251020, 7342, 913, other);
	assert_true(same(base, other) <= 2);
	draw(20251020, 7341, 914, other);
	assert_true(same(base, other) <= 2);
	draw(20251021, 7341, 913, other);
	assert_true(same(base, other) <= 2);
	/* the high words of seed and run count too */
	draw(20251020 + (1ULL << 32), 7341, 913, other);
	assert_true(same(base, other) <= 2);
	draw(20251020, 7341 + (1ULL << 32), 913, other);
	assert_true(same(base, other) <= 2);
	/* and consecutive draws within a stream are not repeats */
	for (int i = 1; i < K; i++)
		assert_true(base[i] != base[i - 1]);
}

static void test_uniform_moments(void **state)
{
	const long n = 1000000;
	struct dur_rng r;
	double sum = 0, sumsq = 0, mean, var;

	(void)state;
	dur_rng_init(&r, 4242, 17);
	for (long i = 0; i < n; i++) {
		double u = dur_rng_uniform(&r);

		assert_true(u > 0 && u < 1);
		sum += u;
		sumsq += (u - 0.5) * (u - 0.5);
	}
	mean = sum / n;
	/* sd of U is sqrt(1/12) */
	assert_true(fabs(mean - 0.5) < 4 * sqrt(1.0 / 12 / n));
	/* (U - 1/2)^2 has mean 1/12 and variance 1/80 - 1/144 */
	var = sumsq / n;
	assert_true(fabs(var - 1.0 / 12) <
		    4 * sqrt((1.0 / 80 - 1.0 / 144) / n));
}

static void test_uniform_extremes(void **state)
{
	struct dur_rng r;
	uint32_t lo = 0, hi = 0xffffffffu;
	double ulo, uhi;

	(void)state;
	/* the smallest and largest outputs still lie strictly inside (0,1) */
	r.left = 1;
	r.buf[0] = lo;
	ulo = dur_rng_uniform(&r);
	r.left = 1;
	r.buf[0] = hi;
	uhi = dur_rng_uniform(&r);
	assert_true(ulo > 0 && ulo < 1e-9);
	assert_true(uhi < 1 && uhi > 1 - 1e-9);
}

static void test_gsl_adapter(void **state)
{
	const long n = 1000000;
	const double mu = 3.7;
	struct dur_rng r, r2;
	gsl_rng g;
	double sum = 0, sumsq = 0, mean, var;

	(void)state;
	dur_rng_init(&r, 99, 3);
	dur_rng_gsl(&r, &g);
	for (long i = 0; i < n; i++) {
		double k = gsl_ran_poisson(&g, mu);

		sum += k;
		sumsq += k * k;
	}
	mean = sum / n;
	var = (sumsq - n * mean * mean) / (n - 1);
	/* Poisson: variance mu; the sample variance's variance is
	 * (mu4 - sigma^4)/n with mu4 = mu (1 + 3 mu), i.e. (mu + 2 mu^2)/n */
	assert_true(fabs(mean - mu) < 4 * sqrt(mu / n));
	assert_true(fabs(var - mu) < 4 * sqrt((mu + 2 * mu * mu) / n));

	/* GSL draws the same stream as dur_rng_u32 */
	dur_rng_init(&r, 99, 3);
	dur_rng_init(&r2, 99, 3);
	for (int i = 0; i < 100; i++)
		assert_int_equal(gsl_rng_get(&g), dur_rng_u32(&r2));
	for (int i = 0; i < 1000; i++) {
		double u = gsl_rng_uniform(&g);

		assert_true(u >= 0 && u < 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_key_same_numbers),
		cmocka_unit_test(test_different_keys_differ),
		cmocka_unit_test(test_uniform_moments),
		cmocka_unit_test(test_uniform_extremes),
		cmocka_unit_test(test_gsl_adapter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
