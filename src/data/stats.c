/*
 * stats.c: counts of events and deaths per period and stream from the
 * event database, and the before/after rate test of `durand stats
 * --change-since`. The test is a rate ratio of two Poisson counts with
 * its interval widened by the overdispersion of the daily counts
 * (quasi-Poisson: McCullagh and Nelder, Generalized Linear Models, 2nd ed.,
 * section 6.2), beside the exact conditional interval (the count after,
 * given the total, is binomial: Clopper-Pearson). Event counts are
 * overdispersed, so the widened interval is the one the verdict uses.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "durand/grow.h"
#include "durand/date.h"
#include "durand/gsl_quiet.h"
#include "durand/stats.h"
#include "store_int.h"

static const char *const by_names[] = { "day", "week", "month", "year" };

int dur_stats_by_find(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, by_names[i]))
			return i;
	return -1;
}

const char *dur_stats_by_name(int by)
{
	return by >= 0 && by < 4 ? by_names[by] : "?";
}

int32_t dur_stats_period_start(int by, int32_t day)
{
	int y, m, d;

	switch (by) {
	case DUR_BY_WEEK:
		/* 1970-01-01 was a Thursday: Monday-based weekday is day+3. */
		return day - (int32_t)(((day + 3) % 7 + 7) % 7);
	case DUR_BY_MONTH:
		dur_date_to_ymd(day, &y, &m, &d);
		return dur_date_from_ymd(y, m, 1);
	case DUR_BY_YEAR:
		dur_date_to_ymd(day, &y, &m, &d);
		return dur_date_from_ymd(y, 1, 1);
	default:
		return day;
	}
}

int32_t dur_stats_period_next(int by, int32_t start)
{
	int y, m, d;

	switch (by) {
	case DUR_BY_WEEK:
		return start + 7;
	case DUR_BY_MONTH:
		dur_date_to_ymd(start, &y, &m, &d);
		return m == 12 ? dur_date_from_ymd(y + 1, 1, 1) :
				 dur_date_from_ymd(y, m + 1, 1);
	case DUR_BY_YEAR:
		dur_date_to_ymd(start, &y, &m, &d);
		return dur_date_from_ymd(y + 1, 1, 1);
	default:
		return start + 1;
	}
}

/* SELECT of the matching events' day, stream and deaths, in date order. */
static int prepare(struct dur_store *st, const struct dur_stats_query *q,
		   sqlite3_stmt **out, struct dur_error *err)
{
	char sql[1024];
	int n = 1;

	snprintf(sql, sizeof(sql),
		 "SELECT date, IFNULL(%s, 'other'), best, low, high, "
		 "IFNULL(model_actor2, 'other'), id "
		 "FROM events WHERE 1%s%s%s%s%s%s ORDER BY date",
		 q->group == DUR_GROUP_ACTOR ? "model_actor1" : "stream",
		 q->source ? " AND source = ?6" : "",
		 q->country ? " AND country = ?1 COLLATE NOCASE" : "",
		 q->actor ? " AND (model_actor1 = ?2 OR model_actor2 = ?2 OR "
			    "actor1 = ?2 OR actor2 = ?2)" :
			    "",
		 q->stream ? (strcmp(q->stream, "other") ?
				      " AND stream = ?3" :
				      " AND stream IS NULL AND ?3 NOT NULL") :
			     "",
		 q->has_since ? " AND date >= ?4" : "",
		 q->has_until ? " AND date <= ?5" : "");
	if (sqlite3_prepare_v2(dur_store_db(st), sql, -1, out, NULL) !=
	    SQLITE_OK)
		return dur_store_fail(st, err);
	(void)n;
	if (q->country)
		sqlite3_bind_text(*out, 1, q->country, -1, SQLITE_STATIC);
	if (q->actor)
		sqlite3_bind_text(*out, 2, q->actor, -1, SQLITE_STATIC);
	if (q->stream)
		sqlite3_bind_text(*out, 3, q->stream, -1, SQLITE_STATIC);
	if (q->has_since)
		sqlite3_bind_int(*out, 4, q->since);
	if (q->has_until)
		sqlite3_bind_int(*out, 5, q->until);
	if (q->source)
		sqlite3_bind_text(*out, 6, q->source, -1, SQLITE_STATIC);
	return 0;
}

