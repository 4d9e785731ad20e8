/* cmd_run.c: `durand run`, an ensemble of a scenario, summarised. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/ensemble.h"
#include "durand/eventlog.h"
#include "durand/output.h"
#include "durand/report.h"
#include "durand/chart.h"
#include "durand/result.h"

static const char run_usage[] =
	"usage: durand run [<name>|<file>] [--runs N] [--days D] [--seed S]\n"
	"                  [--threads T] [--what-if NAME]... [--format text|json|csv]\n"
	"                  [--events FILE] [--event-runs N] [--out FILE] [--report FILE]\n"
	"\n"
	"Run an ensemble of a scenario (default: afpak) and summarise it.\n"
	"\n"
	"  --runs N          runs in the ensemble (default 10000)\n"
	"  --days D          horizon in days (default: the scenario's, 180)\n"
	"  --seed S          random seed (default 1); same seed, same output\n"
	"  --threads T       threads (default: all cores); output does not change\n"
	"  --what-if NAME    also run intervention NAME on common random numbers\n"
	"                    and report its difference to the baseline (repeatable)\n"
	"  --format F        text (default), json or csv\n"
	"  --events FILE     write the event log of the first runs as CSV\n"
	"  --event-runs N    how many runs the event log covers (default 1)\n"
	"  --out FILE        write the summary to FILE instead of standard output\n"
	"  --report FILE     also write a self-contained HTML report (docs/report.md)";

enum { OPT_RUNS = 256, OPT_DAYS, OPT_SEED, OPT_THREADS, OPT_WHATIF,
       OPT_FORMAT, OPT_EVENTS, OPT_EVENT_RUNS, OPT_OUT, OPT_REPORT };

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "runs", required_argument, NULL, OPT_RUNS },
		{ "days", required_argument, NULL, OPT_DAYS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "what-if", required_argument, NULL, OPT_WHATIF },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "events", required_argument, NULL, OPT_EVENTS },
		{ "event-runs", required_argument, NULL, OPT_EVENT_RUNS },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_ensemble_opts eo = DUR_ENSEMBLE_OPTS_INIT;
	struct dur_scenario *sc = NULL;
	struct dur_result *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 }, ev = { 0 };
	struct dur_eventlog log = { 0 };
	struct cli_progress prog;
	const char *what_if[DUR_MAX_WHAT_IFS];
	const char *name = "afpak", *format = "text";
	const char *events_path = NULL, *out_path = NULL, *report_path = NULL;
	int nwhat_if = 0, days = 0, c, rc = 0;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", run_usage);
			return 0;
		case OPT_RUNS:
			if (parse_long("run", "--runs", optarg, 1, 1000000000L,
				       &v))
				return 2;
			eo.runs = v;
			break;
		case OPT_DAYS:
			if (parse_long("run", "--days", optarg, 1, 36500, &v))
				return 2;
			days = (int)v;
			break;
		case OPT_SEED:
			if (parse_seed("run", optarg, &eo.seed))
				return 2;
			break;
		case OPT_THREADS:
			if (parse_threads("run", optarg, &eo.threads))
				return 2;
			break;
		case OPT_WHATIF:
			if (nwhat_if == DUR_MAX_WHAT_IFS)
				return bad_usage("run", "at most %d --what-if",
						 DUR_MAX_WHAT_IFS);
			what_if[nwhat_if++] = optarg;
			break;
		case OPT_FORMAT:
			format = optarg;
			if (parse_choice("run", "--format", format,
					 cli_formats) < 0)
				return 2;
			break;
		case OPT_EVENTS:
			events_path = optarg;
			break;
		case OPT_EVENT_RUNS:
			if (parse_long("run", "--event-runs", optarg, 1,
				       1000000, &v))
				return 2;
			eo.event_runs = v;
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_REPORT:
			report_path = optarg;
			break;
		default:
			if (optopt)
				bad_usage("run", "unknown or incomplete option "
						 "'-%c'",
					  optopt);
			else
				bad_usage("run", "unknown option '%s'",
					  argv[optind - 1]);
			return usage_error(run_usage);
		}
	}
	if (argc - optind > 1)
		return usage_error(run_usage);
	if (optind < argc)
		name = argv[optind];

	{
		const char *const opt[] = { "--out", "--report", "--events" };
		const char *const path[] = { out_path, report_path,
					     events_path };

		if (cli_distinct_outputs("run", 3, opt, path))
			return 2;
	}
	sc = cli_open_scenario("run", name, &rc);
	if (!sc)
		goto out_free;
	eo.days = days ? days : sc->days;
	eo.nwhat_if = nwhat_if;
	for (int i = 0; i < nwhat_if; i++) {
		eo.what_if[i] = dur_scenario_intervention_find(sc, what_if[i]);
		if (eo.what_if[i] < 0) {
			fprintf(stderr,
				"durand run: no intervention '%s' in scenario "
				"'%s'; it has:",
				what_if[i], sc->name);
			for (int k = 0; k < sc->ninterventions; k++)
				fprintf(stderr, " %s", sc->intervention[k].name);
			fputc('\n', stderr);
			rc = 2;
			goto out_free;
		}
	}

	cli_catch_signals();
	eo.cancel = &cli_stop;
	cli_progress_start(&prog, "runs");
	eo.progress = cli_progress;
	eo.progress_ctx = &prog;
	if (events_path) {
		if (dur_output_open(&ev, events_path, &err)) {
			rc = report_error("run", &err);
			goto out_free;
		}
		log.sc = sc;
		log.fp = ev.fp;
		dur_eventlog_begin(&log);
		eo.on_event = dur_eventlog_add;
		eo.event_ctx = &log;
		if (!eo.event_runs)
			eo.event_runs = 1;
	}
	if (dur_ensemble_run(sc, &eo, &res, &err)) {
		rc = report_error("run", &err);
		goto out_abort;
	}
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("run", &err);
		goto out_abort;
	}
	if (!strcmp(format, "json") || report_path) {
		json_t *j = dur_result_json(res);

		if (!j)
			rc = dur_error_set(&err, DUR_ENOMEM, "", 0, 0,
					   "out of memory");
		else if (report_path)
			rc = dur_report_write(j, report_path, &err);
		if (!rc && !strcmp(format, "json"))
			rc = dur_json_write(j, out.fp, &err);
		json_decref(j);
	}
	if (rc || !strcmp(format, "json"))
		; /* written, or failed */
	else if (!strcmp(format, "csv")) {
		rc = dur_result_write_csv(res, out.fp, &err);
	} else {
		rc = dur_result_write_text(res, out.fp, &err);
	}
	if (rc || cli_stop) {
		if (cli_stop)
			dur_error_set(&err, DUR_ECANCEL, "", 0, 0,
				      "interrupted; no output written");
		else
			/* the output, whose write failed, by name */
			rc = report_error_in("run", &err,
					     out_path && strcmp(out_path, "-") ?
						     out_path :
						     "standard output");
		if (cli_stop)
			rc = report_error("run", &err);
		goto out_abort;
	}
	/* the event log first: if it cannot be written, no summary either */
	if ((events_path && dur_output_commit(&ev, &err)) ||
	    dur_output_commit(&out, &err)) {
		rc = report_error("run", &err);
		goto out_abort;
	}
	goto out_free;

out_abort:
	dur_output_abort(&out);
	dur_output_abort(&ev);
out_free:
	if (report_path)
		dur_chart_cleanup();
	dur_result_free(res);
	free(sc);
	return rc;
}
