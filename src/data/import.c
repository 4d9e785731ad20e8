/*
 * import.c: UCDP GED and ACLED rows into the events table. The columns a
 * format needs are found by header name (the table `cols` below), each row
 * is checked field by field and inserted with one prepared statement
 * inside one transaction; see import.h for the guarantees. Column names
 * and meanings follow the UCDP GED codebook (version 25.1) and the ACLED
 * codebook (2023); docs/import.md says how each becomes an event field.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "durand/grow.h"
#include "durand/csvread.h"
#include "durand/date.h"
#include "durand/import.h"
#include "durand/sha256.h"
#include "durand/rowpipe.h"
#include "durand/utf8.h"
#include "classify_int.h"

/* The event fields a column can fill. */
enum slot {
	S_ID, S_DATE, S_DATE_END, S_PREC, S_ACTOR1, S_ACTOR2, S_DYAD, S_TYPE,
	S_SUBTYPE, S_COUNTRY, S_REGION, S_PLACE, S_LAT, S_LON, S_DA, S_DB,
	S_DCIV, S_DUNK, S_BEST, S_LOW, S_HIGH, S_ACTIVE, NSLOT
};

struct col {
	const char *name; /* header name as published */
	int slot;         /* enum slot */
	int required;     /* 1 if the import fails without it */
};

static const struct col ucdp_cols[] = {
	{ "id", S_ID, 1 },
	{ "date_start", S_DATE, 1 },
	{ "date_end", S_DATE_END, 0 },
	{ "date_prec", S_PREC, 0 },
	{ "side_a", S_ACTOR1, 1 },
	{ "side_b", S_ACTOR2, 1 },
	{ "dyad_name", S_DYAD, 0 },
	{ "type_of_violence", S_TYPE, 1 },
	{ "country", S_COUNTRY, 1 },
	{ "adm_1", S_REGION, 0 },
	{ "where_coordinates", S_PLACE, 0 },
	{ "latitude", S_LAT, 0 },
	{ "longitude", S_LON, 0 },
	{ "deaths_a", S_DA, 0 },
	{ "deaths_b", S_DB, 0 },
	{ "deaths_civilians", S_DCIV, 0 },
	{ "deaths_unknown", S_DUNK, 0 },
	{ "best", S_BEST, 1 },
	{ "low", S_LOW, 0 },
	{ "high", S_HIGH, 0 },
	{ "active_year", S_ACTIVE, 0 },
	{ NULL, 0, 0 },
};

static const struct col acled_cols[] = {
	{ "event_id_cnty", S_ID, 1 },
	{ "event_date", S_DATE, 1 },
	{ "time_precision", S_PREC, 0 },
	{ "actor1", S_ACTOR1, 1 },
	{ "actor2", S_ACTOR2, 0 },
	{ "event_type", S_TYPE, 1 },
	{ "sub_event_type", S_SUBTYPE, 0 },
	{ "country", S_COUNTRY, 1 },
	{ "admin1", S_REGION, 0 },
	{ "location", S_PLACE, 0 },
	{ "latitude", S_LAT, 0 },
	{ "longitude", S_LON, 0 },
	{ "fatalities", S_BEST, 1 },
	{ NULL, 0, 0 },
};

/* UCDP's type_of_violence codes in words (codebook section 3). */
static const char *const ucdp_types[] = { NULL, "state-based", "non-state",
					  "one-sided" };

/* The events columns an import fills, in the order the values are bound. */
static const char insert_cols[] =
	"INSERT OR IGNORE INTO events(source, source_id, date, date_end,"
	" date_prec, actor1, actor2, dyad, model_actor1, model_actor2, stream,"
	" type, subtype, country, region, place, latitude, longitude,"
	" deaths_a, deaths_b, deaths_civilians, deaths_unknown, best, low,"
	" high, import_id) VALUES";

/* Rows are inserted BATCH at a time with one statement of BATCH rows: a
 * statement's fixed costs (step, reset, halt) then fall on many rows,
 * a sixth less SQLite time an import (bench/bench_import). The values wait
 * in a batch, their text copied to an arena, until it is full. */
enum { NCOL = 26, BATCH = 16 };

enum { V_NULL, V_INT, V_REAL, V_TEXT };

struct val {
	int kind;       /* V_* */
	int len;        /* text: bytes */
	sqlite3_int64 i; /* integer, or text: offset in the arena */
	double d;       /* real */
};

struct batch {
	struct val v[BATCH][NCOL];
	long line[BATCH];  /* the line each row starts on */
	long row[BATCH];   /* its data row number */
	int n;             /* rows held */
	char *text;        /* the arena */
	size_t used, cap;  /* bytes used and allocated in it */
};

