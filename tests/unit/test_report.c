/* test_report.c: result kinds, number display, the HTML page and its
 * charts, and every error path of the report API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "durand/chart.h"
#include "durand/report.h"
#include "../../src/present/report_int.h"

static const char run_json[] =
	"{\"kind\": \"run\", \"scenario\": \"t\", \"start\": \"2025-10-20\","
	" \"days\": 4, \"runs\": 937, \"seed\": 41,"
	" \"escalation\": [{\"rung\": 0, \"name\": \"calm\", \"p_reach\": 1},"
	"   {\"rung\": 1, \"name\": \"protest\", \"p_reach\": 0.8125}],"
	" \"first_strike\": {\"p\": 0.3125, \"q05\": 1, \"q50\": 2, \"q95\": 3,"
	"   \"cdf\": [0, 0.125, 0.25, 0.3125]},"
	" \"outcomes\": {\"attacks\": {\"mean\": 120.4, \"se\": 0.3,"
	"   \"q05\": 90, \"q25\": 105, \"q50\": 119, \"q75\": 134, \"q95\": "
	"155},"
	"   \"trade_lost_usd\": {\"mean\": 61250000.5, \"q50\": 61250000}},"
	" \"daily\": {\"fatalities_pakistan\": {\"q05\": [0, 1, 2, 3],"
	"   \"q25\": [0, 2, 3, 4], \"q50\": [0, 3, 4, 6], \"q75\": [0, 4, 6, "
	"9],"
	"   \"q95\": [0, 6, 9, 13]},"
	"   \"rung_at_least\": [{\"rung\": 1, \"name\": \"protest\","
	"     \"p\": [0.5, 0.625, 0.75, 0.8125]}]},"
	" \"what_if\": [{\"name\": \"jm\", \"description\": \"a <b> & c\","
	"   \"difference\": {\"attacks\": {\"mean\": -3.2, \"q05\": -10,"
	"   \"q50\": -3, \"q95\": 2}}}]}";

static json_t *parse(const char *s)
{
	json_error_t je;
	json_t *j = json_loads(s, 0, &je);

	assert_non_null(j);
	return j;
}

static char *html_of(const json_t *r, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	*rc = dur_report_html(r, fp, NULL);
	fclose(fp);
	return buf;
}

static void test_fmt(void **state)
{
	char b[64];

	(void)state;
	assert_string_equal(dur_report_fmt(120.4, b, sizeof(b)), "120.4");
	assert_string_equal(dur_report_fmt(119, b, sizeof(b)), "119");
	assert_string_equal(dur_report_fmt(61250000, b, sizeof(b)),
			    "61,250,000");
	assert_string_equal(dur_report_fmt(-1234.56, b, sizeof(b)), "-1,235");
	assert_string_equal(dur_report_fmt(3.14159, b, sizeof(b)), "3.14");
	assert_string_equal(dur_report_fmt(0.31, b, sizeof(b)), "0.310");
	assert_string_equal(dur_report_fmt(12.26, b, sizeof(b)), "12.3");
	/* decimals follow the magnitude before rounding */
	assert_string_equal(dur_report_fmt(999.96, b, sizeof(b)), "1,000.0");
	assert_string_equal(dur_report_fmt(NAN, b, sizeof(b)), "\xe2\x80\x93");
	/* a short buffer gets the number without separators */
	assert_string_equal(dur_report_fmt(61250000, b, 10), "61250000");
}

