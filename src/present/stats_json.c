/*
 * stats_json.c: the results of `durand stats` as JSON (docs/stats.md), so
 * that the counts read the same in a file, in a report and in a chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "durand/date.h"
#include "durand/stats_json.h"

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_or_null(int has, int32_t day)
{
	char d[11];

	return has ? json_string(dur_date_format(day, d)) : json_null();
}

/* One key's column of the grid: events and deaths per period. */
static json_t *series(const struct dur_stats *s, size_t k)
{
	json_t *ser = json_object(), *ev = json_array(), *b = json_array();
	json_t *lo = json_array(), *hi = json_array();

	for (size_t p = 0; p < s->nperiods; p++) {
		const struct dur_stats_cell *c = &s->cell[p * s->nkeys + k];

		int ok = s->covered[p]; /* else no data: null */

		json_array_append_new(ev, ok ? json_integer(c->events) :
					       json_null());
		json_array_append_new(b, ok ? json_integer(c->best) :
					      json_null());
		json_array_append_new(lo, ok ? json_integer(c->low) :
					       json_null());
		json_array_append_new(hi, ok ? json_integer(c->high) :
					       json_null());
	}
	json_object_set_new(ser, "events", ev);
	json_object_set_new(ser, "deaths", b);
	json_object_set_new(ser, "deaths_low", lo);
	json_object_set_new(ser, "deaths_high", hi);
	return ser;
}

