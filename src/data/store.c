/*
 * store.c: opens the SQLite event database, creates its schema and seeds
 * the default actor mapping and stream rules (see store.h). The defaults
 * follow the names the datasets use: UCDP GED's side and dyad names
 * (codebook 25.1, "side_a", "dyad_name") and ACLED's actor names
 * (codebook 2023, "actor1"), checked against the real Pakistan extract.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "durand/date.h"
#include "durand/grow.h"
#include "store_int.h"

struct dur_store {
	sqlite3 *db;     /* the connection */
	char path[4096]; /* as given to dur_store_open */
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE IF NOT EXISTS imports("
	" id INTEGER PRIMARY KEY, source TEXT NOT NULL, file TEXT NOT NULL,"
	" sha256 TEXT NOT NULL UNIQUE, rows_read INTEGER NOT NULL,"
	" imported INTEGER NOT NULL, duplicates INTEGER NOT NULL,"
	" rejected INTEGER NOT NULL, time TEXT NOT NULL,"
	" version TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS events("
	" id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
	" source_id TEXT NOT NULL, date INTEGER NOT NULL, date_end INTEGER,"
	" date_prec INTEGER, actor1 TEXT, actor2 TEXT, dyad TEXT,"
	" model_actor1 TEXT, model_actor2 TEXT, stream TEXT, type TEXT,"
	" subtype TEXT, country TEXT, region TEXT, place TEXT,"
	" latitude REAL, longitude REAL, deaths_a INTEGER,"
	" deaths_b INTEGER, deaths_civilians INTEGER, deaths_unknown INTEGER,"
	" best INTEGER, low INTEGER, high INTEGER,"
	" import_id INTEGER REFERENCES imports(id),"
	" UNIQUE(source, source_id));"
	"CREATE TABLE IF NOT EXISTS actor_map("
	" source TEXT NOT NULL, name TEXT NOT NULL, actor TEXT NOT NULL,"
	" PRIMARY KEY(source, name));"
	"CREATE TABLE IF NOT EXISTS stream_rule("
	" id INTEGER PRIMARY KEY, priority INTEGER NOT NULL,"
	" source TEXT NOT NULL DEFAULT '*', dyad TEXT NOT NULL DEFAULT '*',"
	" actor1 TEXT NOT NULL DEFAULT '*', actor2 TEXT NOT NULL DEFAULT '*',"
	" country TEXT NOT NULL DEFAULT '*', type TEXT NOT NULL DEFAULT '*',"
	" subtype TEXT NOT NULL DEFAULT '*', stream TEXT NOT NULL);";

/* Seeded once, when the schema is new. '*' matches anything. */
static const char seed[] =
	"INSERT INTO meta VALUES('schema', '1');"
	"INSERT INTO actor_map VALUES"
	" ('ucdp', 'TTP', 'ttp'),"
	" ('ucdp', 'Tehrik-i-Taliban Pakistan', 'ttp'),"
	" ('ucdp', 'Government of Pakistan', 'pak_forces'),"
	" ('ucdp', 'Government of Afghanistan', 'afg_forces'),"
	" ('ucdp', 'Taleban', 'afg_taliban'),"
	" ('ucdp', 'Civilians', 'civilians'),"
	" ('acled', 'TTP: Tehrik-i-Taliban Pakistan', 'ttp'),"
	" ('acled', 'Military Forces of Pakistan (2018-)', 'pak_forces'),"
	" ('acled', 'Military Forces of Pakistan (2013-2018)', 'pak_forces'),"
	" ('acled', 'Police Forces of Pakistan (2018-)', 'pak_forces'),"
	" ('acled', 'Military Forces of Afghanistan (2021-) Taliban',"
	"  'afg_taliban'),"
	" ('acled', 'Police Forces of Afghanistan (2021-) Taliban',"
	"  'afg_taliban'),"
	" ('acled', 'Taliban', 'afg_taliban'),"
	" ('acled', 'Civilians (Pakistan)', 'civilians'),"
	" ('acled', 'Civilians (Afghanistan)', 'civilians');"
	"INSERT INTO stream_rule(priority, source, dyad, actor1, actor2,"
	" country, type, subtype, stream) VALUES"
	" (10, 'acled', '*', 'pak_forces', '*', 'Afghanistan',"
	"  'Explosions/Remote violence', 'Air/drone strike', 'strike'),"
	" (20, 'ucdp', 'Government of Pakistan - Government of Afghanistan',"
	"  '*', '*', '*', '*', '*', 'clash'),"
	" (21, 'ucdp', 'Government of Afghanistan - Government of Pakistan',"
	"  '*', '*', '*', '*', '*', 'clash'),"
	" (30, '*', '*', 'pak_forces', 'afg_forces', '*', '*', '*', 'clash'),"
	" (31, '*', '*', 'pak_forces', 'afg_taliban', '*', '*', '*', 'clash'),"
	" (40, 'ucdp', '*', 'pak_forces', '*', 'Afghanistan', '*', '*',"
	"  'strike'),"
	" (50, 'ucdp', 'Government of Pakistan - TTP', '*', '*', '*', '*',"
	"  '*', 'attack'),"
	" (51, 'ucdp', 'TTP - Civilians', '*', '*', '*', '*', '*', 'attack'),"
	" (60, '*', '*', 'ttp', '*', 'Pakistan', '*', '*', 'attack');";

sqlite3 *dur_store_db(struct dur_store *st)
{
	return st->db;
}

const char *dur_store_path(const struct dur_store *st)
{
	return st->path;
}

int dur_store_fail(struct dur_store *st, struct dur_error *err)
{
	/* --db naming a file that is not a database is bad input, not a
	 * failure of the machine */
	int code = (sqlite3_errcode(st->db) & 0xff) == SQLITE_NOTADB ?
			   DUR_EINVAL :
			   DUR_EDB;

	return dur_error_set(err, code, st->path, 0, 0, "%s%s",
			     sqlite3_errmsg(st->db), dur_store_hint(st->db));
}

int dur_store_exec(struct dur_store *st, const char *sql,
		   struct dur_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return dur_store_fail(st, err);
}

const char *dur_store_hint(sqlite3 *db)
{
	/* a read-only connection cannot roll back a killed import */
	if (db && sqlite3_extended_errcode(db) == SQLITE_READONLY_ROLLBACK)
		return " (an import into it was killed and its journal is "
		       "still there); stats and fit only read: any 'durand "
		       "import' into it rolls the killed import back";
	switch (db ? sqlite3_errcode(db) & 0xff : 0) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return "; free disk space and try again (the database is as "
		       "it was)";
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "; another durand is writing it: try again when it "
		       "ends";
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return "; give --db a durand event database";
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return "; check the file's and its directory's permissions";
	default:
		return "";
	}
}

