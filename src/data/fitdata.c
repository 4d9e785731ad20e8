/*
 * fitdata.c: reads the model streams from the event database into daily
 * counts and jittered event times for the Hawkes fits (fitdata.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/date.h"
#include "durand/fitdata.h"
#include "durand/rng.h"
#include "store_int.h"

int dur_fitdata_parse_streams(struct dur_fitdata *d, const char *spec,
			      struct dur_error *err)
{
	const char *p = spec;

	memset(d, 0, sizeof(*d));
	for (;;) {
		size_t l = strcspn(p, ",");

		if (!l || l >= sizeof(d->stream[0]))
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "bad stream list '%s': names are "
					     "1 to 31 characters, comma-"
					     "separated",
					     spec);
		if (d->k == DUR_HAWKES_MAXK)
			return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
					     "more than %d streams in '%s'",
					     DUR_HAWKES_MAXK, spec);
		snprintf(d->stream[d->k], sizeof(d->stream[0]), "%.*s",
			 (int)l, p);
		for (int i = 0; i < d->k; i++)
			if (!strcmp(d->stream[i], d->stream[d->k]))
				return dur_error_set(err, DUR_EINVAL, NULL, 0,
						     0,
						     "stream '%s' is named "
						     "twice",
						     d->stream[i]);
		d->k++;
		if (!p[l])
			break;
		p += l + 1;
	}
	return 0;
}

struct tev {
	double t;
	int dim;
};

static int cmp_tev(const void *a, const void *b)
{
	const struct tev *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

static int stream_of(const struct dur_fitdata *d, const char *s)
{
	for (int i = 0; i < d->k; i++)
		if (s && !strcmp(d->stream[i], s))
			return i;
	return -1;
}

int dur_fitdata_load(struct dur_fitdata *d, struct dur_store *st,
		     int has_since, int32_t since, int has_until,
		     int32_t until, uint64_t seed, struct dur_error *err)
{
	sqlite3 *db = dur_store_db(st);
	sqlite3_stmt *q;
	struct tev *ev = NULL;
	size_t n = 0, cap = 0;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	struct dur_rng r;
	int rc;

	if (sqlite3_prepare_v2(db,
			       "SELECT date, stream, id FROM events WHERE "
			       "stream "
			       "IS NOT NULL AND (?1 = 0 OR date >= ?2) AND "
			       "(?3 = 0 OR date <= ?4) ORDER BY date",
			       -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(st, err);
	sqlite3_bind_int(q, 1, has_since);
	sqlite3_bind_int(q, 2, since);
	sqlite3_bind_int(q, 3, has_until);
	sqlite3_bind_int(q, 4, until);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int i = stream_of(d, (const char *)sqlite3_column_text(q, 1));
		int32_t day;

		if (i < 0)
			continue;
		/* checked as read: a date of text once indexed before the
		 * counts, one of 2^31 asked for 17 GB */
		rc = dur_store_col_day(st, q, 0, sqlite3_column_int64(q, 2),
				       &day, err);
		if (rc) {
			sqlite3_finalize(q);
			free(ev);
			return rc;
		}
		if (dur_grow(&ev, &cap, n + 1, sizeof(*ev))) {
			sqlite3_finalize(q);
			free(ev);
			return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
					     "out of memory");
		}
		ev[n].t = day;
		ev[n++].dim = i;
		lo = day < lo ? day : lo;
		hi = day > hi ? day : hi;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(ev);
		return dur_store_fail(st, err);
	}
	d->since = has_since ? since : lo;
	d->until = has_until ? until : hi;
	if (!n || d->until < d->since) {
		free(ev);
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no events of the chosen streams in the "
				     "window");
	}
	d->ndays = (long)d->until - d->since + 1;
	if (d->ndays > DUR_FITDATA_MAX_DAYS) {
		char a[11], b[11];

		free(ev);
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "the window %s..%s is %ld days, more "
				     "than the %d (100 years) a fit may span: "
				     "narrow it with --since and --until",
				     dur_date_format(d->since, a),
				     dur_date_format(d->until, b), d->ndays,
				     DUR_FITDATA_MAX_DAYS);
	}
	d->count = calloc((size_t)d->ndays * (size_t)d->k, sizeof(double));
	d->t = malloc(n * sizeof(double));
	d->dim = malloc(n * sizeof(int));
	if (!d->count || !d->t || !d->dim) {
		free(ev);
		dur_fitdata_release(d);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	}
	/* Times of day: one Philox substream per day of the window. */
	dur_rng_init(&r, seed, 2);
	for (size_t e = 0; e < n; e++) {
		long day = (long)ev[e].t - d->since;

		if (!e || ev[e].t != ev[e - 1].t)
			dur_rng_seek(&r, (uint32_t)day);
		d->count[day * d->k + ev[e].dim]++;
		d->nevents[ev[e].dim]++;
		ev[e].t = (double)day + dur_rng_uniform(&r);
	}
	qsort(ev, n, sizeof(*ev), cmp_tev);
	for (size_t e = 0; e < n; e++) {
		d->t[e] = ev[e].t;
		d->dim[e] = ev[e].dim;
	}
	d->n = n;
	free(ev);
	for (int i = 0; i < d->k && !d->allow_empty; i++)
		if (!d->nevents[i]) {
			char a[11], b[11];

			rc = dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					   "stream '%s' has no events in "
					   "%s..%s: choose others with "
					   "--streams",
					   d->stream[i],
					   dur_date_format(d->since, a),
					   dur_date_format(d->until, b));
			dur_fitdata_release(d);
			return rc;
		}
	return 0;
}

void dur_fitdata_release(struct dur_fitdata *d)
{
	free(d->count);
	free(d->t);
	free(d->dim);
	d->count = NULL;
	d->t = NULL;
	d->dim = NULL;
	d->n = 0;
}