/* The counted sources' coverage: [{"source", "first", "last"}, ...]. */
static json_t *coverage(const struct dur_stats *s)
{
	json_t *a = json_array();
	char d[11];

	for (size_t i = 0; i < s->nspans; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "source",
				    json_string(s->span[i].source));
		json_object_set_new(
			o, "first",
			json_string(dur_date_format(s->span[i].first, d)));
		json_object_set_new(
			o, "last",
			json_string(dur_date_format(s->span[i].last, d)));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *dur_stats_json(const struct dur_stats *s,
		       const struct dur_stats_query *q)
{
	json_t *root = json_object(), *periods = json_array();
	json_t *all = json_object(), *filt = json_object();
	char d[11];

	/* jansson's setters free a value they cannot store: out of memory
	 * leaks nothing, and a NULL root is returned as NULL */
	for (size_t p = 0; p < s->nperiods; p++)
		json_array_append_new(
			periods,
			json_string(dur_date_format(s->period[p], d)));
	for (size_t k = 0; k < s->nkeys; k++)
		json_object_set_new(all, s->key[k], series(s, k));
	json_object_set_new(filt, "source", str_or_null(q->source));
	json_object_set_new(filt, "country", str_or_null(q->country));
	json_object_set_new(filt, "actor", str_or_null(q->actor));
	json_object_set_new(filt, "stream", str_or_null(q->stream));
	json_object_set_new(filt, "since", date_or_null(q->has_since, q->since));
	json_object_set_new(filt, "until", date_or_null(q->has_until, q->until));
	/* "kind" lets `durand report` tell the result apart (report.h) */
	json_object_set_new(root, "kind", json_string("stats"));
	json_object_set_new(root, "by", json_string(dur_stats_by_name(s->by)));
	json_object_set_new(root, "group",
			    json_string(s->group == DUR_GROUP_ACTOR ? "actor" :
								       "stream"));
	json_object_set_new(root, "filters", filt);
	json_object_set_new(root, "events", json_integer(s->events));
	json_object_set_new(root, "coverage", coverage(s));
	json_object_set_new(root, "deduplicated", json_false());
	json_object_set_new(root, "periods", periods);
	json_object_set_new(root, "series", all);
	return root;
}

json_t *dur_stats_change_json(const struct dur_stats_change *r,
			      const char *stream)
{
	json_t *o = json_object();
	char a[11], b[11], c[11];

	json_object_set_new(o, "stream", str_or_null(stream));
	json_object_set_new(o, "since",
			    json_string(dur_date_format(r->since, a)));
	json_object_set_new(o, "change",
			    json_string(dur_date_format(r->change, b)));
	json_object_set_new(o, "until",
			    json_string(dur_date_format(r->until, c)));
	json_object_set_new(o, "events_before", json_integer(r->n0));
	json_object_set_new(o, "events_after", json_integer(r->n1));
	json_object_set_new(o, "days_before", json_real(r->days0));
	json_object_set_new(o, "days_after", json_real(r->days1));
	json_object_set_new(o, "rate_before", num(r->rate0));
	json_object_set_new(o, "rate_after", num(r->rate1));
	json_object_set_new(o, "rate_ratio", num(r->ratio));
	json_object_set_new(o, "level", json_real(r->level));
	json_object_set_new(o, "ci_low", num(r->lo));
	json_object_set_new(o, "ci_high", num(r->hi));
	json_object_set_new(o, "overdispersion", num(r->phi));
	json_object_set_new(o, "p_value", num(r->p));
	json_object_set_new(o, "exact_ci_low", num(r->exact_lo));
	json_object_set_new(o, "exact_ci_high", num(r->exact_hi));
	json_object_set_new(o, "verdict", json_string(r->verdict));
	return o;
}

/* s as JSON text, with JSON's escapes, to fp; NULL: null. */
static void put_str(FILE *fp, const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	char *t = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

	fputs(t ? t : "null", fp);
	free(t);
	json_decref(j);
}

int dur_stats_json_write(const struct dur_stats *s,
			 const struct dur_stats_query *q, const json_t *data,
			 FILE *fp)
{
	static const char *const what[4] = { "events", "deaths", "deaths_low",
					     "deaths_high" };
	char d[11];

	fprintf(fp,
		"{\n \"kind\": \"stats\",\n \"by\": \"%s\",\n \"group\": "
		"\"%s\",\n \"filters\": {\n  \"source\": ",
		dur_stats_by_name(s->by),
		s->group == DUR_GROUP_ACTOR ? "actor" : "stream");
	put_str(fp, q->source);
	fputs(",\n  \"country\": ", fp);
	put_str(fp, q->country);
	fputs(",\n  \"actor\": ", fp);
	put_str(fp, q->actor);
	fputs(",\n  \"stream\": ", fp);
	put_str(fp, q->stream);
	fputs(",\n  \"since\": ", fp);
	put_str(fp, q->has_since ? dur_date_format(q->since, d) : NULL);
	fputs(",\n  \"until\": ", fp);
	put_str(fp, q->has_until ? dur_date_format(q->until, d) : NULL);
	fprintf(fp, "\n },\n \"events\": %ld,\n \"coverage\": [",
		s->events);
	for (size_t i = 0; i < s->nspans; i++) {
		char e[11];

		fprintf(fp, "%s\n  {\n   \"source\": ", i ? "," : "");
		put_str(fp, s->span[i].source);
		fprintf(fp,
			",\n   \"first\": \"%s\",\n   \"last\": \"%s\"\n  }",
			dur_date_format(s->span[i].first, d),
			dur_date_format(s->span[i].last, e));
	}
	fputs(s->nspans ? "\n ],\n" : "],\n", fp);
	fprintf(fp, " \"deduplicated\": false,\n \"periods\": [");
	for (size_t p = 0; p < s->nperiods; p++)
		fprintf(fp, "%s\n  \"%s\"", p ? "," : "",
			dur_date_format(s->period[p], d));
	fputs(s->nperiods ? "\n ],\n \"series\": {" : "],\n \"series\": {",
	      fp);
	for (size_t k = 0; k < s->nkeys; k++) {
		fprintf(fp, "%s\n  ", k ? "," : "");
		put_str(fp, s->key[k]);
		fputs(": {", fp);
		for (int w = 0; w < 4; w++) {
			fprintf(fp, "%s\n   \"%s\": [", w ? "," : "", what[w]);
			for (size_t p = 0; p < s->nperiods; p++) {
				const struct dur_stats_cell *c =
					&s->cell[p * s->nkeys + k];
				long v = w == 0 ? c->events :
					 w == 1 ? c->best :
					 w == 2 ? c->low :
						  c->high;

				if (s->covered[p])
					fprintf(fp, "%s\n    %ld", p ? "," : "",
						v);
				else
					fprintf(fp, "%s\n    null",
						p ? "," : "");
			}
			fputs(s->nperiods ? "\n   ]" : "]", fp);
		}
		fputs("\n  }", fp);
	}
	fputs(s->nkeys ? "\n }" : "}", fp);
	if (data) {
		/* indented one more space, as the members above */
		char *t = json_dumps(data, JSON_INDENT(1) |
						   JSON_PRESERVE_ORDER);

		if (!t)
			return DUR_ENOMEM;
		fputs(",\n \"data\": ", fp);
		for (const char *c = t; *c; c++)
			fputs(*c == '\n' ? "\n " : (char[]){ *c, 0 }, fp);
		free(t);
	}
	fputs("\n}\n", fp);
	return ferror(fp) ? DUR_EIO : 0;
}
