/*
 * dataset.h: what a result was computed from, the "data" member of every
 * command's JSON (docs/output.md), and the one sentence naming it that the
 * text outputs and the reports print ("data: the record 'afpak' (sha256
 * 1f0c2a9e3b7d, 412 facts)").
 *
 * Four kinds: "record" (a crisis record: its name, SHA-256, facts),
 * "events" (an event database: its file and the files imported into it),
 * "targets" (the scenario's stated figures, for hindcast) and "none" (the
 * command read no data: a run from the scenario's own state, a
 * sensitivity analysis), with a note saying so.
 */
#ifndef DURAND_DATASET_H
#define DURAND_DATASET_H

#include <stddef.h>

#include <jansson.h>

#include "durand/scenario.h"

/* {"kind": "record", "name", "sha256", "facts", "facts_used"}: facts or
 * facts_used below 0 are left out. NULL when out of memory. */
json_t *dur_data_record(const char *name, const char *sha256, int facts,
			int facts_used);

/* {"kind": "events", "db", "imports": []}; add each import with
 * dur_data_events_add. */
json_t *dur_data_events(const char *db);

/* One imported file of an "events" object: {"source", "file", "sha256",
 * "events", "time"}. */
void dur_data_events_add(json_t *data, const char *source, const char *file,
			 const char *sha256, long events, const char *time);

/* {"kind": "targets", "scenario", "targets", "sources", "note"}: the
 * stated figures of sc and how many distinct sources they cite. */
json_t *dur_data_targets(const struct dur_scenario *sc);

/* {"kind": "none", "note"}. */
json_t *dur_data_none(const char *note);

/* The sentence naming data (without "data: ") into buf; "" when data is
 * not a data object. Returns buf. */
char *dur_data_text(const json_t *data, char *buf, size_t len);

#endif
