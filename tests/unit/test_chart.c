/* test_chart.c: tick placement, SVG/PNG drawing, determinism and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "durand/chart.h"
#include "durand/date.h"

static const double xs[7] = { 0, 3, 7, 12, 20, 33, 47 };
static const double lo[7] = { 0, 1.5, 2.25, 4.0, 7.5, 9.75, 13.0 };
static const double mid[7] = { 0, 2.5, 4.75, 6.0, 11.25, 15.5, 21.0 };
static const double hi[7] = { 0, 4.0, 7.5, 11.0, 16.0, 24.5, 33.25 };

static void fan(struct dur_chart *c, struct dur_chart_series *s)
{
	dur_chart_init(c, DUR_CHART_XY);
	c->title = "Fan";
	c->caption = "scenario test \xc2\xb7 937 runs \xc2\xb7 seed 41";
	c->xlabel = "date";
	c->ylabel = "deaths (people)";
	c->x_dates = 1;
	c->date0 = dur_date_from_ymd(2025, 10, 20);
	s[0] = (struct dur_chart_series){
		"90% & more", DUR_MARK_BAND, 0,	 0,  0.2, 7,
		xs,	      NULL,	     lo, hi, NULL
	};
	s[1] = (struct dur_chart_series){
		"median", DUR_MARK_LINE, 0, 0, 0, 7, xs, mid, NULL, NULL, NULL
	};
	c->series = s;
	c->nseries = 2;
}

static void test_ticks(void **state)
{
	double t[16];
	size_t n;

	(void)state;
	n = dur_chart_ticks(0, 1, 6, t);
	assert_int_equal(n, 6);
	assert_true(fabs(t[0]) < 1e-12 && fabs(t[5] - 1) < 1e-12);
	n = dur_chart_ticks(0, 173.4, 7, t);
	assert_int_equal(n, 4);
	assert_true(t[1] - t[0] == 50);
	n = dur_chart_ticks(-3.7, 12.2, 8, t);
	assert_true(n >= 3 && n <= 8);
	assert_true(t[0] >= -3.7 && t[n - 1] <= 12.2);
	for (size_t i = 1; i < n; i++)
		assert_true(t[i] > t[i - 1]);
	n = dur_chart_ticks(0.00213, 0.00987, 6, t);
	assert_true(n >= 3 && n <= 6);
	n = dur_chart_ticks(61.25e6, 61.25e6, 5, t); /* a flat range widens */
	assert_true(n >= 2);
	assert_int_equal(dur_chart_ticks(NAN, 1, 5, t), 0);
	assert_int_equal(dur_chart_ticks(0, INFINITY, 5, t), 0);
	assert_int_equal(dur_chart_ticks(0, 1, 1, t), 0);
	for (size_t max = 2; max <= 16; max++)
		assert_true(dur_chart_ticks(-17.3, 4096.5, max, t) <= max);
}

static void test_date_ticks(void **state)
{
	int32_t d0 = dur_date_from_ymd(2025, 10, 20);
	double t[32];
	char lab[32][16];
	size_t n;

	(void)state;
	/* a 180-day run: the first of each month */
	n = dur_chart_date_ticks(d0, 0, 179, 32, t, lab);
	assert_int_equal(n, 6);
	assert_string_equal(lab[0], "2025-11");
	assert_true(t[0] == 12); /* 2025-11-01 is day 12 */
	assert_string_equal(lab[5], "2026-04");
	/* five weeks: weekly dates from day 0 */
	n = dur_chart_date_ticks(d0, 0, 34, 32, t, lab);
	assert_int_equal(n, 5);
	assert_string_equal(lab[0], "2025-10-20");
	assert_string_equal(lab[1], "2025-10-27");
	/* four years from mid-August 2021: years */
	d0 = dur_date_from_ymd(2021, 8, 15);
	n = dur_chart_date_ticks(d0, 0, 1522, 32, t, lab);
	assert_int_equal(n, 4);
	assert_string_equal(lab[0], "2022");
	assert_string_equal(lab[3], "2025");
	/* a year and a half: quarters */
	n = dur_chart_date_ticks(d0, 0, 540, 32, t, lab);
	assert_string_equal(lab[0], "2021-10");
	assert_string_equal(lab[1], "2022-01");
	assert_true(n <= 7);
	n = dur_chart_date_ticks(d0, 0, 540, 2, t, lab);
	assert_int_equal(n, 2);
	assert_int_equal(dur_chart_date_ticks(d0, 5, NAN, 8, t, lab), 0);
}