int dur_store_has_row(struct dur_store *st, const char *sql,
		      const char *text, sqlite3_int64 id, int *found,
		      struct dur_error *err)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(st, err);
	if (text)
		sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(q) >= 2)
		sqlite3_bind_int64(q, 2, id);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dur_store_fail(st, err);
	*found = rc == SQLITE_ROW;
	return 0;
}

/* Does the database have durand's schema? */
static int has_schema(struct dur_store *st, int *has, struct dur_error *err)
{
	return dur_store_has_row(st, "SELECT 1 FROM meta WHERE key = 'schema'",
				 NULL, 0, has, err);
}

/* Is this file a durand store this durand can read? An empty database is
 * one still to be made (*empty = 1). A file with tables but no schema
 * number is someone else's (a table of the same name as ours, actor_map,
 * would otherwise end in a raw UNIQUE constraint error); one with a higher
 * number was made by a newer durand, whose rows this one may misread. */
static int check_identity(struct dur_store *st, int *empty,
			  struct dur_error *err)
{
	sqlite3_stmt *q;
	int rc, tables = 0, meta = 0;
	sqlite3_int64 version = -1;
	char first[64] = "";

	*empty = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT name FROM sqlite_master WHERE type = "
			       "'table' ORDER BY name = 'meta' DESC, name",
			       -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(st, err);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(q, 0);

		if (!tables++)
			snprintf(first, sizeof(first), "%s", n ? n : "");
		if (n && !strcmp(n, "meta"))
			meta = 1;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return dur_store_fail(st, err);
	if (!tables) {
		*empty = 1;
		return 0;
	}
	if (meta) {
		if (sqlite3_prepare_v2(st->db,
				       "SELECT value FROM meta WHERE key = "
				       "'schema'",
				       -1, &q, NULL) != SQLITE_OK)
			return dur_store_fail(st, err);
		if (sqlite3_step(q) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(q, 0);
			char *end;
			long long x = v ? strtoll(v, &end, 10) : -1;

			if (v && end != v && !*end && x > 0)
				version = x;
		}
		sqlite3_finalize(q);
	}
	if (version < 0)
		return dur_error_set(err, DUR_EINVAL, st->path, 0, 0,
				     "not a durand event database (it has "
				     "tables of its own, such as '%s', and no "
				     "schema number); give --db a file "
				     "'durand import' made",
				     first);
	if (version > DUR_STORE_SCHEMA)
		return dur_error_set(err, DUR_EINVAL, st->path, 0, 0,
				     "made by a newer durand (schema %lld; "
				     "this one reads schema %d): use that "
				     "durand or a newer one",
				     version, DUR_STORE_SCHEMA);
	return 0;
}

