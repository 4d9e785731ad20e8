/*
 * report_fig.c: the charts of a report, described from a result's JSON.
 *
 * Each result kind has a builder that reads the members it needs and fills
 * one struct dur_fig per chart (chart.h does the drawing). Members a result
 * lacks only drop the charts that need them, so a run without "daily"
 * still gets its what-if charts. The stats and fit results are the JSON of
 * `durand stats` and `durand fit` (docs/stats.md, docs/fit.md).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/date.h"
#include "report_int.h"

double dur_report_num(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *dur_report_str(const json_t *obj, const char *key, const char *def)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

const char *dur_report_unit(const char *key)
{
	const char *dot = strchr(key, '.'); /* "closure_days.torkham" */
	size_t n = dot ? (size_t)(dot - key) : strlen(key);

	if (n > 4 && !strncmp(key + n - 4, "_usd", 4))
		return "US$";
	if (n > 5 && !strncmp(key + n - 5, "_days", 5))
		return "days";
	if (!strncmp(key, "fatalities", 10) ||
	    !strncmp(key, "deportations", 12) || !strncmp(key, "displaced", 9))
		return "people";
	if (!strncmp(key, "max_rung", 8))
		return "rung";
	return "events";
}

char *dur_report_fmt(double v, char *buf, size_t len)
{
	char t[64], *dot, *o = buf;
	double a = fabs(v);
	int dec, k;
	const char *p = t;

	if (!isfinite(v)) {
		snprintf(buf, len, "\xe2\x80\x93"); /* en dash */
		return buf;
	}
	if (v == floor(v) && a < 1e15)
		dec = 0;
	else
		dec = a >= 1000 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
	snprintf(t, sizeof(t), "%.*f", dec, v);
	if (len < strlen(t) + strlen(t) / 3 + 2) {
		snprintf(buf, len, "%s", t);
		return buf;
	}
	if (*p == '-')
		*o++ = *p++;
	dot = strchr(p, '.');
	k = dot ? (int)(dot - p) : (int)strlen(p);
	for (int i = 0; i < k; i++) {
		*o++ = p[i];
		if ((k - i - 1) % 3 == 0 && i < k - 1)
			*o++ = ',';
	}
	snprintf(o, len - (size_t)(o - buf), "%s", p + k);
	return buf;
}

void dur_report_caption(const json_t *r, char *buf, size_t len)
{
	const char *sc = dur_report_str(r, "scenario", NULL);
	double runs = dur_report_num(r, "runs"),
	       seed = dur_report_num(r, "seed");
	const char *start = dur_report_str(r, "start", NULL);
	char rb[48];
	int n = 0;

	buf[0] = 0;
	if (sc)
		n += snprintf(buf + n, len - (size_t)n, "scenario %s", sc);
	if (isfinite(runs) && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%s%s runs",
			      n ? " \xc2\xb7 " : "",
			      dur_report_fmt(runs, rb, sizeof(rb)));
	if (isfinite(seed) && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%sseed %.0f",
			      n ? " \xc2\xb7 " : "", seed);
	if (start && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "%sfrom %s",
			      n ? " \xc2\xb7 " : "", start);
	if (!n)
		snprintf(buf, len, "durand %s", dur_report_str(r, "kind", ""));
}

/* ---- figure storage --------------------------------------------------- */