static void test_svg_deterministic_with_metadata(void **state)
{
	struct dur_chart c;
	struct dur_chart_series s[2];
	char *a, *b;
	size_t na, nb;

	(void)state;
	fan(&c, s);
	assert_int_equal(
		dur_chart_draw(&c, DUR_CHART_SVG, "x1-", &a, &na, NULL), 0);
	assert_int_equal(
		dur_chart_draw(&c, DUR_CHART_SVG, "x1-", &b, &nb, NULL), 0);
	assert_true(na > 1000);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	assert_int_equal(strlen(a), na);
	assert_non_null(strstr(a, "<svg"));
	assert_non_null(strstr(a, "<title>Fan</title>"));
	assert_non_null(strstr(a, "<series name=\"90% &amp; more\" "
				  "mark=\"band\" points=\"7\"/>"));
	assert_non_null(strstr(a, "<series name=\"median\" mark=\"line\" "
				  "points=\"7\"/>"));
	/* every id carries the prefix */
	assert_non_null(strstr(a, "id=\"x1-glyph"));
	assert_null(strstr(a, "id=\"glyph"));
	assert_null(strstr(a, "href=\"#glyph"));
	assert_non_null(strstr(a, "</svg>"));
	free(a);
	free(b);
}

static void test_nan_points_not_counted(void **state)
{
	struct dur_chart c;
	struct dur_chart_series s[2];
	double y[7];
	char *a;
	size_t n;

	(void)state;
	fan(&c, s);
	memcpy(y, mid, sizeof(y));
	y[2] = NAN;
	y[5] = NAN;
	s[1].y = y;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &n, NULL),
			 0);
	assert_non_null(strstr(a, "mark=\"line\" points=\"5\""));
	free(a);
}

static void test_png(void **state)
{
	struct dur_chart c;
	struct dur_chart_series s[2];
	char *a, *b;
	size_t na, nb;

	(void)state;
	fan(&c, s);
	c.width = 400;
	c.height = 260;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_PNG, NULL, &a, &na, NULL),
			 0);
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_PNG, NULL, &b, &nb, NULL),
			 0);
	assert_true(na > 100);
	assert_memory_equal(a, "\x89PNG", 4);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	free(a);
	free(b);
}

static void test_rows_and_heatmap(void **state)
{
	static const char *const cat[3] = { "attacks", "strikes", "closure" };
	static const double m[9] = { 0.42, 0.05, 0.11, 0.18, 0,
				     0.07, 0.09, 0.31, NAN };
	double p[3] = { -12.5, 3.25, NAN }, l[3] = { -20, -1, NAN },
	       h[3] = { -3.5, 9.75, NAN };
	struct dur_chart c;
	struct dur_chart_series s = {
		"diff", DUR_MARK_INTERVAL, 0, 0, 0, 3, NULL, p, l, h, NULL
	};
	char *a;
	size_t n;

	(void)state;
	dur_chart_init(&c, DUR_CHART_ROWS);
	c.title = "Rows";
	c.categories = cat;
	c.ncat = 3;
	c.series = &s;
	c.nseries = 1;
	c.ref = 0;
	c.ref_name = "no change";
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, "r-", &a, &n, NULL),
			 0);
	assert_non_null(strstr(a, "type=\"rows\""));
	assert_non_null(strstr(a, "mark=\"interval\" points=\"2\""));
	free(a);
	dur_chart_init(&c, DUR_CHART_HEATMAP);
	c.title = "Heat";
	c.categories = cat;
	c.ncat = 3;
	c.matrix = m;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, "h-", &a, &n, NULL),
			 0);
	assert_non_null(strstr(a, "mark=\"cells\" points=\"8\""));
	free(a);
}

