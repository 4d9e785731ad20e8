/*
 * chart.c: draws durand's charts with cairo, into SVG or PNG in memory.
 *
 * Three layouts cover every chart of the reports: XY (fan charts, step
 * lines, CDFs, scatter and QQ plots, monthly series), ROWS (one category per
 * row: intervals against a reference, bars with error bars) and HEATMAP. Each
 * draws the same parts in the same order: background, title, legend, axes
 * with round ticks (dates on time axes), the series clipped to the plot area,
 * and a caption. The cairo SVG output is then rewritten so that its ids carry
 * a prefix and no process-wide counter, and a <metadata> list of the series
 * drawn is added (see chart.h).
 */
#include <cairo.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "durand/numtext.h"
#include "durand/grow.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/output.h"

#define DEFAULT_W 720.0
#define DEFAULT_H 400.0
#define ROW_H 24.0 /* ROWS: height of one category */
#define FONT "sans-serif"
#define MARGIN 16.0

/* Okabe & Ito (2008), "Color universal design"; ordered so that neighbours
 * differ in lightness too. */
static const unsigned char palette[8][3] = {
	{ 0x00, 0x72, 0xB2 }, /* blue */
	{ 0xE6, 0x9F, 0x00 }, /* orange */
	{ 0x00, 0x9E, 0x73 }, /* bluish green */
	{ 0xCC, 0x79, 0xA7 }, /* reddish purple */
	{ 0x56, 0xB4, 0xE9 }, /* sky blue */
	{ 0xD5, 0x5E, 0x00 }, /* vermillion */
	{ 0x00, 0x00, 0x00 }, /* black */
	{ 0xF0, 0xE4, 0x42 }, /* yellow */
};

/* Dash patterns by style (0: solid); lengths in px. */
static const double dash_pat[6][4] = {
	{ 0 }, { 7, 3 }, { 2, 2 }, { 8, 3, 2, 3 }, { 1.5, 3 }, { 12, 4 },
};
static const int dash_len[6] = { 0, 2, 2, 4, 2, 2 };

/* Viridis anchors (van der Walt & Smith): lightness rises monotonically, so
 * the heat map reads in grey too. */
static const double viridis[5][3] = {
	{ 0.267, 0.005, 0.329 }, { 0.229, 0.322, 0.546 },
	{ 0.128, 0.567, 0.551 }, { 0.369, 0.789, 0.383 },
	{ 0.993, 0.906, 0.144 },
};

struct buf {
	char *p;      /* bytes, NUL-terminated */
	size_t n;     /* used */
	size_t alloc; /* capacity */
	int oom;      /* an allocation failed */
};

struct ctx {
	cairo_t *cr;
	const struct dur_chart *c;
	double w, h;	 /* nominal size */
	double px0, px1; /* plot area: left and right edges */
	double py0, py1; /* plot area: top and bottom edges */
	double xlo, xhi; /* x range */
	double ylo, yhi; /* y range */
	size_t *points;	 /* per series: finite points drawn */
	int has_y2;	     /* XY: a series is on the right axis */
	double y2lo, y2hi;   /* XY: right axis range */
	double y2step;	     /* XY: right tick step on the left's grid; 0:
			      * ticks of its own */
	double ytlo, ythi;   /* XY: the range the left ticks cover (the
			      * axis's, before padding) */
	double y2tlo, y2thi; /* XY: the same for the right axis */
	struct plabel *lab;  /* XY: labelled points of POINTS series */
	size_t nlab;	     /* their count */
	double key_top;	     /* baseline of the first line of the key */
	double lab_asc;	     /* share of a label's box above its baseline */
	int oom;	     /* an allocation failed while drawing */
};

/* A point of a POINTS series, with its label's place. */
struct plabel {
	const char *text;	     /* its label, or NULL (a bare marker) */
	double x, y;		     /* the marker, in px */
	double w;		     /* the text's width, or -1 */
	struct dur_chart_label l;    /* where the label goes */
	double kx;		     /* NUMBER: x of its entry in the key */
	int kline;		     /* NUMBER: line of the key */
};

static int buf_add(struct buf *b, const char *d, size_t n)
{
	if (dur_grow(&b->p, &b->alloc, b->n + n + 1, 1)) {
		b->oom = 1;
		return -1;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
	b->p[b->n] = 0;
	return 0;
}

static int buf_str(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

static int buf_xml(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		const char *e = NULL;

		switch (*s) {
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '&':
			e = "&amp;";
			break;
		case '"':
			e = "&quot;";
			break;
		}
		if (e ? buf_str(b, e) : buf_add(b, s, 1))
			return -1;
	}
	return 0;
}

static cairo_status_t buf_write(void *closure, const unsigned char *d,
				unsigned int n)
{
	return buf_add(closure, (const char *)d, n) ? CAIRO_STATUS_NO_MEMORY
						    : CAIRO_STATUS_SUCCESS;
}

void dur_chart_init(struct dur_chart *c, enum dur_chart_type type)
{
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->xmin = c->xmax = c->ymin = c->ymax = NAN;
	c->y2min = c->y2max = NAN;
	c->ref = NAN;
}

void dur_chart_colour(int style, double rgb[3])
{
	const unsigned char *p = palette[(style < 0 ? -style : style) % 8];

	for (int i = 0; i < 3; i++)
		rgb[i] = p[i] / 255.0;
}

size_t dur_chart_ticks(double lo, double hi, size_t max, double *ticks)
{
	double raw, mag, res, step, t;
	size_t n = 0;

	if (!isfinite(lo) || !isfinite(hi) || max < 2)
		return 0;
	if (hi < lo) {
		t = lo;
		lo = hi;
		hi = t;
	}
	if (hi - lo < 1e-12 * (fabs(lo) + fabs(hi)) || hi == lo) {
		double d = lo == 0 ? 1 : fabs(lo) * 0.1;

		lo -= d;
		hi += d;
	}
	raw = (hi - lo) / (double)(max - 1);
	mag = pow(10, floor(log10(raw)));
	res = raw / mag;
	step = (res <= 1 ? 1 : res <= 2 ? 2 : res <= 5 ? 5 : 10) * mag;
	/* a span past the largest double (or below the smallest) has no
	 * ticks */
	if (!isfinite(step) || !(step > 0))
		return 0;
	for (double k = ceil(lo / step - 1e-9); n < max; k++) {
		t = k * step;
		if (t > hi + step * 1e-9)
			break;
		ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
	}
	return n;
}

static double tick_step(double lo, double hi, size_t max)
{
	double t[16];
	size_t n = dur_chart_ticks(lo, hi, max, t);

	return n >= 2 ? t[1] - t[0] : 1;
}

/* A tick label: thousands as "k", millions as "M", decimals as the step
 * needs. */
static void fmt_tick(double v, double step, char *s, size_t len)
{
	double a = fabs(v);
	double d = step >= 1 || !(step > 0) ? 0 : ceil(-log10(step) - 1e-9);
	int dec = d > 6 ? 6 : (int)d;

	if (a >= 1e9 && step >= 1e8)
		snprintf(s, len, "%gbn", v / 1e9);
	else if (a >= 1e6 && step >= 1e5)
		snprintf(s, len, "%gM", v / 1e6);
	else if (a >= 1e4 && step >= 1e3)
		snprintf(s, len, "%gk", v / 1e3);
	else
		snprintf(s, len, "%.*f", dec, v);
	dur_unsign_zeros(s); /* a tick at -1e-17 is "0" */
}

static void set_font(cairo_t *cr, double size, int bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD
				    : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s ? s : "", &e);
	return e.x_advance;
}

/* Text anchored at (x, y): align 0 left, 0.5 centre, 1 right. */
static void text_at(cairo_t *cr, double x, double y, double align,
		    const char *s)
{
	if (!s || !*s)
		return;
	cairo_move_to(cr, x - align * text_w(cr, s), y);
	cairo_show_text(cr, s);
}

static void set_rgb(cairo_t *cr, int style, double alpha)
{
	double c[3];

	dur_chart_colour(style, c);
	cairo_set_source_rgba(cr, c[0], c[1], c[2], alpha);
}

static void set_dash(cairo_t *cr, int style)
{
	int i = (style < 0 ? -style : style) % 6;

	cairo_set_dash(cr, dash_pat[i], dash_len[i], 0);
}

/* Marker shapes by style: circle, square, triangle, diamond, down
 * triangle, cross. */
