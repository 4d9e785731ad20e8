/* test_csvread.c: records, quoting, line numbers, BOM, CRLF and the
 * errors of the CSV reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/csvread.h"

struct seen {
	int n;
	char text[8][256]; /* fields joined with '|' */
	long line[8], record[8];
	int stop_at;       /* record that makes the callback fail, or 0 */
};

static int collect(void *ctx, const struct dur_csvrow *row,
		   struct dur_error *err)
{
	struct seen *s = ctx;
	char *p = s->text[s->n];

	if (s->stop_at && row->record == s->stop_at)
		return dur_error_set(err, DUR_EINVAL, "x", row->line, 0,
				     "stop");
	p[0] = 0;
	for (size_t i = 0; i < row->n; i++) {
		assert_int_equal(strlen(row->field[i]), row->len[i]);
		strcat(p, row->field[i]);
		if (i + 1 < row->n)
			strcat(p, "|");
	}
	s->line[s->n] = row->line;
	s->record[s->n++] = row->record;
	return 0;
}

static void test_quoting_and_lines(void **state)
{
	const char *in = "\xEF\xBB\xBF"
			 "a,b,c\r\n"
			 "1,\"x, \"\"y\"\"\",3\r\n"
			 "\r\n"
			 "2,\"two\r\nlines\",z\r\n"
			 "3,,last";
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(dur_csvread_buffer(in, strlen(in), "t.csv", collect,
					    &s, NULL, NULL),
			 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.text[0], "a|b|c");
	assert_string_equal(s.text[1], "1|x, \"y\"|3");
	assert_string_equal(s.text[2], "2|two\r\nlines|z");
	assert_string_equal(s.text[3], "3||last");
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 2);
	assert_int_equal(s.line[2], 4);
	assert_int_equal(s.line[3], 6);
	assert_int_equal(s.record[3], 4);
}

static void test_errors(void **state)
{
	const char *open_quote = "a,b\n1,\"never closed\n2,3\n";
	const char *stray = "a,b\n1,\"q\"x\n";
	const char *ok = "a\n1\n2\n";
	struct seen s = { 0 };
	struct dur_error err = { 0 };
	volatile sig_atomic_t stop = 1;

	(void)state;
	assert_int_equal(dur_csvread_buffer(open_quote, strlen(open_quote),
					    "t.csv", collect, &s, NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "unterminated quoted field");
	memset(&s, 0, sizeof(s));
	assert_int_equal(dur_csvread_buffer(stray, strlen(stray), "t.csv",
					    collect, &s, NULL, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 2);
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	assert_int_equal(dur_csvread_buffer(ok, strlen(ok), "t.csv", collect,
					    &s, NULL, &err),
			 DUR_EINVAL);
	assert_int_equal(s.n, 1);
	memset(&s, 0, sizeof(s));
	assert_int_equal(dur_csvread_buffer(ok, strlen(ok), "t.csv", collect,
					    &s, &stop, &err),
			 DUR_ECANCEL);
}

static int count_fields(void *ctx, const struct dur_csvrow *row,
			struct dur_error *err)
{
	(void)err;
	*(long *)ctx += (long)row->n;
	return 0;
}

/* A field of megabytes ends the read with DUR_ELIMIT, naming the record's
 * line and the field; one just under the limit is read. */
static void test_huge_field(void **state)
{
	size_t n = (size_t)DUR_CSVREAD_FIELD_MAX + 1;
	char *buf = malloc(n + 16);
	struct dur_error err = { 0 };
	long fields = 0;

	(void)state;
	assert_non_null(buf);
	memcpy(buf, "a,b\n1,\"", 7);
	memset(buf + 7, 'x', n);
	memcpy(buf + 7 + n, "\"\n", 3);
	assert_int_equal(dur_csvread_buffer(buf, strlen(buf), "big.csv",
					    count_fields, &fields, NULL, &err),
			 DUR_ELIMIT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
	assert_non_null(strstr(err.msg, "field 2 of the record is 1048577 "
					"bytes"));
	memcpy(buf + 7 + n - 1, "\"\n", 3);
	fields = 0;
	assert_int_equal(dur_csvread_buffer(buf, strlen(buf), "big.csv",
					    count_fields, &fields, NULL, &err),
			 0);
	assert_int_equal(fields, 4);
	free(buf);
}

static void test_find(void **state)
{
	const char *f[] = { "id", "date", "x" };
	size_t len[] = { 2, 4, 1 };
	struct dur_csvrow row = { 3, f, len, 1, 1 };

	(void)state;
	assert_int_equal(dur_csvread_find(&row, "date"), 1);
	assert_int_equal(dur_csvread_find(&row, "Date"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting_and_lines),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_huge_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