/* Values at the ends of the doubles (a result file may hold -1e308): the
 * scale's span overflowed, the colour's position was NaN and its index
 * (int)NaN, out of the palette. Every cell is drawn, no coordinate is NaN,
 * and an overflowing span has no ticks. */
static void test_heatmap_extremes(void **state)
{
	static const char *const cat[3] = { "a", "b", "c" };
	static const double m[9] = { -1e308, 1e308,	 0, -DBL_MAX, DBL_MAX,
				     5e-324, -5e-324, 1, 2 };
	static const double flat[4] = { -1e308, -1e308, -1e308, -1e308 };
	double t[16];
	struct dur_chart c;
	char *a;
	size_t n;

	(void)state;
	dur_chart_init(&c, DUR_CHART_HEATMAP);
	c.title = "Heat";
	c.categories = cat;
	c.ncat = 3;
	c.matrix = m;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, "h-", &a, &n, NULL),
			 0);
	assert_non_null(strstr(a, "mark=\"cells\" points=\"9\""));
	assert_null(strstr(a, "nan"));
	free(a);
	c.ncat = 2;
	c.matrix = flat;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_PNG, NULL, &a, &n, NULL),
			 0);
	free(a);
	assert_int_equal(dur_chart_ticks(-1e308, 1e308, 8, t), 0);
	assert_int_equal(dur_chart_ticks(-DBL_MAX, DBL_MAX, 8, t), 0);
	assert_true(dur_chart_ticks(0, 5e-324, 8, t) <= 8);
}

static void test_errors(void **state)
{
	struct dur_chart c;
	struct dur_chart_series s[2];
	struct dur_error err = { 0 };
	char *a = (char *)1;
	size_t n = 7;

	(void)state;
	dur_chart_init(&c, DUR_CHART_XY);
	c.title = "Empty";
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &n, &err),
			 DUR_EINVAL);
	assert_null(a);
	assert_int_equal(n, 0);
	assert_string_equal(err.msg, "chart 'Empty' has no series");
	fan(&c, s);
	s[0].hi = NULL;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &n, &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg,
			    "series '90% & more' of chart 'Fan' lacks values");
	dur_chart_init(&c, DUR_CHART_HEATMAP);
	c.title = "H";
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_PNG, NULL, &a, &n, &err),
			 DUR_EINVAL);
	dur_chart_init(&c, DUR_CHART_ROWS);
	c.series = s;
	c.nseries = 1;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &n, &err),
			 DUR_EINVAL);
	assert_int_equal(dur_chart_save(&c, "chart.pdf", &err), DUR_EINVAL);
	assert_string_equal(err.file, "chart.pdf");
}

static void test_save_and_format(void **state)
{
	struct dur_chart c;
	struct dur_chart_series s[2];
	char path[] = "/tmp/durand-test-chart-XXXXXX";
	char file[64];
	FILE *fp;
	char head[8] = { 0 };

	(void)state;
	assert_int_equal(dur_chart_format_of("a.svg"), DUR_CHART_SVG);
	assert_int_equal(dur_chart_format_of("b.PNG"), DUR_CHART_PNG);
	assert_int_equal(dur_chart_format_of("svg"), -1);
	assert_int_equal(dur_chart_format_of(NULL), -1);
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof(file), "%s/f.png", path);
	fan(&c, s);
	assert_int_equal(dur_chart_save(&c, file, NULL), 0);
	fp = fopen(file, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(head, 1, 4, fp), 4);
	fclose(fp);
	assert_memory_equal(head, "\x89PNG", 4);
	unlink(file);
	rmdir(path);
}

