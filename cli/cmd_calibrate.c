/* cmd_calibrate.c: `durand calibrate`, fit parameters to the targets. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "durand/calibrate.h"
#include "durand/date.h"
#include "durand/output.h"

static const char calibrate_usage[] =
	"usage: durand calibrate [<name>|<file>] --fit PARAM[,PARAM...] [--runs N]\n"
	"                        [--seed S] [--until DATE] [--max-evals N]\n"
	"                        [--threads T] [--out FILE]\n"
	"\n"
	"Fit parameters of a scenario with targets (default: afpak-2021) to the\n"
	"stated figures by simulated method of moments (docs/calibration.md) and\n"
	"write the scenario with the fitted values in its 'overrides:' section.\n"
	"\n"
	"  --fit P,...     parameter paths to fit; each needs a range\n"
	"  --runs N        runs per evaluation (default 200), same seed each time\n"
	"  --max-evals N   evaluations at most (default 60)\n"
	"  --out FILE      the fitted scenario (default: standard output)";

enum { OPT_FIT = 256, OPT_RUNS, OPT_SEED, OPT_UNTIL, OPT_MAX, OPT_THREADS,
       OPT_OUT };

static void progress(void *ctx, const struct dur_progress *p)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\revaluation %ld: loss %.4g, best %.4g   ",
			p->done, p->value, p->best);
}

int cmd_calibrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "fit", required_argument, NULL, OPT_FIT },
		{ "runs", required_argument, NULL, OPT_RUNS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "max-evals", required_argument, NULL, OPT_MAX },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_calibrate_opts co = { 200, 1, 0, 60, 0, NULL, progress,
					 NULL };
	const char *name = "afpak-2021", *out_path = NULL, *until = NULL;
	char *fit = NULL, *text = NULL, *yaml = NULL, *save = NULL;
	const char *paths[DUR_CALIBRATE_MAX];
	struct dur_scenario *sc = NULL;
	struct dur_calibrate cal;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	int c, k = 0, rc = 0, tty = isatty(2);
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", calibrate_usage);
			return 0;
		case OPT_FIT:
			fit = optarg;
			break;
		case OPT_RUNS:
			if (parse_long("calibrate", "--runs", optarg, 1,
				       10000000L, &v))
				return 2;
			co.runs = v;
			break;
		case OPT_SEED:
			if (parse_seed("calibrate", optarg, &co.seed))
				return 2;
			break;
		case OPT_UNTIL:
			until = optarg;
			break;
		case OPT_MAX:
			if (parse_long("calibrate", "--max-evals", optarg, 1,
				       100000, &v))
				return 2;
			co.max_evals = (int)v;
			break;
		case OPT_THREADS:
			if (parse_threads("calibrate", optarg, &co.threads))
				return 2;
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		default:
			bad_usage("calibrate", "unknown option '%s'",
				  argv[optind - 1]);
			return usage_error(calibrate_usage);
		}
	}
	if (!fit || argc - optind > 1)
		return usage_error(calibrate_usage);
	if (optind < argc)
		name = argv[optind];
	for (char *t = strtok_r(fit, ",", &save); t && k < DUR_CALIBRATE_MAX;
	     t = strtok_r(NULL, ",", &save))
		paths[k++] = t;
	sc = cli_open_scenario("calibrate", name, &rc);
	if (!sc)
		goto out_free;
	co.until = sc->start + sc->days - 1;
	for (int i = 0; i < sc->ntargets; i++)
		if (i == 0 || sc->target[i].until > co.until)
			co.until = sc->target[i].until;
	if (until) {
		const char *why;

		if (strlen(until) != 10 ||
		    dur_date_parse(until, 10, &co.until, &why)) {
			rc = bad_usage("calibrate", "--until: expected a date "
						    "as YYYY-MM-DD, got '%s'",
				       until);
			goto out_free;
		}
	}
	if (!sc->ntargets) {
		rc = bad_usage("calibrate", "scenario '%s' has no targets",
			       sc->name);
		goto out_free;
	}
	if (dur_calibrate_setup(sc, paths, k, &cal, &err)) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	text = dur_scenario_text(name, &err);
	if (!text) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	cli_catch_signals();
	co.cancel = &cli_stop;
	co.progress_ctx = &tty;
	rc = dur_calibrate_run(sc, &co, &cal, &err);
	if (tty)
		fputc('\n', stderr);
	if (rc == DUR_ECANCEL) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	if (rc && rc != DUR_ENOCONV) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	fprintf(stderr, "durand calibrate: loss %.4g -> %.4g after %d "
			"evaluations%s\n",
		cal.start_loss, cal.loss, cal.evals,
		rc == DUR_ENOCONV ? " (evaluation limit reached)" : "");
	for (int i = 0; i < cal.k; i++)
		fprintf(stderr, "  %-36s %10.6g -> %10.6g   [%g, %g]\n",
			cal.path[i], cal.start[i], cal.x[i], cal.lo[i],
			cal.hi[i]);
	rc = 0;
	yaml = dur_calibrate_yaml(text, &cal);
	if (!yaml) {
		rc = 1;
		goto out_free;
	}
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	fputs(yaml, out.fp);
	if (dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		rc = report_error("calibrate", &err);
	}
out_free:
	free(yaml);
	free(text);
	dur_scenario_free(sc);
	return rc;
}