/* Chart names go into HTML ids and file names: keep them plain. */
static void plain_name(const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s", name);
	for (char *p = out; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			*p = '-';
}

static struct dur_fig *fig_new(struct dur_figs *fs, const json_t *r,
			       const char *name, enum dur_chart_type type)
{
	struct dur_fig *f;

	if (dur_grow(&fs->v, &fs->alloc, fs->n + 1, sizeof(*fs->v)))
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	plain_name(name, f->name, sizeof(f->name));
	dur_chart_init(&f->c, type);
	dur_report_caption(r, f->caption, sizeof(f->caption));
	fs->v[fs->n++] = f;
	return f;
}

/* Zeroed memory freed with the figure; NULL if out of memory. */
static void *fig_alloc(struct dur_fig *f, size_t n, size_t size)
{
	void *p;

	if (f->nown == DUR_FIG_OWN)
		return NULL;
	p = calloc(n ? n : 1, size);
	if (p)
		f->own[f->nown++] = p;
	return p;
}

static char *fig_strdup(struct dur_fig *f, const char *s)
{
	char *p = fig_alloc(f, strlen(s) + 1, 1);

	if (p)
		memcpy(p, s, strlen(s) + 1);
	return p;
}

const struct dur_chart *dur_report_fig_bind(struct dur_fig *f)
{
	f->c.title = f->title;
	f->c.caption = f->caption;
	f->c.xlabel = f->xlabel[0] ? f->xlabel : NULL;
	f->c.ylabel = f->ylabel[0] ? f->ylabel : NULL;
	f->c.series = f->s;
	return &f->c;
}

void dur_report_figs_release(struct dur_figs *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		for (size_t j = 0; j < fs->v[i]->nown; j++)
			free(fs->v[i]->own[j]);
		free(fs->v[i]);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

const struct dur_fig *dur_report_figs_find(const struct dur_figs *fs,
					   const char *name)
{
	char plain[sizeof(fs->v[0]->name)];

	plain_name(name, plain, sizeof(plain));
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i]->name, plain))
			return fs->v[i];
	return NULL;
}

/* Drop the last figure, which turned out to have nothing to show. */
static void fig_drop(struct dur_figs *fs)
{
	struct dur_fig *f = fs->v[--fs->n];

	for (size_t j = 0; j < f->nown; j++)
		free(f->own[j]);
	free(f);
}

static int oom(struct dur_error *err)
{
	return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
			     "out of memory building the report's charts");
}

/* A JSON array of numbers as doubles (non-numbers as NAN); NULL if not an
 * array or out of memory, with *n its length. */
static double *nums(struct dur_fig *f, const json_t *a, size_t *n)
{
	double *v;

	*n = 0;
	if (!json_is_array(a))
		return NULL;
	v = fig_alloc(f, json_array_size(a), sizeof(double));
	if (!v)
		return NULL;
	for (size_t i = 0; i < json_array_size(a); i++) {
		const json_t *e = json_array_get(a, i);

		v[i] = json_is_number(e) ? json_number_value(e) : NAN;
	}
	*n = json_array_size(a);
	return v;
}

/* Put dates on x if the result has a valid "start". */
static void date_axis(struct dur_fig *f, const json_t *r)
{
	const char *s = dur_report_str(r, "start", NULL), *why;
	int32_t d;

	if (s && !dur_date_parse(s, strlen(s), &d, &why)) {
		f->c.x_dates = 1;
		f->c.date0 = d;
		snprintf(f->xlabel, sizeof(f->xlabel), "date (day 0 = %s)", s);
	} else {
		snprintf(f->xlabel, sizeof(f->xlabel), "day of the run");
	}
}

/* ---- run -------------------------------------------------------------- */

