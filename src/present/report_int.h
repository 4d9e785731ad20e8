/*
 * report_int.h: what report.c (the HTML page) and report_fig.c (the charts
 * of a result) share. Not part of the public API.
 */
#ifndef DURAND_REPORT_INT_H
#define DURAND_REPORT_INT_H

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

/* The unit of an outcome by its name: "people", "days", "US$", "events". */
const char *dur_report_unit(const char *key);

/* A number as the report's tables show it (see report.h), into buf. */
char *dur_report_fmt(double v, char *buf, size_t len);

#endif
