/* cmd_calibrate.c: `durand calibrate`, fit parameters to the targets
 * (--method smm) or to the record (--method if2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mpi.h"
#include "durand/calibrate.h"
#include "durand/date.h"
#include "durand/if2.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/paramedit.h"
#include "durand/record.h"

static const struct cli_command cmd = {
	"calibrate", "[<name>|<file>]",
	"Fit parameters of a scenario (default: afpak-2021) and write the "
	"scenario with the result (docs/calibration.md). --method smm (the "
	"default) fits the stated figures of its targets by simulated method "
	"of moments and writes the values in 'overrides:'; --method if2 fits "
	"the record by iterated filtering and writes the final swarm as the "
	"scenario's parameter ensemble ('ensemble:')."
};

enum { METHOD_SMM, METHOD_IF2 };
static const struct cli_choice methods[] = { { "smm", METHOD_SMM },
					     { "if2", METHOD_IF2 },
					     { NULL, 0 } };

/* What --method if2 was asked, besides the IF2 options. */
struct if2_args {
	const char *name, *record, *until, *into, *out_path, *quantities;
	int format;
	const char *const *paths;
	int k;
	const struct cli_sets *sets;
};

static void if2_progress(void *ctx, const struct dur_progress *p)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\riteration %ld: log-likelihood %.2f   ",
			p->done, p->value);
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

/* --quantities Q,...: a view of the record with the facts of those
 * quantities only (free view->fact), named for them. */
static int select_quantities(const struct dur_record *rec, const char *list,
			     struct dur_record *view)
{
	const char *q[32];
	char buf[512], tail[sizeof(view->name)], *save = NULL;
	size_t used;
	int n = 0;

	view->fact = NULL;
	if (strlen(list) >= sizeof(buf))
		return bad_usage("calibrate", "--quantities: too long");
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		if (!dur_record_quantity_find(t))
			return bad_usage("calibrate", "--quantities: unknown "
						      "quantity '%s' (durand "
						      "record quantities lists "
						      "them)",
					 t);
		if (n == (int)(sizeof(q) / sizeof(q[0])))
			return bad_usage("calibrate", "--quantities: more "
						      "than 32");
		q[n++] = t;
	}
	if (!n)
		return bad_usage("calibrate", "--quantities: expected Q,...");
	switch (dur_record_select(rec, q, n, view)) {
	case -1:
		fprintf(stderr, "durand calibrate: out of memory\n");
		return 1;
	case 0:
		free(view->fact);
		view->fact = NULL;
		return bad_usage("calibrate", "--quantities: the record '%s' "
					      "has no fact of %s",
				 rec->name, list);
	}
	used = strlen(view->name);
	if (used + strlen(list) + 8 < sizeof(tail))
		snprintf(tail, sizeof(tail), " (only %s)", list);
	else
		snprintf(tail, sizeof(tail), " (only %d quantities)", n);
	if (used + strlen(tail) < sizeof(view->name))
		memcpy(view->name + used, tail, strlen(tail) + 1);
	return 0;
}

/* --method if2: filter, write the scenario with its ensemble, print the
 * trace. */
static int calibrate_if2(const struct if2_args *a, struct dur_if2_opts *o)
{
	struct dur_scenario *sc = NULL, *check = NULL;
	struct dur_record *rec = NULL, view = { 0 };
	const struct dur_record *use;
	struct dur_if2_result *res = NULL;
	struct dur_param_ensemble *ens = NULL;
	struct dur_output out = { 0 }, tr = { 0 };
	struct dur_error err = { 0 };
	char *text = NULL, *yaml = NULL;
	const char *why;
	int rc = 0, tty = isatty(2), json = a->format == CLI_JSON;
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
	rc = cli_apply_sets("calibrate", sc, a->sets);
	if (rc)
		goto out_free;
	rec = cli_open_record("calibrate", a->record, &rc);
	if (!rec)
		goto out_free;
	use = rec;
	if (a->quantities) {
		rc = select_quantities(rec, a->quantities, &view);
		if (rc)
			goto out_free;
		use = &view;
	}
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
	rc = cli_sets_text("calibrate", &text);
	if (rc)
		goto out_free;
	cli_catch_signals();
	o->cancel = &cli_stop;
	tty = tty && cli_comm_rank() == 0;
	o->progress = if2_progress;
	o->progress_ctx = &tty;
	o->comm = cli_pf_comm(); /* each filter's particles over MPI ranks */
	rc = dur_if2_run(sc, use, a->paths, a->k, o, &res, &err);
	if (tty)
		fputc('\n', stderr);
	if (rc) {
		rc = report_error_rank0("calibrate", &err);
		goto out_free;
	}
	if (cli_comm_rank() != 0) /* every rank has the result; 0 writes it */
		goto out_free;
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

		cli_provenance_add(j);
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
	free(view.fact); /* a view of rec's facts */
	dur_record_free(rec);
	free(yaml);
	free(text);
	free(ens);
	free(check);
	dur_scenario_free(sc);
	return rc;
}