static int fan(struct dur_figs *fs, const json_t *r, const char *key,
	       const char *side, int style)
{
	const json_t *d = json_object_get(json_object_get(r, "daily"), key);
	static const char *const q[5] = { "q05", "q25", "q50", "q75", "q95" };
	double *v[5];
	size_t n[5];
	struct dur_fig *f;
	char name[64];

	if (!json_is_object(d))
		return 0;
	snprintf(name, sizeof(name), "fan-%s", side);
	f = fig_new(fs, r, name, DUR_CHART_XY);
	if (!f)
		return -1;
	for (int i = 0; i < 5; i++) {
		if (!json_is_array(json_object_get(d, q[i]))) {
			fig_drop(fs); /* a quantile missing: no chart */
			return 0;
		}
		v[i] = nums(f, json_object_get(d, q[i]), &n[i]);
		if (!v[i])
			return -1;
	}
	snprintf(f->title, sizeof(f->title),
		 "Cumulative fatalities, %s: median and 50%% and 90%% bands",
		 side[0] == 'p' ? "Pakistan" : "Afghanistan");
	snprintf(f->ylabel, sizeof(f->ylabel), "deaths since day 0 (people)");
	date_axis(f, r);
	f->s[0] = (struct dur_chart_series){
		"90% of runs", DUR_MARK_BAND, style, 0,	   0.2, n[0],
		NULL,	       NULL,	      v[0],  v[4], NULL
	};
	f->s[1] = (struct dur_chart_series){
		"50% of runs", DUR_MARK_BAND, style, 0,	   0.45, n[1],
		NULL,	       NULL,	      v[1],  v[3], NULL
	};
	f->s[2] =
		(struct dur_chart_series){ "median", DUR_MARK_LINE, style, 0,
					   0,	     n[2],	    NULL,  v[2],
					   NULL,     NULL,	    NULL };
	f->s[1].n = n[1] < n[3] ? n[1] : n[3];
	f->s[0].n = n[0] < n[4] ? n[0] : n[4];
	f->c.nseries = 3;
	snprintf(f->note, sizeof(f->note),
		 "Deaths on the %s side counted from day 0. Half of the runs "
		 "lie in the dark band on each day, nine in ten in the light "
		 "band; the line is the median run-day value.",
		 side[0] == 'p' ? "Pakistani" : "Afghan");
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
	f = fig_new(fs, r, "ladder", DUR_CHART_XY);
	if (!f)
		return -1;
	snprintf(f->title, sizeof(f->title),
		 "Probability of being at or above each rung, day by day");
	snprintf(f->ylabel, sizeof(f->ylabel), "probability (share of runs)");
	date_axis(f, r);
	f->c.ymin = -0.015; /* lines at 0 and 1 stay clear of the frame */
	f->c.ymax = 1.015;
	for (size_t i = 0; i < json_array_size(a) && k < DUR_FIG_SERIES; i++) {
		const json_t *e = json_array_get(a, i);
		char lab[96];
		size_t n;
		double *p = nums(f, json_object_get(e, "p"), &n);
		double rung = dur_report_num(e, "rung");

		if (!p)
			continue;
		snprintf(lab, sizeof(lab), "\xe2\x89\xa5 %s%.0f %s",
			 isfinite(rung) ? "" : "?", isfinite(rung) ? rung : 0,
			 dur_report_str(e, "name", ""));
		f->s[k] = (struct dur_chart_series){ fig_strdup(f, lab),
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
		fig_drop(fs);
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
	f = fig_new(fs, r, "first-strike", DUR_CHART_XY);
	if (!f)
		return -1;
	cdf = nums(f, json_object_get(fsj, "cdf"), &n);
	qx = fig_alloc(f, 3, sizeof(double));
	lab = fig_alloc(f, 3, sizeof(char *));
	if (!cdf || !qx || !lab)
		return -1;
	for (int i = 0; i < 3; i++) {
		double q = dur_report_num(fsj, qk[i]);
		char b[64];

		if (!isfinite(q))
			continue;
		qx[nq] = q;
		snprintf(b, sizeof(b), "%s: day %.0f", ql[i], q);
		lab[nq] = fig_strdup(f, b);
		if (!lab[nq++])
			return -1;
	}
	snprintf(f->title, sizeof(f->title),
		 "Time to first strike: probability %s within the horizon",
		 dur_report_fmt(dur_report_num(fsj, "p"), pb, sizeof(pb)));
	snprintf(f->ylabel, sizeof(f->ylabel),
		 "P(first strike on or before the day)");
	date_axis(f, r);
	f->c.ymin = 0;
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

/* One chart per what-if: each outcome's difference from the baseline, as a
 * percentage of the baseline mean, with its 90% interval. */
static int what_ifs(struct dur_figs *fs, const json_t *r)
{
	const json_t *wa = json_object_get(r, "what_if");
	const json_t *base = json_object_get(r, "outcomes");

	for (size_t w = 0; w < json_array_size(wa); w++) {
		const json_t *wi = json_array_get(wa, w);
		const json_t *diff = json_object_get(wi, "difference");
		const char *wname = dur_report_str(wi, "name", "what-if");
		size_t nk = json_object_size(diff), k = 0;
		const char **cat;
		double *y, *lo, *hi;
		struct dur_fig *f;
		const char *key;
		const json_t *d;
		char name[64];

		if (!json_is_object(diff) || !nk)
			continue;
		snprintf(name, sizeof(name), "what-if-%zu", w + 1);
		f = fig_new(fs, r, name, DUR_CHART_ROWS);
		if (!f)
			return -1;
		cat = fig_alloc(f, nk, sizeof(char *));
		y = fig_alloc(f, nk, sizeof(double));
		lo = fig_alloc(f, nk, sizeof(double));
		hi = fig_alloc(f, nk, sizeof(double));
		if (!cat || !y || !lo || !hi)
			return -1;
		json_object_foreach((json_t *)diff, key, d)
		{
			double m = dur_report_num(json_object_get(base, key),
						  "mean");

			/* the chart keeps to the fixed outcomes; per-crossing
			 * and per-mediator ones ("closure_days.torkham") are
			 * in the table */
			if (!isfinite(m) || m == 0 || strchr(key, '.'))
				continue;
			cat[k] = key;
			y[k] = 100 * dur_report_num(d, "mean") / fabs(m);
			lo[k] = 100 * dur_report_num(d, "q05") / fabs(m);
			hi[k] = 100 * dur_report_num(d, "q95") / fabs(m);
			k++;
		}
		snprintf(f->title, sizeof(f->title),
			 "What if %s: change against the baseline", wname);
		snprintf(f->xlabel, sizeof(f->xlabel),
			 "difference from the baseline (%% of the baseline "
			 "mean)");
		f->c.categories = cat;
		f->c.ncat = k;
		f->c.ref = 0;
		f->c.ref_name = "no change";
		f->s[0] = (struct dur_chart_series){ "mean difference and its "
						     "90% interval",
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
		f->c.nseries = 1;
		snprintf(f->note, sizeof(f->note),
			 "%s. Differences are paired run by run (common random "
			 "numbers); shown as a share of the baseline mean so "
			 "that outcomes in different units fit one axis.",
			 dur_report_str(wi, "description", wname));
		if (!k)
			fig_drop(fs);
	}
	return 0;
}

static int build_run(const json_t *r, struct dur_figs *fs,
		     struct dur_error *err)
{
	if (!json_is_object(json_object_get(r, "outcomes")))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "run result has no 'outcomes'");
	if (fan(fs, r, "fatalities_pakistan", "pakistan", 0) ||
	    fan(fs, r, "fatalities_afghanistan", "afghanistan", 5) ||
	    ladder(fs, r) || first_strike(fs, r) || what_ifs(fs, r))
		return oom(err);
	return 0;
}

/* ---- hindcast --------------------------------------------------------- */

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
		char name[64];
		size_t k = 0;

		if (!stream)
			continue;
		snprintf(name, sizeof(name), "hindcast-%s", stream);
		if (dur_report_figs_find(fs, name))
			continue; /* drawn with the stream's first row */
		f = fig_new(fs, r, name, DUR_CHART_ROWS);
		if (!f)
			return oom(err);
		cat = fig_alloc(f, n, sizeof(char *));
		y = fig_alloc(f, n, sizeof(double));
		lo = fig_alloc(f, n, sizeof(double));
		hi = fig_alloc(f, n, sizeof(double));
		if (!cat || !y || !lo || !hi)
			return oom(err);
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
		snprintf(f->title, sizeof(f->title), "Hindcast of %s by period",
			 stream);
		snprintf(f->xlabel, sizeof(f->xlabel), "%s per period (%s)",
			 stream, dur_report_unit(stream));
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
			 stream);
	}
	return 0;
}

