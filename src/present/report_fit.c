/*
 * report_fit.c: the report of `durand fit` (docs/fit.md): the fitted streams,
 * the excitation matrices and goodness of fit, the branching heat map and
 * the QQ plots of the rescaled residuals.
 * Shared page and chart helpers: report.c, report_int.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* ---- the page ------------------------------------------------------- */

/* The square matrix member key (streams by streams) as a table. */
static void fit_matrix(struct dur_page *pg, const char *key, const char *what)
{
	const json_t *st = json_object_get(pg->r, "streams");
	const json_t *mx = json_object_get(pg->r, key);
	size_t n = json_array_size(st);

	if (!json_is_array(mx))
		return;
	dur_report_out(pg,
		       "<h3>%s (<code>%s</code>)</h3>\n<table>\n<thead><tr>"
		       "<th>row \xe2\x86\x90 column</th>",
		       what, key);
	for (size_t j = 0; j < n; j++) {
		dur_report_out(pg, "<th class=\"n\">");
		dur_report_esc(pg, json_string_value(json_array_get(st, j)));
		dur_report_out(pg, "</th>");
	}
	dur_report_out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		dur_report_out(pg, "<tr><th>");
		dur_report_esc(pg, json_string_value(json_array_get(st, i)));
		dur_report_out(pg, "</th>");
		for (size_t j = 0; j < n; j++) {
			char path[96];

			snprintf(path, sizeof(path), ".%s[%zu][%zu]", key, i,
				 j);
			dur_report_value(
				pg, "td", "n",
				json_array_get(json_array_get(mx, i), j), path);
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n");
}

/* Per stream: events, baseline, decay (or beta), half-life, with errors. */
static void fit_streams(struct dur_page *pg)
{
	const json_t *st = json_object_get(pg->r, "streams");
	const char *dk = json_object_get(pg->r, "beta") ? "beta" : "decay";
	char dse[16];
	const char *cols[8] = { "events", "mu",	      "mu_se",	    dk,
				dse,	  "halflife", "halflife_se" };

	snprintf(dse, sizeof(dse), "%s_se", dk);
	dur_report_out(pg,
		       "<section id=\"streams\">\n<h2>Streams</h2>\n<table>\n"
		       "<thead><tr><th>stream</th><th class=\"n\">events</th>"
		       "<th class=\"n\">baseline \xce\xbc (a day)</th>"
		       "<th class=\"n\">s.e.</th><th class=\"n\">%s</th>"
		       "<th class=\"n\">s.e.</th><th class=\"n\">half-life "
		       "(days)</th><th class=\"n\">s.e.</th></tr></thead>\n"
		       "<tbody>\n",
		       dk[0] == 'b' ? "\xce\xb2 (a day)" : "decay d (a day)");
	for (size_t i = 0; i < json_array_size(st); i++) {
		dur_report_out(pg, "<tr><td><code>");
		dur_report_esc(pg, json_string_value(json_array_get(st, i)));
		dur_report_out(pg, "</code></td>");
		for (int c = 0; c < 7; c++) {
			char path[64];

			snprintf(path, sizeof(path), ".%s[%zu]", cols[c], i);
			dur_report_value(
				pg, "td", "n",
				json_array_get(json_object_get(pg->r, cols[c]),
					       i),
				path);
		}
		dur_report_out(pg, "</tr>\n");
	}
	dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
}

static void fit_goodness(struct dur_page *pg)
{
	const json_t *ks = json_object_get(pg->r, "ks");

	dur_report_out(pg,
		       "<section id=\"goodness\">\n<h2>Goodness of fit</h2>\n");
	dur_report_figure(pg, "qq");
	if (json_array_size(ks)) {
		dur_report_out(pg,
			       "<table>\n<thead><tr><th>stream</th>"
			       "<th class=\"n\">intervals</th>"
			       "<th class=\"n\">KS D</th><th class=\"n\">p</th>"
			       "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < json_array_size(ks); i++) {
			const json_t *e = json_array_get(ks, i);
			char path[32];

			snprintf(path, sizeof(path), ".ks[%zu]", i);
			dur_report_out(pg, "<tr><td><code>");
			dur_report_esc(pg, dur_report_str(e, "stream", "?"));
			dur_report_out(pg, "</code></td>");
			dur_report_cells(
				pg, e, path,
				(const char *const[]){ "n", "D", "p", NULL });
			dur_report_out(pg, "</tr>\n");
		}
		dur_report_out(pg, "</tbody>\n</table>\n");
		for (size_t i = 0; i < json_array_size(ks); i++) {
			const json_t *e = json_array_get(ks, i);
			double p = dur_report_num(e, "p");
			char b[64];

			if (!(p < 0.05))
				continue;
			dur_report_out(pg, "<p class=\"warn\"><code>");
			dur_report_esc(pg, dur_report_str(e, "stream", "?"));
			dur_report_out(pg,
				       "</code>: the model does not fit these "
				       "data: KS p = %s (the rescaled waiting "
				       "times are not exponential; read its "
				       "rates with care).</p>\n",
				       dur_report_fmt(p, b, sizeof(b)));
		}
	}
	dur_report_out(pg, "</section>\n");
}

void dur_report_fit_page(struct dur_page *pg)
{
	dur_report_head(pg, "fit");
	dur_report_meta(pg,
			(const struct dur_meta[]){
				{ "", "method", "form" },
				{ "from", "since", "" },
				{ "to", "until", "" },
				{ "", "days", "days" },
				{ "seed", "seed", "" },
				{ "log-likelihood", "loglik", "" },
				{ "", "evaluations", "evaluations" },
				{ "converged", "converged", "" },
				{ "spectral radius", "spectral_radius", "" },
				{ NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	dur_report_out(pg,
		       "<section id=\"excitation\">\n<h2>Excitation</h2>\n");
	dur_report_figure(pg, "excitation");
	fit_matrix(pg, "branching",
		   "Branching ratios: events in the row per event in the "
		   "column");
	fit_matrix(pg, "alpha", "Excitation \xce\xb1");
	fit_matrix(pg, "alpha_se", "Standard errors of \xce\xb1");
	dur_report_out(pg, "</section>\n");
	fit_streams(pg);
	fit_goodness(pg);
	dur_report_foot(pg);
}

/* ---- charts --------------------------------------------------------- */
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
int dur_report_fit_figs(const json_t *r, struct dur_figs *fs,
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
	f = dur_report_fig_new(fs, r, "excitation", DUR_CHART_HEATMAP);
	if (!f)
		return dur_report_oom(err);
	lab = dur_report_fig_alloc(f, n, sizeof(char *));
	m = dur_report_fig_alloc(f, n * n, sizeof(double));
	if (!lab || !m)
		return dur_report_oom(err);
	for (size_t i = 0; i < n; i++) {
		lab[i] = json_string_value(json_array_get(st, i));
		if (!lab[i])
			lab[i] = "?";
		for (size_t j = 0; j < n; j++) {
			const json_t *v =
				json_array_get(json_array_get(br, i), j);

			m[i * n + j] =
				json_is_number(v) ? json_number_value(v) : NAN;
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
	f = dur_report_fig_new(fs, r, "qq", DUR_CHART_XY);
	if (!f)
		return dur_report_oom(err);
	snprintf(f->caption, sizeof(f->caption), "%s",
		 fs->v[fs->n - 2]->caption);
	for (size_t i = 0; i < n && k < DUR_FIG_SERIES; i++) {
		const char *name = lab[i];
		double *y, *x, p = NAN;
		size_t c;
		char b[128], pb[32];

		y = dur_report_nums(f, json_object_get(rs, name), &c);
		if (!y || !c)
			continue;
		x = dur_report_fig_alloc(f, c, sizeof(double));
		if (!x)
			return dur_report_oom(err);
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
		f->s[k] =
			(struct dur_chart_series){ dur_report_fig_strdup(f, b),
						   DUR_MARK_POINTS,
						   (int)k,
						   0,
						   0,
						   c,
						   x,
						   y,
						   NULL,
						   NULL,
						   NULL };
		if (!f->s[k].name)
			return dur_report_oom(err);
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
		dur_report_fig_drop(fs);
	return 0;
}
