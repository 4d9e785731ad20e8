/*
 * report_backtest.c: the reports of `durand backtest`, on the event data
 * ("kind": "backtest") and on the record ("record_backtest"): per origin,
 * the forecast fan with the history before it and the outcome after it, as
 * ViEWS draws them; the PIT histograms; the skill table and the mean
 * scores. Everything is read from the result's "fans", "pit", "skill" and
 * "summary" (docs/backtest.md, "The report").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/date.h"
#include "report_int.h"

/* ---- charts --------------------------------------------------------- */

static int day_of(const json_t *a, size_t i, int32_t *d)
{
	const char *s = json_string_value(json_array_get(a, i)), *why;

	return !s || dur_date_parse(s, strlen(s), d, &why) ? -1 : 0;
}

/* The forecaster whose bands a fan shows: durand on the record; on the
 * event data the one with the lowest mean CRPS over all steps for the
 * quantity (the summary's "all" rows). */
static const char *band_forecaster(const json_t *r, const char *quantity)
{
	const json_t *sum = json_object_get(r, "summary");
	const char *best = NULL;
	double low = INFINITY;

	if (!strcmp(dur_report_str(r, "kind", ""), "record_backtest"))
		return "durand";
	for (size_t i = 0; i < json_array_size(sum); i++) {
		const json_t *e = json_array_get(sum, i);
		double c = dur_report_num(e, "crps");

		if (strcmp(dur_report_str(e, "quantity", ""), quantity) ||
		    strcmp(dur_report_str(e, "step", ""), "all") || !(c < low))
			continue;
		low = c;
		best = dur_report_str(e, "forecaster", NULL);
	}
	return best;
}

/* x of a stepped series: each period's start and the day after its end,
 * in days after date0; values repeated. Returns the points (2 per
 * period), or 0 on a bad date. */
static size_t steps(const json_t *fan, int32_t date0, double *x)
{
	const json_t *st = json_object_get(fan, "start"),
		     *en = json_object_get(fan, "end");
	size_t n = json_array_size(st);

	for (size_t p = 0; p < n; p++) {
		int32_t a, b;

		if (day_of(st, p, &a) || day_of(en, p, &b))
			return 0;
		x[2 * p] = a - date0;
		x[2 * p + 1] = b + 1 - date0;
	}
	return 2 * n;
}

static double *stepped(struct dur_fig *f, const json_t *a, size_t n)
{
	double *v = dur_report_fig_alloc(f, 2 * n + 1, sizeof(double));

	if (!v)
		return NULL;
	for (size_t p = 0; p < n; p++) {
		json_t *e = json_array_get(a, p);

		v[2 * p] = v[2 * p + 1] =
			json_is_number(e) ? json_number_value(e) : NAN;
	}
	return v;
}

/* Mid-points of the periods start[i]..end[i], in days after date0. */
static double *mids(struct dur_fig *f, const json_t *obj, int32_t date0,
		    size_t *n)
{
	const json_t *st = json_object_get(obj, "start"),
		     *en = json_object_get(obj, "end");
	double *x;

	*n = json_array_size(st);
	x = dur_report_fig_alloc(f, *n + 1, sizeof(double));
	if (!x)
		return NULL;
	for (size_t i = 0; i < *n; i++) {
		int32_t a, b;

		if (day_of(st, i, &a) || day_of(en, i, &b))
			x[i] = NAN;
		else
			x[i] = (a + b + 1) / 2.0 - date0;
	}
	return x;
}

static int fan_fig(const json_t *r, const json_t *fan, size_t idx,
		   struct dur_figs *fs, struct dur_error *err)
{
	const char *origin = dur_report_str(fan, "origin", NULL),
		   *q = dur_report_str(fan, "quantity", "?"),
		   *target = dur_report_str(fan, "target", NULL), *bf, *why;
	const json_t *fcs = json_object_get(fan, "forecasts"),
		     *hist = json_object_get(fan, "history");
	size_t np = json_array_size(json_object_get(fan, "start")), k = 0, nh,
	       no;
	double *x, *hx, *ox, *hy, *oy;
	struct dur_fig *f;
	char name[64], od[16];
	int32_t date0;

