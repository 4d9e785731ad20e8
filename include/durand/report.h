/*
 * report.h: self-contained HTML reports, and their charts, from a result.
 *
 * Every durand command can write its result as JSON; a report is drawn from
 * that JSON value alone, so `durand run --report` (the result in memory) and
 * `durand report RESULT.json` (the same result read back) give the same page.
 * The kind of result is read from its "kind" member: "run", "hindcast",
 * "sensitivity", "stats", "fit", "backtest" or "record_backtest"; a result
 * without "kind" but with "outcomes" is a run. docs/report.md lists the
 * charts of each kind.
 *
 * The page needs nothing from a network: CSS and SVG charts are inline, there
 * is no script and no font file. Every number in its tables is a member of
 * the result, shown in the cell as
 *
 *   <td class="n" data-k=".outcomes.attacks.q50" data-v="119">119</td>
 *
 * where data-k is the member's jq path and data-v its exact value, so tests
 * can check the page against the JSON. Displayed values are rounded by one
 * rule for all tables (see docs/report.md): whole numbers as they are, others
 * to 0 decimals from 1000 up, 1 from 10, 2 from 1 and 3 below 1, with a
 * comma between thousands.
 */
#ifndef DURAND_REPORT_H
#define DURAND_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "durand/error.h"

enum dur_report_kind {
	DUR_REPORT_RUN,		/* an ensemble run, with what-ifs */
	DUR_REPORT_HINDCAST,	/* stated figures against the model */
	DUR_REPORT_SENSITIVITY, /* Morris or Sobol indices */
	DUR_REPORT_STATS,	/* counts per period (durand stats) */
	DUR_REPORT_FIT,		/* a fitted Hawkes process (durand fit) */
	DUR_REPORT_BACKTEST,	/* durand backtest on the event data */
	DUR_REPORT_RECORD_BACKTEST, /* durand backtest --data record */
};

/* The most bytes dur_report_load reads (64 MiB): a result costs about 20
 * times its size in memory. */
#define DUR_REPORT_MAX_BYTES (64 << 20)

/* The largest number, in size, a result may hold. Counts, days, rates and
 * parameters of durand's results are far below it. */
#define DUR_REPORT_NUM_MAX 1e15

/*
 * Read a JSON result from path ("-": standard input) into *result, which the
 * caller releases with json_decref(). DUR_EIO if the file cannot be read,
 * DUR_EPARSE (with line and column) if it is not JSON, DUR_ELIMIT past
 * DUR_REPORT_MAX_BYTES, DUR_EINVAL (naming the value's place) for a number
 * larger than DUR_REPORT_NUM_MAX in size: the file is not trusted.
 */
int dur_report_load(const char *path, json_t **result, struct dur_error *err);

/* The kind of a result; DUR_EINVAL if it is not an object of a known kind. */
int dur_report_kind(const json_t *result, enum dur_report_kind *kind,
		    struct dur_error *err);

/*
 * Write the HTML report of result to fp. DUR_EINVAL if the result lacks
 * what its kind requires (a run needs "outcomes"), DUR_EIO if writing fails.
 */
int dur_report_html(const json_t *result, FILE *fp, struct dur_error *err);

/* Write the HTML report of result to path ("-": standard output), whole or
 * not at all (output.h). */
int dur_report_write(const json_t *result, const char *path,
		     struct dur_error *err);

/*
 * The names of the charts the report of result holds, in page order, one per
 * line, in a new string the caller frees with free() ("fan-pakistan\n...").
 */
int dur_report_chart_names(const json_t *result, char **names,
			   struct dur_error *err);

/*
 * Save one chart of the report as SVG or PNG (by the extension of path):
 * the chart called name, or the first one if name is NULL (what `durand
 * stats --plot` wants). DUR_ENOTFOUND if the result has no such chart.
 */
int dur_report_chart_save(const json_t *result, const char *name,
			  const char *path, struct dur_error *err);

#endif