static int build_hindcast(const json_t *r, struct dur_figs *fs,
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
	f = fig_new(fs, r, "hindcast", DUR_CHART_ROWS);
	if (!f)
		return oom(err);
	cat = fig_alloc(f, n, sizeof(char *));
	y = fig_alloc(f, n, sizeof(double));
	lo = fig_alloc(f, n, sizeof(double));
	hi = fig_alloc(f, n, sizeof(double));
	st = fig_alloc(f, n, sizeof(double));
	if (!cat || !y || !lo || !hi || !st)
		return oom(err);
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(t, i);
		double s = dur_report_num(e, "stated");

		if (!isfinite(s) || s == 0)
			continue;
		cat[k] = dur_report_str(e, "name", "?");
		if (json_is_false(json_object_get(e, "consistent"))) {
			char b[160];

			snprintf(b, sizeof(b), "%s (inconsistent)", cat[k]);
			cat[k] = fig_strdup(f, b);
			if (!cat[k])
				return oom(err);
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

/* ---- sensitivity ------------------------------------------------------ */

static int build_sensitivity(const json_t *r, struct dur_figs *fs,
			     struct dur_error *err)
{
	const json_t *res = json_object_get(r, "results");
	const char *method = dur_report_str(r, "method", "");
	int sobol = !strcmp(method, "sobol");

	if (!json_is_array(res))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "sensitivity result has no 'results'");
	if (!sobol && strcmp(method, "morris"))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "unknown sensitivity method '%s'", method);
	for (size_t i = 0; i < json_array_size(res); i++) {
		const json_t *o = json_array_get(res, i);
		const json_t *ps = json_object_get(o, "params");
		const char *out = dur_report_str(o, "outcome", "outcome");
		size_t n = json_array_size(ps);
		struct dur_fig *f;
		char name[64];
		const char **lab;
		double *a, *b, *alo, *ahi, *blo, *bhi;

		if (!n)
			continue;
		snprintf(name, sizeof(name), "%s-%s", method, out);
		f = fig_new(fs, r, name, sobol ? DUR_CHART_ROWS : DUR_CHART_XY);
		if (!f)
			return oom(err);
		lab = fig_alloc(f, n, sizeof(char *));
		a = fig_alloc(f, n, sizeof(double));
		b = fig_alloc(f, n, sizeof(double));
		alo = fig_alloc(f, n, sizeof(double));
		ahi = fig_alloc(f, n, sizeof(double));
		blo = fig_alloc(f, n, sizeof(double));
		bhi = fig_alloc(f, n, sizeof(double));
		if (!lab || !a || !b || !alo || !ahi || !blo || !bhi)
			return oom(err);
		for (size_t j = 0; j < n; j++) {
			const json_t *p = json_array_get(ps, j);

			lab[j] = dur_report_str(p, "name", "?");
			a[j] = dur_report_num(p, sobol ? "S1" : "mu_star");
			b[j] = dur_report_num(p, sobol ? "ST" : "sigma");
			alo[j] = dur_report_num(p, "S1_lo");
			ahi[j] = dur_report_num(p, "S1_hi");
			blo[j] = dur_report_num(p, "ST_lo");
			bhi[j] = dur_report_num(p, "ST_hi");
		}
		if (sobol) {
			snprintf(f->title, sizeof(f->title),
				 "Sobol indices for %s", out);
			snprintf(f->xlabel, sizeof(f->xlabel),
				 "share of the variance of %s", out);
			f->c.categories = lab;
			f->c.ncat = n;
			f->s[0] = (struct dur_chart_series){
				"first order S1, with its interval",
				DUR_MARK_BAR,
				0,
				0,
				0,
				n,
				NULL,
				a,
				alo,
				ahi,
				NULL
			};
			f->s[1] = (struct dur_chart_series){
				"total ST, with its interval",
				DUR_MARK_BAR,
				1,
				0,
				0,
				n,
				NULL,
				b,
				blo,
				bhi,
				NULL
			};
			f->c.nseries = 2;
			snprintf(f->note, sizeof(f->note),
				 "S1: the share of the variance of %s due to "
				 "the parameter alone; ST: including its "
				 "interactions. A large gap means "
				 "interactions matter.",
				 out);
		} else {
			snprintf(f->title, sizeof(f->title),
				 "Morris screening for %s", out);
			snprintf(f->xlabel, sizeof(f->xlabel),
				 "\xce\xbc* (mean absolute effect on %s)", out);
			snprintf(f->ylabel, sizeof(f->ylabel),
				 "\xcf\x83 (spread of the effects)");
			f->s[0] = (struct dur_chart_series){
				"parameter", DUR_MARK_POINTS,
				0,	     0,
				0,	     n,
				a,	     b,
				NULL,	     NULL,
				lab
			};
			f->c.nseries = 1;
			snprintf(f->note, sizeof(f->note),
				 "Parameters to the right move %s most; high "
				 "ones act non-linearly or through "
				 "interactions.",
				 out);
		}
	}
	return 0;
}

