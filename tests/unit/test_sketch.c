/*
 * test_sketch.c: quantiles of the mergeable histogram against sorted
 * arrays, its error bound above the exact range, and bit-identical merges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "durand/rng.h"
#include "durand/sketch.h"
#include "testutil.h"

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Type-1 sample quantile (inverse of the empirical CDF) of sorted x[n]:
 * the k-th smallest with k = max(1, ceil(q n)). */
static int64_t type1(const int64_t *x, long n, double q)
{
	long k = (long)ceil(q * (double)n);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return x[k - 1];
}

/* n draws in [lo, hi] from stream (seed, 0). */
static void fill(int64_t *x, long n, int64_t lo, int64_t hi, uint64_t seed)
{
	struct dur_rng r;

	dur_rng_init(&r, seed, 0);
	for (long i = 0; i < n; i++)
		x[i] = lo + (int64_t)(dur_rng_uniform(&r) * (double)(hi - lo + 1));
}

static void test_exact_small_values(void **state)
{
	enum { N = 1013 };
	static const double qs[] = { 0.05, 0.25, 0.5, 0.75, 0.95, 0.333, 0.9871 };
	int64_t x[N];
	struct dur_sketch s;

	(void)state;
	/* |v| < 256: negative ones too, as differences between runs are */
	fill(x, N, -203, 251, 31);
	dur_sketch_init(&s);
	for (long i = 0; i < N; i++)
		assert_int_equal(dur_sketch_add(&s, x[i]), 0);
	qsort(x, N, sizeof(x[0]), cmp64);
	assert_int_equal(s.n, N);
	/* q = k/n must give exactly the k-th value, not the (k+1)-th */
	for (long k = 1; k <= N; k++)
		assert_true(dur_sketch_quantile(&s, (double)k / N) ==
			    (double)x[k - 1]);
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++)
		assert_true(dur_sketch_quantile(&s, qs[i]) ==
			    (double)type1(x, N, qs[i]));
	assert_true(dur_sketch_quantile(&s, 0) == (double)x[0]);
	assert_true(dur_sketch_quantile(&s, 1) == (double)x[N - 1]);
	/* count_le is exact here */
	for (int64_t v = -210; v <= 260; v += 7) {
		int64_t le = 0;

		for (long i = 0; i < N; i++)
			le += x[i] <= v;
		assert_int_equal(dur_sketch_count_le(&s, v), le);
	}
	dur_sketch_release(&s);
}

static void test_large_values_within_bound(void **state)
{
	enum { N = 20011 };
	int64_t *x = malloc(N * sizeof(*x));
	struct dur_sketch s;
	struct dur_rng r;

	(void)state;
	assert_non_null(x);
	dur_rng_init(&r, 77, 0);
	dur_sketch_init(&s);
	/* log-uniform over [256, 1e13], half of them negated */
	for (long i = 0; i < N; i++) {
		double u = dur_rng_uniform(&r);

		x[i] = (int64_t)exp(log(256.0) + u * (log(1e13) - log(256.0)));
		if (dur_rng_uniform(&r) < 0.5)
			x[i] = -x[i];
		assert_int_equal(dur_sketch_add(&s, x[i]), 0);
	}
	qsort(x, N, sizeof(x[0]), cmp64);
	for (long k = 1; k <= N; k += 37) {
		double q = dur_sketch_quantile(&s, (double)k / N);
		double exact = (double)x[k - 1];

		if (fabs(q - exact) > DUR_SKETCH_REL_ERROR * fabs(exact))
			fail_msg("q(%ld/%d) = %.17g, exact %.17g", k, N, q,
				 exact);
	}
	dur_sketch_release(&s);
	free(x);
}

static void test_merge_any_order_same_bits(void **state)
{
	enum { N = 6007 };
	int64_t x[N];
	struct dur_sketch all, part[3], ab_c, c_ba, odd_even[2], oe;
	static const double qs[] = { 0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95,
				     0.99, 1 };

	(void)state;
	fill(x, N, -90000, 5000000, 5);
	for (long i = 0; i < N / 10; i++)
		x[i] = x[i] % 300; /* some in the exact range too */
	dur_sketch_init(&all);
	for (int k = 0; k < 3; k++)
		dur_sketch_init(&part[k]);
	for (int k = 0; k < 2; k++)
		dur_sketch_init(&odd_even[k]);
	for (long i = 0; i < N; i++) {
		dur_sketch_add(&all, x[i]);
		/* uneven contiguous split: [0,1000) [1000,1001) [1001,N) */
		dur_sketch_add(&part[i < 1000 ? 0 : i < 1001 ? 1 : 2], x[i]);
		dur_sketch_add(&odd_even[i % 2], x[i]);
	}
	dur_sketch_init(&ab_c);
	dur_sketch_merge(&ab_c, &part[0]);
	dur_sketch_merge(&ab_c, &part[1]);
	dur_sketch_merge(&ab_c, &part[2]);
	dur_sketch_init(&c_ba);
	dur_sketch_merge(&c_ba, &part[2]);
	dur_sketch_merge(&part[1], &part[0]); /* into a non-empty one */
	dur_sketch_merge(&c_ba, &part[1]);
	dur_sketch_init(&oe);
	dur_sketch_merge(&oe, &odd_even[1]);
	dur_sketch_merge(&oe, &odd_even[0]);
	assert_sketch_equal(&all, &ab_c);
	assert_sketch_equal(&all, &c_ba);
	assert_sketch_equal(&all, &oe);
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		double a = dur_sketch_quantile(&all, qs[i]);
		double b = dur_sketch_quantile(&c_ba, qs[i]);
		double c = dur_sketch_quantile(&oe, qs[i]);

		assert_memory_equal(&a, &b, sizeof(a));
		assert_memory_equal(&a, &c, sizeof(a));
	}
	/* merging an empty sketch changes nothing */
	{
		struct dur_sketch empty;

		dur_sketch_init(&empty);
		dur_sketch_merge(&oe, &empty);
		assert_sketch_equal(&all, &oe);
	}
	dur_sketch_release(&all);
	dur_sketch_release(&ab_c);
	dur_sketch_release(&c_ba);
	dur_sketch_release(&oe);
	for (int k = 0; k < 3; k++)
		dur_sketch_release(&part[k]);
	for (int k = 0; k < 2; k++)
		dur_sketch_release(&odd_even[k]);
}