	if (!origin || !np)
		return 0;
	/* "2012-01" (a month) or a date */
	snprintf(od, sizeof(od), strlen(origin) == 7 ? "%s-01" : "%s", origin);
	if (dur_date_parse(od, strlen(od), &date0, &why))
		return 0;
	snprintf(name, sizeof(name), "fan-%zu", idx + 1);
	f = dur_report_fig_new(fs, r, name, DUR_CHART_XY);
	if (!f)
		return dur_report_oom(err);
	x = dur_report_fig_alloc(f, 2 * np, sizeof(double));
	if (!x)
		return dur_report_oom(err);
	if (steps(fan, date0, x) != 2 * np) {
		dur_report_fig_drop(fs);
		return 0;
	}
	bf = band_forecaster(r, q);
	for (size_t i = 0; i < json_array_size(fcs); i++) {
		const json_t *e = json_array_get(fcs, i);
		const char *fc = dur_report_str(e, "forecaster", "?");

		if (!bf || strcmp(fc, bf))
			continue;
		double *lo90 = stepped(f, json_object_get(e, "q05"), np),
		       *hi90 = stepped(f, json_object_get(e, "q95"), np),
		       *lo50 = stepped(f, json_object_get(e, "q25"), np),
		       *hi50 = stepped(f, json_object_get(e, "q75"), np);

		if (!lo90 || !hi90 || !lo50 || !hi50)
			return dur_report_oom(err);
		f->s[k++] = (struct dur_chart_series){
			dur_report_fig_strdup(f, "90% interval"),
			DUR_MARK_BAND,
			0,
			0,
			0.2,
			2 * np,
			x,
			NULL,
			lo90,
			hi90,
			NULL
		};
		f->s[k++] = (struct dur_chart_series){
			dur_report_fig_strdup(f, "50% interval"),
			DUR_MARK_BAND,
			0,
			0,
			0.45,
			2 * np,
			x,
			NULL,
			lo50,
			hi50,
			NULL
		};
	}
	for (size_t i = 0; i < json_array_size(fcs) && k < DUR_FIG_SERIES - 3;
	     i++) {
		const json_t *e = json_array_get(fcs, i);
		const char *fc = dur_report_str(e, "forecaster", "?");
		int own = bf && !strcmp(fc, bf);
		char lab[96];
		double *y = stepped(f, json_object_get(e, "q50"), np);

		if (!y)
			return dur_report_oom(err);
		snprintf(lab, sizeof(lab), "%s median", fc);
		f->s[k] = (struct dur_chart_series){ dur_report_fig_strdup(f,
									   lab),
						     DUR_MARK_LINE,
						     own ? 0 : (int)i + 1,
						     own ? 0 : (int)i % 5 + 1,
						     0,
						     2 * np,
						     x,
						     y,
						     NULL,
						     NULL,
						     NULL };
		k++;
	}
	hx = mids(f, hist, date0, &nh);
	hy = dur_report_nums(f, json_object_get(hist, "value"), &nh);
	ox = mids(f, fan, date0, &no);
	oy = dur_report_nums(f, json_object_get(fan, "observed"), &no);
	if (!hx || !ox || !oy)
		return dur_report_oom(err);
	if (hy && nh)
		f->s[k++] = (struct dur_chart_series){
			dur_report_fig_strdup(f, "observed before the origin"),
			DUR_MARK_LINE,
			6,
			0,
			0,
			nh,
			hx,
			hy,
			NULL,
			NULL,
			NULL
		};
	if (hy && nh)
		f->s[k++] = (struct dur_chart_series){
			NULL, DUR_MARK_POINTS, 6, 0, 0, nh, hx, hy, NULL, NULL,
			NULL
		};
	f->s[k++] = (struct dur_chart_series){
		dur_report_fig_strdup(f, "observed after the origin"),
		DUR_MARK_POINTS,
		5,
		0,
		0,
		no,
		ox,
		oy,
		NULL,
		NULL,
		NULL
	};
	{
		double *vx = dur_report_fig_alloc(f, 1, sizeof(double));
		const char **vl = dur_report_fig_alloc(f, 1, sizeof(char *));

		if (!vx || !vl)
			return dur_report_oom(err);
		vl[0] = "origin";
		f->s[k++] = (struct dur_chart_series){
			NULL, DUR_MARK_VLINE, 6,    1,	  0, 1,
			vx,   NULL,	      NULL, NULL, vl
		};
	}
	f->c.nseries = k;
	f->c.x_dates = 1;
	f->c.date0 = date0;
	snprintf(f->xlabel, sizeof(f->xlabel), "date (the origin %s)", origin);
	snprintf(f->ylabel, sizeof(f->ylabel), "%s", q);
	if (target)
		snprintf(f->title, sizeof(f->title),
			 "Forecast from %s: %s (%s)", origin, q, target);
	else
		snprintf(f->title, sizeof(f->title), "Forecast from %s: %s",
			 origin, q);
	snprintf(f->note, sizeof(f->note),
		 "From the origin %s (the dashed rule): the bands are %s's "
		 "central 50%% and 90%% intervals for each period and the "
		 "line its median%s; the points left of the rule are what "
		 "the forecasters saw, those right of it the outcome.",
		 origin, bf ? bf : "no forecaster",
		 json_array_size(fcs) > 1
			 ? ", the other lines the other forecasters' medians"
			 : "");
	return 0;
}

