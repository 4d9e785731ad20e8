/*
 * report.c: writes a result's self-contained HTML report: what the pages
 * and charts of every result kind share (the page's frame, cells and
 * tables; the store of figures; reading numbers from a result), and the
 * entry points of report.h, which hand each kind to its report_<kind>.c.
 *
 * The page is one file a reader opens offline or prints: inline CSS with a
 * print stylesheet, the charts of report_fig.c inlined as SVG, and tables of
 * the result's own numbers, each cell tagged with its jq path and exact value
 * (see report.h) so that tests can hold the page to the JSON. Nothing on the
 * page refers to anything outside it.
 *
 * A result's charts: each kind has a builder that reads the members it
 * needs and fills one struct dur_fig per chart (chart.h does the drawing).
 * Members a result lacks only drop the charts that need them, so a run
 * without "daily" still gets its what-if charts.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/numtext.h"
#include "durand/dataset.h"
#include "durand/date.h"
#include "durand/grow.h"
#include "durand/output.h"
#include "durand/result.h"
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

/* ---- writing the page ------------------------------------------------ */

void dur_report_out(struct dur_page *pg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(pg->fp, fmt, ap);
	va_end(ap);
}

void dur_report_esc(struct dur_page *pg, const char *s)
{
	for (; s && *s; s++) {
		const char *e = *s == '<'   ? "&lt;"
				: *s == '>' ? "&gt;"
				: *s == '&' ? "&amp;"
				: *s == '"' ? "&quot;"
					    : NULL;

		if (e)
			fputs(e, pg->fp);
		else
			fputc(*s, pg->fp);
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
const char *dur_report_path_join(char *out, size_t len, const char *base,
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
void dur_report_value(struct dur_page *pg, const char *tag, const char *cls,
		      const json_t *v, const char *path)
{
	char b[96];

	dur_report_out(pg, "<%s class=\"%s\"", tag, cls);
	if (json_is_number(v) && path) {
		dur_report_out(pg, " data-k=\"");
		dur_report_esc(pg, path);
		if (json_is_integer(v))
			dur_report_out(pg,
				       "\" data-v=\"%" JSON_INTEGER_FORMAT "\"",
				       json_integer_value(v));
		else
			dur_report_out(pg, "\" data-v=\"%.17g\"",
				       json_real_value(v));
	}
	dur_report_out(pg, ">");
	if (json_is_number(v))
		dur_report_out(
			pg, "%s",
			dur_report_fmt(json_number_value(v), b, sizeof(b)));
	else if (json_is_string(v))
		dur_report_esc(pg, json_string_value(v));
	else if (json_is_boolean(v))
		dur_report_out(pg, "%s",
			       json_is_true(v)
				       ? "yes"
				       : "<span class=\"no\">no</span>");
	else
		dur_report_out(pg, "\xe2\x80\x93");
	dur_report_out(pg, "</%s>", tag);
}

/* A table cell for member key of obj, whose jq path is base; key must be
 * an identifier for the path to be kept. */
void dur_report_cell(struct dur_page *pg, const json_t *obj, const char *base,
		     const char *key)
{
	char path[512];
	const json_t *v = json_object_get(obj, key);

	dur_report_value(
		pg, "td", json_is_string(v) ? "s" : "n", v,
		base ? dur_report_path_join(path, sizeof(path), base, key)
		     : NULL);
}

/* Write the chart called name, if the result has it. */
void dur_report_figure(struct dur_page *pg, const char *name)
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
	dur_report_out(
		pg,
		"<figure class=\"chart\" id=\"fig-%s\" data-chart=\"%s\" "
		"data-series=\"%zu\"",
		f->name, f->name,
		c->type == DUR_CHART_HEATMAP ? (size_t)1 : c->nseries);
	/* the axes' titles, which the SVG draws as glyphs, for a reader of
	 * the page's text (and its tests) */
	if (f->xlabel[0]) {
		dur_report_out(pg, " data-xlabel=\"");
		dur_report_esc(pg, f->xlabel);
		dur_report_out(pg, "\"");
	}
	if (f->ylabel[0]) {
		dur_report_out(pg, " data-ylabel=\"");
		dur_report_esc(pg, f->ylabel);
		dur_report_out(pg, "\"");
	}
	dur_report_out(pg, ">\n");
	fputs(p ? p : svg, pg->fp);
	dur_report_out(pg, "<figcaption>");
	dur_report_esc(pg, f->note);
	dur_report_out(pg, "</figcaption>\n</figure>\n");
	free(svg);
}

void dur_report_head(struct dur_page *pg, const char *what)
{
	const char *sc = dur_report_str(pg->r, "scenario", NULL);

	dur_report_out(pg,
		       "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>durand %s",
		       what);
	if (sc) {
		dur_report_out(pg, ": ");
		dur_report_esc(pg, sc);
	}
	dur_report_out(
		pg,
		"</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
		"<h1>durand %s",
		css, what);
	if (sc) {
		dur_report_out(pg, ": scenario <code>");
		dur_report_esc(pg, sc);
		dur_report_out(pg, "</code>");
	}
	dur_report_out(pg, "</h1>\n<p class=\"meta\">");
}

/* "label VALUE unit · " for a top-level member, if the result has it. */
void dur_report_meta_item(struct dur_page *pg, const char *label,
			  const char *key, const char *unit)
{
	const json_t *v = json_object_get(pg->r, key);
	char path[128];

	if (!v)
		return;
	snprintf(path, sizeof(path), ".%s", key);
	dur_report_out(pg, "%s%s", label, *label ? " " : "");
	dur_report_value(pg, "span", json_is_string(v) ? "s" : "n", v, path);
	dur_report_out(pg, "%s%s \xc2\xb7 ", *unit ? " " : "", unit);
}

void dur_report_meta(struct dur_page *pg, const struct dur_meta *items)
{
	for (; items->key; items++)
		dur_report_meta_item(pg, items->label, items->key, items->unit);
}

/* "scenario: file 'x.yaml' (sha256 …), on the built-in 'afpak' (sha256
 * …); --set ttp.mu = 0.5 (the scenario's: 0.3)" from a provenance. */
static void provenance_line(struct dur_page *pg, const json_t *p)
{
	const json_t *b = json_object_get(p, "bases");
	const json_t *ch = json_object_get(p, "changed");
	const char *file = dur_report_str(p, "file", NULL);

	if (!json_is_object(p))
		return;
	dur_report_out(pg, "<p class=\"meta\" id=\"provenance\">scenario: ");
	dur_report_out(pg, file ? "file '" : "built-in '");
	dur_report_esc(pg, file ? file : dur_report_str(p, "scenario", "?"));
	dur_report_out(pg, "' (sha256 <code>%.12s</code>)",
		       dur_report_str(p, "sha256", ""));
	for (size_t i = 0; i < json_array_size(b); i++) {
		const json_t *e = json_array_get(b, i);
		const char *bf = dur_report_str(e, "file", NULL);

		dur_report_out(pg, "%s %s '", i ? "," : ", on",
			       bf ? "the file" : "the built-in");
		dur_report_esc(pg, bf ? bf : dur_report_str(e, "built_in", "?"));
		dur_report_out(pg, "' (sha256 <code>%.12s</code>)",
			       dur_report_str(e, "sha256", ""));
	}
	for (size_t i = 0; i < json_array_size(ch); i++) {
		const json_t *e = json_array_get(ch, i);
		char v[64], was[64];

		dur_report_out(pg, "%s <code>", i ? "," : "; --set");
		dur_report_esc(pg, dur_report_str(e, "path", "?"));
		dur_report_out(pg, "</code> = %s (the scenario's: %s)",
			       dur_report_fmt(dur_report_num(e, "value"), v,
					      sizeof(v)),
			       dur_report_fmt(dur_report_num(e, "base"), was,
					      sizeof(was)));
	}
	dur_report_out(pg, "</p>\n");
}

void dur_report_end_meta(struct dur_page *pg)
{
	char data[2048];

	dur_report_out(pg, "durand %s</p>\n",
		       dur_report_str(pg->r, "durand", DURAND_VERSION));
	/* every page names its data and, for a scenario, where it came
	 * from (docs/report.md) */
	if (dur_data_text(json_object_get(pg->r, "data"), data,
			  sizeof(data))[0]) {
		dur_report_out(pg, "<p class=\"meta\" id=\"data\">data: ");
		dur_report_esc(pg, data);
		dur_report_out(pg, "</p>\n");
	}
	provenance_line(pg, json_object_get(pg->r, "provenance"));
	dur_report_out(pg, "</header>\n<main>\n");
}

void dur_report_foot(struct dur_page *pg)
{
	dur_report_out(
		pg,
		"</main>\n<footer>Written by durand %s from the JSON result. "
		"Every number in the tables is a member of that result, "
		"rounded for display by one rule: whole numbers as they are, "
		"others to 0 decimals from 1,000 up, 1 from 10, 2 from 1 and 3 "
		"below 1.</footer>\n</body>\n</html>\n",
		DURAND_VERSION);
}

/* A key figure: a big number from the result with a label under it. */
void dur_report_key_fig(struct dur_page *pg, const char *label,
			const json_t *obj, const char *base, const char *key)
{
	char path[256];
	const json_t *v = json_object_get(obj, key);

	if (!json_is_number(v))
		return;
	snprintf(path, sizeof(path), "%s.%s", base, key);
	dur_report_out(pg, "<div>");
	dur_report_value(pg, "span", "v", v, path);
	dur_report_out(pg, "<span class=\"l\">");
	dur_report_esc(pg, label);
	dur_report_out(pg, "</span></div>\n");
}

void dur_report_cells(struct dur_page *pg, const json_t *obj, const char *base,
		      const char *const *keys)
{
	for (; *keys; keys++)
		dur_report_cell(pg, obj, base, *keys);
}

void dur_report_rows(struct dur_page *pg, const json_t *a, const char *base,
		     const char *const *keys)
{
	for (size_t i = 0; i < json_array_size(a); i++) {
		char path[256];

		snprintf(path, sizeof(path), "%s[%zu]", base, i);
		dur_report_out(pg, "<tr>");
		dur_report_cells(pg, json_array_get(a, i), path, keys);
		dur_report_out(pg, "</tr>\n");
	}
}

void dur_report_quantile_head(struct dur_page *pg, const char *first)
{
	dur_report_out(pg,
		       "<table>\n<thead><tr><th>%s</th><th>unit</th>"
		       "<th class=\"n\">mean</th><th class=\"n\">s.e.</th>"
		       "<th class=\"n\">5%%</th><th class=\"n\">25%%</th>"
		       "<th class=\"n\">median</th><th class=\"n\">75%%</th>"
		       "<th class=\"n\">95%%</th></tr></thead>\n<tbody>\n",
		       first);
}

/* The entry of outcome key in result r's outcome_table, or NULL. */
static const json_t *table_entry(const json_t *r, const char *key)
{
	const json_t *e = json_object_get(json_object_get(r, "outcome_table"),
					  key);

	return json_is_object(e) ? e : NULL;
}

const char *dur_report_outcome_label(const json_t *r, const char *key,
				     char *buf, size_t len)
{
	const char *l = dur_report_str(table_entry(r, key), "label", NULL);

	if (l)
		snprintf(buf, len, "%s", l);
	else if (!dur_result_outcome_label(key, buf, len))
		snprintf(buf, len, "%s", key);
	return buf;
}

const char *dur_report_unit(const json_t *r, const char *key)
{
	const char *u = dur_report_str(table_entry(r, key), "unit", NULL);
	struct dur_outcome_info in;
	char buf[160];

	if (u)
		return u;
	return dur_result_outcome_info(key, &in, buf, sizeof(buf)) ? in.unit
								    : "";
}

const char *dur_report_outcome_group(const json_t *r, const char *key)
{
	const char *g = dur_report_str(table_entry(r, key), "group", NULL);
	struct dur_outcome_info in;
	char buf[160];

	if (g)
		return g;
	return dur_result_outcome_info(key, &in, buf, sizeof(buf)) ? in.group
								    : NULL;
}

/* Rows of {mean, se, q05..q95} members of obj, whose jq path is base. */
void dur_report_quantile_rows(struct dur_page *pg, const json_t *obj,
			      const char *base)
{
	static const char *const cols[] = { "mean", "se",  "q05", "q25",
					    "q50",  "q75", "q95" };
	const char *key;
	const json_t *st;

	json_object_foreach((json_t *)obj, key, st)
	{
		char path[512], label[128];

		if (!json_is_object(st))
			continue;
		dur_report_out(pg, "<tr><td title=\"");
		dur_report_esc(pg, key);
		dur_report_out(pg, "\">");
		dur_report_esc(pg, dur_report_outcome_label(pg->r, key, label,
							    sizeof(label)));
		dur_report_out(pg, "</td><td>");
		dur_report_esc(pg, dur_report_unit(pg->r, key));
		dur_report_out(pg, "</td>");
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			dur_report_cell(pg, st,
					dur_report_path_join(path, sizeof(path),
							     base, key),
					cols[i]);
		dur_report_out(pg, "</tr>\n");
	}
}

/* ---- numbers of a result -------------------------------------------- */

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
		return dur_unsign_zeros(buf);
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
	return dur_unsign_zeros(buf);
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

struct dur_fig *dur_report_fig_new(struct dur_figs *fs, const json_t *r,
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
void *dur_report_fig_alloc(struct dur_fig *f, size_t n, size_t size)
{
	void *p;

	if (f->nown == DUR_FIG_OWN)
		return NULL;
	p = calloc(n ? n : 1, size);
	if (p)
		f->own[f->nown++] = p;
	return p;
}

char *dur_report_fig_strdup(struct dur_fig *f, const char *s)
{
	char *p = dur_report_fig_alloc(f, strlen(s) + 1, 1);

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
void dur_report_fig_drop(struct dur_figs *fs)
{
	struct dur_fig *f = fs->v[--fs->n];

	for (size_t j = 0; j < f->nown; j++)
		free(f->own[j]);
	free(f);
}

int dur_report_oom(struct dur_error *err)
{
	return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
			     "out of memory building the report's charts");
}

/* A JSON array of numbers as doubles (non-numbers as NAN); NULL if not an
 * array or out of memory, with *n its length. */
double *dur_report_nums(struct dur_fig *f, const json_t *a, size_t *n)
{
	double *v;

	*n = 0;
	if (!json_is_array(a))
		return NULL;
	v = dur_report_fig_alloc(f, json_array_size(a), sizeof(double));
	if (!v)
		return NULL;
	for (size_t i = 0; i < json_array_size(a); i++) {
		const json_t *e = json_array_get(a, i);

		v[i] = json_is_number(e) ? json_number_value(e) : NAN;
	}
	*n = json_array_size(a);
	return v;
}

int dur_report_date(const json_t *obj, const char *key, int32_t *d)
{
	const char *s = dur_report_str(obj, key, NULL), *why;

	return !s || dur_date_parse(s, strlen(s), d, &why) ? -1 : 0;
}

/* Put dates on x if the result has a valid "start". */
void dur_report_date_axis(struct dur_fig *f, const json_t *r)
{
	const char *s = dur_report_str(r, "start", NULL);
	int32_t d;

	if (!dur_report_date(r, "start", &d)) {
		f->c.x_dates = 1;
		f->c.date0 = d;
		snprintf(f->xlabel, sizeof(f->xlabel), "date (day 0 = %s)", s);
	} else {
		snprintf(f->xlabel, sizeof(f->xlabel), "day of the run");
	}
}

/* ---- entry points ----------------------------------------------------- */

/* Each kind's name, page and charts, indexed by enum dur_report_kind. */
static const struct {
	const char *name;
	void (*page)(struct dur_page *pg);
	int (*figs)(const json_t *r, struct dur_figs *fs,
		    struct dur_error *err);
} kinds[] = {
#define KIND(k) { #k, dur_report_##k##_page, dur_report_##k##_figs },
	DUR_REPORT_KINDS(KIND)
#undef KIND
};
enum { NKINDS = sizeof(kinds) / sizeof(kinds[0]) };

/* jansson's reader, fed at most DUR_REPORT_MAX_BYTES: past that it stops,
 * before the tree (about 20 bytes of memory a byte of text) is built. */
struct capped {
	FILE *fp;
	size_t read;
	int over; /* 1 once the limit was passed */
};

static size_t capped_read(void *buf, size_t len, void *data)
{
	struct capped *c = data;
	size_t n;

	if (c->read >= DUR_REPORT_MAX_BYTES) {
		char one;

		if (fread(&one, 1, 1, c->fp) == 1) {
			c->over = 1;
			return (size_t)-1;
		}
		return 0;
	}
	if (len > DUR_REPORT_MAX_BYTES - c->read)
		len = DUR_REPORT_MAX_BYTES - c->read;
	n = fread(buf, 1, len, c->fp);
	if (!n && ferror(c->fp))
		return (size_t)-1;
	c->read += n;
	return n;
}

/* Every number of a result is finite (JSON has no other) and at most
 * DUR_REPORT_NUM_MAX in size: the file is input, and a value such as
 * -1e308 once made a chart's scale infinite and its colour index INT_MIN.
 * path is where v is ("fit.branching[0][1]"). */
static int check_numbers(const json_t *v, char *path, size_t len,
			 const char *file, struct dur_error *err)
{
	size_t at = strlen(path);
	int rc = 0;

	if (json_is_number(v)) {
		double x = json_number_value(v);

		if (!(fabs(x) <= DUR_REPORT_NUM_MAX))
			return dur_error_set(err, DUR_EINVAL, file, 0, 0,
					     "'%s' is %g, not a value a result "
					     "holds (at most %g in size)",
					     at ? path : "(top)", x,
					     DUR_REPORT_NUM_MAX);
	} else if (json_is_array(v)) {
		for (size_t i = 0; !rc && i < json_array_size(v); i++) {
			snprintf(path + at, len - at, "[%zu]", i);
			rc = check_numbers(json_array_get(v, i), path, len,
					   file, err);
		}
	} else if (json_is_object(v)) {
		const char *k;
		json_t *x;

		json_object_foreach((json_t *)v, k, x) {
			snprintf(path + at, len - at, "%s%.60s",
				 at ? "." : "", k);
			rc = check_numbers(x, path, len, file, err);
			if (rc)
				break;
		}
	}
	path[at] = 0;
	return rc;
}

/* Whether the file at path (not standard input) starts, after blanks,
 * with '<': HTML or XML, such as a report given for its result. */
static int starts_with_markup(const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : NULL;
	int ch = EOF;

	if (!fp)
		return 0;
	do
		ch = getc(fp);
	while (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r');
	fclose(fp);
	return ch == '<';
}

int dur_report_load(const char *path, json_t **result, struct dur_error *err)
{
	struct capped c = { 0 };
	json_error_t je;
	char where[512] = "";
	int code;

	*result = NULL;
	c.fp = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!c.fp)
		return dur_error_set(err, DUR_EIO, path, 0, 0, "cannot open: %s",
				     strerror(errno));
	*result = json_load_callback(capped_read, &c, 0, &je);
	if (c.fp != stdin)
		fclose(c.fp);
	if (c.over)
		return dur_error_set(err, DUR_ELIMIT, path, 0, 0,
				     "more than the %d MiB a result may have "
				     "(the largest durand writes are a few "
				     "MiB): give report a result of durand",
				     DUR_REPORT_MAX_BYTES >> 20);
	if (*result) {
		code = check_numbers(*result, where, sizeof(where), path, err);
		if (code) {
			json_decref(*result);
			*result = NULL;
		}
		return code;
	}
	switch (json_error_code(&je)) {
	case json_error_out_of_memory:
		return dur_error_set(err, DUR_ENOMEM, path, 0, 0,
				     "out of memory reading the result");
	case json_error_null_character:
		/* jansson's text names its flag, JSON_ALLOW_NUL */
		return dur_error_set(err, DUR_EPARSE, path, je.line, je.column,
				     "a string holds a NUL byte (\\u0000), "
				     "which no result has");
	default:
		if (starts_with_markup(path))
			return dur_error_set(err, DUR_EPARSE, path, 0, 0,
					     "not a result: an HTML or XML "
					     "file (a report?); give the JSON "
					     "a command writes with --format "
					     "json");
		return dur_error_set(err, DUR_EPARSE, path, je.line, je.column,
				     "%s", je.text);
	}
}

int dur_report_kind(const json_t *r, enum dur_report_kind *kind,
		    struct dur_error *err)
{
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
	for (size_t i = 0; i < NKINDS; i++)
		if (!strcmp(k, kinds[i].name)) {
			*kind = (enum dur_report_kind)i;
			return 0;
		}
	return dur_error_set(err, DUR_EINVAL, "", 0, 0,
			     "unknown result kind '%s'", k);
}

int dur_report_html(const json_t *r, FILE *fp, struct dur_error *err)
{
	struct dur_page pg = { .fp = fp, .r = r, .err = err };
	enum dur_report_kind kind;
	int rc;

	rc = dur_report_kind(r, &kind, err);
	if (rc)
		return rc;
	rc = dur_report_figs_build(r, kind, &pg.figs, err);
	if (rc)
		goto out;
	kinds[kind].page(&pg);
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
		/* a write that failed (a full disk) is the output's fault:
		 * name it, not the result read */
		if (rc == DUR_EIO && err && !err->file[0])
			snprintf(err->file, sizeof(err->file), "%s",
				 strcmp(path, "-") ? path : "standard output");
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
		if (!f) {
			char list[200] = "";
			size_t used = 0;

			/* whole names while they fit the message; then a
			 * pointer to the option that lists them all */
			for (size_t i = 0; i < fs.n; i++) {
				if (used + strlen(fs.v[i]->name) + 2 > 120) {
					snprintf(list + used,
						 sizeof(list) - used,
						 ", ... (--list-charts "
						 "lists all %zu)",
						 fs.n);
					break;
				}
				used += (size_t)snprintf(
					list + used, sizeof(list) - used,
					"%s%s", i ? ", " : "", fs.v[i]->name);
			}
			rc = dur_error_set(err, DUR_ENOTFOUND, "", 0, 0,
					   "no chart '%s' in this result (its "
					   "charts: %s)",
					   name ? name : "(any)",
					   fs.n ? list : "none");
		}
	}
	if (!rc)
		rc = dur_chart_save(dur_report_fig_bind(f), path, err);
	dur_report_figs_release(&fs);
	return rc;
}

int dur_report_figs_build(const json_t *r, enum dur_report_kind kind,
			  struct dur_figs *fs, struct dur_error *err)
{
	if ((size_t)kind < NKINDS)
		return kinds[kind].figs(r, fs, err);
	return dur_error_set(err, DUR_EINVAL, "", 0, 0, "unknown result kind");
}
