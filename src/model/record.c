/*
 * record.c: reads a record of the crisis (record.h, docs/record.md) from
 * CSV into sorted, checked facts. The file is data a user writes by hand,
 * so every bad line is reported with its line number and what was
 * expected, all of them in one pass, as `durand check` does for scenarios;
 * a line is reported once, at its first problem.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/readfile.h"
#include "durand/csvread.h"
#include "durand/date.h"
#include "durand/record.h"
#include "durand/sha256.h"
#include "durand/utf8.h"

/* The most facts a record may hold: far above any hand-written record,
 * low enough that a runaway file is refused before it eats the memory. */
#define RECORD_MAX_FACTS 1000000
#define NCOLS 14

enum { C_ID, C_KIND, C_QUANTITY, C_START, C_END, C_VALUE, C_LOW, C_HIGH,
       C_UNIT, C_STATED, C_DEFINITION, C_SOURCE, C_ADDRESS, C_TRUST };

static const char *const columns[NCOLS] = {
	"id",	  "kind",      "quantity",   "start",  "end",
	"value",  "low",       "high",	     "unit",   "stated_as",
	"definition", "source", "address",  "trust"
};

static const char *const kind_names[] = { "count", "event", "state",
					  "policy", NULL };
static const char *const stated_names[] = { "exact",	 "approximate",
					    "over",	 "more_than",
					    "at_least", "around",
					    NULL };

#define K(k) (1u << DUR_FACT_##k)