static int pit_figs(const json_t *r, struct dur_figs *fs, struct dur_error *err)
{
	const json_t *pit = json_object_get(r, "pit");

	for (size_t i = 0; i < json_array_size(pit); i++) {
		const char *q =
			dur_report_str(json_array_get(pit, i), "quantity", "?");
		struct dur_fig *f;
		char name[64];
		size_t k = 0;
		double *x, *u;

		snprintf(name, sizeof(name), "pit-%s", q);
		if (dur_report_figs_find(fs, name))
			continue;
		f = dur_report_fig_new(fs, r, name, DUR_CHART_XY);
		if (!f)
			return dur_report_oom(err);
		x = dur_report_fig_alloc(f, 11, sizeof(double));
		u = dur_report_fig_alloc(f, 11, sizeof(double));
		if (!x || !u)
			return dur_report_oom(err);
		for (int b = 0; b <= 10; b++)
			x[b] = b / 10.0, u[b] = 1;
		for (size_t j = i;
		     j < json_array_size(pit) && k < DUR_FIG_SERIES - 1; j++) {
			const json_t *e = json_array_get(pit, j);
			const json_t *h = json_object_get(e, "histogram");
			double *y, n = 0;

			if (strcmp(dur_report_str(e, "quantity", ""), q) ||
			    json_array_size(h) != 10)
				continue;
			y = dur_report_fig_alloc(f, 11, sizeof(double));
			if (!y)
				return dur_report_oom(err);
			for (int b = 0; b < 10; b++)
				n += json_number_value(json_array_get(h, b));
			for (int b = 0; b < 10; b++)
				y[b] = n > 0 ? 10 *
						       json_number_value(
							       json_array_get(
								       h, b)) /
						       n
					     : NAN;
			y[10] = y[9];
			f->s[k] = (struct dur_chart_series){
				dur_report_str(e, "forecaster", "?"),
				DUR_MARK_STEP,
				(int)k,
				(int)k % 5,
				0,
				11,
				x,
				y,
				NULL,
				NULL,
				NULL
			};
			k++;
		}
		f->s[k++] = (struct dur_chart_series){ "uniform (calibrated)",
						       DUR_MARK_LINE,
						       6,
						       2,
						       0,
						       11,
						       x,
						       u,
						       NULL,
						       NULL,
						       NULL };
		f->c.nseries = k;
		f->c.xmin = 0;
		f->c.xmax = 1;
		f->c.ymin = 0;
		snprintf(f->title, sizeof(f->title),
			 "PIT histogram: %s (randomised, 10 bins)", q);
		snprintf(f->xlabel, sizeof(f->xlabel),
			 "PIT: the forecast's probability below the outcome");
		snprintf(f->ylabel, sizeof(f->ylabel), "density (1 = uniform)");
		snprintf(f->note, sizeof(f->note),
			 "The share of outcomes in each tenth of the forecast "
			 "distribution, as a density: a calibrated forecaster "
			 "is flat at 1; a pile at the left means forecasts too "
			 "high, at both ends too narrow.");
	}
	return 0;
}

static int backtest_figs(const json_t *r, struct dur_figs *fs,
			 struct dur_error *err, const char *what)
{
	const json_t *fans = json_object_get(r, "fans");
	int rc;

	if (!json_is_array(json_object_get(r, "rows")))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "%s result has no 'rows'", what);
	rc = pit_figs(r, fs, err);
	for (size_t i = 0; !rc && i < json_array_size(fans); i++)
		rc = fan_fig(r, json_array_get(fans, i), i, fs, err);
	return rc;
}

int dur_report_backtest_figs(const json_t *r, struct dur_figs *fs,
			     struct dur_error *err)
{
	return backtest_figs(r, fs, err, "backtest");
}

int dur_report_record_backtest_figs(const json_t *r, struct dur_figs *fs,
				    struct dur_error *err)
{
	return backtest_figs(r, fs, err, "record backtest");
}

/* ---- the page ------------------------------------------------------- */

static void figures(struct dur_page *pg, const char *prefix)
{
	for (size_t i = 0; i < pg->figs.n; i++)
		if (!strncmp(pg->figs.v[i]->name, prefix, strlen(prefix)))
			dur_report_figure(pg, pg->figs.v[i]->name);
}

