/* cmd_fit.c: `durand fit`, the Hawkes retaliation process fitted to the
 * event database, optionally written into a scenario or an HTML report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/fit.h"
#include "durand/fitdata.h"
#include "durand/output.h"
#include "durand/paramedit.h"
#include "durand/report.h"
#include "durand/scenario.h"
#include "durand/store.h"

static const char fit_usage[] =
	"usage: durand fit [--db FILE] [--since DATE] [--until DATE]\n"
	"                  [--streams SPEC] [--method daily|continuous]\n"
	"                  [--seed N] [--beta-max B] [--format text|json]\n"
	"                  [--write-scenario FILE [--base NAME|FILE]]\n"
	"                  [--report FILE.html]\n"
	"\n"
	"    --streams   comma-separated model streams, one dimension each\n"
	"                (default attack,strike,clash)\n"
	"    --method    daily: the engine's daily form (default);\n"
	"                continuous: event times, ties broken by --seed\n"
	"    --seed      seed of the times of day and rescaling (default 1)\n"
	"    --beta-max  continuous: fastest decay rate per day (default 1)\n"
	"    --write-scenario  the base scenario with the fitted rates\n"
	"    --base      built-in scenario name or YAML file (default afpak)\n"
	"    --report    also write the fit as a self-contained HTML page";

/* Up to max order statistics of a sorted array, evenly spaced. */
static json_t *sample(const double *v, size_t n, size_t max)
{
	json_t *a = json_array();

	if (n <= max) {
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_real(v[i]));
		return a;
	}
	for (size_t i = 0; i < max; i++)
		json_array_append_new(a, json_real(v[(size_t)((i + 0.5) * n /
							    max)]));
	return a;
}

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

/* The fit as the JSON result docs/fit.md describes, or NULL if out of
 * memory. */
static json_t *fit_json(const struct dur_fit *f, const struct dur_fitdata *d,
			unsigned long long seed)
{
	int k = f->k;
	json_t *o = json_object(), *streams = json_array(), *ev = json_array();
	json_t *mu = json_array(), *mse = json_array(), *al = json_array();
	json_t *ase = json_array(), *dec = json_array(), *dse = json_array();
	json_t *hl = json_array(), *hse = json_array(), *br = json_array();
	json_t *ks = json_array(), *res = json_object();
	char a[11], b[11];

	for (int i = 0; i < k; i++) {
		json_t *ar = json_array(), *sr = json_array(), *brow = json_array();
		json_t *kso = json_object();

		json_array_append_new(streams, json_string(d->stream[i]));
		json_array_append_new(ev, json_integer(f->nevents[i]));
		json_array_append_new(mu, num(f->theta[i]));
		json_array_append_new(mse, num(f->se[i]));
		for (int j = 0; j < k; j++) {
			int x = dur_hawkes_ia(k, i, j);

			json_array_append_new(ar, num(f->theta[x]));
			json_array_append_new(sr, num(f->se[x]));
			json_array_append_new(brow, num(f->branching[i * k + j]));
		}
		json_array_append_new(al, ar);
		json_array_append_new(ase, sr);
		json_array_append_new(br, brow);
		json_array_append_new(dec, num(f->theta[dur_hawkes_id(k, i)]));
		json_array_append_new(dse, num(f->se[dur_hawkes_id(k, i)]));
		json_array_append_new(hl, num(f->halflife[i]));
		json_array_append_new(hse, num(f->se_halflife[i]));
		json_object_set_new(kso, "stream", json_string(d->stream[i]));
		json_object_set_new(kso, "n", json_integer((json_int_t)
							      f->nrescaled[i]));
		json_object_set_new(kso, "D", num(f->ks_d[i]));
		json_object_set_new(kso, "p", num(f->ks_p[i]));
		json_array_append_new(ks, kso);
		json_object_set_new(res, d->stream[i],
				    sample(f->rescaled[i], f->nrescaled[i],
					   2000));
	}
	/* "kind" lets `durand report` tell the result apart (report.h) */
	json_object_set_new(o, "kind", json_string("fit"));
	json_object_set_new(o, "method",
			    json_string(f->method == DUR_FIT_DAILY ?
						"daily" :
						"continuous"));
	json_object_set_new(o, "since",
			    json_string(dur_date_format(d->since, a)));
	json_object_set_new(o, "until",
			    json_string(dur_date_format(d->until, b)));
	json_object_set_new(o, "days", json_integer(d->ndays));
	json_object_set_new(o, "seed", json_integer((json_int_t)seed));
	json_object_set_new(o, "streams", streams);
	json_object_set_new(o, "events", ev);
	json_object_set_new(o, "loglik", num(f->loglik));
	json_object_set_new(o, "evaluations", json_integer(f->nevals));
	json_object_set_new(o, "converged", json_boolean(f->converged));
	json_object_set_new(o, "se_available", json_boolean(f->se_ok));
	json_object_set_new(o, "mu", mu);
	json_object_set_new(o, "mu_se", mse);
	json_object_set_new(o, "alpha", al);
	json_object_set_new(o, "alpha_se", ase);
	json_object_set_new(o, f->method == DUR_FIT_DAILY ? "decay" : "beta",
			    dec);
	json_object_set_new(o, f->method == DUR_FIT_DAILY ? "decay_se" :
							     "beta_se",
			    dse);
	json_object_set_new(o, "halflife", hl);
	json_object_set_new(o, "halflife_se", hse);
	json_object_set_new(o, "branching", br);
	json_object_set_new(o, "spectral_radius", num(f->radius));
	json_object_set_new(o, "ks", ks);
	json_object_set_new(o, "rescaled", res);
	return o;
}

