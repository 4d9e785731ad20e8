/*
 * report_sensitivity.c: the report of `durand sensitivity` (Morris or Sobol):
 * the tables of the measures or indices and their charts. Shared page and chart
 * helpers: report.c, report_int.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* ---- the page ------------------------------------------------------- */

/* Columns of the sensitivity tables: the optional ones only if the first
 * parameter has them. */
struct col {
	const char *key;  /* member of a parameter */
	const char *head; /* column heading */
	int optional;	  /* shown only if present */
};

static const struct col morris_cols[] = {
	{ "lo", "from", 1 },
	{ "hi", "to", 1 },
	{ "mu_star", "\xce\xbc*", 0 },
	{ "mu_star_lo", "\xce\xbc* lo", 1 },
	{ "mu_star_hi", "\xce\xbc* hi", 1 },
	{ "sigma", "\xcf\x83", 0 },
	{ "mu", "\xce\xbc", 0 },
};

static const struct col sobol_cols[] = {
	{ "lo", "from", 1 },	 { "hi", "to", 1 },	  { "S1", "S1", 0 },
	{ "S1_lo", "S1 lo", 0 }, { "S1_hi", "S1 hi", 0 }, { "ST", "ST", 0 },
	{ "ST_lo", "ST lo", 0 }, { "ST_hi", "ST hi", 0 },
};

void dur_report_sensitivity_page(struct dur_page *pg)
{
	const json_t *res = json_object_get(pg->r, "results");
	const char *method = dur_report_str(pg->r, "method", "");
	int sobol = !strcmp(method, "sobol");
	const struct col *cols = sobol ? sobol_cols : morris_cols;
	size_t ncol = sobol ? sizeof(sobol_cols) / sizeof(sobol_cols[0])
			    : sizeof(morris_cols) / sizeof(morris_cols[0]);

	dur_report_head(pg, "sensitivity");
	dur_report_meta(pg,
			(const struct dur_meta[]){ { "method", "method", "" },
						   { "", "runs", "runs" },
						   { "", "days", "days" },
						   { "seed", "seed", "" },
						   { NULL, NULL, NULL } });
	dur_report_end_meta(pg);
	for (size_t i = 0; i < json_array_size(res); i++) {
		const json_t *o = json_array_get(res, i);
		const json_t *ps = json_object_get(o, "params");
		const json_t *p0 = json_array_get(ps, 0);
		const char *name = dur_report_str(o, "outcome", "outcome");
		char fig[96], path[128];

		dur_report_out(pg, "<section>\n<h2>");
		dur_report_esc(pg, name);
		dur_report_out(pg, "</h2>\n");
		snprintf(fig, sizeof(fig), "%s-%s", method, name);
		dur_report_figure(pg, fig);
		dur_report_out(pg, "<table>\n<thead><tr><th>parameter</th>");
		for (size_t c = 0; c < ncol; c++)
			if (!cols[c].optional ||
			    json_object_get(p0, cols[c].key))
				dur_report_out(pg, "<th class=\"n\">%s</th>",
					       cols[c].head);
		dur_report_out(pg, "</tr></thead>\n<tbody>\n");
		for (size_t j = 0; j < json_array_size(ps); j++) {
			const json_t *p = json_array_get(ps, j);

			snprintf(path, sizeof(path),
				 ".results[%zu].params[%zu]", i, j);
			dur_report_out(pg, "<tr><td><code>");
			dur_report_esc(pg, dur_report_str(p, "name", "?"));
			dur_report_out(pg, "</code></td>");
			for (size_t c = 0; c < ncol; c++)
				if (!cols[c].optional ||
				    json_object_get(p0, cols[c].key))
					dur_report_cell(pg, p, path,
							cols[c].key);
			dur_report_out(pg, "</tr>\n");
		}
		dur_report_out(pg, "</tbody>\n</table>\n</section>\n");
	}
	dur_report_foot(pg);
}

/* ---- charts --------------------------------------------------------- */

int dur_report_sensitivity_figs(const json_t *r, struct dur_figs *fs,
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
		f = dur_report_fig_new(fs, r, name,
				       sobol ? DUR_CHART_ROWS : DUR_CHART_XY);
		if (!f)
			return dur_report_oom(err);
		lab = dur_report_fig_alloc(f, n, sizeof(char *));
		a = dur_report_fig_alloc(f, n, sizeof(double));
		b = dur_report_fig_alloc(f, n, sizeof(double));
		alo = dur_report_fig_alloc(f, n, sizeof(double));
		ahi = dur_report_fig_alloc(f, n, sizeof(double));
		blo = dur_report_fig_alloc(f, n, sizeof(double));
		bhi = dur_report_fig_alloc(f, n, sizeof(double));
		if (!lab || !a || !b || !alo || !ahi || !blo || !bhi)
			return dur_report_oom(err);
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
