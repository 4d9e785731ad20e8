/* test_obsdata.c: daily counts and deaths of a stream from a tiny event
 * database made here, zeros included, the window's ends inclusive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/data/store_int.h"
#include "durand/date.h"
#include "durand/obsdata.h"

/* Days are offsets from 2024-03-16 in the rows below. */
static struct dur_store *tiny_store(void)
{
	static const char *const rows[] = {
		/* source, id, day, stream, best, low, high */
		"'ucdp', '1', %d, 'attack', 7, 5, 11",
		"'ucdp', '2', %d, 'attack', 2, NULL, NULL",
		"'acled', 'A3', %d, 'attack', 3, 3, 3",
		"'ucdp', '4', %d, 'strike', 46, 20, 46",
		"'ucdp', '5', %d, NULL, 1, 1, 1",
		"'ucdp', '6', %d, 'attack', NULL, NULL, NULL",
		"'ucdp', '7', %d, 'attack', 4, 4, 9",
	};
	static const int day[] = { 0, 0, 2, 2, 3, 4, 9 };
	int32_t d0 = dur_date_from_ymd(2024, 3, 16);
	struct dur_store *st;

	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	for (size_t i = 0; i < sizeof(day) / sizeof(day[0]); i++) {
		char values[128], sql[256];

		snprintf(values, sizeof(values), rows[i], d0 + day[i]);
		snprintf(sql, sizeof(sql),
			 "INSERT INTO events(source, source_id, date, stream, "
			 "best, low, high) VALUES (%s)",
			 values);
		assert_int_equal(dur_store_exec(st, sql, NULL), 0);
	}
	return st;
}

static void test_daily_counts(void **state)
{
	struct dur_store *st = tiny_store();
	int32_t d0 = dur_date_from_ymd(2024, 3, 16);
	struct dur_obsdata d;
	struct dur_error err = { 0 };
	static const long ev[] = { 2, 0, 1, 0, 1 };
	static const long best[] = { 9, 0, 3, 0, 0 };
	static const long low[] = { 7, 0, 3, 0, 0 };
	static const long high[] = { 13, 0, 3, 0, 0 };

	(void)state;
	/* day 9 lies outside [0, 4] */
	assert_int_equal(dur_obsdata_load(st, "attack", d0, d0 + 4, &d, &err),
			 0);
	assert_string_equal(d.stream, "attack");
	assert_int_equal(d.ndays, 5);
	assert_int_equal(d.since, d0);
	assert_int_equal(d.until, d0 + 4);
	assert_int_equal(d.total, 4);
	assert_memory_equal(d.events, ev, sizeof(ev));
	assert_memory_equal(d.deaths, best, sizeof(best));
	/* a missing low or high is the best estimate */
	assert_memory_equal(d.deaths_low, low, sizeof(low));
	assert_memory_equal(d.deaths_high, high, sizeof(high));
	dur_obsdata_release(&d);
	/* the window's ends are inclusive: one day, the last event's */
	assert_int_equal(dur_obsdata_load(st, "attack", d0 + 9, d0 + 9, &d,
					  &err),
			 0);
	assert_int_equal(d.ndays, 1);
	assert_true(d.events[0] == 1 && d.deaths[0] == 4 &&
		    d.deaths_high[0] == 9);
	dur_obsdata_release(&d);
	/* "other" is the events in no stream */
	assert_int_equal(dur_obsdata_load(st, "other", d0, d0 + 9, &d, &err),
			 0);
	assert_int_equal(d.total, 1);
	assert_int_equal(d.events[3], 1);
	dur_obsdata_release(&d);
	/* a stream with no events there: zeros, not an error */
	assert_int_equal(dur_obsdata_load(st, "clash", d0, d0 + 9, &d, &err),
			 0);
	assert_int_equal(d.total, 0);
	assert_int_equal(d.ndays, 10);
	dur_obsdata_release(&d);
	dur_store_free(st);
}

static void test_bad_windows(void **state)
{
	struct dur_store *st = tiny_store();
	struct dur_obsdata d;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_obsdata_load(st, "attack", 10, 9, &d, &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "the window ends before it starts");
	assert_null(d.events);
	assert_int_equal(dur_obsdata_load(st, "attack", 0,
					  DUR_OBSDATA_MAX_DAYS, &d, &err),
			 DUR_EINVAL);
	/* names are at most 31 bytes */
	assert_int_equal(dur_obsdata_load(st, "a-stream-name-of-thirty-two-byt",
					  0, 1, &d, &err),
			 0);
	dur_obsdata_release(&d);
	assert_int_equal(dur_obsdata_load(st,
					  "a-stream-name-of-thirty-two-byte",
					  0, 1, &d, &err),
			 DUR_EINVAL);
	dur_store_free(st);
}

static void test_streams(void **state)
{
	struct dur_store *st = tiny_store();
	char **names;

	(void)state;
	assert_int_equal(dur_obsdata_streams(st, &names, NULL), 0);
	assert_string_equal(names[0], "attack");
	assert_string_equal(names[1], "strike");
	assert_string_equal(names[2], "other");
	assert_null(names[3]);
	dur_obsdata_streams_free(names);
	dur_store_free(st);
	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	assert_int_equal(dur_obsdata_streams(st, &names, NULL), 0);
	assert_null(names[0]);
	dur_obsdata_streams_free(names);
	dur_store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_counts),
		cmocka_unit_test(test_bad_windows),
		cmocka_unit_test(test_streams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
