/* cmd_hindcast.c: `durand hindcast`, the model against the stated figures. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "cli.h"
#include "durand/result.h"
#include "durand/dataset.h"
#include "durand/numtext.h"
#include "durand/date.h"
#include "durand/hindcast.h"

static const struct cli_command cmd = {
	"hindcast", "[<name>|<file>]",
	"Run a scenario (default: afpak-2021) from its start up to DATE and "
	"hold each of its targets against the model: stated figure, median, "
	"90% interval and whether they are consistent (docs/hindcast.md)."
};

static const struct cli_choice periods[] = {
	{ "month", DUR_PERIOD_MONTH }, { "year", DUR_PERIOD_YEAR }, { NULL, 0 }
};

static void write_text(const struct dur_hindcast *h, FILE *fp,
		       const char *data)
{
	char a[11], b[11];

	dur_fprintf_num(fp, "durand %s: hindcast of '%s' from %s to %s, %ld runs, "
		    "seed %llu\n",
		DURAND_VERSION, h->sc->name, dur_date_format(h->sc->start, a),
		dur_date_format(h->until, b), h->runs,
		(unsigned long long)h->seed);
	fprintf(fp, "data: %s\n\n", data);
	dur_fprintf_num(fp, "%-22s %-10s %9s %9s   %-22s %s\n", "target", "stated as",
		"figure", "median", "[90% interval]", "consistent");
	for (int i = 0; i < h->sc->ntargets; i++) {
		const struct dur_target *t = &h->sc->target[i];
		double p;
		int ok = dur_hindcast_consistent(h, i, &p);
		char iv[48];

		snprintf(iv, sizeof(iv), "[%.0f, %.0f]",
			 dur_sketch_quantile(&h->target[i], 0.05),
			 dur_sketch_quantile(&h->target[i], 0.95));
		if (t->kind == DUR_TGT_EVENT)
			dur_fprintf_num(fp, "%-22s %-10s %9s %9s   %-22s %s (p = %.2f)\n",
				t->name, "event", "happened", "-", "",
				ok ? "yes" : "NO", p);
		else
			dur_fprintf_num(fp, "%-22s %-10s %9.0f %9.0f   %-22s %s\n",
				t->name, dur_target_kind_name(t->kind),
				t->value,
				dur_sketch_quantile(&h->target[i], 0.5), iv,
				ok ? "yes" : "NO");
	}
}

static void write_series_csv(const json_t *j, FILE *fp)
{
	json_t *e;
	size_t i;

	dur_fprintf_num(fp, "stream,period,days,q05,q50,q95\n");
	json_array_foreach(json_object_get(j, "series"), i, e)
		dur_fprintf_num(fp, "%s,%s,%lld,%g,%g,%g\n",
			json_string_value(json_object_get(e, "stream")),
			json_string_value(json_object_get(e, "period")),
			(long long)json_integer_value(json_object_get(e, "days")),
			json_number_value(json_object_get(e, "q05")),
			json_number_value(json_object_get(e, "q50")),
			json_number_value(json_object_get(e, "q95")));
}

/* The series (--series) as a table under the text: each stream's modelled
 * count per period, median and 90% of runs, under the stream's label and
 * unit (the table of outcomes). */
static void write_series_text(const json_t *j, FILE *fp)
{
	const json_t *ser = json_object_get(j, "series");
	const char *last = "";
	json_t *e;
	size_t i;

	if (!json_array_size(ser))
		return;
	dur_fprintf_num(fp, "\nPer period (modelled): median [90%% of runs]\n");
	json_array_foreach(ser, i, e)
	{
		const char *st = json_string_value(json_object_get(e, "stream"));
		struct dur_outcome_info in = { st, "", "", "" };
		char lab[160], a[32], b[32], c[32];

		if (!st)
			continue;
		if (strcmp(st, last)) {
			dur_result_outcome_info(st, &in, lab, sizeof(lab));
			fprintf(fp, "%s%s%s%s\n", in.label,
				*in.unit ? " (" : "", in.unit,
				*in.unit ? ")" : "");
			last = st;
		}
		fprintf(fp, "  %-10s %4lld days %10s   [%s, %s]\n",
			json_string_value(json_object_get(e, "period")),
			(long long)json_integer_value(json_object_get(e, "days")),
			dur_result_fmt_count(a, sizeof(a),
				json_number_value(json_object_get(e, "q50"))),
			dur_result_fmt_count(b, sizeof(b),
				json_number_value(json_object_get(e, "q05"))),
			dur_result_fmt_count(c, sizeof(c),
				json_number_value(json_object_get(e, "q95"))));
	}
}

static json_t *to_json(const void *h)
{
	return dur_hindcast_json(h);
}

static int write_other(const void *h, const json_t *j, int format, FILE *fp,
		       struct dur_error *err)
{
	(void)err;
	if (format == CLI_CSV)
		write_series_csv(j, fp);
	else {
		char data[1024];

		write_text(h, fp, cli_data_line(j, data, sizeof(data)));
		write_series_text(j, fp);
	}
	return 0;
}

int cmd_hindcast(int argc, char **argv)
{
	struct dur_hindcast_opts ho = DUR_HINDCAST_OPTS_INIT;
	const char *out_path = NULL, *report_path = NULL;
	int format = CLI_TEXT, rc = 0;
	struct cli_sets sets = { 0 };
	const struct cli_option opts[] = {
		CLI_OPT_UNTIL(&ho.until),
		CLI_OPT_RUNS(&ho.runs, 100000000L, "runs in the ensemble"),
		CLI_OPT_SEED(&ho.seed),
		CLI_OPT_THREADS(&ho.threads),
		CLI_OPT_CHOICE("series", &ho.period, periods,
			       "also each stream per month or year (q05, q50, "
			       "q95)"),
		CLI_OPT_FORMAT(&format, cli_formats),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_REPORT(&report_path),
		CLI_OPT_SET(&sets),
		CLI_OPT_END(),
	};
	struct cli_result out = { "hindcast", NULL, to_json, write_other,
				  { NULL, NULL } };
	struct dur_scenario *sc = NULL;
	struct dur_hindcast *h = NULL;
	struct dur_error err = { 0 };
	struct cli_progress prog;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	{
		const char *const opt[] = { "--out", "--report" };
		const char *const path[] = { out_path, report_path };

		if (cli_distinct_outputs("hindcast", 2, opt, path))
			return 2;
	}
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	if (format == CLI_CSV && ho.period == DUR_PERIOD_NONE)
		return bad_usage("hindcast", "--format csv needs --series");
	sc = cli_open_scenario("hindcast", argc ? argv[0] : "afpak-2021", &rc);
	if (!sc)
		return rc;
	rc = cli_apply_sets("hindcast", sc, &sets);
	if (rc)
		goto out_free;
	if (!sc->ntargets) {
		rc = bad_usage("hindcast", "scenario '%s' has no targets",
			       sc->name);
		goto out_free;
	}
	cli_catch_signals();
	ho.cancel = &cli_stop;
	cli_progress_start(&prog, "runs");
	ho.progress = cli_progress;
	ho.progress_ctx = &prog;
	if (dur_hindcast_run(sc, &ho, &h, &err)) {
		rc = report_error("hindcast", &err);
		goto out_free;
	}
	out.res = h;
	cli_data_set(dur_data_targets(sc));
	rc = cli_write_result(&out, format, out_path, report_path);
out_free:
	dur_hindcast_free(h);
	dur_scenario_free(sc);
	return rc;
}
