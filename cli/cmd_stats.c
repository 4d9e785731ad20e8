/* cmd_stats.c: `durand stats`, events and deaths per period and stream,
 * optionally drawn as a chart (--plot), and the before/after test of
 * --change-since. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/numtext.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/report.h"
#include "durand/stats.h"
#include "durand/stats_json.h"
#include "durand/store.h"

static const struct cli_command cmd = {
	"stats", NULL,
	"Count the imported events and deaths per period and series, or with "
	"--change-since compare the rate of events before and after a date "
	"(docs/stats.md)."
};

static const struct cli_choice bys[] = {
	{ "day", DUR_BY_DAY }, { "week", DUR_BY_WEEK },
	{ "month", DUR_BY_MONTH }, { "year", DUR_BY_YEAR }, { NULL, 0 }
};

static const struct cli_choice groups[] = {
	{ "stream", DUR_GROUP_STREAM }, { "actor", DUR_GROUP_ACTOR }, { NULL, 0 }
};

static const struct cli_choice sources[] = {
	{ "ucdp", 0 }, { "acled", 1 }, { NULL, 0 }
};

static const struct cli_choice formats[] = {
	{ "text", CLI_TEXT }, { "csv", CLI_CSV }, { "json", CLI_JSON },
	{ NULL, 0 }
};

/* Which days the counted sources cover, what "-" means, and that two
 * datasets' counts add up without de-duplication. */
static void print_coverage(const struct dur_stats *s, FILE *fp)
{
	char a[11], b[11];
	int gap = 0;

	for (size_t p = 0; p < s->nperiods; p++)
		gap |= !s->covered[p];
	dur_fprintf_num(fp, "coverage:");
	for (size_t i = 0; i < s->nspans; i++) {
		int same = i && !strcmp(s->span[i].source,
					s->span[i - 1].source);

		dur_fprintf_num(fp, "%s%s%s%s..%s", same ? ", " : i ? "; " : " ",
		       same ? "" : s->span[i].source, same ? "" : " ",
		       dur_date_format(s->span[i].first, a),
		       dur_date_format(s->span[i].last, b));
	}
	dur_fprintf_num(fp, "%s\n", s->nspans ? "" : " none");
	if (gap)
		dur_fprintf_num(fp, "-: no data (no import covers the %s)\n",
		       dur_stats_by_name(s->by));
	if (s->nsources > 1)
		dur_fprintf_num(fp, "the counts add the %d datasets' events without "
		       "de-duplication (an incident both recorded counts "
		       "twice); one dataset: --source\n",
		       s->nsources);
	{
		char data[2048];

		fprintf(fp, "data: %s\n",
			cli_data_line(NULL, data, sizeof(data)));
	}
}

static void print_text(const struct dur_stats *s, FILE *fp)
{
	char d[11];

	dur_fprintf_num(fp, "%-10s  %-12s %8s %8s %8s %8s\n", dur_stats_by_name(s->by),
	       s->group == DUR_GROUP_ACTOR ? "actor" : "stream", "events",
	       "deaths", "low", "high");
	for (size_t p = 0; p < s->nperiods; p++)
		for (size_t k = 0; k < s->nkeys; k++) {
			const struct dur_stats_cell *c =
				&s->cell[p * s->nkeys + k];

			if (!s->covered[p])
				dur_fprintf_num(fp, "%-10s  %-12s %8s %8s %8s %8s\n",
				       dur_stats_period_label(s->by,
							      s->period[p], d),
				       s->key[k], "-", "-", "-", "-");
			else
				dur_fprintf_num(fp, "%-10s  %-12s %8ld %8ld %8ld %8ld\n",
				       dur_stats_period_label(s->by,
							      s->period[p], d),
				       s->key[k], c->events, c->best, c->low,
				       c->high);
		}
	dur_fprintf_num(fp, "%ld event%s\n", s->events, s->events == 1 ? "" : "s");
	print_coverage(s, fp);
}