static int print_json(const json_t *o)
{
	char *text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);

	if (!text)
		return 1;
	printf("%s\n", text);
	free(text);
	return 0;
}

static void print_text(const struct dur_fit *f, const struct dur_fitdata *d,
		       unsigned long long seed)
{
	int k = f->k;
	char a[11], b[11];

	printf("%s Hawkes fit, %d streams, %s..%s (%ld days), seed %llu\n",
	       f->method == DUR_FIT_DAILY ? "daily" : "continuous", k,
	       dur_date_format(d->since, a), dur_date_format(d->until, b),
	       d->ndays, seed);
	printf("log-likelihood %.3f after %d evaluations (%s)\n", f->loglik,
	       f->nevals, f->converged ? "converged" : "NOT converged");
	if (!f->se_ok)
		printf("warning: the observed information is singular; "
		       "standard errors are missing\n");
	printf("\n%-10s %8s %22s %22s\n", "stream", "events",
	       "baseline/day (se)", "half-life days (se)");
	for (int i = 0; i < k; i++) {
		printf("%-10s %8ld %12.4g (%7.2g) %12.4g ", d->stream[i],
		       f->nevents[i], f->theta[i], f->se[i], f->halflife[i]);
		if (f->at_bound[dur_hawkes_id(k, i)])
			printf("(at --beta-max)\n");
		else
			printf("(%7.2g)\n", f->se_halflife[i]);
	}
	printf("\nexcitation alpha[row <- column] (%s), with standard "
	       "errors:\n%-10s",
	       f->method == DUR_FIT_DAILY ?
		       "events a day per unit of excitation" :
		       "branching ratios",
	       "");
	for (int j = 0; j < k; j++)
		printf(" %20s", d->stream[j]);
	printf("\n");
	for (int i = 0; i < k; i++) {
		printf("%-10s", d->stream[i]);
		for (int j = 0; j < k; j++) {
			int x = dur_hawkes_ia(k, i, j);

			if (f->at_bound[x])
				printf(" %20s", "0 (at bound)");
			else
				printf(" %10.4g (%7.2g)", f->theta[x],
				       f->se[x]);
		}
		printf("\n");
	}
	printf("\nbranching ratios (offspring in row per event in column):\n"
	       "%-10s",
	       "");
	for (int j = 0; j < k; j++)
		printf(" %10s", d->stream[j]);
	printf("\n");
	for (int i = 0; i < k; i++) {
		printf("%-10s", d->stream[i]);
		for (int j = 0; j < k; j++)
			printf(" %10.4g", f->branching[i * k + j]);
		printf("\n");
	}
	printf("spectral radius %.4g (%s)\n", f->radius,
	       f->radius < 1 ? "stationary" : "explosive");
	printf("\ngoodness of fit (time rescaling, KS):\n");
	for (int i = 0; i < k; i++)
		printf("%-10s D = %.4f  p = %.3g  (%zu intervals)\n",
		       d->stream[i], f->ks_d[i], f->ks_p[i], f->nrescaled[i]);
}