static void test_mean_and_se(void **state)
{
	enum { N = 4099 };
	int64_t x[N];
	struct dur_sketch s;
	long double sum = 0, mean, ss = 0, se;
	int64_t isum = 0;

	(void)state;
	fill(x, N, -1234567, 9876543, 8);
	dur_sketch_init(&s);
	for (long i = 0; i < N; i++) {
		dur_sketch_add(&s, x[i]);
		isum += x[i];
		sum += x[i];
	}
	/* the sum is kept exactly, so the mean is the exact sum over n */
	assert_int_equal(s.sum, isum);
	assert_true(dur_sketch_mean(&s) == (double)isum / N);
	mean = sum / N;
	for (long i = 0; i < N; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	se = sqrtl(ss / (N - 1) / N);
	assert_true(fabsl(dur_sketch_se(&s) - se) < 1e-9 * se);
	dur_sketch_release(&s);

	/* differences: symmetric values have mean 0; a constant has se 0 */
	dur_sketch_init(&s);
	for (int v = 1; v <= 300; v++) {
		dur_sketch_add(&s, -3 * v);
		dur_sketch_add(&s, 3 * v);
	}
	assert_true(dur_sketch_mean(&s) == 0);
	assert_true(dur_sketch_quantile(&s, 0.5) == -3);
	dur_sketch_release(&s);
	dur_sketch_init(&s);
	for (int i = 0; i < 17; i++)
		dur_sketch_add(&s, -41);
	assert_true(dur_sketch_mean(&s) == -41);
	assert_true(dur_sketch_se(&s) == 0);
	assert_true(dur_sketch_quantile(&s, 0.05) == -41);
	dur_sketch_release(&s);
}

/* Adding values n at a time gives the very sketch of adding them one by
 * one, in one window or across growths of it. */
static void test_add_n_same_as_add(void **state)
{
	enum { N = 3000 };
	static int64_t x[N];
	struct dur_sketch a, b;

	(void)state;
	fill(x, N, -50000, 2000000, 11);
	dur_sketch_init(&a);
	dur_sketch_init(&b);
	for (long i = 0; i < N; i++)
		assert_int_equal(dur_sketch_add(&a, x[i]), 0);
	assert_int_equal(dur_sketch_add_n(&b, x, 7), 0);
	assert_int_equal(dur_sketch_add_n(&b, x + 7, 0), 0);
	assert_int_equal(dur_sketch_add_n(&b, x + 7, N - 7), 0);
	assert_sketch_equal(&a, &b);
	dur_sketch_release(&a);
	dur_sketch_release(&b);
}

static void test_empty_and_single(void **state)
{
	struct dur_sketch s;

	(void)state;
	dur_sketch_init(&s);
	assert_true(isnan(dur_sketch_quantile(&s, 0.5)));
	assert_true(isnan(dur_sketch_mean(&s)));
	assert_true(isnan(dur_sketch_se(&s)));
	assert_int_equal(dur_sketch_count_le(&s, 1000), 0);
	dur_sketch_add(&s, 2385);
	assert_true(isnan(dur_sketch_se(&s)));
	assert_true(dur_sketch_mean(&s) == 2385);
	assert_true(fabs(dur_sketch_quantile(&s, 0.5) - 2385) <=
		    DUR_SKETCH_REL_ERROR * 2385);
	dur_sketch_release(&s);
	dur_sketch_release(&s); /* release twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_small_values),
		cmocka_unit_test(test_large_values_within_bound),
		cmocka_unit_test(test_merge_any_order_same_bits),
		cmocka_unit_test(test_mean_and_se),
		cmocka_unit_test(test_empty_and_single),
		cmocka_unit_test(test_add_n_same_as_add),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
