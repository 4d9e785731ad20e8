/*
 * record.h: the dated record of the crisis, one fact a row, as data.
 *
 * A record is a CSV file (docs/record.md) of dated facts, each with its
 * source: a tracker's count over a period, an event on a day, a state that
 * held over an interval (a closed crossing), a policy order. The project
 * ships one (record/afpak.csv, embedded as the built-in "afpak"); an
 * analyst may write another and give it to any command with --record FILE.
 *
 * Invariants of a parsed record: every fact has a known quantity (the
 * closed list of dur_record_quantity), a known kind, start <= end, a value
 * (when given) within its own [low, high] (when given), a unique id; the
 * facts are sorted by start, then id. Days are day numbers (date.h) and
 * intervals are inclusive.
 */
#ifndef DURAND_RECORD_H
#define DURAND_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

enum dur_fact_kind {
	DUR_FACT_COUNT,  /* a total over [start, end] */
	DUR_FACT_EVENT,  /* something that happened on start..end */
	DUR_FACT_STATE,  /* a condition that held from start to end */
	DUR_FACT_POLICY, /* a dated decision (start: made; end: in force) */
};

enum dur_stated {
	DUR_STATED_EXACT,     /* "exact": the figure as given */
	DUR_STATED_APPROX,    /* "approximate": dates or figure approximate */
	DUR_STATED_OVER,      /* "over N" */
	DUR_STATED_MORE_THAN, /* "more than N" */
	DUR_STATED_AT_LEAST,  /* "at least N" */
	DUR_STATED_AROUND,    /* "around N" */
};

/* The columns of a record file, in order (its header line). */
#define DUR_RECORD_HEADER                                                    \
	"id,kind,quantity,start,end,value,low,high,unit,stated_as,definition," \
	"source,address,trust"

struct dur_fact {
	char id[64];             /* unique in its record */
	int kind;                /* enum dur_fact_kind */
	char quantity[64];       /* "militant_attacks", "crossing_closed"
				    (the part before any ':') */
	char subject[96];        /* after ':' ("torkham+chaman"), or "" */
	int32_t start, end;      /* day numbers (date.h), inclusive */
	double value, low, high; /* NAN when absent; low <= value <= high
				    when given */
	char unit[32];           /* "attacks", "days", "people" or "" */
	int stated;              /* enum dur_stated */
	char *definition;        /* what was counted (owned; "" if none) */
	char *source;            /* who published it (owned; never "") */
	char *address;           /* a URL (owned; "" if none) */
	char trust;              /* 'A', 'B', 'C' or 0 (docs/record.md) */
	int line;                /* line in its file (1 is the header) */
};

struct dur_record {
	char name[128];        /* file name or built-in name */
	int nfacts;            /* number of facts */
	struct dur_fact *fact; /* sorted by start, then id */
	char digest[65];       /* SHA-256 of the file's bytes, hex */
};

/* A known quantity: the closed list a record may use. */
struct dur_record_quantity {
	const char *name;    /* "militant_attacks" */
	unsigned kinds;      /* 1 << enum dur_fact_kind, the kinds allowed */
	int subject;         /* enum dur_record_subject */
	const char *meaning; /* one line, for docs and `durand record
				quantities` */
};

enum dur_record_subject {
	DUR_SUBJECT_NONE,      /* no ':' part */
	DUR_SUBJECT_CROSSINGS, /* required: crossings joined by '+' */
	DUR_SUBJECT_MEDIATORS, /* optional: mediators joined by '+' */
};

/* The i-th known quantity, or NULL past the last. */
const struct dur_record_quantity *dur_record_quantity_at(int i);

/* The known quantity called name (without any ':' part), or NULL. */
const struct dur_record_quantity *dur_record_quantity_find(const char *name);

/*
 * A view of r holding only its facts whose quantity is one of the n names
 * (a fit on part of the record: IF2 of the attack rate on the trackers'
 * counts alone). view is r but for its fact array, a new one whose facts
 * share r's strings: free it with free(view->fact), never
 * dur_record_free, and not after r. The name and digest stay r's. Returns
 * the number of facts in the view, or -1 (view->fact NULL) out of memory.
 */
int dur_record_select(const struct dur_record *r, const char *const *names,
		      int n, struct dur_record *view);

/* The i-th known crossing ("torkham") or mediator ("china"); NULL past the
 * last. */
const char *dur_record_crossing_at(int i);
const char *dur_record_mediator_at(int i);

/* "count", "event", "state", "policy"; "?" when out of range. */
const char *dur_fact_kind_name(int kind);

/* "exact", "approximate", "over", "more_than", "at_least", "around". */
const char *dur_stated_name(int stated);

/*
 * Parse a record from text[0..len). `name` names it in messages and in
 * r->name. The digest is of the bytes given. Returns 0 with *out (free it
 * with dur_record_free), or the code of the first problem (DUR_EPARSE for
 * a malformed file, DUR_EINVAL for a bad fact, DUR_ENOMEM) with err filled
 * from it and *out NULL.
 */
int dur_record_parse(const char *text, size_t len, const char *name,
		     struct dur_record **out, struct dur_error *err);

/*
 * As dur_record_parse, and append every problem found to diag (if not
 * NULL), one per bad line, in file order. A bad header or a quoting error
 * stops the read; a bad fact does not.
 */
int dur_record_parse_diag(const char *text, size_t len, const char *name,
			  struct dur_record **out, struct dur_diag *diag,
			  struct dur_error *err);

/* Read and parse a file (as dur_record_parse); a missing file is
 * DUR_ENOTFOUND. */
int dur_record_load(const char *path, struct dur_record **out,
		    struct dur_error *err);

/* As dur_record_load, every problem appended to diag (if not NULL). */
int dur_record_load_diag(const char *path, struct dur_record **out,
			 struct dur_diag *diag, struct dur_error *err);

/* Parse a built-in record ("afpak"); DUR_ENOTFOUND if there is none. */
int dur_record_builtin(const char *name, struct dur_record **out,
		       struct dur_error *err);

/* Name of the i-th built-in record; NULL past the last. */
const char *dur_record_builtin_name(int i);

/* The text of a built-in record (NUL-terminated, static), or NULL. */
const char *dur_record_builtin_text(const char *name);

/* A built-in record by name, else a file by path, every problem appended
 * to diag (if not NULL). */
int dur_record_open(const char *name_or_path, struct dur_record **out,
		    struct dur_diag *diag, struct dur_error *err);

/* Free a record and its facts; NULL does nothing. */
void dur_record_free(struct dur_record *r);

/*
 * The facts whose end < day (over strictly before `day`), for --as-of:
 * copies into a new record *out with r's name and digest (the file the
 * facts came from). Returns 0 or DUR_ENOMEM.
 */
int dur_record_before(const struct dur_record *r, int32_t day,
		      struct dur_record **out, struct dur_error *err);

/* The fact with this id, or NULL. */
const struct dur_fact *dur_record_find(const struct dur_record *r,
				       const char *id);

#endif
