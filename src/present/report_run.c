/*
 * report_run.c: the report of `durand run` (an ensemble): its key figures,
 * outcome tables, escalation ladder and what-ifs, and its charts (fans of
 * deaths over time, the ladder, the first strike, the what-ifs). Shared page
 * and chart helpers: report.c, report_int.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/result.h"
#include "report_int.h"

/* The outcomes charted month by month: name, chart, title, unit. */
static const struct {
	const char *key, *fig, *title, *unit;
} month_charts[] = {
	{ "attacks", "monthly-attacks", "Militant attacks", "attacks" },
	{ "fatalities_pakistan", "monthly-fatalities-pakistan",
	  "Killed in Pakistan", "people" },
	{ "fatalities_afghanistan", "monthly-fatalities-afghanistan",
	  "Killed in Afghanistan", "people" },
};


/* ---- the page ------------------------------------------------------- */

/* A cell "CHANGE [LO, HI]" of a paired change at jq path base. */
static void change_cell(struct dur_page *pg, const json_t *c, const char *base)
{
	char p[256];

	dur_report_out(pg, "<td class=\"n\">");
	dur_report_value(pg, "span", "n", json_object_get(c, "change"),
			 dur_report_path_join(p, sizeof(p), base, "change"));
	dur_report_out(pg, " <small>[");
	dur_report_value(pg, "span", "n", json_object_get(c, "lo"),
			 dur_report_path_join(p, sizeof(p), base, "lo"));
	dur_report_out(pg, ", ");
	dur_report_value(pg, "span", "n", json_object_get(c, "hi"),
			 dur_report_path_join(p, sizeof(p), base, "hi"));
	dur_report_out(pg, "]</small></td>");
}

/* The outcomes of the side-by-side table of what-ifs (the text's). */
static const char *const side_keys[] = { "attacks", "fatalities_pakistan",
					  "fatalities_afghanistan",
					  "border_clashes", "closure_days" };

/* A cell of what-if w's mean difference of outcome key and its standard
 * error. */
static void diff_cell(struct dur_page *pg, const json_t *wi, size_t w,
		      const char *key)
{
	const json_t *d = json_object_get(json_object_get(wi, "difference"),
					  key);
	char base[96], path[256], p2[300];

	snprintf(base, sizeof(base), ".what_if[%zu].difference", w);
	dur_report_path_join(path, sizeof(path), base, key);
	dur_report_out(pg, "<td class=\"n\">");
	dur_report_value(pg, "span", "n", json_object_get(d, "mean"),
			 dur_report_path_join(p2, sizeof(p2), path, "mean"));
	dur_report_out(pg, " <small>s.e. ");
	dur_report_value(pg, "span", "n", json_object_get(d, "se"),
			 dur_report_path_join(p2, sizeof(p2), path, "se"));
	dur_report_out(pg, "</small></td>");
}

/* The what-ifs side by side (the README's table, turned to fit a page): a
 * row per outcome or share, the baseline's mean or share, then a column
 * per what-if with its paired change (docs/report.md). */
static void run_side_by_side(struct dur_page *pg)
{
	const json_t *r = pg->r, *wa = json_object_get(r, "what_if");
	const json_t *o = json_object_get(r, "outcomes");
	const json_t *esc = json_object_get(r, "escalation");
	const size_t nk = sizeof(side_keys) / sizeof(side_keys[0]);
	size_t nw = json_array_size(wa);
	char path[256], lab[160];

	dur_report_out(pg, "<table class=\"side\">\n<thead><tr><th></th>"
			   "<th>unit</th><th class=\"n\">baseline</th>");
	for (size_t w = 0; w < nw; w++) {
		dur_report_out(pg, "<th class=\"n\">");
		dur_report_esc(pg, dur_report_str(json_array_get(wa, w),
						  "name", "what-if"));
		dur_report_out(pg, ": change</th>");
	}
	dur_report_out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t c = 0; c < nk; c++) {
		dur_report_out(pg, "<tr><td>");
		dur_report_esc(pg, dur_report_outcome_label(r, side_keys[c], lab,
							    sizeof(lab)));
		dur_report_out(pg, "</td><td>");
		dur_report_esc(pg, dur_report_unit(r, side_keys[c]));
		dur_report_out(pg, ", mean</td>");
		dur_report_cell(pg, json_object_get(o, side_keys[c]),
				dur_report_path_join(path, sizeof(path),
						     ".outcomes", side_keys[c]),
				"mean");
		for (size_t w = 0; w < nw; w++)
			diff_cell(pg, json_array_get(wa, w), w, side_keys[c]);
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "<tr><td>first strike in Afghanistan</td>"
			   "<td>share of runs</td>");
	dur_report_cell(pg, json_object_get(r, "first_strike"),
			".first_strike", "p");
	for (size_t w = 0; w < nw; w++) {
		snprintf(path, sizeof(path),
			 ".what_if[%zu].change.first_strike", w);
		change_cell(pg,
			    json_object_get(json_object_get(json_array_get(wa,
									 w),
							    "change"),
					    "first_strike"),
			    path);
	}
	dur_report_out(pg, "</tr>\n");
	for (size_t i = 0; i < json_array_size(esc); i++) {
		const json_t *e = json_array_get(esc, i);

		if (!(dur_report_num(e, "p_start") < 1))
			continue; /* every run starts there or above */
		dur_report_out(pg, "<tr><td>reaching rung %.0f ",
			       dur_report_num(e, "rung"));
		dur_report_esc(pg, dur_report_str(e, "name", ""));
		dur_report_out(pg, "</td><td>share of runs</td>");
		snprintf(path, sizeof(path), ".escalation[%zu]", i);
		dur_report_cell(pg, e, path, "p_reach");
		for (size_t w = 0; w < nw; w++) {
			const json_t *ce = json_object_get(
				json_object_get(json_array_get(wa, w),
						"change"),
				"escalation");

			snprintf(path, sizeof(path),
				 ".what_if[%zu].change.escalation[%zu]", w, i);
			change_cell(pg, json_array_get(ce, i), path);
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n<p>The baseline's means and "
			   "shares of runs, then each what-if's change, run by "
			   "run against the same run of the baseline (common "
			   "random numbers): the mean difference with its "
			   "standard error, and the change in a share with its "
			   "95%% interval from the paired runs.</p>\n");
}

