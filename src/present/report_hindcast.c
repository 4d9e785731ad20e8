/*
 * report_hindcast.c: the report of `durand hindcast`: the targets against the
 * stated figures, and the charts of the targets and of the per-period series.
 * Shared page and chart helpers: report.c, report_int.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* ---- the page ------------------------------------------------------- */

void dur_report_hindcast_page(struct dur_page *pg)
{
	const json_t *t = json_object_get(pg->r, "targets");
	const json_t *ev = json_object_get(pg->r, "events");
	const json_t *se = json_object_get(pg->r, "series");
	size_t ok = 0;

	dur_report_head(pg, "hindcast");
	dur_report_meta(pg, (const struct dur_meta[]){ { "from", "start", "" },
						       { "until", "until", "" },
						       { "", "runs", "runs" },
						       { "seed", "seed", "" },
						       { NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	for (size_t i = 0; i < json_array_size(t); i++)
		ok += json_is_true(
			json_object_get(json_array_get(t, i), "consistent"));
	dur_report_out(
		pg,
		"<section id=\"targets\">\n<h2>Stated figures against the "
		"model</h2>\n<p>%zu of %zu targets are consistent with the "
		"model by their rules.</p>\n",
		ok, json_array_size(t));
	dur_report_figure(pg, "hindcast");
	dur_report_out(
		pg,
		"<table>\n<thead><tr><th>target</th><th>kind</th>"
		"<th class=\"n\">stated</th><th class=\"n\">model 5%%</th>"
		"<th class=\"n\">median</th><th class=\"n\">95%%</th>"
		"<th class=\"n\">P(model \xe2\x89\xa5 stated)</th>"
		"<th>consistent</th><th>source</th></tr></thead>\n<tbody>\n");
	dur_report_rows(pg, t, ".targets",
			(const char *const[]){ "name", "kind", "stated", "q05",
					       "q50", "q95", "p", "consistent",
					       "source", NULL });
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	if (json_array_size(ev)) {
		dur_report_out(
			pg,
			"<section id=\"events\">\n<h2>Events</h2>\n<table>\n"
			"<thead><tr><th>event</th><th class=\"n\">share of "
			"runs in which it happens</th></tr></thead>\n"
			"<tbody>\n");
		dur_report_rows(pg, ev, ".events",
				(const char *const[]){ "name", "p", NULL });
		dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	}
	if (json_array_size(se)) {
		dur_report_out(pg,
			       "<section id=\"series\">\n<h2>By period</h2>\n");
		for (size_t i = 0; i < pg->figs.n; i++)
			if (!strncmp(pg->figs.v[i]->name, "hindcast-", 9))
				dur_report_figure(pg, pg->figs.v[i]->name);
		dur_report_out(
			pg,
			"<table>\n<thead><tr><th>stream</th><th>period</th>"
			"<th class=\"n\">model 5%%</th><th class=\"n\">median"
			"</th><th class=\"n\">95%%</th></tr></thead>\n"
			"<tbody>\n");
		dur_report_rows(pg, se, ".series",
				(const char *const[]){ "stream", "period",
						       "q05", "q50", "q95",
						       NULL });
		dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	}
	dur_report_foot(pg);
}

/* ---- charts --------------------------------------------------------- */

/* One chart per stream of the optional "series": the model's interval for
 * each period, in the stream's own units. */
static int hindcast_series(const json_t *r, struct dur_figs *fs,
			   struct dur_error *err)
{
	const json_t *se = json_object_get(r, "series");
	size_t n = json_array_size(se);

	for (size_t i = 0; i < n; i++) {
		const char *stream =
			dur_report_str(json_array_get(se, i), "stream", NULL);
		const char **cat;
		double *y, *lo, *hi;
		struct dur_fig *f;
		char name[64], lab[128];
		size_t k = 0;

		if (!stream)
			continue;
		snprintf(name, sizeof(name), "hindcast-%s", stream);
		if (dur_report_figs_find(fs, name))
			continue; /* drawn with the stream's first row */
		f = dur_report_fig_new(fs, r, name, DUR_CHART_ROWS);
		if (!f)
			return dur_report_oom(err);
		cat = dur_report_fig_alloc(f, n, sizeof(char *));
		y = dur_report_fig_alloc(f, n, sizeof(double));
		lo = dur_report_fig_alloc(f, n, sizeof(double));
		hi = dur_report_fig_alloc(f, n, sizeof(double));
		if (!cat || !y || !lo || !hi)
			return dur_report_oom(err);
		for (size_t j = i; j < n; j++) {
			const json_t *e = json_array_get(se, j);

			if (strcmp(dur_report_str(e, "stream", ""), stream))
				continue;
			cat[k] = dur_report_str(e, "period", "?");
			y[k] = dur_report_num(e, "q50");
			lo[k] = dur_report_num(e, "q05");
			hi[k] = dur_report_num(e, "q95");
			k++;
		}
		dur_report_outcome_label(r, stream, lab, sizeof(lab));
		snprintf(f->title, sizeof(f->title), "Hindcast of %s by period",
			 lab);
		snprintf(f->xlabel, sizeof(f->xlabel), "%.70s per period (%.30s)",
			 lab, dur_report_unit(r, stream));
		f->c.categories = cat;
		f->c.ncat = k;
		f->s[0] = (struct dur_chart_series){
			"model median and 90% interval",
			DUR_MARK_INTERVAL,
			0,
			0,
			0,
			k,
			NULL,
			y,
			lo,
			hi,
			NULL
		};
		f->c.nseries = 1;
		snprintf(f->note, sizeof(f->note),
			 "The model's median and 90%% interval of %s in each "
			 "period of the hindcast.",
			 lab);
	}
	return 0;
}

int dur_report_hindcast_figs(const json_t *r, struct dur_figs *fs,
			     struct dur_error *err)
{
	const json_t *t = json_object_get(r, "targets");
	size_t n = json_array_size(t), k = 0;
	struct dur_fig *f;
	double *y, *lo, *hi, *st;
	const char **cat;

	if (!json_is_array(t))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "hindcast result has no 'targets'");
	if (!n)
		return 0;
	f = dur_report_fig_new(fs, r, "hindcast", DUR_CHART_ROWS);
	if (!f)
		return dur_report_oom(err);
	cat = dur_report_fig_alloc(f, n, sizeof(char *));
	y = dur_report_fig_alloc(f, n, sizeof(double));
	lo = dur_report_fig_alloc(f, n, sizeof(double));
	hi = dur_report_fig_alloc(f, n, sizeof(double));
	st = dur_report_fig_alloc(f, n, sizeof(double));
	if (!cat || !y || !lo || !hi || !st)
		return dur_report_oom(err);
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(t, i);
		double s = dur_report_num(e, "stated");

		if (!isfinite(s) || s == 0)
			continue;
		cat[k] = dur_report_str(e, "name", "?");
		if (json_is_false(json_object_get(e, "consistent"))) {
			char b[160];

			snprintf(b, sizeof(b), "%s (inconsistent)", cat[k]);
			cat[k] = dur_report_fig_strdup(f, b);
			if (!cat[k])
				return dur_report_oom(err);
		}
		y[k] = 100 * dur_report_num(e, "q50") / s;
		lo[k] = 100 * dur_report_num(e, "q05") / s;
		hi[k] = 100 * dur_report_num(e, "q95") / s;
		st[k] = 100;
		k++;
	}
	snprintf(f->title, sizeof(f->title),
		 "Hindcast: the model's 90%% interval against each stated "
		 "figure");
	snprintf(f->xlabel, sizeof(f->xlabel),
		 "model value as %% of the stated figure");
	f->c.categories = cat;
	f->c.ncat = k;
	f->c.ref = 100;
	f->c.xmin = 0;
	/* a target with a small stated figure (one strike) must not squeeze
	 * the others: intervals beyond 300% end in an arrow */
	for (size_t i = 0; i < k; i++)
		if (hi[i] > 300 || y[i] > 300)
			f->c.xmax = 300;
	f->s[0] = (struct dur_chart_series){ "model median and 90% interval",
					     DUR_MARK_INTERVAL,
					     0,
					     0,
					     0,
					     k,
					     NULL,
					     y,
					     lo,
					     hi,
					     NULL };
	f->s[1] = (struct dur_chart_series){ "stated figure (100%)",
					     DUR_MARK_POINTS,
					     3,
					     0,
					     0,
					     k,
					     NULL,
					     st,
					     NULL,
					     NULL,
					     NULL };
	f->c.nseries = 2;
	snprintf(f->note, sizeof(f->note),
		 "Each target scaled by its stated figure: the diamond on the "
		 "rule at 100%% is the figure, the whisker the model's 90%% "
		 "interval, the dot its median; an arrow marks an interval "
		 "that runs beyond the axis. Targets marked (inconsistent) "
		 "fail their rule (docs/hindcast.md).");
	return hindcast_series(r, fs, err);
}