static void marker(cairo_t *cr, int style, double x, double y, double r)
{
	int k = (style < 0 ? -style : style) % 6;

	switch (k) {
	case 0:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
		break;
	case 2:
	case 4: {
		double s = k == 2 ? 1 : -1;

		cairo_move_to(cr, x, y - s * r * 1.15);
		cairo_line_to(cr, x + r * 1.1, y + s * r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y + s * r * 0.8);
		cairo_close_path(cr);
		break;
	}
	case 3:
		cairo_move_to(cr, x, y - r * 1.3);
		cairo_line_to(cr, x + r * 1.1, y);
		cairo_line_to(cr, x, y + r * 1.3);
		cairo_line_to(cr, x - r * 1.1, y);
		cairo_close_path(cr);
		break;
	default:
		cairo_move_to(cr, x - r, y - r * 0.35);
		cairo_line_to(cr, x - r * 0.35, y - r * 0.35);
		cairo_line_to(cr, x - r * 0.35, y - r);
		cairo_line_to(cr, x + r * 0.35, y - r);
		cairo_line_to(cr, x + r * 0.35, y - r * 0.35);
		cairo_line_to(cr, x + r, y - r * 0.35);
		cairo_line_to(cr, x + r, y + r * 0.35);
		cairo_line_to(cr, x + r * 0.35, y + r * 0.35);
		cairo_line_to(cr, x + r * 0.35, y + r);
		cairo_line_to(cr, x - r * 0.35, y + r);
		cairo_line_to(cr, x - r * 0.35, y + r * 0.35);
		cairo_line_to(cr, x - r, y + r * 0.35);
		cairo_close_path(cr);
		break;
	}
}

static void fill_marker(cairo_t *cr, int style, double x, double y, double r)
{
	marker(cr, style, x, y, r);
	set_rgb(cr, style, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 0.8);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

static double sx(const struct ctx *k, double x)
{
	return k->px0 + (x - k->xlo) / (k->xhi - k->xlo) * (k->px1 - k->px0);
}

static double sy(const struct ctx *k, double y)
{
	return k->py1 - (y - k->ylo) / (k->yhi - k->ylo) * (k->py1 - k->py0);
}

/* Is series i of c measured on the right axis? */
static int on_right(const struct dur_chart *c, size_t i)
{
	return c->type == DUR_CHART_XY && i < 64 && (c->right >> i & 1);
}

static double xval(const struct dur_chart_series *s, size_t i)
{
	return s->x ? s->x[i] : (double)i;
}

/* ---- legend ---------------------------------------------------------- */

/* Vertical grid lines at the x ticks, added to the path (not stroked). */
static void x_grid(cairo_t *cr, const struct ctx *k, const double *xt,
		   size_t nx)
{
	for (size_t i = 0; i < nx; i++) {
		double x = round(sx(k, xt[i])) + 0.5;

		cairo_move_to(cr, x, k->py0);
		cairo_line_to(cr, x, k->py1);
	}
}

/* The plot area's frame. */
static void plot_frame(cairo_t *cr, const struct ctx *k)
{
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_rectangle(cr, k->px0 + 0.5, k->py0 + 0.5, k->px1 - k->px0 - 1,
			k->py1 - k->py0 - 1);
	cairo_stroke(cr);
}

struct item {
	const char *name;
	int style;
	enum dur_chart_mark mark;
	double alpha;
	int dash;
	int ref; /* the reference rule or diagonal */
};

static size_t legend_items(const struct dur_chart *c, struct item *it,
			   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nseries && n < max; i++) {
		const struct dur_chart_series *s = &c->series[i];

		if (!s->name || !*s->name)
			continue;
		it[n++] =
			(struct item){ s->name, s->style,
				       s->mark, s->alpha > 0 ? s->alpha : 0.25,
				       s->dash, 0 };
	}
	if (c->ref_name && n < max &&
	    (isfinite(c->ref) || (c->type == DUR_CHART_XY && c->diagonal)))
		it[n++] =
			(struct item){ c->ref_name, 6, DUR_MARK_LINE, 1, 1, 1 };
	return n;
}

