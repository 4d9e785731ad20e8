/*
 * fitdata.h: the event database's streams as data for a Hawkes fit:
 * daily counts, and event times for the continuous form.
 *
 * The datasets give days, not times of day. For the continuous fit each
 * event gets a time of day drawn uniformly from a Philox stream keyed by
 * the seed and its day (rng.h), so ties within a day are broken the same
 * way in every run with that seed and independently of other days.
 */
#ifndef DURAND_FITDATA_H
#define DURAND_FITDATA_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/hawkes.h"
#include "durand/store.h"

/* The streams the fit uses by default: militant attacks in Pakistan,
 * Pakistani strikes in Afghanistan, clashes at the border. */
#define DUR_FITDATA_DEFAULT_STREAMS "attack,strike,clash"

/* The longest window a fit may span, in days (100 years). The real
 * extracts span under 40; a window of centuries is a wrong date, and the
 * daily fit's cost grows with its days. Past it, dur_fitdata_load is
 * DUR_ELIMIT. */
#define DUR_FITDATA_MAX_DAYS 36525

/* The fastest decay (per day) a continuous fit of these data is given
 * (dur_fit_opts.beta_max): with days but no times of day, excitation
 * faster than a day is not identifiable (docs/fit.md). */
#define DUR_FITDATA_BETA_MAX 1.0

struct dur_fitdata {
	int k;                                /* streams */
	char stream[DUR_HAWKES_MAXK][32];     /* their names */
	int32_t since, until;                 /* first and last day */
	long ndays;                           /* until - since + 1 */
	double *count;                        /* count[t * k + i] */
	size_t n;                             /* events */
	double *t;                            /* times in days from since,
						 sorted */
	int *dim;                             /* stream of each event */
	long nevents[DUR_HAWKES_MAXK];        /* per stream */
	int allow_empty;                      /* set after parsing: a stream
						 without events loads (its
						 count 0) rather than fail */
};

/*
 * Split a stream list ("attack,strike,clash") into d->stream. Bad lists
 * (empty names, repeats, too many) are DUR_EINVAL.
 */
int dur_fitdata_parse_streams(struct dur_fitdata *d, const char *spec,
			      struct dur_error *err);

/*
 * Load the streams named in d->stream (set by dur_fitdata_parse_streams)
 * from st over [since, until] (has_* = 0: the span of those streams'
 * events). A stream without events in the window is DUR_EINVAL (unless
 * d->allow_empty), and so is
 * a row whose date is not an integer day (named in the message); a window
 * longer than DUR_FITDATA_MAX_DAYS is DUR_ELIMIT.
 */
int dur_fitdata_load(struct dur_fitdata *d, struct dur_store *st,
		     int has_since, int32_t since, int has_until,
		     int32_t until, uint64_t seed, struct dur_error *err);

/* Free the arrays; d may be loaded again. */
void dur_fitdata_release(struct dur_fitdata *d);

#endif
