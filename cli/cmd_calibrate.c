/* cmd_calibrate.c: `durand calibrate`, fit parameters to the targets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "durand/calibrate.h"
#include "durand/output.h"

static const struct cli_command cmd = {
	"calibrate", "[<name>|<file>]",
	"Fit parameters of a scenario with targets (default: afpak-2021) to "
	"the stated figures by simulated method of moments "
	"(docs/calibration.md) and write the scenario with the fitted values "
	"in its 'overrides:' section."
};

static void progress(int eval, double loss, double best, void *ctx)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\revaluation %d: loss %.4g, best %.4g   ",
			eval, loss, best);
}

/* The fit on stderr, the scenario with it to out_path. */
static int write_fit(const struct dur_calibrate *cal, int nolimit,
		     const char *text, const char *out_path)
{
	struct dur_output out = { 0 };
	struct dur_error err = { 0 };
	char *yaml;

	fprintf(stderr, "durand calibrate: loss %.4g -> %.4g after %d "
			"evaluations%s\n",
		cal->start_loss, cal->loss, cal->evals,
		nolimit ? "" : " (evaluation limit reached)");
	for (int i = 0; i < cal->k; i++)
		fprintf(stderr, "  %-36s %10.6g -> %10.6g   [%g, %g]\n",
			cal->path[i], cal->start[i], cal->x[i], cal->lo[i],
			cal->hi[i]);
	yaml = dur_calibrate_yaml(text, cal);
	if (!yaml)
		return 1;
	if (dur_output_open(&out, out_path, &err)) {
		free(yaml);
		return report_error("calibrate", &err);
	}
	fputs(yaml, out.fp);
	free(yaml);
	if (dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		return report_error("calibrate", &err);
	}
	return 0;
}

int cmd_calibrate(int argc, char **argv)
{
	struct dur_calibrate_opts co = DUR_CALIBRATE_OPTS_INIT;
	const char *out_path = NULL, *name, *fit = NULL;
	char *text = NULL, *save = NULL;
	const struct cli_option opts[] = {
		{ .kind = CLI_STRING, .name = "fit", .value = &fit,
		  .argh = "PARAM[,PARAM...]", .flags = CLI_REQUIRED,
		  .help = "parameter paths to fit; each needs a range" },
		CLI_OPT_RUNS(&co.runs, 10000000L,
			     "runs per evaluation, the same seed each time"),
		CLI_OPT_SEED(&co.seed),
		CLI_OPT_UNTIL(&co.until),
		CLI_OPT_INT("max-evals", &co.max_evals, 1, 100000, "N",
			    "evaluations at most"),
		CLI_OPT_THREADS(&co.threads),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_END(),
	};
	const char *paths[DUR_CALIBRATE_MAX];
	struct dur_scenario *sc = NULL;
	struct dur_calibrate cal;
	struct dur_error err = { 0 };
	int k = 0, rc = 0, tty = isatty(2);

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	name = argc ? argv[0] : "afpak-2021";
	/* fit is an argv string, which may be written */
	for (char *t = strtok_r((char *)fit, ",", &save); t && k < DUR_CALIBRATE_MAX;
	     t = strtok_r(NULL, ",", &save))
		paths[k++] = t;
	sc = cli_open_scenario("calibrate", name, &rc);
	if (!sc)
		return rc;
	if (!sc->ntargets) {
		rc = bad_usage("calibrate", "scenario '%s' has no targets",
			       sc->name);
		goto out_free;
	}
	if (dur_calibrate_setup(sc, paths, k, &cal, &err))
		goto out_error;
	text = dur_scenario_text(name, &err);
	if (!text)
		goto out_error;
	cli_catch_signals();
	co.cancel = &cli_stop;
	co.progress = progress;
	co.progress_ctx = &tty;
	rc = dur_calibrate_run(sc, &co, &cal, &err);
	if (tty)
		fputc('\n', stderr);
	if (rc && rc != DUR_ENOCONV)
		goto out_error;
	rc = write_fit(&cal, rc == 0, text, out_path);
	goto out_free;
out_error:
	rc = report_error("calibrate", &err);
out_free:
	free(text);
	free(sc);
	return rc;
}
