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
	uint64_t right;	      /* XY: bit i set: series i is measured on the
			       * right-hand y axis (the first 64 series) */
	const char *y2label;  /* XY: right axis title, with its unit */
	double y2min, y2max;  /* XY: right axis range; NAN: from the data */
};

/*
 * An XY chart has a right-hand y axis when `right` names a series: those
 * series are measured on it, the others on the left one. When both axes
 * start at zero the right one's ticks fall on the left one's grid lines
 * (its step is a round number, 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
 * of ten, so its top stays within a third of its largest value).
 *
 * Labels of POINTS series are placed by dur_chart_place_labels() below,
 * in SVG and PNG alike; a label that finds no room beside its point or at
 * the end of a short leader line is drawn as a number, and the numbers are
 * listed under the plot. The SVG's metadata then lists each label as
 *
 *   <label text="ttp.mu" how="beside" x0=".." y0=".." x1=".." y1=".."/>
 *
 * (how: beside, leader or number; the box in px, y down) and each y axis as
 * <axis side="left" min=".." max=".." title=".."/>, so a test can check
 * that no two labels overlap and where a series sits on its axis.
 */

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

/* How dur_chart_place_labels() placed a label. */
enum dur_chart_label_how {
	DUR_LABEL_NONE,	  /* no label: no text, or the point is not finite */
	DUR_LABEL_BESIDE, /* next to its marker */
	DUR_LABEL_LEADER, /* further off, a line leads to it from the marker */
	DUR_LABEL_NUMBER, /* a number next to the marker stands for it */
};

/* Where a label goes: its box (the text's, or its number's), in page
 * coordinates with y down. */
struct dur_chart_label {
	enum dur_chart_label_how how;
	double x0, y0, x1, y1; /* the box */
	double lx, ly;	       /* the end at the box of the line leading to
				* it (LEADER, and NUMBER if it has one);
				* else NAN */
	int number;	       /* NUMBER: 1, 2, ... in the order of points */
};

/* The page around the labels to place. */
struct dur_chart_place {
	double x0, y0, x1, y1; /* the area every label stays inside */
	double h;	       /* height of a label's box */
	double r;	       /* marker radius: no label covers a marker */
	double digit_w;	       /* width of a digit, for numbered labels */
};

/*
 * Place the labels of n points at (px[i], py[i]) whose texts are w[i] wide
 * (w[i] < 0 or NaN: a marker without a label, which labels avoid). Points
 * with fewest others near them (40 by 20 px) go first, ties in the order
 * of points. Each label takes the first free place of: right, left, above
 * right, below right, above, below, above left, below left of its marker;
 * then the end of a leader line 24 to 84 px long in one of 16 directions;
 * else it becomes a number (DUR_LABEL_NUMBER, as wide as the count of
 * labels has digits, counted from 1 in the order of points), which the
 * caller lists with its text: beside the marker, at the end of a leader
 * up to 220 px long, of one that crosses other markers and leaders, of
 * one that crosses labels too, or at last on the right whatever is there.
 * Free means inside the area and 1 px clear of every marker, label and
 * leader line placed before; a leader crosses no label, no marker (but
 * those on top of its own) and no other leader, but as a number's last
 * resorts. Deterministic; writes out[0..n-1] and returns how many labels
 * became numbers.
 */
size_t dur_chart_place_labels(const struct dur_chart_place *pl, size_t n,
			      const double *px, const double *py,
			      const double *w, struct dur_chart_label *out);

/* The colour of a style index as red, green, blue in [0, 1]. */
void dur_chart_colour(int style, double rgb[3]);

#endif
