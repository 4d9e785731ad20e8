/* cmd_calibrate.c: `durand calibrate`, fit parameters to the targets
 * (--method smm) or to the record (--method if2). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "durand/calibrate.h"
#include "durand/date.h"
#include "durand/if2.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/paramedit.h"
#include "durand/record.h"

static const char calibrate_usage[] =
	"usage: durand calibrate [<name>|<file>] --fit PARAM[,PARAM...] [--runs N]\n"
	"                        [--seed S] [--until DATE] [--max-evals N]\n"
	"                        [--threads T] [--out FILE]\n"
	"   or: durand calibrate [<name>|<file>] --method if2 --fit PARAM[,PARAM...]\n"
	"                        [--record FILE] [--until DATE] [--particles N]\n"
	"                        [--iterations M] [--cooling F] [--rw-sd SD]\n"
	"                        [--seed S] [--threads T] [--into NAME|FILE]\n"
	"                        [--out FILE] [--format text|json]\n"
	"\n"
	"Fit parameters of a scenario (default: afpak-2021) and write the scenario\n"
	"with the result (docs/calibration.md). --method smm (the default) fits\n"
	"the stated figures by simulated method of moments and writes the values\n"
	"in 'overrides:'; --method if2 fits the record by iterated filtering and\n"
	"writes the final swarm as the scenario's parameter ensemble ('ensemble:').\n"
	"\n"
	"  --fit P,...     parameter paths to fit; each needs a range\n"
	"  --runs N        smm: runs per evaluation (default 200), same seed each time\n"
	"  --max-evals N   smm: evaluations at most (default 60)\n"
	"  --record FILE   if2: the record (default: the built-in one, afpak)\n"
	"  --until DATE    if2: use the facts that end before DATE (default\n"
	"                  2025-01-01: the record's 2025 facts are kept for the\n"
	"                  forecast's starting state); smm: the hindcast's last day\n"
	"  --particles N   if2: particles, and parameter sets (default 1000)\n"
	"  --iterations M  if2: filters run one after the other (default 10)\n"
	"  --cooling F     if2: the walk's sd left after M iterations (default 0.1)\n"
	"  --rw-sd SD      if2: the walk's sd on the logit scale over 30 days at\n"
	"                  the start (default 0.1)\n"
	"  --into S        if2: write the ensemble into scenario S instead\n"
	"  --out FILE      the fitted scenario (default: standard output; if2\n"
	"                  then prints its trace on standard error)\n"
	"  --format F      if2: the trace as text (default) or json (needs --out)";

enum { OPT_FIT = 256, OPT_RUNS, OPT_SEED, OPT_UNTIL, OPT_MAX, OPT_THREADS,
       OPT_OUT, OPT_METHOD, OPT_RECORD, OPT_PARTICLES, OPT_ITERATIONS,
       OPT_COOLING, OPT_RW_SD, OPT_INTO, OPT_FORMAT };

static const char *const methods[] = { "smm", "if2", NULL };
static const char *const formats[] = { "text", "json", NULL };

/* What --method if2 was asked, besides the IF2 options. */
struct if2_args {
	const char *name, *record, *until, *into, *out_path, *format;
	const char *const *paths;
	int k;
};

static void if2_progress(int iteration, double loglik, void *ctx)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\riteration %d: log-likelihood %.2f   ",
			iteration, loglik);
}