/* ---- stats and fit ---------------------------------------------------- */

/*
 * Stats: the result of `durand stats --format json` (docs/stats.md):
 * "periods" (first days, "YYYY-MM-DD") and "series", an object of
 * {"events": [...], "deaths": [...]} per stream or actor, parallel to
 * "periods". One chart: per key (the STATS_KEYS with most events), events as
 * a solid line and deaths as a dashed one in the same colour.
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

static int build_stats(const json_t *r, struct dur_figs *fs,
		       struct dur_error *err)
{
	const json_t *per = json_object_get(r, "periods");
	const json_t *ser = json_object_get(r, "series");
	const char *by = dur_report_str(r, "by", "month");
	const char *grp = dur_report_str(r, "group", "stream");
	const char *keys[STATS_KEYS], *key, *why;
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
	f = fig_new(fs, r, period_adj(by), DUR_CHART_XY);
	if (!f)
		return oom(err);
	x = fig_alloc(f, np, sizeof(double));
	if (!x)
		return oom(err);
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
			double *y = nums(f, json_object_get(k, what[w]), &n);
			char lab[96];

			if (!y)
				return oom(err);
			snprintf(lab, sizeof(lab), "%s %s", keys[j], what[w]);
			f->s[2 * j + (size_t)w] = (struct dur_chart_series){
				fig_strdup(f, lab),
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
				return oom(err);
		}
	}
	f->c.nseries = 2 * nk;
	f->c.x_dates = 1;
	f->c.date0 = d0;
	f->c.ymin = 0;
	snprintf(f->title, sizeof(f->title), "Events and deaths per %s, by %s",
		 by, grp);
	snprintf(f->xlabel, sizeof(f->xlabel), "%s (first day)", by);
	snprintf(f->ylabel, sizeof(f->ylabel), "per %s (events; people)", by);
	snprintf(f->caption, sizeof(f->caption), "durand stats \xc2\xb7 %s "
		 "\xc2\xb7 %s to %s", dur_report_str(r, "group", "stream"),
		 json_string_value(json_array_get(per, 0)),
		 json_string_value(json_array_get(per, np - 1)));
	snprintf(f->note, sizeof(f->note),
		 "Events (solid) and deaths, the datasets' best estimates "
		 "(dashed), in each %s, one colour per %s (the %d with most "
		 "events).",
		 by, grp, STATS_KEYS);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Fit: the result of `durand fit --format json` (docs/fit.md). The heat map
 * shows "branching": cell (i, j) is the expected number of events of stream
 * i that one event of stream j brings about (for the daily form alpha_ij is
 * a rate per unit of excitation, not a count). The QQ plot takes each
 * stream's sorted compensator increments from "rescaled" (an object keyed
 * by stream) against Exp(1) quantiles.
 */