/* Lay the legend out in rows from y; draw it if draw; return its height. */
static double legend(struct ctx *k, double y, int draw)
{
	struct item it[64];
	size_t n = legend_items(k->c, it, 64);
	double x = MARGIN, rows = n ? 1 : 0;
	cairo_t *cr = k->cr;

	set_font(cr, 11, 0);
	for (size_t i = 0; i < n; i++) {
		double w = 28 + text_w(cr, it[i].name) + 16;

		if (x + w > k->w - MARGIN && x > MARGIN) {
			x = MARGIN;
			rows++;
		}
		if (draw) {
			double yy = y + (rows - 1) * 18 + 9;

			cairo_save(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			if (it[i].ref) {
				cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
				cairo_set_line_width(cr, 1.2);
				set_dash(cr, 1);
				cairo_move_to(cr, x, yy);
				cairo_line_to(cr, x + 22, yy);
				cairo_stroke(cr);
			} else if (it[i].mark == DUR_MARK_BAND ||
				   it[i].mark == DUR_MARK_BAR) {
				set_rgb(cr, it[i].style,
					it[i].mark == DUR_MARK_BAR
						? 0.85
						: it[i].alpha);
				cairo_rectangle(cr, x, yy - 6, 22, 12);
				cairo_fill(cr);
			} else if (it[i].mark == DUR_MARK_POINTS) {
				fill_marker(cr, it[i].style, x + 11, yy, 4.5);
			} else {
				set_rgb(cr, it[i].style, 1);
				cairo_set_line_width(
					cr, it[i].mark == DUR_MARK_VLINE ? 1.2
									 : 2.2);
				set_dash(cr, it[i].mark == DUR_MARK_VLINE
						     ? 1
						     : it[i].dash);
				cairo_move_to(cr, x, yy);
				cairo_line_to(cr, x + 22, yy);
				cairo_stroke(cr);
				if (it[i].mark == DUR_MARK_INTERVAL)
					fill_marker(cr, it[i].style, x + 11, yy,
						    4);
			}
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			text_at(cr, x + 28, yy + 4, 0, it[i].name);
			cairo_restore(cr);
		}
		x += w;
	}
	return rows * 18;
}

/* Title on top, caption at the bottom; returns the y under the legend. */
static double frame(struct ctx *k, int draw_legend)
{
	cairo_t *cr = k->cr;
	double y;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	set_font(cr, 15, 1);
	text_at(cr, MARGIN, 24, 0, k->c->title);
	cairo_set_source_rgb(cr, 0.27, 0.27, 0.27);
	set_font(cr, 11, 0);
	text_at(cr, MARGIN, k->h - 10, 0, k->c->caption);
	y = 36;
	if (draw_legend)
		y += legend(k, y, 1);
	return y + 10;
}

/* ---- XY -------------------------------------------------------------- */

static void range_add(double v, double *lo, double *hi)
{
	if (!isfinite(v))
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* Widen [*lo, *hi] by point j of s: its value and its band's ends. */
static void point_range(const struct dur_chart_series *s, size_t j, double *lo,
			double *hi)
{
	if (s->y)
		range_add(s->y[j], lo, hi);
	if (s->lo)
		range_add(s->lo[j], lo, hi);
	if (s->hi)
		range_add(s->hi[j], lo, hi);
}

#define PAD 0.02 /* share of an axis's span added beyond data on its end */

/* Does data extreme d lie on the axis end e (the other end: o)? */
static int touches(double d, double e, double o)
{
	return isfinite(d) && fabs(d - e) <= 1e-9 * fabs(o - e);
}

/* Move the ends of [*lo, *hi] chosen by lo_too and hi_too out by PAD. */
static void pad_ends(double *lo, double *hi, int lo_too, int hi_too)
{
	double span = *hi - *lo;

	if (lo_too)
		*lo -= PAD * span;
	if (hi_too)
		*hi += PAD * span;
}

/* The smallest step of 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of
 * ten at least raw (no halves for steps from 1 to 10: counts stay whole). */
static double step_up(double raw)
{
	static const double m[10] = { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
	double mag = pow(10, floor(log10(raw)));

	for (int i = 0; i < 10; i++)
		if (m[i] * mag >= raw * (1 - 1e-12) &&
		    !(mag == 1 && (m[i] == 1.5 || m[i] == 2.5)))
			return m[i] * mag;
	return 10 * mag;
}

/* The right axis: the range of the series on it; when the left axis runs
 * from tick to tick and the right one's top is free, a round step that
 * puts its ticks on the left's grid lines. */
static void y2_range(struct ctx *k, double *dlo, double *dhi)
{
	const struct dur_chart *c = k->c;
	double lo = INFINITY, hi = -INFINITY, t[16];
	size_t nt;

	*dlo = *dhi = NAN;
	k->has_y2 = 0;
	k->y2step = 0;
	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		if (!on_right(c, i) || s->mark == DUR_MARK_VLINE)
			continue;
		k->has_y2 = 1;
		for (size_t j = 0; j < s->n; j++)
			point_range(s, j, &lo, &hi);
	}
	if (!k->has_y2)
		return;
	*dlo = lo;
	*dhi = hi;
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (lo > 0)
		lo = 0;
	if (isfinite(c->y2min))
		lo = c->y2min;
	if (isfinite(c->y2max))
		hi = c->y2max;
	if (hi <= lo)
		hi = lo + 1;
	nt = dur_chart_ticks(k->ylo, k->yhi, 7, t);
	if (!isfinite(c->y2max) && nt >= 2 &&
	    fabs(t[0] - k->ylo) <= 1e-9 * (k->yhi - k->ylo) &&
	    fabs(t[nt - 1] - k->yhi) <= 1e-9 * (k->yhi - k->ylo)) {
		k->y2step = step_up((hi - lo) / (double)(nt - 1));
		hi = lo + k->y2step * (double)(nt - 1);
	} else if (!isfinite(c->y2max)) {
		double st = tick_step(lo, hi, 6);

		hi = ceil(hi / st - 1e-9) * st;
	}
	k->y2lo = lo;
	k->y2hi = hi;
}

/* The step fmt_tick needs to write ticks of step st exactly: st itself
 * from 1 up, else a power of ten with as many decimals as st has. */
static double fmt_step(double st)
{
	double p = 1;

	if (st >= 1 || !(st > 0))
		return st;
	for (int d = 0; d < 6; d++, p /= 10)
		if (fabs(st / p - round(st / p)) < 1e-9 * st / p)
			return p;
	return p;
}

/* The right axis's ticks into t (at most 16); their count. */
static size_t y2_ticks(const struct ctx *k, double *t)
{
	size_t n = 0;

	if (!(k->y2step > 0))
		return dur_chart_ticks(k->y2tlo, k->y2thi, 7, t);
	for (; n < 16; n++) {
		double v = k->y2tlo + k->y2step * (double)n;

		if (v > k->y2thi + k->y2step * 1e-9)
			break;
		t[n] = fabs(v) < k->y2step * 1e-9 ? 0 : v;
	}
	return n;
}

static double y2_fmt_step(const struct ctx *k, const double *t, size_t n)
{
	return fmt_step(k->y2step > 0 ? k->y2step : n >= 2 ? t[1] - t[0] : 1);
}

static void xy_ranges(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	double dxlo, dxhi, dylo, dyhi, d2lo, d2hi;
	int bot, top, points = 0;

	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		for (size_t j = 0; j < s->n; j++) {
			range_add(xval(s, j), &xlo, &xhi);
			if (s->mark == DUR_MARK_VLINE || on_right(c, i))
				continue;
			point_range(s, j, &ylo, &yhi);
		}
	}
	dxlo = xlo;
	dxhi = xhi;
	dylo = ylo;
	dyhi = yhi;
	if (!isfinite(xlo)) {
		xlo = 0;
		xhi = 1;
	}
	if (!isfinite(ylo)) {
		ylo = 0;
		yhi = 1;
	}
	if (c->diagonal) {
		range_add(xlo, &ylo, &yhi);
		range_add(xhi, &ylo, &yhi);
		range_add(ylo, &xlo, &xhi);
		range_add(yhi, &xlo, &xhi);
	}
	if (ylo > 0 && !c->diagonal)
		ylo = 0; /* counts and probabilities start at zero */
	if (isfinite(c->xmin))
		xlo = c->xmin;
	if (isfinite(c->xmax))
		xhi = c->xmax;
	if (isfinite(c->ymin))
		ylo = c->ymin;
	if (isfinite(c->ymax))
		yhi = c->ymax;
	if (xhi <= xlo)
		xhi = xlo + 1;
	if (yhi <= ylo)
		yhi = ylo + 1;
	if (!c->x_dates && !isfinite(c->xmin) && !isfinite(c->xmax)) {
		double st = tick_step(xlo, xhi, 8);

		xlo = floor(xlo / st + 1e-9) * st;
		xhi = ceil(xhi / st - 1e-9) * st;
	}
	if (!isfinite(c->ymin) || !isfinite(c->ymax)) {
		double st = tick_step(ylo, yhi, 6);

		if (!isfinite(c->ymin))
			ylo = floor(ylo / st + 1e-9) * st;
		if (!isfinite(c->ymax))
			yhi = ceil(yhi / st - 1e-9) * st;
	}
	k->xlo = xlo;
	k->xhi = xhi;
	k->ylo = k->ytlo = ylo;
	k->yhi = k->ythi = yhi;
	y2_range(k, &d2lo, &d2hi);
	k->y2tlo = k->y2lo;
	k->y2thi = k->y2hi;
	/* a line or marker on an end the data chose would lie under the
	 * frame: such an end moves out by PAD of the span (on both y axes at
	 * once, so that their ticks stay on the same grid lines) */
	bot = (!isfinite(c->ymin) && touches(dylo, ylo, yhi)) ||
	      (k->has_y2 && !isfinite(c->y2min) &&
	       touches(d2lo, k->y2lo, k->y2hi));
	top = (!isfinite(c->ymax) && touches(dyhi, yhi, ylo)) ||
	      (k->has_y2 && !isfinite(c->y2max) &&
	       touches(d2hi, k->y2hi, k->y2lo));
	pad_ends(&k->ylo, &k->yhi, bot && !isfinite(c->ymin),
		 top && !isfinite(c->ymax));
	if (k->has_y2)
		pad_ends(&k->y2lo, &k->y2hi, bot && !isfinite(c->y2min),
			 top && !isfinite(c->y2max));
	for (size_t i = 0; i < c->nseries; i++)
		points |= c->series[i].mark == DUR_MARK_POINTS;
	/* markers on the left or right edge, likewise */
	if (points && !c->x_dates)
		pad_ends(&k->xlo, &k->xhi,
			 !isfinite(c->xmin) && touches(dxlo, xlo, xhi),
			 !isfinite(c->xmax) && touches(dxhi, xhi, xlo));
}

size_t dur_chart_date_ticks(int32_t date0, double lo, double hi, size_t max,
			    double *t, char (*lab)[16])
{
	static const int mstep[] = { 1, 2, 3, 6, 12, 24, 60 };
	double span = hi - lo, months = span / 30.44;
	int y, m, d, every = 60;
	size_t n = 0;
	char b[11];

	if (!isfinite(lo) || !isfinite(hi) || hi < lo)
		return 0;
	if (span <= 70) {
		double step = 7 * fmax(1, ceil(span / 7 / 6));

		for (double x = ceil(lo); x <= hi && n < max; x += step) {
			t[n] = x;
			dur_date_format(date0 + (int32_t)x, b);
			snprintf(lab[n++], 16, "%s", b);
		}
		return n;
	}
	for (size_t i = 0; i < sizeof(mstep) / sizeof(mstep[0]); i++)
		if (months / mstep[i] <= 7) {
			every = mstep[i];
			break;
		}
	/* the first month start at or after lo that the step lands on */
	dur_date_to_ymd(date0 + (int32_t)floor(lo), &y, &m, &d);
	if (d > 1 || floor(lo) < lo) {
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	while ((m - 1) % every) {
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	if (every > 12 && y % (every / 12))
		y += every / 12 - y % (every / 12);
	while (n < max) {
		double x = dur_date_from_ymd(y, m, 1) - date0;

		if (x > hi)
			break;
		t[n] = x;
		if (every >= 12)
			snprintf(lab[n++], 16, "%04d", y % 10000);
		else
			snprintf(lab[n++], 16, "%04d-%02d", y % 10000, m % 100);
		m += every;
		while (m > 12) {
			m -= 12;
			y++;
		}
	}
	return n;
}

/* The right axis: short ticks out of the frame, their labels, its title
 * read from the bottom up like the left one's. */
static void right_axis(struct ctx *k)
{
	cairo_t *cr = k->cr;
	const struct dur_chart *c = k->c;
	double t[16], st, span = k->y2hi - k->y2lo;
	size_t n = y2_ticks(k, t);

	st = y2_fmt_step(k, t, n);
	set_font(cr, 11, 0);
	cairo_set_line_width(cr, 1);
	for (size_t i = 0; i < n; i++) {
		double y = k->py1 - (t[i] - k->y2lo) / span * (k->py1 - k->py0);
		char s[32];

		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_move_to(cr, k->px1, round(y) + 0.5);
		cairo_line_to(cr, k->px1 + 4, round(y) + 0.5);
		cairo_stroke(cr);
		fmt_tick(t[i], st, s, sizeof(s));
		text_at(cr, k->px1 + 6, y + 4, 0, s);
	}
	if (c->y2label) {
		set_font(cr, 12, 0);
		cairo_save(cr);
		cairo_move_to(cr, k->w - MARGIN, (k->py0 + k->py1) / 2);
		cairo_rotate(cr, -M_PI / 2);
		cairo_rel_move_to(cr, -text_w(cr, c->y2label) / 2, 0);
		cairo_show_text(cr, c->y2label);
		cairo_restore(cr);
	}
}

static void axes(struct ctx *k, int draw)
{
	cairo_t *cr = k->cr;
	const struct dur_chart *c = k->c;
	double yt[16], xt[32], ystep, xstep;
	char lab[32][16];
	size_t ny, nx;

	ny = dur_chart_ticks(k->ytlo, k->ythi, 7, yt);
	ystep = ny >= 2 ? yt[1] - yt[0] : 1;
	set_font(cr, 11, 0);
	if (!draw) {
		/* measure: the widest y label sets the left margin */
		double wmax = 0;
		char s[32];

		for (size_t i = 0; i < ny; i++) {
			fmt_tick(yt[i], ystep, s, sizeof(s));
			if (text_w(cr, s) > wmax)
				wmax = text_w(cr, s);
		}
		k->px0 = MARGIN + (c->ylabel ? 18 : 0) + wmax + 8;
		k->px1 = k->w - 24;
		if (k->has_y2) {
			double t2[16], st2;
			size_t n2 = y2_ticks(k, t2);

			st2 = y2_fmt_step(k, t2, n2);
			wmax = 0;
			for (size_t i = 0; i < n2; i++) {
				fmt_tick(t2[i], st2, s, sizeof(s));
				wmax = fmax(wmax, text_w(cr, s));
			}
			k->px1 = k->w - MARGIN - (c->y2label ? 18 : 0) - wmax -
				 10;
		}
		return;
	}
	if (c->x_dates) {
		nx = dur_chart_date_ticks(c->date0, k->xlo, k->xhi, 32, xt,
					  lab);
		xstep = 1;
	} else {
		nx = dur_chart_ticks(k->xlo, k->xhi, 9, xt);
		xstep = nx >= 2 ? xt[1] - xt[0] : 1;
		for (size_t i = 0; i < nx; i++)
			fmt_tick(xt[i], xstep, lab[i], sizeof(lab[i]));
	}
	cairo_set_line_width(cr, 1);
	cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
	for (size_t i = 0; i < ny; i++) {
		double y = round(sy(k, yt[i])) + 0.5;

		cairo_move_to(cr, k->px0, y);
		cairo_line_to(cr, k->px1, y);
	}
	x_grid(cr, k, xt, nx);
	cairo_stroke(cr);
	plot_frame(cr, k);
	for (size_t i = 0; i < ny; i++) {
		char s[32];

		fmt_tick(yt[i], ystep, s, sizeof(s));
		text_at(cr, k->px0 - 5, sy(k, yt[i]) + 4, 1, s);
	}
	for (size_t i = 0; i < nx; i++)
		text_at(cr, sx(k, xt[i]), k->py1 + 15, 0.5, lab[i]);
	set_font(cr, 12, 0);
	text_at(cr, (k->px0 + k->px1) / 2, k->py1 + 33, 0.5, c->xlabel);
	if (c->ylabel) {
		cairo_save(cr);
		cairo_move_to(cr, MARGIN + 10, (k->py0 + k->py1) / 2);
		cairo_rotate(cr, -M_PI / 2);
		cairo_rel_move_to(cr, -text_w(cr, c->ylabel) / 2, 0);
		cairo_show_text(cr, c->ylabel);
		cairo_restore(cr);
	}
	if (k->has_y2)
		right_axis(k);
}

static size_t draw_band(struct ctx *k, const struct dur_chart_series *s)
{
	cairo_t *cr = k->cr;
	size_t n = 0, j;
	int open = 0;

	if (!s->lo || !s->hi)
		return 0;
	/* one polygon per run of finite points */
	for (size_t i = 0; i <= s->n; i++) {
		int ok = i < s->n && isfinite(xval(s, i)) &&
			 isfinite(s->lo[i]) && isfinite(s->hi[i]);

		if (ok) {
			if (!open)
				cairo_move_to(cr, sx(k, xval(s, i)),
					      sy(k, s->hi[i]));
			else
				cairo_line_to(cr, sx(k, xval(s, i)),
					      sy(k, s->hi[i]));
			open++;
			n++;
		} else if (open) {
			for (j = i; j-- > i - open;)
				cairo_line_to(cr, sx(k, xval(s, j)),
					      sy(k, s->lo[j]));
			cairo_close_path(cr);
			open = 0;
		}
	}
	set_rgb(cr, s->style, s->alpha > 0 ? s->alpha : 0.25);
	cairo_fill(cr);
	return n;
}

static size_t draw_line(struct ctx *k, const struct dur_chart_series *s)
{
	cairo_t *cr = k->cr;
	size_t n = 0;
	int open = 0;
	double prev = 0;

	for (size_t i = 0; i < s->n; i++) {
		double x = xval(s, i), y = s->y[i];

		if (!isfinite(x) || !isfinite(y)) {
			open = 0;
			continue;
		}
		if (!open)
			cairo_move_to(cr, sx(k, x), sy(k, y));
		else if (s->mark == DUR_MARK_STEP) {
			cairo_line_to(cr, sx(k, x), sy(k, prev));
			cairo_line_to(cr, sx(k, x), sy(k, y));
		} else
			cairo_line_to(cr, sx(k, x), sy(k, y));
		prev = y;
		open = 1;
		n++;
	}
	set_rgb(cr, s->style, 1);
	cairo_set_line_width(cr, 2.2);
	set_dash(cr, s->dash);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	return n;
}

/* ---- label placement ------------------------------------------------ */

#define MARKER_R 4.5 /* radius of a POINTS marker */
#define LABEL_GAP 3.0 /* px between a marker's edge and its label */
#define LABEL_PAD 1.0 /* px kept clear around every label */

struct seg {
	double ax, ay, bx, by;
};

/* Do boxes a and b (x0, y0, x1, y1) come closer than pad? */
static int box_hit(const double *a, const double *b, double pad)
{
	return a[0] < b[2] + pad && b[0] < a[2] + pad && a[1] < b[3] + pad &&
	       b[1] < a[3] + pad;
}

/* Does the segment from (ax, ay) to (bx, by) pass through box b, grown by
 * pad? (Liang-Barsky clipping.) */
static int seg_box(double ax, double ay, double bx, double by, const double *b,
		   double pad)
{
	double p[4] = { -(bx - ax), bx - ax, -(by - ay), by - ay };
	double q[4] = { ax - (b[0] - pad), b[2] + pad - ax, ay - (b[1] - pad),
			b[3] + pad - ay };
	double t0 = 0, t1 = 1;

	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		double t = q[i] / p[i];

		if (p[i] < 0) {
			if (t > t1)
				return 0;
			if (t > t0)
				t0 = t;
		} else {
			if (t < t0)
				return 0;
			if (t < t1)
				t1 = t;
		}
	}
	return t0 < t1;
}

static double cross(double ax, double ay, double bx, double by, double cx,
		    double cy)
{
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Do two segments cross (proper crossings only)? */
static int seg_seg(const struct seg *a, const struct seg *b)
{
	double d1 = cross(a->ax, a->ay, a->bx, a->by, b->ax, b->ay);
	double d2 = cross(a->ax, a->ay, a->bx, a->by, b->bx, b->by);
	double d3 = cross(b->ax, b->ay, b->bx, b->by, a->ax, a->ay);
	double d4 = cross(b->ax, b->ay, b->bx, b->by, a->bx, a->by);

	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
	       ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

struct placer {
	const struct dur_chart_place *pl;
	size_t n;
	const double *px, *py;
	const struct dur_chart_label *out; /* all labels */
	const size_t *order;		   /* placed: out[order[0..done-1]] */
	size_t done;
	struct seg *segs; /* leader lines placed */
	size_t nseg;
	size_t self;	  /* the point being labelled */
	int cross;	  /* leaders may cross other markers */
};

static int marker_box(const struct placer *P, size_t i, double *m)
{
	double r = P->pl->r;

	m[0] = P->px[i] - r;
	m[1] = P->py[i] - r;
	m[2] = P->px[i] + r;
	m[3] = P->py[i] + r;
	return isfinite(P->px[i]) && isfinite(P->py[i]);
}

/* Is box b free: inside the area, clear of markers, labels and leaders? */
static int box_free(const struct placer *P, const double *b)
{
	const struct dur_chart_place *pl = P->pl;
	double m[4];

	if (b[0] < pl->x0 || b[2] > pl->x1 || b[1] < pl->y0 || b[3] > pl->y1)
		return 0;
	for (size_t i = 0; i < P->n; i++)
		if (marker_box(P, i, m) && box_hit(b, m, LABEL_PAD))
			return 0;
	for (size_t i = 0; i < P->done; i++)
		if (box_hit(b, &P->out[P->order[i]].x0, LABEL_PAD))
			return 0;
	for (size_t i = 0; i < P->nseg; i++)
		if (seg_box(P->segs[i].ax, P->segs[i].ay, P->segs[i].bx,
			    P->segs[i].by, b, LABEL_PAD))
			return 0;
	return 1;
}

/* Is a leader line from the marker being labelled free: clear of labels
 * (unless P->cross is 2), of other leaders and of markers other than those
 * on top of its own (unless P->cross)? */
static int seg_free(const struct placer *P, const struct seg *s)
{
	double m[4], x = P->px[P->self], y = P->py[P->self], r = P->pl->r;

	for (size_t i = 0; i < P->n && !P->cross; i++)
		if (marker_box(P, i, m) &&
		    !(fabs(P->px[i] - x) < r && fabs(P->py[i] - y) < r) &&
		    seg_box(s->ax, s->ay, s->bx, s->by, m, 0))
			return 0;
	for (size_t i = 0; i < P->done && P->cross < 2; i++)
		if (seg_box(s->ax, s->ay, s->bx, s->by,
			    &P->out[P->order[i]].x0, 0))
			return 0;
	for (size_t i = 0; i < P->nseg && !P->cross; i++)
		if (seg_seg(s, &P->segs[i]))
			return 0;
	return 1;
}

/* Try the eight places next to the marker at (x, y) for a box w wide;
 * 1 and the box in b if one is free. */
static int place_beside(const struct placer *P, double x, double y, double w,
			double *b)
{
	const struct dur_chart_place *pl = P->pl;
	/* diagonal places touch the marker's box, grown by the pad, at a
	 * corner */
	double g = pl->r + LABEL_GAP, d = pl->r + LABEL_PAD + 0.5, h = pl->h;
	/* left edge and top edge of each candidate, in order of preference */
	double c[8][2] = {
		{ x + g, y - h / 2 },	  /* right */
		{ x - g - w, y - h / 2 }, /* left */
		{ x + d, y - d - h },	  /* above right */
		{ x + d, y + d },	  /* below right */
		{ x - w / 2, y - g - h }, /* above */
		{ x - w / 2, y + g },	  /* below */
		{ x - d - w, y - d - h }, /* above left */
		{ x - d - w, y + d },	  /* below left */
	};

	for (int i = 0; i < 8; i++) {
		b[0] = c[i][0];
		b[1] = c[i][1];
		b[2] = c[i][0] + w;
		b[3] = c[i][1] + h;
		if (box_free(P, b))
			return 1;
	}
	return 0;
}

/* Try the ends of leader lines of the given lengths in 16 directions, from
 * the right round counter-clockwise; the box sits beyond the line's end. */
static int place_leader(const struct placer *P, double x, double y, double w,
			const double *len, int nlen, double *b, struct seg *s)
{
	double h = P->pl->h;

	for (int l = 0; l < nlen; l++) {
		for (int a = 0; a < 16; a++) {
			double t = a * M_PI / 8, dx = cos(t), dy = -sin(t);
			double ex = x + dx * len[l], ey = y + dy * len[l];

			if (dx > 0.38) {
				b[0] = ex + 2;
				b[1] = ey - h / 2;
			} else if (dx < -0.38) {
				b[0] = ex - 2 - w;
				b[1] = ey - h / 2;
			} else {
				b[0] = ex - w / 2;
				b[1] = dy < 0 ? ey - 2 - h : ey + 2;
			}
			b[2] = b[0] + w;
			b[3] = b[1] + h;
			s->ax = x + dx * (P->pl->r + 1);
			s->ay = y + dy * (P->pl->r + 1);
			s->bx = ex;
			s->by = ey;
			if (box_free(P, b) && seg_free(P, s))
				return 1;
		}
	}
	return 0;
}

/* Order of placement: fewest neighbours first, then the order of points. */
struct rank {
	size_t crowd, i;
};

static int rank_cmp(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->crowd != y->crowd)
		return x->crowd < y->crowd ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Place one label: its text beside the marker or at the end of a short
 * leader; else its number, beside, at the end of a leader (one that may
 * cross markers and leaders, then labels too, if need be) or, failing
 * all, on the right. */
static void place_one(struct placer *P, size_t i, double w, double nw,
		      struct dur_chart_label *o)
{
	static const double near[4] = { 24, 40, 60, 84 };
	static const double far[8] = { 24, 40, 60, 84, 112, 144, 180, 220 };
	const struct dur_chart_place *pl = P->pl;
	double b[4], x = P->px[i], y = P->py[i];
	struct seg s = { 0 };
	int lead = 0;

	P->self = i;
	P->cross = 0;
	if (place_beside(P, x, y, w, b)) {
		o->how = DUR_LABEL_BESIDE;
	} else if (place_leader(P, x, y, w, near, 4, b, &s)) {
		o->how = DUR_LABEL_LEADER;
		lead = 1;
	} else {
		o->how = DUR_LABEL_NUMBER;
		if (place_beside(P, x, y, nw, b))
			;
		else if (place_leader(P, x, y, nw, far, 8, b, &s))
			lead = 1;
		else if ((P->cross = 1) &&
			 place_leader(P, x, y, nw, far, 8, b, &s))
			lead = 1;
		else if ((P->cross = 2) &&
			 place_leader(P, x, y, nw, far, 8, b, &s))
			lead = 1;
		else {
			b[0] = x + pl->r + LABEL_GAP;
			b[1] = y - pl->h / 2;
			b[2] = b[0] + nw;
			b[3] = b[1] + pl->h;
		}
	}
	o->x0 = b[0];
	o->y0 = b[1];
	o->x1 = b[2];
	o->y1 = b[3];
	o->lx = lead ? s.bx : NAN;
	o->ly = lead ? s.by : NAN;
	if (lead)
		P->segs[P->nseg++] = s;
}

size_t dur_chart_place_labels(const struct dur_chart_place *pl, size_t n,
			      const double *px, const double *py,
			      const double *w, struct dur_chart_label *out)
{
	struct seg *segs = calloc(n ? n : 1, sizeof(*segs));
	struct rank *rk = calloc(n ? n : 1, sizeof(*rk));
	size_t *order = calloc(n ? n : 1, sizeof(*order));
	struct placer P = { pl, n, px, py, out, order, 0, segs, 0, 0, 0 };
	size_t nl = 0, numbered = 0, digits = 1;
	double nw;

	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].how = DUR_LABEL_NONE;
		out[i].lx = out[i].ly = NAN;
		if (w[i] >= 0 && isfinite(px[i]) && isfinite(py[i]))
			nl++;
	}
	for (size_t m = nl; m >= 10; m /= 10)
		digits++;
	nw = pl->digit_w * (double)digits;
	if (!segs || !rk || !order) {
		/* out of memory: every label on the right of its marker */
		for (size_t i = 0; i < n; i++) {
			if (!(w[i] >= 0) || !isfinite(px[i]) ||
			    !isfinite(py[i]))
				continue;
			out[i].how = DUR_LABEL_BESIDE;
			out[i].x0 = px[i] + pl->r + LABEL_GAP;
			out[i].y0 = py[i] - pl->h / 2;
			out[i].x1 = out[i].x0 + w[i];
			out[i].y1 = out[i].y0 + pl->h;
		}
		goto done;
	}
	nl = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(w[i] >= 0) || !isfinite(px[i]) || !isfinite(py[i]))
			continue;
		rk[nl].i = i;
		for (size_t j = 0; j < n; j++)
			rk[nl].crowd += j != i && fabs(px[j] - px[i]) < 40 &&
					fabs(py[j] - py[i]) < 20;
		nl++;
	}
	qsort(rk, nl, sizeof(*rk), rank_cmp);
	for (size_t k = 0; k < nl; k++) {
		place_one(&P, rk[k].i, w[rk[k].i], nw, &out[rk[k].i]);
		order[P.done++] = rk[k].i;
	}
	/* numbers in the order of points */
	for (size_t i = 0; i < n; i++)
		if (out[i].how == DUR_LABEL_NUMBER)
			out[i].number = (int)++numbered;
done:
	free(segs);
	free(rk);
	free(order);
	return numbered;
}