/* Before SQLite's first use, once per process:
 * - no memory statistics, which durand never reads and which cost a global
 *   mutex on every allocation;
 * - the page cache in one reserved region the kernel may back with huge
 *   pages: on a virtual machine a page fault for every 4 KiB of cache was a
 *   tenth of an import's time. The region is only reserved, its pages are
 *   backed as they are touched, and SQLite takes memory from malloc for
 *   pages that do not fit (databases with smaller pages, or pages pinned
 *   beyond the cache's size). */
enum { CACHE_PAGE = 16384, CACHE_SLOTS = 2048 };

static void configure_sqlite(void)
{
	int hdr = 0;
	size_t slot, size;
	void *region;

	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK)
		return;
	slot = (size_t)(CACHE_PAGE + hdr + 7) & ~(size_t)7;
	size = slot * CACHE_SLOTS;
	region = mmap(NULL, size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (region == MAP_FAILED)
		return;
	madvise(region, size, MADV_HUGEPAGE);
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, region, (int)slot,
			   CACHE_SLOTS) != SQLITE_OK)
		munmap(region, size);
}

static int is_busy(sqlite3 *db)
{
	int c = sqlite3_errcode(db) & 0xff;

	return c == SQLITE_BUSY || c == SQLITE_LOCKED;
}

int dur_store_journal(struct dur_store *st, int mode, struct dur_error *err)
{
	int rc;

	/* Changing the mode needs the database to itself: ask once, without
	 * waiting, and let the caller decide what a refusal means. */
	sqlite3_busy_timeout(st->db, 0);
	rc = dur_store_exec(st,
			    mode == DUR_STORE_ROLLBACK ?
				    "PRAGMA journal_mode=DELETE" :
				    "PRAGMA journal_mode=WAL",
			    err);
	sqlite3_busy_timeout(st->db, 10000);
	return rc;
}

int dur_store_open(struct dur_store **out, const char *path, int flags,
		   struct dur_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	struct dur_store *st;
	char pragmas[160];
	int schema_there = 0, rc;

	*out = NULL;
	pthread_once(&once, configure_sqlite);
	if (flags & DUR_STORE_READONLY)
		flags &= ~DUR_STORE_CREATE;
	if (!(flags & DUR_STORE_CREATE) && access(path, F_OK))
		return dur_error_set(err, DUR_ENOTFOUND, path, 0, 0,
				     "no event database (run 'durand import' "
				     "first)");
	st = calloc(1, sizeof(*st));
	if (!st)
		return dur_error_set(err, DUR_ENOMEM, path, 0, 0,
				     "out of memory");
	snprintf(st->path, sizeof(st->path), "%s", path);
	if (sqlite3_open_v2(path, &st->db,
			    (flags & DUR_STORE_READONLY ?
				     SQLITE_OPEN_READONLY :
				     SQLITE_OPEN_READWRITE |
					     SQLITE_OPEN_CREATE) |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = dur_error_set(err, DUR_EDB, path, 0, 0,
				   "cannot open database: %s%s",
				   st->db ? sqlite3_errmsg(st->db) : "?",
				   dur_store_hint(st->db));
		goto out_free;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (flags & DUR_STORE_READONLY) {
		/* Reading only: nothing that writes (no journal mode, no
		 * schema), and a file that is not a store is refused as it
		 * is. */
		int empty;

		rc = dur_store_exec(st, "PRAGMA cache_size=-16384", err);
		if (!rc)
			rc = check_identity(st, &empty, err);
		if (!rc && empty)
			rc = dur_error_set(err, DUR_EINVAL, path, 0, 0,
					   "an empty database, not a durand "
					   "event database (run 'durand "
					   "import' first)");
		if (rc)
			goto out_free;
		*out = st;
		return 0;
	}
	/* CACHE_PAGE pages (a new database only): fewer B-tree splits while
	 * an import appends rows, and they fit the cache's reserved slots.
	 * 16 MiB of cache: an import larger than that writes pages out as it
	 * goes and reuses their memory, cheaper than new memory for every
	 * page (bench/bench_import). */
	snprintf(pragmas, sizeof(pragmas),
		 "PRAGMA page_size=%d; PRAGMA synchronous=NORMAL; "
		 "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;",
		 CACHE_PAGE);
	{
		int empty;

		/* before anything writes: a foreign file stays as it is */
		rc = check_identity(st, &empty, err);
		if (rc)
			goto out_free;
	}
	rc = dur_store_exec(st, pragmas, err);
	if (rc)
		goto out_free;
	rc = dur_store_journal(st, DUR_STORE_WAL, err);
	if (rc == DUR_EDB && is_busy(st->db))
		rc = 0; /* an import into a new database: it comes back after */
	if (rc)
		goto out_free;
	/* A database that has its schema is opened without the write lock:
	 * in WAL mode `durand stats` then reads while an import writes,
	 * instead of waiting for the import to end (or timing out). */
	if (!has_schema(st, &schema_there, NULL) && schema_there) {
		*out = st;
		return 0;
	}
	rc = dur_store_exec(st, "BEGIN IMMEDIATE", err);
	if (rc)
		goto out_free;
	rc = dur_store_exec(st, schema, err);
	if (!rc)
		rc = has_schema(st, &schema_there, err);
	if (!rc && !schema_there) /* seeded once, by whoever got here first */
		rc = dur_store_exec(st, seed, err);
	if (!rc)
		rc = dur_store_exec(st, "COMMIT", err);
	if (rc) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out_free;
	}
	*out = st;
	return 0;
out_free:
	dur_store_free(st);
	return rc;
}

void dur_store_free(struct dur_store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st);
}

