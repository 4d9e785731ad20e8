/*
 * compare.h: two run results side by side (`durand compare A.json B.json`).
 *
 * Two results of durand run (with or without what-ifs, forecasts --as-of,
 * two scenarios, two records, two dates, merged parts) are read as JSON
 * (report.h's dur_report_load: capped and checked) and set side by side:
 * for each probability (a new strike, each rung, each --prob threshold both
 * hold) both sides' shares with their Wilson intervals and the difference B
 * minus A with Newcombe's hybrid score interval; for each outcome both
 * sides' medians with the range of 90% of runs, the difference of the
 * medians (no interval: a result holds no per-run values), and the
 * difference of the means with its normal interval from the two standard
 * errors. Every interval treats A and B as independent samples; when the
 * two share runs (same seed, runs, start, horizon and starting state:
 * "paired") the comparison says so and that a paired interval would be
 * narrower (docs/compare.md).
 */
#ifndef DURAND_COMPARE_H
#define DURAND_COMPARE_H

#include <stdio.h>

#include <jansson.h>

#include "durand/error.h"

/* Which part of each result to compare: NULL or "baseline", or the name of
 * one of its what-ifs. */
struct dur_compare_opts {
	const char *variant_a, *variant_b;
	const char *name_a, *name_b; /* how the output names the sides (their
					files) */
};

/*
 * The comparison of results a and b (JSON as durand run writes it) as a new
 * JSON object of kind "compare" in *out (json_decref). DUR_EINVAL, naming
 * the side, when either is not a run result (its kind is named), when a
 * variant is not in it, or when the two do not hold the same outcomes
 * (the first outcome only one holds is named).
 */
int dur_compare_build(const json_t *a, const json_t *b,
		      const struct dur_compare_opts *o, json_t **out,
		      struct dur_error *err);

/* The comparison as text (a table to read) or CSV (one row per measure:
 * measure,name,label,a,a_lo,a_hi,b,b_lo,b_hi,difference,difference_lo,
 * difference_hi). DUR_EIO if writing fails. */
int dur_compare_write_text(const json_t *cmp, FILE *fp, struct dur_error *err);
int dur_compare_write_csv(const json_t *cmp, FILE *fp, struct dur_error *err);

#endif
