/*
 * result.h: an ensemble result as JSON, text or CSV.
 *
 * The JSON form (docs/output.md) is the reference: reports are drawn from it
 * and the text and CSV forms print the same numbers.
 */
#ifndef DURAND_RESULT_H
#define DURAND_RESULT_H

#include <stdio.h>

#include <jansson.h>

#include "durand/ensemble.h"
#include "durand/json.h"

/* The result as a new JSON object (the caller json_decref()s it); NULL when
 * out of memory. */
json_t *dur_result_json(const struct dur_result *r);

/* The summary a reader takes in at a glance. */
int dur_result_write_text(const struct dur_result *r, FILE *fp,
			  struct dur_error *err);

/* One row per variant and outcome: variant,outcome,mean,se,q05,...,q95 */
int dur_result_write_csv(const struct dur_result *r, FILE *fp,
			 struct dur_error *err);

/* Every run's outcomes, one row per run, variant and outcome:
 * run,variant,outcome,value (samples as dur_ensemble_opts.samples holds
 * them for r's runs). */
int dur_result_write_samples(const struct dur_result *r,
			     const int64_t *samples, FILE *fp,
			     struct dur_error *err);

/*
 * Row k of the table of outcomes a person reads (the text summary's order):
 * *outcome is the outcome (enum dur_outcome) or -1 for a group heading, and
 * *label its words ("militant attacks"; a part of the row above is indented
 * two spaces: "  of which on cities"). Returns 0 past the last row.
 */
int dur_result_outcome_row(size_t k, int *outcome, const char **label);

/*
 * The label of the outcome called name, into buf: the table's (without its
 * indent) for the fixed outcomes, "days torkham closed", "trade lost at
 * torkham (US$)" and "rounds mediated by Saudi Arabia" (the name's words,
 * capitalised: a result holds no actor labels) for the per-crossing and
 * per-mediator ones. NULL if name is none of these.
 */
const char *dur_result_outcome_label(const char *name, char *buf, size_t len);

/*
 * What a reader needs to know of an outcome besides its value, from the one
 * table of outcomes (docs/output.md, "outcome_table"):
 *
 *   label  its words, as dur_result_outcome_label() gives them;
 *   unit   what one of it is: "events", "people", "days", "crossing-days",
 *          "US$" or "rung";
 *   kind   how its values add up: "count" (whole events or people),
 *          "duration" (days), "money" (US$) or "rung" (the highest rung
 *          reached: a level, not a sum);
 *   group  the outcome group its what-if chart draws it in, one axis in
 *          one unit (dur_result_outcome_group()).
 */
struct dur_outcome_info {
	const char *label, *unit, *kind, *group;
};

/* A count as the text writes it, whole with thousands separators
 * ("1,268"; "-" if not finite), and an amount of money as a person says it
 * ("US$715 million", "US$1.2 billion"); each returns buf. */
const char *dur_result_fmt_count(char *buf, size_t len, double v);
const char *dur_result_fmt_money(char *buf, size_t len, double v);

/*
 * The information of the outcome called name (a fixed outcome, "max_rung",
 * or a per-crossing or per-mediator one such as "closure_days.torkham"),
 * with the label written into buf when it is made from the name. Returns 1,
 * or 0 (info untouched) if name is no outcome the table knows.
 */
int dur_result_outcome_info(const char *name, struct dur_outcome_info *info,
			    char *buf, size_t len);

/*
 * Outcome group k, in the order its charts come (people killed, events of
 * violence, people who left, days closed, trade lost, diplomacy, the
 * ladder): *id ("killed"), *title ("people killed") and *unit, which every
 * outcome of the group shares. Returns 0 past the last group.
 */
int dur_result_outcome_group(size_t k, const char **id, const char **title,
			     const char **unit);

#endif