/* Text column col of q into buf (len bytes), "" for NULL. */
static void col_text(sqlite3_stmt *q, int col, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(q, col);

	snprintf(buf, len, "%s", t ? (const char *)t : "");
}

int dur_store_imports(struct dur_store *st, struct dur_store_import **out,
		      size_t *n, struct dur_error *err)
{
	static const char sql[] =
		"SELECT source, file, sha256, imported, time, version "
		"FROM imports ORDER BY id";
	struct dur_store_import *v = NULL;
	size_t cap = 0;
	sqlite3_stmt *q;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(st, err);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct dur_store_import *e;

		if (dur_grow(&v, &cap, *n + 1, sizeof(*v))) {
			sqlite3_finalize(q);
			free(v);
			*n = 0;
			return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
					     "out of memory");
		}
		e = &v[(*n)++];
		col_text(q, 0, e->source, sizeof(e->source));
		col_text(q, 1, e->file, sizeof(e->file));
		col_text(q, 2, e->sha256, sizeof(e->sha256));
		e->imported = (long)sqlite3_column_int64(q, 3);
		col_text(q, 4, e->time, sizeof(e->time));
		col_text(q, 5, e->version, sizeof(e->version));
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return dur_store_fail(st, err);
	}
	*out = v;
	return 0;
}

/* What column col of q holds, for a message: "text '2024-01-01'". */
static void describe(sqlite3_stmt *q, int col, char *buf, size_t len)
{
	const unsigned char *t;

	switch (sqlite3_column_type(q, col)) {
	case SQLITE_NULL:
		snprintf(buf, len, "NULL");
		break;
	case SQLITE_INTEGER:
		snprintf(buf, len, "%lld",
			 (long long)sqlite3_column_int64(q, col));
		break;
	case SQLITE_FLOAT:
		snprintf(buf, len, "the real number %.17g",
			 sqlite3_column_double(q, col));
		break;
	case SQLITE_BLOB:
		snprintf(buf, len, "a blob of %d bytes",
			 sqlite3_column_bytes(q, col));
		break;
	default:
		t = sqlite3_column_text(q, col);
		snprintf(buf, len, "text '%.40s'", t ? (const char *)t : "");
		for (char *c = buf; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
	}
}

int dur_store_col_day(struct dur_store *st, sqlite3_stmt *q, int col,
		      sqlite3_int64 id, int32_t *day, struct dur_error *err)
{
	sqlite3_int64 v = sqlite3_column_int64(q, col);
	char what[80];

	if (sqlite3_column_type(q, col) == SQLITE_INTEGER &&
	    v >= DUR_DATE_MIN && v <= DUR_DATE_MAX) {
		*day = (int32_t)v;
		return 0;
	}
	describe(q, col, what, sizeof(what));
	return dur_error_set(err, DUR_EINVAL, st->path, 0, 0,
			     "events row %lld: '%s' is %s, not a day number "
			     "(an integer from %d, 0000-01-01, to %d, "
			     "9999-12-31); the row was not written by durand "
			     "import: fix or delete it",
			     (long long)id, sqlite3_column_name(q, col), what,
			     DUR_DATE_MIN, DUR_DATE_MAX);
}

int dur_store_col_count(struct dur_store *st, sqlite3_stmt *q, int col,
			sqlite3_int64 id, long dflt, long *v,
			struct dur_error *err)
{
	sqlite3_int64 x = sqlite3_column_int64(q, col);
	char what[80];

	switch (sqlite3_column_type(q, col)) {
	case SQLITE_NULL:
		*v = dflt;
		return 0;
	case SQLITE_INTEGER:
		if (x >= 0 && x <= DUR_STORE_COUNT_MAX) {
			*v = (long)x;
			return 0;
		}
		break;
	default:
		break;
	}
	describe(q, col, what, sizeof(what));
	return dur_error_set(err, DUR_EINVAL, st->path, 0, 0,
			     "events row %lld: '%s' is %s, not a count of "
			     "deaths (an integer from 0 to %lld); the row was "
			     "not written by durand import: fix or delete it",
			     (long long)id, sqlite3_column_name(q, col), what,
			     DUR_STORE_COUNT_MAX);
}