static size_t draw_points(struct ctx *k, const struct dur_chart_series *s)
{
	cairo_t *cr = k->cr;
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		double x = xval(s, i), y = s->y[i];

		if (!isfinite(x) || !isfinite(y))
			continue;
		fill_marker(cr, s->style, sx(k, x), sy(k, y), MARKER_R);
		n++;
	}
	return n;
}

static size_t draw_vlines(struct ctx *k, const struct dur_chart_series *s)
{
	cairo_t *cr = k->cr;
	size_t n = 0;

	set_font(cr, 10, 0);
	for (size_t i = 0; i < s->n; i++) {
		double x = xval(s, i), px;

		if (!isfinite(x))
			continue;
		px = round(sx(k, x)) + 0.5;
		set_rgb(cr, s->style, 1);
		cairo_set_line_width(cr, 1.2);
		set_dash(cr, 1);
		cairo_move_to(cr, px, k->py0);
		cairo_line_to(cr, px, k->py1);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		if (s->labels && s->labels[i]) {
			double w = text_w(cr, s->labels[i]);

			cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
			text_at(cr,
				px + 3 + w > k->px1 - 2 ? px - 3 - w : px + 3,
				k->py0 + 12 + 12 * (double)(i % 3), 0,
				s->labels[i]);
		}
		n++;
	}
	return n;
}

