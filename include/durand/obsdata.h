/*
 * obsdata.h: the event database's streams as observations: daily counts of
 * one model stream (attack, strike, clash, or "other" for events in none)
 * with their deaths, over a window of days, as plain arrays.
 *
 * An event counts on its first day (as in `durand stats`). Deaths are the
 * datasets' best, low and high estimates summed per day; where a dataset
 * gives one figure (ACLED) it stands for all three, and a missing figure
 * counts as 0. The store is only read.
 */
#ifndef DURAND_OBSDATA_H
#define DURAND_OBSDATA_H

#include <stdint.h>

#include "durand/error.h"
#include "durand/store.h"

/* The longest window, in days (about 300 years): a guard against a date
 * typed wrong, not a limit of the data. */
#define DUR_OBSDATA_MAX_DAYS 110000L

struct dur_obsdata {
	char stream[32];     /* "attack", "strike", "clash", "other" */
	int32_t since, until; /* first and last day, inclusive */
	long ndays;          /* until - since + 1 */
	long *events;        /* events[t]: events on day since + t */
	long *deaths;        /* best estimates, summed per day */
	long *deaths_low;    /* low estimates */
	long *deaths_high;   /* high estimates */
	long total;          /* events in the window */
};

/*
 * Fill d with the daily counts of `stream` in st over [since, until] (both
 * inclusive; days without events are 0). until < since, a window over
 * DUR_OBSDATA_MAX_DAYS or a stream name of 32 bytes or more is DUR_EINVAL.
 * A stream with no events in the window is not an error: its counts are 0.
 * Release with dur_obsdata_release.
 */
int dur_obsdata_load(struct dur_store *st, const char *stream, int32_t since,
		     int32_t until, struct dur_obsdata *d,
		     struct dur_error *err);

/* Free the arrays; d may be loaded again. */
void dur_obsdata_release(struct dur_obsdata *d);

/*
 * The streams st holds events of, sorted, "other" last if any event has no
 * stream: *names is a NULL-terminated array the caller frees with
 * dur_obsdata_streams_free.
 */
int dur_obsdata_streams(struct dur_store *st, char ***names,
			struct dur_error *err);

void dur_obsdata_streams_free(char **names);

#endif
