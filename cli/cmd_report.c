/* cmd_report.c: `durand report`, a saved JSON result as an HTML page or
 * one chart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/report.h"

static const struct cli_command cmd = {
	"report", "<result.json>",
	"Write the self-contained HTML report of a result that durand run, "
	"hindcast, sensitivity, stats, fit or backtest saved as JSON (\"-\": standard "
	"input). The page goes to standard output without -o."
};

int cmd_report(int argc, char **argv)
{
	const char *in, *outp = NULL, *chart = NULL;
	struct dur_error err = { 0 };
	json_t *r = NULL;
	int list = 0, rc;
	const struct cli_option opts[] = {
		{ .kind = CLI_STRING, .name = "output", .short_name = 'o',
		  .value = &outp, .argh = "FILE",
		  .help = "write to FILE, whole or not at all" },
		CLI_OPT_STRING("chart", &chart, "NAME",
			       "export one chart; the extension of -o chooses "
			       "SVG or PNG"),
		CLI_OPT_FLAG("list-charts", &list,
			     "print the names of the result's charts"),
		CLI_OPT_END(),
	};

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc != 1)
		return cli_usage_error(&cmd, opts);
	in = argv[0];
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