/* Swap the right axis's range in for the left one's (and back). */
static void swap_y(struct ctx *k)
{
	double a = k->ylo, b = k->yhi;

	k->ylo = k->y2lo;
	k->yhi = k->y2hi;
	k->y2lo = a;
	k->y2hi = b;
}

#define KEY_LINE 13.0 /* px between lines of the key of numbered labels */

/* The labelled points of the chart's POINTS series, with every marker of
 * those series as an obstacle; NULL-text entries are bare markers. Fills
 * k->lab; 0, or -1 out of memory. */
static int labels_collect(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	size_t n = 0, any = 0;

	for (size_t i = 0; i < c->nseries; i++)
		if (c->series[i].mark == DUR_MARK_POINTS) {
			n += c->series[i].n;
			any |= c->series[i].labels != NULL;
		}
	if (!any || !n)
		return 0;
	k->lab = calloc(n, sizeof(*k->lab));
	if (!k->lab)
		return -1;
	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		if (s->mark != DUR_MARK_POINTS)
			continue;
		for (size_t j = 0; j < s->n; j++)
			k->lab[k->nlab++].text = s->labels ? s->labels[j]
							   : NULL;
	}
	return 0;
}

/* Where the markers fall on the page as the plot area stands. */
static void labels_locate(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	size_t m = 0;

	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		if (s->mark != DUR_MARK_POINTS)
			continue;
		if (on_right(c, i))
			swap_y(k);
		for (size_t j = 0; j < s->n; j++, m++) {
			double x = xval(s, j), y = s->y[j];
			int in = isfinite(x) && isfinite(y) && x >= k->xlo &&
				 x <= k->xhi && y >= k->ylo && y <= k->yhi;

			/* a marker off the plot is clipped: nothing to
			 * label or avoid */
			k->lab[m].x = in ? sx(k, x) : NAN;
			k->lab[m].y = in ? sy(k, y) : NAN;
		}
		if (on_right(c, i))
			swap_y(k);
	}
}