static void if2_text(const struct dur_if2_result *r, const char *scenario,
		     const char *into, FILE *fp)
{
	char d1[16], d2[16];

	fprintf(fp, "IF2 (iterated filtering) of %s through record %s\n",
		scenario, r->record);
	fprintf(fp, "record sha256 %s\n", r->digest);
	fprintf(fp, "facts used: %d, those that end before %s (filtered "
		    "from %s); the record's facts of 2025 are kept for the "
		    "forecast's starting state, not used here\n",
		r->nused, dur_date_format(r->until, d1),
		dur_date_format(r->from, d2));
	fprintf(fp, "%ld particles, %d iterations, walk sd %g per 30 days "
		    "(a step every %d days), cooling to %g, seed %llu\n",
		r->n, r->iterations, r->opts.rw_sd, r->opts.every,
		r->opts.cooling, (unsigned long long)r->opts.seed);
	if (into)
		fprintf(fp, "ensemble written into scenario %s\n", into);
	fprintf(fp, "\n%-10s %12s", "iteration", "loglik");
	for (int j = 0; j < r->k; j++)
		fprintf(fp, "  %-32s", r->path[j]);
	fprintf(fp, "\n%-10s %12s", "", "");
	for (int j = 0; j < r->k; j++)
		fprintf(fp, "  %-32s", "median [5%, 95%]");
	fputc('\n', fp);
	for (int m = 0; m <= r->iterations; m++) {
		fprintf(fp, "%-10d ", m);
		if (m)
			fprintf(fp, "%12.2f", r->loglik[m - 1]);
		else
			fprintf(fp, "%12s", "(start)");
		for (int j = 0; j < r->k; j++) {
			size_t at = (size_t)m * (size_t)r->k + (size_t)j;
			char cell[64];

			snprintf(cell, sizeof(cell), "%.4g [%.4g, %.4g]",
				 r->q50[at], r->q05[at], r->q95[at]);
			fprintf(fp, "  %-32s", cell);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "\nranges searched:");
	for (int j = 0; j < r->k; j++)
		fprintf(fp, "%s %s [%g, %g]", j ? "," : "", r->path[j],
			r->lo[j], r->hi[j]);
	fputc('\n', fp);
}

static json_t *if2_json(const struct dur_if2_result *r, const char *scenario,
			const char *into)
{
	json_t *j = json_object(), *par = json_array(), *tr = json_array();
	char d[16];

	json_object_set_new(j, "method", json_string("if2"));
	json_object_set_new(j, "scenario", json_string(scenario));
	if (into)
		json_object_set_new(j, "written_into", json_string(into));
	json_object_set_new(j, "record", json_string(r->record));
	json_object_set_new(j, "record_sha256", json_string(r->digest));
	json_object_set_new(j, "from",
			    json_string(dur_date_format(r->from, d)));
	json_object_set_new(j, "facts_end_before",
			    json_string(dur_date_format(r->until, d)));
	json_object_set_new(j, "facts_used", json_integer(r->nused));
	json_object_set_new(j, "particles", json_integer(r->n));
	json_object_set_new(j, "iterations", json_integer(r->iterations));
	json_object_set_new(j, "rw_sd", dur_json_number(r->opts.rw_sd));
	json_object_set_new(j, "every", json_integer(r->opts.every));
	json_object_set_new(j, "cooling", dur_json_number(r->opts.cooling));
	json_object_set_new(j, "seed", json_integer((json_int_t)r->opts.seed));
	for (int k = 0; k < r->k; k++) {
		json_t *p = json_object();

		json_object_set_new(p, "path", json_string(r->path[k]));
		json_object_set_new(p, "low", dur_json_number(r->lo[k]));
		json_object_set_new(p, "high", dur_json_number(r->hi[k]));
		json_array_append_new(par, p);
	}
	json_object_set_new(j, "params", par);
	for (int m = 0; m <= r->iterations; m++) {
		json_t *row = json_object(), *ps = json_object();

		json_object_set_new(row, "iteration", json_integer(m));
		json_object_set_new(row, "loglik",
				    m ? dur_json_number(r->loglik[m - 1])
				      : json_null());
		for (int k = 0; k < r->k; k++) {
			size_t at = (size_t)m * (size_t)r->k + (size_t)k;
			json_t *q = json_object();

			json_object_set_new(q, "mean",
					    dur_json_number(r->mean[at]));
			json_object_set_new(q, "q05", dur_json_number(r->q05[at]));
			json_object_set_new(q, "q50", dur_json_number(r->q50[at]));
			json_object_set_new(q, "q95", dur_json_number(r->q95[at]));
			json_object_set_new(ps, r->path[k], q);
		}
		json_object_set_new(row, "params", ps);
		json_array_append_new(tr, row);
	}
	json_object_set_new(j, "trace", tr);
	return j;
}

/* --method if2: filter, write the scenario with its ensemble, print the
 * trace. */
static int calibrate_if2(const struct if2_args *a, struct dur_if2_opts *o)
{
	struct dur_scenario *sc = NULL, *check = NULL;
	struct dur_record *rec = NULL;
	struct dur_if2_result *res = NULL;
	struct dur_param_ensemble *ens = NULL;
	struct dur_output out = { 0 }, tr = { 0 };
	struct dur_error err = { 0 };
	char *text = NULL, *yaml = NULL;
	const char *why;
	int rc = 0, tty = isatty(2), json = !strcmp(a->format, "json");
	FILE *tfp = stderr;

	if (json && !a->out_path)
		return bad_usage("calibrate", "--format json needs --out FILE "
					      "for the scenario");
	if (strlen(a->until) != 10 ||
	    dur_date_parse(a->until, 10, &o->until, &why))
		return bad_usage("calibrate", "--until: expected a date as "
					      "YYYY-MM-DD, got '%s'",
				 a->until);
	{
		int32_t honest;

		dur_date_parse("2025-01-01", 10, &honest, &why);
		if (o->until > honest)
			fprintf(stderr, "durand calibrate: warning: --until %s "
					"uses facts of 2025, which the honesty "
					"rule keeps for the forecast's starting "
					"state (docs/calibration.md)\n",
				a->until);
	}
	sc = cli_open_scenario("calibrate", a->name, &rc);
	if (!sc)
		goto out_free;
	rec = cli_open_record("calibrate", a->record, &rc);
	if (!rec)
		goto out_free;
	if (o->until <= sc->start) {
		char d[16];

		rc = bad_usage("calibrate", "--until: '%s' is not after the "
					    "scenario's start, %s",
			       a->until, dur_date_format(sc->start, d));
		goto out_free;
	}
	text = dur_scenario_text(a->into ? a->into : a->name, &err);
	if (!text) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	cli_catch_signals();
	o->cancel = &cli_stop;
	o->progress = if2_progress;
	o->progress_ctx = &tty;
	rc = dur_if2_run(sc, rec, a->paths, a->k, o, &res, &err);
	if (tty)
		fputc('\n', stderr);
	if (rc) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	ens = malloc(sizeof(*ens));
	check = malloc(sizeof(*check));
	if (!ens || !check) {
		rc = 1;
		goto out_free;
	}
	dur_if2_ensemble(res, ens);
	if (dur_paramedit_ensemble(text, strlen(text), ens, &yaml, &err)) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	/* what is written must load */
	if (dur_scenario_parse(check, yaml, strlen(yaml),
			       a->into ? a->into : a->name, NULL, &err)) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	if (dur_output_open(&out, a->out_path, &err)) {
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	fputs(yaml, out.fp);
	if (a->out_path) {
		if (dur_output_open(&tr, NULL, &err)) {
			dur_output_abort(&out);
			rc = report_error("calibrate", &err);
			goto out_free;
		}
		tfp = tr.fp;
	}
	if (json) {
		json_t *j = if2_json(res, sc->name, a->into);

		rc = j ? dur_json_write(j, tfp, &err)
		       : dur_error_set(&err, DUR_ENOMEM, "", 0, 0,
				       "out of memory");
		json_decref(j);
	} else {
		if2_text(res, sc->name, a->into, tfp);
		if (a->out_path)
			fprintf(tfp, "wrote %s: a parameter ensemble of %d "
				     "sets of %d parameters\n",
				a->out_path, ens->n, ens->k);
	}
	if (rc || dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		if (a->out_path)
			dur_output_abort(&tr);
		rc = report_error("calibrate", &err);
		goto out_free;
	}
	if (a->out_path && dur_output_commit(&tr, &err))
		rc = report_error("calibrate", &err);
out_free:
	dur_if2_result_free(res);
	dur_record_free(rec);
	free(yaml);
	free(text);
	free(ens);
	free(check);
	free(sc);
	return rc;
}

static void progress(int eval, double loss, double best, void *ctx)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\revaluation %d: loss %.4g, best %.4g   ",
			eval, loss, best);
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
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "particles", required_argument, NULL, OPT_PARTICLES },
		{ "iterations", required_argument, NULL, OPT_ITERATIONS },
		{ "cooling", required_argument, NULL, OPT_COOLING },
		{ "rw-sd", required_argument, NULL, OPT_RW_SD },
		{ "into", required_argument, NULL, OPT_INTO },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_calibrate_opts co = { 200, 1, 0, 60, 0, NULL, progress,
					 NULL };
	struct dur_if2_opts io = DUR_IF2_OPTS_INIT;
	const char *name = "afpak-2021", *out_path = NULL, *until = NULL;
	const char *method = "smm", *record = NULL, *into = NULL;
	const char *format = "text";
	int if2_only = 0;
	double dv;
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
			io.seed = co.seed;
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
			io.threads = co.threads;
			break;
		case OPT_METHOD:
			method = optarg;
			if (parse_choice("calibrate", "--method", method,
					 methods) < 0)
				return 2;
			break;
		case OPT_RECORD:
			record = optarg;
			if2_only = 1;
			break;
		case OPT_PARTICLES:
			if (parse_long("calibrate", "--particles", optarg, 2,
				       10000000L, &v))
				return 2;
			io.particles = v;
			if2_only = 1;
			break;
		case OPT_ITERATIONS:
			if (parse_long("calibrate", "--iterations", optarg, 1,
				       10000, &v))
				return 2;
			io.iterations = (int)v;
			if2_only = 1;
			break;
		case OPT_COOLING:
			if (parse_double("calibrate", "--cooling", optarg,
					 1e-6, 1, &dv))
				return 2;
			io.cooling = dv;
			if2_only = 1;
			break;
		case OPT_RW_SD:
			if (parse_double("calibrate", "--rw-sd", optarg, 0, 10,
					 &dv))
				return 2;
			io.rw_sd = dv;
			if2_only = 1;
			break;
		case OPT_INTO:
			into = optarg;
			if2_only = 1;
			break;
		case OPT_FORMAT:
			format = optarg;
			if (parse_choice("calibrate", "--format", format,
					 formats) < 0)
				return 2;
			if2_only = 1;
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
	if (!strcmp(method, "if2")) {
		struct if2_args a = { name, record,
				      until ? until : "2025-01-01", into,
				      out_path, format, paths, k };

		return calibrate_if2(&a, &io);
	}
	if (if2_only)
		return bad_usage("calibrate", "--record, --particles, "
					      "--iterations, --cooling, "
					      "--rw-sd, --into and --format "
					      "are options of --method if2");
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
	free(sc);
	return rc;
}
