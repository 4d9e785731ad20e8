/*
 * stats_json.h: the counts of `durand stats` and its before/after test as
 * the JSON documents docs/stats.md describes. The counts' document is also
 * what `durand report` draws (report.h, kind "stats").
 */
#ifndef DURAND_STATS_JSON_H
#define DURAND_STATS_JSON_H

#include <jansson.h>

#include "durand/stats.h"

/* The counts of s, with the filters of q that made them, as a new object
 * (the caller json_decref()s it); NULL when out of memory. */
json_t *dur_stats_json(const struct dur_stats *s,
		       const struct dur_stats_query *q);

/* The test of a rate change as a new object; stream is the stream the
 * events were filtered to (NULL: all). NULL when out of memory. */
json_t *dur_stats_change_json(const struct dur_stats_change *r,
			      const char *stream);

#endif