static void run_what_ifs(struct dur_page *pg)
{
	const json_t *wa = json_object_get(pg->r, "what_if");
	const json_t *base = json_object_get(pg->r, "outcomes");
	const char *id, *title, *unit;

	if (!json_array_size(wa))
		return;
	dur_report_out(pg, "<section id=\"what-if\">\n<h2>What-ifs against the "
			   "baseline</h2>\n");
	run_side_by_side(pg);
	dur_report_figure(pg, "what-if-ladder");
	for (size_t g = 0; dur_result_outcome_group(g, &id, &title, &unit);
	     g++) {
		char name[64];

		snprintf(name, sizeof(name), "what-if-%s", id);
		dur_report_figure(pg, name);
	}
	for (size_t w = 0; w < json_array_size(wa); w++) {
		const json_t *wi = json_array_get(wa, w);
		const json_t *diff = json_object_get(wi, "difference");
		const json_t *wo = json_object_get(wi, "outcomes");
		const json_t *ce = json_object_get(json_object_get(wi, "change"),
						   "escalation");
		const char *key;
		const json_t *d;
		char path[256];

		dur_report_out(pg, "<h3>");
		dur_report_esc(pg, dur_report_str(wi, "name", "what-if"));
		dur_report_out(pg, "</h3>\n<p>");
		dur_report_esc(pg, dur_report_str(wi, "description", ""));
		dur_report_out(pg, "</p>\n");
		if (json_array_size(ce)) {
			dur_report_out(
				pg,
				"<table>\n<thead><tr><th class=\"n\">rung</th>"
				"<th>name</th><th class=\"n\">change in the "
				"share reaching it</th><th class=\"n\">95%% "
				"from</th><th class=\"n\">to</th>"
				"<th class=\"n\">runs that gain it</th>"
				"<th class=\"n\">runs that lose it</th></tr>"
				"</thead>\n<tbody>\n");
			snprintf(path, sizeof(path),
				 ".what_if[%zu].change.escalation", w);
			dur_report_rows(pg, ce, path,
					(const char *const[]){ "rung", "name",
							       "change", "lo",
							       "hi", "runs_up",
							       "runs_down",
							       NULL });
			dur_report_out(pg, "</tbody>\n</table>\n");
		}
		dur_report_out(
			pg,
			"<table>\n<thead><tr><th>outcome</th><th>unit</th>"
			"<th class=\"n\">baseline mean</th>"
			"<th class=\"n\">what-if mean</th>"
			"<th class=\"n\">difference, mean</th>"
			"<th class=\"n\">5%%</th><th class=\"n\">median</th>"
			"<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n");
		json_object_foreach((json_t *)diff, key, d)
		{
			const char *b;
			char wb[64], label[160];

			/* the outcome's label where a person reads, its name
			 * on hover */
			dur_report_out(pg, "<tr><td title=\"");
			dur_report_esc(pg, key);
			dur_report_out(pg, "\">");
			dur_report_esc(pg, dur_report_outcome_label(
						   pg->r, key, label,
						   sizeof(label)));
			dur_report_out(pg, "</td><td>");
			dur_report_esc(pg, dur_report_unit(pg->r, key));
			dur_report_out(pg, "</td>");
			b = dur_report_path_join(path, sizeof(path),
						 ".outcomes", key);
			dur_report_cell(pg, json_object_get(base, key), b,
					"mean");
			snprintf(wb, sizeof(wb), ".what_if[%zu].outcomes", w);
			b = dur_report_path_join(path, sizeof(path), wb, key);
			dur_report_cell(pg, json_object_get(wo, key), b,
					"mean");
			snprintf(wb, sizeof(wb), ".what_if[%zu].difference", w);
			b = dur_report_path_join(path, sizeof(path), wb, key);
			dur_report_cells(pg, d, b,
					 (const char *const[]){ "mean", "q05",
								"q50", "q95",
								NULL });
			dur_report_out(pg, "</tr>\n");
		}
		dur_report_out(pg, "</tbody>\n</table>\n");
	}
	dur_report_out(pg, "</section>\n");
}

/* Month by month: the charts, then a table of each month's medians and
 * 90% intervals. */
