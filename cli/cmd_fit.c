/* cmd_fit.c: `durand fit`, the Hawkes retaliation process fitted to the
 * event database, optionally written into a scenario or an HTML report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/numtext.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/fit.h"
#include "durand/fit_json.h"
#include "durand/fitdata.h"
#include "durand/output.h"
#include "durand/paramedit.h"
#include "durand/report.h"
#include "durand/scenario.h"
#include "durand/store.h"

static const struct cli_command cmd = {
	"fit", NULL,
	"Fit the multivariate Hawkes process of attacks, strikes and clashes "
	"to the imported events by maximum likelihood (docs/fit.md)."
};

static const struct cli_choice methods[] = {
	{ "daily", DUR_FIT_DAILY }, { "continuous", DUR_FIT_CONTINUOUS },
	{ NULL, 0 }
};

/* --baseline; BASELINE_BY_METHOD until given. */
enum { BASELINE_BY_METHOD = -1, BASELINE_CONSTANT, BASELINE_YEAR };

static const struct cli_choice baselines[] = {
	{ "constant", BASELINE_CONSTANT },
	{ "piecewise-year", BASELINE_YEAR },
	{ NULL, 0 }
};

/* The year segments of d's days: seg[t] for each day, their number in
 * *nseg; NULL when out of memory. */
static int *year_segments(const struct dur_fitdata *d, int *nseg)
{
	int y0, y1, m, dd, *seg;

	dur_date_to_ymd(d->since, &y0, &m, &dd);
	dur_date_to_ymd(d->until, &y1, &m, &dd);
	*nseg = y1 - y0 + 1;
	seg = malloc((size_t)d->ndays * sizeof(*seg));
	if (!seg)
		return NULL;
	for (long t = 0; t < d->ndays; t++) {
		dur_date_to_ymd(d->since + (int32_t)t, &y1, &m, &dd);
		seg[t] = y1 - y0;
	}
	return seg;
}

/* Index of stream i's baseline in year segment s (hawkes.h). */
static int mu_at(int k, int s, int i)
{
	return s ? dur_hawkes_nparams(k) + (s - 1) * k + i : i;
}

/* First day of year segment s of the window. */
static int32_t segment_start(const struct dur_fitdata *d, int s)
{
	int y, m, dd;

	dur_date_to_ymd(d->since, &y, &m, &dd);
	return s ? dur_date_from_ymd(y + s, 1, 1) : d->since;
}

/* The goodness-of-fit test's level: below it, the fit is rejected. */
#define GOF_LEVEL 0.05

