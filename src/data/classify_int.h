/*
 * classify_int.h: the classifier that gives an event its model actors and
 * stream from the store's actor_map and stream_rule tables (used by import
 * and by dur_store_restream, both in the data layer).
 */
#ifndef DURAND_CLASSIFY_INT_H
#define DURAND_CLASSIFY_INT_H

#include "store_int.h"

/* The fields of an event that decide its stream. NULL means empty. */
struct dur_classify_in {
	const char *source;  /* "ucdp", "acled" */
	const char *actor1;  /* side_a / actor1 */
	const char *actor2;  /* side_b / actor2 */
	const char *dyad;    /* dyad_name; NULL for ACLED */
	const char *country; /* where it happened */
	const char *type;    /* type of violence / event_type */
	const char *subtype; /* sub_event_type; NULL for UCDP */
};

/* Model actors (or NULL) and stream (or NULL) of an event. */
struct dur_classify_out {
	const char *actor1, *actor2, *stream; /* borrowed from the classifier */
};

struct dur_classifier;

/* Load actor_map and stream_rule from st into a classifier. */
int dur_classifier_create(struct dur_classifier **out, struct dur_store *st,
			  struct dur_error *err);

void dur_classifier_free(struct dur_classifier *c);

/* Classify one event (no allocation). */
void dur_classifier_run(const struct dur_classifier *c,
			const struct dur_classify_in *in,
			struct dur_classify_out *out);

#endif