const char *dur_stats_period_label(int by, int32_t start, char *buf)
{
	int y, m, d;

	if (by != DUR_BY_YEAR)
		return dur_date_format(start, buf);
	dur_date_to_ymd(start, &y, &m, &d);
	snprintf(buf, 11, "%d", y);
	return buf;
}

/* Whether the query sql (one text parameter arg) finds a row, into
 * *found; 0, or the store's failure. */
static int exists(struct dur_store *st, const char *sql, const char *arg,
		  int *found, struct dur_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(dur_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return dur_store_fail(st, err);
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dur_store_fail(st, err);
	*found = rc == SQLITE_ROW;
	return 0;
}

/* The values sql lists, comma-separated into buf ("none" if none). */
static int known(struct dur_store *st, const char *sql, char *buf,
		 size_t len, struct dur_error *err)
{
	sqlite3_stmt *s;
	size_t used = 0;
	int rc, n = 0;

	buf[0] = 0;
	if (sqlite3_prepare_v2(dur_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return dur_store_fail(st, err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);

		if (!v || used >= len)
			continue;
		if (n++ == 24) {
			used += (size_t)snprintf(buf + used, len - used,
						 ", ...");
			continue;
		}
		if (n <= 24)
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%s", n > 1 ? ", " : "", v);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return dur_store_fail(st, err);
	if (!n)
		snprintf(buf, len, "none");
	return 0;
}

/* 0 if exists_sql finds arg; else DUR_ENOTFOUND, err untouched, with the
 * values list_sql finds in list (known()), or the store's failure. */
static int lookup(struct dur_store *st, const char *exists_sql,
		  const char *arg, const char *list_sql, char *list,
		  size_t len, struct dur_error *err)
{
	int found = 0, rc = exists(st, exists_sql, arg, &found, err);

	if (rc || found)
		return rc;
	rc = known(st, list_sql, list, len, err);
	return rc ? rc : DUR_ENOTFOUND;
}

int dur_stats_check_query(struct dur_store *st,
			  const struct dur_stats_query *q,
			  struct dur_error *err)
{
	char list[1024];
	int rc = 0;

	if (q->source) {
		if (strcmp(q->source, "ucdp") && strcmp(q->source, "acled"))
			return dur_error_set(err, DUR_ENOTFOUND, NULL, 0, 0,
					     "no source '%s' (expected ucdp "
					     "or acled)",
					     q->source);
		rc = lookup(st, "SELECT 1 FROM events WHERE source = ?1 "
				"LIMIT 1",
			    q->source,
			    "SELECT DISTINCT source FROM events ORDER BY 1",
			    list, sizeof(list), err);
		if (rc == DUR_ENOTFOUND)
			rc = dur_error_set(err, rc, NULL, 0, 0,
					   "no %s events are imported "
					   "(sources imported: %s)",
					   q->source, list);
	}
	if (!rc && q->stream && strcmp(q->stream, "other")) {
		rc = lookup(st, "SELECT 1 FROM stream_rule WHERE stream = ?1 "
				"UNION ALL SELECT 1 FROM events WHERE "
				"stream = ?1 LIMIT 1",
			    q->stream,
			    "SELECT stream FROM stream_rule UNION SELECT "
			    "stream FROM events WHERE stream NOT NULL UNION "
			    "SELECT 'other' ORDER BY 1",
			    list, sizeof(list), err);
		if (rc == DUR_ENOTFOUND)
			rc = dur_error_set(err, rc, NULL, 0, 0,
					   "no stream '%s' (the streams: %s)",
					   q->stream, list);
	}
	if (!rc && q->country) {
		rc = lookup(st, "SELECT 1 FROM events WHERE country = ?1 "
				"COLLATE NOCASE LIMIT 1",
			    q->country,
			    "SELECT DISTINCT country FROM events WHERE "
			    "country NOT NULL ORDER BY 1",
			    list, sizeof(list), err);
		if (rc == DUR_ENOTFOUND)
			rc = dur_error_set(err, rc, NULL, 0, 0,
					   "no event in country '%s' (the "
					   "events' countries: %s)",
					   q->country, list);
	}
	if (!rc && q->actor) {
		rc = lookup(st, "SELECT 1 FROM actor_map WHERE actor = ?1 "
				"UNION ALL SELECT 1 FROM events WHERE "
				"model_actor1 = ?1 OR model_actor2 = ?1 OR "
				"actor1 = ?1 OR actor2 = ?1 LIMIT 1",
			    q->actor,
			    "SELECT actor FROM actor_map UNION SELECT "
			    "model_actor1 FROM events UNION SELECT "
			    "model_actor2 FROM events ORDER BY 1",
			    list, sizeof(list), err);
		if (rc == DUR_ENOTFOUND)
			rc = dur_error_set(err, rc, NULL, 0, 0,
					   "no actor '%s' (the model actors: "
					   "%s; or an actor's name as the "
					   "dataset spells it)",
					   q->actor, list);
	}
	return rc;
}

/* One matching event, as read. */
struct ev {
	int32_t day;
	int key;
	long best, low, high;
};

struct evlist {
	struct ev *v;
	size_t n, cap;
	char **key;
	size_t nkeys, keycap;
};

static void evlist_release(struct evlist *l)
{
	free(l->v);
	for (size_t i = 0; i < l->nkeys; i++)
		free(l->key[i]);
	free(l->key);
}

static int key_index(struct evlist *l, const char *k)
{
	for (size_t i = 0; i < l->nkeys; i++)
		if (!strcmp(l->key[i], k))
			return (int)i;
	if (dur_grow(&l->key, &l->keycap, l->nkeys + 1, sizeof(*l->key)))
		return -1;
	if (!(l->key[l->nkeys] = strdup(k)))
		return -1;
	return (int)l->nkeys++;
}

static int read_events(struct dur_store *st, const struct dur_stats_query *q,
		       struct evlist *l, struct dur_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(l, 0, sizeof(*l));
	rc = dur_stats_check_query(st, q, err);
	if (rc)
		return rc;
	rc = prepare(st, q, &s, err);
	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k1 = (const char *)sqlite3_column_text(s, 1);
		const char *k2 = (const char *)sqlite3_column_text(s, 5);
		sqlite3_int64 id = sqlite3_column_int64(s, 6);
		struct ev v;
		/* By actor, an event counts for each of its two sides. */
		int sides = q->group == DUR_GROUP_ACTOR && k1 && k2 &&
					    strcmp(k1, k2) ?
				    2 :
				    1;

		if (!k1 || !k2)
			goto nomem;
		/* The store is input: every value is checked as it is read
		 * (a date of text or 2^31 once wrote past the grid). */
		rc = dur_store_col_day(st, s, 0, id, &v.day, err);
		if (!rc)
			rc = dur_store_col_count(st, s, 2, id, 0, &v.best,
						 err);
		if (!rc)
			rc = dur_store_col_count(st, s, 3, id, v.best, &v.low,
						 err);
		if (!rc)
			rc = dur_store_col_count(st, s, 4, id, v.best,
						 &v.high, err);
		if (rc) {
			sqlite3_finalize(s);
			evlist_release(l);
			return rc;
		}
		for (int side = 0; side < sides; side++) {
			struct ev *e;

			if (dur_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)))
				goto nomem;
			e = &l->v[l->n++];
			*e = v;
			e->key = key_index(l, side ? k2 : k1);
			if (e->key < 0)
				goto nomem;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		evlist_release(l);
		return dur_store_fail(st, err);
	}
	return 0;
nomem:
	sqlite3_finalize(s);
	evlist_release(l);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0, "out of memory");
}