static void run_months(struct dur_page *pg)
{
	const json_t *a = json_object_get(pg->r, "monthly");
	static const char *const keys[] = { "attacks", "fatalities_pakistan",
					    "strikes", "closure_days" };
	static const char *const heads[] = { "militant attacks",
					     "killed in Pakistan",
					     "strikes in Afghanistan",
					     "crossing-days closed" };

	if (!json_array_size(a))
		return;
	dur_report_out(pg, "<section id=\"monthly\">\n<h2>Month by month"
			   "</h2>\n");
	for (size_t k = 0; k < sizeof(month_charts) / sizeof(month_charts[0]);
	     k++)
		dur_report_figure(pg, month_charts[k].fig);
	dur_report_out(pg, "<table>\n<thead><tr><th>month</th><th>from</th>"
			   "<th>until</th><th class=\"n\">days</th>");
	for (size_t c = 0; c < 4; c++)
		dur_report_out(pg, "<th class=\"n\">%s, median</th>"
				   "<th class=\"n\">5%%</th>"
				   "<th class=\"n\">95%%</th>",
			       heads[c]);
	dur_report_out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t m = 0; m < json_array_size(a); m++) {
		const json_t *e = json_array_get(a, m);
		const json_t *o = json_object_get(e, "outcomes");
		char base[64], path[128];

		snprintf(base, sizeof(base), ".monthly[%zu]", m);
		dur_report_out(pg, "<tr>");
		dur_report_cells(pg, e, base,
				 (const char *const[]){ "month", "from",
							"until", "days",
							NULL });
		for (size_t c = 0; c < 4; c++) {
			snprintf(path, sizeof(path), "%s.outcomes.%s", base,
				 keys[c]);
			dur_report_cells(pg, json_object_get(o, keys[c]),
					 path,
					 (const char *const[]){ "q50", "q05",
								"q95", NULL });
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n<p>Each month's own count "
			   "in the runs, not the running total. ");
	if (json_is_true(json_object_get(json_array_get(a, 0), "partial")) ||
	    json_is_true(json_object_get(
		    json_array_get(a, json_array_size(a) - 1), "partial")))
		dur_report_out(pg, "The first or last month is partial: the "
				   "horizon holds only the days shown.");
	dur_report_out(pg, "</p>\n</section>\n");
}

/* A row of the thresholds' table: threshold k (t) under the baseline (wi
 * NULL) or what-if w (wi), headed by the threshold's words (head). */
static void threshold_row(struct dur_page *pg, const json_t *t, size_t k,
			  const char *head, const json_t *wi, size_t w)
{
	char path[96];

	dur_report_out(pg, "<tr><td title=\"");
	dur_report_esc(pg, dur_report_str(t, "threshold", ""));
	dur_report_out(pg, "\">");
	dur_report_esc(pg, head);
	dur_report_out(pg, "</td><td>");
	dur_report_esc(pg, dur_report_str(t, "by", "the horizon's end"));
	dur_report_out(pg, "</td><td>");
	dur_report_esc(pg, wi ? dur_report_str(wi, "name", "?") : "baseline");
	dur_report_out(pg, "</td>");
	if (!wi) {
		snprintf(path, sizeof(path), ".probabilities[%zu]", k);
		dur_report_cells(pg, t, path,
				 (const char *const[]){ "p", "lo", "hi", NULL });
		dur_report_out(pg, "<td></td><td></td><td></td></tr>\n");
		return;
	}
	snprintf(path, sizeof(path), ".what_if[%zu].probabilities[%zu]", w, k);
	dur_report_cells(pg,
			 json_array_get(json_object_get(wi, "probabilities"), k),
			 path, (const char *const[]){ "p", "lo", "hi", NULL });
	snprintf(path, sizeof(path), ".what_if[%zu].probabilities_change[%zu]",
		 w, k);
	dur_report_cells(
		pg,
		json_array_get(json_object_get(wi, "probabilities_change"), k),
		path, (const char *const[]){ "change", "lo", "hi", NULL });
	dur_report_out(pg, "</tr>\n");
}

/* The --prob thresholds: each one's share of runs and its interval, and
 * under each what-if its share and the change from the baseline (paired
 * runs), in one table, a row per threshold and variant. */
static void run_thresholds(struct dur_page *pg)
{
	const json_t *pa = json_object_get(pg->r, "probabilities");
	const json_t *wa = json_object_get(pg->r, "what_if");

	if (!json_array_size(pa))
		return;
	dur_report_out(
		pg,
		"<section id=\"thresholds\">\n<h2>Thresholds</h2>\n"
		"<table>\n<thead><tr><th>threshold</th><th>by</th>"
		"<th>runs</th><th class=\"n\">probability</th>"
		"<th class=\"n\">95%% from</th><th class=\"n\">to</th>"
		"<th class=\"n\">change from the baseline</th>"
		"<th class=\"n\">95%% from</th><th class=\"n\">to</th>"
		"</tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < json_array_size(pa); k++) {
		const json_t *t = json_array_get(pa, k);
		char label[128], x[64], head[300];

		/* "militant attacks >= 600", the same on every variant's row */
		snprintf(head, sizeof(head), "%s %s %s",
			 dur_report_outcome_label(
				 pg->r, dur_report_str(t, "outcome", "?"),
				 label, sizeof(label)),
			 dur_report_str(t, "op", "?"),
			 dur_report_fmt(dur_report_num(t, "value"), x,
					sizeof(x)));
		threshold_row(pg, t, k, head, NULL, 0);
		for (size_t w = 0; w < json_array_size(wa); w++)
			threshold_row(pg, t, k, head, json_array_get(wa, w),
				      w);
	}
	dur_report_out(pg, "</tbody>\n</table>\n<p>The share of runs past "
			   "each threshold, by the date given or over the "
			   "horizon, with its 95%% Monte Carlo interval "
			   "(Wilson); a what-if's change is counted run by run "
			   "against the baseline's same run, with its 95%% "
			   "interval.</p>\n</section>\n");
}


/* A key figure with the range that holds 90% of the runs in its label
 * ("90% of runs 522-878"; money in words), the median tagged. */
