/* cmd_compare.c: `durand compare`, two saved run results side by side
 * with their differences (compare.h, docs/compare.md). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "durand/compare.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/report.h"

static const struct cli_command cmd = {
	"compare", "<a.json> <b.json>",
	"Set two results of durand run (--format json; with or without "
	"what-ifs, forecasts --as-of, two scenarios, records or dates) side "
	"by side: each probability and each outcome's median and 90% range "
	"in A and in B, and the difference B minus A with its 95% interval. "
	"Says whether the two share runs (paired). The results hold "
	"summaries, not runs, so each interval treats A and B as independent "
	"(docs/compare.md)."
};

int cmd_compare(int argc, char **argv)
{
	struct dur_compare_opts co = { 0 };
	const char *out_path = NULL;
	int format = CLI_TEXT, rc;
	const struct cli_option opts[] = {
		CLI_OPT_FORMAT(&format, cli_formats),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_STRING("variant-a", &co.variant_a, "NAME",
			       "compare this what-if of A (default: its "
			       "baseline)"),
		CLI_OPT_STRING("variant-b", &co.variant_b, "NAME",
			       "compare this what-if of B (default: its "
			       "baseline)"),
		CLI_OPT_END(),
	};
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	json_t *a = NULL, *b = NULL, *c = NULL;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc != 2)
		return cli_usage_error(&cmd, opts);
	co.name_a = argv[0];
	co.name_b = argv[1];
	rc = dur_report_load(argv[0], &a, &err);
	if (!rc)
		rc = dur_report_load(argv[1], &b, &err);
	if (!rc)
		rc = dur_compare_build(a, b, &co, &c, &err);
	if (!rc)
		rc = dur_output_open(&out, out_path, &err);
	if (!rc) {
		rc = format == CLI_JSON ? dur_json_write(c, out.fp, &err) :
		     format == CLI_CSV  ? dur_compare_write_csv(c, out.fp, &err) :
					  dur_compare_write_text(c, out.fp, &err);
		if (rc)
			dur_output_abort(&out);
		else
			rc = dur_output_commit(&out, &err);
		if (rc == DUR_EIO && !err.file[0])
			snprintf(err.file, sizeof(err.file), "%s",
				 out_path && strcmp(out_path, "-") ?
					 out_path : "standard output");
	}
	json_decref(a);
	json_decref(b);
	json_decref(c);
	return rc ? report_error("compare", &err) : 0;
}