static void test_colours(void **state)
{
	double a[3], b[3];

	(void)state;
	dur_chart_colour(0, a);
	assert_true(a[0] == 0 && fabs(a[1] - 0x72 / 255.0) < 1e-12);
	dur_chart_colour(8, b);
	assert_memory_equal(a, b, sizeof(a));
	/* neighbours differ in lightness, for greyscale print */
	for (int i = 0; i < 6; i++) {
		double l1, l2;

		dur_chart_colour(i, a);
		dur_chart_colour(i + 1, b);
		l1 = 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
		l2 = 0.2126 * b[0] + 0.7152 * b[1] + 0.0722 * b[2];
		assert_true(fabs(l1 - l2) > 0.08);
	}
}

/* ---- label placement ---- */

static const struct dur_chart_place area = { 0, 0, 400, 300, 12, 4.5, 7 };

static int overlap(const struct dur_chart_label *a,
		   const struct dur_chart_label *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	       b->y0 < a->y1;
}

/* Every placed box inside the area, clear of every marker and of every
 * other box. */
static void assert_clear(const struct dur_chart_place *pl, size_t n,
			 const double *px, const double *py,
			 const struct dur_chart_label *o)
{
	for (size_t i = 0; i < n; i++) {
		if (o[i].how == DUR_LABEL_NONE)
			continue;
		assert_true(o[i].x0 >= pl->x0 && o[i].x1 <= pl->x1 &&
			    o[i].y0 >= pl->y0 && o[i].y1 <= pl->y1);
		for (size_t j = 0; j < n; j++) {
			struct dur_chart_label m = { .x0 = px[j] - pl->r,
						     .y0 = py[j] - pl->r,
						     .x1 = px[j] + pl->r,
						     .y1 = py[j] + pl->r };

			assert_false(overlap(&o[i], &m));
			if (j != i && o[j].how != DUR_LABEL_NONE)
				assert_false(overlap(&o[i], &o[j]));
		}
	}
}

static void test_labels_same_spot(void **state)
{
	double px[3] = { 200, 200, 200 }, py[3] = { 150, 150, 150 };
	double w[3] = { 40, 30, 20 };
	struct dur_chart_label o[3];

	(void)state;
	assert_int_equal(dur_chart_place_labels(&area, 3, px, py, w, o), 0);
	assert_clear(&area, 3, px, py, o);
	/* right of the marker (4.5 + 3 px off, centred), then left, then
	 * above (above right would come within 1 px of the first) */
	assert_int_equal(o[0].how, DUR_LABEL_BESIDE);
	assert_true(o[0].x0 == 207.5 && o[0].x1 == 247.5 && o[0].y0 == 144 &&
		    o[0].y1 == 156);
	assert_int_equal(o[1].how, DUR_LABEL_BESIDE);
	assert_true(o[1].x1 == 192.5 && o[1].x0 == 162.5 && o[1].y0 == 144);
	assert_int_equal(o[2].how, DUR_LABEL_BESIDE);
	assert_true(o[2].x0 == 190 && o[2].x1 == 210 && o[2].y1 == 142.5);
	assert_true(isnan(o[0].lx) && isnan(o[2].ly));
}

static void test_labels_edges_and_markers(void **state)
{
	/* near the right edge the label goes left; a bare marker (w < 0)
	 * takes no label and keeps labels off it */
	double px[3] = { 395, 100, 112 }, py[3] = { 50, 200, 200 };
	double w[3] = { 60, 50, -1 };
	struct dur_chart_label o[3];

	(void)state;
	assert_int_equal(dur_chart_place_labels(&area, 3, px, py, w, o), 0);
	assert_clear(&area, 3, px, py, o);
	assert_true(o[0].x1 == 395 - 7.5);
	assert_true(o[1].x1 == 100 - 7.5); /* right is blocked by point 3 */
	assert_int_equal(o[2].how, DUR_LABEL_NONE);
}

