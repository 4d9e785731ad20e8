/*
 * csvread.h: records of a CSV file, one at a time, with their line numbers.
 *
 * A thin layer over libcsv (RFC 4180 quoting: quoted fields may hold
 * commas, doubled quotes and line breaks) that hands each record to a
 * callback as an array of NUL-terminated fields, and says on which physical
 * line of the file the record starts, so that messages can point into the
 * file. A UTF-8 byte-order mark at the start is skipped; CRLF and LF line
 * ends are both accepted; empty lines are skipped. Quoting errors (an
 * unterminated quote, text after a closing quote) stop the read with
 * DUR_EPARSE at the line where the parser noticed them.
 */
#ifndef DURAND_CSVREAD_H
#define DURAND_CSVREAD_H

#include <stddef.h>

#include "durand/error.h"

/* The longest field read, in bytes (1 MiB). The longest in UCDP GED 25.1
 * (a source_article) is under 4 KiB; a field of megabytes is a quote left
 * open or not an event file, and ends the read with DUR_ELIMIT. */
#define DUR_CSVREAD_FIELD_MAX (1 << 20)

/* The longest record, in bytes (8 MiB, all its lines), and the most fields
 * a record may have (4096; UCDP GED has 49 columns, ACLED 31). Both are
 * checked before the parser spends memory on the record, which would be
 * about 40 times its length for a line of many short fields; past them
 * the read ends with DUR_ELIMIT. A record may be longer than a batch of
 * rowpipe.c (4 MiB). Raise them here and rebuild. */
#define DUR_CSVREAD_RECORD_MAX (8 << 20)
#define DUR_CSVREAD_FIELDS_MAX 4096

/* One record. The strings are borrowed: valid during the callback only. */
struct dur_csvrow {
	size_t n;                /* number of fields */
	const char *const *field; /* field[i], NUL-terminated, unquoted */
	const size_t *len;       /* len[i], bytes of field[i] */
	long record;             /* 1-based record number (the header is 1) */
	long line;               /* 1-based physical line the record starts on */
};

/*
 * Called for each record in order. Return 0 to go on; any other value stops
 * the read and is returned by dur_csvread_buffer (fill err first).
 */
typedef int (*dur_csvread_fn)(void *ctx, const struct dur_csvrow *row,
			      struct dur_error *err);

/*
 * Read the CSV text buf[0..len) and call fn for each record. `file` names
 * the input in messages. If stop is not NULL and becomes nonzero, the read
 * ends with DUR_ECANCEL. Returns 0, the callback's code, DUR_EPARSE or
 * DUR_ELIMIT (a field over DUR_CSVREAD_FIELD_MAX, a record over
 * DUR_CSVREAD_RECORD_MAX bytes or DUR_CSVREAD_FIELDS_MAX fields) or
 * DUR_ENOMEM.
 */
int dur_csvread_buffer(const char *buf, size_t len, const char *file,
		       dur_csvread_fn fn, void *ctx,
		       const dur_cancel *stop,
		       struct dur_error *err);

/* About how many bytes dur_csvread_scan hands to its chunk callback at a
 * time: small enough to stay in a core's cache between the caller's pass
 * and the parser's. */
#define DUR_CSVREAD_CHUNK (256 << 10)

/*
 * Called with each stretch of the input before its records are read: whole
 * lines of about DUR_CSVREAD_CHUNK bytes, in order, together covering every
 * byte of the buffer (a byte-order mark too). first_line is the 1-based line
 * the stretch starts on. It lets a caller make its own pass over the bytes
 * (a digest, an encoding check) while they are in the cache. Return 0 to go
 * on; any other value stops the read and is returned (fill err first).
 */
typedef int (*dur_csvread_chunk_fn)(void *ctx, const char *chunk, size_t len,
				    long first_line, struct dur_error *err);

/* dur_csvread_buffer, calling chunk (if not NULL) with chunk_ctx before the
 * records of each stretch of the input. */
int dur_csvread_scan(const char *buf, size_t len, const char *file,
		     dur_csvread_fn fn, void *ctx, dur_csvread_chunk_fn chunk,
		     void *chunk_ctx, const dur_cancel *stop,
		     struct dur_error *err);

/* Index of the field equal to name in row, or -1. */
int dur_csvread_find(const struct dur_csvrow *row, const char *name);

#endif
