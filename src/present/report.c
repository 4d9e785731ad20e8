/*
 * report.c: writes a result's self-contained HTML report.
 *
 * The page is one file a reader opens offline or prints: inline CSS with a
 * print stylesheet, the charts of report_fig.c inlined as SVG, and tables of
 * the result's own numbers, each cell tagged with its jq path and exact value
 * (see report.h) so that tests can hold the page to the JSON. Nothing on the
 * page refers to anything outside it.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/output.h"
#include "report_int.h"

static const char css[] =
	":root{color-scheme:light}\n"
	"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
	"'DejaVu Sans',sans-serif;color:#1a1a1a;background:#fff;"
	"max-width:1080px;margin:0 auto;padding:24px}\n"
	"h1{font-size:1.7em;margin:.1em 0}\n"
	"h2{font-size:1.3em;border-bottom:1px solid #bbb;padding-bottom:.15em;"
	"margin-top:1.8em}\n"
	"h3{font-size:1.1em;margin-top:1.4em}\n"
	".meta{color:#444;margin:.2em 0 1em}\n"
	".key{display:grid;grid-template-columns:repeat(auto-fit,"
	"minmax(190px,1fr));gap:10px;margin:1em 0}\n"
	".key div{border:1px solid #ccc;border-radius:6px;padding:8px 12px}\n"
	".key .v{display:block;font-size:1.5em;font-weight:600}\n"
	".key .l{color:#444;font-size:.9em}\n"
	"figure{margin:1.2em 0;break-inside:avoid;page-break-inside:avoid}\n"
	"figure svg{display:block;width:100%;max-width:900px;height:auto}\n"
	"figcaption{color:#333;font-size:.9em;max-width:900px}\n"
	"table{border-collapse:collapse;margin:.8em 0 1.2em;font-size:.9em}\n"
	"th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left;"
	"vertical-align:top}\n"
	"th{border-bottom:2px solid #888;font-weight:600}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"tr{break-inside:avoid;page-break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"code{font-size:.95em}\n"
	".no{font-weight:600}\n"
	"footer{margin-top:2.5em;color:#555;font-size:.85em;"
	"border-top:1px solid #ccc;padding-top:.5em}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"h2,h3{break-after:avoid;page-break-after:avoid}"
	"figure svg{max-width:100%}"
	".key div{border-color:#888}}\n";

struct page {
	FILE *fp;	       /* where the page goes */
	const json_t *r;       /* the result */
	struct dur_figs figs;  /* its charts */
	int nfig;	       /* charts written so far (svg id prefixes) */
	int rc;		       /* first error */
	struct dur_error *err; /* where it is described */
};

static void out(struct page *pg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out(struct page *pg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(pg->fp, fmt, ap);
	va_end(ap);
}

static void esc(struct page *pg, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", pg->fp);
			break;
		case '>':
			fputs("&gt;", pg->fp);
			break;
		case '&':
			fputs("&amp;", pg->fp);
			break;
		case '"':
			fputs("&quot;", pg->fp);
			break;
		default:
			fputc(*s, pg->fp);
		}
	}
}

/* 1 if key can follow "." in a jq path. */
static int ident(const char *key)
{
	if (!key || !(isalpha((unsigned char)*key) || *key == '_'))
		return 0;
	for (; *key; key++)
		if (!isalnum((unsigned char)*key) && *key != '_')
			return 0;
	return 1;
}

/*
 * The jq path of member key under base into out: base.key, or base["key"]
 * for a key such as "closure_days.torkham". Returns out, or NULL if the key
 * holds a character a jq string would need escaped.
 */
