/*
 * report_int.h: what report.c (the page's frame, the figure store, the
 * entry points) and the report of each result kind, report_<kind>.c (its
 * page and its charts), share. Not part of the public API.
 *
 * A new result kind: a value of enum dur_report_kind (report.h), its name in
 * DUR_REPORT_KINDS below, and a file report_<kind>.c with its _page and
 * _figs functions.
 */
#ifndef DURAND_REPORT_INT_H
#define DURAND_REPORT_INT_H

#include <stdio.h>

#include <jansson.h>

#include "durand/chart.h"
#include "durand/error.h"
#include "durand/report.h"

#define DUR_FIG_SERIES 16 /* most series a chart of a report has */
#define DUR_FIG_OWN 48	  /* most arrays one figure allocates */

/* One chart of a report, owning the arrays its description points to. */
struct dur_fig {
	char name[64];	    /* stable name: "fan-pakistan", "sobol-strikes" */
	struct dur_chart c; /* the description; see dur_report_fig_bind() */
	struct dur_chart_series s[DUR_FIG_SERIES]; /* its series */
	char title[200];			   /* chart title */
	char caption[240];			   /* scenario, runs, seed */
	char xlabel[120];			   /* x axis title */
	char ylabel[120];			   /* y axis title */
	char note[480]; /* a sentence for the HTML figcaption (plain text) */
	void *own[DUR_FIG_OWN]; /* allocations freed with the figure */
	size_t nown;		/* used entries of own */
};

/* The charts of one result, in page order. */
struct dur_figs {
	struct dur_fig **v; /* figures */
	size_t n, alloc;    /* count and capacity */
};

/* ---- the figure store (report.c) ---- */

/* Build the charts of result (of the given kind) into fs, which the caller
 * releases with dur_report_figs_release() even on failure. */
int dur_report_figs_build(const json_t *result, enum dur_report_kind kind,
			  struct dur_figs *fs, struct dur_error *err);

void dur_report_figs_release(struct dur_figs *fs);

/* The figure called name, or NULL. */
const struct dur_fig *dur_report_figs_find(const struct dur_figs *fs,
					   const char *name);

/* The chart description of f with its text fields pointing into f (call
 * before drawing: figures may move while the list grows). */
const struct dur_chart *dur_report_fig_bind(struct dur_fig *f);

/* A member's number, NAN if absent or not a number. */
double dur_report_num(const json_t *obj, const char *key);

/* A member's string, def if absent or not a string. */
const char *dur_report_str(const json_t *obj, const char *key, const char *def);

/* "scenario afpak · 10,000 runs · seed 1" for a result, into buf. */
void dur_report_caption(const json_t *result, char *buf, size_t len);

/* The unit of outcome key of result r ("people", "days", "US$", "events"):
 * r's outcome_table's, else the library's table of outcomes (result.h);
 * "" for a name neither knows. Never guessed from the name. */
const char *dur_report_unit(const json_t *r, const char *key);

/* The outcome group of key (result.h, dur_result_outcome_group()), found
 * as its unit is; NULL for a name neither table knows. */
const char *dur_report_outcome_group(const json_t *r, const char *key);

/* A number as the report's tables show it (see report.h), into buf. */
char *dur_report_fmt(double v, char *buf, size_t len);

/* A new figure at the end of fs, NULL when out of memory. */
struct dur_fig *dur_report_fig_new(struct dur_figs *fs, const json_t *r,
				   const char *name, enum dur_chart_type type);

/* n elements of size bytes (zeroed) owned by f, NULL when out of memory. */
void *dur_report_fig_alloc(struct dur_fig *f, size_t n, size_t size);

/* A copy of s owned by f, NULL when out of memory. */
char *dur_report_fig_strdup(struct dur_fig *f, const char *s);

/* Drop the last figure of fs (one that turned out to have nothing). */
void dur_report_fig_drop(struct dur_figs *fs);

/* Fill err with "out of memory"; returns DUR_ENOMEM. */
int dur_report_oom(struct dur_error *err);

/* The numbers of JSON array a as an array owned by f (NAN for a non-number)
 * and their count in *n; NULL if a is not an array or out of memory. */
double *dur_report_nums(struct dur_fig *f, const json_t *a, size_t *n);

/* The day number (date.h) of obj's member key, a "YYYY-MM-DD" string, in
 * *d; -1 if it is missing or not a date. */
