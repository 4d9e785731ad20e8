/* test_date.c: calendar arithmetic and strict date parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "durand/date.h"

static void test_epoch_and_known_days(void **state)
{
	(void)state;
	assert_int_equal(dur_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(dur_date_from_ymd(2021, 8, 15), 18854);
	assert_int_equal(dur_date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(dur_date_from_ymd(2000, 3, 1) -
				 dur_date_from_ymd(2000, 2, 28),
			 2);
}

static void test_round_trip(void **state)
{
	(void)state;
	for (int32_t d = -800000; d < 800000; d += 97) {
		int y, m, dd;

		dur_date_to_ymd(d, &y, &m, &dd);
		assert_true(dur_date_valid(y, m, dd));
		assert_int_equal(dur_date_from_ymd(y, m, dd), d);
	}
}

static void test_parse(void **state)
{
	int32_t d;
	const char *why = NULL;
	char buf[11];

	(void)state;
	assert_int_equal(dur_date_parse("2025-10-12", 10, &d, &why), 0);
	assert_string_equal(dur_date_format(d, buf), "2025-10-12");
	assert_int_equal(dur_date_parse("1990-10-04 00:00:00.000", 23, &d,
					 &why),
			 0);
	assert_string_equal(dur_date_format(d, buf), "1990-10-04");
	assert_int_equal(dur_date_parse("2023-02-30", 10, &d, &why), -1);
	assert_string_equal(why, "no such day in the calendar");
	assert_int_equal(dur_date_parse("2024-02-29", 10, &d, &why), 0);
	assert_int_equal(dur_date_parse("1900-02-29", 10, &d, &why), -1);
	assert_int_equal(dur_date_parse("2023-1-05", 9, &d, &why), -1);
	assert_int_equal(dur_date_parse("2023-01-05x", 11, &d, &why), -1);
	assert_int_equal(dur_date_parse("2023-13-01", 10, &d, &why), -1);
}

/* The calendar months of a horizon: partial at either end, whole between,
 * with the days of each month (February in a leap year) counted. */
static void test_months(void **state)
{
	int ends[16];
	const int afpak[] = { 11, 41, 72, 103, 131, 162, 180 };

	(void)state;
	/* 2025-10-21 + 180 days: 21-31 Oct (11 days), Nov to Mar whole,
	 * 1-18 Apr 2026 */
	assert_int_equal(dur_date_months(dur_date_from_ymd(2025, 10, 21), 180,
					 NULL),
			 7);
	assert_int_equal(dur_date_months(dur_date_from_ymd(2025, 10, 21), 180,
					 ends),
			 7);
	assert_memory_equal(ends, afpak, sizeof(afpak));
	/* a whole leap February, then one day of March */
	assert_int_equal(dur_date_months(dur_date_from_ymd(2024, 2, 1), 29,
					 ends),
			 1);
	assert_int_equal(ends[0], 29);
	assert_int_equal(dur_date_months(dur_date_from_ymd(2024, 2, 1), 30,
					 ends),
			 2);
	assert_int_equal(ends[0], 29);
	assert_int_equal(ends[1], 30);
	/* across the new year, starting on the last day of a month */
	assert_int_equal(dur_date_months(dur_date_from_ymd(2025, 12, 31), 33,
					 ends),
			 3);
	assert_int_equal(ends[0], 1);
	assert_int_equal(ends[1], 32);
	assert_int_equal(ends[2], 33);
	assert_int_equal(dur_date_months(0, 0, ends), 0);
	assert_int_equal(dur_date_month_days(2023, 2), 28);
	assert_int_equal(dur_date_month_days(2000, 2), 29);
	assert_int_equal(dur_date_month_days(1900, 2), 28);
	assert_int_equal(dur_date_month_days(2025, 4), 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_known_days),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
