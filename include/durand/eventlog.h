/*
 * eventlog.h: the event log of a run as CSV.
 *
 * Columns: run, date, actor, target, type, cameo, goldstein, region,
 * crossing, count, then deaths by side and category (pakistan_military,
 * pakistan_police, pakistan_civilians, afghanistan_forces,
 * afghanistan_civilians, militants). docs/output.md describes them.
 */
#ifndef DURAND_EVENTLOG_H
#define DURAND_EVENTLOG_H

#include <stdio.h>

#include "durand/sim.h"

struct dur_eventlog {
	const struct dur_scenario *sc; /* names of actors and regions */
	FILE *fp;                      /* where rows go */
	long rows;                     /* rows written */
};

/* Write the header row. */
void dur_eventlog_begin(struct dur_eventlog *log);

/* A dur_event_fn: append one event (ctx is a struct dur_eventlog *). */
void dur_eventlog_add(void *ctx, long run, const struct dur_event *ev);

#endif