/* *a += b, held at LONG_MAX rather than overflowing (a total of counts up
 * to DUR_STORE_COUNT_MAX each). */
static void add_sat(long *a, long b)
{
	if (__builtin_add_overflow(*a, b, a))
		*a = LONG_MAX;
}

static int count_events(struct dur_store *st, const struct dur_stats_query *q,
			long *n, struct dur_error *err)
{
	struct dur_stats_query one = *q;
	sqlite3_stmt *s;
	int rc;

	one.group = DUR_GROUP_STREAM;
	rc = prepare(st, &one, &s, err);
	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		(*n)++;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return dur_store_fail(st, err);
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	if (!strcmp(x, "other") != !strcmp(y, "other"))
		return !strcmp(x, "other") ? 1 : -1;
	return strcmp(x, y);
}

int dur_stats_coverage(struct dur_store *st, const struct dur_stats_query *q,
		       struct dur_stats_span **out, size_t *n,
		       struct dur_error *err)
{
	static const char sql[] =
		"SELECT source, MIN(date), MAX(date) FROM events "
		"WHERE (?1 IS NULL OR source = ?1) AND typeof(date) = "
		"'integer' AND date BETWEEN ?2 AND ?3 "
		"GROUP BY source, import_id ORDER BY source, 2";
	struct dur_stats_span *v = NULL;
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(dur_store_db(st), sql, -1, &s, NULL) !=
	    SQLITE_OK)
		return dur_store_fail(st, err);
	if (q->source)
		sqlite3_bind_text(s, 1, q->source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, DUR_DATE_MIN);
	sqlite3_bind_int(s, 3, DUR_DATE_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(s, 0);
		int32_t a = (int32_t)sqlite3_column_int64(s, 1);
		int32_t b = (int32_t)sqlite3_column_int64(s, 2);
		struct dur_stats_span *last = *n ? &v[*n - 1] : NULL;

		if (!src)
			continue;
		/* spans come by source and first day: merge what touches */
		if (last && !strcmp(last->source, src) &&
		    a <= last->last + 1) {
			if (b > last->last)
				last->last = b;
			continue;
		}
		if (dur_grow(&v, &cap, *n + 1, sizeof(*v))) {
			sqlite3_finalize(s);
			free(v);
			*n = 0;
			return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
					     "out of memory");
		}
		snprintf(v[*n].source, sizeof(v[*n].source), "%s", src);
		v[*n].first = a;
		v[(*n)++].last = b;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return dur_store_fail(st, err);
	}
	*out = v;
	return 0;
}

