/*
 * csvread.c: feeds a CSV buffer to libcsv one physical line at a time,
 * collects each record's fields and passes whole records to a callback.
 * Feeding by line costs little and tells us the line each record starts on,
 * which libcsv itself does not track.
 */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "durand/grow.h"
#include "durand/csvread.h"

struct reader {
	const char *file;     /* for messages */
	dur_csvread_fn fn;    /* the caller's callback */
	void *ctx;            /* its context */
	struct dur_error *err; /* where failures go */
	int rc;               /* first failure; later callbacks do nothing */
	char *arena;          /* the current record's fields, NUL-separated */
	size_t used, cap;     /* bytes used and allocated in arena */
	size_t *off;          /* offset of each field in arena */
	size_t *len;          /* length of each field */
	const char **field;   /* pointers, set just before the callback */
	size_t n, nalloc;     /* fields in the record, capacity of the arrays */
	long record;          /* records delivered so far */
	long line;            /* line being fed */
	long start;           /* line the current record started on */
};

/* The three arrays of a record's fields, grown together. */
static int grow_fields(struct reader *r)
{
	size_t c1 = r->nalloc, c2 = r->nalloc, c3 = r->nalloc;

	if (dur_grow(&r->off, &c1, r->n + 1, sizeof(*r->off)) ||
	    dur_grow(&r->len, &c2, r->n + 1, sizeof(*r->len)) ||
	    dur_grow(&r->field, &c3, r->n + 1, sizeof(*r->field)))
		return -1;
	r->nalloc = c1;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->rc)
		return;
	if (len > DUR_CSVREAD_FIELD_MAX) {
		r->rc = dur_error_set(r->err, DUR_ELIMIT, r->file, r->start,
				      (int)r->n + 1,
				      "field %zu of the record is %zu bytes, "
				      "more than the %d a field may have "
				      "(DUR_CSVREAD_FIELD_MAX in csvread.h); "
				      "check the file's quoting",
				      r->n + 1, len, DUR_CSVREAD_FIELD_MAX);
		return;
	}
	if (r->n == DUR_CSVREAD_FIELDS_MAX) {
		r->rc = dur_error_set(r->err, DUR_ELIMIT, r->file, r->start, 0,
				      "the record has more than the %d fields "
				      "a record may have (DUR_CSVREAD_FIELDS_"
				      "MAX in csvread.h); is this an event "
				      "file?",
				      DUR_CSVREAD_FIELDS_MAX);
		return;
	}
	if (r->n == r->nalloc && grow_fields(r))
		goto nomem;
	if (dur_grow(&r->arena, &r->cap, r->used + len + 1, 1))
		goto nomem;
	if (len)
		memcpy(r->arena + r->used, s, len);
	r->arena[r->used + len] = 0;
	r->off[r->n] = r->used;
	r->len[r->n] = len;
	r->used += len + 1;
	r->n++;
	return;
nomem:
	r->rc = dur_error_set(r->err, DUR_ENOMEM, r->file, r->line, 0,
			      "out of memory reading a record");
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	struct dur_csvrow row;

	(void)c;
	if (r->rc)
		return;
	for (size_t i = 0; i < r->n; i++)
		r->field[i] = r->arena + r->off[i];
	row.n = r->n;
	row.field = r->field;
	row.len = r->len;
	row.record = ++r->record;
	row.line = r->start;
	r->rc = r->fn(r->ctx, &row, r->err);
	r->n = 0;
	r->used = 0;
}

int dur_csvread_scan(const char *buf, size_t len, const char *file,
		     dur_csvread_fn fn, void *ctx, dur_csvread_chunk_fn chunk,
		     void *chunk_ctx, const dur_cancel *stop,
		     struct dur_error *err)
{
	struct csv_parser p;
	struct reader r = { .file = file, .fn = fn, .ctx = ctx, .err = err,
			    .line = 1, .start = 1 };
	const char *end = buf + len, *chunk_end = buf;
	size_t record_bytes = 0; /* of the record under way */
	int rc;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI))
		return dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				     "out of memory");
	/* libcsv grows a field 128 bytes at a time by default: quadratic for
	 * a field of megabytes */
	csv_set_blk_size(&p, 1 << 16);
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		/* the mark is the caller's to see, not the parser's */
		if (chunk)
			r.rc = chunk(chunk_ctx, buf, 3, 1, err);
		buf += 3;
		chunk_end = buf;
	}
	while (buf < end && !r.rc) {
		const char *nl = memchr(buf, '\n', (size_t)(end - buf));
		size_t n = nl ? (size_t)(nl - buf) + 1 : (size_t)(end - buf);

		if (stop && *stop) {
			r.rc = dur_error_set(err, DUR_ECANCEL, file, 0, 0,
					     "interrupted");
			break;
		}
		if (chunk && buf == chunk_end) {
			/* the next stretch: whole lines, from this one */
			const char *e = (size_t)(end - buf) > DUR_CSVREAD_CHUNK ?
						buf + DUR_CSVREAD_CHUNK :
						end;
			const char *enl = e < end ?
						  memchr(e, '\n',
							 (size_t)(end - e)) :
						  NULL;

			chunk_end = enl ? enl + 1 : end;
			r.rc = chunk(chunk_ctx, buf, (size_t)(chunk_end - buf),
				     r.line, err);
			if (r.rc)
				break;
		}
		/* A record starts on this line if none is under way: libcsv's
		 * state 0 is "row not begun". */
		if (p.pstate == 0 && !r.n) {
			r.start = r.line;
			record_bytes = 0;
		}
		/* before libcsv spends memory on it (about 40 bytes a byte
		 * of a line of many fields) */
		record_bytes += n;
		if (record_bytes > DUR_CSVREAD_RECORD_MAX) {
			r.rc = dur_error_set(
				err, DUR_ELIMIT, file, r.start, 0,
				"the record is more than the %d bytes a record "
				"may have (DUR_CSVREAD_RECORD_MAX in "
				"csvread.h); check the file's quoting and "
				"line ends",
				DUR_CSVREAD_RECORD_MAX);
			break;
		}
		if (csv_parse(&p, buf, n, on_field, on_record, &r) != n) {
			if (!r.rc)
				r.rc = dur_error_set(
					err, DUR_EPARSE, file, r.line, 0,
					"%s (record starting on line %ld)",
					csv_error(&p) == CSV_EPARSE ?
						"malformed quoting" :
						csv_strerror(csv_error(&p)),
					r.start);
			break;
		}
		buf += n;
		if (nl)
			r.line++;
	}
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) && !r.rc)
		r.rc = dur_error_set(err, DUR_EPARSE, file, r.start, 0,
				     "unterminated quoted field");
	rc = r.rc;
	csv_free(&p);
	free(r.arena);
	free(r.off);
	free(r.len);
	free(r.field);
	return rc;
}

int dur_csvread_buffer(const char *buf, size_t len, const char *file,
		       dur_csvread_fn fn, void *ctx,
		       const dur_cancel *stop,
		       struct dur_error *err)
{
	return dur_csvread_scan(buf, len, file, fn, ctx, NULL, NULL, stop,
				err);
}

int dur_csvread_find(const struct dur_csvrow *row, const char *name)
{
	for (size_t i = 0; i < row->n; i++)
		if (!strcmp(row->field[i], name))
			return (int)i;
	return -1;
}