static int build_fit(const json_t *r, struct dur_figs *fs,
		     struct dur_error *err)
{
	const json_t *st = json_object_get(r, "streams");
	const json_t *br = json_object_get(r, "branching");
	const json_t *rs = json_object_get(r, "rescaled");
	const json_t *ks = json_object_get(r, "ks");
	size_t n = json_array_size(st), k = 0;
	const char **lab;
	struct dur_fig *f;
	double *m;
	char rb[32];

	if (!n || json_array_size(br) != n)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "fit result needs 'streams' and a "
				     "'branching' matrix of as many rows");
	f = fig_new(fs, r, "excitation", DUR_CHART_HEATMAP);
	if (!f)
		return oom(err);
	lab = fig_alloc(f, n, sizeof(char *));
	m = fig_alloc(f, n * n, sizeof(double));
	if (!lab || !m)
		return oom(err);
	for (size_t i = 0; i < n; i++) {
		lab[i] = json_string_value(json_array_get(st, i));
		if (!lab[i])
			lab[i] = "?";
		for (size_t j = 0; j < n; j++) {
			const json_t *v =
				json_array_get(json_array_get(br, i), j);

			m[i * n + j] = json_is_number(v) ? json_number_value(v)
							 : NAN;
		}
	}
	f->c.matrix = m;
	f->c.categories = lab;
	f->c.ncat = n;
	f->c.width = 560;
	f->c.height = 80 + 60 * (double)n + 90;
	snprintf(f->title, sizeof(f->title),
		 "Excitation: branching ratios, row \xe2\x86\x90 column");
	snprintf(f->xlabel, sizeof(f->xlabel), "column: triggering stream");
	snprintf(f->ylabel, sizeof(f->ylabel), "row: excited stream");
	snprintf(f->caption, sizeof(f->caption),
		 "durand fit \xc2\xb7 %s \xc2\xb7 %s to %s \xc2\xb7 seed %.0f",
		 dur_report_str(r, "method", "?"),
		 dur_report_str(r, "since", "?"),
		 dur_report_str(r, "until", "?"), dur_report_num(r, "seed"));
	snprintf(f->note, sizeof(f->note),
		 "The branching matrix of the fitted Hawkes process: each "
		 "cell is the expected number of events of the row's stream "
		 "that one event of the column's stream brings about. Its "
		 "spectral radius is %s (below 1: stationary).",
		 dur_report_fmt(dur_report_num(r, "spectral_radius"), rb,
				sizeof(rb)));
	if (!json_is_object(rs))
		return 0;
	f = fig_new(fs, r, "qq", DUR_CHART_XY);
	if (!f)
		return oom(err);
	snprintf(f->caption, sizeof(f->caption), "%s",
		 fs->v[fs->n - 2]->caption);
	for (size_t i = 0; i < n && k < DUR_FIG_SERIES; i++) {
		const char *name = lab[i];
		double *y, *x, p = NAN;
		size_t c;
		char b[128], pb[32];

		y = nums(f, json_object_get(rs, name), &c);
		if (!y || !c)
			continue;
		x = fig_alloc(f, c, sizeof(double));
		if (!x)
			return oom(err);
		qsort(y, c, sizeof(double), cmp_double);
		for (size_t a = 0; a < c; a++)
			x[a] = -log(1 - ((double)a + 0.5) / (double)c);
		for (size_t a = 0; a < json_array_size(ks); a++)
			if (!strcmp(dur_report_str(json_array_get(ks, a),
						   "stream", ""),
				    name))
				p = dur_report_num(json_array_get(ks, a), "p");
		if (isfinite(p))
			snprintf(b, sizeof(b), "%s (KS p = %s)", name,
				 dur_report_fmt(p, pb, sizeof(pb)));
		else
			snprintf(b, sizeof(b), "%s", name);
		f->s[k] = (struct dur_chart_series){
			fig_strdup(f, b), DUR_MARK_POINTS, (int)k, 0, 0, c,
			x,		  y,		   NULL,   NULL, NULL
		};
		if (!f->s[k].name)
			return oom(err);
		k++;
	}
	f->c.nseries = k;
	f->c.diagonal = 1;
	f->c.ref_name = "y = x: the fit is right";
	snprintf(f->title, sizeof(f->title),
		 "Time-rescaling QQ plot against Exp(1)");
	snprintf(f->xlabel, sizeof(f->xlabel), "Exp(1) quantile");
	snprintf(f->ylabel, sizeof(f->ylabel),
		 "rescaled inter-event time (compensator increment)");
	snprintf(f->note, sizeof(f->note),
		 "If the fitted process is right, each stream's rescaled "
		 "inter-event times are Exp(1) and lie on the diagonal; the "
		 "legend gives each stream's Kolmogorov-Smirnov p-value.");
	if (!k)
		fig_drop(fs);
	return 0;
}

int dur_report_figs_build(const json_t *r, enum dur_report_kind kind,
			  struct dur_figs *fs, struct dur_error *err)
{
	switch (kind) {
	case DUR_REPORT_RUN:
		return build_run(r, fs, err);
	case DUR_REPORT_HINDCAST:
		return build_hindcast(r, fs, err);
	case DUR_REPORT_SENSITIVITY:
		return build_sensitivity(r, fs, err);
	case DUR_REPORT_STATS:
		return build_stats(r, fs, err);
	case DUR_REPORT_FIT:
		return build_fit(r, fs, err);
	}
	return dur_error_set(err, DUR_EINVAL, "", 0, 0, "unknown result kind");
}
