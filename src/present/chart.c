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

static void xy_ranges(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;

	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		for (size_t j = 0; j < s->n; j++) {
			range_add(xval(s, j), &xlo, &xhi);
			if (s->mark == DUR_MARK_VLINE)
				continue;
			if (s->y)
				range_add(s->y[j], &ylo, &yhi);
			if (s->lo)
				range_add(s->lo[j], &ylo, &yhi);
			if (s->hi)
				range_add(s->hi[j], &ylo, &yhi);
		}
	}
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
	k->ylo = ylo;
	k->yhi = yhi;
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

static void axes(struct ctx *k, int draw)
{
	cairo_t *cr = k->cr;
	const struct dur_chart *c = k->c;
	double yt[16], xt[32], ystep, xstep;
	char lab[32][16];
	size_t ny, nx;

	ny = dur_chart_ticks(k->ylo, k->yhi, 7, yt);
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

#define MAX_LABELS 128

/* Label points beside their markers: right of the point, or left near the
 * right edge, moved down or up a line at a time while it would overlap a
 * label already placed (up to MAX_LABELS are kept apart). */
static void point_labels(struct ctx *k, const struct dur_chart_series *s)
{
	static const double shift[] = { 0, 11, -11, 22, -22, 33, -33 };
	double box[MAX_LABELS][4]; /* x0, y0, x1, y1 of placed labels */
	size_t nb = 0;
	cairo_t *cr = k->cr;

	set_font(cr, 10, 0);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	for (size_t i = 0; i < s->n; i++) {
		double x = xval(s, i), y = s->y[i], px, py, w;
		const char *l = s->labels[i];
		size_t tries = 0;

		if (!l || !isfinite(x) || !isfinite(y))
			continue;
		w = text_w(cr, l);
		px = sx(k, x) + 7;
		if (px + w > k->px1 - 2)
			px = sx(k, x) - 7 - w;
		for (; tries < sizeof(shift) / sizeof(shift[0]); tries++) {
			int clash = 0;

			py = sy(k, y) - 5 + shift[tries];
			for (size_t b = 0; b < nb && !clash; b++)
				clash = px < box[b][2] && px + w > box[b][0] &&
					py - 9 < box[b][3] &&
					py + 2 > box[b][1];
			if (!clash)
				break;
		}
		if (tries == sizeof(shift) / sizeof(shift[0]))
			py = sy(k, y) - 5;
		if (nb < MAX_LABELS) {
			box[nb][0] = px;
			box[nb][1] = py - 9;
			box[nb][2] = px + w;
			box[nb][3] = py + 2;
			nb++;
		}
		text_at(cr, px, py, 0, l);
	}
}

static size_t draw_points(struct ctx *k, const struct dur_chart_series *s)
{
	cairo_t *cr = k->cr;
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		double x = xval(s, i), y = s->y[i];

		if (!isfinite(x) || !isfinite(y))
			continue;
		fill_marker(cr, s->style, sx(k, x), sy(k, y), 4.5);
		n++;
	}
	if (s->labels)
		point_labels(k, s);
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

static void draw_xy(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	cairo_t *cr = k->cr;
	double top = frame(k, 1);

	xy_ranges(k);
	axes(k, 0);
	k->px1 = k->w - 24;
	k->py0 = top;
	k->py1 = k->h - 10 - 18 - 34;
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
	}
	cairo_restore(cr);
}

/* ---- ROWS ------------------------------------------------------------ */

static void rows_ranges(struct ctx *k)
{
	const struct dur_chart *c = k->c;
	double lo = INFINITY, hi = -INFINITY, st;

	for (size_t i = 0; i < c->nseries; i++) {
		const struct dur_chart_series *s = &c->series[i];

		for (size_t j = 0; j < s->n && j < c->ncat; j++) {
			if (s->y)
				range_add(s->y[j], &lo, &hi);
			if (s->lo)
				range_add(s->lo[j], &lo, &hi);
			if (s->hi)
				range_add(s->hi[j], &lo, &hi);
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

/*
 * Copy cairo's SVG, giving each id and reference to one a prefix, dropping
 * the number of "surfaceN" ids (a counter shared by the whole process) and
 * adding <title> and <metadata> after the root tag.
 */
static int svg_rewrite(const struct buf *in, const struct dur_chart *c,
		       const size_t *points, const char *prefix,
		       struct buf *out)
{
	static const char *const refs[] = { "id=\"", "href=\"#", "url(#" };
	static const char *const types[] = { "xy", "rows", "heatmap" };
	static const char *const marks[] = { "line",   "step",	"band",
					     "points", "vline", "interval",
					     "bar" };
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
		if (svg_rewrite(&raw, c, k.points, id_prefix ? id_prefix : "c",
				&svg)) {
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