static void print_csv(const struct dur_stats *s, FILE *fp)
{
	char d[11];

	dur_fprintf_num(fp, "period,%s,events,deaths,deaths_low,deaths_high\n",
	       s->group == DUR_GROUP_ACTOR ? "actor" : "stream");
	for (size_t p = 0; p < s->nperiods; p++)
		for (size_t k = 0; k < s->nkeys; k++) {
			const struct dur_stats_cell *c =
				&s->cell[p * s->nkeys + k];

			if (!s->covered[p])
				dur_fprintf_num(fp, "%s,%s,,,,\n",
				       dur_stats_period_label(s->by,
							      s->period[p], d),
				       s->key[k]);
			else
				dur_fprintf_num(fp, "%s,%s,%ld,%ld,%ld,%ld\n",
				       dur_stats_period_label(s->by,
							      s->period[p], d),
				       s->key[k], c->events, c->best, c->low,
				       c->high);
		}
}

/* The counts as text or CSV (cli_result's write). */
static int write_other(const void *res, const json_t *j, int format, FILE *fp,
		       struct dur_error *err)
{
	(void)j;
	(void)err;
	if (format == CLI_CSV)
		print_csv(res, fp);
	else
		print_text(res, fp);
	return ferror(fp) ? DUR_EIO : 0;
}

static const struct dur_stats_query *json_query;

static json_t *to_json(const void *res)
{
	return dur_stats_json(res, json_query);
}

/* Print the counts in format and draw them into plot (if not NULL); with
 * out_path or report_path, through cli_write_result (whole or not at
 * all, the report beside). */
static int output(const struct dur_stats *s, const struct dur_stats_query *q,
		  int format, const char *plot, const char *out_path,
		  const char *report_path)
{
	struct dur_error err = { 0 };
	json_t *root = NULL;
	int rc = 0;

	if (plot) {
		root = dur_stats_json(s, q);
		if (!root) {
			fputs("durand stats: out of memory\n", stderr);
			return 1;
		}
	}
	if (out_path || report_path) {
		struct cli_result r = { "stats", s, to_json, write_other,
					{ NULL, NULL } };

		json_query = q;
		rc = cli_write_result(&r, format, out_path, report_path);
	} else if (format == CLI_TEXT)
		print_text(s, stdout);
	else if (format == CLI_CSV)
		print_csv(s, stdout);
	else
		rc = dur_stats_json_write(s, q, cli_data(), stdout) ? 1 : 0;
	if (!rc && plot) {
		rc = dur_report_chart_save(root, NULL, plot, &err);
		dur_chart_cleanup();
		if (rc)
			rc = report_error_in("stats", &err, plot);
	}
	json_decref(root);
	return rc;
}

static int print_change(const struct dur_stats_change *r, int format,
			const char *stream)
{
	char a[11], b[11], c[11], e[11];

	if (format == CLI_JSON) {
		json_t *o = dur_stats_change_json(r, stream);
		int rc;

		cli_data_add(o);
		rc = o ? cli_print_json(o) : 1;

		json_decref(o);
		return rc;
	}
	dur_date_format(r->change - 1, e);
	dur_date_format(r->since, a);
	dur_date_format(r->change, b);
	dur_date_format(r->until, c);
	dur_fprintf_num(stdout, "before  %s..%s  %ld event%s in %.0f day%s: %.4g a day\n", a,
	       e, r->n0, r->n0 == 1 ? "" : "s", r->days0,
	       r->days0 == 1 ? "" : "s", r->rate0);
	dur_fprintf_num(stdout, "after   %s..%s  %ld event%s in %.0f day%s: %.4g a day\n", b,
	       c, r->n1, r->n1 == 1 ? "" : "s", r->days1,
	       r->days1 == 1 ? "" : "s", r->rate1);
	dur_fprintf_num(stdout, "rate ratio %.4g, %.0f%% interval %.4g to %.4g "
	       "(overdispersion %.3g, p = %.3g); exact Poisson interval "
	       "%.4g to %.4g\n",
	       r->ratio, r->level * 100, r->lo, r->hi, r->phi, r->p,
	       r->exact_lo, r->exact_hi);
	dur_fprintf_num(stdout, "%s\n", r->verdict);
	return 0;
}