struct importer {
	struct dur_store *st;
	int format;                  /* enum dur_import_format */
	const char *source;          /* "ucdp" or "acled" */
	const struct col *cols;      /* the format's columns */
	const char *name;            /* file, for messages */
	int flags;                   /* enum dur_import_flags */
	int idx[NSLOT];              /* column of each slot, or -1 */
	size_t ncols;                /* fields in the header */
	int header_seen;             /* 1 after the header record */
	long row;                    /* data rows seen */
	sqlite3_stmt *ins;           /* the insert of one row */
	sqlite3_stmt *ins_batch;     /* the insert of BATCH rows */
	struct batch batch;          /* rows waiting to be inserted */
	struct dur_sha256 *sha;      /* the file's digest so far */
	sqlite3_int64 import_id;     /* this import's row in imports */
	struct dur_classifier *cls;  /* actor and stream rules */
	struct dur_import_result *res;
	struct dur_diag *skipped;    /* where skipped rows are listed */
	const char *head;            /* the file's first line, for names */
	size_t headlen;              /* its bytes, without the line end */
};

int dur_import_format_find(const char *name)
{
	if (!strcmp(name, "ucdp"))
		return DUR_IMPORT_UCDP;
	if (!strcmp(name, "acled"))
		return DUR_IMPORT_ACLED;
	return -1;
}

static int header(struct importer *im, const struct dur_csvrow *row,
		  struct dur_error *err)
{
	for (int s = 0; s < NSLOT; s++)
		im->idx[s] = -1;
	for (const struct col *c = im->cols; c->name; c++) {
		int i = dur_csvread_find(row, c->name);

		if (i < 0 && c->required)
			return dur_error_set(err, DUR_EPARSE, im->name,
					     row->line, 0,
					     "no column '%s' in the header "
					     "(is this %s file?)",
					     c->name,
					     im->format == DUR_IMPORT_UCDP ?
						     "a UCDP GED" :
						     "an ACLED");
		im->idx[c->slot] = i;
	}
	im->ncols = row->n;
	im->header_seen = 1;
	return 0;
}

/* The HXL hashtag row HDX adds under the header: every non-empty field
 * starts with '#'. */
static int is_hashtags(const struct dur_csvrow *row)
{
	int any = 0;

	for (size_t i = 0; i < row->n; i++) {
		if (!row->len[i])
			continue;
		if (row->field[i][0] != '#')
			return 0;
		any = 1;
	}
	return any;
}

/* A whole non-negative integer; -1 if s is not one. */
static long parse_count(const char *s, size_t len)
{
	long v = 0;

	if (!len || len > 12)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static const char *const months[] = { "January", "February", "March",
				      "April", "May", "June", "July",
				      "August", "September", "October",
				      "November", "December" };

/* ACLED's older exports write "15 March 2019"; newer ones "2019-03-15". */
static int parse_acled_date(const char *s, size_t len, int32_t *day,
			    const char **why)
{
	int d, y, n = 0;
	char mon[16];

	if (len >= 4 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[3]))
		return dur_date_parse(s, len, day, why);
	if (sscanf(s, "%2d %15s %4d%n", &d, mon, &y, &n) != 3 ||
	    (size_t)n != len) {
		*why = "expected YYYY-MM-DD or 'D Month YYYY'";
		return -1;
	}
	for (int m = 0; m < 12; m++)
		if (!strcasecmp(mon, months[m])) {
			if (!dur_date_valid(y, m + 1, d)) {
				*why = "no such day in the calendar";
				return -1;
			}
			*day = dur_date_from_ymd(y, m + 1, d);
			return 0;
		}
	*why = "unknown month name";
	return -1;
}

struct parsed {
	int32_t date, date_end;
	long prec, count[7]; /* deaths a, b, civ, unknown, best, low, high */
	double lat, lon;
	int has_end, has_lat, has_lon;
	const char *type;
};

/* Report a bad field of the current row; returns DUR_EPARSE. */
static int bad(struct importer *im, const struct dur_csvrow *row, int slot,
	       struct dur_error *err, const char *fmt, const char *a,
	       const char *b)
{
	char what[200];
	const char *colname = "?";

	for (const struct col *c = im->cols; c->name; c++)
		if (c->slot == slot)
			colname = c->name;
	snprintf(what, sizeof(what), fmt, a, b);
	return dur_error_set(err, DUR_EPARSE, im->name, row->line,
			     im->idx[slot] + 1, "row %ld, field '%s': %s",
			     im->row, colname, what);
}

static const char *field(const struct importer *im,
			 const struct dur_csvrow *row, int slot, size_t *len)
{
	int i = im->idx[slot];

	if (i < 0) {
		*len = 0;
		return NULL;
	}
	*len = row->len[i];
	return row->field[i];
}

static int check_row(struct importer *im, const struct dur_csvrow *row,
		     struct parsed *p, struct dur_error *err)
{
	static const int count_slot[7] = { S_DA, S_DB, S_DCIV, S_DUNK,
					   S_BEST, S_LOW, S_HIGH };
	const char *s, *why;
	size_t len;

