/*
 * test_grow.c: the growth helper keeps what the array held, at least
 * doubles (so n appends cost O(n)), and refuses a size that would overflow
 * without touching the array.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "durand/error.h"
#include "durand/grow.h"

static void test_append_keeps_values(void **state)
{
	long *v = NULL;
	size_t cap = 0, grows = 0, last = 0;

	(void)state;
	for (long i = 0; i < 100000; i++) {
		assert_int_equal(dur_grow(&v, &cap, (size_t)i + 1, sizeof(*v)),
				 0);
		assert_true(cap >= (size_t)i + 1);
		if (cap != last) {
			if (last)
				assert_true(cap >= 2 * last);
			grows++;
			last = cap;
		}
		v[i] = i * 3;
	}
	for (long i = 0; i < 100000; i++)
		assert_int_equal(v[i], i * 3);
	/* from 16, doubling: 16 .. 131072 is 14 allocations */
	assert_int_equal(grows, 14);
	/* no growth when there is room */
	assert_int_equal(dur_grow(&v, &cap, 10, sizeof(*v)), 0);
	assert_int_equal(cap, last);
	free(v);
}

static void test_overflow_refused(void **state)
{
	char *p = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(dur_grow(&p, &cap, 100, 1), 0);
	p[99] = 'x';
	assert_int_equal(dur_grow(&p, &cap, SIZE_MAX / 2 + 2, 1), DUR_ENOMEM);
	assert_int_equal(cap, 128);
	assert_int_equal(dur_grow(&p, &cap, SIZE_MAX / 8, 16), DUR_ENOMEM);
	assert_int_equal(cap, 128);
	assert_int_equal(p[99], 'x');
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_keeps_values),
		cmocka_unit_test(test_overflow_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