static void test_labels_crowd(void **state)
{
	/* a 6 by 5 grid of markers 10 px apart with long names: some get
	 * leaders, some numbers, none overlaps, numbers count from 1 in the
	 * order of points */
	double px[31], py[31], w[31];
	struct dur_chart_label o[31];
	size_t n = 0, nn, lead = 0, num = 0;
	int next = 1;

	(void)state;
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < 5; j++) {
			px[n] = 150 + 10 * i;
			py[n] = 120 + 10 * j;
			w[n] = 60 + 3 * (double)(n % 7);
			n++;
		}
	px[n] = 330; /* a lone point far off keeps its label beside */
	py[n] = 40;
	w[n++] = 50;
	nn = dur_chart_place_labels(&area, n, px, py, w, o);
	assert_clear(&area, n, px, py, o);
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(o[i].how, DUR_LABEL_NONE);
		lead += o[i].how == DUR_LABEL_LEADER;
		if (o[i].how == DUR_LABEL_NUMBER) {
			num++;
			assert_int_equal(o[i].number, next++);
			/* two digits: 31 labels */
			assert_true(fabs(o[i].x1 - o[i].x0 - 14) < 1e-9);
		}
		if (o[i].how == DUR_LABEL_LEADER)
			assert_true(isfinite(o[i].lx) && isfinite(o[i].ly));
	}
	assert_int_equal(num, nn);
	assert_true(num > 0 && lead > 0);
	assert_int_equal(o[30].how, DUR_LABEL_BESIDE);
	assert_true(o[30].x0 == 337.5);
}

/* The <label> boxes of an SVG's metadata: their count; none overlaps. */
static size_t svg_labels_disjoint(const char *svg)
{
	double b[64][4];
	size_t n = 0;

	for (const char *p = strstr(svg, "<label "); p && n < 64;
	     p = strstr(p + 1, "<label ")) {
		const char *x = strstr(p, " x0=");

		assert_non_null(x);
		assert_int_equal(sscanf(x, " x0=\"%lf\" y0=\"%lf\" x1=\"%lf\" "
					   "y1=\"%lf\"",
					&b[n][0], &b[n][1], &b[n][2], &b[n][3]),
				 4);
		for (size_t i = 0; i < n; i++)
			assert_false(b[i][0] < b[n][2] && b[n][0] < b[i][2] &&
				     b[i][1] < b[n][3] && b[n][1] < b[i][3]);
		n++;
	}
	return n;
}

static void test_chart_labels(void **state)
{
	static const char *const lab[9] = {
		"ttp.mu",	     "ttp.alpha_self",	 "ttp.revenge",
		"pak.up_threshold", "pak.climb_prob",	 "afg.enforce_gain",
		"same.a",	     "same.b",		 "same.c"
	};
	static const double x[9] = { 2, 2.3, 2.6, 2.2, 2.5, 50, 30, 30, 30 };
	static const double y[9] = { 3, 3.2, 3.1, 3.5, 3.4, 3, 20, 20, 20 };
	struct dur_chart c;
	struct dur_chart_series s;
	char *a, *p;
	size_t na, np;

	(void)state;
	dur_chart_init(&c, DUR_CHART_XY);
	c.title = "Morris";
	c.xlabel = "mu*";
	c.ylabel = "sigma";
	s = (struct dur_chart_series){ "parameter", DUR_MARK_POINTS, 0, 0, 0,
				       9, x, y, NULL, NULL, lab };
	c.series = &s;
	c.nseries = 1;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &na, NULL),
			 0);
	assert_int_equal(svg_labels_disjoint(a), 9);
	assert_non_null(strstr(a, "<label text=\"same.a\""));
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_PNG, NULL, &p, &np, NULL),
			 0);
	free(a);
	free(p);
}