	if (row->n != im->ncols) {
		char a[32], b[32];

		snprintf(a, sizeof(a), "%zu", row->n);
		snprintf(b, sizeof(b), "%zu", im->ncols);
		return dur_error_set(err, DUR_EPARSE, im->name, row->line, 0,
				     "row %ld: %s fields where the header "
				     "has %s",
				     im->row, a, b);
	}
	s = field(im, row, S_ID, &len);
	if (!len)
		return bad(im, row, S_ID, err, "empty event id%s%s", "", "");
	s = field(im, row, S_DATE, &len);
	if ((im->format == DUR_IMPORT_ACLED ?
		     parse_acled_date(s, len, &p->date, &why) :
		     dur_date_parse(s, len, &p->date, &why)))
		return bad(im, row, S_DATE, err, "'%s' is not a date: %s", s,
			   why);
	p->has_end = 0;
	s = field(im, row, S_DATE_END, &len);
	if (len) {
		if (dur_date_parse(s, len, &p->date_end, &why))
			return bad(im, row, S_DATE_END, err,
				   "'%s' is not a date: %s", s, why);
		if (p->date_end < p->date)
			return bad(im, row, S_DATE_END, err,
				   "'%s' is before the start date%s", s, "");
		p->has_end = 1;
	}
	p->prec = -1;
	s = field(im, row, S_PREC, &len);
	if (len) {
		long max = im->format == DUR_IMPORT_UCDP ? 5 : 3;

		p->prec = parse_count(s, len);
		if (p->prec < 1 || p->prec > max)
			return bad(im, row, S_PREC, err,
				   "'%s' is not a precision code (1 to %s)", s,
				   max == 5 ? "5" : "3");
	}
	for (int k = 0; k < 7; k++) {
		s = field(im, row, count_slot[k], &len);
		p->count[k] = -1;
		if (!len && k != 4)
			continue;
		p->count[k] = parse_count(s, len);
		if (p->count[k] < 0)
			return bad(im, row, count_slot[k], err,
				   "'%s' is not a count of deaths%s", s ? s : "",
				   "");
	}
	/* No check that low <= best <= high: 200 rows of the real GED
	 * extract for Pakistan break it, and they are as published. */
	for (int k = 0; k < 2; k++) {
		int slot = k ? S_LON : S_LAT;
		double lim = k ? 180 : 90, v;
		char *end;

		s = field(im, row, slot, &len);
		*(k ? &p->has_lon : &p->has_lat) = len > 0;
		if (!len)
			continue;
		errno = 0;
		v = strtod(s, &end);
		if (*end || errno || !(fabs(v) <= lim))
			return bad(im, row, slot, err,
				   "'%s' is not a %s in degrees", s,
				   k ? "longitude" : "latitude");
		*(k ? &p->lon : &p->lat) = v;
	}
	s = field(im, row, S_TYPE, &len);
	p->type = s;
	if (im->format == DUR_IMPORT_UCDP) {
		long t = parse_count(s, len);

		if (t < 1 || t > 3)
			return bad(im, row, S_TYPE, err,
				   "'%s' is not a type of violence (1, 2 or "
				   "3)%s",
				   s, "");
		p->type = ucdp_types[t];
	} else if (!len) {
		return bad(im, row, S_TYPE, err, "empty event type%s%s", "",
			   "");
	}
	s = field(im, row, S_ACTIVE, &len);
	if (len && strcmp(s, "1") && strcmp(s, "0") && strcasecmp(s, "true") &&
	    strcasecmp(s, "false"))
		return bad(im, row, S_ACTIVE, err,
			   "'%s' is not 1, 0, true or false%s", s, "");
	return 0;
}

/* The statement inserting n rows (n = 1 or BATCH). */
static int prepare_insert(sqlite3 *db, int n, sqlite3_stmt **q)
{
	size_t cap = sizeof(insert_cols) + (size_t)n * (NCOL * 2 + 4);
	char *sql = malloc(cap), *p;
	int rc;

	if (!sql)
		return SQLITE_NOMEM;
	p = sql + sprintf(sql, "%s", insert_cols);
	for (int r = 0; r < n; r++) {
		*p++ = r ? ',' : ' ';
		*p++ = '(';
		for (int c = 0; c < NCOL; c++) {
			if (c)
				*p++ = ',';
			*p++ = '?';
		}
		*p++ = ')';
	}
	*p = '\0';
	rc = sqlite3_prepare_v2(db, sql, -1, q, NULL);
	free(sql);
	return rc;
}

static void put_null(struct val *v)
{
	v->kind = V_NULL;
}

static void put_int(struct val *v, sqlite3_int64 i)
{
	v->kind = V_INT;
	v->i = i;
}

/* A count, or NULL when the field was empty (-1). */
static void put_count(struct val *v, long c)
{
	if (c >= 0)
		put_int(v, c);
	else
		put_null(v);
}

static void put_real(struct val *v, int has, double d)
{
	v->kind = has ? V_REAL : V_NULL;
	v->d = d;
}

