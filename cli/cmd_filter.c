/* cmd_filter.c: `durand filter`, a scenario filtered through the record. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/date.h"
#include "durand/filter_out.h"
#include "durand/json.h"
#include "durand/output.h"

static const char filter_usage[] =
	"usage: durand filter [<name>|<file>] [--record FILE] [--until DATE]\n"
	"                     [--particles N] [--replicates R] [--seed S] [--threads T]\n"
	"                     [--format text|json] [--out FILE] [--save FILE]\n"
	"\n"
	"Filter a scenario (default: afpak-2021) through the facts of the record\n"
	"with a bootstrap particle filter (docs/filter.md).\n"
	"\n"
	"  --record FILE     the record (default: the built-in one, afpak)\n"
	"  --until DATE      use the facts that end before DATE and filter to it\n"
	"                    (default: the day after the record's last fact)\n"
	"  --particles N     particles per filter (default 2000)\n"
	"  --replicates R    independent filters, for the likelihood's Monte\n"
	"                    Carlo error (default 4)\n"
	"  --seed S          random seed (default 1); same seed, same output\n"
	"  --threads T       threads (default: all cores); output does not change\n"
	"  --format F        text (default) or json\n"
	"  --out FILE        write the summary to FILE instead of standard output\n"
	"  --save FILE       write the filtered cloud on DATE (what `run` starts\n"
	"                    from) to FILE";

enum { OPT_RECORD = 256, OPT_UNTIL, OPT_PARTICLES, OPT_REPLICATES, OPT_SEED,
       OPT_THREADS, OPT_FORMAT, OPT_OUT, OPT_SAVE };

static const char *const formats[] = { "text", "json", NULL };

int cmd_filter(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "particles", required_argument, NULL, OPT_PARTICLES },
		{ "replicates", required_argument, NULL, OPT_REPLICATES },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "save", required_argument, NULL, OPT_SAVE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_filter_opts fo = DUR_FILTER_OPTS_INIT;
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_filter_result *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	const char *name = "afpak-2021", *format = "text", *record = NULL;
	const char *until = NULL, *out_path = NULL, *save = NULL;
	int c, rc = 0;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", filter_usage);
			return 0;
		case OPT_RECORD:
			record = optarg;
			break;
		case OPT_UNTIL:
			until = optarg;
			break;
		case OPT_PARTICLES:
			if (parse_long("filter", "--particles", optarg, 1,
				       10000000L, &v))
				return 2;
			fo.particles = v;
			break;
		case OPT_REPLICATES:
			if (parse_long("filter", "--replicates", optarg, 1, 1000,
				       &v))
				return 2;
			fo.replicates = (int)v;
			break;
		case OPT_SEED:
			if (parse_seed("filter", optarg, &fo.seed))
				return 2;
			break;
		case OPT_THREADS:
			if (parse_threads("filter", optarg, &fo.threads))
				return 2;
			break;
		case OPT_FORMAT:
			format = optarg;
			if (parse_choice("filter", "--format", format, formats) <
			    0)
				return 2;
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_SAVE:
			save = optarg;
			break;
		default:
			if (optopt)
				bad_usage("filter", "option '%s' needs a value",
					  argv[optind - 1]);
			else
				bad_usage("filter", "unknown option '%s'",
					  argv[optind - 1]);
			return usage_error(filter_usage);
		}
	}
	if (argc - optind > 1)
		return usage_error(filter_usage);
	if (optind < argc)
		name = argv[optind];

	sc = cli_open_scenario("filter", name, &rc);
	if (!sc)
		goto out_free;
	rec = cli_open_record("filter", record, &rc);
	if (!rec)
		goto out_free;
	if (until) {
		const char *why;

		if (strlen(until) != 10 ||
		    dur_date_parse(until, 10, &fo.until, &why)) {
			rc = bad_usage("filter", "--until: expected a date "
						 "YYYY-MM-DD, got '%s'",
				       until);
			goto out_free;
		}
	} else {
		fo.until = dur_filter_default_until(rec);
	}
	if (fo.until <= sc->start) {
		char d[16];

		rc = bad_usage("filter", "--until: '%s' is not after the "
					 "scenario's start, %s",
			       until ? until : "the record's end",
			       dur_date_format(sc->start, d));
		goto out_free;
	}
	cli_catch_signals();
	fo.cancel = &cli_stop;
	if (dur_filter_run(sc, rec, &fo, &res, &err)) {
		rc = report_error("filter", &err);
		goto out_free;
	}
	if (save && dur_cloud_save(res->cloud, save, &err)) {
		rc = report_error("filter", &err);
		goto out_free;
	}
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("filter", &err);
		goto out_free;
	}
	if (!strcmp(format, "json")) {
		json_t *j = dur_filter_json(res, sc, rec, fo.particles);

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
	free(sc);
	return rc;
}
