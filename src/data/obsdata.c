/*
 * obsdata.c: reads one model stream of the event database into daily
 * counts and deaths over a window (obsdata.h), for the filters that hold
 * the model against what was observed. SQLite does the grouping by day;
 * this file lays the groups out densely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/obsdata.h"
#include "store_int.h"

/* Events of stream ?1 ("other": those in none) from ?2 to ?3, by day. */
static const char by_day[] =
	"SELECT date, COUNT(*), SUM(IFNULL(best, 0)),"
	" SUM(IFNULL(low, IFNULL(best, 0))), SUM(IFNULL(high, IFNULL(best, 0)))"
	" FROM events WHERE (stream = ?1 OR (?1 = 'other' AND stream IS NULL))"
	" AND date BETWEEN ?2 AND ?3 GROUP BY date ORDER BY date";

void dur_obsdata_release(struct dur_obsdata *d)
{
	free(d->events);
	free(d->deaths);
	free(d->deaths_low);
	free(d->deaths_high);
	d->events = d->deaths = d->deaths_low = d->deaths_high = NULL;
	d->ndays = d->total = 0;
}

int dur_obsdata_load(struct dur_store *st, const char *stream, int32_t since,
		     int32_t until, struct dur_obsdata *d,
		     struct dur_error *err)
{
	sqlite3_stmt *q;
	size_t n;
	int rc;

	memset(d, 0, sizeof(*d));
	if (strlen(stream) >= sizeof(d->stream))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "stream name too long: '%.40s'", stream);
	if (until < since)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "the window ends before it starts");
	if ((long)until - since + 1 > DUR_OBSDATA_MAX_DAYS)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "a window of more than %ld days",
				     DUR_OBSDATA_MAX_DAYS);
	snprintf(d->stream, sizeof(d->stream), "%s", stream);
	d->since = since;
	d->until = until;
	d->ndays = (long)until - since + 1;
	n = (size_t)d->ndays;
	d->events = calloc(n, sizeof(long));
	d->deaths = calloc(n, sizeof(long));
	d->deaths_low = calloc(n, sizeof(long));
	d->deaths_high = calloc(n, sizeof(long));
	if (!d->events || !d->deaths || !d->deaths_low || !d->deaths_high) {
		dur_obsdata_release(d);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	}
	if (sqlite3_prepare_v2(dur_store_db(st), by_day, -1, &q, NULL) !=
	    SQLITE_OK) {
		dur_obsdata_release(d);
		return dur_store_fail(st, err);
	}
	sqlite3_bind_text(q, 1, stream, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, since);
	sqlite3_bind_int(q, 3, until);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long t = (long)sqlite3_column_int(q, 0) - since;

		d->events[t] = (long)sqlite3_column_int64(q, 1);
		d->deaths[t] = (long)sqlite3_column_int64(q, 2);
		d->deaths_low[t] = (long)sqlite3_column_int64(q, 3);
		d->deaths_high[t] = (long)sqlite3_column_int64(q, 4);
		d->total += d->events[t];
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		dur_obsdata_release(d);
		return dur_store_fail(st, err);
	}
	return 0;
}

void dur_obsdata_streams_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

int dur_obsdata_streams(struct dur_store *st, char ***names,
			struct dur_error *err)
{
	sqlite3_stmt *q;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*names = NULL;
	/* NULL sorts first in SQLite: named last as "other" */
	if (sqlite3_prepare_v2(dur_store_db(st),
			       "SELECT DISTINCT stream FROM events "
			       "ORDER BY stream IS NULL, stream",
			       -1, &q, NULL) != SQLITE_OK)
		return dur_store_fail(st, err);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(q, 0);
		if (dur_grow(&v, &cap, n + 2, sizeof(*v)))
			goto nomem;
		v[n + 1] = NULL;
		if (!(v[n] = strdup(s ? s : "other")))
			goto nomem;
		n++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		dur_obsdata_streams_free(v);
		return dur_store_fail(st, err);
	}
	if (!v && !(v = calloc(1, sizeof(*v))))
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	*names = v;
	return 0;
nomem:
	sqlite3_finalize(q);
	dur_obsdata_streams_free(v);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0, "out of memory");
}