/* Print the fit (JSON or text) and write its report if asked. */
static int output(const struct dur_fit *f, const struct dur_fitdata *d,
		  unsigned long long seed, int json, const char *report)
{
	struct dur_error err = { 0 };
	json_t *o = NULL;
	int rc = 0;

	if (json || report) {
		o = fit_json(f, d, seed);
		if (!o) {
			fputs("durand fit: out of memory\n", stderr);
			return 1;
		}
	}
	if (json)
		rc = print_json(o);
	else
		print_text(f, d, seed);
	if (!rc && report) {
		rc = dur_report_write(o, report, &err);
		dur_chart_cleanup();
		if (rc)
			rc = report_error_in("fit", &err, report);
	}
	json_decref(o);
	return rc;
}

static int find(const struct dur_fitdata *d, const char *s)
{
	for (int i = 0; i < d->k; i++)
		if (!strcmp(d->stream[i], s))
			return i;
	return -1;
}

static int write_scenario(const struct dur_fit *f, const struct dur_fitdata *d,
			  const char *db, const char *base, const char *path)
{
	struct dur_paramedit ed[9];
	struct dur_output o;
	struct dur_error err = { 0 };
	int n = 0, k = f->k, at = find(d, "attack"), sk = find(d, "strike");
	int cl = find(d, "clash");
	const char *text = NULL;
	char *owned = NULL, *out, src[512], a[11], b[11];
	size_t len = 0;

	if (f->method != DUR_FIT_DAILY)
		return bad_usage("fit", "--write-scenario needs the daily "
					"form (the engine's)");
	if (at >= 0) {
		ed[n++] = (struct dur_paramedit){ "ttp.mu", f->theta[at] };
		ed[n++] = (struct dur_paramedit){
			"attack.alpha_self",
			f->theta[dur_hawkes_ia(k, at, at)] };
		ed[n++] = (struct dur_paramedit){ "hawkes.halflife_attack",
						  f->halflife[at] };
		if (sk >= 0)
			ed[n++] = (struct dur_paramedit){
				"attack.alpha_strike",
				f->theta[dur_hawkes_ia(k, at, sk)] };
	}
	if (cl >= 0) {
		ed[n++] = (struct dur_paramedit){ "clash.mu", f->theta[cl] };
		ed[n++] = (struct dur_paramedit){
			"clash.alpha_self",
			f->theta[dur_hawkes_ia(k, cl, cl)] };
		ed[n++] = (struct dur_paramedit){ "hawkes.halflife_clash",
						  f->halflife[cl] };
		if (sk >= 0)
			ed[n++] = (struct dur_paramedit){
				"clash.alpha_strike",
				f->theta[dur_hawkes_ia(k, cl, sk)] };
	}
	if (sk >= 0)
		ed[n++] = (struct dur_paramedit){ "hawkes.halflife_strike",
						  f->halflife[sk] };
	if (!n)
		return bad_usage("fit", "--write-scenario: none of the streams "
					"attack, strike, clash was fitted");
	owned = dur_scenario_text(base, &err);
	if (!owned)
		return bad_usage("fit",
				 "--base: '%s' is neither a built-in "
				 "scenario nor a readable file",
				 base);
	text = owned;
	len = strlen(text);
	snprintf(src, sizeof(src), "durand fit on %s %s..%s", db,
		 dur_date_format(d->since, a), dur_date_format(d->until, b));
	if (dur_paramedit_apply(text, len, base, ed, (size_t)n, src, &out,
				&err)) {
		free(owned);
		return report_error("fit", &err);
	}
	free(owned);
	if (dur_output_open(&o, path, &err)) {
		free(out);
		return report_error("fit", &err);
	}
	fputs(out, o.fp);
	free(out);
	if (dur_output_commit(&o, &err))
		return report_error("fit", &err);
	fprintf(stderr, "durand fit: wrote %s (%d parameters)\n", path, n);
	return 0;
}