int dur_report_date(const json_t *obj, const char *key, int32_t *d);

/* Put dates on f's x axis if result r has a valid "start". */
void dur_report_date_axis(struct dur_fig *f, const json_t *r);

/* ---- the page (report.c) ---- */

/* A page being written. */
struct dur_page {
	FILE *fp;	       /* where the page goes */
	const json_t *r;       /* the result */
	struct dur_figs figs;  /* its charts */
	int nfig;	       /* charts written so far (svg id prefixes) */
	int rc;		       /* first error */
	struct dur_error *err; /* where it is described */
};

/* printf to the page. */
void dur_report_out(struct dur_page *pg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* s escaped for HTML text or an attribute value. */
void dur_report_esc(struct dur_page *pg, const char *s);

/*
 * The jq path of member key under base into out: base.key, or base["key"]
 * for a key such as "closure_days.torkham". Returns out, or NULL if the key
 * holds a character a jq string would need escaped.
 */
const char *dur_report_path_join(char *out, size_t len, const char *base,
				 const char *key);

/*
 * The value of a JSON number as a tagged element: tag is "td" or "span";
 * path is its jq path (NULL: untagged). Strings print as text; absent
 * members as a dash.
 */
void dur_report_value(struct dur_page *pg, const char *tag, const char *cls,
		      const json_t *v, const char *path);

/* A table cell for member key of obj, whose jq path is base; key must be
 * an identifier for the path to be kept. */
void dur_report_cell(struct dur_page *pg, const json_t *obj, const char *base,
		     const char *key);

/* Write the chart called name, if the result has it. */
void dur_report_figure(struct dur_page *pg, const char *name);

/* The page's head, title "durand WHAT", up to the open meta line. */
void dur_report_head(struct dur_page *pg, const char *what);

/* "label VALUE unit · " for a top-level member, if the result has it. */
void dur_report_meta_item(struct dur_page *pg, const char *label,
			  const char *key, const char *unit);

/* One item of the meta line (see dur_report_meta_item). */
struct dur_meta {
	const char *label, *key, *unit;
};

/* meta_item for each item of a list ended by one with a NULL key. */
void dur_report_meta(struct dur_page *pg, const struct dur_meta *items);

/* Close the meta line and the header; open <main>. */
void dur_report_end_meta(struct dur_page *pg);

/* Close <main>, the footer, the page. */
void dur_report_foot(struct dur_page *pg);

/* A key figure: a big number from the result with a label under it. */
void dur_report_key_fig(struct dur_page *pg, const char *label,
			const json_t *obj, const char *base, const char *key);

/* A cell for each key of the NULL-terminated list (see dur_report_cell). */
void dur_report_cells(struct dur_page *pg, const json_t *obj, const char *base,
		      const char *const *keys);

/* A table row per element of array a, whose jq path is base (".targets"),
 * with a cell for each key of the NULL-terminated list. */
void dur_report_rows(struct dur_page *pg, const json_t *a, const char *base,
		     const char *const *keys);

/* The head of a table of {mean, se, q05..q95} rows, first column first. */
void dur_report_quantile_head(struct dur_page *pg, const char *first);

/* An outcome's label where a person reads: r's outcome_table's, else the
 * library's table of outcomes (a row indented under another named with it:
 * "killed in Pakistan: civilians"), or its name when neither has it. */
const char *dur_report_outcome_label(const json_t *r, const char *key,
				     char *buf, size_t len);

/* Rows of {mean, se, q05..q95} members of obj, whose jq path is base. */
void dur_report_quantile_rows(struct dur_page *pg, const json_t *obj,
			      const char *base);

/* ---- one file per result kind: its page and its charts ---- */

/* The result kinds, in the order of enum dur_report_kind (report.h). */
#define DUR_REPORT_KINDS(X)                                                \
	X(run) X(hindcast) X(sensitivity) X(stats) X(fit) X(backtest)       \
	X(record_backtest)

/* Each kind K has dur_report_K_page (its page, after the charts are
 * built) and dur_report_K_figs (its charts) in report_K.c. */
#define DUR_REPORT_DECLARE(k)                                                 \
	void dur_report_##k##_page(struct dur_page *pg);                      \
	int dur_report_##k##_figs(const json_t *r, struct dur_figs *fs,       \
				  struct dur_error *err);
DUR_REPORT_KINDS(DUR_REPORT_DECLARE)
#undef DUR_REPORT_DECLARE

#endif
