/*
 * stats_json.h: the counts of `durand stats` and its before/after test as
 * the JSON documents docs/stats.md describes. The counts' document is also
 * what `durand report` draws (report.h, kind "stats").
 */
#ifndef DURAND_STATS_JSON_H
#define DURAND_STATS_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "durand/stats.h"

/* The counts of s, with the filters of q that made them, as a new object
 * (the caller json_decref()s it); NULL when out of memory. */
json_t *dur_stats_json(const struct dur_stats *s,
		       const struct dur_stats_query *q);

/*
 * The document of dur_stats_json written to fp as it goes, in the bytes
 * json_dumps(JSON_INDENT(1) | JSON_PRESERVE_ORDER) gives it, and a newline:
 * its memory is the grid's (a tree of a store of 3,000 streams by day took
 * 7.8 GB to write 1 GB). data, if not NULL, is added last as "data" (what
 * the counts were read from, dataset.h). DUR_EIO if writing fails.
 */
int dur_stats_json_write(const struct dur_stats *s,
			 const struct dur_stats_query *q, const json_t *data,
			 FILE *fp);

/* The test of a rate change as a new object; stream is the stream the
 * events were filtered to (NULL: all). NULL when out of memory. */
json_t *dur_stats_change_json(const struct dur_stats_change *r,
			      const char *stream);

#endif
