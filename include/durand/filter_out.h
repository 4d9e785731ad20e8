/*
 * filter_out.h: a particle filter's result for people and programs: JSON
 * (docs/filter.md) and a text summary.
 */
#ifndef DURAND_FILTER_OUT_H
#define DURAND_FILTER_OUT_H

#include <stdio.h>

#include <jansson.h>

#include "durand/observe.h"

/* The result as a new JSON object (json_decref it); NULL when out of
 * memory. */
json_t *dur_filter_json(const struct dur_filter_result *r,
			const struct dur_scenario *sc,
			const struct dur_record *rec, long particles);

/* The summary a reader takes in: likelihood, surprises, filtered state. */
int dur_filter_write_text(const struct dur_filter_result *r,
			  const struct dur_scenario *sc,
			  const struct dur_record *rec, long particles,
			  FILE *fp, struct dur_error *err);

/* A forecast in the record's terms (observe.h) as JSON: each monthly
 * series' mean and 5/50/95% quantiles by month, and each record fact
 * within the horizon; NULL when out of memory. */
json_t *dur_obs_forecast_json(const struct dur_obs_forecast *f,
			      const struct dur_record *rec);

#endif