static void common(struct dur_page *pg, const char *const *skill_keys,
		   const char *skill_head, const char *const *sum_keys,
		   const char *sum_head)
{
	const json_t *sk = json_object_get(pg->r, "skill"),
		     *sum = json_object_get(pg->r, "summary");

	dur_report_out(pg,
		       "<section id=\"skill\">\n<h2>Skill</h2>\n<p>The "
		       "skill score 1 &minus; S<sub>a</sub>/S<sub>b</sub> "
		       "of forecaster a against b (CRPS for counts, the "
		       "Brier score for events; above 0, a is better), "
		       "with a percentile interval from a bootstrap over "
		       "the origins.</p>\n<table>\n<thead><tr>%s</tr>"
		       "</thead>\n<tbody>\n",
		       skill_head);
	dur_report_rows(pg, sk, ".skill", skill_keys);
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	dur_report_out(pg, "<section id=\"pit\">\n<h2>PIT histograms</h2>\n");
	figures(pg, "pit-");
	dur_report_out(pg, "</section>\n<section id=\"fans\">\n<h2>Forecasts "
			   "from each origin</h2>\n");
	figures(pg, "fan-");
	dur_report_out(pg,
		       "</section>\n<section id=\"summary\">\n<h2>Mean "
		       "scores</h2>\n<table>\n<thead><tr>%s</tr></thead>\n"
		       "<tbody>\n",
		       sum_head);
	dur_report_rows(pg, sum, ".summary", sum_keys);
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	dur_report_foot(pg);
}

void dur_report_backtest_page(struct dur_page *pg)
{
	dur_report_head(pg, "backtest");
	dur_report_meta(pg, (const struct dur_meta[]){
				    { "stream", "stream", "" },
				    { "horizon", "horizon", "months" },
				    { "", "draws", "draws" },
				    { "seed", "seed", "" },
				    { "CRPS", "crps_estimator", "" },
				    { NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	dur_report_out(pg,
		       "<p>%zu origins; every forecaster sees only the "
		       "data before each (out-of-sample). ",
		       json_array_size(json_object_get(pg->r, "origins")));
	dur_report_esc(pg, dur_report_str(pg->r, "note", ""));
	dur_report_out(pg, ".</p>\n");
	common(pg,
	       (const char *const[]){ "quantity", "forecaster", "against", "n",
				      "skill", "lo", "hi", NULL },
	       "<th>quantity</th><th>forecaster</th><th>against</th>"
	       "<th class=\"n\">n</th><th class=\"n\">skill</th>"
	       "<th class=\"n\">low</th><th class=\"n\">high</th>",
	       (const char *const[]){ "quantity", "step", "forecaster", "n",
				      "crps", "is50", "is90", "cover50",
				      "cover90", "brier", "logs", NULL },
	       "<th>quantity</th><th>step</th><th>forecaster</th>"
	       "<th class=\"n\">n</th><th class=\"n\">CRPS</th>"
	       "<th class=\"n\">IS50</th><th class=\"n\">IS90</th>"
	       "<th class=\"n\">cover 50</th><th class=\"n\">cover 90</th>"
	       "<th class=\"n\">Brier</th><th class=\"n\">log</th>");
}

void dur_report_record_backtest_page(struct dur_page *pg)
{
	dur_report_head(pg, "record backtest");
	dur_report_meta(pg, (const struct dur_meta[]){
				    { "record", "record", "" },
				    { "horizon", "months", "months" },
				    { "", "particles", "particles" },
				    { "", "runs", "runs" },
				    { "seed", "seed", "" },
				    { "parameters", "parameters", "" },
				    { NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	dur_report_out(pg, "<section id=\"honesty\">\n<h2>In-sample and "
			   "out-of-sample</h2>\n<p>");
	dur_report_esc(pg, dur_report_str(pg->r, "in_sample", ""));
	dur_report_out(pg, " Nothing dated on or after ");
	dur_report_esc(pg, dur_report_str(pg->r, "limit", "?"));
	dur_report_out(pg, " is used.</p>\n</section>\n");
	common(pg,
	       (const char *const[]){ "quantity", "baseline", "score", "n",
				      "origins", "skill", "lo", "hi", NULL },
	       "<th>quantity</th><th>durand against</th><th>score</th>"
	       "<th class=\"n\">n</th><th class=\"n\">origins</th>"
	       "<th class=\"n\">skill</th><th class=\"n\">low</th>"
	       "<th class=\"n\">high</th>",
	       (const char *const[]){ "quantity", "forecaster", "n", "crps",
				      "is50", "is90", "cover50", "cover90",
				      "brier", "logs", NULL },
	       "<th>quantity</th><th>forecaster</th>"
	       "<th class=\"n\">n</th><th class=\"n\">CRPS</th>"
	       "<th class=\"n\">IS50</th><th class=\"n\">IS90</th>"
	       "<th class=\"n\">cover 50</th><th class=\"n\">cover 90</th>"
	       "<th class=\"n\">Brier</th><th class=\"n\">log</th>");
}
