/*
 * import.h: event files (UCDP GED, ACLED) into the event database.
 *
 * An import reads a CSV file as its publisher distributes it, finds the
 * columns by their header names (so extra columns and any column order are
 * fine), checks every row, gives each event its model actors and stream
 * (store.h) and inserts it, all in one transaction:
 *
 *   - a file whose SHA-256 is already in the imports table adds nothing;
 *   - an event already stored (same source and id) is counted as a
 *     duplicate and left as it is;
 *   - a malformed row fails the whole import with its line, row number and
 *     field, unless DUR_IMPORT_SKIP_BAD, which imports the other rows and
 *     lists each skipped one in a struct dur_diag;
 *   - an interrupted or failed import leaves the database as it was.
 *
 * Layouts accepted: UCDP GED 20.1-26.1 (49 columns; active_year as 1/0 or
 * true/false), HDX's per-country GED extracts (an extra iso3 column and a
 * second row of HXL hashtags, which is skipped), ACLED exports since March
 * 2023 (31 columns) and before (data_id, event_id_no_cnty, iso3, ...).
 * CRLF or LF line ends and a UTF-8 byte-order mark are fine. docs/import.md
 * lists the columns read and the checks made.
 */
#ifndef DURAND_IMPORT_H
#define DURAND_IMPORT_H

#include <stddef.h>

#include "durand/error.h"
#include "durand/store.h"

enum dur_import_format {
	DUR_IMPORT_UCDP,  /* UCDP GED CSV */
	DUR_IMPORT_ACLED, /* ACLED export CSV */
};

enum dur_import_flags {
	DUR_IMPORT_SKIP_BAD = 1 << 0, /* skip malformed rows, list them */
};

struct dur_import_result {
	long rows_read;   /* data rows in the file (header, hashtags not) */
	long imported;    /* new events stored */
	long duplicates;  /* events already in the database */
	long rejected;    /* malformed rows skipped (DUR_IMPORT_SKIP_BAD) */
	int already;      /* 1 if the file was imported before: nothing done */
	char sha256[65];  /* the file's digest, hex */
};

/* The format named "ucdp" or "acled"; -1 if neither. */
int dur_import_format_find(const char *name);

/* The most bytes read from a pipe (a file's size is known): 1 GiB. */
#define DUR_IMPORT_PIPE_MAX (1 << 30)

/*
 * Import the file at path into st. stop (may be NULL) is polled; when it
 * becomes nonzero the import is rolled back with DUR_ECANCEL. Skipped rows
 * go to `skipped` (may be NULL). res is filled on success. The file is read
 * into memory first; a file whose size or time changes while it is read
 * is DUR_EIO, with nothing imported. path may be a pipe (/dev/stdin, a
 * FIFO), read to its end (at most DUR_IMPORT_PIPE_MAX bytes). Text in
 * UTF-16 or holding a NUL byte is DUR_EPARSE, saying how to convert it.
 */
int dur_import_file(struct dur_store *st, int format, const char *path,
		    int flags, const dur_cancel *stop,
		    struct dur_import_result *res, struct dur_diag *skipped,
		    struct dur_error *err);

/* As dur_import_file, from the bytes buf[0..len); `name` is recorded as
 * the file name and used in messages. */
int dur_import_buffer(struct dur_store *st, int format, const char *buf,
		      size_t len, const char *name, int flags,
		      const dur_cancel *stop,
		      struct dur_import_result *res, struct dur_diag *skipped,
		      struct dur_error *err);

#endif