/* Text on cr without hinting: the same metrics on every surface. */
static void unhinted(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

/*
 * Place the labels (dur_chart_place_labels), measuring text with unhinted
 * metrics on a surface of its own so that SVG and PNG get the same places;
 * while some are numbered, take lines for their key from the bottom of the
 * plot area and place again.
 */
static void labels_place(struct ctx *k)
{
	cairo_surface_t *ms;
	cairo_t *m;
	cairo_font_extents_t fe;
	struct dur_chart_place pl;
	double *px = NULL, *py = NULL, *w = NULL, digit = 0, base = k->py1;
	struct dur_chart_label *out = NULL;
	int lines = 0;

	if (labels_collect(k)) {
		k->oom = 1;
		return;
	}
	if (!k->nlab)
		return;
	ms = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	m = cairo_create(ms);
	unhinted(m);
	set_font(m, 10, 1); /* numbers are bold */
	for (char d[2] = "0"; d[0] <= '9'; d[0]++)
		digit = fmax(digit, text_w(m, d));
	set_font(m, 10, 0);
	cairo_font_extents(m, &fe);
	k->lab_asc = fe.ascent / (fe.ascent + fe.descent);
	px = malloc(k->nlab * sizeof(*px));
	py = malloc(k->nlab * sizeof(*py));
	w = malloc(k->nlab * sizeof(*w));
	out = malloc(k->nlab * sizeof(*out));
	if (!px || !py || !w || !out) {
		k->oom = 1;
		k->nlab = 0;
		goto done;
	}
	for (size_t i = 0; i < k->nlab; i++)
		k->lab[i].w = w[i] =
			k->lab[i].text ? text_w(m, k->lab[i].text) : -1;
	pl.h = ceil(fe.ascent + fe.descent);
	pl.r = MARKER_R;
	pl.digit_w = digit;
	for (int pass = 0; pass < 6; pass++) {
		double x = MARGIN, sep = 12;
		int need = 0;

		k->py1 = base - (lines ? KEY_LINE * lines + 4 : 0);
		labels_locate(k);
		for (size_t i = 0; i < k->nlab; i++) {
			px[i] = k->lab[i].x;
			py[i] = k->lab[i].y;
		}
		pl.x0 = k->px0 + 2;
		pl.x1 = k->px1 - 2;
		pl.y0 = k->py0 + 2;
		pl.y1 = k->py1 - 2;
		dur_chart_place_labels(&pl, k->nlab, px, py, w, out);
		/* the key: "1 name" entries in lines across the page */
		for (size_t i = 0; i < k->nlab; i++) {
			char num[16];
			double ew;

			k->lab[i].l = out[i];
			if (out[i].how != DUR_LABEL_NUMBER)
				continue;
			snprintf(num, sizeof(num), "%d ", out[i].number);
			set_font(m, 10, 1);
			ew = text_w(m, num) + w[i];
			set_font(m, 10, 0);
			if (!need || x + ew > k->w - MARGIN) {
				need++;
				x = MARGIN;
			}
			k->lab[i].kx = x;
			k->lab[i].kline = need - 1;
			x += ew + sep;
		}
		if (need <= lines)
			break;
		lines = need;
	}
	k->key_top = k->py1 + 52;
done:
	free(px);
	free(py);
	free(w);
	free(out);
	cairo_destroy(m);
	cairo_surface_destroy(ms);
}

/* Draw the placed labels, their leader lines, numbers and key. */
static void labels_draw(struct ctx *k)
{
	cairo_t *cr = k->cr;

	if (!k->nlab)
		return;
	cairo_save(cr);
	unhinted(cr);
	for (size_t i = 0; i < k->nlab; i++) {
		const struct plabel *p = &k->lab[i];
		const struct dur_chart_label *l = &p->l;
		double base = l->y0 + (l->y1 - l->y0) * k->lab_asc;
		char num[16];

		if (l->how == DUR_LABEL_NONE)
			continue;
		if (isfinite(l->lx) && isfinite(l->ly)) {
			double dx = l->lx - p->x, dy = l->ly - p->y;
			double d = hypot(dx, dy);

			cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
			cairo_set_line_width(cr, 0.8);
			cairo_set_dash(cr, NULL, 0, 0);
			cairo_move_to(cr, p->x + dx / d * (MARKER_R + 1),
				      p->y + dy / d * (MARKER_R + 1));
			cairo_line_to(cr, l->lx, l->ly);
			cairo_stroke(cr);
		}
		set_font(cr, 10, l->how == DUR_LABEL_NUMBER);
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		if (l->how == DUR_LABEL_NUMBER) {
			snprintf(num, sizeof(num), "%d", l->number);
			text_at(cr, l->x0, base, 0, num);
		} else {
			text_at(cr, l->x0, base, 0, p->text);
		}
	}
	for (size_t i = 0; i < k->nlab; i++) {
		const struct plabel *p = &k->lab[i];
		double y = k->key_top + KEY_LINE * p->kline;
		char num[16];

		if (p->l.how != DUR_LABEL_NUMBER)
			continue;
		snprintf(num, sizeof(num), "%d ", p->l.number);
		set_font(cr, 10, 1);
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		text_at(cr, p->kx, y, 0, num);
		set_font(cr, 10, 0);
		text_at(cr, p->kx + text_w(cr, num), y, 0, p->text);
	}
	cairo_restore(cr);
}

static void draw_xy(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	cairo_t *cr = k->cr;
	double top = frame(k, 1);

	xy_ranges(k);
	axes(k, 0);
	k->py0 = top;
	k->py1 = k->h - 10 - 18 - 34;
	labels_place(k);
	axes(k, 1);
	cairo_save(cr);
	cairo_rectangle(cr, k->px0, k->py0, k->px1 - k->px0, k->py1 - k->py0);
	cairo_clip(cr);
	if (c->diagonal) {
		double a = fmax(k->xlo, k->ylo), b = fmin(k->xhi, k->yhi);

		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_set_line_width(cr, 1.2);
		set_dash(cr, 1);
		cairo_move_to(cr, sx(k, a), sy(k, a));
		cairo_line_to(cr, sx(k, b), sy(k, b));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		if (on_right(c, i))
			swap_y(k);
		switch (s->mark) {
		case DUR_MARK_BAND:
			k->points[i] = draw_band(k, s);
			break;
		case DUR_MARK_LINE:
		case DUR_MARK_STEP:
			k->points[i] = draw_line(k, s);
			break;
		case DUR_MARK_VLINE:
			k->points[i] = draw_vlines(k, s);
			break;
		default:
			k->points[i] = draw_points(k, s);
			break;
		}
		if (on_right(c, i))
			swap_y(k);
	}
	cairo_restore(cr);
	labels_draw(k);
}

/* ---- ROWS ------------------------------------------------------------ */

static void rows_ranges(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	double lo = INFINITY, hi = -INFINITY, st;

	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		for (size_t j = 0; j < s->n && j < c->ncat; j++) {
			point_range(s, j, &lo, &hi);
			if (s->mark == DUR_MARK_BAR)
				range_add(0, &lo, &hi);
		}
	}
	range_add(c->ref, &lo, &hi);
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (isfinite(c->xmin))
		lo = c->xmin;
	if (isfinite(c->xmax))
		hi = c->xmax;
	if (hi <= lo)
		hi = lo + 1;
	st = tick_step(lo, hi, 8);
	if (!isfinite(c->xmin))
		lo = floor(lo / st + 1e-9) * st;
	if (!isfinite(c->xmax))
		hi = ceil(hi / st - 1e-9) * st;
	k->xlo = lo;
	k->xhi = hi;
}

/* A filled arrowhead with its tip at (x, y), pointing right (dir 1) or
 * left (-1), in the current colour. */
