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

#endif