/* Counts or the change test, as the options ask. */
static int query(struct dur_store *st, const struct dur_stats_query *q,
		 int has_change, int32_t change, double level, int format,
		 const char *plot, const char *out_path,
		 const char *report_path)
{
	struct dur_error err = { 0 };
	int rc;

	if (has_change) {
		struct dur_stats_change r;

		if (dur_stats_change(st, q, change, level, &r, &err))
			return report_error("stats", &err);
		return print_change(&r, format, q->stream);
	} else {
		struct dur_stats *s;

		if (dur_stats_count(st, q, &s, &err))
			return report_error("stats", &err);
		rc = output(s, q, format, plot, out_path, report_path);
		dur_stats_free(s);
		return rc;
	}
}

int cmd_stats(int argc, char **argv)
{
	struct dur_stats_query q = DUR_STATS_QUERY_INIT;
	const char *db = DUR_STORE_DEFAULT, *plot = NULL;
	const char *out_path = NULL, *report_path = NULL;
	int format = CLI_TEXT, has_change = 0, rc;
	int32_t change = 0;
	double level = DUR_STATS_LEVEL;
	long max_cells = 0;
	int source = -1;
	const struct cli_option opts[] = {
		CLI_OPT_STRING("db", &db, "FILE", "event database"),
		CLI_OPT_CHOICE("by", &q.by, bys, "period of the counts"),
		CLI_OPT_CHOICE("group", &q.group, groups,
			       "a series per model stream or per model actor "
			       "(an event counts for both its sides)"),
		CLI_OPT_CHOICE("source", &source, sources,
			       "only the events of this dataset"),
		CLI_OPT_STRING("country", &q.country, "C",
			       "only events in this country ('Pakistan', any "
			       "letter case)"),
		CLI_OPT_STRING("actor", &q.actor, "A",
			       "only events with this model actor ('ttp') or "
			       "dataset actor name on either side"),
		CLI_OPT_STRING("stream", &q.stream, "S",
			       "only this model stream (attack, strike, "
			       "clash, other)"),
		CLI_OPT_DATE("since", &q.since, &q.has_since,
			     "first day counted"),
		CLI_OPT_DATE("until", &q.until, &q.has_until,
			     "last day counted"),
		CLI_OPT_FORMAT(&format, formats),
		CLI_OPT_STRING("plot", &plot, "FILE",
			       "also draw the counts as a chart, SVG or PNG "
			       "by the extension of FILE (.svg, .png)"),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_REPORT(&report_path),
		CLI_OPT_DATE("change-since", &change, &has_change,
			     "compare rates before and after DATE"),
		CLI_OPT_DOUBLE("level", &level, 0.5, 0.9999, "P",
			       "confidence level of the intervals"),
		CLI_OPT_LONG("max-cells", &max_cells, 1, 1000000000000L, "N",
			     "most counts (periods x series) a table may "
			     "hold (default 4194304)"),
		CLI_OPT_END(),
	};
	struct dur_store *st;
	struct dur_error err = { 0 };

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc > 0)
		return cli_usage_error(&cmd, opts);
	q.max_cells = (size_t)max_cells;
	if (source >= 0)
		q.source = sources[source].name;
	if (plot && dur_chart_format_of(plot) < 0)
		return bad_usage("stats", "--plot: expected a file ending in "
					  ".svg or .png, got '%s'",
				 plot);
	if (q.has_since && q.has_until && q.until < q.since)
		return bad_usage("stats", "--until is before --since");
	if (has_change && (plot || out_path || report_path))
		return bad_usage("stats", "--plot, --out and --report are for "
					  "the counts, not the --change-since "
					  "test");
	{
		const char *const opt[] = { "--out", "--report", "--plot" };
		const char *const path[] = { out_path, report_path, plot };

		if (cli_distinct_outputs("stats", 3, opt, path))
			return 2;
	}
	if (dur_store_open(&st, db, DUR_STORE_READONLY, &err))
		return report_error("stats", &err);
	rc = cli_data_store("stats", st);
	if (!rc)
		rc = query(st, &q, has_change, change, level, format, plot, out_path,
		   report_path);
	dur_store_free(st);
	return rc;
}
