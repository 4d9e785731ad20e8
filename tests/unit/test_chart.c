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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_date_ticks),
		cmocka_unit_test(test_svg_deterministic_with_metadata),
		cmocka_unit_test(test_nan_points_not_counted),
		cmocka_unit_test(test_png),
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
