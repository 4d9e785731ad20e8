/* cmd_merge.c: `durand merge`, the .dsum parts of an ensemble (`durand run
 * --shard K/N`) summarised as one run of the whole would be. */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "cli.h"
#include "durand/dsum.h"

static const struct cli_command cmd = {
	"merge", "<part.dsum>...",
	"Merge the parts of an ensemble written by `durand run --shard K/N` "
	"and summarise the whole: the same bytes as `durand run` of all the "
	"runs in one process. Parts of another ensemble (scenario, starting "
	"state, record, seed, days, what-ifs, runs, durand version), and run "
	"ranges that overlap or leave runs out, are refused, naming the "
	"files; nothing is written then (docs/dsum.md)."
};

/* A part's --set changes are written into its scenario's text as values;
 * as in the run that wrote it, each path set is out of the parameter
 * ensemble (its provenance lists them under "changed"). */
static void drop_set_paths(struct dur_dsum *d)
{
	json_t *j = d->note && *d->note ? json_loads(d->note, 0, NULL) : NULL;
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(j, "changed"), i, e) {
		const char *path = json_string_value(json_object_get(e, "path"));

		if (path)
			dur_param_ensemble_drop(
				d->sc, dur_scenario_param_find(d->sc, path));
	}
	json_decref(j);
}

int cmd_merge(int argc, char **argv)
{
	const char *out_path = NULL, *report_path = NULL;
	int format = CLI_TEXT, nparts = 0, rc = 0;
	const struct cli_option opts[] = {
		CLI_OPT_FORMAT(&format, cli_formats),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_REPORT(&report_path),
		CLI_OPT_END(),
	};
	struct cli_result out = { "merge", NULL, cli_run_json, cli_run_write,
				  { NULL, NULL } };
	struct dur_dsum **parts;
	struct dur_result *res = NULL;
	struct dur_error err = { 0 };

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc < 1)
		return cli_usage_error(&cmd, opts);
	parts = calloc((size_t)argc, sizeof(*parts));
	if (!parts) {
		fprintf(stderr, "durand merge: out of memory\n");
		return 1;
	}
	for (; nparts < argc; nparts++) {
		if (dur_dsum_load(argv[nparts], &parts[nparts], &err)) {
			rc = report_error("merge", &err);
			break;
		}
		drop_set_paths(parts[nparts]);
	}
	if (!rc && dur_dsum_merge(parts, nparts, &res, &err))
		rc = report_error("merge", &err);
	if (!rc) {
		for (int i = 0; i < nparts; i++) /* the part of run 0 */
			if (!parts[i]->info.first_run)
				cli_provenance_use(parts[i]->note);
		out.res = res;
		rc = cli_write_result(&out, format, out_path, report_path);
	}
	dur_result_free(res);
	for (int i = 0; i < nparts; i++)
		dur_dsum_free(parts[i]);
	free(parts);
	return rc;
}
