/*
 * store_int.h: what the library's own modules (import, stats, fit,
 * classify) need of the event database beyond store.h: the SQLite handle
 * and its errors. The classifier is in classify_int.h.
 */
#ifndef DURAND_STORE_INT_H
#define DURAND_STORE_INT_H

#include <sqlite3.h>

#include "durand/store.h"

/* The open connection (borrowed). */
sqlite3 *dur_store_db(struct dur_store *st);

/* What to do about the last error on db, to append to its message: "" or
 * text starting with "; " (a full disk, a lock held too long, a file that
 * is not a database). Static text. */
const char *dur_store_hint(sqlite3 *db);

/* Fill err with the connection's last error: SQLite's message and what to
 * do (dur_store_hint), DUR_EDB, or DUR_EINVAL when the file is not a
 * database. Returns the code. */
int dur_store_fail(struct dur_store *st, struct dur_error *err);

/* Does the query sql return a row? Its ?1 is bound to text (if not NULL)
 * and its ?2, if it has one, to id. */
int dur_store_has_row(struct dur_store *st, const char *sql,
		      const char *text, sqlite3_int64 id, int *found,
		      struct dur_error *err);

/* Run sql (no results) and fill err with SQLite's message on failure. */
int dur_store_exec(struct dur_store *st, const char *sql,
		   struct dur_error *err);

/* Journal modes dur_store_journal can set. */
enum dur_store_journal_mode {
	DUR_STORE_WAL,     /* the write-ahead log: readers never wait */
	DUR_STORE_ROLLBACK /* a rollback journal: pages written once */
};

/*
 * Set the journal mode (outside a transaction). It takes the database to
 * itself for a moment, so it fails at once, with DUR_EDB and SQLite's
 * "database is locked", when another connection has the file open.
 */
int dur_store_journal(struct dur_store *st, int mode, struct dur_error *err);

/* The largest count of deaths an event may have (import reads at most 12
 * digits). */
#define DUR_STORE_COUNT_MAX 999999999999LL

/*
 * A store is a file anyone can change: each value a reader takes from it is
 * checked as it is read. Column col of q's current row (the events row id)
 * must be an integer day from DUR_DATE_MIN to DUR_DATE_MAX (*day), or for
 * dur_store_col_count NULL (*v = dflt) or an integer count from 0 to
 * DUR_STORE_COUNT_MAX. Otherwise DUR_EINVAL naming the row, the column and
 * what it holds.
 */
int dur_store_col_day(struct dur_store *st, sqlite3_stmt *q, int col,
		      sqlite3_int64 id, int32_t *day, struct dur_error *err);
int dur_store_col_count(struct dur_store *st, sqlite3_stmt *q, int col,
			sqlite3_int64 id, long dflt, long *v,
			struct dur_error *err);

#endif