static void range_card(struct dur_page *pg, const char *label,
		       const json_t *st, const char *base, int money)
{
	double m = dur_report_num(st, "q50"), lo = dur_report_num(st, "q05"),
	       hi = dur_report_num(st, "q95");
	char lab[256], a[48], b[48], c[48];

	if (money && isfinite(m)) {
		/* in words, the exact median tagged in the label */
		char path[128];

		snprintf(path, sizeof(path), "%s.q50", base);
		dur_report_out(pg, "<div><span class=\"v\">");
		dur_report_esc(pg, dur_result_fmt_money(c, sizeof(c), m));
		dur_report_out(pg, "</span><span class=\"l\">");
		snprintf(lab, sizeof(lab), "%s; 90%% of runs %s to %s (exactly ",
			 label, dur_result_fmt_money(a, sizeof(a), lo),
			 dur_result_fmt_money(b, sizeof(b), hi));
		dur_report_esc(pg, lab);
		dur_report_value(pg, "span", "x", json_object_get(st, "q50"),
				 path);
		dur_report_out(pg, ")</span></div>\n");
		return;
	}
	if (isfinite(lo) && isfinite(hi))
		snprintf(lab, sizeof(lab), "%s; 90%% of runs %s\xe2\x80\x93%s",
			 label, dur_report_fmt(lo, a, sizeof(a)),
			 dur_report_fmt(hi, b, sizeof(b)));
	else
		snprintf(lab, sizeof(lab), "%s", label);
	dur_report_key_fig(pg, lab, st, base, "q50");
}

/* The chance of a first strike as a percentage with its 95% Monte Carlo
 * interval (Wilson's), the share itself tagged in the label. */
static void first_strike_card(struct dur_page *pg, const json_t *fs)
{
	double p = dur_report_num(fs, "p"), lo = dur_report_num(fs, "lo"),
	       hi = dur_report_num(fs, "hi");

	if (!isfinite(p))
		return;
	dur_report_out(pg, "<div><span class=\"v\">%.1f%%</span>"
			   "<span class=\"l\">chance of a first strike within "
			   "the horizon; 95%% interval %.1f%%\xe2\x80\x93%.1f%% "
			   "(share ",
		       100 * p, 100 * lo, 100 * hi);
	dur_report_value(pg, "span", "x", json_object_get(fs, "p"),
			 ".first_strike.p");
	dur_report_out(pg, ")</span></div>\n");
}

/* The answer first: the result's headline sentence (docs/output.md). */
static void answer(struct dur_page *pg)
{
	const char *t = dur_report_str(json_object_get(pg->r, "headline"),
				       "text", NULL);

	if (!t)
		return;
	dur_report_out(pg, "<p class=\"answer\">");
	dur_report_esc(pg, t);
	dur_report_out(pg, " Brackets: 95%% Monte Carlo interval "
			   "(Wilson).</p>\n");
}

