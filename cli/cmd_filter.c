/* cmd_filter.c: `durand filter`, a scenario filtered through the record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi.h"
#include "durand/date.h"
#include "durand/filter_out.h"
#include "durand/json.h"
#include "durand/output.h"

static const struct cli_command cmd = {
	"filter", "[<name>|<file>]",
	"Filter a scenario (default: afpak-2021) through the facts of the "
	"record with a bootstrap particle filter: the record's likelihood and "
	"its Monte Carlo error, where the record surprised the model, and the "
	"filtered state (docs/filter.md)."
};

int cmd_filter(int argc, char **argv)
{
	struct dur_filter_opts fo = DUR_FILTER_OPTS_INIT;
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_filter_result *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	const char *record = NULL, *out_path = NULL, *save = NULL;
	int format = CLI_TEXT, until_given = 0, rc = 0;
	long particles = fo.particles, replicates = fo.replicates;
	struct cli_sets sets = { 0 };
	const struct cli_option opts[] = {
		CLI_OPT_STRING("record", &record, "FILE",
			       "the record (default: the built-in one, afpak)"),
		CLI_OPT_DATE("until", &fo.until, &until_given,
			     "use the facts that end before DATE and filter "
			     "to it (default: the day after the record's last "
			     "fact)"),
		CLI_OPT_LONG("particles", &particles, 1, 10000000L, "N",
			     "particles per filter"),
		CLI_OPT_LONG("replicates", &replicates, 1, 1000, "R",
			     "independent filters, for the likelihood's Monte "
			     "Carlo error"),
		CLI_OPT_SEED(&fo.seed),
		CLI_OPT_THREADS(&fo.threads),
		CLI_OPT_FORMAT(&format, cli_formats_text_json),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_STRING("save", &save, "FILE",
			       "write the filtered cloud on DATE (what `run` "
			       "starts from) to FILE"),
		CLI_OPT_SET(&sets),
		CLI_OPT_END(),
	};

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	fo.particles = particles;
	fo.replicates = (int)replicates;
	sc = cli_open_scenario("filter", argc ? argv[0] : "afpak-2021", &rc);
	if (!sc)
		goto out_free;
	rc = cli_apply_sets("filter", sc, &sets);
	if (rc)
		goto out_free;
	rec = cli_open_record("filter", record, &rc);
	if (!rec)
		goto out_free;
	if (!until_given)
		fo.until = dur_filter_default_until(rec);
	if (fo.until <= sc->start) {
		char d1[16], d2[16];

		rc = bad_usage("filter", "--until: %s is not after the "
					 "scenario's start, %s",
			       dur_date_format(fo.until, d1),
			       dur_date_format(sc->start, d2));
		goto out_free;
	}
	cli_catch_signals();
	fo.cancel = &cli_stop;
	fo.comm = cli_pf_comm(); /* particles split over MPI ranks */
	if (dur_filter_run(sc, rec, &fo, &res, &err)) {
		/* every rank failed alike: rank 0 says so */
		rc = report_error_rank0("filter", &err);
		goto out_free;
	}
	if (cli_comm_rank() != 0) /* every rank has the result; 0 writes it */
		goto out_free;
	if (save && dur_cloud_save(res->cloud, save, &err)) {
		rc = report_error("filter", &err);
		goto out_free;
	}
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("filter", &err);
		goto out_free;
	}
	if (format == CLI_JSON) {
		json_t *j = dur_filter_json(res, sc, rec, fo.particles);

		cli_provenance_add(j);

		rc = j ? dur_json_write(j, out.fp, &err) :
			 dur_error_set(&err, DUR_ENOMEM, "", 0, 0,
				       "out of memory");
		json_decref(j);
	} else {
		rc = dur_filter_write_text(res, sc, rec, fo.particles, out.fp,
					   &err);
	}
	if (rc || dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		rc = report_error("filter", &err);
	}
out_free:
	dur_filter_result_free(res);
	dur_record_free(rec);
	dur_scenario_free(sc);
	return rc;
}
