/* cmd_stats.c: `durand stats`, events and deaths per period and stream,
 * optionally drawn as a chart (--plot), and the before/after test of
 * --change-since. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/report.h"
#include "durand/stats.h"
#include "durand/store.h"

static const char stats_usage[] =
	"usage: durand stats [--db FILE] [--by day|week|month|year]\n"
	"                    [--group stream|actor]\n"
	"                    [--country C] [--actor A] [--stream S]\n"
	"                    [--since DATE] [--until DATE]\n"
	"                    [--format text|csv|json] [--plot FILE]\n"
	"   or: durand stats --change-since DATE [--stream S] [--level P] "
	"...\n"
	"\n"
	"    --by        period of the counts (default month)\n"
	"    --group     a series per model stream (default) or per model\n"
	"                actor (an event counts for both its sides)\n"
	"    --country   only events in this country ('Pakistan')\n"
	"    --actor     only events with this model actor ('ttp') or\n"
	"                dataset actor name on either side\n"
	"    --stream    only this model stream (attack, strike, clash, other)\n"
	"    --since/--until  first and last day counted (YYYY-MM-DD)\n"
	"    --plot      also draw the counts as a chart, SVG or PNG by the\n"
	"                extension of FILE (.svg, .png)\n"
	"    --change-since   compare rates before and after DATE\n"
	"    --level     confidence level of the intervals (default 0.95)\n"
	"    --max-cells most counts (periods x series) a table may hold\n"
	"                (default 4194304)";

enum { FMT_TEXT, FMT_CSV, FMT_JSON };

static int parse_date_opt(const char *opt, const char *s, int32_t *day)
{
	const char *why;

	if (dur_date_parse(s, strlen(s), day, &why)) {
		bad_usage("stats", "%s: '%s' is not a date: %s", opt, s, why);
		return -1;
	}
	return 0;
}

static void print_text(const struct dur_stats *s)
{
	char d[11];

	printf("%-10s  %-12s %8s %8s %8s %8s\n", dur_stats_by_name(s->by),
	       s->group == DUR_GROUP_ACTOR ? "actor" : "stream", "events",
	       "deaths", "low", "high");
	for (size_t p = 0; p < s->nperiods; p++)
		for (size_t k = 0; k < s->nkeys; k++) {
			const struct dur_stats_cell *c =
				&s->cell[p * s->nkeys + k];

			printf("%-10s  %-12s %8ld %8ld %8ld %8ld\n",
			       dur_date_format(s->period[p], d), s->key[k],
			       c->events, c->best, c->low, c->high);
		}
	printf("%ld events\n", s->events);
}

static void print_csv(const struct dur_stats *s)
{
	char d[11];

	printf("period,%s,events,deaths,deaths_low,deaths_high\n",
	       s->group == DUR_GROUP_ACTOR ? "actor" : "stream");
	for (size_t p = 0; p < s->nperiods; p++)
		for (size_t k = 0; k < s->nkeys; k++) {
			const struct dur_stats_cell *c =
				&s->cell[p * s->nkeys + k];

			printf("%s,%s,%ld,%ld,%ld,%ld\n",
			       dur_date_format(s->period[p], d), s->key[k],
			       c->events, c->best, c->low, c->high);
		}
}

/* The counts as the JSON result docs/stats.md describes, or NULL if out of
 * memory. */
static json_t *stats_json(const struct dur_stats *s,
			  const struct dur_stats_query *q)
{
	json_t *root = json_object(), *periods = json_array();
	json_t *series = json_object(), *filt = json_object();
	char d[11];

	for (size_t p = 0; p < s->nperiods; p++)
		json_array_append_new(
			periods,
			json_string(dur_date_format(s->period[p], d)));
	for (size_t k = 0; k < s->nkeys; k++) {
		json_t *ser = json_object(), *ev = json_array();
		json_t *b = json_array(), *lo = json_array();
		json_t *hi = json_array();

		for (size_t p = 0; p < s->nperiods; p++) {
			const struct dur_stats_cell *c =
				&s->cell[p * s->nkeys + k];

			json_array_append_new(ev, json_integer(c->events));
			json_array_append_new(b, json_integer(c->best));
			json_array_append_new(lo, json_integer(c->low));
			json_array_append_new(hi, json_integer(c->high));
		}
		json_object_set_new(ser, "events", ev);
		json_object_set_new(ser, "deaths", b);
		json_object_set_new(ser, "deaths_low", lo);
		json_object_set_new(ser, "deaths_high", hi);
		json_object_set_new(series, s->key[k], ser);
	}
	json_object_set_new(filt, "country",
			    q->country ? json_string(q->country) : json_null());
	json_object_set_new(filt, "actor",
			    q->actor ? json_string(q->actor) : json_null());
	json_object_set_new(filt, "stream",
			    q->stream ? json_string(q->stream) : json_null());
	json_object_set_new(filt, "since",
			    q->has_since ?
				    json_string(dur_date_format(q->since, d)) :
				    json_null());
	json_object_set_new(filt, "until",
			    q->has_until ?
				    json_string(dur_date_format(q->until, d)) :
				    json_null());
	/* "kind" lets `durand report` tell the result apart (report.h) */
	json_object_set_new(root, "kind", json_string("stats"));
	json_object_set_new(root, "by", json_string(dur_stats_by_name(s->by)));
	json_object_set_new(root, "group",
			    json_string(s->group == DUR_GROUP_ACTOR ? "actor" :
								       "stream"));
	json_object_set_new(root, "filters", filt);
	json_object_set_new(root, "events", json_integer(s->events));
	json_object_set_new(root, "periods", periods);
	json_object_set_new(root, "series", series);
	return root;
}

