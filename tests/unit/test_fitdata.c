/* test_fitdata.c: stream lists, daily counts and seeded times of day from
 * the event database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "durand/date.h"
#include "durand/fitdata.h"
#include "durand/import.h"

static void test_parse_streams(void **state)
{
	struct dur_fitdata d;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_fitdata_parse_streams(&d, "attack,strike,clash",
						   &err),
			 0);
	assert_int_equal(d.k, 3);
	assert_string_equal(d.stream[2], "clash");
	assert_int_equal(dur_fitdata_parse_streams(&d, "attack,", &err),
			 DUR_EINVAL);
	assert_int_equal(dur_fitdata_parse_streams(&d, "a,b,a", &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "stream 'a' is named twice");
	assert_int_equal(dur_fitdata_parse_streams(&d, "a,b,c,d,e,f,g,h,i",
						   &err),
			 DUR_ELIMIT);
}

static void test_load(void **state)
{
	struct dur_store *st;
	struct dur_import_result r;
	struct dur_fitdata d, e;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	assert_int_equal(dur_import_file(st, DUR_IMPORT_UCDP,
					 "tests/data/ucdp-ged-251.csv", 0,
					 NULL, &r, NULL, NULL),
			 0);
	assert_int_equal(dur_fitdata_parse_streams(&d, "attack,strike", NULL),
			 0);
	assert_int_equal(dur_fitdata_load(&d, st, 0, 0, 0, 0, 9, &err), 0);
	assert_int_equal(d.since, dur_date_from_ymd(2024, 3, 16));
	assert_int_equal(d.until, dur_date_from_ymd(2024, 3, 18));
	assert_int_equal(d.ndays, 3);
	assert_int_equal(d.nevents[0], 2);
	assert_int_equal(d.nevents[1], 1);
	assert_true(d.count[0 * 2 + 0] == 1 && d.count[2 * 2 + 0] == 1 &&
		    d.count[2 * 2 + 1] == 1);
	assert_int_equal(d.n, 3);
	assert_true(d.t[0] >= 0 && d.t[0] < 1 && d.t[1] >= 2 &&
		    d.t[2] < 3 && d.t[1] <= d.t[2]);
	/* The same seed gives the same times. */
	assert_int_equal(dur_fitdata_parse_streams(&e, "attack,strike", NULL),
			 0);
	assert_int_equal(dur_fitdata_load(&e, st, 0, 0, 0, 0, 9, &err), 0);
	assert_memory_equal(d.t, e.t, 3 * sizeof(double));
	dur_fitdata_release(&e);
	dur_fitdata_release(&d);
	assert_int_equal(dur_fitdata_parse_streams(&d, "attack,clash", NULL),
			 0);
	assert_int_equal(dur_fitdata_load(&d, st, 1,
					  dur_date_from_ymd(2024, 3, 17), 1,
					  dur_date_from_ymd(2024, 3, 19), 9,
					  &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "stream 'clash' has no events in "
				     "2024-03-17..2024-03-19: choose others "
				     "with --streams");
	dur_store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_streams),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