/* Whether a span covers a day of [a, b]. */
static int spans_cover(const struct dur_stats_span *v, size_t n, int32_t a,
		       int32_t b)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].first <= b && v[i].last >= a)
			return 1;
	return 0;
}

static int count_sources(const struct dur_stats_span *v, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++)
		k += !i || strcmp(v[i].source, v[i - 1].source);
	return k;
}

int dur_stats_count(struct dur_store *st, const struct dur_stats_query *q,
		    struct dur_stats **out, struct dur_error *err)
{
	struct evlist l;
	struct dur_stats *s;
	int32_t first, last;
	int *map = NULL;
	int rc;

	*out = NULL;
	rc = read_events(st, q, &l, err);
	if (rc)
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto nomem;
	s->by = q->by;
	s->group = q->group;
	s->events = (long)l.n;
	if (q->group == DUR_GROUP_ACTOR) {
		/* Count events, not actor entries. */
		s->events = 0;
		rc = count_events(st, q, &s->events, err);
		if (rc) {
			evlist_release(&l);
			free(s);
			return rc;
		}
	}
	rc = dur_stats_coverage(st, q, &s->span, &s->nspans, err);
	if (rc) {
		evlist_release(&l);
		free(s);
		return rc;
	}
	s->nsources = count_sources(s->span, s->nspans);
	if (!l.n) {
		evlist_release(&l);
		*out = s;
		return 0;
	}
	/* Sort the keys, keeping the map from read order to sorted order. */
	s->nkeys = l.nkeys;
	s->key = malloc(l.nkeys * sizeof(*s->key));
	map = malloc(l.nkeys * sizeof(*map));
	if (!s->key || !map)
		goto nomem;
	memcpy(s->key, l.key, l.nkeys * sizeof(*s->key));
	qsort(s->key, s->nkeys, sizeof(*s->key), cmp_key);
	for (size_t i = 0; i < l.nkeys; i++)
		for (size_t k = 0; k < s->nkeys; k++)
			if (s->key[k] == l.key[i])
				map[i] = (int)k;
	free(l.key);
	l.key = NULL;
	l.nkeys = 0;