void dur_report_run_page(struct dur_page *pg)
{
	const json_t *r = pg->r;
	const json_t *o = json_object_get(r, "outcomes");
	const json_t *fs = json_object_get(r, "first_strike");
	const json_t *esc_a = json_object_get(r, "escalation");
	const json_t *cr = json_object_get(r, "crossings");
	const json_t *cd = json_object_get(r, "ceasefire_duration");
	char path[256];

	dur_report_head(pg, "run");
	dur_report_meta(pg, (const struct dur_meta[]){ { "from", "start", "" },
						       { "", "days", "days" },
						       { "", "runs", "runs" },
						       { "seed", "seed", "" },
						       { NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	answer(pg);
	dur_report_out(pg, "<section id=\"summary\">\n<h2>Key figures</h2>\n"
			   "<div class=\"key\">\n");
	first_strike_card(pg, fs);
	range_card(pg, "Pakistani deaths, median",
		   json_object_get(o, "fatalities_pakistan"),
		   ".outcomes.fatalities_pakistan", 0);
	range_card(pg, "Afghan deaths, median",
		   json_object_get(o, "fatalities_afghanistan"),
		   ".outcomes.fatalities_afghanistan", 0);
	range_card(pg, "militant attacks, median", json_object_get(o, "attacks"),
		   ".outcomes.attacks", 0);
	range_card(pg, "crossing-days closed, median",
		   json_object_get(o, "closure_days"), ".outcomes.closure_days",
		   0);
	range_card(pg, "trade lost, median",
		   json_object_get(o, "trade_lost_usd"),
		   ".outcomes.trade_lost_usd", 1);
	dur_report_out(pg, "</div>\n</section>\n");

	if (dur_report_figs_find(&pg->figs, "fan-pakistan") ||
	    dur_report_figs_find(&pg->figs, "fan-afghanistan")) {
		dur_report_out(
			pg,
			"<section id=\"fatalities\">\n<h2>Fatalities over the "
			"horizon</h2>\n");
		dur_report_figure(pg, "fan-pakistan");
		dur_report_figure(pg, "fan-afghanistan");
		dur_report_out(pg, "</section>\n");
	}

	run_months(pg);

	dur_report_out(pg,
		       "<section id=\"escalation\">\n<h2>Escalation</h2>\n");
	dur_report_figure(pg, "ladder");
	if (json_array_size(esc_a)) {
		dur_report_out(
			pg,
			"<table>\n<thead><tr><th class=\"n\">rung</th>"
			"<th>name</th><th class=\"n\">probability of reaching "
			"it</th></tr></thead>\n<tbody>\n");
		dur_report_rows(pg, esc_a, ".escalation",
				(const char *const[]){ "rung", "name",
						       "p_reach", NULL });
		dur_report_out(pg, "</tbody>\n</table>\n");
	}
	dur_report_out(pg, "</section>\n");

	if (json_is_object(fs)) {
		dur_report_out(
			pg, "<section id=\"first-strike\">\n<h2>Time to first "
			    "strike</h2>\n");
		dur_report_figure(pg, "first-strike");
		dur_report_out(
			pg, "<table>\n<thead><tr><th class=\"n\">probability "
			    "within the horizon</th><th class=\"n\">5%% "
			    "(day)</th><th class=\"n\">median (day)</th>"
			    "<th class=\"n\">95%% (day)</th></tr></thead>\n"
			    "<tbody>\n<tr>");
		dur_report_cells(pg, fs, ".first_strike",
				 (const char *const[]){ "p", "q05", "q50",
							"q95", NULL });
		dur_report_out(pg, "</tr>\n</tbody>\n</table>\n</section>\n");
	}

	run_thresholds(pg);

	dur_report_out(
		pg, "<section id=\"outcomes\">\n<h2>Outcomes over the horizon"
		    "</h2>\n");
	dur_report_quantile_head(pg, "outcome");
	dur_report_quantile_rows(pg, o, ".outcomes");
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");

	if (json_array_size(cr)) {
		dur_report_out(
			pg, "<section id=\"crossings\">\n<h2>Border crossings"
			    "</h2>\n");
		dur_report_quantile_head(pg, "crossing's outcome");
		for (size_t i = 0; i < json_array_size(cr); i++) {
			const json_t *c = json_array_get(cr, i);
			const char *key;
			const json_t *st;

			json_object_foreach((json_t *)c, key, st)
			{
				static const char *const cols[] = {
					"mean", "se",  "q05", "q25",
					"q50",	"q75", "q95"
				};

				char cb[64], full[128], lab[160];
				const char *b;

				if (!json_is_object(st))
					continue;
				snprintf(cb, sizeof(cb), ".crossings[%zu]", i);
				b = dur_report_path_join(path, sizeof(path), cb,
							 key);
				/* the crossing's own outcome: its label and
				 * unit, "closure_days.torkham" on hover */
				snprintf(full, sizeof(full), "%s.%s", key,
					 dur_report_str(c, "name", "?"));
				dur_report_out(pg, "<tr><td title=\"");
				dur_report_esc(pg, full);
				dur_report_out(pg, "\">");
				dur_report_esc(pg, dur_report_outcome_label(
							   pg->r, full, lab,
							   sizeof(lab)));
				dur_report_out(pg, "</td><td>");
				dur_report_esc(pg,
					       dur_report_unit(pg->r, full));
				dur_report_out(pg, "</td>");
				for (size_t j = 0; j < 7; j++)
					dur_report_cell(pg, st, b, cols[j]);
				dur_report_out(pg, "</tr>\n");
			}
		}
		dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	}

	if (json_is_object(cd)) {
		dur_report_out(
			pg,
			"<section id=\"ceasefires\">\n<h2>Ceasefires</h2>\n"
			"<table>\n<thead><tr><th class=\"n\">ceasefires "
			"begun</th><th class=\"n\">mean duration (days)</th>"
			"<th class=\"n\">5%%</th><th class=\"n\">median</th>"
			"<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n"
			"<tr>");
		dur_report_cells(pg, cd, ".ceasefire_duration",
				 (const char *const[]){ "n", "mean", "q05",
							"q50", "q95", NULL });
		dur_report_out(pg, "</tr>\n</tbody>\n</table>\n</section>\n");
	}
	run_what_ifs(pg);
	dur_report_foot(pg);
}

/* ---- charts --------------------------------------------------------- */

/* The quantiles a fan draws, outermost first. */
static const char *const fan_q[5] = { "q05", "q25", "q50", "q75", "q95" };

/* A fan's three series in palette style: the 90% band (v[0] to v[4], n90
 * points), the 50% band (v[1] to v[3], n50) and the median line (v[2],
 * nmed), over x (NULL: the day). */
static void fan_series(struct dur_fig *f, int style, const double *x,
		       double *const v[5], size_t n90, size_t n50, size_t nmed)
{
	f->s[0] = (struct dur_chart_series){ "90% of runs", DUR_MARK_BAND,
					     style, 0, 0.2, n90, x, NULL,
					     v[0], v[4], NULL };
	f->s[1] = (struct dur_chart_series){ "50% of runs", DUR_MARK_BAND,
					     style, 0, 0.45, n50, x, NULL,
					     v[1], v[3], NULL };
	f->s[2] = (struct dur_chart_series){ "median", DUR_MARK_LINE, style,
					     0, 0, nmed, x, v[2], NULL, NULL,
					     NULL };
	f->c.nseries = 3;
}

static int fan(struct dur_figs *fs, const json_t *r, const char *key,
	       const char *side, int style)
{
	const json_t *d = json_object_get(json_object_get(r, "daily"), key);
	double *v[5];
	size_t n[5];
	struct dur_fig *f;
	char name[64];

	if (!json_is_object(d))
		return 0;
	snprintf(name, sizeof(name), "fan-%s", side);
	f = dur_report_fig_new(fs, r, name, DUR_CHART_XY);
	if (!f)
		return -1;
	for (int i = 0; i < 5; i++) {
		if (!json_is_array(json_object_get(d, fan_q[i]))) {
			dur_report_fig_drop(
				fs); /* a quantile missing: no chart */
			return 0;
		}
		v[i] = dur_report_nums(f, json_object_get(d, fan_q[i]), &n[i]);
		if (!v[i])
			return -1;
	}
	snprintf(f->title, sizeof(f->title),
		 "Cumulative fatalities, %s: median and 50%% and 90%% bands",
		 side[0] == 'p' ? "Pakistan" : "Afghanistan");
	snprintf(f->ylabel, sizeof(f->ylabel), "deaths since day 0 (people)");
	dur_report_date_axis(f, r);
	fan_series(f, style, NULL, v, n[0] < n[4] ? n[0] : n[4],
		   n[1] < n[3] ? n[1] : n[3], n[2]);
	snprintf(f->note, sizeof(f->note),
		 "Deaths on the %s side counted from day 0. Half of the runs "
		 "lie in the dark band on each day, nine in ten in the light "
		 "band; the line is the median run-day value.",
		 side[0] == 'p' ? "Pakistani" : "Afghan");
	return 0;
}

/* Day offset of a month's first day and one past its last, from "from"
 * and "until" against the result's start; -1 if a date is missing. */
static int month_span(const json_t *m, int32_t start, double *a, double *b)
{
	int32_t df, du;

	if (dur_report_date(m, "from", &df) || dur_report_date(m, "until", &du))
		return -1;
	*a = df - start;
	*b = du - start + 1;
	return 0;
}

/* Each calendar month's own count of one outcome: the median and the 50%
 * and 90% bands, each month a flat step from its first day to its last. */
static int month_chart(struct dur_figs *fs, const json_t *r, int k)
{
	const json_t *a = json_object_get(r, "monthly");
	size_t nm = json_array_size(a), n = 2 * nm;
	struct dur_fig *f;
	double *x, *v[5];
	int32_t start;

	if (!nm || dur_report_date(r, "start", &start))
		return 0;
	f = dur_report_fig_new(fs, r, month_charts[k].fig, DUR_CHART_XY);
	if (!f)
		return -1;
	x = dur_report_fig_alloc(f, n, sizeof(*x));
	for (int i = 0; i < 5; i++)
		v[i] = dur_report_fig_alloc(f, n, sizeof(*v[i]));
	if (!x || !v[0] || !v[1] || !v[2] || !v[3] || !v[4])
		return -1;
	for (size_t m = 0; m < nm; m++) {
		const json_t *e = json_array_get(a, m);
		const json_t *o = json_object_get(json_object_get(e, "outcomes"),
						  month_charts[k].key);

		if (!json_is_object(o) ||
		    month_span(e, start, &x[2 * m], &x[2 * m + 1])) {
			dur_report_fig_drop(fs);
			return 0;
		}
		for (int i = 0; i < 5; i++)
			v[i][2 * m] = v[i][2 * m + 1] =
				dur_report_num(o, fan_q[i]);
	}
	snprintf(f->title, sizeof(f->title),
		 "%s each month: median and 50%% and 90%% bands",
		 month_charts[k].title);
	snprintf(f->ylabel, sizeof(f->ylabel), "in the month (%s)",
		 month_charts[k].unit);
	dur_report_date_axis(f, r);
	fan_series(f, k, x, v, n, n, n);
	{
		/* from zero, and a band at 0 just clear of the frame */
		double top = 0;

		for (size_t i = 0; i < n; i++)
			if (v[4][i] > top)
				top = v[4][i];
		f->c.ymin = -0.02 * (top > 0 ? top : 1);
	}
	snprintf(f->note, sizeof(f->note),
		 "Each calendar month's own count (not the running total), "
		 "drawn flat across the month. Half of the runs lie in the "
		 "dark band, nine in ten in the light band. A first or last "
		 "month the horizon holds only part of counts only its "
		 "days (the table below gives them).");
	return 0;
}

static int ladder(struct dur_figs *fs, const json_t *r)
{
	const json_t *a =
		json_object_get(json_object_get(r, "daily"), "rung_at_least");
	struct dur_fig *f;
	size_t k = 0;

	if (!json_is_array(a) || !json_array_size(a))
		return 0;
	f = dur_report_fig_new(fs, r, "ladder", DUR_CHART_XY);
	if (!f)
		return -1;
	snprintf(f->title, sizeof(f->title),
		 "Probability of being at or above each rung, day by day");
	snprintf(f->ylabel, sizeof(f->ylabel), "probability (share of runs)");
	dur_report_date_axis(f, r);
	f->c.ymin = -0.015; /* lines at 0 and 1 stay clear of the frame */
	f->c.ymax = 1.015;
	for (size_t i = 0; i < json_array_size(a) && k < DUR_FIG_SERIES; i++) {
		const json_t *e = json_array_get(a, i);
		char lab[96];
		size_t n;
		double *p = dur_report_nums(f, json_object_get(e, "p"), &n);
		double rung = dur_report_num(e, "rung");

		if (!p)
			continue;
		snprintf(lab, sizeof(lab), "\xe2\x89\xa5 %s%.0f %s",
			 isfinite(rung) ? "" : "?", isfinite(rung) ? rung : 0,
			 dur_report_str(e, "name", ""));
		f->s[k] = (struct dur_chart_series){ dur_report_fig_strdup(f,
									   lab),
						     DUR_MARK_STEP,
						     (int)k,
						     (int)(k % 6),
						     0,
						     n,
						     NULL,
						     p,
						     NULL,
						     NULL,
						     NULL };
		if (!f->s[k].name)
			return -1;
		k++;
	}
	f->c.nseries = k;
	if (!k) {
		dur_report_fig_drop(fs);
		return 0;
	}
	snprintf(f->note, sizeof(f->note),
		 "Each line is the share of runs whose escalation rung on that "
		 "day is at or above the rung named.");
	return 0;
}

static int first_strike(struct dur_figs *fs, const json_t *r)
{
	const json_t *fsj = json_object_get(r, "first_strike");
	static const char *const qk[3] = { "q05", "q50", "q95" };
	static const char *const ql[3] = { "5%", "median", "95%" };
	struct dur_fig *f;
	double *cdf, *qx;
	const char **lab;
	size_t n, nq = 0;
	char pb[32];

	if (!json_is_object(fsj) || !json_is_array(json_object_get(fsj, "cdf")))
		return 0;
	f = dur_report_fig_new(fs, r, "first-strike", DUR_CHART_XY);
	if (!f)
		return -1;
	cdf = dur_report_nums(f, json_object_get(fsj, "cdf"), &n);
	qx = dur_report_fig_alloc(f, 3, sizeof(double));
	lab = dur_report_fig_alloc(f, 3, sizeof(char *));
	if (!cdf || !qx || !lab)
		return -1;
	for (int i = 0; i < 3; i++) {
		double q = dur_report_num(fsj, qk[i]);
		char b[64];

		if (!isfinite(q))
			continue;
		qx[nq] = q;
		snprintf(b, sizeof(b), "%s: day %.0f", ql[i], q);
		lab[nq] = dur_report_fig_strdup(f, b);
		if (!lab[nq++])
			return -1;
	}
	snprintf(f->title, sizeof(f->title),
		 "Time to first strike: probability %s within the horizon",
		 dur_report_fmt(dur_report_num(fsj, "p"), pb, sizeof(pb)));
	snprintf(f->ylabel, sizeof(f->ylabel),
		 "P(first strike on or before the day)");
	dur_report_date_axis(f, r);
	/* from the data: the chart then moves an end the line touches (0 at
	 * the start, 1 if every run has struck) out of the frame */
	f->s[0] = (struct dur_chart_series){ "cumulative probability",
					     DUR_MARK_STEP,
					     0,
					     0,
					     0,
					     n,
					     NULL,
					     cdf,
					     NULL,
					     NULL,
					     NULL };
	f->c.nseries = 1;
	if (nq) {
		f->s[1] = (struct dur_chart_series){ "quantiles of the day, "
						     "given a strike",
						     DUR_MARK_VLINE,
						     5,
						     1,
						     0,
						     nq,
						     qx,
						     NULL,
						     NULL,
						     NULL,
						     lab };
		f->c.nseries = 2;
	}
	snprintf(f->note, sizeof(f->note),
		 "The share of runs in which Pakistan has struck by each day; "
		 "the dashed rules mark the quantiles of the day of the first "
		 "strike among the runs that have one.");
	return 0;
}

/* Whether outcome key moved in some what-if: a difference whose mean or
 * 90% interval is not all zero. */
static int moved(const json_t *wa, const char *key)
{
	static const char *const q[3] = { "mean", "q05", "q95" };

	for (size_t w = 0; w < json_array_size(wa); w++) {
		const json_t *d = json_object_get(
			json_object_get(json_array_get(wa, w), "difference"),
			key);

		for (int i = 0; i < 3; i++) {
			double v = dur_report_num(d, q[i]);

			if (isfinite(v) && v != 0)
				return 1;
		}
	}
	return 0;
}


/* Series w of a what-if chart: what-if wi's k intervals, whose arrays
 * (marker, whisker ends) are allocated for the caller to fill. */
static int whatif_series(struct dur_fig *f, size_t w, const json_t *wi,
			 size_t k, double **y, double **lo, double **hi)
{
	*y = dur_report_fig_alloc(f, k, sizeof(double));
	*lo = dur_report_fig_alloc(f, k, sizeof(double));
	*hi = dur_report_fig_alloc(f, k, sizeof(double));
	if (!*y || !*lo || !*hi)
		return -1;
	f->s[w] = (struct dur_chart_series){
		dur_report_str(wi, "name", "what-if"),
		DUR_MARK_INTERVAL,
		(int)w,
		0,
		0,
		k,
		NULL,
		*y,
		*lo,
		*hi,
		NULL
	};
	return 0;
}

/* A what-if chart's rows: nw series over the k categories, about 0. */
static void whatif_rows(struct dur_fig *f, size_t nw, const char **cat,
			size_t k)
{
	f->c.nseries = nw;
	f->c.categories = cat;
	f->c.ncat = k;
	f->c.ref = 0;
	f->c.ref_name = "no change";
}

/*
 * One chart per outcome group (result.h, dur_result_outcome_group()), in
 * the group's unit: a row per outcome of the group some what-if moves, and
 * in it one series per what-if, side by side: the mean of the paired
 * per-run differences and the 90% interval of those differences.
 */
static int what_if_group(struct dur_figs *fs, const json_t *r, const char *id,
			 const char *title, const char *unit)
{
	const json_t *wa = json_object_get(r, "what_if");
	const json_t *d0 = json_object_get(json_array_get(wa, 0), "difference");
	size_t nw = json_array_size(wa), nk = json_object_size(d0), k = 0;
	const char **cat, **keys;
	struct dur_fig *f;
	const char *key;
	const json_t *d;
	char name[64];

	if (!nw || !nk)
		return 0;
	if (nw > DUR_FIG_SERIES)
		nw = DUR_FIG_SERIES;
	snprintf(name, sizeof(name), "what-if-%s", id);
	f = dur_report_fig_new(fs, r, name, DUR_CHART_ROWS);
	if (!f)
		return -1;
	cat = dur_report_fig_alloc(f, nk, sizeof(char *));
	keys = dur_report_fig_alloc(f, nk, sizeof(char *));
	if (!cat || !keys)
		return -1;
	json_object_foreach((json_t *)d0, key, d)
	{
		const char *g = dur_report_outcome_group(r, key);
		char lab[160];

		if (!g || strcmp(g, id) || !moved(wa, key))
			continue;
		cat[k] = dur_report_fig_strdup(
			f, dur_report_outcome_label(r, key, lab, sizeof(lab)));
		if (!cat[k])
			return -1;
		keys[k++] = key;
	}
	if (!k) {
		dur_report_fig_drop(fs);
		return 0;
	}
	for (size_t w = 0; w < nw; w++) {
		const json_t *wi = json_array_get(wa, w);
		const json_t *diff = json_object_get(wi, "difference");
		double *y, *lo, *hi;

		if (whatif_series(f, w, wi, k, &y, &lo, &hi))
			return -1;
		for (size_t j = 0; j < k; j++) {
			const json_t *x = json_object_get(diff, keys[j]);

			y[j] = dur_report_num(x, "mean");
			lo[j] = dur_report_num(x, "q05");
			hi[j] = dur_report_num(x, "q95");
		}
	}
	whatif_rows(f, nw, cat, k);
	snprintf(f->title, sizeof(f->title), "What-ifs against the baseline: %s",
		 title);
	snprintf(f->xlabel, sizeof(f->xlabel),
		 "what-if minus baseline, run by run (%s)", unit);
	snprintf(f->note, sizeof(f->note),
		 "For each what-if (one colour each), the mean of the paired "
		 "per-run differences (the marker) and the 90%% interval of "
		 "those differences (the whisker), in %s; runs are paired by "
		 "common random numbers. Outcomes no what-if changes are left "
		 "out; the tables below hold every outcome.",
		 unit);
	return 0;
}

/* The what-ifs' change to the chance of a first strike and of each rung
 * above where every run starts, in percentage points, with the paired
 * 95% intervals (what_if[].change). */
static int what_if_ladder(struct dur_figs *fs, const json_t *r)
{
	const json_t *wa = json_object_get(r, "what_if");
	const json_t *esc = json_object_get(r, "escalation");
	size_t nw = json_array_size(wa), ne = json_array_size(esc), k = 0;
	size_t *rung;
	const char **cat;
	struct dur_fig *f;

	if (!nw || !json_is_object(json_object_get(json_array_get(wa, 0),
						   "change")))
		return 0;
	if (nw > DUR_FIG_SERIES)
		nw = DUR_FIG_SERIES;
	f = dur_report_fig_new(fs, r, "what-if-ladder", DUR_CHART_ROWS);
	if (!f)
		return -1;
	cat = dur_report_fig_alloc(f, ne + 1, sizeof(char *));
	rung = dur_report_fig_alloc(f, ne + 1, sizeof(size_t));
	if (!cat || !rung)
		return -1;
	cat[k++] = "first strike in Afghanistan";
	for (size_t i = 0; i < ne; i++) {
		const json_t *e = json_array_get(esc, i);
		char lab[96];

		if (!(dur_report_num(e, "p_start") < 1))
			continue; /* every run starts there or above */
		snprintf(lab, sizeof(lab), "\xe2\x89\xa5 rung %.0f %s",
			 dur_report_num(e, "rung"),
			 dur_report_str(e, "name", ""));
		rung[k] = i;
		cat[k] = dur_report_fig_strdup(f, lab);
		if (!cat[k++])
			return -1;
	}
	for (size_t w = 0; w < nw; w++) {
		const json_t *wi = json_array_get(wa, w);
		const json_t *ch = json_object_get(wi, "change");
		double *y, *lo, *hi;

		if (whatif_series(f, w, wi, k, &y, &lo, &hi))
			return -1;
		for (size_t j = 0; j < k; j++) {
			const json_t *x =
				j ? json_array_get(json_object_get(ch,
								   "escalation"),
						   rung[j])
				  : json_object_get(ch, "first_strike");

			y[j] = 100 * dur_report_num(x, "change");
			lo[j] = 100 * dur_report_num(x, "lo");
			hi[j] = 100 * dur_report_num(x, "hi");
		}
	}
	whatif_rows(f, nw, cat, k);
	snprintf(f->title, sizeof(f->title),
		 "What-ifs against the baseline: the chance of a first strike "
		 "and of each rung");
	snprintf(f->xlabel, sizeof(f->xlabel),
		 "change in the share of runs (percentage points)");
	snprintf(f->note, sizeof(f->note),
		 "For each what-if (one colour each), the change it makes to "
		 "the share of runs with a first strike and reaching each rung "
		 "above where every run starts, with its 95%% interval from "
		 "the paired runs (what_if[].change).");
	return 0;
}

/* The what-if charts: the ladder's, then one per outcome group. */
static int what_ifs(struct dur_figs *fs, const json_t *r)
{
	const char *id, *title, *unit;

	if (!json_array_size(json_object_get(r, "what_if")))
		return 0;
	if (what_if_ladder(fs, r))
		return -1;
	for (size_t g = 0; dur_result_outcome_group(g, &id, &title, &unit);
	     g++)
		if (what_if_group(fs, r, id, title, unit))
			return -1;
	return 0;
}

int dur_report_run_figs(const json_t *r, struct dur_figs *fs,
			struct dur_error *err)
{
	if (!json_is_object(json_object_get(r, "outcomes")))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "run result has no 'outcomes'");
	if (fan(fs, r, "fatalities_pakistan", "pakistan", 0) ||
	    fan(fs, r, "fatalities_afghanistan", "afghanistan", 5))
		return dur_report_oom(err);
	for (int k = 0; k < (int)(sizeof(month_charts) /
				  sizeof(month_charts[0]));
	     k++)
		if (month_chart(fs, r, k))
			return dur_report_oom(err);
	if (
	    ladder(fs, r) || first_strike(fs, r) || what_ifs(fs, r))
		return dur_report_oom(err);
	return 0;
}