int cmd_fit(int argc, char **argv)
{
	struct dur_fit_opts opts = DUR_FIT_OPTS_INIT;
	const char *db = DUR_STORE_DEFAULT, *spec = DUR_FITDATA_DEFAULT_STREAMS;
	const char *scen = NULL, *base = "afpak", *report = NULL;
	int has_since = 0, has_until = 0, json = 0, rc;
	int32_t since = 0, until = 0;
	long seed = 1;

	/* Days without times: excitation faster than a day is not
	 * identifiable (docs/fit.md). */
	opts.beta_max = 1;
	struct dur_store *st;
	struct dur_fitdata d;
	struct dur_fit f;
	struct dur_error err = { 0 };

	if (wants_help(argc, argv, fit_usage))
		return 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char *why;

		if (o[0] != '-' || !v)
			return usage_error(fit_usage);
		i++;
		if (!strcmp(o, "--db")) {
			db = v;
		} else if (!strcmp(o, "--since") || !strcmp(o, "--until")) {
			int32_t day;

			if (dur_date_parse(v, strlen(v), &day, &why))
				return bad_usage("fit",
						 "%s: '%s' is not a date: %s",
						 o, v, why);
			if (o[2] == 's')
				since = day, has_since = 1;
			else
				until = day, has_until = 1;
		} else if (!strcmp(o, "--streams")) {
			spec = v;
		} else if (!strcmp(o, "--method")) {
			if (!strcmp(v, "daily"))
				opts.method = DUR_FIT_DAILY;
			else if (!strcmp(v, "continuous"))
				opts.method = DUR_FIT_CONTINUOUS;
			else
				return bad_usage("fit",
						 "--method: expected daily or "
						 "continuous, got '%s'",
						 v);
		} else if (!strcmp(o, "--beta-max")) {
			if (parse_double("fit", o, v, 1e-3, 1e6,
					 &opts.beta_max))
				return 2;
		} else if (!strcmp(o, "--seed")) {
			if (parse_long("fit", o, v, 0, 0x7fffffffL, &seed))
				return 2;
		} else if (!strcmp(o, "--format")) {
			if (!strcmp(v, "json"))
				json = 1;
			else if (strcmp(v, "text"))
				return bad_usage("fit",
						 "--format: expected text or "
						 "json, got '%s'",
						 v);
		} else if (!strcmp(o, "--write-scenario")) {
			scen = v;
		} else if (!strcmp(o, "--base")) {
			base = v;
		} else if (!strcmp(o, "--report")) {
			report = v;
		} else {
			return bad_usage("fit", "unknown option '%s'", o);
		}
	}
	{
		const char *const opt[] = { "--report", "--write-scenario" };
		const char *const path[] = { report, scen };

		if (cli_distinct_outputs("fit", 2, opt, path))
			return 2;
	}
	if (has_since && has_until && until < since)
		return bad_usage("fit", "--until is before --since");
	opts.seed = (uint64_t)seed;
	if (dur_fitdata_parse_streams(&d, spec, &err))
		return report_error("fit", &err);
	if (dur_store_open(&st, db, DUR_STORE_READONLY, &err))
		return report_error("fit", &err);
	rc = dur_fitdata_load(&d, st, has_since, since, has_until, until,
			      opts.seed, &err);
	dur_store_free(st);
	if (rc)
		return report_error("fit", &err);
	for (int i = 0; i < d.k; i++)
		if (d.nevents[i] < DUR_HAWKES_MIN_EVENTS) {
			char a[11], b[11];

			/* said here, by name: the fit would say it by number */
			fprintf(stderr,
				"durand fit: too little data: stream '%s' has "
				"%ld events in %s..%s and a fit needs at least "
				"%d a stream; widen the window or choose others "
				"with --streams\n",
				d.stream[i], d.nevents[i],
				dur_date_format(d.since, a),
				dur_date_format(d.until, b),
				DUR_HAWKES_MIN_EVENTS);
			dur_fitdata_release(&d);
			return 2;
		}
	cli_catch_signals();
	opts.stop = &cli_stop;
	if (opts.method == DUR_FIT_DAILY)
		rc = dur_fit_daily(d.count, d.ndays, d.k, &opts, &f, &err);
	else
		rc = dur_fit_continuous(d.t, d.dim, d.n, (double)d.ndays, d.k,
					&opts, &f, &err);
	if (rc) {
		dur_fitdata_release(&d);
		return report_error("fit", &err);
	}
	rc = output(&f, &d, (unsigned long long)seed, json, report);
	if (!rc && scen)
		rc = write_scenario(&f, &d, db, base, scen);
	dur_fit_release(&f);
	dur_fitdata_release(&d);
	return rc;
}