static void test_right_axis(void **state)
{
	/* events in tens, deaths in hundreds: deaths on the right axis, whose
	 * top lies within a third of their largest value and whose ticks fall
	 * on the left's grid */
	static const double ev[5] = { 3, 12, 7, 28, 9 };
	static const double de[5] = { 40, 210, 95, 340, 120 };
	struct dur_chart c;
	struct dur_chart_series s[2];
	char *a;
	size_t na;
	double l1, h1, lo2, hi2;
	const char *p;

	(void)state;
	dur_chart_init(&c, DUR_CHART_XY);
	c.title = "Events and deaths";
	c.ylabel = "events";
	c.y2label = "deaths";
	s[0] = (struct dur_chart_series){ "events", DUR_MARK_LINE, 0, 0, 0, 5,
					  NULL, ev, NULL, NULL, NULL };
	s[1] = (struct dur_chart_series){ "deaths", DUR_MARK_LINE, 0, 2, 0, 5,
					  NULL, de, NULL, NULL, NULL };
	c.series = s;
	c.nseries = 2;
	c.right = 2;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &na, NULL),
			 0);
	p = strstr(a, "<axis side=\"left\"");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "<axis side=\"left\" min=\"%lf\" max=\"%lf\"",
				&l1, &h1),
			 2);
	p = strstr(a, "<axis side=\"right\"");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "<axis side=\"right\" min=\"%lf\" "
				   "max=\"%lf\" title=\"deaths\"",
				&lo2, &hi2),
			 2);
	/* left: 0 to 30 (ticks of 5); right: the step on 6 intervals is the
	 * first round number >= 340 / 6, 60, so 0 to 360 */
	assert_true(l1 == 0 && h1 == 30);
	assert_true(lo2 == 0 && hi2 == 360);
	assert_true(340 <= hi2 && 340 > hi2 * 0.75);
	free(a);
	/* without `right` both share the left axis, which runs to 400 */
	c.right = 0;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &na, NULL),
			 0);
	assert_null(strstr(a, "<axis side=\"right\""));
	assert_non_null(strstr(a, "<axis side=\"left\" min=\"0\" max=\"400\""));
	free(a);
}

static void test_lines_clear_of_frame(void **state)
{
	/* a probability from exactly 0 to exactly 1: both ends move out of
	 * the frame by 2% of the span */
	static const double p[4] = { 0, 0.25, 0.75, 1 };
	struct dur_chart c;
	struct dur_chart_series s;
	char *a;
	size_t na;

	(void)state;
	dur_chart_init(&c, DUR_CHART_XY);
	c.title = "P";
	s = (struct dur_chart_series){ "p", DUR_MARK_STEP, 0, 0, 0, 4,
				       NULL, p, NULL, NULL, NULL };
	c.series = &s;
	c.nseries = 1;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &na, NULL),
			 0);
	assert_non_null(
		strstr(a, "<axis side=\"left\" min=\"-0.02\" max=\"1.02\""));
	free(a);
	/* an end the caller fixed stays where it is */
	c.ymin = 0;
	assert_int_equal(dur_chart_draw(&c, DUR_CHART_SVG, NULL, &a, &na, NULL),
			 0);
	assert_non_null(strstr(a, "<axis side=\"left\" min=\"0\" max=\"1.02\""));
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_date_ticks),
		cmocka_unit_test(test_svg_deterministic_with_metadata),
		cmocka_unit_test(test_nan_points_not_counted),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_labels_same_spot),
		cmocka_unit_test(test_labels_edges_and_markers),
		cmocka_unit_test(test_labels_crowd),
		cmocka_unit_test(test_chart_labels),
		cmocka_unit_test(test_right_axis),
		cmocka_unit_test(test_lines_clear_of_frame),
		cmocka_unit_test(test_rows_and_heatmap),
		cmocka_unit_test(test_heatmap_extremes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_save_and_format),
		cmocka_unit_test(test_colours),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	dur_chart_cleanup();
	return rc;
}