/* s as JSON text, with JSON's escapes; NULL: null. */
static void put_str(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	char *t = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

	fputs(t ? t : "null", stdout);
	free(t);
	json_decref(j);
}

/*
 * The JSON of stats_json, written as it goes, in the same bytes as
 * json_dumps(JSON_INDENT(1)) would give: a tree of a store of 3,000
 * streams by day took 7.8 GB to write 1 GB; this takes the grid only.
 */
static int print_json_stream(const struct dur_stats *s,
			     const struct dur_stats_query *q)
{
	static const char *const what[4] = { "events", "deaths", "deaths_low",
					     "deaths_high" };
	char d[11];

	printf("{\n \"kind\": \"stats\",\n \"by\": \"%s\",\n \"group\": "
	       "\"%s\",\n \"filters\": {\n  \"country\": ",
	       dur_stats_by_name(s->by),
	       s->group == DUR_GROUP_ACTOR ? "actor" : "stream");
	put_str(q->country);
	fputs(",\n  \"actor\": ", stdout);
	put_str(q->actor);
	fputs(",\n  \"stream\": ", stdout);
	put_str(q->stream);
	fputs(",\n  \"since\": ", stdout);
	put_str(q->has_since ? dur_date_format(q->since, d) : NULL);
	fputs(",\n  \"until\": ", stdout);
	put_str(q->has_until ? dur_date_format(q->until, d) : NULL);
	printf("\n },\n \"events\": %ld,\n \"periods\": [", s->events);
	for (size_t p = 0; p < s->nperiods; p++)
		printf("%s\n  \"%s\"", p ? "," : "",
		       dur_date_format(s->period[p], d));
	fputs(s->nperiods ? "\n ],\n \"series\": {" : "],\n \"series\": {",
	      stdout);
	for (size_t k = 0; k < s->nkeys; k++) {
		printf("%s\n  ", k ? "," : "");
		put_str(s->key[k]);
		fputs(": {", stdout);
		for (int w = 0; w < 4; w++) {
			printf("%s\n   \"%s\": [", w ? "," : "", what[w]);
			for (size_t p = 0; p < s->nperiods; p++) {
				const struct dur_stats_cell *c =
					&s->cell[p * s->nkeys + k];
				long v = w == 0 ? c->events :
					 w == 1 ? c->best :
					 w == 2 ? c->low :
						  c->high;

				printf("%s\n    %ld", p ? "," : "", v);
			}
			fputs(s->nperiods ? "\n   ]" : "]", stdout);
		}
		fputs("\n  }", stdout);
	}
	fputs(s->nkeys ? "\n }\n}\n" : "}\n}\n", stdout);
	return ferror(stdout) ? 1 : 0;
}

