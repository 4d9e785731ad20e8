/* cmd_merge.c: `durand merge`, the .dsum parts of an ensemble (`durand run
 * --shard K/N`) summarised as one run of the whole would be. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/dsum.h"
#include "durand/output.h"

static const char merge_usage[] =
	"usage: durand merge <part.dsum>... [--format text|json|csv] [--out FILE]\n"
	"                    [--report FILE]\n"
	"\n"
	"Merge the parts of an ensemble written by `durand run --shard K/N` and\n"
	"summarise the whole: the same bytes as `durand run` of all the runs in\n"
	"one process. Parts of other ensembles (scenario, record, seed, days,\n"
	"what-ifs, runs, durand version), overlapping or missing run ranges are\n"
	"refused, naming the files, and nothing is written (docs/dsum.md).\n"
	"\n"
	"  --format F        text (default), json or csv\n"
	"  --out FILE        write the summary to FILE instead of standard output\n"
	"  --report FILE     also write a self-contained HTML report (docs/report.md)";

enum { OPT_FORMAT = 256, OPT_OUT, OPT_REPORT };

int cmd_merge(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "text", *out_path = NULL, *report_path = NULL;
	struct dur_dsum **parts = NULL;
	struct dur_result *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	int nparts = 0, c, rc = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", merge_usage);
			return 0;
		case OPT_FORMAT:
			format = optarg;
			if (parse_choice("merge", "--format", format,
					 cli_formats) < 0)
				return 2;
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_REPORT:
			report_path = optarg;
			break;
		default:
			if (optopt)
				bad_usage("merge", "unknown or incomplete "
						   "option '-%c'",
					  optopt);
			else
				bad_usage("merge", "unknown option '%s'",
					  argv[optind - 1]);
			return usage_error(merge_usage);
		}
	}
	if (optind == argc)
		return usage_error(merge_usage);

	parts = calloc((size_t)(argc - optind), sizeof(*parts));
	if (!parts) {
		fprintf(stderr, "durand merge: out of memory\n");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		if (dur_dsum_load(argv[i], &parts[nparts], &err)) {
			rc = report_error("merge", &err);
			goto out_free;
		}
		nparts++;
	}
	if (dur_dsum_merge(parts, nparts, &res, &err)) {
		rc = report_error("merge", &err);
		goto out_free;
	}
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("merge", &err);
		goto out_free;
	}
	rc = cli_summary_write(res, format, report_path, out.fp, &err);
	if (rc || dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		rc = report_error("merge", &err);
	}

out_free:
	if (report_path)
		dur_chart_cleanup();
	dur_result_free(res);
	for (int i = 0; i < nparts; i++)
		dur_dsum_free(parts[i]);
	free(parts);
	return rc;
}