/* The closed list of quantities (docs/record.md says the same). */
static const struct dur_record_quantity quantities[] = {
	{ "militant_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "PICSS 'militant attacks': all groups, all of Pakistan" },
	{ "deaths_in_militant_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "people killed in PICSS's militant attacks" },
	{ "terrorist_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "PIPS 'terrorist attacks' (narrower coding than PICSS)" },
	{ "deaths_in_terrorist_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "people killed in PIPS's terrorist attacks" },
	{ "cross_border_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "attacks in Pakistan launched from across the Afghan border" },
	{ "deaths_in_cross_border_attacks", K(COUNT), DUR_SUBJECT_NONE,
	  "Pakistanis (soldiers, police, civilians) killed in them" },
	{ "flag_meetings", K(COUNT), DUR_SUBJECT_NONE,
	  "border flag meetings, each after an attack or breach" },
	{ "jcc_meetings", K(COUNT), DUR_SUBJECT_NONE,
	  "meetings of the Joint Coordination Committee" },
	{ "diplomatic_protests", K(COUNT), DUR_SUBJECT_NONE,
	  "diplomatic protests Pakistan lodged with Kabul" },
	{ "isi_memorandums", K(COUNT), DUR_SUBJECT_NONE,
	  "formal memorandums the ISI issued to the Afghan authorities" },
	{ "demarches", K(COUNT), DUR_SUBJECT_NONE,
	  "diplomatic demarches delivered to the Afghan authorities" },
	{ "minister_visits", K(COUNT), DUR_SUBJECT_NONE,
	  "visits to Kabul by Pakistan's foreign minister" },
	{ "mediation_round", K(EVENT) | K(COUNT), DUR_SUBJECT_MEDIATORS,
	  "a round of talks a third party hosted or mediated "
	  "(':china' names the mediators)" },
	{ "ceasefire", K(EVENT), DUR_SUBJECT_NONE,
	  "a ceasefire agreed between the two governments" },
	{ "strike_in_afghanistan", K(EVENT) | K(COUNT), DUR_SUBJECT_NONE,
	  "days of Pakistani air or drone strikes on Afghan territory" },
	{ "strike_on_city", K(EVENT) | K(COUNT), DUR_SUBJECT_NONE,
	  "days of Pakistani strikes on an Afghan city (Kabul)" },
	{ "border_clash", K(EVENT) | K(COUNT), DUR_SUBJECT_NONE,
	  "days of fire between the two states' forces at the border" },
	{ "crossing_closed", K(STATE) | K(EVENT), DUR_SUBJECT_CROSSINGS,
	  "the crossings named after ':' closed to trade and people" },
	{ "crossing_restricted", K(STATE) | K(EVENT), DUR_SUBJECT_CROSSINGS,
	  "the crossings open, under a rule that held back people or trucks" },
	{ "deportation_order", K(POLICY), DUR_SUBJECT_NONE,
	  "an order for foreigners to leave (start: the order; end: the "
	  "deadline or the first deportations)" },
	{ "afghans_left_pakistan", K(COUNT), DUR_SUBJECT_NONE,
	  "Afghans who returned or were deported from Pakistan" },
	{ "afghans_left_pakistan_gross", K(COUNT), DUR_SUBJECT_NONE,
	  "all crossings from Pakistan into Afghanistan (circular movement "
	  "included)" },
};

#define NQUANTITIES (sizeof(quantities) / sizeof(quantities[0]))

/* The crossings of the scenarios (scenarios/afpak.yaml), and the parties
 * the source articles name as mediators or as pressing for restraint. */
static const char *const crossings[] = { "torkham", "chaman", "ghulam_khan",
					 "angoor_adda", "kharlachi", NULL };
static const char *const mediators[] = { "china", "qatar",  "turkiye",
					 "saudi_arabia", "uae", "iran",
					 "russia", NULL };

const struct dur_record_quantity *dur_record_quantity_at(int i)
{
	return i >= 0 && (size_t)i < NQUANTITIES ? &quantities[i] : NULL;
}

const struct dur_record_quantity *dur_record_quantity_find(const char *name)
{
	for (size_t i = 0; i < NQUANTITIES; i++)
		if (!strcmp(quantities[i].name, name))
			return &quantities[i];
	return NULL;
}

static const char *list_at(const char *const *list, int i)
{
	for (int j = 0; list[j]; j++)
		if (j == i)
			return list[j];
	return NULL;
}

const char *dur_record_crossing_at(int i)
{
	return list_at(crossings, i);
}

const char *dur_record_mediator_at(int i)
{
	return list_at(mediators, i);
}

const char *dur_fact_kind_name(int kind)
{
	const char *s = kind >= 0 ? list_at(kind_names, kind) : NULL;

	return s ? s : "?";
}

const char *dur_stated_name(int stated)
{
	const char *s = stated >= 0 ? list_at(stated_names, stated) : NULL;

	return s ? s : "?";
}

static int index_of(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

/* "a, b or c" into buf. */
static const char *join_or(const char *const *list, char *buf, size_t size)
{
	size_t used = 0;
	int n = 0;

	while (list[n])
		n++;
	buf[0] = 0;
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i == 0	    ? "" :
					 i == n - 1 ? " or " :
						      ", ",
					 list[i]);
	return buf;
}

/* The read in progress. */
struct reader {
	const char *name;      /* the file's name in messages */
	struct dur_diag *diag; /* every problem, or NULL */
	struct dur_error first; /* the problem on the earliest line */
	int nerr;               /* problems found */
	int stopped;            /* 1 if a noted problem stopped the read */
	int header;             /* 1 once the header was read */
	struct dur_fact *fact;  /* the good facts so far */
	int n;
	size_t cap;
};

/* Note a problem at line; returns its code. */
static int problem(struct reader *rd, int code, long line, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

static int problem(struct reader *rd, int code, long line, const char *fmt,
		   ...)
{
	char msg[sizeof(rd->first.msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!rd->nerr++ || line < rd->first.line)
		dur_error_set(&rd->first, code, rd->name, (int)line, 0, "%s",
			      msg);
	if (rd->diag)
		dur_diag_add(rd->diag, code, rd->name, (int)line, 0, "%s",
			     msg);
	return code;
}

/* A field quoted in a message: at most 60 bytes of it. */
#define Q(s) (int)(strlen(s) > 60 ? 60 : strlen(s)), (s)

/* An optional non-negative finite number: NAN when empty. */
static int get_number(struct reader *rd, long line, const char *col,
		      const char *s, double *out)
{
	char *end;

	*out = NAN;
	if (!*s)
		return 0;
	errno = 0;
	/* strtod would take hex, "inf", "nan" and leading blanks: not here */
	if (strspn(s, "0123456789.eE+-") != strlen(s) ||
	    (*out = strtod(s, &end), *end) || errno || !isfinite(*out))
		return problem(rd, DUR_EINVAL, line,
			       "%s: expected a number, got '%.*s'", col, Q(s));
	if (*out < 0)
		return problem(rd, DUR_EINVAL, line,
			       "%s: expected a number >= 0, got '%.*s'", col,
			       Q(s));
	return 0;
}

static int get_date(struct reader *rd, long line, const char *col,
		    const char *s, int32_t *day)
{
	const char *why = "expected a date as YYYY-MM-DD";

	if (strlen(s) != 10 || dur_date_parse(s, 10, day, &why))
		return problem(rd, DUR_EINVAL, line, "%s: %s, got '%.*s'", col,
			       why, Q(s));
	return 0;
}

/* Names joined by '+', each in list, none twice. */
static int get_subject(struct reader *rd, long line, const char *q,
		       const char *subject, const char *const *list,
		       const char *what)
{
	const char *p = subject;
	char names[256], part[96];

	for (;;) {
		size_t l = strcspn(p, "+");

		snprintf(part, sizeof(part), "%.*s", (int)l, p);
		if (index_of(list, part) < 0)
			return problem(rd, DUR_EINVAL, line,
				       "quantity: unknown %s '%s' in '%.*s' "
				       "(expected %s, joined by '+')",
				       what, part, Q(q),
				       join_or(list, names, sizeof(names)));
		for (const char *o = subject; o < p; o += strcspn(o, "+") + 1)
			if (strcspn(o, "+") == l && !strncmp(o, p, l))
				return problem(rd, DUR_EINVAL, line,
					       "quantity: %s '%s' named twice "
					       "in '%.*s'",
					       what, part, Q(q));
		if (!p[l])
			return 0;
		p += l + 1;
	}
}

static int get_quantity(struct reader *rd, long line, const char *s,
			struct dur_fact *f)
{
	const struct dur_record_quantity *q;
	size_t l = strcspn(s, ":");
	const char *subject = s[l] ? s + l + 1 : NULL;

	if (l >= sizeof(f->quantity) ||
	    (subject && strlen(subject) >= sizeof(f->subject)))
		return problem(rd, DUR_EINVAL, line,
			       "quantity: too long, got '%.*s'", Q(s));
	snprintf(f->quantity, sizeof(f->quantity), "%.*s", (int)l, s);
	snprintf(f->subject, sizeof(f->subject), "%s", subject ? subject : "");
	q = dur_record_quantity_find(f->quantity);
	if (!q)
		return problem(rd, DUR_EINVAL, line,
			       "quantity: unknown quantity '%.*s' (see 'durand "
			       "record quantities')",
			       Q(f->quantity));
	if (!(q->kinds & (1u << f->kind))) {
		const char *allowed[5];
		char buf[64];
		int n = 0;

		for (int k = 0; kind_names[k]; k++)
			if (q->kinds & (1u << k))
				allowed[n++] = kind_names[k];
		allowed[n] = NULL;
		return problem(rd, DUR_EINVAL, line,
			       "kind: '%s' is not a kind of '%s' (expected %s)",
			       kind_names[f->kind], q->name,
			       join_or(allowed, buf, sizeof(buf)));
	}
	switch (q->subject) {
	case DUR_SUBJECT_CROSSINGS:
		if (!subject || !*subject)
			return problem(rd, DUR_EINVAL, line,
				       "quantity: '%s' needs the crossings "
				       "after ':' ('%s:torkham+chaman')",
				       q->name, q->name);
		return get_subject(rd, line, s, subject, crossings,
				   "crossing");
	case DUR_SUBJECT_MEDIATORS:
		if (!subject)
			return 0;
		return get_subject(rd, line, s, subject, mediators,
				   "mediator");
	default:
		if (subject)
			return problem(rd, DUR_EINVAL, line,
				       "quantity: '%s' takes nothing after "
				       "':', got '%.*s'",
				       q->name, Q(s));
		return 0;
	}
}

static int check_id(struct reader *rd, long line, const char *s)
{
	size_t l = strlen(s);

	if (!l || l >= sizeof(((struct dur_fact *)0)->id))
		return problem(rd, DUR_EINVAL, line,
			       "id: expected 1 to 63 characters, got '%.*s'",
			       Q(s));
	for (size_t i = 0; i < l; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_-.", s[i]))
			return problem(rd, DUR_EINVAL, line,
				       "id: expected letters, digits, '_', "
				       "'-' or '.', got '%.*s'",
				       Q(s));
	return 0;
}

/* The header must be the columns, in order. */
static int check_header(struct reader *rd, const struct dur_csvrow *row,
			struct dur_error *err)
{
	int ok = row->n == NCOLS;

	for (size_t i = 0; ok && i < NCOLS; i++)
		ok = !strcmp(row->field[i], columns[i]);
	rd->header = 1;
	if (ok)
		return 0;
	problem(rd, DUR_EPARSE, row->line,
		"expected the header '" DUR_RECORD_HEADER "'");
	*err = rd->first;
	rd->stopped = 1;
	return DUR_EPARSE;
}

static void fact_release(struct dur_fact *f)
{
	free(f->definition);
	free(f->source);
	free(f->address);
	f->definition = f->source = f->address = NULL;
}

/* Check one row into f; 0 or the code of its first problem (noted). */
static int read_fact(struct reader *rd, const struct dur_csvrow *row,
		     struct dur_fact *f)
{
	const char *const *v = row->field;
	long line = row->line;
	char list[128];
	int i;

	memset(f, 0, sizeof(*f));
	f->line = (int)line;
	if (row->n != NCOLS)
		return problem(rd, DUR_EINVAL, line,
			       "expected %d fields, got %zu", NCOLS, row->n);
	if (check_id(rd, line, v[C_ID]))
		return DUR_EINVAL;
	snprintf(f->id, sizeof(f->id), "%s", v[C_ID]);
	if ((i = index_of(kind_names, v[C_KIND])) < 0)
		return problem(rd, DUR_EINVAL, line,
			       "kind: expected %s, got '%.*s'",
			       join_or(kind_names, list, sizeof(list)),
			       Q(v[C_KIND]));
	f->kind = i;
	if (get_quantity(rd, line, v[C_QUANTITY], f) ||
	    get_date(rd, line, "start", v[C_START], &f->start) ||
	    get_date(rd, line, "end", v[C_END], &f->end))
		return DUR_EINVAL;
	if (f->end < f->start)
		return problem(rd, DUR_EINVAL, line,
			       "end: %s is before the start %s", v[C_END],
			       v[C_START]);
	if (get_number(rd, line, "value", v[C_VALUE], &f->value) ||
	    get_number(rd, line, "low", v[C_LOW], &f->low) ||
	    get_number(rd, line, "high", v[C_HIGH], &f->high))
		return DUR_EINVAL;
	if (f->low > f->high)
		return problem(rd, DUR_EINVAL, line,
			       "low: %s is above the high %s", v[C_LOW],
			       v[C_HIGH]);
	if (f->value < f->low)
		return problem(rd, DUR_EINVAL, line,
			       "value: %s is below its own low %s", v[C_VALUE],
			       v[C_LOW]);
	if (f->value > f->high)
		return problem(rd, DUR_EINVAL, line,
			       "value: %s is above its own high %s",
			       v[C_VALUE], v[C_HIGH]);
	if (f->kind == DUR_FACT_COUNT && isnan(f->value))
		return problem(rd, DUR_EINVAL, line,
			       "value: a count needs a value");
	if (strlen(v[C_UNIT]) >= sizeof(f->unit))
		return problem(rd, DUR_EINVAL, line,
			       "unit: expected at most %zu bytes, got '%.*s'",
			       sizeof(f->unit) - 1, Q(v[C_UNIT]));
	snprintf(f->unit, sizeof(f->unit), "%s", v[C_UNIT]);
	if ((i = index_of(stated_names, v[C_STATED])) < 0)
		return problem(rd, DUR_EINVAL, line,
			       "stated_as: expected %s, got '%.*s'",
			       join_or(stated_names, list, sizeof(list)),
			       Q(v[C_STATED]));
	f->stated = i;
	if (!*v[C_SOURCE])
		return problem(rd, DUR_EINVAL, line,
			       "source: missing (every fact names who "
			       "published it)");
	if (v[C_TRUST][0] && (v[C_TRUST][1] || !strchr("ABC", v[C_TRUST][0])))
		return problem(rd, DUR_EINVAL, line,
			       "trust: expected A, B, C or nothing, got '%.*s'",
			       Q(v[C_TRUST]));
	f->trust = v[C_TRUST][0];
	f->definition = strdup(v[C_DEFINITION]);
	f->source = strdup(v[C_SOURCE]);
	f->address = strdup(v[C_ADDRESS]);
	if (!f->definition || !f->source || !f->address) {
		fact_release(f);
		return DUR_ENOMEM;
	}
	return 0;
}

static int on_row(void *ctx, const struct dur_csvrow *row,
		  struct dur_error *err)
{
	struct reader *rd = ctx;
	struct dur_fact f;
	int rc;

	if (!rd->header)
		return check_header(rd, row, err);
	rc = read_fact(rd, row, &f);
	if (rc == DUR_ENOMEM)
		return dur_error_set(err, rc, rd->name, 0, 0, "out of memory");
	if (rc)
		return 0; /* noted; go on to the next line */
	if ((size_t)rd->n == rd->cap) {
		if (rd->n >= RECORD_MAX_FACTS) {
			fact_release(&f);
			problem(rd, DUR_ELIMIT, row->line,
				"more than %d facts", RECORD_MAX_FACTS);
			*err = rd->first;
			rd->stopped = 1;
			return DUR_ELIMIT;
		}
		if (dur_grow(&rd->fact, &rd->cap, (size_t)rd->n + 1,
			     sizeof(*rd->fact))) {
			fact_release(&f);
			return dur_error_set(err, DUR_ENOMEM, rd->name, 0, 0,
					     "out of memory");
		}
	}
	rd->fact[rd->n++] = f;
	return 0;
}

static int cmp_id_line(const void *a, const void *b)
{
	const struct dur_fact *x = *(const struct dur_fact *const *)a;
	const struct dur_fact *y = *(const struct dur_fact *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int cmp_start_id(const void *a, const void *b)
{
	const struct dur_fact *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return strcmp(x->id, y->id);
}

static int cmp_err_line(const void *a, const void *b)
{
	const struct dur_error *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/* Note each later use of an id; file order is restored by the caller. */
static int find_duplicates(struct reader *rd)
{
	const struct dur_fact **by;

	if (rd->n < 2)
		return 0;
	by = malloc((size_t)rd->n * sizeof(*by));
	if (!by)
		return DUR_ENOMEM;
	for (int i = 0; i < rd->n; i++)
		by[i] = &rd->fact[i];
	qsort(by, (size_t)rd->n, sizeof(*by), cmp_id_line);
	for (int i = 1, first = 0; i < rd->n; i++) {
		if (strcmp(by[i]->id, by[first]->id)) {
			first = i;
			continue;
		}
		problem(rd, DUR_EINVAL, by[i]->line,
			"id: '%s' is already the id of line %d", by[i]->id,
			by[first]->line);
	}
	free(by);
	return 0;
}

int dur_record_select(const struct dur_record *r, const char *const *names,
		      int n, struct dur_record *view)
{
	*view = *r;
	view->nfacts = 0;
	view->fact = malloc((size_t)(r->nfacts ? r->nfacts : 1) *
			    sizeof(*view->fact));
	if (!view->fact)
		return -1;
	for (int i = 0; i < r->nfacts; i++)
		for (int j = 0; j < n; j++)
			if (!strcmp(r->fact[i].quantity, names[j])) {
				view->fact[view->nfacts++] = r->fact[i];
				break;
			}
	return view->nfacts;
}

void dur_record_free(struct dur_record *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nfacts; i++)
		fact_release(&r->fact[i]);
	free(r->fact);
	free(r);
}

int dur_record_parse_diag(const char *text, size_t len, const char *name,
			  struct dur_record **out, struct dur_diag *diag,
			  struct dur_error *err)
{
	struct reader rd = { .name = name, .diag = diag };
	struct dur_record *r;
	struct dur_error e = { 0 };
	size_t ndiag = diag ? diag->n : 0;
	long line, col;
	unsigned byte;
	int rc;

	*out = NULL;
	if (dur_utf8_check(text, len, &line, &col, &byte)) {
		rc = dur_error_set(&e, DUR_EPARSE, name, (int)line, (int)col,
				   "not UTF-8: byte 0x%02x", byte);
		goto fail_e;
	}
	rc = dur_csvread_buffer(text, len, name, on_row, &rd, NULL, &e);
	if (rc && !rd.stopped)
		goto fail_e; /* a quoting error or out of memory */
	if (!rc && !rd.header) {
		problem(&rd, DUR_EPARSE, 1,
			"empty record: expected the header '" DUR_RECORD_HEADER
			"'");
	}
	if (!rc && find_duplicates(&rd)) {
		rc = dur_error_set(&e, DUR_ENOMEM, name, 0, 0, "out of memory");
		goto fail_e;
	}
	if (rd.nerr) {
		/* the duplicates were found after the rest: back to file
		 * order */
		if (diag)
			qsort(diag->v + ndiag, diag->n - ndiag,
			      sizeof(*diag->v), cmp_err_line);
		rc = rd.first.code;
		e = rd.first;
		goto fail;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		rc = dur_error_set(&e, DUR_ENOMEM, name, 0, 0, "out of memory");
		goto fail_e;
	}
	if (dur_sha256_hex(text, len, r->digest)) {
		free(r);
		rc = dur_error_set(&e, DUR_ENOMEM, name, 0, 0,
				   "cannot compute the digest");
		goto fail_e;
	}
	snprintf(r->name, sizeof(r->name), "%s", name);
	if (rd.n)
		qsort(rd.fact, (size_t)rd.n, sizeof(*rd.fact), cmp_start_id);
	r->fact = rd.fact;
	r->nfacts = rd.n;
	*out = r;
	return 0;
fail_e:
	if (diag)
		dur_diag_add(diag, e.code, e.file, e.line, e.col, "%s", e.msg);
fail:
	for (int i = 0; i < rd.n; i++)
		fact_release(&rd.fact[i]);
	free(rd.fact);
	if (err)
		*err = e;
	return rc;
}

int dur_record_parse(const char *text, size_t len, const char *name,
		     struct dur_record **out, struct dur_error *err)
{
	return dur_record_parse_diag(text, len, name, out, NULL, err);
}

static char *read_file(const char *path, size_t *lenp, struct dur_error *err)
{
	return dur_read_file(path, "record", 256, lenp, err);
}

int dur_record_load_diag(const char *path, struct dur_record **out,
			 struct dur_diag *diag, struct dur_error *err)
{
	struct dur_error e = { 0 };
	size_t len = 0;
	char *buf;
	int rc;

	*out = NULL;
	buf = read_file(path, &len, &e);
	if (!buf) {
		if (diag)
			dur_diag_add(diag, e.code, e.file, 0, 0, "%s", e.msg);
		if (err)
			*err = e;
		return e.code;
	}
	rc = dur_record_parse_diag(buf, len, path, out, diag, err);
	free(buf);
	return rc;
}

int dur_record_load(const char *path, struct dur_record **out,
		    struct dur_error *err)
{
	return dur_record_load_diag(path, out, NULL, err);
}

/* Embedded by src/model/builtin_data.S. */
extern const char dur_builtin_record_afpak[];

static const char *const builtin_names[] = { "afpak", NULL };

const char *dur_record_builtin_name(int i)
{
	return list_at(builtin_names, i);
}

const char *dur_record_builtin_text(const char *name)
{
	const char *texts[] = { dur_builtin_record_afpak };
	int i = index_of(builtin_names, name);

	return i < 0 ? NULL : texts[i];
}

int dur_record_builtin(const char *name, struct dur_record **out,
		       struct dur_error *err)
{
	const char *text = dur_record_builtin_text(name);

	*out = NULL;
	if (!text)
		return dur_error_set(err, DUR_ENOTFOUND, NULL, 0, 0,
				     "no built-in record '%s'", name);
	return dur_record_parse(text, strlen(text), name, out, err);
}

int dur_record_open(const char *name_or_path, struct dur_record **out,
		    struct dur_diag *diag, struct dur_error *err)
{
	const char *text = dur_record_builtin_text(name_or_path);

	if (!text)
		return dur_record_load_diag(name_or_path, out, diag, err);
	return dur_record_parse_diag(text, strlen(text), name_or_path, out,
				     diag, err);
}

static int copy_fact(struct dur_fact *to, const struct dur_fact *from)
{
	*to = *from;
	to->definition = strdup(from->definition);
	to->source = strdup(from->source);
	to->address = strdup(from->address);
	if (to->definition && to->source && to->address)
		return 0;
	fact_release(to);
	return DUR_ENOMEM;
}

int dur_record_before(const struct dur_record *r, int32_t day,
		      struct dur_record **out, struct dur_error *err)
{
	struct dur_record *c = calloc(1, sizeof(*c));
	int n = 0;

	*out = NULL;
	if (!c)
		goto nomem;
	memcpy(c->name, r->name, sizeof(c->name));
	memcpy(c->digest, r->digest, sizeof(c->digest));
	for (int i = 0; i < r->nfacts; i++)
		n += r->fact[i].end < day;
	if (n) {
		c->fact = calloc((size_t)n, sizeof(*c->fact));
		if (!c->fact)
			goto nomem;
	}
	for (int i = 0; i < r->nfacts; i++) {
		if (r->fact[i].end >= day)
			continue;
		if (copy_fact(&c->fact[c->nfacts], &r->fact[i]))
			goto nomem;
		c->nfacts++;
	}
	*out = c;
	return 0;
nomem:
	dur_record_free(c);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0, "out of memory");
}

const struct dur_fact *dur_record_find(const struct dur_record *r,
				       const char *id)
{
	for (int i = 0; i < r->nfacts; i++)
		if (!strcmp(r->fact[i].id, id))
			return &r->fact[i];
	return NULL;
}
