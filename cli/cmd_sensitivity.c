/* cmd_sensitivity.c: `durand sensitivity`, which parameters move outcomes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/output.h"
#include "durand/report.h"
#include "durand/chart.h"
#include "durand/result.h"
#include "durand/sensitivity.h"

static const char sensitivity_usage[] =
	"usage: durand sensitivity [<name>|<file>] [--params P,...|all]\n"
	"                          [--method morris|sobol] [--outcome NAME]...\n"
	"                          [--runs N] [--days D] [--seed S] [--threads T]\n"
	"                          [--trajectories R] [--samples N]\n"
	"                          [--format text|json] [--out FILE] [--report FILE]\n"
	"\n"
	"Global sensitivity of outcomes to parameters over their ranges\n"
	"(docs/sensitivity.md). Outcomes are outcome names (their mean) or\n"
	"'p:NAME' (the chance NAME >= 1), e.g. p:strikes_city.\n"
	"\n"
	"  --params P,...    parameter paths, or 'all' with a range (default all)\n"
	"  --method M        morris (default; screening) or sobol (indices)\n"
	"  --outcome NAME    outcome to analyse (repeatable; default\n"
	"                    fatalities_pakistan, p:strikes_city, closure_days)\n"
	"  --runs N          runs per design point (default 100)\n"
	"  --trajectories R  Morris trajectories (default 10)\n"
	"  --samples N       Sobol base sample (default 256; N*(k+2) points)\n"
	"  --report FILE     also write a self-contained HTML report";

enum { OPT_PARAMS = 256, OPT_METHOD, OPT_OUTCOME, OPT_RUNS, OPT_DAYS,
       OPT_SEED, OPT_THREADS, OPT_TRAJ, OPT_SAMPLES, OPT_FORMAT, OPT_OUT,
       OPT_REPORT };

static void write_text(const json_t *j, FILE *fp)
{
	int morris = !strcmp(json_string_value(json_object_get(j, "method")),
			     "morris");
	size_t i, n;
	json_t *r, *p;

	fprintf(fp, "durand %s: %s sensitivity of '%s', %lld points x %lld "
		    "runs, %lld days, seed %lld\n",
		DURAND_VERSION, morris ? "Morris" : "Sobol",
		json_string_value(json_object_get(j, "scenario")),
		(long long)json_integer_value(json_object_get(j, "points")),
		(long long)json_integer_value(json_object_get(j, "runs")),
		(long long)json_integer_value(json_object_get(j, "days")),
		(long long)json_integer_value(json_object_get(j, "seed")));
	json_array_foreach(json_object_get(j, "results"), i, r)
	{
		fprintf(fp, "\n%s, parameters ranked by %s:\n",
			json_string_value(json_object_get(r, "outcome")),
			morris ? "mu* (mean absolute elementary effect)"
			       : "total-order index ST");
		if (morris)
			fprintf(fp, "  %-36s %12s %12s %12s\n", "parameter",
				"mu*", "sigma", "mu");
		else
			fprintf(fp, "  %-36s %20s %20s\n", "parameter",
				"S1 [95%]", "ST [95%]");
		json_array_foreach(json_object_get(r, "params"), n, p)
		{
			const char *name =
				json_string_value(json_object_get(p, "name"));

			if (morris)
				fprintf(fp, "  %-36s %12.4g %12.4g %12.4g\n",
					name,
					json_number_value(
						json_object_get(p, "mu_star")),
					json_number_value(
						json_object_get(p, "sigma")),
					json_number_value(
						json_object_get(p, "mu")));
			else
				fprintf(fp,
					"  %-36s %6.3f [%5.2f,%5.2f] %6.3f "
					"[%5.2f,%5.2f]\n",
					name,
					json_number_value(json_object_get(p, "S1")),
					json_number_value(
						json_object_get(p, "S1_lo")),
					json_number_value(
						json_object_get(p, "S1_hi")),
					json_number_value(json_object_get(p, "ST")),
					json_number_value(
						json_object_get(p, "ST_lo")),
					json_number_value(
						json_object_get(p, "ST_hi")));
		}
	}
}

int cmd_sensitivity(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "params", required_argument, NULL, OPT_PARAMS },
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "outcome", required_argument, NULL, OPT_OUTCOME },
		{ "runs", required_argument, NULL, OPT_RUNS },
		{ "days", required_argument, NULL, OPT_DAYS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "trajectories", required_argument, NULL, OPT_TRAJ },
		{ "samples", required_argument, NULL, OPT_SAMPLES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_sensitivity_opts so = { DUR_SA_MORRIS, 100, 0, 1, 0, 10,
					   256, NULL, NULL, NULL };
	const char *name = "afpak", *format = "text", *out_path = NULL;
	const char *report_path = NULL;
	const char *stats[DUR_SA_MAX_STATS];
	const char *paths[DUR_MAX_RANGES];
	char *params = NULL, *save = NULL;
	struct dur_scenario *sc = NULL;
	struct dur_sensitivity *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	struct cli_progress prog;
	int c, k = 0, nstat = 0, rc = 0;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", sensitivity_usage);
			return 0;
		case OPT_PARAMS:
			params = optarg;
			break;
		case OPT_METHOD:
		{
			static const char *const methods[] = { "morris", "sobol",
								NULL };
			int m = parse_choice("sensitivity", "--method", optarg,
					     methods);

			if (m < 0)
				return 2;
			so.method = m ? DUR_SA_SOBOL : DUR_SA_MORRIS;
		}
			break;
		case OPT_OUTCOME:
			if (nstat == DUR_SA_MAX_STATS)
				return bad_usage("sensitivity",
						 "at most %d --outcome",
						 DUR_SA_MAX_STATS);
			stats[nstat++] = optarg;
			break;
		case OPT_RUNS:
			if (parse_long("sensitivity", "--runs", optarg, 1,
				       10000000L, &v))
				return 2;
			so.runs = v;
			break;
		case OPT_DAYS:
			if (parse_long("sensitivity", "--days", optarg, 1,
				       36500, &v))
				return 2;
			so.days = (int)v;
			break;
		case OPT_SEED:
			if (parse_seed("sensitivity", optarg, &so.seed))
				return 2;
			break;
		case OPT_THREADS:
			if (parse_threads("sensitivity", optarg, &so.threads))
				return 2;
			break;
		case OPT_TRAJ:
			if (parse_long("sensitivity", "--trajectories", optarg,
				       2, 10000, &v))
				return 2;
			so.trajectories = (int)v;
			break;
		case OPT_SAMPLES:
			if (parse_long("sensitivity", "--samples", optarg, 8,
				       1000000, &v))
				return 2;
			so.n = v;
			break;
		case OPT_FORMAT:
		{
			static const char *const formats[] = { "text", "json",
								NULL };

			format = optarg;
			if (parse_choice("sensitivity", "--format", format,
					 formats) < 0)
				return 2;
		}
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_REPORT:
			report_path = optarg;
			break;
		default:
			bad_usage("sensitivity", "unknown option '%s'",
				  argv[optind - 1]);
			return usage_error(sensitivity_usage);
		}
	}
	if (argc - optind > 1)
		return usage_error(sensitivity_usage);
	if (optind < argc)
		name = argv[optind];
	if (!nstat) {
		stats[nstat++] = "fatalities_pakistan";
		stats[nstat++] = "p:strikes_city";
		stats[nstat++] = "closure_days";
	}
	{
		const char *const opt[] = { "--out", "--report" };
		const char *const path[] = { out_path, report_path };

		if (cli_distinct_outputs("sensitivity", 2, opt, path))
			return 2;
	}
	sc = cli_open_scenario("sensitivity", name, &rc);
	if (!sc)
		goto out_free;
	if (!so.days)
		so.days = sc->days;
	if (!params || !strcmp(params, "all")) {
		for (int i = 0; i < sc->nranges; i++)
			paths[k++] = sc->range[i].path;
	} else {
		for (char *t = strtok_r(params, ",", &save);
		     t && k < DUR_MAX_RANGES; t = strtok_r(NULL, ",", &save))
			paths[k++] = t;
	}
	cli_catch_signals();
	so.cancel = &cli_stop;
	cli_progress_start(&prog, "design points");
	so.progress = cli_progress;
	so.progress_ctx = &prog;
	if (dur_sensitivity_run(sc, paths, k, stats, nstat, &so, &res, &err) ||
	    dur_output_open(&out, out_path, &err)) {
		rc = report_error("sensitivity", &err);
		goto out_free;
	}
	{
		json_t *j = dur_sensitivity_json(res);

		if (report_path)
			rc = dur_report_write(j, report_path, &err);
		if (rc)
			;
		else if (!strcmp(format, "json"))
			rc = dur_json_write(j, out.fp, &err);
		else
			write_text(j, out.fp);
		json_decref(j);
	}
	if (rc || dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		rc = report_error("sensitivity", &err);
	}
out_free:
	if (report_path)
		dur_chart_cleanup();
	dur_sensitivity_free(res);
	free(sc);
	return rc;
}