	first = dur_stats_period_start(q->by, q->has_since ? q->since :
							     l.v[0].day);
	last = dur_stats_period_start(q->by, q->has_until ? q->until :
							    l.v[l.n - 1].day);
	for (int32_t p = first; p <= last; p = dur_stats_period_next(q->by, p))
		s->nperiods++;
	{
		size_t max = q->max_cells ? q->max_cells : DUR_STATS_CELLS_MAX;

		if (s->nperiods > max / s->nkeys) {
			char a[11], b[11];

			rc = dur_error_set(
				err, DUR_ELIMIT, NULL, 0, 0,
				"%zu %ss from %s to %s times %zu series is "
				"more than the %zu counts a table may hold: "
				"choose a longer --by, a shorter --since/"
				"--until or one --stream (or raise the limit "
				"with --max-cells)",
				s->nperiods, dur_stats_by_name(q->by),
				dur_date_format(first, a),
				dur_date_format(last, b), s->nkeys, max);
			free(map);
			evlist_release(&l);
			dur_stats_free(s);
			return rc;
		}
	}
	s->period = malloc(s->nperiods * sizeof(*s->period));
	s->cell = calloc(s->nperiods * s->nkeys, sizeof(*s->cell));
	s->covered = malloc(s->nperiods);
	if (!s->period || !s->cell || !s->covered)
		goto nomem;
	{
		size_t i = 0;

		for (int32_t p = first; p <= last;
		     p = dur_stats_period_next(q->by, p)) {
			s->covered[i] = (unsigned char)spans_cover(
				s->span, s->nspans, p,
				dur_stats_period_next(q->by, p) - 1);
			s->period[i++] = p;
		}
	}
	for (size_t i = 0, p = 0; i < l.n; i++) {
		int32_t ps = dur_stats_period_start(q->by, l.v[i].day);
		struct dur_stats_cell *c;

		while (p + 1 < s->nperiods && s->period[p] < ps)
			p++;
		c = &s->cell[p * s->nkeys + (size_t)map[l.v[i].key]];
		c->events++;
		add_sat(&c->best, l.v[i].best);
		add_sat(&c->low, l.v[i].low);
		add_sat(&c->high, l.v[i].high);
	}
	free(map);
	evlist_release(&l);
	*out = s;
	return 0;
nomem:
	free(map);
	evlist_release(&l);
	dur_stats_free(s);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0, "out of memory");
}

void dur_stats_free(struct dur_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nkeys; i++)
		free(s->key[i]);
	free(s->key);
	free(s->period);
	free(s->cell);
	free(s->covered);
	free(s->span);
	free(s);
}

/* Pearson's X^2 of daily counts about their mean, and its degrees of
 * freedom, over days [a, b). */
static void dispersion(const long *count, int32_t a, int32_t b, double *x2,
		       double *df)
{
	double mean = 0;

	for (int32_t d = a; d < b; d++)
		mean += (double)count[d];
	mean /= (double)(b - a);
	if (mean <= 0 || b - a < 2)
		return;
	for (int32_t d = a; d < b; d++)
		*x2 += ((double)count[d] - mean) * ((double)count[d] - mean) /
		       mean;
	*df += (double)(b - a - 1);
}

