/*
 * fit_json.h: a Hawkes fit of the event database as the JSON document
 * docs/fit.md describes, which `durand report` draws (report.h, kind
 * "fit").
 */
#ifndef DURAND_FIT_JSON_H
#define DURAND_FIT_JSON_H

#include <stdint.h>

#include <jansson.h>

#include "durand/fit.h"
#include "durand/fitdata.h"

/* The fit f of the data d (seed: the fit's, for times of day and
 * rescaling) as a new object the caller json_decref()s; NULL when out of
 * memory. At most 2000 rescaled times per stream are kept, evenly spaced
 * order statistics, enough to draw their Q-Q plot. */
json_t *dur_fit_json(const struct dur_fit *f, const struct dur_fitdata *d,
		     uint64_t seed);

#endif
