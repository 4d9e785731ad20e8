/* test_rowpipe.c: records parsed on a helper thread reach the callback in
 * file order with their line numbers, whatever their size; the stretches
 * handed to the chunk callback cover the file exactly; an error in the
 * callback stops the parser and is the one returned. On a machine with one
 * core the same calls run on the caller's thread and must give the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/rowpipe.h"

struct check {
	long records;     /* records seen */
	long next_id;     /* the id the next record must carry */
	long stop_at;     /* record that makes the callback fail, or 0 */
	size_t wide;      /* fields of the wide record */
	size_t big;       /* bytes of each field of the big record */
	const char *buf;  /* the input, to check the chunks against */
	size_t len;       /* its bytes */
	size_t covered;   /* bytes handed to the chunk callback so far */
	int chunks;       /* how many times it was called */
	long chunk_line;  /* the line the last chunk started on */
};

/* Each record is "id,line,payload...": its id counts up from 1 and it
 * states the line it starts on. */
static int on_row(void *ctx, const struct dur_csvrow *row,
		  struct dur_error *err)
{
	struct check *c = ctx;

	c->records++;
	if (c->stop_at && c->records == c->stop_at)
		return dur_error_set(err, DUR_EINVAL, "t.csv", row->line, 0,
				     "stop at record %ld", c->records);
	assert_true(row->n >= 3);
	assert_int_equal(atol(row->field[0]), c->next_id);
	assert_int_equal(atol(row->field[1]), row->line);
	assert_int_equal(row->record, c->next_id);
	if (row->len[2] > 1000) {
		assert_int_equal(row->n, 7);
		for (size_t i = 2; i < 7; i++)
			assert_int_equal(row->len[i], c->big);
	} else if (row->n > 3) {
		assert_int_equal(row->n, c->wide);
	}
	c->next_id++;
	return 0;
}

/* Stretches come in order, end with a line, and cover every byte once. */
static int on_chunk(void *ctx, const char *chunk, size_t len, long first_line,
		    struct dur_error *err)
{
	struct check *c = ctx;

	(void)err;
	assert_ptr_equal(chunk, c->buf + c->covered);
	assert_true(len > 0);
	assert_true(chunk[len - 1] == '\n' || chunk + len == c->buf + c->len);
	assert_true(first_line > c->chunk_line);
	c->chunk_line = first_line;
	c->covered += len;
	c->chunks++;
	return 0;
}

/* A file of n records, the wide one with 300 fields and the big one with
 * five fields of `big` bytes each (the first quoted, with line breaks). */
static char *make(long n, long wide_at, long big_at, size_t big,
		  size_t *len)
{
	size_t cap = (size_t)n * 64 + 300 * 8 + 5 * big + 64;
	char *b = malloc(cap), *p = b;
	long line = 1;

	assert_non_null(b);
	for (long id = 1; id <= n; id++) {
		p += sprintf(p, "%ld,%ld,", id, line);
		if (id == wide_at) {
			p += sprintf(p, "w");
			for (int k = 3; k < 300; k++)
				p += sprintf(p, ",%d", k);
		} else if (id == big_at) {
			/* a quoted field of big bytes holding two line breaks,
			 * then four more fields as big */
			*p++ = '"';
			memset(p, 'q', big);
			p[big / 3] = '\n';
			p[2 * big / 3] = '\n';
			p += big;
			*p++ = '"';
			line += 2;
			for (int k = 0; k < 4; k++) {
				*p++ = ',';
				memset(p, 'r', big);
				p += big;
			}
		} else {
			p += sprintf(p, "payload of record %ld", id);
		}
		*p++ = '\n';
		line++;
	}
	*len = (size_t)(p - b);
	return b;
}

static void test_order_lines_and_chunks(void **state)
{
	/* five fields under the 1 MiB a field may have, over the 4 MiB a
	 * batch holds */
	size_t len, big = 1000000;
	char *b = make(60000, 777, 30000, big, &len);
	struct check c = { .next_id = 1, .wide = 300, .big = big, .buf = b,
			   .len = len };
	struct dur_error err = { 0 };

	(void)state;
	assert_true(len > (4u << 20));
	assert_int_equal(dur_rowpipe_read(b, len, "t.csv", on_row, &c,
					  on_chunk, &c, NULL, &err),
			 0);
	assert_int_equal(c.records, 60000);
	assert_int_equal(c.covered, len);
	assert_true(c.chunks > 10);
	free(b);
}

/* The callback's error stops the read, wherever the parser has got to, and
 * it is the error returned. */
static void test_callback_error_stops(void **state)
{
	size_t len;
	char *b = make(200000, 0, 0, 0, &len);
	struct check c = { .next_id = 1, .stop_at = 1500, .buf = b,
			   .len = len };
	struct dur_error err = { 0 };

	(void)state;
	assert_true(len > (1u << 20));
	assert_int_equal(dur_rowpipe_read(b, len, "t.csv", on_row, &c,
					  on_chunk, &c, NULL, &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "stop at record 1500");
	assert_int_equal(err.line, 1500);
	assert_int_equal(c.records, 1500);
	free(b);
}

/* A chunk callback's error (a bad byte, say) is returned too, and no
 * record of that stretch or after reaches the row callback. */
static int refuse_second(void *ctx, const char *chunk, size_t len,
			 long first_line, struct dur_error *err)
{
	struct check *c = ctx;

	(void)chunk;
	(void)len;
	if (c->chunks++ == 1)
		return dur_error_set(err, DUR_EPARSE, "t.csv", first_line, 1,
				     "refused");
	c->chunk_line = first_line;
	return 0;
}

static void test_chunk_error(void **state)
{
	size_t len;
	char *b = make(200000, 0, 0, 0, &len);
	struct check c = { .next_id = 1, .buf = b, .len = len };
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_rowpipe_read(b, len, "t.csv", on_row, &c,
					  refuse_second, &c, NULL, &err),
			 DUR_EPARSE);
	assert_string_equal(err.msg, "refused");
	/* every record of the first stretch (a line each), none of the
	 * second */
	assert_true(err.line > 1000);
	assert_int_equal(c.records, err.line - 1);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_lines_and_chunks),
		cmocka_unit_test(test_callback_error_stops),
		cmocka_unit_test(test_chunk_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