static void verdict(struct dur_stats_change *r, const char *what)
{
	char d[11], pct[32];
	const char *word;

	dur_date_format(r->change, d);
	snprintf(pct, sizeof(pct), "%.0f%%", r->level * 100);
	if (r->n0 + r->n1 == 0) {
		snprintf(r->verdict, sizeof(r->verdict),
			 "There are no %s events in the window: the data say "
			 "nothing about a change on %s.",
			 what, d);
		return;
	}
	if (r->lo > 1)
		word = "support a rise";
	else if (r->hi < 1)
		word = "support a fall";
	else
		word = "do not show a change";
	snprintf(r->verdict, sizeof(r->verdict),
		 "The data %s in %s events from %s: %.3g a day after against "
		 "%.3g before, a rate ratio of %.3g (%s interval %.3g to "
		 "%.3g, allowing for overdispersion %.2g; p = %.2g).",
		 word, what, d, r->rate1, r->rate0, r->ratio, pct, r->lo,
		 r->hi, r->phi, r->p);
}

/* The p quantile of Beta(a, b). GSL's inverse gives up on some shapes
 * (2 and 258: "inverse failed to converge"), returning NaN with its
 * handler off; then bisection on the distribution function, which is
 * monotone, finds it to within 1e-15. NaN only if that fails too. */
static double beta_quantile(double p, double a, double b)
{
	double x = gsl_cdf_beta_Pinv(p, a, b), lo = 0, hi = 1;

	if (!isnan(x))
		return x;
	for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
		double m = (lo + hi) / 2, c = gsl_cdf_beta_P(m, a, b);

		if (isnan(c))
			return NAN;
		if (c < p)
			lo = m;
		else
			hi = m;
	}
	return (lo + hi) / 2;
}

/*
 * DUR_EINVAL if the coverage v of the counted sources would decide a
 * before/after comparison over [a, b]: a gap between a source's imports
 * inside the window, or, with two sources, one starting or stopping inside
 * the part of the window the other covers. Days past the last covered day
 * (or before the first) of every source are not refused: coverage is read
 * from event days, and a window may end on a quiet day.
 */
static int check_window(const struct dur_stats_span *v, size_t n, int32_t a,
			int32_t b, struct dur_error *err)
{
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	char d1[11], d2[11], d3[11], d4[11];

	/* the part of the window some source covers */
	for (size_t i = 0; i < n; i++) {
		if (v[i].first < lo)
			lo = v[i].first;
		if (v[i].last > hi)
			hi = v[i].last;
	}
	if (lo < a)
		lo = a;
	if (hi > b)
		hi = b;
	for (size_t i = 0, j; i < n && lo <= hi; i = j) {
		int32_t day = lo, gap0 = 0, gap1 = 0;
		int hole = 0;

		for (j = i; j < n && !strcmp(v[j].source, v[i].source); j++)
			;
		/* the first day of [lo, hi] none of this source's spans
		 * covers */
		for (size_t k = i; k < j && day <= hi; k++) {
			if (v[k].last < day)
				continue;
			if (v[k].first > day) {
				hole = 1;
				gap0 = day;
				gap1 = v[k].first - 1 < hi ? v[k].first - 1 : hi;
				break;
			}
			day = v[k].last + 1;
		}
		if (!hole && day <= hi) {
			hole = 1;
			gap0 = day;
			gap1 = hi;
		}
		if (!hole)
			continue;
		return dur_error_set(
			err, DUR_EINVAL, NULL, 0, 0,
			"no %s data from %s to %s, inside the window %s..%s: "
			"the gap would decide the answer; choose --since and "
			"--until inside one covered stretch, or --source",
			v[i].source, dur_date_format(gap0, d3),
			dur_date_format(gap1, d4), dur_date_format(a, d1),
			dur_date_format(b, d2));
	}
	return 0;
}

int dur_stats_change(struct dur_store *st, const struct dur_stats_query *q,
		     int32_t change, double level, struct dur_stats_change *r,
		     struct dur_error *err)
{
	struct dur_stats_query all = *q;
	struct evlist l;
	long *count;
	double x2 = 0, df = 0, a = (1 - level) / 2, z;
	int rc;

