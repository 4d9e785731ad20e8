/*
 * test_driver.c: the parallel run driver runs every item of its range
 * exactly once on some thread, merges every thread's state, gives the same
 * integer sums for any thread count, stops on cancel and on a failing item
 * or set-up, and reports progress up to done == total.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "durand/driver.h"

struct sums {
	long n;            /* items begin .. n-1 */
	int *ran;          /* [n] times item i ran */
	int64_t total;     /* merged sum of i * i */
	int merges, inits, releases;
	long fail_at;      /* an item that fails (-1: none) */
	int fail_init;     /* every init fails */
	dur_cancel *raise; /* raised by item 10 */
	long last_done, last_total, calls;
	int monotone;
};

static int s_init(void *ctx, void *local)
{
	struct sums *s = ctx;

#pragma omp atomic
	s->inits++;
	return *(int64_t *)local || s->fail_init ? DUR_ENOMEM : 0; /* zeroed */
}

static int s_run(void *ctx, void *local, long i)
{
	struct sums *s = ctx;
	int64_t *mine = local;

	if (i == s->fail_at)
		return DUR_EINVAL;
	if (i == 10 && s->raise)
		*s->raise = 1;
#pragma omp atomic
	s->ran[i]++;
	*mine += (int64_t)i * i;
	return 0;
}

static int s_merge(void *ctx, void *local)
{
	struct sums *s = ctx;

	s->total += *(int64_t *)local;
	s->merges++;
	return 0;
}

static void s_release(void *ctx, void *local)
{
	struct sums *s = ctx;

	(void)local;
#pragma omp atomic
	s->releases++;
}

static void s_progress(void *ctx, const struct dur_progress *p)
{
	struct sums *s = ctx;

	if (p->done < s->last_done || p->total != s->n)
		s->monotone = 0;
	s->last_done = p->done;
	s->last_total = p->total;
	s->calls++;
}

static struct dur_task task(struct sums *s, long begin, int threads)
{
	struct dur_task t = { begin, s->n, threads, s, sizeof(int64_t), s_init,
			      s_run, s_merge, s_release, NULL, s_progress, s };
	return t;
}

static struct sums *sums_new(long n)
{
	struct sums *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->n = n;
	s->ran = calloc((size_t)n, sizeof(*s->ran));
	assert_non_null(s->ran);
	s->fail_at = -1;
	s->monotone = 1;
	return s;
}

static void sums_free(struct sums *s)
{
	free(s->ran);
	free(s);
}

static void test_every_item_once_same_sum(void **state)
{
	const long n = 1000, begin = 7;
	int64_t want = 0;

	(void)state;
	for (long i = begin; i < n; i++)
		want += (int64_t)i * i;
	for (int th = 1; th <= 4; th++) {
		struct sums *s = sums_new(n);
		struct dur_task t = task(s, begin, th);
		long done = -1;

		assert_int_equal(dur_drive(&t, &done, NULL), 0);
		assert_int_equal(done, n - begin);
		for (long i = 0; i < n; i++)
			assert_int_equal(s->ran[i], i >= begin);
		assert_int_equal(s->total, want);
		assert_true(s->merges >= 1 && s->merges <= th);
		assert_int_equal(s->merges, s->inits);
		assert_int_equal(s->releases, s->inits);
		/* progress counts from begin and ends at done == total */
		assert_true(s->monotone);
		assert_int_equal(s->last_done, n);
		assert_int_equal(s->last_total, n);
		sums_free(s);
	}
}

static void test_more_threads_than_items(void **state)
{
	struct sums *s = sums_new(3);
	struct dur_task t = task(s, 0, 8);

	(void)state;
	assert_int_equal(dur_drive_threads(8, 3), 3);
	assert_int_equal(dur_drive(&t, NULL, NULL), 0);
	assert_int_equal(s->total, 0 + 1 + 4);
	assert_true(s->inits <= 3);
	sums_free(s);

	s = sums_new(5);
	t = task(s, 5, 2); /* an empty range: nothing runs, no error */
	assert_int_equal(dur_drive(&t, NULL, NULL), 0);
	assert_int_equal(s->total, 0);
	sums_free(s);
}

static void test_cancel_stops_without_merge(void **state)
{
	for (int th = 1; th <= 2; th++) {
		struct sums *s = sums_new(100000);
		dur_cancel flag = 0;
		struct dur_task t = task(s, 0, th);
		struct dur_error err;
		long done = 0, ran = 0;

		(void)state;
		s->raise = &flag;
		t.cancel = &flag;
		assert_int_equal(dur_drive(&t, &done, &err), DUR_ECANCEL);
		assert_int_equal(err.code, DUR_ECANCEL);
		for (long i = 0; i < s->n; i++)
			ran += s->ran[i];
		/* at most the items already started when the flag rose */
		assert_int_equal(done, ran);
		assert_true(done < s->n);
		assert_int_equal(s->merges, 0);
		assert_int_equal(s->releases, s->inits);
		sums_free(s);
	}
}

static void test_failure_is_returned(void **state)
{
	struct sums *s = sums_new(500);
	struct dur_task t = task(s, 0, 2);
	struct dur_error err;

	(void)state;
	s->fail_at = 123;
	assert_int_equal(dur_drive(&t, NULL, &err), DUR_EINVAL);
	assert_int_equal(s->ran[123], 0);
	assert_int_equal(s->merges, 0);
	assert_int_equal(s->releases, s->inits);
	sums_free(s);

	s = sums_new(500);
	t = task(s, 0, 2);
	s->fail_init = 1;
	assert_int_equal(dur_drive(&t, NULL, &err), DUR_ENOMEM);
	assert_int_equal(err.code, DUR_ENOMEM);
	for (long i = 0; i < s->n; i++)
		assert_int_equal(s->ran[i], 0);
	assert_int_equal(s->releases, s->inits);
	sums_free(s);
}

static void test_chunk_rule(void **state)
{
	(void)state;
	assert_int_equal(dur_drive_chunk(1, 4), 1);
	assert_int_equal(dur_drive_chunk(100, 2), 6);
	assert_int_equal(dur_drive_chunk(1000000, 2), 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item_once_same_sum),
		cmocka_unit_test(test_more_threads_than_items),
		cmocka_unit_test(test_cancel_stops_without_merge),
		cmocka_unit_test(test_failure_is_returned),
		cmocka_unit_test(test_chunk_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