/* Text (NULL for SQL NULL), copied to the batch's arena. */
static int put_text(struct batch *b, struct val *v, const char *s)
{
	size_t len;

	if (!s) {
		put_null(v);
		return 0;
	}
	len = strlen(s);
	if (dur_grow(&b->text, &b->cap, b->used + len, 1))
		return -1;
	memcpy(b->text + b->used, s, len);
	v->kind = V_TEXT;
	v->len = (int)len;
	v->i = (sqlite3_int64)b->used;
	b->used += len;
	return 0;
}

static void bind_row(sqlite3_stmt *q, int first, const struct batch *b,
		     const struct val *row)
{
	for (int c = 0; c < NCOL; c++) {
		const struct val *v = &row[c];

		switch (v->kind) {
		case V_INT:
			sqlite3_bind_int64(q, first + c, v->i);
			break;
		case V_REAL:
			sqlite3_bind_double(q, first + c, v->d);
			break;
		case V_TEXT:
			sqlite3_bind_text(q, first + c, b->text + v->i, v->len,
					  SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(q, first + c);
		}
	}
}

/* Run q once it is bound: it inserted `rows` rows of the batch, from
 * `from`. */
static int step_insert(struct importer *im, sqlite3_stmt *q, int from,
		       int rows, struct dur_error *err)
{
	sqlite3 *db = dur_store_db(im->st);
	const struct batch *b = &im->batch;
	int rc = 0;

	if (sqlite3_step(q) != SQLITE_DONE) {
		if (rows == 1)
			rc = dur_error_set(err, DUR_EDB, im->name,
					   b->line[from], 0, "row %ld: %s%s",
					   b->row[from], sqlite3_errmsg(db),
					   dur_store_hint(db));
		else
			rc = dur_error_set(err, DUR_EDB, im->name,
					   b->line[from], 0,
					   "rows %ld to %ld: %s%s",
					   b->row[from],
					   b->row[from + rows - 1],
					   sqlite3_errmsg(db),
					   dur_store_hint(db));
	} else {
		int n = sqlite3_changes(db);

		im->res->imported += n;
		im->res->duplicates += rows - n;
	}
	sqlite3_reset(q);
	return rc;
}

/* Insert the rows waiting in the batch: all at once when it is full, else
 * one by one (the end of the file). */
static int flush(struct importer *im, struct dur_error *err)
{
	struct batch *b = &im->batch;
	int rc = 0;

	if (b->n == BATCH) {
		for (int r = 0; r < BATCH; r++)
			bind_row(im->ins_batch, 1 + r * NCOL, b, b->v[r]);
		rc = step_insert(im, im->ins_batch, 0, BATCH, err);
	} else {
		for (int r = 0; r < b->n && !rc; r++) {
			bind_row(im->ins, 1, b, b->v[r]);
			rc = step_insert(im, im->ins, r, 1, err);
		}
	}
	b->n = 0;
	b->used = 0;
	return rc;
}

/* Classify a checked row and add it to the batch. */
static int insert(struct importer *im, const struct dur_csvrow *row,
		  const struct parsed *p, struct dur_error *err)
{
	struct batch *b = &im->batch;
	struct val *v = b->v[b->n];
	struct dur_classify_in in;
	struct dur_classify_out out;
	size_t len;
	int nomem = 0;

	in.source = im->source;
	in.actor1 = field(im, row, S_ACTOR1, &len);
	in.actor2 = field(im, row, S_ACTOR2, &len);
	in.dyad = field(im, row, S_DYAD, &len);
	in.country = field(im, row, S_COUNTRY, &len);
	in.type = p->type;
	in.subtype = field(im, row, S_SUBTYPE, &len);
	dur_classifier_run(im->cls, &in, &out);

	nomem |= put_text(b, &v[0], im->source);
	nomem |= put_text(b, &v[1], field(im, row, S_ID, &len));
	put_int(&v[2], p->date);
	put_int(&v[3], p->has_end ? p->date_end : p->date);
	put_count(&v[4], p->prec);
	nomem |= put_text(b, &v[5], in.actor1);
	nomem |= put_text(b, &v[6], in.actor2);
	nomem |= put_text(b, &v[7], in.dyad);
	nomem |= put_text(b, &v[8], out.actor1);
	nomem |= put_text(b, &v[9], out.actor2);
	nomem |= put_text(b, &v[10], out.stream);
	nomem |= put_text(b, &v[11], p->type);
	nomem |= put_text(b, &v[12], in.subtype);
	nomem |= put_text(b, &v[13], in.country);
	nomem |= put_text(b, &v[14], field(im, row, S_REGION, &len));
	nomem |= put_text(b, &v[15], field(im, row, S_PLACE, &len));
	put_real(&v[16], p->has_lat, p->lat);
	put_real(&v[17], p->has_lon, p->lon);
	for (int k = 0; k < 5; k++)
		put_count(&v[18 + k], p->count[k]);
	/* ACLED gives one figure: it is best, low and high alike. */
	put_count(&v[23], p->count[5] >= 0 ? p->count[5] : p->count[4]);
	put_count(&v[24], p->count[6] >= 0 ? p->count[6] : p->count[4]);
	put_int(&v[25], im->import_id);
	if (nomem)
		return dur_error_set(err, DUR_ENOMEM, im->name, row->line, 0,
				     "out of memory");
	b->line[b->n] = row->line;
	b->row[b->n] = im->row;
	if (++b->n == BATCH)
		return flush(im, err);
	return 0;
}

static int on_row(void *ctx, const struct dur_csvrow *row,
		  struct dur_error *err)
{
	struct importer *im = ctx;
	struct parsed p;
	struct dur_error e = { 0 };
	int rc;

	if (!im->header_seen)
		return header(im, row, err);
	if (row->record == 2 && is_hashtags(row))
		return 0;
	im->row++;
	im->res->rows_read++;
	rc = check_row(im, row, &p, &e);
	if (rc && (im->flags & DUR_IMPORT_SKIP_BAD)) {
		im->res->rejected++;
		if (im->skipped &&
		    dur_diag_add(im->skipped, e.code, e.file, e.line, e.col,
				 "%s", e.msg) == DUR_ENOMEM)
			return dur_error_set(err, DUR_ENOMEM, im->name, 0, 0,
					     "out of memory");
		return 0;
	}
	if (rc) {
		if (err)
			*err = e;
		return rc;
	}
	return insert(im, row, &p, err);
}

/* Insert this import's row in imports (counts are filled in at the end). */
static int begin_import(struct importer *im, const char *sha,
			struct dur_error *err)
{
	sqlite3 *db = dur_store_db(im->st);
	sqlite3_stmt *q;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO imports(source, file, sha256, "
			       "rows_read, imported, duplicates, rejected, "
			       "time, version) VALUES(?, ?, ?, 0, 0, 0, 0, ?, "
			       "?)",
			       -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(im->st, err);
	sqlite3_bind_text(q, 1, im->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, im->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, DURAND_VERSION, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_DONE) {
		sqlite3_finalize(q);
		return dur_store_fail(im->st, err);
	}
	sqlite3_finalize(q);
	im->import_id = sqlite3_last_insert_rowid(db);
	return 0;
}

/* Run an UPDATE of this import's row: sql's first parameter is text (if not
 * NULL), then the n numbers v, then the row's id. */
static int update_import(struct importer *im, const char *sql,
			 const char *text, const int64_t *v, int n,
			 struct dur_error *err)
{
	sqlite3_stmt *q;
	int rc = 0, at = 1;

	if (sqlite3_prepare_v2(dur_store_db(im->st), sql, -1, &q, NULL) !=
	    SQLITE_OK)
		return dur_store_fail(im->st, err);
	if (text)
		sqlite3_bind_text(q, at++, text, -1, SQLITE_STATIC);
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(q, at++, v[i]);
	sqlite3_bind_int64(q, at, im->import_id);
	if (sqlite3_step(q) != SQLITE_DONE)
		rc = dur_store_fail(im->st, err);
	sqlite3_finalize(q);
	return rc;
}

/* Put the file's hash into this import's row. */
static int set_sha(struct importer *im, const char *sha, struct dur_error *err)
{
	return update_import(im, "UPDATE imports SET sha256 = ? WHERE id = ?",
			     sha, NULL, 0, err);
}

static int end_import(struct importer *im, struct dur_error *err)
{
	const struct dur_import_result *r = im->res;
	const int64_t v[4] = { r->rows_read, r->imported, r->duplicates,
			       r->rejected };

	return update_import(im,
			     "UPDATE imports SET rows_read = ?, imported = ?, "
			     "duplicates = ?, rejected = ? WHERE id = ?",
			     NULL, v, 4, err);
}

static int no_digest(const char *name, struct dur_error *err)
{
	return dur_error_set(err, DUR_ENOMEM, name, 0, 0,
			     "libcrypto could not hash the file (out of "
			     "memory?)");
}

/* Has a file with this digest been imported? */
static const char seen_sql[] = "SELECT 1 FROM imports WHERE sha256 = ?1";

/* The same file again: it adds nothing. Undo the import's transaction and
 * say so, keeping the digest. */
static int already_imported(struct importer *im)
{
	struct dur_import_result *res = im->res;
	char sha[sizeof(res->sha256)];

	sqlite3_finalize(im->ins);
	sqlite3_finalize(im->ins_batch);
	dur_sha256_end(im->sha, NULL);
	free(im->batch.text);
	dur_classifier_free(im->cls);
	dur_store_exec(im->st, "ROLLBACK", NULL);
	memcpy(sha, res->sha256, sizeof(sha));
	memset(res, 0, sizeof(*res));
	memcpy(res->sha256, sha, sizeof(sha));
	res->already = 1;
	return 0;
}

/* "UTF-16LE" or "UTF-16BE" if the text starts as UTF-16 does (a
 * byte-order mark, or ASCII with every other byte zero), else NULL. */
static const char *utf16_kind(const unsigned char *b, size_t len)
{
	if (b[0] == 0xFF && b[1] == 0xFE)
		return "UTF-16LE";
	if (b[0] == 0xFE && b[1] == 0xFF)
		return "UTF-16BE";
	if (len >= 4 && b[0] && !b[1] && b[2] && !b[3])
		return "UTF-16LE";
	if (len >= 4 && !b[0] && b[1] && !b[2] && b[3])
		return "UTF-16BE";
	return NULL;
}

/* The end of the CSV field that starts at q: the comma or line end after
 * it outside quotes, or end. */
static const char *field_end(const char *q, const char *end)
{
	int quoted = 0;

	for (; q < end; q++)
		if (*q == '"')
			quoted = !quoted;
		else if (!quoted && (*q == ',' || *q == '\r' || *q == '\n'))
			break;
	return q;
}

/* The field of the line [line, end) that holds p, as [*fs, *fe), and its
 * 1-based number (a quoted field spanning lines is seen from its own
 * line only). */
static int field_at(const char *line, const char *end, const char *p,
		    const char **fs, const char **fe)
{
	int field = 1;

	for (*fs = line;; field++) {
		*fe = field_end(*fs, end);
		if (p < *fe || *fe >= end)
			return field;
		*fs = *fe + 1;
	}
}

/* The name of the header's field-th column into buf as " (name)", or "". */
static void column_name(const char *head, size_t len, int field, char *buf,
			size_t size)
{
	const char *end = head + len, *fs = head, *fe;

	buf[0] = 0;
	for (int i = 1; i < field; i++) {
		fe = field_end(fs, end);
		if (fe >= end)
			return;
		fs = fe + 1;
	}
	fe = field_end(fs, end);
	if (fe - fs >= 2 && *fs == '"' && fe[-1] == '"') {
		fs++;
		fe--;
	}
	if (fe > fs && fe - fs < 40 && !memchr(fs, 0, (size_t)(fe - fs)))
		snprintf(buf, size, " (%.*s)", (int)(fe - fs), fs);
}

/* [s, e) as it can be read back: a NUL as \0, other control bytes and the
 * backslash escaped, at most about 48 bytes around p with "..." where cut. */
static void escape_around(const char *s, const char *e, const char *p,
			  char *buf, size_t size)
{
	size_t used = 0;
	const char *a = p - s > 24 ? p - 24 : s;
	const char *b = e - p > 24 ? p + 24 : e;

	buf[0] = 0;
	if (a > s)
		used += (size_t)snprintf(buf + used, size - used, "...");
	for (const char *q = a; q < b && used + 5 < size; q++) {
		unsigned char c = (unsigned char)*q;

		if (!c)
			used += (size_t)snprintf(buf + used, size - used, "\\0");
		else if (c == '\\')
			used += (size_t)snprintf(buf + used, size - used, "\\\\");
		else if (c < 0x20 || c == 0x7f)
			used += (size_t)snprintf(buf + used, size - used,
						 "\\x%02X", c);
		else {
			buf[used++] = (char)c;
			buf[used] = 0;
		}
	}
	if (b < e && used + 4 <= size)
		snprintf(buf + used, size - used, "...");
}

/* The error of a NUL byte at nul in a stretch: where, in which field, and
 * the field's value with the NUL shown as \0 (not cut off there). */
static int nul_error(const struct importer *im, const char *chunk,
		     size_t len, long first_line, const char *nul,
		     struct dur_error *err)
{
	const char *line = chunk, *end = chunk + len, *fs, *fe;
	long ln = first_line;
	char value[128], name[48] = "";
	int field;

	for (const char *q = chunk; q < nul; q++)
		if (*q == '\n') {
			ln++;
			line = q + 1;
		}
	{
		const char *nl = memchr(nul, '\n', (size_t)(end - nul));

		if (nl)
			end = nl;
	}
	field = field_at(line, end, nul, &fs, &fe);
	if (fe - fs >= 2 && *fs == '"' && fe[-1] == '"') {
		fs++; /* the value, not its quotes */
		fe--;
	}
	escape_around(fs, fe, nul, value, sizeof(value));
	if (ln > 1 && im->head)
		column_name(im->head, im->headlen, field, name, sizeof(name));
	return dur_error_set(err, DUR_EPARSE, im->name, (int)ln,
			     (int)(nul - line) + 1,
			     "a NUL byte (\\0) in field %d%s, \"%s\": text "
			     "does not hold one; is this a binary file?",
			     field, name, value);
}

/* A stretch of the file, before its rows are read: into the digest, and
 * checked for UTF-8 (SQLite would store other bytes as they are, as TEXT no
 * reader can show). */
static int on_chunk(void *ctx, const char *chunk, size_t len, long first_line,
		    struct dur_error *err)
{
	struct importer *im = ctx;
	long line, col;
	unsigned byte;

	if (im->sha) /* NULL when the digest was made first */
		dur_sha256_add(im->sha, chunk, len);
	if (first_line == 1 && len >= 2) {
		const char *enc = utf16_kind((const unsigned char *)chunk, len);

		if (enc)
			return dur_error_set(err, DUR_EPARSE, im->name, 1, 1,
					     "UTF-16 text (%s), not UTF-8: "
					     "convert it with 'iconv -f %s "
					     "-t UTF-8 %s > %s.utf8'",
					     enc, enc, im->name, im->name);
	}
	{
		const char *nul = memchr(chunk, 0, len);

		if (nul)
			return nul_error(im, chunk, len, first_line, nul, err);
	}
	if (!dur_utf8_check(chunk, len, &line, &col, &byte))
		return 0;
	return dur_error_set(err, DUR_EPARSE, im->name,
			     (int)(first_line + line - 1), (int)col,
			     "not UTF-8 text (byte 0x%02X); convert the file "
			     "to UTF-8 (iconv -f latin1 -t utf-8)",
			     byte);
}

static int import_buffer(struct dur_store *st, int format, const char *buf,
			 size_t len, const char *name, int flags,
			 const dur_cancel *stop,
			 struct dur_import_result *res,
			 struct dur_diag *skipped, struct dur_error *err)
{
	struct importer im = { .st = st, .format = format, .name = name,
			       .flags = flags, .res = res,
			       .skipped = skipped };
	int rc, seen = 0, known_sha = 0;

	memset(res, 0, sizeof(*res));
	if (format != DUR_IMPORT_UCDP && format != DUR_IMPORT_ACLED)
		return dur_error_set(err, DUR_EINVAL, name, 0, 0,
				     "unknown format %d", format);
	im.source = format == DUR_IMPORT_UCDP ? "ucdp" : "acled";
	im.cols = format == DUR_IMPORT_UCDP ? ucdp_cols : acled_cols;
	im.head = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? buf + 3 : buf;
	{
		const char *nl = memchr(im.head, '\n',
					len - (size_t)(im.head - buf));

		im.headlen = nl ? (size_t)(nl - im.head)
				: len - (size_t)(im.head - buf);
	}
	/* Every row refers to this import's own row, made in the same
	 * transaction: checking that reference on each insert is work with
	 * no possible failure (the pragma only takes outside a transaction;
	 * dur_import_buffer turns it back on when the import is over). */
	dur_store_exec(st, "PRAGMA foreign_keys=OFF", NULL);
	rc = dur_store_exec(st, "BEGIN IMMEDIATE", err);
	if (rc)
		return rc;
	rc = dur_classifier_create(&im.cls, st, err);
	if (rc)
		goto out_rollback;
	/* The file's hash is only known at the end: the row starts with a
	 * placeholder, unique because BEGIN IMMEDIATE admits one writer. */
	rc = begin_import(&im, "pending", err);
	if (rc)
		goto out_free;
	if (prepare_insert(dur_store_db(st), 1, &im.ins) != SQLITE_OK ||
	    prepare_insert(dur_store_db(st), BATCH, &im.ins_batch) !=
		    SQLITE_OK) {
		rc = dur_store_fail(st, err);
		goto out_free;
	}
	/* A name imported before is most likely the same file again: then
	 * the digest comes first, and a file seen before is not parsed. */
	rc = dur_store_has_row(st, "SELECT 1 FROM imports WHERE file = ?1 "
				   "AND id != ?2",
			       name, im.import_id, &known_sha, err);
	if (!rc && known_sha) {
		if (dur_sha256_hex(buf, len, res->sha256))
			rc = no_digest(name, err);
		if (!rc)
			rc = dur_store_has_row(st, seen_sql, res->sha256, 0,
					       &seen, err);
		if (!rc && seen)
			return already_imported(&im);
	}
	if (rc)
		goto out_free;
	/* Otherwise the digest and the UTF-8 check are made stretch by
	 * stretch as the parser reaches it (on_chunk), while the bytes are in
	 * the cache: passes of their own over the file from memory would
	 * cost more than the work. */
	im.sha = known_sha ? NULL : dur_sha256_begin();
	if (!known_sha && !im.sha) {
		rc = dur_error_set(err, DUR_ENOMEM, name, 0, 0,
				   "out of memory");
		goto out_free;
	}
	rc = dur_rowpipe_read(buf, len, name, on_row, &im, on_chunk, &im, stop,
			      err);
	if (rc == DUR_ECANCEL)
		dur_error_set(err, rc, name, 0, 0,
			      "interrupted after %ld rows; nothing imported, "
			      "the database is as it was (run the import "
			      "again)",
			      im.row);
	if (!rc && !im.header_seen)
		rc = dur_error_set(err, DUR_EPARSE, name, 1, 0,
				   "empty file: no header");
	if (!rc)
		rc = flush(&im, err);
	if (!known_sha && dur_sha256_end(im.sha, res->sha256) && !rc)
		rc = no_digest(name, err);
	im.sha = NULL;
	sqlite3_finalize(im.ins);
	sqlite3_finalize(im.ins_batch);
	im.ins = im.ins_batch = NULL;
	if (!rc && !known_sha)
		rc = dur_store_has_row(st, seen_sql, res->sha256, 0, &seen,
				       err);
	if (!rc && seen)
		return already_imported(&im);
	if (!rc)
		rc = set_sha(&im, res->sha256, err);
	if (!rc)
		rc = end_import(&im, err);
	if (!rc)
		rc = dur_store_exec(st, "COMMIT", err);
out_free:
	dur_sha256_end(im.sha, NULL);
	sqlite3_finalize(im.ins);
	sqlite3_finalize(im.ins_batch);
	free(im.batch.text);
	dur_classifier_free(im.cls);
	if (!rc)
		return 0;
out_rollback:
	sqlite3_exec(dur_store_db(st), "ROLLBACK", NULL, NULL, NULL);
	{
		int already = res->already;

		memset(res, 0, sizeof(*res));
		res->already = already;
	}
	return rc;
}

int dur_import_buffer(struct dur_store *st, int format, const char *buf,
		      size_t len, const char *name, int flags,
		      const dur_cancel *stop,
		      struct dur_import_result *res, struct dur_diag *skipped,
		      struct dur_error *err)
{
	int events = 1, direct, rc;

	/* Into a database without events, the rows go straight into the file
	 * under a rollback journal, which holds nothing for pages that are
	 * new: the write-ahead log would take every page twice (into the log,
	 * then out of it at the checkpoint) and wait on the disk for both, a
	 * tenth of the import. Only when nothing else has the file open; the
	 * log comes back when the import ends (or at the next open). */
	dur_store_has_row(st, "SELECT 1 FROM events LIMIT 1", NULL, 0, &events,
			  NULL);
	direct = !events &&
		 !dur_store_journal(st, DUR_STORE_ROLLBACK, NULL);
	rc = import_buffer(st, format, buf, len, name, flags, stop, res,
			   skipped, err);
	if (direct)
		dur_store_journal(st, DUR_STORE_WAL, NULL);
	dur_store_exec(st, "PRAGMA foreign_keys=ON", NULL);
	return rc;
}

/* Read all of fd (a file, or a pipe) into *buf (the caller frees it). A
 * regular file is read to the size it had when opened; if that changes
 * while it is read (another program writing or truncating it), DUR_EIO:
 * reading it in place (mmap) ended in SIGBUS when the file shrank. */
static int read_all(int fd, const struct stat *sb, const char *path,
		    char **buf, size_t *len, struct dur_error *err)
{
	size_t cap = S_ISREG(sb->st_mode) ? (size_t)sb->st_size + 1 : 1 << 16;
	size_t n = 0;
	char *b = malloc(cap);
	struct stat after;

	if (!b)
		return dur_error_set(err, DUR_ENOMEM, path, 0, 0,
				     "out of memory for a file of %zu bytes",
				     cap - 1);
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *nb = cap < DUR_IMPORT_PIPE_MAX ?
					   realloc(b, 2 * cap) :
					   NULL;

			if (!nb) {
				free(b);
				return dur_error_set(
					err,
					cap < DUR_IMPORT_PIPE_MAX ? DUR_ENOMEM :
								    DUR_ELIMIT,
					path, 0, 0,
					"more than the %d MiB read from a "
					"pipe; save it to a file first",
					DUR_IMPORT_PIPE_MAX >> 20);
			}
			b = nb;
			cap *= 2;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(b);
			return dur_error_set(err, DUR_EIO, path, 0, 0,
					     "cannot read: %s", strerror(e));
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	if (S_ISREG(sb->st_mode) &&
	    (fstat(fd, &after) || n != (size_t)sb->st_size ||
	     after.st_size != sb->st_size ||
	     after.st_mtim.tv_sec != sb->st_mtim.tv_sec ||
	     after.st_mtim.tv_nsec != sb->st_mtim.tv_nsec)) {
		free(b);
		return dur_error_set(err, DUR_EIO, path, 0, 0,
				     "the file changed while it was read "
				     "(%lld bytes, then %zu): nothing "
				     "imported; import it again when it is "
				     "complete",
				     (long long)sb->st_size, n);
	}
	*buf = b;
	*len = n;
	return 0;
}

int dur_import_file(struct dur_store *st, int format, const char *path,
		    int flags, const dur_cancel *stop,
		    struct dur_import_result *res, struct dur_diag *skipped,
		    struct dur_error *err)
{
	struct stat sb;
	char *buf = NULL;
	size_t len = 0;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return dur_error_set(err, errno == ENOENT ? DUR_ENOTFOUND :
							    DUR_EIO,
				     path, 0, 0, "cannot open: %s",
				     strerror(errno));
	if (fstat(fd, &sb)) {
		rc = dur_error_set(err, DUR_EIO, path, 0, 0, "cannot stat: %s",
				   strerror(errno));
		close(fd);
		return rc;
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		return dur_error_set(err, DUR_EINVAL, path, 0, 0,
				     "a directory, not an event file");
	}
	rc = read_all(fd, &sb, path, &buf, &len, err);
	close(fd);
	if (rc)
		return rc;
	rc = dur_import_buffer(st, format, buf, len, path, flags, stop, res,
			       skipped, err);
	free(buf);
	return rc;
}