/* Print the counts in fmt and draw them into plot (if not NULL). */
static int output(const struct dur_stats *s, const struct dur_stats_query *q,
		  int fmt, const char *plot)
{
	struct dur_error err = { 0 };
	json_t *root = NULL;
	int rc = 0;

	if (plot) {
		root = stats_json(s, q);
		if (!root) {
			fputs("durand stats: out of memory\n", stderr);
			return 1;
		}
	}
	if (fmt == FMT_TEXT)
		print_text(s);
	else if (fmt == FMT_CSV)
		print_csv(s);
	else
		rc = print_json_stream(s, q);
	if (!rc && plot) {
		rc = dur_report_chart_save(root, NULL, plot, &err);
		dur_chart_cleanup();
		if (rc)
			rc = report_error_in("stats", &err, plot);
	}
	json_decref(root);
	return rc;
}

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static int print_change(const struct dur_stats_change *r, int fmt,
			const char *stream)
{
	char a[11], b[11], c[11], e[11];

	dur_date_format(r->change - 1, e);
	dur_date_format(r->since, a);
	dur_date_format(r->change, b);
	dur_date_format(r->until, c);
	if (fmt == FMT_JSON) {
		json_t *o = json_object();
		char *text;

		json_object_set_new(o, "stream",
				    stream ? json_string(stream) : json_null());
		json_object_set_new(o, "since", json_string(a));
		json_object_set_new(o, "change", json_string(b));
		json_object_set_new(o, "until", json_string(c));
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
		text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (!text)
			return 1;
		printf("%s\n", text);
		free(text);
		return 0;
	}
	printf("before  %s..%s  %ld events in %.0f days: %.4g a day\n", a, e,
	       r->n0, r->days0, r->rate0);
	printf("after   %s..%s  %ld events in %.0f days: %.4g a day\n", b, c,
	       r->n1, r->days1, r->rate1);
	printf("rate ratio %.4g, %.0f%% interval %.4g to %.4g "
	       "(overdispersion %.3g, p = %.3g); exact Poisson interval "
	       "%.4g to %.4g\n",
	       r->ratio, r->level * 100, r->lo, r->hi, r->phi, r->p,
	       r->exact_lo, r->exact_hi);
	printf("%s\n", r->verdict);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	struct dur_stats_query q = { .by = DUR_BY_MONTH };
	const char *db = DUR_STORE_DEFAULT, *plot = NULL;
	int fmt = FMT_TEXT, has_change = 0, rc;
	int32_t change = 0;
	double level = 0.95;
	struct dur_store *st;
	struct dur_error err = { 0 };

	if (wants_help(argc, argv, stats_usage))
		return 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (o[0] != '-' || !v)
			return usage_error(stats_usage);
		i++;
		if (!strcmp(o, "--db")) {
			db = v;
		} else if (!strcmp(o, "--by")) {
			if ((q.by = dur_stats_by_find(v)) < 0)
				return bad_usage("stats",
						 "--by: expected day, week, "
						 "month or year, got '%s'",
						 v);
		} else if (!strcmp(o, "--group")) {
			if (!strcmp(v, "stream"))
				q.group = DUR_GROUP_STREAM;
			else if (!strcmp(v, "actor"))
				q.group = DUR_GROUP_ACTOR;
			else
				return bad_usage("stats",
						 "--group: expected stream or "
						 "actor, got '%s'",
						 v);
		} else if (!strcmp(o, "--country")) {
			q.country = v;
		} else if (!strcmp(o, "--actor")) {
			q.actor = v;
		} else if (!strcmp(o, "--stream")) {
			q.stream = v;
		} else if (!strcmp(o, "--since")) {
			if (parse_date_opt(o, v, &q.since))
				return 2;
			q.has_since = 1;
		} else if (!strcmp(o, "--until")) {
			if (parse_date_opt(o, v, &q.until))
				return 2;
			q.has_until = 1;
		} else if (!strcmp(o, "--change-since")) {
			if (parse_date_opt(o, v, &change))
				return 2;
			has_change = 1;
		} else if (!strcmp(o, "--level")) {
			if (parse_double("stats", o, v, 0.5, 0.9999, &level))
				return 2;
		} else if (!strcmp(o, "--max-cells")) {
			long m;

			if (parse_long("stats", o, v, 1, 1000000000000L, &m))
				return 2;
			q.max_cells = (size_t)m;
		} else if (!strcmp(o, "--plot")) {
			if (dur_chart_format_of(v) < 0)
				return bad_usage("stats",
						 "--plot: expected a file "
						 "ending in .svg or .png, got "
						 "'%s'",
						 v);
			plot = v;
		} else if (!strcmp(o, "--format")) {
			if (!strcmp(v, "text"))
				fmt = FMT_TEXT;
			else if (!strcmp(v, "csv"))
				fmt = FMT_CSV;
			else if (!strcmp(v, "json"))
				fmt = FMT_JSON;
			else
				return bad_usage("stats",
						 "--format: expected text, "
						 "csv or json, got '%s'",
						 v);
		} else {
			return bad_usage("stats", "unknown option '%s'", o);
		}
	}
	if (q.has_since && q.has_until && q.until < q.since)
		return bad_usage("stats", "--until is before --since");
	if (has_change && plot)
		return bad_usage("stats", "--plot draws counts, not the "
					  "--change-since test");
	if (dur_store_open(&st, db, DUR_STORE_READONLY, &err))
		return report_error("stats", &err);
	if (has_change) {
		struct dur_stats_change r;

		rc = dur_stats_change(st, &q, change, level, &r, &err);
		dur_store_free(st);
		if (rc)
			return report_error("stats", &err);
		return print_change(&r, fmt, q.stream);
	} else {
		struct dur_stats *s;

		rc = dur_stats_count(st, &q, &s, &err);
		dur_store_free(st);
		if (rc)
			return report_error("stats", &err);
		rc = output(s, &q, fmt, plot);
		dur_stats_free(s);
		return rc;
	}
}
