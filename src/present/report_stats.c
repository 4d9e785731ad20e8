/*
 * report_stats.c: the report of `durand stats` (docs/stats.md): totals and
 * per-period counts, and the chart of events and deaths per period.
 * Shared page and chart helpers: report.c, report_int.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/date.h"
#include "report_int.h"

/* ---- the page ------------------------------------------------------- */

/* Totals per key over all periods: sums of the result's arrays, so their
 * cells carry no data-k. */
static void stats_totals(struct dur_page *pg)
{
	const json_t *ser = json_object_get(pg->r, "series");
	static const char *const what[4] = { "events", "deaths", "deaths_low",
					     "deaths_high" };
	const char *key;
	const json_t *e;
	char b[64];

	dur_report_out(pg,
		       "<section id=\"totals\">\n<h2>Totals</h2>\n<table>\n"
		       "<thead><tr><th>%s</th><th class=\"n\">events</th>"
		       "<th class=\"n\">deaths</th><th class=\"n\">low</th>"
		       "<th class=\"n\">high</th></tr></thead>\n<tbody>\n",
		       dur_report_str(pg->r, "group", "stream"));
	json_object_foreach((json_t *)ser, key, e)
	{
		dur_report_out(pg, "<tr><td><code>");
		dur_report_esc(pg, key);
		dur_report_out(pg, "</code></td>");
		for (int w = 0; w < 4; w++) {
			const json_t *a = json_object_get(e, what[w]);
			double t = 0;

			for (size_t i = 0; i < json_array_size(a); i++)
				t += json_is_number(json_array_get(a, i))
					     ? json_number_value(
						       json_array_get(a, i))
					     : 0;
			dur_report_out(pg, "<td class=\"n\">%s</td>",
				       dur_report_fmt(t, b, sizeof(b)));
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
}

/* Every period's events and deaths per key, each cell a tagged member. */
static void stats_periods(struct dur_page *pg)
{
	const json_t *per = json_object_get(pg->r, "periods");
	const json_t *ser = json_object_get(pg->r, "series");
	const char *key;
	const json_t *e;

	dur_report_out(pg,
		       "<section id=\"periods\">\n<h2>Per %s</h2>\n<table>\n"
		       "<thead><tr><th>%s</th>",
		       dur_report_str(pg->r, "by", "period"),
		       dur_report_str(pg->r, "by", "period"));
	json_object_foreach((json_t *)ser, key, e)
	{
		dur_report_out(pg, "<th class=\"n\"><code>");
		dur_report_esc(pg, key);
		dur_report_out(pg, "</code> events</th><th class=\"n\"><code>");
		dur_report_esc(pg, key);
		dur_report_out(pg, "</code> deaths</th>");
	}
	dur_report_out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < json_array_size(per); i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), ".periods[%zu]", i);
		dur_report_out(pg, "<tr>");
		dur_report_value(pg, "td", "s", json_array_get(per, i), ip);
		json_object_foreach((json_t *)ser, key, e)
		{
			char base[256], path[320];
			const char *bp = dur_report_path_join(
				base, sizeof(base), ".series", key);

			for (int w = 0; w < 2; w++) {
				const char *m = w ? "deaths" : "events";

				snprintf(path, sizeof(path), "%s.%s[%zu]",
					 bp ? bp : "", m, i);
				dur_report_value(
					pg, "td", "n",
					json_array_get(json_object_get(e, m),
						       i),
					bp ? path : NULL);
			}
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
}

/* The dataset: each source's coverage, what a gap means, and that two
 * datasets' counts add without de-duplication. */
static void stats_dataset(struct dur_page *pg)
{
	const json_t *cov = json_object_get(pg->r, "coverage");
	const char *prev = NULL;
	int nsrc = 0;

	if (!json_array_size(cov))
		return;
	dur_report_out(pg, "<p id=\"dataset\">Data: ");
	for (size_t i = 0; i < json_array_size(cov); i++) {
		const json_t *c = json_array_get(cov, i);
		const char *src = dur_report_str(c, "source", "?");
		int same = prev && !strcmp(prev, src);

		dur_report_out(pg, "%s", same ? ", " : i ? "; " : "");
		if (!same) {
			dur_report_out(pg, "%s ",
				       !strcmp(src, "ucdp")  ? "UCDP GED" :
				       !strcmp(src, "acled") ? "ACLED" :
							      "");
			if (strcmp(src, "ucdp") && strcmp(src, "acled"))
				dur_report_esc(pg, src);
			nsrc++;
		}
		dur_report_esc(pg, dur_report_str(c, "first", "?"));
		dur_report_out(pg, " to ");
		dur_report_esc(pg, dur_report_str(c, "last", "?"));
		prev = src;
	}
	dur_report_out(pg, " (each import covers its first to last event "
			   "day; a period none covers has no data, not "
			   "zero).");
	if (nsrc > 1)
		dur_report_out(pg, " The counts add the %d datasets' events "
				   "without de-duplication: an incident both "
				   "recorded counts twice.",
			       nsrc);
	dur_report_out(pg, "</p>\n");
}

void dur_report_stats_page(struct dur_page *pg)
{
	const json_t *filt = json_object_get(pg->r, "filters");
	const char *key;
	const json_t *v;

	dur_report_head(pg, "stats");
	dur_report_meta(pg,
			(const struct dur_meta[]){ { "by", "by", "" },
						   { "per", "group", "" },
						   { "", "events", "events" },
						   { NULL, NULL, NULL } });
	json_object_foreach((json_t *)filt, key, v)
	{
		if (!json_is_string(v))
			continue;
		dur_report_out(pg, "%s ", key);
		dur_report_esc(pg, json_string_value(v));
		dur_report_out(pg, " \xc2\xb7 ");
	}
	dur_report_end_meta(pg);
	stats_dataset(pg);
	if (pg->figs.n) {
		dur_report_out(
			pg,
			"<section id=\"chart\">\n<h2>Events and deaths per "
			"%s</h2>\n",
			dur_report_str(pg->r, "by", "period"));
		dur_report_figure(pg, pg->figs.v[0]->name);
		dur_report_out(pg, "</section>\n");
	} else {
		dur_report_out(pg, "<p>No events matched.</p>\n");
	}
	stats_totals(pg);
	stats_periods(pg);
	dur_report_foot(pg);
}

/* ---- charts --------------------------------------------------------- */

/*
 * Stats: the result of `durand stats --format json` (docs/stats.md):
 * "periods" (first days, "YYYY-MM-DD") and "series", an object of
 * {"events": [...], "deaths": [...]} per stream or actor, parallel to
 * "periods". One chart: per key (the STATS_KEYS with most events), events as
 * a solid line on the left axis and deaths as a dashed one in the same
 * colour on the right axis (deaths run to ten times the events: on one
 * axis the events lie flat along the bottom).
 */
#define STATS_KEYS 6

/* "monthly" for "month": the chart's name and the title's adjective. */
static const char *period_adj(const char *by)
{
	static const char *const by_name[4] = { "day", "week", "month",
						"year" };
	static const char *const adj[4] = { "daily", "weekly", "monthly",
					    "yearly" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(by, by_name[i]))
			return adj[i];
	return "per-period";
}

static double array_sum(const json_t *a)
{
	double t = 0;

	for (size_t i = 0; i < json_array_size(a); i++) {
		const json_t *v = json_array_get(a, i);

		if (json_is_number(v))
			t += json_number_value(v);
	}
	return t;
}

int dur_report_stats_figs(const json_t *r, struct dur_figs *fs,
			  struct dur_error *err)
{
	const json_t *per = json_object_get(r, "periods");
	const json_t *ser = json_object_get(r, "series");
	const char *by = dur_report_str(r, "by", "month");
	const char *grp = dur_report_str(r, "group", "stream");
	const char *keys[STATS_KEYS], *key, *why;
	char lab2[96];
	double tot[STATS_KEYS], *x;
	size_t np = json_array_size(per), nk = 0;
	int32_t d0 = 0;
	const json_t *e;
	struct dur_fig *f;

	if (!json_is_array(per) || !json_is_object(ser))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "stats result needs 'periods' and "
				     "'series'");
	/* the keys with most events, in the result's order */
	json_object_foreach((json_t *)ser, key, e)
	{
		double t = array_sum(json_object_get(e, "events"));
		size_t j;

		if (nk == STATS_KEYS) {
			size_t m = 0;

			for (j = 1; j < nk; j++)
				if (tot[j] < tot[m])
					m = j;
			if (t <= tot[m])
				continue;
			memmove(keys + m, keys + m + 1,
				(nk - m - 1) * sizeof(*keys));
			memmove(tot + m, tot + m + 1,
				(nk - m - 1) * sizeof(*tot));
			nk--;
		}
		keys[nk] = key;
		tot[nk++] = t;
	}
	if (!np || !nk)
		return 0; /* nothing to draw; the page says so */
	f = dur_report_fig_new(fs, r, period_adj(by), DUR_CHART_XY);
	if (!f)
		return dur_report_oom(err);
	x = dur_report_fig_alloc(f, np, sizeof(double));
	if (!x)
		return dur_report_oom(err);
	for (size_t i = 0; i < np; i++) {
		const char *p = json_string_value(json_array_get(per, i));
		int32_t d;

		if (!p || dur_date_parse(p, strlen(p), &d, &why))
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "stats result: period %zu is not "
					     "a date",
					     i + 1);
		if (!i)
			d0 = d;
		x[i] = d - d0;
	}
	for (size_t j = 0; j < nk; j++) {
		const json_t *k = json_object_get(ser, keys[j]);
		static const char *const what[2] = { "events", "deaths" };

		for (int w = 0; w < 2; w++) {
			size_t n;
			double *y = dur_report_nums(
				f, json_object_get(k, what[w]), &n);
			char lab[96];

			if (!y)
				return dur_report_oom(err);
			snprintf(lab, sizeof(lab), "%s %s", keys[j], what[w]);
			f->s[2 * j + (size_t)w] = (struct dur_chart_series){
				dur_report_fig_strdup(f, lab),
				DUR_MARK_LINE,
				(int)j,
				w ? 2 : 0,
				0,
				n < np ? n : np,
				x,
				y,
				NULL,
				NULL,
				NULL
			};
			if (!f->s[2 * j + (size_t)w].name)
				return dur_report_oom(err);
			if (w) /* deaths on their own axis, on the right */
				f->c.right |= (uint64_t)1 << (2 * j + 1);
		}
	}
	f->c.nseries = 2 * nk;
	f->c.x_dates = 1;
	f->c.date0 = d0;
	snprintf(f->title, sizeof(f->title), "Events and deaths per %s, by %s",
		 by, grp);
	snprintf(f->xlabel, sizeof(f->xlabel), "%s (first day)", by);
	snprintf(f->ylabel, sizeof(f->ylabel), "events per %s (solid lines)",
		 by);
	snprintf(lab2, sizeof(lab2), "deaths per %s (dashed lines)", by);
	f->c.y2label = dur_report_fig_strdup(f, lab2);
	if (!f->c.y2label)
		return dur_report_oom(err);
	snprintf(f->caption, sizeof(f->caption),
		 "durand stats \xc2\xb7 %s "
		 "\xc2\xb7 %s to %s",
		 dur_report_str(r, "group", "stream"),
		 json_string_value(json_array_get(per, 0)),
		 json_string_value(json_array_get(per, np - 1)));
	snprintf(f->note, sizeof(f->note),
		 "Events (solid lines, left axis) and deaths, the datasets' "
		 "best estimates (dashed lines, right axis), in each %s, one "
		 "colour per %s (the %d with most events).",
		 by, grp, STATS_KEYS);
	return 0;
}