static const char *path_join(char *out, size_t len, const char *base,
			     const char *key)
{
	if (ident(key)) {
		snprintf(out, len, "%s.%s", base, key);
		return out;
	}
	for (const char *p = key; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			return NULL;
	snprintf(out, len, "%s[\"%s\"]", base, key);
	return out;
}

/*
 * The value of a JSON number as a tagged element: tag is "td" or "span";
 * path is its jq path (NULL: untagged). Strings print as text; absent
 * members as a dash.
 */
static void value(struct page *pg, const char *tag, const char *cls,
		  const json_t *v, const char *path)
{
	char b[96];

	out(pg, "<%s class=\"%s\"", tag, cls);
	if (json_is_number(v) && path) {
		out(pg, " data-k=\"");
		esc(pg, path);
		if (json_is_integer(v))
			out(pg, "\" data-v=\"%" JSON_INTEGER_FORMAT "\"",
			    json_integer_value(v));
		else
			out(pg, "\" data-v=\"%.17g\"", json_real_value(v));
	}
	out(pg, ">");
	if (json_is_number(v))
		out(pg, "%s",
		    dur_report_fmt(json_number_value(v), b, sizeof(b)));
	else if (json_is_string(v))
		esc(pg, json_string_value(v));
	else if (json_is_boolean(v))
		out(pg, "%s",
		    json_is_true(v) ? "yes" : "<span class=\"no\">no</span>");
	else
		out(pg, "\xe2\x80\x93");
	out(pg, "</%s>", tag);
}

/* A table cell for member key of obj, whose jq path is base; key must be
 * an identifier for the path to be kept. */
static void cell(struct page *pg, const json_t *obj, const char *base,
		 const char *key)
{
	char path[512];
	const json_t *v = json_object_get(obj, key);

	value(pg, "td", json_is_string(v) ? "s" : "n", v,
	      base ? path_join(path, sizeof(path), base, key) : NULL);
}

/* Write the chart called name, if the result has it. */
static void figure(struct page *pg, const char *name)
{
	struct dur_fig *f =
		(struct dur_fig *)dur_report_figs_find(&pg->figs, name);
	const struct dur_chart *c;
	char prefix[32], *svg, *p;
	size_t len;

	if (!f || pg->rc)
		return;
	c = dur_report_fig_bind(f);
	snprintf(prefix, sizeof(prefix), "f%d-", ++pg->nfig);
	pg->rc = dur_chart_draw(c, DUR_CHART_SVG, prefix, &svg, &len, pg->err);
	if (pg->rc)
		return;
	p = strstr(svg, "<svg");
	out(pg,
	    "<figure class=\"chart\" id=\"fig-%s\" data-chart=\"%s\" "
	    "data-series=\"%zu\">\n",
	    f->name, f->name,
	    c->type == DUR_CHART_HEATMAP ? (size_t)1 : c->nseries);
	fputs(p ? p : svg, pg->fp);
	out(pg, "<figcaption>");
	esc(pg, f->note);
	out(pg, "</figcaption>\n</figure>\n");
	free(svg);
}

static void head(struct page *pg, const char *what)
{
	const char *sc = dur_report_str(pg->r, "scenario", NULL);

	out(pg,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>durand %s",
	    what);
	if (sc) {
		out(pg, ": ");
		esc(pg, sc);
	}
	out(pg,
	    "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
	    "<h1>durand %s",
	    css, what);
	if (sc) {
		out(pg, ": scenario <code>");
		esc(pg, sc);
		out(pg, "</code>");
	}
	out(pg, "</h1>\n<p class=\"meta\">");
}

/* "label VALUE unit · " for a top-level member, if the result has it. */
static void meta_item(struct page *pg, const char *label, const char *key,
		      const char *unit)
{
	const json_t *v = json_object_get(pg->r, key);
	char path[128];

	if (!v)
		return;
	snprintf(path, sizeof(path), ".%s", key);
	out(pg, "%s%s", label, *label ? " " : "");
	value(pg, "span", json_is_string(v) ? "s" : "n", v, path);
	out(pg, "%s%s \xc2\xb7 ", *unit ? " " : "", unit);
}

static void end_meta(struct page *pg)
{
	out(pg, "durand %s</p>\n</header>\n<main>\n",
	    dur_report_str(pg->r, "durand", DURAND_VERSION));
}

static void foot(struct page *pg)
{
	out(pg,
	    "</main>\n<footer>Written by durand %s from the JSON result. "
	    "Every number in the tables is a member of that result, "
	    "rounded for display by one rule: whole numbers as they are, "
	    "others to 0 decimals from 1,000 up, 1 from 10, 2 from 1 and 3 "
	    "below 1.</footer>\n</body>\n</html>\n",
	    DURAND_VERSION);
}

/* A key figure: a big number from the result with a label under it. */
static void key_fig(struct page *pg, const char *label, const json_t *obj,
		    const char *base, const char *key)
{
	char path[256];
	const json_t *v = json_object_get(obj, key);

	if (!json_is_number(v))
		return;
	snprintf(path, sizeof(path), "%s.%s", base, key);
	out(pg, "<div>");
	value(pg, "span", "v", v, path);
	out(pg, "<span class=\"l\">");
	esc(pg, label);
	out(pg, "</span></div>\n");
}

static void quantile_head(struct page *pg, const char *first)
{
	out(pg,
	    "<table>\n<thead><tr><th>%s</th><th>unit</th>"
	    "<th class=\"n\">mean</th><th class=\"n\">s.e.</th>"
	    "<th class=\"n\">5%%</th><th class=\"n\">25%%</th>"
	    "<th class=\"n\">median</th><th class=\"n\">75%%</th>"
	    "<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n",
	    first);
}

/* Rows of {mean, se, q05..q95} members of obj, whose jq path is base. */
static void quantile_rows(struct page *pg, const json_t *obj, const char *base)
{
	static const char *const cols[] = { "mean", "se",  "q05", "q25",
					    "q50",  "q75", "q95" };
	const char *key;
	const json_t *st;

	json_object_foreach((json_t *)obj, key, st)
	{
		char path[512];

		if (!json_is_object(st))
			continue;
		out(pg, "<tr><td><code>");
		esc(pg, key);
		out(pg, "</code></td><td>%s</td>", dur_report_unit(key));
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			cell(pg, st, path_join(path, sizeof(path), base, key),
			     cols[i]);
		out(pg, "</tr>\n");
	}
}

/* ---- run -------------------------------------------------------------- */

static void run_what_ifs(struct page *pg)
{
	const json_t *wa = json_object_get(pg->r, "what_if");
	const json_t *base = json_object_get(pg->r, "outcomes");

	if (!json_array_size(wa))
		return;
	out(pg, "<section id=\"what-if\">\n<h2>What-ifs against the "
		"baseline</h2>\n");
	for (size_t w = 0; w < json_array_size(wa); w++) {
		const json_t *wi = json_array_get(wa, w);
		const json_t *diff = json_object_get(wi, "difference");
		const json_t *wo = json_object_get(wi, "outcomes");
		const char *key;
		const json_t *d;
		char name[32], path[256];

		out(pg, "<h3>");
		esc(pg, dur_report_str(wi, "name", "what-if"));
		out(pg, "</h3>\n<p>");
		esc(pg, dur_report_str(wi, "description", ""));
		out(pg, "</p>\n");
		snprintf(name, sizeof(name), "what-if-%zu", w + 1);
		figure(pg, name);
		out(pg, "<table>\n<thead><tr><th>outcome</th><th>unit</th>"
			"<th class=\"n\">baseline mean</th>"
			"<th class=\"n\">what-if mean</th>"
			"<th class=\"n\">difference, mean</th>"
			"<th class=\"n\">5%%</th><th class=\"n\">median</th>"
			"<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n");
		json_object_foreach((json_t *)diff, key, d)
		{
			const char *b;
			char wb[64];

			out(pg, "<tr><td><code>");
			esc(pg, key);
			out(pg, "</code></td><td>%s</td>",
			    dur_report_unit(key));
			b = path_join(path, sizeof(path), ".outcomes", key);
			cell(pg, json_object_get(base, key), b, "mean");
			snprintf(wb, sizeof(wb), ".what_if[%zu].outcomes", w);
			b = path_join(path, sizeof(path), wb, key);
			cell(pg, json_object_get(wo, key), b, "mean");
			snprintf(wb, sizeof(wb), ".what_if[%zu].difference", w);
			b = path_join(path, sizeof(path), wb, key);
			cell(pg, d, b, "mean");
			cell(pg, d, b, "q05");
			cell(pg, d, b, "q50");
			cell(pg, d, b, "q95");
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n");
	}
	out(pg, "</section>\n");
}

/* The answer first: the result's headline sentence (docs/output.md). */
static void answer(struct page *pg)
{
	const char *t = dur_report_str(json_object_get(pg->r, "headline"),
				       "text", NULL);

	if (!t)
		return;
	out(pg, "<p class=\"answer\">");
	esc(pg, t);
	out(pg, " Brackets: 95%% Monte Carlo interval (Wilson).</p>\n");
}

static void run_page(struct page *pg)
{
	const json_t *r = pg->r;
	const json_t *o = json_object_get(r, "outcomes");
	const json_t *fs = json_object_get(r, "first_strike");
	const json_t *esc_a = json_object_get(r, "escalation");
	const json_t *cr = json_object_get(r, "crossings");
	const json_t *cd = json_object_get(r, "ceasefire_duration");
	char path[256];

	head(pg, "run");
	meta_item(pg, "from", "start", "");
	meta_item(pg, "", "days", "days");
	meta_item(pg, "", "runs", "runs");
	meta_item(pg, "seed", "seed", "");
	end_meta(pg);
	answer(pg);
	out(pg, "<section id=\"summary\">\n<h2>Key figures</h2>\n"
		"<div class=\"key\">\n");
	key_fig(pg, "probability of a first strike within the horizon", fs,
		".first_strike", "p");
	key_fig(pg, "Pakistani deaths, median",
		json_object_get(o, "fatalities_pakistan"),
		".outcomes.fatalities_pakistan", "q50");
	key_fig(pg, "Afghan deaths, median",
		json_object_get(o, "fatalities_afghanistan"),
		".outcomes.fatalities_afghanistan", "q50");
	key_fig(pg, "militant attacks, median", json_object_get(o, "attacks"),
		".outcomes.attacks", "q50");
	key_fig(pg, "days of border closure, median",
		json_object_get(o, "closure_days"), ".outcomes.closure_days",
		"q50");
	key_fig(pg, "trade lost (US$), median",
		json_object_get(o, "trade_lost_usd"),
		".outcomes.trade_lost_usd", "q50");
	out(pg, "</div>\n</section>\n");

	if (dur_report_figs_find(&pg->figs, "fan-pakistan") ||
	    dur_report_figs_find(&pg->figs, "fan-afghanistan")) {
		out(pg, "<section id=\"fatalities\">\n<h2>Fatalities over the "
			"horizon</h2>\n");
		figure(pg, "fan-pakistan");
		figure(pg, "fan-afghanistan");
		out(pg, "</section>\n");
	}

	out(pg, "<section id=\"escalation\">\n<h2>Escalation</h2>\n");
	figure(pg, "ladder");
	if (json_array_size(esc_a)) {
		out(pg, "<table>\n<thead><tr><th class=\"n\">rung</th>"
			"<th>name</th><th class=\"n\">probability of reaching "
			"it</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < json_array_size(esc_a); i++) {
			const json_t *e = json_array_get(esc_a, i);

			snprintf(path, sizeof(path), ".escalation[%zu]", i);
			out(pg, "<tr>");
			cell(pg, e, path, "rung");
			cell(pg, e, path, "name");
			cell(pg, e, path, "p_reach");
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n");
	}
	out(pg, "</section>\n");

	if (json_is_object(fs)) {
		out(pg, "<section id=\"first-strike\">\n<h2>Time to first "
			"strike</h2>\n");
		figure(pg, "first-strike");
		out(pg, "<table>\n<thead><tr><th class=\"n\">probability "
			"within the horizon</th><th class=\"n\">5%% "
			"(day)</th><th class=\"n\">median (day)</th>"
			"<th class=\"n\">95%% (day)</th></tr></thead>\n"
			"<tbody>\n<tr>");
		cell(pg, fs, ".first_strike", "p");
		cell(pg, fs, ".first_strike", "q05");
		cell(pg, fs, ".first_strike", "q50");
		cell(pg, fs, ".first_strike", "q95");
		out(pg, "</tr>\n</tbody>\n</table>\n</section>\n");
	}

	out(pg, "<section id=\"outcomes\">\n<h2>Outcomes over the horizon"
		"</h2>\n");
	quantile_head(pg, "outcome");
	quantile_rows(pg, o, ".outcomes");
	out(pg, "</tbody>\n</table>\n</section>\n");

	if (json_array_size(cr)) {
		out(pg, "<section id=\"crossings\">\n<h2>Border crossings"
			"</h2>\n");
		quantile_head(pg, "crossing: outcome");
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

				char cb[64];
				const char *b;

				if (!json_is_object(st))
					continue;
				snprintf(cb, sizeof(cb), ".crossings[%zu]", i);
				b = path_join(path, sizeof(path), cb, key);
				out(pg, "<tr><td>");
				esc(pg, dur_report_str(c, "name", "?"));
				out(pg, ": <code>");
				esc(pg, key);
				out(pg, "</code></td><td>%s</td>",
				    dur_report_unit(key));
				for (size_t j = 0; j < 7; j++)
					cell(pg, st, b, cols[j]);
				out(pg, "</tr>\n");
			}
		}
		out(pg, "</tbody>\n</table>\n</section>\n");
	}

	if (json_is_object(cd)) {
		out(pg, "<section id=\"ceasefires\">\n<h2>Ceasefires</h2>\n"
			"<table>\n<thead><tr><th class=\"n\">ceasefires "
			"begun</th><th class=\"n\">mean duration (days)</th>"
			"<th class=\"n\">5%%</th><th class=\"n\">median</th>"
			"<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n"
			"<tr>");
		cell(pg, cd, ".ceasefire_duration", "n");
		cell(pg, cd, ".ceasefire_duration", "mean");
		cell(pg, cd, ".ceasefire_duration", "q05");
		cell(pg, cd, ".ceasefire_duration", "q50");
		cell(pg, cd, ".ceasefire_duration", "q95");
		out(pg, "</tr>\n</tbody>\n</table>\n</section>\n");
	}
	run_what_ifs(pg);
	foot(pg);
}

/* ---- hindcast --------------------------------------------------------- */

static void hindcast_page(struct page *pg)
{
	const json_t *t = json_object_get(pg->r, "targets");
	const json_t *ev = json_object_get(pg->r, "events");
	const json_t *se = json_object_get(pg->r, "series");
	size_t ok = 0;
	char path[128];

	head(pg, "hindcast");
	meta_item(pg, "from", "start", "");
	meta_item(pg, "until", "until", "");
	meta_item(pg, "", "runs", "runs");
	meta_item(pg, "seed", "seed", "");
	end_meta(pg);
	for (size_t i = 0; i < json_array_size(t); i++)
		ok += json_is_true(
			json_object_get(json_array_get(t, i), "consistent"));
	out(pg,
	    "<section id=\"targets\">\n<h2>Stated figures against the "
	    "model</h2>\n<p>%zu of %zu targets are consistent with the "
	    "model by their rules.</p>\n",
	    ok, json_array_size(t));
	figure(pg, "hindcast");
	out(pg, "<table>\n<thead><tr><th>target</th><th>kind</th>"
		"<th class=\"n\">stated</th><th class=\"n\">model 5%%</th>"
		"<th class=\"n\">median</th><th class=\"n\">95%%</th>"
		"<th class=\"n\">P(model \xe2\x89\xa5 stated)</th>"
		"<th>consistent</th><th>source</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < json_array_size(t); i++) {
		const json_t *e = json_array_get(t, i);

		snprintf(path, sizeof(path), ".targets[%zu]", i);
		out(pg, "<tr>");
		cell(pg, e, path, "name");
		cell(pg, e, path, "kind");
		cell(pg, e, path, "stated");
		cell(pg, e, path, "q05");
		cell(pg, e, path, "q50");
		cell(pg, e, path, "q95");
		cell(pg, e, path, "p");
		cell(pg, e, path, "consistent");
		cell(pg, e, path, "source");
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n</section>\n");
	if (json_array_size(ev)) {
		out(pg, "<section id=\"events\">\n<h2>Events</h2>\n<table>\n"
			"<thead><tr><th>event</th><th class=\"n\">share of "
			"runs in which it happens</th></tr></thead>\n"
			"<tbody>\n");
		for (size_t i = 0; i < json_array_size(ev); i++) {
			snprintf(path, sizeof(path), ".events[%zu]", i);
			out(pg, "<tr>");
			cell(pg, json_array_get(ev, i), path, "name");
			cell(pg, json_array_get(ev, i), path, "p");
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n</section>\n");
	}
	if (json_array_size(se)) {
		out(pg, "<section id=\"series\">\n<h2>By period</h2>\n");
		for (size_t i = 0; i < pg->figs.n; i++)
			if (!strncmp(pg->figs.v[i]->name, "hindcast-", 9))
				figure(pg, pg->figs.v[i]->name);
		out(pg, "<table>\n<thead><tr><th>stream</th><th>period</th>"
			"<th class=\"n\">model 5%%</th><th class=\"n\">median"
			"</th><th class=\"n\">95%%</th></tr></thead>\n"
			"<tbody>\n");
		for (size_t i = 0; i < json_array_size(se); i++) {
			const json_t *e = json_array_get(se, i);

			snprintf(path, sizeof(path), ".series[%zu]", i);
			out(pg, "<tr>");
			cell(pg, e, path, "stream");
			cell(pg, e, path, "period");
			cell(pg, e, path, "q05");
			cell(pg, e, path, "q50");
			cell(pg, e, path, "q95");
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n</section>\n");
	}
	foot(pg);
}

/* ---- sensitivity ------------------------------------------------------ */

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

static void sensitivity_page(struct page *pg)
{
	const json_t *res = json_object_get(pg->r, "results");
	const char *method = dur_report_str(pg->r, "method", "");
	int sobol = !strcmp(method, "sobol");
	const struct col *cols = sobol ? sobol_cols : morris_cols;
	size_t ncol = sobol ? sizeof(sobol_cols) / sizeof(sobol_cols[0])
			    : sizeof(morris_cols) / sizeof(morris_cols[0]);

	head(pg, "sensitivity");
	meta_item(pg, "method", "method", "");
	meta_item(pg, "", "runs", "runs");
	meta_item(pg, "", "days", "days");
	meta_item(pg, "seed", "seed", "");
	end_meta(pg);
	for (size_t i = 0; i < json_array_size(res); i++) {
		const json_t *o = json_array_get(res, i);
		const json_t *ps = json_object_get(o, "params");
		const json_t *p0 = json_array_get(ps, 0);
		const char *name = dur_report_str(o, "outcome", "outcome");
		char fig[96], path[128];

		out(pg, "<section>\n<h2>");
		esc(pg, name);
		out(pg, "</h2>\n");
		snprintf(fig, sizeof(fig), "%s-%s", method, name);
		figure(pg, fig);
		out(pg, "<table>\n<thead><tr><th>parameter</th>");
		for (size_t c = 0; c < ncol; c++)
			if (!cols[c].optional ||
			    json_object_get(p0, cols[c].key))
				out(pg, "<th class=\"n\">%s</th>",
				    cols[c].head);
		out(pg, "</tr></thead>\n<tbody>\n");
		for (size_t j = 0; j < json_array_size(ps); j++) {
			const json_t *p = json_array_get(ps, j);

			snprintf(path, sizeof(path),
				 ".results[%zu].params[%zu]", i, j);
			out(pg, "<tr><td><code>");
			esc(pg, dur_report_str(p, "name", "?"));
			out(pg, "</code></td>");
			for (size_t c = 0; c < ncol; c++)
				if (!cols[c].optional ||
				    json_object_get(p0, cols[c].key))
					cell(pg, p, path, cols[c].key);
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n</section>\n");
	}
	foot(pg);
}

/* ---- stats ------------------------------------------------------------ */

/* Totals per key over all periods: sums of the result's arrays, so their
 * cells carry no data-k. */
static void stats_totals(struct page *pg)
{
	const json_t *ser = json_object_get(pg->r, "series");
	static const char *const what[4] = { "events", "deaths", "deaths_low",
					     "deaths_high" };
	const char *key;
	const json_t *e;
	char b[64];

	out(pg, "<section id=\"totals\">\n<h2>Totals</h2>\n<table>\n"
		"<thead><tr><th>%s</th><th class=\"n\">events</th>"
		"<th class=\"n\">deaths</th><th class=\"n\">low</th>"
		"<th class=\"n\">high</th></tr></thead>\n<tbody>\n",
	    dur_report_str(pg->r, "group", "stream"));
	json_object_foreach((json_t *)ser, key, e)
	{
		out(pg, "<tr><td><code>");
		esc(pg, key);
		out(pg, "</code></td>");
		for (int w = 0; w < 4; w++) {
			const json_t *a = json_object_get(e, what[w]);
			double t = 0;

			for (size_t i = 0; i < json_array_size(a); i++)
				t += json_is_number(json_array_get(a, i))
					     ? json_number_value(
						       json_array_get(a, i))
					     : 0;
			out(pg, "<td class=\"n\">%s</td>",
			    dur_report_fmt(t, b, sizeof(b)));
		}
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n</section>\n");
}

/* Every period's events and deaths per key, each cell a tagged member. */
static void stats_periods(struct page *pg)
{
	const json_t *per = json_object_get(pg->r, "periods");
	const json_t *ser = json_object_get(pg->r, "series");
	const char *key;
	const json_t *e;

	out(pg, "<section id=\"periods\">\n<h2>Per %s</h2>\n<table>\n"
		"<thead><tr><th>%s</th>",
	    dur_report_str(pg->r, "by", "period"),
	    dur_report_str(pg->r, "by", "period"));
	json_object_foreach((json_t *)ser, key, e)
	{
		out(pg, "<th class=\"n\"><code>");
		esc(pg, key);
		out(pg, "</code> events</th><th class=\"n\"><code>");
		esc(pg, key);
		out(pg, "</code> deaths</th>");
	}
	out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < json_array_size(per); i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), ".periods[%zu]", i);
		out(pg, "<tr>");
		value(pg, "td", "s", json_array_get(per, i), ip);
		json_object_foreach((json_t *)ser, key, e)
		{
			char base[256], path[320];
			const char *bp = path_join(base, sizeof(base),
						   ".series", key);

			for (int w = 0; w < 2; w++) {
				const char *m = w ? "deaths" : "events";

				snprintf(path, sizeof(path), "%s.%s[%zu]",
					 bp ? bp : "", m, i);
				value(pg, "td", "n",
				      json_array_get(json_object_get(e, m), i),
				      bp ? path : NULL);
			}
		}
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n</section>\n");
}

static void stats_page(struct page *pg)
{
	const json_t *filt = json_object_get(pg->r, "filters");
	const char *key;
	const json_t *v;

	head(pg, "stats");
	meta_item(pg, "by", "by", "");
	meta_item(pg, "per", "group", "");
	meta_item(pg, "", "events", "events");
	json_object_foreach((json_t *)filt, key, v)
	{
		if (!json_is_string(v))
			continue;
		out(pg, "%s ", key);
		esc(pg, json_string_value(v));
		out(pg, " \xc2\xb7 ");
	}
	end_meta(pg);
	if (pg->figs.n) {
		out(pg, "<section id=\"chart\">\n<h2>Events and deaths per "
			"%s</h2>\n",
		    dur_report_str(pg->r, "by", "period"));
		figure(pg, pg->figs.v[0]->name);
		out(pg, "</section>\n");
	} else {
		out(pg, "<p>No events matched.</p>\n");
	}
	stats_totals(pg);
	stats_periods(pg);
	foot(pg);
}

/* ---- fit -------------------------------------------------------------- */

/* The square matrix member key (streams by streams) as a table. */
static void fit_matrix(struct page *pg, const char *key, const char *what)
{
	const json_t *st = json_object_get(pg->r, "streams");
	const json_t *mx = json_object_get(pg->r, key);
	size_t n = json_array_size(st);

	if (!json_is_array(mx))
		return;
	out(pg, "<h3>%s (<code>%s</code>)</h3>\n<table>\n<thead><tr>"
		"<th>row \xe2\x86\x90 column</th>",
	    what, key);
	for (size_t j = 0; j < n; j++) {
		out(pg, "<th class=\"n\">");
		esc(pg, json_string_value(json_array_get(st, j)));
		out(pg, "</th>");
	}
	out(pg, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		out(pg, "<tr><th>");
		esc(pg, json_string_value(json_array_get(st, i)));
		out(pg, "</th>");
		for (size_t j = 0; j < n; j++) {
			char path[96];

			snprintf(path, sizeof(path), ".%s[%zu][%zu]", key, i,
				 j);
			value(pg, "td", "n",
			      json_array_get(json_array_get(mx, i), j), path);
		}
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n");
}

/* Per stream: events, baseline, decay (or beta), half-life, with errors. */
static void fit_streams(struct page *pg)
{
	const json_t *st = json_object_get(pg->r, "streams");
	const char *dk = json_object_get(pg->r, "beta") ? "beta" : "decay";
	char dse[16];
	const char *cols[8] = { "events", "mu",	      "mu_se",	  dk,
				dse,	  "halflife", "halflife_se" };

	snprintf(dse, sizeof(dse), "%s_se", dk);
	out(pg, "<section id=\"streams\">\n<h2>Streams</h2>\n<table>\n"
		"<thead><tr><th>stream</th><th class=\"n\">events</th>"
		"<th class=\"n\">baseline \xce\xbc (a day)</th>"
		"<th class=\"n\">s.e.</th><th class=\"n\">%s</th>"
		"<th class=\"n\">s.e.</th><th class=\"n\">half-life "
		"(days)</th><th class=\"n\">s.e.</th></tr></thead>\n"
		"<tbody>\n",
	    dk[0] == 'b' ? "\xce\xb2 (a day)" : "decay d (a day)");
	for (size_t i = 0; i < json_array_size(st); i++) {
		out(pg, "<tr><td><code>");
		esc(pg, json_string_value(json_array_get(st, i)));
		out(pg, "</code></td>");
		for (int c = 0; c < 7; c++) {
			char path[64];

			snprintf(path, sizeof(path), ".%s[%zu]", cols[c], i);
			value(pg, "td", "n",
			      json_array_get(json_object_get(pg->r, cols[c]),
					     i),
			      path);
		}
		out(pg, "</tr>\n");
	}
	out(pg, "</tbody>\n</table>\n</section>\n");
}

static void fit_goodness(struct page *pg)
{
	const json_t *ks = json_object_get(pg->r, "ks");

	out(pg, "<section id=\"goodness\">\n<h2>Goodness of fit</h2>\n");
	figure(pg, "qq");
	if (json_array_size(ks)) {
		out(pg, "<table>\n<thead><tr><th>stream</th>"
			"<th class=\"n\">intervals</th>"
			"<th class=\"n\">KS D</th><th class=\"n\">p</th>"
			"</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < json_array_size(ks); i++) {
			const json_t *e = json_array_get(ks, i);
			char path[32];

			snprintf(path, sizeof(path), ".ks[%zu]", i);
			out(pg, "<tr><td><code>");
			esc(pg, dur_report_str(e, "stream", "?"));
			out(pg, "</code></td>");
			cell(pg, e, path, "n");
			cell(pg, e, path, "D");
			cell(pg, e, path, "p");
			out(pg, "</tr>\n");
		}
		out(pg, "</tbody>\n</table>\n");
	}
	out(pg, "</section>\n");
}

static void fit_page(struct page *pg)
{
	head(pg, "fit");
	meta_item(pg, "", "method", "form");
	meta_item(pg, "from", "since", "");
	meta_item(pg, "to", "until", "");
	meta_item(pg, "", "days", "days");
	meta_item(pg, "seed", "seed", "");
	meta_item(pg, "log-likelihood", "loglik", "");
	meta_item(pg, "", "evaluations", "evaluations");
	meta_item(pg, "converged", "converged", "");
	meta_item(pg, "spectral radius", "spectral_radius", "");
	end_meta(pg);
	out(pg, "<section id=\"excitation\">\n<h2>Excitation</h2>\n");
	figure(pg, "excitation");
	fit_matrix(pg, "branching",
		   "Branching ratios: events in the row per event in the "
		   "column");
	fit_matrix(pg, "alpha", "Excitation \xce\xb1");
	fit_matrix(pg, "alpha_se", "Standard errors of \xce\xb1");
	out(pg, "</section>\n");
	fit_streams(pg);
	fit_goodness(pg);
	foot(pg);
}

/* ---- entry points ----------------------------------------------------- */

int dur_report_load(const char *path, json_t **result, struct dur_error *err)
{
	json_error_t je;
	int code;

	*result = !strcmp(path, "-") ? json_loadf(stdin, 0, &je)
				     : json_load_file(path, 0, &je);
	if (*result)
		return 0;
	code = json_error_code(&je) == json_error_cannot_open_file ? DUR_EIO
								   : DUR_EPARSE;
	return dur_error_set(err, code, path, code == DUR_EIO ? 0 : je.line,
			     code == DUR_EIO ? 0 : je.column, "%s", je.text);
}

int dur_report_kind(const json_t *r, enum dur_report_kind *kind,
		    struct dur_error *err)
{
	static const char *const names[] = { "run", "hindcast", "sensitivity",
					     "stats", "fit" };
	const char *k;

	if (!json_is_object(r))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a result must be a JSON object");
	k = dur_report_str(r, "kind", NULL);
	if (!k) {
		if (json_is_object(json_object_get(r, "outcomes"))) {
			*kind = DUR_REPORT_RUN;
			return 0;
		}
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "result has no 'kind'");
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(k, names[i])) {
			*kind = (enum dur_report_kind)i;
			return 0;
		}
	return dur_error_set(err, DUR_EINVAL, "", 0, 0,
			     "unknown result kind '%s'", k);
}

int dur_report_html(const json_t *r, FILE *fp, struct dur_error *err)
{
	struct page pg = { .fp = fp, .r = r, .err = err };
	enum dur_report_kind kind;
	int rc;

	rc = dur_report_kind(r, &kind, err);
	if (rc)
		return rc;
	rc = dur_report_figs_build(r, kind, &pg.figs, err);
	if (rc)
		goto out;
	switch (kind) {
	case DUR_REPORT_RUN:
		run_page(&pg);
		break;
	case DUR_REPORT_HINDCAST:
		hindcast_page(&pg);
		break;
	case DUR_REPORT_SENSITIVITY:
		sensitivity_page(&pg);
		break;
	case DUR_REPORT_STATS:
		stats_page(&pg);
		break;
	case DUR_REPORT_FIT:
		fit_page(&pg);
		break;
	}
	rc = pg.rc;
	if (!rc && ferror(fp))
		rc = dur_error_set(err, DUR_EIO, "", 0, 0,
				   "cannot write the report: %s",
				   strerror(errno));
out:
	dur_report_figs_release(&pg.figs);
	return rc;
}

int dur_report_write(const json_t *r, const char *path, struct dur_error *err)
{
	struct dur_output o;
	int rc;

	rc = dur_output_open(&o, path, err);
	if (rc)
		return rc;
	rc = dur_report_html(r, o.fp, err);
	if (rc) {
		dur_output_abort(&o);
		return rc;
	}
	return dur_output_commit(&o, err);
}

int dur_report_chart_names(const json_t *r, char **names, struct dur_error *err)
{
	struct dur_figs fs = { 0 };
	enum dur_report_kind kind;
	size_t len = 1;
	int rc;

	*names = NULL;
	rc = dur_report_kind(r, &kind, err);
	if (!rc)
		rc = dur_report_figs_build(r, kind, &fs, err);
	if (!rc) {
		for (size_t i = 0; i < fs.n; i++)
			len += strlen(fs.v[i]->name) + 1;
		*names = malloc(len);
		if (!*names) {
			rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
					   "out of memory");
		} else {
			(*names)[0] = 0;
			for (size_t i = 0; i < fs.n; i++) {
				strcat(*names, fs.v[i]->name);
				strcat(*names, "\n");
			}
		}
	}
	dur_report_figs_release(&fs);
	return rc;
}

int dur_report_chart_save(const json_t *r, const char *name, const char *path,
			  struct dur_error *err)
{
	struct dur_figs fs = { 0 };
	enum dur_report_kind kind;
	struct dur_fig *f = NULL;
	int rc;

	rc = dur_report_kind(r, &kind, err);
	if (!rc)
		rc = dur_report_figs_build(r, kind, &fs, err);
	if (!rc) {
		f = name   ? (struct dur_fig *)dur_report_figs_find(&fs, name)
		    : fs.n ? fs.v[0]
			   : NULL;
		if (!f)
			rc = dur_error_set(err, DUR_ENOTFOUND, "", 0, 0,
					   "no chart '%s' in this result",
					   name ? name : "(any)");
	}
	if (!rc)
		rc = dur_chart_save(dur_report_fig_bind(f), path, err);
	dur_report_figs_release(&fs);
	return rc;
}
