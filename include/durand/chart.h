/*
 * chart.h: the charts durand draws, on cairo, as SVG or PNG.
 *
 * A chart is described by a struct dur_chart that only borrows the caller's
 * arrays, and drawn in one call into a memory buffer (so a report can inline
 * the SVG) or into a file. Drawing is deterministic: the same description
 * gives the same bytes, in any process, so tests can compare outputs.
 *
 * Every SVG carries, after its root tag, a <title> and a <metadata> element
 *
 *   <metadata><chart xmlns="urn:durand:chart" type="xy">
 *     <series name="median" mark="line" points="180"/> ...
 *   </chart></metadata>
 *
 * listing each series as drawn, with the number of finite points it put on
 * the page, so a test can check that a chart has the series it claims. Ids
 * inside the SVG (glyphs, clip paths) start with a caller-chosen prefix, so
 * several charts can be inlined into one HTML page without clashing.
 *
 * Colours come from the Okabe-Ito palette, which colour-blind readers can
 * tell apart; each style index also has its own dash pattern and marker
 * shape, so series stay distinct when printed in grey.
 */
#ifndef DURAND_CHART_H
#define DURAND_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

enum dur_chart_type {
	DUR_CHART_XY,	   /* numeric (or date) x against numeric y */
	DUR_CHART_ROWS,	   /* one row per category: intervals, points, bars */
	DUR_CHART_HEATMAP, /* a labelled square matrix of values */
};

enum dur_chart_format {
	DUR_CHART_SVG, /* SVG 1.1 text, glyphs as paths (no fonts needed) */
	DUR_CHART_PNG, /* PNG at twice the nominal size, for screens */
};

enum dur_chart_mark {
	DUR_MARK_LINE,	 /* XY: straight segments through (x, y) */
	DUR_MARK_STEP,	 /* XY: y holds from x[i] until x[i+1] */
	DUR_MARK_BAND,	 /* XY: filled area between lo and hi */
	DUR_MARK_POINTS, /* XY and ROWS: a marker at each (x, y), with labels */
	DUR_MARK_VLINE,	 /* XY: a dashed vertical rule at each x, with labels */
	DUR_MARK_INTERVAL, /* ROWS: a marker at y and a whisker from lo to hi */
	DUR_MARK_BAR, /* ROWS: a bar from 0 to y, error bar lo..hi if set */
};

/* One series; all arrays are borrowed and hold n values. */
struct dur_chart_series {
	const char *name;	  /* legend text; NULL keeps it out */
	enum dur_chart_mark mark; /* how it is drawn */
	int style;		  /* palette index: colour and marker shape */
	int dash;		  /* line pattern: 0 solid, 1..5 dashed */
	double alpha;		  /* BAND fill opacity; 0 means 0.25 */
	size_t n;		  /* number of points (ROWS: of categories) */
	const double *x;	  /* XY: x values; NULL means 0, 1, ..., n-1 */
	const double *y;	  /* values; unused by BAND */
	const double *lo, *hi;	  /* BAND edges; ROWS intervals (may be NULL) */
	const char *const *labels; /* POINTS/VLINE: text per point, or NULL */
};

struct dur_chart {
	enum dur_chart_type type; /* which layout */
	const char *title;	  /* top line, bold */
	const char *caption;	  /* bottom line: scenario, runs, seed */
	const char *xlabel;	  /* x axis title, with its unit */
	const char *ylabel;	  /* y axis title, with its unit */
	int x_dates;	      /* XY: x is days after date0; ticks as dates */
	int32_t date0;	      /* day number of x = 0 (see date.h) */
	double xmin, xmax;    /* axis range; NAN: from the data */
	double ymin, ymax;    /* axis range; NAN: from the data */
	double ref;	      /* ROWS: a reference rule at x = ref; NAN: none */
	const char *ref_name; /* legend text of the reference rule */
	int diagonal;	      /* XY: draw the line y = x (QQ plots) */
	const char *const *categories; /* ROWS: row labels, top first;
					* HEATMAP: row and column labels */
	size_t ncat;		       /* number of categories */
	const double *matrix; /* HEATMAP: ncat x ncat values, row-major */
	const struct dur_chart_series *series; /* what to draw, in order */
	size_t nseries;			       /* number of series */
	double width, height; /* nominal size in px; 0: 720 by 400 (ROWS
			       * and HEATMAP: height from the rows) */
};

/* Zero a chart description, with NAN ranges and no reference. */
void dur_chart_init(struct dur_chart *c, enum dur_chart_type type);

/*
 * Draw c as fmt into a new buffer: *out (malloc'd, NUL-terminated, the
 * caller frees it) of *len bytes. id_prefix starts every SVG id (NULL: "c").
 * Returns 0, DUR_EINVAL for a description that cannot be drawn (no series, a
 * series without values), or DUR_ENOMEM.
 */
int dur_chart_draw(const struct dur_chart *c, enum dur_chart_format fmt,
		   const char *id_prefix, char **out, size_t *len,
		   struct dur_error *err);

/*
 * Draw c into the file path, SVG or PNG by its extension (".svg", ".png"),
 * written whole or not at all (output.h). DUR_EINVAL for another extension.
 */
int dur_chart_save(const struct dur_chart *c, const char *path,
		   struct dur_error *err);

/* The format a file name asks for; -1 if neither ".svg" nor ".png". */
int dur_chart_format_of(const char *path);

/*
 * Round tick positions covering [lo, hi]: steps of 1, 2 or 5 times a power
 * of ten, at most max of them (max >= 2), written to ticks. Returns their
 * count, 0 if lo or hi is not finite.
 */
size_t dur_chart_ticks(double lo, double hi, size_t max, double *ticks);

/*
 * Release the font caches cairo keeps for the whole process. Only for the
 * end of a program that wants a clean leak check; no chart may be drawn
 * after it.
 */
void dur_chart_cleanup(void);

/*
 * Date ticks for an x axis of days after date0 over [lo, hi]: weekly from lo
 * (labels "YYYY-MM-DD") for spans up to ten weeks, else on the first of
 * every 1, 2, 3 or 6 months ("YYYY-MM") or every 1, 2 or 5 years ("YYYY"),
 * about 7 in all. Writes at most max positions to ticks and labels to
 * labels; returns their count (0 if the range is not finite).
 */
size_t dur_chart_date_ticks(int32_t date0, double lo, double hi, size_t max,
			    double *ticks, char (*labels)[16]);

/* The colour of a style index as red, green, blue in [0, 1]. */
void dur_chart_colour(int style, double rgb[3]);

#endif