static void arrow(cairo_t *cr, double x, double y, double dir)
{
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x - dir * 9, y - 5);
	cairo_line_to(cr, x - dir * 9, y + 5);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void draw_rows(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	cairo_t *cr = k->cr;
	double top = frame(k, 1), wmax = 0, xt[16], step, band;
	size_t nx, ns = 0;

	rows_ranges(k);
	set_font(cr, 11, 0);
	for (size_t i = 0; i < c->ncat; i++)
		wmax = fmax(wmax, text_w(cr, c->categories[i]));
	k->px0 = MARGIN + fmin(wmax, k->w * 0.4) + 10;
	k->px1 = k->w - 24;
	k->py0 = top;
	k->py1 = top + ROW_H * (double)c->ncat;
	for (size_t i = 0; i < c->nseries; i++)
		if (c->series[i].mark != DUR_MARK_POINTS || i == 0)
			ns++;
	band = ROW_H * 0.72 / (double)(ns ? ns : 1);
	/* zebra rows, grid, labels */
	for (size_t i = 0; i < c->ncat; i++) {
		double y = k->py0 + ROW_H * (double)i;

		if (i % 2 == 0) {
			cairo_set_source_rgb(cr, 0.955, 0.955, 0.955);
			cairo_rectangle(cr, k->px0, y, k->px1 - k->px0, ROW_H);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text_at(cr, k->px0 - 8, y + ROW_H / 2 + 4, 1, c->categories[i]);
	}
	nx = dur_chart_ticks(k->xlo, k->xhi, 9, xt);
	step = nx >= 2 ? xt[1] - xt[0] : 1;
	cairo_set_line_width(cr, 1);
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	x_grid(cr, k, xt, nx);
	cairo_stroke(cr);
	plot_frame(cr, k);
	for (size_t i = 0; i < nx; i++) {
		char s[32];

		fmt_tick(xt[i], step, s, sizeof(s));
		text_at(cr, sx(k, xt[i]), k->py1 + 15, 0.5, s);
	}
	set_font(cr, 12, 0);
	text_at(cr, (k->px0 + k->px1) / 2, k->py1 + 33, 0.5, c->xlabel);
	if (isfinite(c->ref)) {
		double x = round(sx(k, c->ref)) + 0.5;

		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_set_line_width(cr, 1.2);
		set_dash(cr, 1);
		cairo_move_to(cr, x, k->py0);
		cairo_line_to(cr, x, k->py1);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	cairo_save(cr);
	cairo_rectangle(cr, k->px0, k->py0, k->px1 - k->px0, k->py1 - k->py0);
	cairo_clip(cr);
	for (size_t i = 0, slot = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];
		size_t my = slot;

		if (s->mark != DUR_MARK_POINTS || i == 0)
			slot++;
		else
			my = 0; /* markers share the first slot's line */
		for (size_t j = 0; j < s->n && j < c->ncat; j++) {
			double yc = k->py0 + ROW_H * (double)j + ROW_H / 2 +
				    ((double)my - ((double)ns - 1) / 2) * band;
			double v = s->y ? s->y[j] : NAN;
			int lohi = s->lo && s->hi && isfinite(s->lo[j]) &&
				   isfinite(s->hi[j]);

			if (s->mark == DUR_MARK_BAR && isfinite(v)) {
				double x0 = sx(k, fmax(0, k->xlo));

				set_rgb(cr, s->style, 0.85);
				cairo_rectangle(cr, fmin(x0, sx(k, v)),
						yc - band * 0.42,
						fabs(sx(k, v) - x0),
						band * 0.84);
				cairo_fill(cr);
			}
			if (lohi && s->mark != DUR_MARK_POINTS) {
				double a = sx(k, s->lo[j]), b = sx(k, s->hi[j]);
				double cap = s->mark == DUR_MARK_BAR ? 3 : 4;

				if (s->mark == DUR_MARK_BAR)
					cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
				else
					set_rgb(cr, s->style, 1);
				cairo_set_line_width(cr, s->mark == DUR_MARK_BAR
								 ? 1.2
								 : 2.4);
				cairo_move_to(cr, a, yc);
				cairo_line_to(cr, b, yc);
				cairo_move_to(cr, a, yc - cap);
				cairo_line_to(cr, a, yc + cap);
				cairo_move_to(cr, b, yc - cap);
				cairo_line_to(cr, b, yc + cap);
				cairo_stroke(cr);
				/* an interval beyond the axis ends in an arrow
				 */
				if (s->hi[j] > k->xhi)
					arrow(cr, k->px1, yc, 1);
				if (s->lo[j] < k->xlo)
					arrow(cr, k->px0, yc, -1);
			}
			if (isfinite(v) && s->mark != DUR_MARK_BAR)
				fill_marker(cr, s->style, sx(k, v), yc,
					    s->mark == DUR_MARK_POINTS ? 5 : 4);
			if (isfinite(v) || lohi)
				k->points[i]++;
		}
	}
	cairo_restore(cr);
}

/* ---- HEATMAP --------------------------------------------------------- */

static void heat_colour(double t, double rgb[3])
{
	double f;
	int i;

	/* NaN too goes to the bottom: (int) of NaN is undefined */
	t = !(t >= 0) ? 0 : t > 1 ? 1 : t;
	f = t * 4;
	i = (int)floor(f);
	if (i >= 4)
		i = 3;
	f -= i;
	for (int j = 0; j < 3; j++)
		rgb[j] =
			viridis[i][j] + (viridis[i + 1][j] - viridis[i][j]) * f;
}

static void draw_heatmap(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	cairo_t *cr = k->cr;
	size_t n = c->ncat;
	double top = frame(k, 0) + 4, wmax = 0, lo = INFINITY, hi = -INFINITY;
	double cell, x0, barx;

	for (size_t i = 0; i < n * n; i++)
		range_add(c->matrix[i], &lo, &hi);
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (lo > 0)
		lo = 0;
	if (hi <= lo)
		hi = lo + 1;
	set_font(cr, 11, 0);
	for (size_t i = 0; i < n; i++)
		wmax = fmax(wmax, text_w(cr, c->categories[i]));
	x0 = MARGIN + (c->ylabel ? 18 : 0) + wmax + 8;
	cell = fmin((k->w - x0 - 110) / (double)n,
		    (k->h - top - 80) / (double)n);
	cell = fmin(cell, 90);
	k->px0 = x0;
	k->px1 = x0 + cell * (double)n;
	k->py0 = top;
	k->py1 = top + cell * (double)n;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			double v = c->matrix[i * n + j], rgb[3], t;
			char s[32];

			/* in halves: hi - lo of finite values may overflow */
			t = (v / 2 - lo / 2) / (hi / 2 - lo / 2);
			if (isfinite(v)) {
				heat_colour(t, rgb);
				cairo_set_source_rgb(cr, rgb[0], rgb[1],
						     rgb[2]);
			} else {
				cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
			}
			cairo_rectangle(cr, k->px0 + cell * (double)j,
					k->py0 + cell * (double)i, cell, cell);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
			dur_snprintf_num(s, sizeof(s),
					 isfinite(v) ? "%.2f" : "n/a", v);
			if (isfinite(v) && t < 0.6)
				cairo_set_source_rgb(cr, 1, 1, 1);
			else
				cairo_set_source_rgb(cr, 0, 0, 0);
			set_font(cr, cell > 40 ? 12 : 9, 0);
			text_at(cr, k->px0 + cell * ((double)j + 0.5),
				k->py0 + cell * ((double)i + 0.5) + 4, 0.5, s);
			if (isfinite(v))
				k->points[0]++;
		}
	}
	set_font(cr, 11, 0);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	for (size_t i = 0; i < n; i++) {
		text_at(cr, k->px0 - 6, k->py0 + cell * ((double)i + 0.5) + 4,
			1, c->categories[i]);
		text_at(cr, k->px0 + cell * ((double)i + 0.5), k->py1 + 15, 0.5,
			c->categories[i]);
	}
	set_font(cr, 12, 0);
	text_at(cr, (k->px0 + k->px1) / 2, k->py1 + 33, 0.5, c->xlabel);
	if (c->ylabel) {
		cairo_save(cr);
		cairo_move_to(cr, MARGIN + 10, (k->py0 + k->py1) / 2);
		cairo_rotate(cr, -M_PI / 2);
		cairo_rel_move_to(cr, -text_w(cr, c->ylabel) / 2, 0);
		cairo_show_text(cr, c->ylabel);
		cairo_restore(cr);
	}
	/* colour bar */
	barx = k->px1 + 24;
	for (int i = 0; i < 50; i++) {
		double rgb[3], y = k->py1 - (k->py1 - k->py0) * (i + 1) / 50.0;

		heat_colour((i + 0.5) / 50.0, rgb);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(cr, barx, y, 14,
				(k->py1 - k->py0) / 50.0 + 0.3);
		cairo_fill(cr);
	}
	set_font(cr, 10, 0);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	{
		char s[32];
		double t[8], st = tick_step(lo, hi, 5);
		size_t nt = dur_chart_ticks(lo, hi, 5, t);

		for (size_t i = 0; i < nt; i++) {
			fmt_tick(t[i], st, s, sizeof(s));
			text_at(cr, barx + 18,
				k->py1 -
					(t[i] - lo) / (hi - lo) *
						(k->py1 - k->py0) +
					4,
				0, s);
		}
	}
}

/* ---- SVG rewriting ---------------------------------------------------- */

/* An <axis> element: side, range and title. */
static void svg_axis(struct buf *out, const char *side, double lo, double hi,
		     const char *title)
{
	char num[96];

	snprintf(num, sizeof(num), "<axis side=\"%s\" min=\"%.10g\" "
				   "max=\"%.10g\" title=\"",
		 side, lo, hi);
	buf_str(out, num);
	buf_xml(out, title ? title : "");
	buf_str(out, "\"/>");
}

