/* cmd_report.c: `durand report`, a saved JSON result as an HTML page or
 * one chart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/report.h"

static const char report_usage[] =
	"usage: durand report <result.json> [-o <file.html>]\n"
	"   or: durand report <result.json> --chart <name> -o <file.svg|.png>\n"
	"   or: durand report <result.json> --list-charts\n"
	"\n"
	"Write the self-contained HTML report of a result that durand run,\n"
	"hindcast, sensitivity, stats or fit saved as JSON (\"-\": standard\n"
	"input). The page goes to standard output without -o.\n"
	"\n"
	"    -o, --output <file>   write to <file>, whole or not at all\n"
	"    --chart <name>        export one chart; the extension of -o\n"
	"                          chooses SVG or PNG\n"
	"    --list-charts         print the names of the result's charts";

int cmd_report(int argc, char **argv)
{
	const char *in = NULL, *outp = NULL, *chart = NULL;
	struct dur_error err = { 0 };
	json_t *r = NULL;
	int list = 0, rc;

	if (wants_help(argc, argv, report_usage))
		return 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if ((!strcmp(a, "-o") || !strcmp(a, "--output")) &&
		    i + 1 < argc)
			outp = argv[++i];
		else if (!strncmp(a, "--output=", 9))
			outp = a + 9;
		else if (!strcmp(a, "--chart") && i + 1 < argc)
			chart = argv[++i];
		else if (!strncmp(a, "--chart=", 8))
			chart = a + 8;
		else if (!strcmp(a, "--list-charts"))
			list = 1;
		else if (a[0] == '-' && a[1])
			return bad_usage("report", "unknown option '%s'", a);
		else if (!in)
			in = a;
		else
			return usage_error(report_usage);
	}
	if (!in)
		return usage_error(report_usage);
	if (chart && (!outp || dur_chart_format_of(outp) < 0))
		return bad_usage("report",
				 "--chart needs -o <file> ending in .svg or "
				 ".png");
	if (dur_report_load(in, &r, &err))
		return report_error("report", &err);
	if (list) {
		char *names;

		rc = dur_report_chart_names(r, &names, &err);
		if (!rc) {
			fputs(names, stdout);
			free(names);
		}
	} else if (chart) {
		rc = dur_report_chart_save(r, chart, outp, &err);
	} else {
		rc = dur_report_write(r, outp ? outp : "-", &err);
	}
	json_decref(r);
	dur_chart_cleanup();
	if (rc)
		return report_error_in("report", &err, in);
	return 0;
}