	all.group = DUR_GROUP_STREAM; /* each event once */
	memset(r, 0, sizeof(*r));
	dur_gsl_quiet();
	if (!(level > 0 && level < 1))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "confidence level %g is not in (0, 1)",
				     level);
	rc = read_events(st, &all, &l, err);
	if (rc)
		return rc;
	r->change = change;
	r->level = level;
	if (!l.n && !(q->has_since && q->has_until)) {
		evlist_release(&l);
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no matching events to set the window "
				     "from: give --since and --until");
	}
	r->since = q->has_since ? q->since : l.v[0].day;
	r->until = q->has_until ? q->until : l.v[l.n - 1].day;
	if (r->since >= change || r->until < change) {
		char a1[11], a2[11], a3[11];

		evlist_release(&l);
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "%s is not inside the window %s..%s",
				     dur_date_format(change, a1),
				     dur_date_format(r->since, a2),
				     dur_date_format(r->until, a3));
	}
	{
		struct dur_stats_span *v;
		size_t nv;

		rc = dur_stats_coverage(st, q, &v, &nv, err);
		if (!rc)
			rc = check_window(v, nv, r->since, r->until, err);
		free(v);
		if (rc) {
			evlist_release(&l);
			return rc;
		}
	}
	count = calloc((size_t)(r->until - r->since + 1), sizeof(*count));
	if (!count) {
		evlist_release(&l);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	}
	for (size_t i = 0; i < l.n; i++) {
		count[l.v[i].day - r->since]++;
		if (l.v[i].day < change)
			r->n0++;
		else
			r->n1++;
	}
	evlist_release(&l);
	r->days0 = change - r->since;
	r->days1 = r->until - change + 1;
	r->rate0 = r->n0 / r->days0;
	r->rate1 = r->n1 / r->days1;
	dispersion(count, 0, change - r->since, &x2, &df);
	dispersion(count, change - r->since, r->until - r->since + 1, &x2,
		   &df);
	free(count);
	r->phi = df > 0 && x2 / df > 1 ? x2 / df : 1;
	r->ratio = r->n0 ? r->rate1 / r->rate0 : INFINITY;
	/* Exact: n1 | n0 + n1 is binomial with p = d1 RR / (d0 + d1 RR). */
	{
		double n = (double)(r->n0 + r->n1), plo = 0, phi = 1;

		if (r->n1 > 0 && n > 0)
			plo = beta_quantile(a, (double)r->n1,
					    (double)r->n0 + 1);
		if (r->n0 > 0 && n > 0)
			phi = beta_quantile(1 - a, (double)r->n1 + 1,
					    (double)r->n0);
		if (isnan(plo) || isnan(phi))
			return dur_error_set(err, DUR_ENOCONV, NULL, 0, 0,
					     "the exact interval of %ld events "
					     "before and %ld after could not "
					     "be computed",
					     r->n0, r->n1);
		r->exact_lo = plo / (1 - plo) * r->days0 / r->days1;
		r->exact_hi = phi >= 1 ? INFINITY :
					 phi / (1 - phi) * r->days0 / r->days1;
	}
	z = gsl_cdf_ugaussian_Qinv(a);
	if (r->n0 > 0 && r->n1 > 0) {
		double se = sqrt(r->phi * (1.0 / r->n0 + 1.0 / r->n1));
		double lr = log(r->ratio);

		r->lo = exp(lr - z * se);
		r->hi = exp(lr + z * se);
		r->p = 2 * gsl_cdf_ugaussian_Q(fabs(lr) / se);
	} else {
		/* A zero count: the exact interval, widened by sqrt(phi) on
		 * the log scale where it is finite. */
		r->lo = r->exact_lo;
		r->hi = r->exact_hi;
		double p1 = r->days1 / (r->days0 + r->days1);
		double n = (double)(r->n0 + r->n1);

		r->p = 2 * (r->n1 ? pow(p1, n) : pow(1 - p1, n));
		if (r->p > 1)
			r->p = 1;
	}
	verdict(r, q->stream ? q->stream : "all");
	return 0;
}