static void test_kind(void **state)
{
	enum dur_report_kind k;
	struct dur_error err = { 0 };
	json_t *j;

	(void)state;
	j = parse("{\"outcomes\": {}}");
	assert_int_equal(dur_report_kind(j, &k, NULL), 0);
	assert_int_equal(k, DUR_REPORT_RUN);
	json_decref(j);
	j = parse("{\"kind\": \"fit\"}");
	assert_int_equal(dur_report_kind(j, &k, NULL), 0);
	assert_int_equal(k, DUR_REPORT_FIT);
	json_decref(j);
	j = parse("{\"kind\": \"forecast\"}");
	assert_int_equal(dur_report_kind(j, &k, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "unknown result kind 'forecast'");
	json_decref(j);
	j = parse("{\"runs\": 3}");
	assert_int_equal(dur_report_kind(j, &k, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "result has no 'kind'");
	json_decref(j);
	j = parse("[1, 2]");
	assert_int_equal(dur_report_kind(j, &k, &err), DUR_EINVAL);
	json_decref(j);
}

static void test_run_page(void **state)
{
	json_t *r = parse(run_json);
	char *h, *p;
	int rc, figs = 0;

	(void)state;
	h = html_of(r, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(h, "<!DOCTYPE html>"));
	assert_non_null(strstr(h, "@media print"));
	assert_non_null(strstr(h, "page-break-inside:avoid"));
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<link"));
	assert_null(strstr(h, "<?xml"));
	for (p = h; (p = strstr(p, "<figure ")); p++)
		figs++;
	/* one fan, ladder, first strike, and the what-ifs' chart of the one
	 * outcome group their differences hold (attacks: violence) */
	assert_int_equal(figs, 4);
	assert_non_null(strstr(h, "data-chart=\"what-if-violence\" "
				  "data-series=\"1\""));
	/* the unit column from the table of outcomes, not the name */
	assert_non_null(strstr(h, "\">trade lost (US$)</td><td>US$</td>"));
	assert_non_null(strstr(h, "data-chart=\"fan-pakistan\" "
				  "data-series=\"3\""));
	assert_non_null(strstr(h, "data-k=\".outcomes.attacks.mean\" "
				  "data-v=\"120.40000000000001\">120.4<"));
	assert_non_null(strstr(h, "data-k=\".outcomes.attacks.q50\" "
				  "data-v=\"119\">119<"));
	assert_non_null(strstr(h, "data-k=\".outcomes.trade_lost_usd.q50\" "
				  "data-v=\"61250000\">61,250,000<"));
	assert_non_null(strstr(h, "data-k=\".what_if[0].difference.attacks."
				  "q05\" data-v=\"-10\">-10<"));
	assert_non_null(strstr(h, "a &lt;b&gt; &amp; c"));
	assert_non_null(strstr(h, "data-k=\".runs\" data-v=\"937\">937<"));
	free(h);
	json_decref(r);
}

static void test_chart_names_and_save(void **state)
{
	json_t *r = parse(run_json);
	struct dur_error err = { 0 };
	char *names, dir[] = "/tmp/durand-test-report-XXXXXX", file[80];

	(void)state;
	assert_int_equal(dur_report_chart_names(r, &names, NULL), 0);
	assert_string_equal(names,
			    "fan-pakistan\nladder\nfirst-strike\n"
			    "what-if-violence\n");
	free(names);
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/l.svg", dir);
	assert_int_equal(dur_report_chart_save(r, "ladder", file, NULL), 0);
	assert_int_equal(access(file, R_OK), 0);
	unlink(file);
	assert_int_equal(dur_report_chart_save(r, NULL, file, NULL), 0);
	unlink(file);
	assert_int_equal(dur_report_chart_save(r, "fan-mars", file, &err),
			 DUR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no chart 'fan-mars' in this result "
					 "(its charts: fan-pakistan, "));
	assert_int_equal(access(file, F_OK), -1);
	snprintf(file, sizeof(file), "%s/r.html", dir);
	assert_int_equal(dur_report_write(r, file, NULL), 0);
	assert_int_equal(access(file, R_OK), 0);
	unlink(file);
	rmdir(dir);
	json_decref(r);
}

static void test_bad_results(void **state)
{
	static const char *const bad[][2] = {
		{ "{\"kind\": \"run\"}", "run result has no 'outcomes'" },
		{ "{\"kind\": \"hindcast\"}",
		  "hindcast result has no 'targets'" },
		{ "{\"kind\": \"sensitivity\", \"method\": \"fast\", "
		  "\"results\": []}",
		  "unknown sensitivity method 'fast'" },
		{ "{\"kind\": \"stats\"}",
		  "stats result needs 'periods' and 'series'" },
		{ "{\"kind\": \"stats\", \"periods\": [\"2021-13-01\"], "
		  "\"series\": {\"a\": {\"events\": [3]}}}",
		  "stats result: period 1 is not a date" },
		{ "{\"kind\": \"fit\", \"streams\": [\"a\"], "
		  "\"branching\": []}",
		  "fit result needs 'streams' and a 'branching' matrix of as "
		  "many rows" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *r = parse(bad[i][0]);
		struct dur_error err = { 0 };
		FILE *fp = fopen("/dev/null", "w");

		assert_int_equal(dur_report_html(r, fp, &err), DUR_EINVAL);
		assert_string_equal(err.msg, bad[i][1]);
		fclose(fp);
		json_decref(r);
	}
}

static void test_other_kinds(void **state)
{
	static const char *const ok[][2] = {
		{ "{\"kind\": \"hindcast\", \"targets\": [{\"name\": \"a\", "
		  "\"stated\": 50, \"q05\": 30, \"q50\": 45.5, \"q95\": 61, "
		  "\"consistent\": true}]}",
		  "data-chart=\"hindcast\" data-series=\"2\"" },
		{ "{\"kind\": \"sensitivity\", \"method\": \"sobol\", "
		  "\"results\": [{\"outcome\": \"x\", \"params\": [{\"name\": "
		  "\"p\", \"S1\": 0.25, \"ST\": 0.5}]}]}",
		  "data-chart=\"sobol-x\" data-series=\"2\"" },
		{ "{\"kind\": \"sensitivity\", \"method\": \"morris\", "
		  "\"results\": [{\"outcome\": \"x\", \"params\": [{\"name\": "
		  "\"p\", \"mu_star\": 2.5, \"sigma\": 1.25}]}]}",
		  "data-chart=\"morris-x\" data-series=\"1\"" },
		{ "{\"kind\": \"stats\", \"by\": \"week\", \"periods\": "
		  "[\"2021-08-02\", \"2021-08-09\"], \"series\": {\"a\": "
		  "{\"events\": [5, 0], \"deaths\": [20, 0]}, \"b\": "
		  "{\"events\": [1, 2], \"deaths\": [0, 7.5]}}}",
		  "data-chart=\"weekly\" data-series=\"4\"" },
		{ "{\"kind\": \"stats\", \"periods\": [\"2021-08-01\"], "
		  "\"series\": {\"b\": {\"events\": [1], \"deaths\": "
		  "[7.25]}}}",
		  "data-k=\".series.b.deaths[0]\" data-v=\"7.25\">7.25<" },
		{ "{\"kind\": \"fit\", \"streams\": [\"a\", \"b\"], \"alpha\": "
		  "[[0.5, 0.125], [0, 0.25]], \"branching\": [[0.75, null], "
		  "[0, 0.375]], \"rescaled\": {\"a\": [1.5, 0.5], \"b\": "
		  "[0.25]}, \"ks\": [{\"stream\": \"a\", \"n\": 2, \"D\": "
		  "0.25, \"p\": 0.625}]}",
		  "data-k=\".branching[1][1]\" data-v=\"0.375\">0.375<" },
		{ "{\"kind\": \"fit\", \"streams\": [\"a\", \"b\"], "
		  "\"branching\": [[0.75, 0], [0, 0.375]], \"rescaled\": "
		  "{\"a\": [1.5, 0.5], \"b\": [0.25]}, \"ks\": [{\"stream\": "
		  "\"a\", \"p\": 0.625}]}",
		  "data-chart=\"qq\" data-series=\"2\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		json_t *r = parse(ok[i][0]);
		int rc;
		char *h = html_of(r, &rc);

		assert_int_equal(rc, 0);
		if (!strstr(h, ok[i][1]))
			fail_msg("no '%s' in the page of case %zu", ok[i][1],
				 i);
		free(h);
		json_decref(r);
	}
}

static void test_load(void **state)
{
	char path[] = "/tmp/durand-test-json-XXXXXX";
	struct dur_error err = { 0 };
	json_t *r;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "{\"kind\": \"run\",\n \"runs\": }\n", 27),
			 27);
	close(fd);
	assert_int_equal(dur_report_load(path, &r, &err), DUR_EPARSE);
	assert_null(r);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.file, path);
	unlink(path);
	assert_int_equal(dur_report_load(path, &r, &err), DUR_EIO);
	assert_int_equal(err.line, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_kind),
		cmocka_unit_test(test_run_page),
		cmocka_unit_test(test_chart_names_and_save),
		cmocka_unit_test(test_bad_results),
		cmocka_unit_test(test_other_kinds),
		cmocka_unit_test(test_load),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	dur_chart_cleanup();
	return rc;
}
