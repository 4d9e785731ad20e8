/* cmd_sensitivity.c: `durand sensitivity`, which parameters move outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/dataset.h"
#include "durand/numtext.h"
#include "durand/sensitivity.h"

static const struct cli_command cmd = {
	"sensitivity", "[<name>|<file>]",
	"Global sensitivity of outcomes to parameters over their ranges "
	"(docs/sensitivity.md). Outcomes are outcome names (their mean) or "
	"'p:NAME' (the chance NAME >= 1), e.g. p:strikes_city."
};

static const struct cli_choice methods[] = {
	{ "morris", DUR_SA_MORRIS }, { "sobol", DUR_SA_SOBOL }, { NULL, 0 }
};

static int write_text(const void *res, const json_t *j, int format,
		      FILE *fp, struct dur_error *err)
{
	int morris = !strcmp(json_string_value(json_object_get(j, "method")),
			     "morris");
	size_t i, n;
	json_t *r, *p;

	(void)res, (void)format, (void)err;
	dur_fprintf_num(fp, "durand %s: %s sensitivity of '%s', %lld points x %lld "
		    "runs, %lld days, seed %lld\n",
		DURAND_VERSION, morris ? "Morris" : "Sobol",
		json_string_value(json_object_get(j, "scenario")),
		(long long)json_integer_value(json_object_get(j, "points")),
		(long long)json_integer_value(json_object_get(j, "runs")),
		(long long)json_integer_value(json_object_get(j, "days")),
		(long long)json_integer_value(json_object_get(j, "seed")));
	{
		char data[512];

		fprintf(fp, "data: %s\n",
			cli_data_line(j, data, sizeof(data)));
	}
	json_array_foreach(json_object_get(j, "results"), i, r)
	{
		dur_fprintf_num(fp, "\n%s, parameters ranked by %s:\n",
			json_string_value(json_object_get(r, "outcome")),
			morris ? "mu* (mean absolute elementary effect)"
			       : "total-order index ST");
		if (morris)
			dur_fprintf_num(fp, "  %-36s %12s %12s %12s\n", "parameter",
				"mu*", "sigma", "mu");
		else
			dur_fprintf_num(fp, "  %-36s %20s %20s\n", "parameter",
				"S1 [95%]", "ST [95%]");
		json_array_foreach(json_object_get(r, "params"), n, p)
		{
			const char *name =
				json_string_value(json_object_get(p, "name"));

			if (morris)
				dur_fprintf_num(fp, "  %-36s %12.4g %12.4g %12.4g\n",
					name,
					json_number_value(
						json_object_get(p, "mu_star")),
					json_number_value(
						json_object_get(p, "sigma")),
					json_number_value(
						json_object_get(p, "mu")));
			else {
				static const char *const k[6] = {
					"S1", "S1_lo", "S1_hi",
					"ST", "ST_lo", "ST_hi"
				};
				char v[6][32];

				for (int c = 0; c < 6; c++)
					cli_num(v[c], sizeof(v[c]),
						c % 3 ? 5 : 6, c % 3 ? 2 : 3,
						json_number_value(
							json_object_get(p,
									k[c])));
				dur_fprintf_num(fp, "  %-36s %s [%s,%s] %s [%s,%s]\n",
					name, v[0], v[1], v[2], v[3], v[4],
					v[5]);
			}
		}
	}
	return 0;
}

static json_t *to_json(const void *res)
{
	return dur_sensitivity_json(res);
}

int cmd_sensitivity(int argc, char **argv)
{
	struct dur_sensitivity_opts so = DUR_SENSITIVITY_OPTS_INIT;
	static const char *const default_stats[] = { DUR_SA_DEFAULT_STATS };
	const char *out_path = NULL, *report_path = NULL;
	const char *stats[DUR_SA_MAX_STATS];
	const char *paths[DUR_MAX_RANGES];
	const char *params = NULL;
	char *save = NULL;
	int format = CLI_TEXT, k = 0, nstat = 0, rc = 0;
	struct cli_sets sets = { 0 };
	const struct cli_option opts[] = {
		CLI_OPT_STRING("params", &params, "P,...|all",
			       "parameter paths, or 'all' with a range "
			       "(default all)"),
		CLI_OPT_CHOICE("method", &so.method, methods,
			       "morris: screening; sobol: indices"),
		CLI_OPT_LIST("outcome", stats, &nstat, DUR_SA_MAX_STATS,
			     "NAME",
			     "outcome to analyse (repeatable; default "
			     "fatalities_pakistan, p:strikes_city, "
			     "closure_days)"),
		CLI_OPT_RUNS(&so.runs, 10000000L, "runs per design point"),
		CLI_OPT_DAYS(&so.days),
		CLI_OPT_SEED(&so.seed),
		CLI_OPT_THREADS(&so.threads),
		CLI_OPT_INT("trajectories", &so.trajectories, 2, 10000, "R",
			    "Morris trajectories"),
		CLI_OPT_LONG("samples", &so.n, 8, 1000000, "N",
			     "Sobol base sample; N*(k+2) points"),
		CLI_OPT_FORMAT(&format, cli_formats_text_json),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_REPORT(&report_path),
		CLI_OPT_SET(&sets),
		CLI_OPT_END(),
	};
	struct cli_result out = { "sensitivity", NULL, to_json, write_text,
				  { NULL, NULL } };
	struct dur_scenario *sc = NULL;
	struct dur_sensitivity *res = NULL;
	struct dur_error err = { 0 };
	struct cli_progress prog;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	{
		const char *const opt[] = { "--out", "--report" };
		const char *const path[] = { out_path, report_path };

		if (cli_distinct_outputs("sensitivity", 2, opt, path))
			return 2;
	}
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	if (!nstat)
		for (size_t i = 0; i < sizeof(default_stats) / sizeof(*stats);
		     i++)
			stats[nstat++] = default_stats[i];
	sc = cli_open_scenario("sensitivity", argc ? argv[0] : "afpak", &rc);
	if (!sc)
		return rc;
	rc = cli_apply_sets("sensitivity", sc, &sets);
	if (rc)
		goto out_free;
	if (!so.days)
		so.days = sc->days;
	if (!params || !strcmp(params, "all")) {
		for (int i = 0; i < sc->nranges; i++)
			paths[k++] = sc->range[i].path;
	} else {
		/* params is an argv string, which may be written */
		for (char *t = strtok_r((char *)params, ",", &save);
		     t && k < DUR_MAX_RANGES; t = strtok_r(NULL, ",", &save))
			paths[k++] = t;
	}
	cli_catch_signals();
	so.cancel = &cli_stop;
	cli_progress_start(&prog, "design points");
	so.progress = cli_progress;
	so.progress_ctx = &prog;
	if (dur_sensitivity_run(sc, paths, k, stats, nstat, &so, &res, &err)) {
		rc = report_error("sensitivity", &err);
		goto out_free;
	}
	out.res = res;
	cli_data_set(dur_data_none("the model's outcomes over the "
				   "parameters' ranges, from the scenario's "
				   "own starting state"));
	rc = cli_write_result(&out, format, out_path, report_path);
out_free:
	dur_sensitivity_free(res);
	dur_scenario_free(sc);
	return rc;
}
