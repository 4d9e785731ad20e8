/*
 * store.h: the event database (SQLite).
 *
 * One file holds every imported event, normalised across datasets, and the
 * record of what was imported:
 *
 *   events      one row per event: source ("ucdp", "acled") and its id
 *               (UNIQUE together, so nothing is stored twice), first and
 *               last day, date precision, both actors as the dataset names
 *               them and as model actors, the model stream, type, place,
 *               coordinates, fatalities (best/low/high, and by category
 *               where the dataset gives them)
 *   imports     one row per imported file: its name, SHA-256, rows read,
 *               imported, duplicates, rejected, time and durand version
 *   actor_map   dataset actor names -> model actors ("ttp", "pak_forces",
 *               "afg_taliban", ...); users may add rows
 *   stream_rule which events make a model stream ("attack", "strike",
 *               "clash"), tried in priority order; users may add rows
 *
 * Opening a new file creates the schema and seeds actor_map and
 * stream_rule with the defaults (docs/import.md lists them). The database
 * runs in WAL mode with a busy timeout, so a killed import leaves it as it
 * was before the import began.
 */
#ifndef DURAND_STORE_H
#define DURAND_STORE_H

#include "durand/error.h"

struct dur_store;

/* The default database file. */
#define DUR_STORE_DEFAULT "durand.db"

/* Flags of dur_store_open. */
enum dur_store_open_flags {
	DUR_STORE_CREATE = 1 << 0,   /* create the file if it does not exist */
	DUR_STORE_READONLY = 1 << 1, /* only read: SQLITE_OPEN_READONLY, no
					journal switch, no schema made */
};

/* The schema number this durand writes and reads (meta 'schema'). */
#define DUR_STORE_SCHEMA 1

/*
 * Open (and with DUR_STORE_CREATE create) the database at path. A missing
 * file without DUR_STORE_CREATE is DUR_ENOTFOUND. The file must be a
 * durand store (or, to be written, empty): a file with tables of its own
 * and no schema number, or a store with a schema number above
 * DUR_STORE_SCHEMA ("made by a newer durand"), is DUR_EINVAL and is left
 * as it was. With DUR_STORE_READONLY nothing is ever written to the file
 * (stats and fit open it so). *out is the caller's, to
 * free with dur_store_free.
 */
int dur_store_open(struct dur_store **out, const char *path, int flags,
		   struct dur_error *err);

/* Close the database; NULL does nothing. */
void dur_store_free(struct dur_store *st);

/* The path the store was opened with (borrowed). */
const char *dur_store_path(const struct dur_store *st);

/* One row of the imports table: a file imported into the store. */
struct dur_store_import {
	char source[16];  /* "ucdp", "acled" */
	char file[512];   /* the file's name as the import recorded it */
	char sha256[65];  /* of the file's bytes, hex */
	long imported;    /* events it added (duplicates not counted) */
	char time[24];    /* when, UTC: "2026-01-05T10:00:00Z" */
	char version[24]; /* the durand that imported it */
};

/*
 * The files imported into st, oldest first: *out (free()) holds *n rows
 * (none for a store nothing was imported into). What a result read from
 * the store names as its data (docs/output.md, "data").
 */
int dur_store_imports(struct dur_store *st, struct dur_store_import **out,
		      size_t *n, struct dur_error *err);

/*
 * Recompute every event's model actors and stream from the current
 * actor_map and stream_rule tables (after a user edited them), in one
 * transaction. *changed (if not NULL) receives the number of events whose
 * stream changed. (Defined with the classifier, in classify.c.)
 */
int dur_store_restream(struct dur_store *st, long *changed,
		       struct dur_error *err);

#endif
