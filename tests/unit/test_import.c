/* test_import.c: UCDP and ACLED rows into the store: counts, idempotence,
 * whole-file rejection with positions, --skip-bad, cancellation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/data/store_int.h"
#include "durand/import.h"
#include "durand/store.h"

static const char ged[] =
	"id,date_start,date_end,date_prec,side_a,side_b,dyad_name,"
	"type_of_violence,country,best,low,high,active_year\n"
	"11,2023-01-05 00:00:00.000,2023-01-05 00:00:00.000,1,"
	"Government of Pakistan,TTP,Government of Pakistan - TTP,1,Pakistan,"
	"4,3,6,true\n"
	"12,2023-01-07,2023-01-08,2,TTP,Civilians,TTP - Civilians,3,"
	"Pakistan,2,2,2,false\n";

static const char acled[] =
	"event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,"
	"country,fatalities\n"
	"AFG1,7 May 2019,Explosions/Remote violence,Air/drone strike,"
	"Military Forces of Pakistan (2018-),Taliban,Afghanistan,3\n"
	"AFG2,2019-05-09,Battles,Armed clash,Taliban,"
	"Military Forces of Pakistan (2018-),Afghanistan,0\n"
	"AFG3,2019-05-32,Battles,Armed clash,Taliban,,Afghanistan,0\n";

static struct dur_store *open_mem(void)
{
	struct dur_store *st;

	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	return st;
}

static void test_ucdp_twice(void **state)
{
	struct dur_store *st = open_mem();
	struct dur_import_result r;

	(void)state;
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "g.csv", 0, NULL, &r,
					   NULL, NULL),
			 0);
	assert_int_equal(r.rows_read, 2);
	assert_int_equal(r.imported, 2);
	assert_int_equal(r.already, 0);
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "g.csv", 0, NULL, &r,
					   NULL, NULL),
			 0);
	assert_int_equal(r.already, 1);
	assert_int_equal(r.imported, 0);
	/* the same bytes under another name: found by the digest at the end */
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "copy.csv", 0, NULL, &r,
					   NULL, NULL),
			 0);
	assert_int_equal(r.already, 1);
	assert_int_equal(r.rows_read, 0);
	/* other bytes under the same name (a new release): imported */
	{
		char next[sizeof(ged)];

		memcpy(next, ged, sizeof(ged));
		*strstr(next, "\n11,") = '\0';
		snprintf(next + strlen(next), sizeof(next) - strlen(next),
			 "\n13,%s", strstr(ged, "\n11,") + 4);
		*strstr(next, "\n12,") = '\0';
		strcat(next, "\n");
		assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, next,
						   strlen(next), "g.csv", 0,
						   NULL, &r, NULL, NULL),
				 0);
		assert_int_equal(r.already, 0);
		assert_int_equal(r.rows_read, 1);
		assert_int_equal(r.imported, 1);
	}
	dur_store_free(st);
}

static void test_acled_bad_row(void **state)
{
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };
	struct dur_diag d = { 0 };

	(void)state;
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_ACLED, acled,
					   strlen(acled), "a.csv", 0, NULL, &r,
					   NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 2);
	assert_string_equal(err.msg, "row 3, field 'event_date': '2019-05-32' "
				     "is not a date: no such day in the "
				     "calendar");
	assert_int_equal(r.imported, 0);
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_ACLED, acled,
					   strlen(acled), "a.csv",
					   DUR_IMPORT_SKIP_BAD, NULL, &r, &d,
					   &err),
			 0);
	assert_int_equal(r.imported, 2);
	assert_int_equal(r.rejected, 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 4);
	dur_diag_release(&d);
	dur_store_free(st);
}

static void test_missing_column_and_cancel(void **state)
{
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };
	volatile sig_atomic_t stop = 1;

	(void)state;
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_ACLED, ged,
					   strlen(ged), "g.csv", 0, NULL, &r,
					   NULL, &err),
			 DUR_EPARSE);
	assert_string_equal(err.msg, "no column 'event_id_cnty' in the header "
				     "(is this an ACLED file?)");
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "g.csv", 0, &stop, &r,
					   NULL, &err),
			 DUR_ECANCEL);
	/* Nothing of the cancelled import stayed: it imports in full now. */
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "g.csv", 0, NULL, &r,
					   NULL, &err),
			 0);
	assert_int_equal(r.imported, 2);
	assert_int_equal(dur_import_format_find("acled"), DUR_IMPORT_ACLED);
	assert_int_equal(dur_import_format_find("gdelt"), -1);
	dur_store_free(st);
}

static void test_file_errors(void **state)
{
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_import_file(st, DUR_IMPORT_UCDP,
					 "tests/data/no-such.csv", 0, NULL, &r,
					 NULL, &err),
			 DUR_ENOTFOUND);
	assert_int_equal(dur_import_file(st, DUR_IMPORT_UCDP,
					 "tests/data/bad-ucdp-date.csv", 0,
					 NULL, &r, NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 5);
	assert_int_equal(dur_import_file(st, DUR_IMPORT_UCDP,
					 "tests/data/ucdp-ged-251.csv", 0,
					 NULL, &r, NULL, &err),
			 0);
	assert_int_equal(r.imported, 5);
	dur_store_free(st);
}