static void progress(void *ctx, const struct dur_progress *p)
{
	int *tty = ctx;

	if (*tty)
		fprintf(stderr, "\revaluation %ld: loss %.4g, best %.4g   ",
			p->done, p->value, p->best);
}

/* The fit on stderr, the scenario with it to out_path. */
static int write_fit(const struct dur_calibrate *cal, int nolimit,
		     const char *text, const char *out_path)
{
	struct dur_output out = { 0 };
	struct dur_error err = { 0 };
	char *yaml;

	fprintf(stderr, "durand calibrate: loss %.4g -> %.4g after %d "
			"evaluation%s%s\n",
		cal->start_loss, cal->loss, cal->evals,
		cal->evals == 1 ? "" : "s",
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
	struct dur_if2_opts io = DUR_IF2_OPTS_INIT;
	const char *out_path = NULL, *name, *fit = NULL;
	const char *record = NULL, *into = NULL, *quantities = NULL;
	int method = METHOD_SMM, format = CLI_TEXT;
	long particles = io.particles;
	int iterations = io.iterations;
	double cooling = io.cooling, rw_sd = io.rw_sd;
	char *text = NULL, *save = NULL;
	struct cli_sets sets = { 0 };
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
		CLI_OPT_CHOICE("method", &method, methods,
			       "smm: the targets by simulated method of "
			       "moments; if2: the record by iterated filtering"),
		CLI_OPT_STRING("record", &record, "FILE",
			       "if2: the record (default: the built-in one)"),
		CLI_OPT_STRING("quantities", &quantities, "Q,...",
			       "if2: only the record's facts of these "
			       "quantities"),
		CLI_OPT_LONG("particles", &particles, 1, 10000000L, "N",
			     "if2: particles, and parameter sets"),
		CLI_OPT_INT("iterations", &iterations, 1, 1000, "M",
			    "if2: filters run one after the other"),
		CLI_OPT_DOUBLE("cooling", &cooling, 1e-6, 1, "F",
			       "if2: the walk's sd left after M iterations"),
		CLI_OPT_DOUBLE("rw-sd", &rw_sd, 0, 10, "SD",
			       "if2: the walk's sd on the logit scale over 30 "
			       "days at the start"),
		CLI_OPT_STRING("into", &into, "S",
			       "if2: write the ensemble into scenario S instead"),
		CLI_OPT_FORMAT(&format, cli_formats_text_json),
		CLI_OPT_SET(&sets),
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
	if (method == METHOD_IF2) {
		char until[16];
		struct if2_args a = { 0 };

		/* fit is an argv string, which may be written */
		for (char *t = strtok_r((char *)fit, ",", &save);
		     t && k < DUR_CALIBRATE_MAX; t = strtok_r(NULL, ",", &save))
			paths[k++] = t;
		/* the record through 2024 by default: 2025 is the test year */
		if (co.until == DUR_HINDCAST_UNTIL_LAST_TARGET)
			snprintf(until, sizeof(until), "2025-01-01");
		else
			dur_date_format(co.until, until);
		io.particles = particles;
		io.iterations = iterations;
		io.cooling = cooling;
		io.rw_sd = rw_sd;
		io.seed = co.seed;
		io.threads = co.threads;
		a.name = name;
		a.record = record;
		a.quantities = quantities;
		a.until = until;
		a.into = into;
		a.out_path = out_path;
		a.format = format;
		a.paths = paths;
		a.k = k;
		a.sets = &sets;
		return calibrate_if2(&a, &io);
	}
	if (cli_comm_size() > 1) {
		if (cli_comm_rank() == 0)
			fprintf(stderr, "durand calibrate: --method smm does "
					"not divide its work over MPI processes "
					"(--method if2 does); start it as one "
					"process\n");
		return 2;
	}
	if (record || into || quantities || format != CLI_TEXT ||
	    particles != io.particles || iterations != io.iterations ||
	    cooling != io.cooling || rw_sd != io.rw_sd)
		return bad_usage("calibrate", "--record, --quantities, "
					      "--particles, "
					      "--iterations, --cooling, "
					      "--rw-sd, --into and --format are "
					      "options of --method if2");
	/* fit is an argv string, which may be written */
	for (char *t = strtok_r((char *)fit, ",", &save); t && k < DUR_CALIBRATE_MAX;
	     t = strtok_r(NULL, ",", &save))
		paths[k++] = t;
	sc = cli_open_scenario("calibrate", name, &rc);
	if (!sc)
		return rc;
	rc = cli_apply_sets("calibrate", sc, &sets);
	if (rc)
		goto out_free;
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
	rc = cli_sets_text("calibrate", &text);
	if (rc)
		goto out_free;
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
	dur_scenario_free(sc);
	return rc;
}