static void print_text(const struct dur_fit *f, const struct dur_fitdata *d,
		       unsigned long long seed)
{
	int k = f->k;
	char a[11], b[11];

	dur_fprintf_num(stdout, "%s Hawkes fit, %d stream%s, %s..%s (%ld days), seed %llu\n",
	       f->method == DUR_FIT_DAILY ? "daily" : "continuous", k,
	       k == 1 ? "" : "s", dur_date_format(d->since, a), dur_date_format(d->until, b),
	       d->ndays, seed);
	{
		char data[2048];

		printf("data: %s\n", cli_data_line(NULL, data, sizeof(data)));
	}
	dur_fprintf_num(stdout, "log-likelihood %.3f after %d evaluations (%s)\n", f->loglik,
	       f->nevals, f->converged ? "converged" : "NOT converged");
	if (!f->se_ok)
		dur_fprintf_num(stdout, "warning: the observed information is singular; "
		       "standard errors are missing\n");
	dur_fprintf_num(stdout, "baseline: %s\n", f->nseg > 1 ? "a level per calendar year" :
						     "constant");
	dur_fprintf_num(stdout, "\n%-10s %8s %22s %22s\n", "stream", "events",
	       f->nseg > 1 ? "mean baseline/day" : "baseline/day (se)",
	       "half-life days (se)");
	for (int i = 0; i < k; i++) {
		if (f->nseg > 1)
			dur_fprintf_num(stdout, "%-10s %8ld %12.4g %9s %12.4g ", d->stream[i],
			       f->nevents[i], f->mu_mean[i], "", f->halflife[i]);
		else
			dur_fprintf_num(stdout, "%-10s %8ld %12.4g (%7.2g) %12.4g ", d->stream[i],
			       f->nevents[i], f->theta[i], f->se[i],
			       f->halflife[i]);
		if (f->at_bound[dur_hawkes_id(k, i)])
			dur_fprintf_num(stdout, "(at --beta-max)\n");
		else
			dur_fprintf_num(stdout, "(%7.2g)\n", f->se_halflife[i]);
	}
	if (f->nseg > 1) {
		char buf[11];

		dur_fprintf_num(stdout, "\nbaseline/day by year (se):\n%-10s", "from");
		for (int i = 0; i < k; i++)
			dur_fprintf_num(stdout, " %20s", d->stream[i]);
		dur_fprintf_num(stdout, "\n");
		for (int s = 0; s < f->nseg; s++) {
			dur_fprintf_num(stdout, "%-10s", dur_date_format(segment_start(d, s),
							buf));
			for (int i = 0; i < k; i++)
				dur_fprintf_num(stdout, " %10.4g (%7.2g)",
				       f->theta[mu_at(k, s, i)],
				       f->se[mu_at(k, s, i)]);
			dur_fprintf_num(stdout, "\n");
		}
	}
	dur_fprintf_num(stdout, "\nexcitation alpha[row <- column] (%s), with standard "
	       "errors:\n%-10s",
	       f->method == DUR_FIT_DAILY ?
		       "events a day per unit of excitation" :
		       "branching ratios",
	       "");
	for (int j = 0; j < k; j++)
		dur_fprintf_num(stdout, " %20s", d->stream[j]);
	dur_fprintf_num(stdout, "\n");
	for (int i = 0; i < k; i++) {
		dur_fprintf_num(stdout, "%-10s", d->stream[i]);
		for (int j = 0; j < k; j++) {
			int x = dur_hawkes_ia(k, i, j);

			if (f->at_bound[x])
				dur_fprintf_num(stdout, " %20s", "0 (at bound)");
			else
				dur_fprintf_num(stdout, " %10.4g (%7.2g)", f->theta[x],
				       f->se[x]);
		}
		dur_fprintf_num(stdout, "\n");
	}
	dur_fprintf_num(stdout, "\nbranching ratios (offspring in row per event in column):\n"
	       "%-10s",
	       "");
	for (int j = 0; j < k; j++)
		dur_fprintf_num(stdout, " %10s", d->stream[j]);
	dur_fprintf_num(stdout, "\n");
	for (int i = 0; i < k; i++) {
		dur_fprintf_num(stdout, "%-10s", d->stream[i]);
		for (int j = 0; j < k; j++)
			dur_fprintf_num(stdout, " %10.4g", f->branching[i * k + j]);
		dur_fprintf_num(stdout, "\n");
	}
	dur_fprintf_num(stdout, "spectral radius %.4g (%s)\n", f->radius,
	       f->radius < 1 ? "stationary" : "explosive");
	dur_fprintf_num(stdout, "\ngoodness of fit (time rescaling, KS):\n");
	for (int i = 0; i < k; i++)
		dur_fprintf_num(stdout, "%-10s D = %.4f  p = %.3g  (%zu intervals)\n",
		       d->stream[i], f->ks_d[i], f->ks_p[i], f->nrescaled[i]);
	for (int i = 0; i < k; i++)
		dur_fprintf_num(stdout, "%s: %s: KS p = %.2g%s\n", d->stream[i],
		       f->ks_p[i] < GOF_LEVEL ?
			       "the model does not fit these data" :
			       "the test does not reject the model",
		       f->ks_p[i],
		       f->ks_p[i] < GOF_LEVEL ?
			       " (the rescaled waiting times are not "
			       "exponential; read its rates with care)" :
			       "");
}