/* A file that is not UTF-8 is refused at its first bad byte, before the
 * database is touched. */
static void test_not_utf8(void **state)
{
	static const char latin1[] =
		"id,date_start,side_a,side_b,type_of_violence,country,best\n"
		"11,2023-01-05,Government of Pakistan,Pe\xF1" "a,1,Pakistan,4\n";
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, latin1,
					   strlen(latin1), "l.csv", 0, NULL,
					   &r, NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 40);
	assert_string_equal(err.msg,
			    "not UTF-8 text (byte 0xF1); convert the file to "
			    "UTF-8 (iconv -f latin1 -t utf-8)");
	assert_int_equal(r.imported, 0);
	dur_store_free(st);
}

static long query_long(struct dur_store *st, const char *sql)
{
	sqlite3_stmt *q;
	long v;

	assert_int_equal(sqlite3_prepare_v2(dur_store_db(st), sql, -1, &q,
					    NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_type(q, 0) == SQLITE_NULL ?
		    -1 :
		    (long)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Rows go in by batches of many rows a statement, the last few one by one:
 * 41 rows are two full batches and a tail. Duplicate ids within a batch,
 * across batches and between a batch and the tail are each counted once
 * and keep the first row, and every value lands in its column. */
static void test_batches(void **state)
{
	char csv[8192], *p = csv;
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };
	long kept = 0;

	(void)state;
	p += sprintf(p, "id,date_start,side_a,side_b,type_of_violence,"
			"country,best,latitude\n");
	for (int k = 1; k <= 41; k++) {
		/* row 6 repeats row 5's id, 20 repeats 10, 38 repeats 3 */
		int id = k == 6 ? 5 : k == 20 ? 10 : k == 38 ? 3 : k;

		p += sprintf(p, "%d,2023-01-%02d,Government of Pakistan,TTP,1,"
				"Pakistan,%d,", id, 1 + k % 28, k);
		if (k % 2)
			p += sprintf(p, "33.%d", k);
		p += sprintf(p, "\n");
		if (k != 6 && k != 20 && k != 38)
			kept += k;
	}
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, csv,
					   strlen(csv), "b.csv", 0, NULL, &r,
					   NULL, &err),
			 0);
	assert_int_equal(r.rows_read, 41);
	assert_int_equal(r.imported, 38);
	assert_int_equal(r.duplicates, 3);
	assert_int_equal(query_long(st, "SELECT count(*) FROM events"), 38);
	assert_int_equal(query_long(st, "SELECT sum(best) FROM events"), kept);
	assert_int_equal(query_long(st, "SELECT best FROM events "
					"WHERE source_id = '10'"),
			 10);
	/* the tail: row 41 (odd: with a latitude), row 40 (without) */
	assert_int_equal(query_long(st, "SELECT date - (SELECT date FROM "
					"events WHERE source_id = '1') FROM "
					"events WHERE source_id = '41'"),
			 (1 + 41 % 28) - (1 + 1 % 28));
	assert_int_equal(query_long(st, "SELECT round(latitude * 100) FROM "
					"events WHERE source_id = '41'"),
			 3341);
	assert_int_equal(query_long(st, "SELECT latitude FROM events "
					"WHERE source_id = '40'"),
			 -1);
	assert_int_equal(query_long(st, "SELECT count(*) FROM events WHERE "
					"stream = 'attack' AND source = 'ucdp'"),
			 38);
	dur_store_free(st);
}

/* The encoding is checked stretch by stretch as the parser reaches it: a
 * bad byte deep in a file of several stretches (and big enough to be parsed
 * on a second thread where there is one) is still reported at its line and
 * column, and nothing is imported. */
static void test_not_utf8_deep(void **state)
{
	enum { ROWS = 4000, BAD_ROW = 3500 };
	size_t cap = (size_t)ROWS * 512;
	char *csv = malloc(cap), *p = csv, pad[401];
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	struct dur_error err = { 0 };

	(void)state;
	assert_non_null(csv);
	memset(pad, 'x', 400);
	pad[400] = '\0';
	p += sprintf(p, "id,date_start,side_a,side_b,type_of_violence,"
			"country,best,notes\n");
	for (int k = 1; k <= ROWS; k++)
		p += sprintf(p, "%d,2023-01-05,Government of Pakistan,TTP,1,"
				"%s,1,%s\n",
			     k, k == BAD_ROW ? "Pakist\xE1n" : "Pakistan", pad);
	assert_true((size_t)(p - csv) > 1u << 20);
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, csv,
					   (size_t)(p - csv), "deep.csv", 0,
					   NULL, &r, NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, BAD_ROW + 1);
	assert_int_equal(err.col, (int)strlen("3500,2023-01-05,Government "
					      "of Pakistan,TTP,1,Pakist") + 1);
	assert_string_equal(err.msg,
			    "not UTF-8 text (byte 0xE1); convert the file to "
			    "UTF-8 (iconv -f latin1 -t utf-8)");
	assert_int_equal(r.imported, 0);
	assert_int_equal(query_long(st, "SELECT count(*) FROM events"), 0);
	free(csv);
	dur_store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ucdp_twice),
		cmocka_unit_test(test_acled_bad_row),
		cmocka_unit_test(test_missing_column_and_cancel),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_not_utf8_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