/* The XY chart's axes and its placed labels, for the metadata. */
static void svg_meta_xy(const struct ctx *k, struct buf *out)
{
	static const char *const how[4] = { "none", "beside", "leader",
					    "number" };
	char num[160];

	svg_axis(out, "left", k->ylo, k->yhi, k->c->ylabel);
	if (k->has_y2)
		svg_axis(out, "right", k->y2lo, k->y2hi, k->c->y2label);
	for (size_t i = 0; i < k->nlab; i++) {
		const struct dur_chart_label *l = &k->lab[i].l;

		if (l->how == DUR_LABEL_NONE)
			continue;
		buf_str(out, "<label text=\"");
		buf_xml(out, k->lab[i].text);
		snprintf(num, sizeof(num),
			 "\" how=\"%s\" x0=\"%.2f\" y0=\"%.2f\" x1=\"%.2f\" "
			 "y1=\"%.2f\"",
			 how[l->how], l->x0, l->y0, l->x1, l->y1);
		buf_str(out, num);
		if (l->how == DUR_LABEL_NUMBER) {
			snprintf(num, sizeof(num), " number=\"%d\"", l->number);
			buf_str(out, num);
		}
		buf_str(out, "/>");
	}
}

/*
 * Copy cairo's SVG, giving each id and reference to one a prefix, dropping
 * the number of "surfaceN" ids (a counter shared by the whole process) and
 * adding <title> and <metadata> after the root tag.
 */
static int svg_rewrite(const struct buf *in, const struct ctx *k,
		       const char *prefix, struct buf *out)
{
	static const char *const refs[] = { "id=\"", "href=\"#", "url(#" };
	static const char *const types[] = { "xy", "rows", "heatmap" };
	static const char *const marks[] = { "line",   "step",	"band",
					     "points", "vline", "interval",
					     "bar" };
	const struct dur_chart *c = k->c;
	const size_t *points = k->points;
	const char *p = in->p, *root;
	char num[32];

	root = strstr(p, "<svg");
	root = root ? strchr(root, '>') : NULL;
	if (!root)
		return -1;
	buf_add(out, p, (size_t)(root + 1 - p));
	buf_str(out, "\n<title>");
	buf_xml(out, c->title);
	buf_str(out, "</title>\n<metadata><chart xmlns=\"urn:durand:chart\" "
		     "type=\"");
	buf_str(out, types[c->type]);
	buf_str(out, "\">");
	if (c->type == DUR_CHART_HEATMAP) {
		snprintf(num, sizeof(num), "%zu", points[0]);
		buf_str(out,
			"<series name=\"matrix\" mark=\"cells\" points=\"");
		buf_str(out, num);
		buf_str(out, "\"/>");
	}
	for (size_t i = 0; c->type != DUR_CHART_HEATMAP && i < c->nseries;
	     i++) {
		const struct dur_chart_series *s = &c->series[i];

		buf_str(out, "<series name=\"");
		buf_xml(out, s->name ? s->name : "");
		buf_str(out, "\" mark=\"");
		buf_str(out, marks[s->mark]);
		snprintf(num, sizeof(num), "\" points=\"%zu\"/>", points[i]);
		buf_str(out, num);
	}
	if (c->type == DUR_CHART_XY)
		svg_meta_xy(k, out);
	buf_str(out, "</chart></metadata>");
	p = root + 1;
	while (*p) {
		const char *hit = NULL;
		size_t hl = 0;

		for (size_t i = 0; i < 3; i++) {
			const char *h = strstr(p, refs[i]);

			if (h && (!hit || h < hit)) {
				hit = h;
				hl = strlen(refs[i]);
			}
		}
		if (!hit) {
			buf_str(out, p);
			break;
		}
		buf_add(out, p, (size_t)(hit - p) + hl);
		buf_str(out, prefix);
		p = hit + hl;
		if (!strncmp(p, "surface", 7)) {
			buf_str(out, "surface");
			p += 7;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	return out->oom ? -1 : 0;
}

/* ---- entry points ----------------------------------------------------- */

static int check(const struct dur_chart *c, struct dur_error *err)
{
	if ((unsigned)c->type > DUR_CHART_HEATMAP)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "unknown chart type %d", (int)c->type);
	if (c->type == DUR_CHART_HEATMAP) {
		if (!c->matrix || !c->ncat || !c->categories)
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "heat map '%s' has no matrix",
					     c->title ? c->title : "");
		return 0;
	}
	if (!c->nseries || !c->series)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "chart '%s' has no series",
				     c->title ? c->title : "");
	if (c->type == DUR_CHART_ROWS && (!c->ncat || !c->categories))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "chart '%s' has no rows",
				     c->title ? c->title : "");
	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];
		int need_y =
			s->mark != DUR_MARK_BAND && s->mark != DUR_MARK_VLINE;

		if ((unsigned)s->mark > DUR_MARK_BAR || (need_y && !s->y) ||
		    (s->mark == DUR_MARK_BAND && (!s->lo || !s->hi)) ||
		    (s->mark == DUR_MARK_VLINE && !s->x))
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "series '%s' of chart '%s' lacks "
					     "values",
					     s->name ? s->name : "",
					     c->title ? c->title : "");
	}
	return 0;
}

static void draw(struct ctx *k)
{
	cairo_set_line_cap(k->cr, CAIRO_LINE_CAP_BUTT);
	if (k->c->type == DUR_CHART_XY)
		draw_xy(k);
	else if (k->c->type == DUR_CHART_ROWS)
		draw_rows(k);
	else
		draw_heatmap(k);
}

int dur_chart_draw(const struct dur_chart *c, enum dur_chart_format fmt,
		   const char *id_prefix, char **out, size_t *len,
		   struct dur_error *err)
{
	struct ctx k = { 0 };
	struct buf raw = { 0 }, svg = { 0 };
	cairo_surface_t *s;
	cairo_status_t st;
	int rc;

	*out = NULL;
	*len = 0;
	rc = check(c, err);
	if (rc)
		return rc;
	k.c = c;
	k.w = c->width > 0 ? c->width : DEFAULT_W;
	k.h = c->height > 0 ? c->height : DEFAULT_H;
	if (c->type == DUR_CHART_ROWS && !(c->height > 0)) {
		cairo_surface_t *m =
			cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
		double lh;

		/* measure the legend to size the page to the rows */
		k.cr = cairo_create(m);
		lh = legend(&k, 0, 0);
		cairo_destroy(k.cr);
		cairo_surface_destroy(m);
		k.h = 36 + lh + 10 + ROW_H * (double)c->ncat + 62;
	}
	k.points = calloc(c->nseries + 1, sizeof(*k.points));
	if (!k.points)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory drawing '%s'", c->title);
	if (fmt == DUR_CHART_PNG) {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					       (int)ceil(k.w * 2),
					       (int)ceil(k.h * 2));
	} else {
		s = cairo_svg_surface_create_for_stream(buf_write, &raw, k.w,
							k.h);
		cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
	}
	k.cr = cairo_create(s);
	if (fmt == DUR_CHART_PNG)
		cairo_scale(k.cr, 2, 2);
	draw(&k);
	st = cairo_status(k.cr);
	if (!st && k.oom)
		st = CAIRO_STATUS_NO_MEMORY;
	cairo_destroy(k.cr);
	if (fmt == DUR_CHART_PNG && !st)
		st = cairo_surface_write_to_png_stream(s, buf_write, &raw);
	cairo_surface_finish(s);
	if (!st)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st || raw.oom) {
		rc = dur_error_set(
			err, DUR_ENOMEM, "", 0, 0, "cannot draw '%s': %s",
			c->title ? c->title : "", cairo_status_to_string(st));
		goto out;
	}
	if (fmt == DUR_CHART_SVG) {
		if (svg_rewrite(&raw, &k, id_prefix ? id_prefix : "c", &svg)) {
			free(svg.p);
			rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
					   "cannot rewrite svg of '%s'",
					   c->title ? c->title : "");
			goto out;
		}
		free(raw.p);
		raw = svg;
	}
	*out = raw.p;
	*len = raw.n;
	raw.p = NULL;
out:
	free(raw.p);
	free(k.points);
	free(k.lab);
	return rc;
}

/* fontconfig comes in through cairo and is not on our link line: a weak
 * reference finds it at run time if it is there. */
extern void FcFini(void) __attribute__((weak));

void dur_chart_cleanup(void)
{
	cairo_debug_reset_static_data();
	if (FcFini)
		FcFini();
}

int dur_chart_format_of(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	if (n > 4 && !strcasecmp(path + n - 4, ".svg"))
		return DUR_CHART_SVG;
	if (n > 4 && !strcasecmp(path + n - 4, ".png"))
		return DUR_CHART_PNG;
	return -1;
}

int dur_chart_save(const struct dur_chart *c, const char *path,
		   struct dur_error *err)
{
	struct dur_output o;
	int fmt = dur_chart_format_of(path);
	char *data;
	size_t len;
	int rc;

	if (fmt < 0)
		return dur_error_set(err, DUR_EINVAL, path ? path : "", 0, 0,
				     "expected a file name ending in .svg or "
				     ".png");
	rc = dur_chart_draw(c, (enum dur_chart_format)fmt, NULL, &data, &len,
			    err);
	if (rc)
		return rc;
	rc = dur_output_open(&o, path, err);
	if (!rc) {
		if (fwrite(data, 1, len, o.fp) != len) {
			dur_output_abort(&o);
			rc = dur_error_set(err, DUR_EIO, path, 0, 0,
					   "cannot write chart");
		} else {
			rc = dur_output_commit(&o, err);
		}
	}
	free(data);
	return rc;
}