/* Print the fit (JSON or text) and write its report if asked. */
static int output(const struct dur_fit *f, const struct dur_fitdata *d,
		  unsigned long long seed, int format, const char *report)
{
	struct dur_error err = { 0 };
	json_t *o = NULL;
	int rc = 0;

	if (format == CLI_JSON || report) {
		o = dur_fit_json(f, d, seed);
		if (!o) {
			fputs("durand fit: out of memory\n", stderr);
			return 1;
		}
	}
	cli_data_add(o);
	if (format == CLI_JSON)
		rc = cli_print_json(o);
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

/* 0 if the KS test accepts every stream of f, or force says to write
 * anyway (with a warning); else 1 after saying why nothing is written. */
static int gof_allows(const struct dur_fit *f, const struct dur_fitdata *d,
		      int force)
{
	for (int i = 0; i < f->k; i++) {
		if (!(f->ks_p[i] < GOF_LEVEL))
			continue;
		if (!force) {
			fprintf(stderr,
				"durand fit: --write-scenario: not written: "
				"the goodness-of-fit test rejects the fit "
				"(stream '%s': KS D = %.4f, p = %.3g < %g); "
				"its rates would not mean what the engine's "
				"do (--force writes it anyway)\n",
				d->stream[i], f->ks_d[i], f->ks_p[i], GOF_LEVEL);
			return 1;
		}
		fprintf(stderr,
			"durand fit: warning: writing a fit the goodness-of-"
			"fit test rejects (stream '%s': p = %.3g), as "
			"--force asks\n",
			d->stream[i], f->ks_p[i]);
	}
	return 0;
}

/* The base scenario with the fitted rates (dur_fit_paramedits) to path,
 * unless the goodness-of-fit test rejects the fit and force is 0. */
static int write_scenario(const struct dur_fit *f, const struct dur_fitdata *d,
			  const char *db, const char *base, const char *path,
			  int force)
{
	const char *streams[DUR_HAWKES_MAXK];
	struct dur_paramedit ed[DUR_FIT_MAX_EDITS];
	struct dur_output o;
	struct dur_error err = { 0 };
	char *text, *out, src[512], a[11], b[11];
	size_t n;

	if (gof_allows(f, d, force))
		return 1;
	for (int i = 0; i < d->k; i++)
		streams[i] = d->stream[i];
	if (dur_fit_paramedits(f, streams, ed, &n, &err))
		return report_error("fit", &err);
	text = dur_scenario_text(base, &err);
	if (!text)
		return bad_usage("fit",
				 "--base: '%s' is neither a built-in "
				 "scenario nor a readable file",
				 base);
	snprintf(src, sizeof(src), "durand fit on %s %s..%s", db,
		 dur_date_format(d->since, a), dur_date_format(d->until, b));
	if (dur_paramedit_apply(text, strlen(text), base, ed, n, src, &out,
				&err)) {
		free(text);
		return report_error("fit", &err);
	}
	free(text);
	if (dur_output_open(&o, path, &err)) {
		free(out);
		return report_error("fit", &err);
	}
	fputs(out, o.fp);
	free(out);
	if (dur_output_commit(&o, &err))
		return report_error("fit", &err);
	fprintf(stderr, "durand fit: wrote %s (%zu parameters)\n", path, n);
	return 0;
}

/*
 * By default fit the streams that have the events a fit needs: say which
 * were left out and load the others again from st (without --since and
 * --until, the window is their span); --streams names them exactly. 0, or
 * the exit code after saying why.
 */
static int keep_fittable(struct dur_fitdata *d, struct dur_store *st,
			 int has_since, int32_t since, int has_until,
			 int32_t until, uint64_t seed)
{
	struct dur_error err = { 0 };
	char keep[DUR_HAWKES_MAXK * 33] = "";
	int nkeep = 0, nskip = 0;
	char a[11], b[11];

	for (int i = 0; i < d->k; i++) {
		if (d->nevents[i] >= DUR_HAWKES_MIN_EVENTS) {
			snprintf(keep + strlen(keep),
				 sizeof(keep) - strlen(keep), "%s%s",
				 nkeep++ ? "," : "", d->stream[i]);
			continue;
		}
		nskip++;
		fprintf(stderr,
			"durand fit: skipped stream '%s': %ld event%s in "
			"%s..%s, and a fit needs at least %d\n",
			d->stream[i], d->nevents[i],
			d->nevents[i] == 1 ? "" : "s",
			dur_date_format(d->since, a),
			dur_date_format(d->until, b), DUR_HAWKES_MIN_EVENTS);
	}
	if (!nkeep) {
		fprintf(stderr,
			"durand fit: too little data: no stream of %s has the "
			"%d events in %s..%s a fit needs; widen the window or "
			"import more\n",
			DUR_FITDATA_DEFAULT_STREAMS, DUR_HAWKES_MIN_EVENTS,
			dur_date_format(d->since, a),
			dur_date_format(d->until, b));
		return 2;
	}
	if (!nskip)
		return 0;
	dur_fitdata_release(d);
	if (dur_fitdata_parse_streams(d, keep, &err) ||
	    dur_fitdata_load(d, st, has_since, since, has_until, until, seed,
			     &err))
		return report_error("fit", &err);
	return 0;
}

int cmd_fit(int argc, char **argv)
{
	struct dur_fit_opts fo = DUR_FIT_OPTS_INIT;
	static const char default_spec[] = DUR_FITDATA_DEFAULT_STREAMS;
	const char *db = DUR_STORE_DEFAULT, *spec = default_spec;
	const char *scen = NULL, *base = "afpak", *report = NULL;
	int has_since = 0, has_until = 0, format = CLI_TEXT, rc, force = 0;
	int baseline = BASELINE_BY_METHOD, *seg = NULL, nseg = 1;
	int streams_given;
	int32_t since = 0, until = 0;
	const struct cli_option opts[] = {
		CLI_OPT_STRING("db", &db, "FILE", "event database"),
		CLI_OPT_DATE("since", &since, &has_since, "first day fitted"),
		CLI_OPT_DATE("until", &until, &has_until, "last day fitted"),
		CLI_OPT_STRING("streams", &spec, "SPEC",
			       "comma-separated model streams, one dimension "
			       "each (default: those of attack, strike, clash "
			       "with enough events)"),
		CLI_OPT_CHOICE("method", &fo.method, methods,
			       "daily: the engine's daily form; continuous: "
			       "event times, ties broken by --seed"),
		{ .kind = CLI_CHOICE, .name = "baseline", .value = &baseline,
		  .choices = baselines, .flags = CLI_NO_DEFAULT,
		  .help = "piecewise-year: a level per calendar year (the "
			  "daily form's default); constant: one (the "
			  "continuous form's)" },
		CLI_OPT_UINT64("seed", &fo.seed, 0, 0x7fffffffL, "N",
			       "seed of the times of day and rescaling"),
		CLI_OPT_DOUBLE("beta-max", &fo.beta_max, 1e-3, 1e6, "B",
			       "continuous: fastest decay rate per day"),
		CLI_OPT_FORMAT(&format, cli_formats_text_json),
		CLI_OPT_STRING("write-scenario", &scen, "FILE",
			       "the base scenario with the fitted rates"),
		CLI_OPT_STRING("base", &base, "NAME|FILE",
			       "built-in scenario name or YAML file for "
			       "--write-scenario"),
		CLI_OPT_FLAG("force", &force,
			     "write the scenario even if the fit fails its "
			     "goodness-of-fit test (KS p < 0.05)"),
		CLI_OPT_STRING("report", &report, "FILE.html",
			       "also write the fit as a self-contained HTML "
			       "page"),
		CLI_OPT_END(),
	};
	struct dur_store *st;
	struct dur_fitdata d;
	struct dur_fit f;
	struct dur_error err = { 0 };

	fo.beta_max = DUR_FITDATA_BETA_MAX;
	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	streams_given = spec != default_spec;
	if (argc > 0)
		return cli_usage_error(&cmd, opts);
	{
		const char *const opt[] = { "--report", "--write-scenario" };
		const char *const path[] = { report, scen };

		if (cli_distinct_outputs("fit", 2, opt, path))
			return 2;
	}
	if (has_since && has_until && until < since)
		return bad_usage("fit", "--until is before --since");
	if (baseline == BASELINE_BY_METHOD)
		baseline = fo.method == DUR_FIT_DAILY ? BASELINE_YEAR :
							BASELINE_CONSTANT;
	if (baseline == BASELINE_YEAR && fo.method != DUR_FIT_DAILY)
		return bad_usage("fit", "--baseline piecewise-year needs the "
					"daily form (--method daily)");
	if (scen && fo.method != DUR_FIT_DAILY)
		return bad_usage("fit", "--write-scenario needs the daily "
					"form (the engine's)");
	if (dur_fitdata_parse_streams(&d, spec, &err))
		return report_error("fit", &err);
	d.allow_empty = !streams_given;
	if (dur_store_open(&st, db, DUR_STORE_READONLY, &err))
		return report_error("fit", &err);
	rc = dur_fitdata_load(&d, st, has_since, since, has_until, until,
			      fo.seed, &err);
	if (rc) {
		rc = report_error("fit", &err);
	} else {
		rc = cli_data_store("fit", st);
		if (!rc && !streams_given)
			rc = keep_fittable(&d, st, has_since, since, has_until,
					   until, fo.seed);
		if (rc)
			dur_fitdata_release(&d);
	}
	dur_store_free(st);
	if (rc)
		return rc;
	for (int i = 0; i < d.k; i++)
		if (d.nevents[i] < DUR_HAWKES_MIN_EVENTS) {
			char a[11], b[11];

			/* said here, by name: the fit would say it by number */
			fprintf(stderr,
				"durand fit: too little data: stream '%s' has "
				"%ld event%s in %s..%s and a fit needs at "
				"least %d a stream; widen the window or choose "
				"others with --streams\n",
				d.stream[i], d.nevents[i],
				d.nevents[i] == 1 ? "" : "s",
				dur_date_format(d.since, a),
				dur_date_format(d.until, b),
				DUR_HAWKES_MIN_EVENTS);
			dur_fitdata_release(&d);
			return 2;
		}
	cli_catch_signals();
	fo.stop = &cli_stop;
	if (baseline == BASELINE_YEAR) {
		seg = year_segments(&d, &nseg);
		if (!seg) {
			dur_fitdata_release(&d);
			fputs("durand fit: out of memory\n", stderr);
			return 1;
		}
	}
	if (fo.method == DUR_FIT_DAILY)
		rc = dur_fit_daily_seg(d.count, d.ndays, d.k, nseg, seg, &fo,
				       &f, &err);
	else
		rc = dur_fit_continuous(d.t, d.dim, d.n, (double)d.ndays, d.k,
					&fo, &f, &err);
	free(seg);
	if (rc) {
		dur_fitdata_release(&d);
		return report_error("fit", &err);
	}
	rc = output(&f, &d, (unsigned long long)fo.seed, format, report);
	if (!rc && scen)
		rc = write_scenario(&f, &d, db, base, scen, force);
	dur_fit_release(&f);
	dur_fitdata_release(&d);
	return rc;
}
