/* cmd_hindcast.c: `durand hindcast`, the model against the stated figures. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/date.h"
#include "durand/hindcast.h"
#include "durand/output.h"
#include "durand/report.h"
#include "durand/chart.h"
#include "durand/result.h"

static const char hindcast_usage[] =
	"usage: durand hindcast [<name>|<file>] [--until DATE] [--runs N] [--seed S]\n"
	"                       [--threads T] [--series month|year]\n"
	"                       [--format text|json|csv] [--out FILE] [--report FILE]\n"
	"\n"
	"Run a scenario (default: afpak-2021) up to DATE (default 2025-10-12) and\n"
	"hold each of its targets against the model: stated figure, median, 90%\n"
	"interval and whether they are consistent (docs/hindcast.md).\n"
	"\n"
	"  --runs N        runs (default 2000)\n"
	"  --series P      also each stream per month or year (q05, q50, q95)\n"
	"  --format F      text (default), json, or csv (the series, with --series)\n"
	"  --report FILE   also write a self-contained HTML report";

enum { OPT_UNTIL = 256, OPT_RUNS, OPT_SEED, OPT_THREADS, OPT_SERIES,
       OPT_FORMAT, OPT_OUT, OPT_REPORT };

static void write_text(const struct dur_hindcast *h, FILE *fp)
{
	char a[11], b[11];

	fprintf(fp, "durand %s: hindcast of '%s' from %s to %s, %ld runs, "
		    "seed %llu\n\n",
		DURAND_VERSION, h->sc->name, dur_date_format(h->sc->start, a),
		dur_date_format(h->until, b), h->runs,
		(unsigned long long)h->seed);
	fprintf(fp, "%-22s %-10s %9s %9s   %-22s %s\n", "target", "stated as",
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
			fprintf(fp, "%-22s %-10s %9s %9s   %-22s %s (p = %.2f)\n",
				t->name, "event", "happened", "-", "",
				ok ? "yes" : "NO", p);
		else
			fprintf(fp, "%-22s %-10s %9.0f %9.0f   %-22s %s\n",
				t->name, dur_target_kind_name(t->kind),
				t->value,
				dur_sketch_quantile(&h->target[i], 0.5), iv,
				ok ? "yes" : "NO");
	}
}

static void write_series_csv(const struct dur_hindcast *h, FILE *fp)
{
	json_t *j = dur_hindcast_json(h), *e;
	size_t i;

	fprintf(fp, "stream,period,days,q05,q50,q95\n");
	json_array_foreach(json_object_get(j, "series"), i, e)
		fprintf(fp, "%s,%s,%lld,%g,%g,%g\n",
			json_string_value(json_object_get(e, "stream")),
			json_string_value(json_object_get(e, "period")),
			(long long)json_integer_value(json_object_get(e, "days")),
			json_number_value(json_object_get(e, "q05")),
			json_number_value(json_object_get(e, "q50")),
			json_number_value(json_object_get(e, "q95")));
	json_decref(j);
}

int cmd_hindcast(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "runs", required_argument, NULL, OPT_RUNS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "series", required_argument, NULL, OPT_SERIES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dur_hindcast_opts ho = { 2000, 1, 0, 0, DUR_PERIOD_NONE, NULL,
					NULL, NULL };
	const char *name = "afpak-2021", *format = "text", *until = "2025-10-12";
	const char *out_path = NULL, *report_path = NULL, *why;
	struct dur_scenario *sc = NULL;
	struct dur_hindcast *h = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	struct cli_progress prog;
	int c, rc = 0;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", hindcast_usage);
			return 0;
		case OPT_UNTIL:
			until = optarg;
			break;
		case OPT_RUNS:
			if (parse_long("hindcast", "--runs", optarg, 1,
				       100000000L, &v))
				return 2;
			ho.runs = v;
			break;
		case OPT_SEED:
			if (parse_seed("hindcast", optarg, &ho.seed))
				return 2;
			break;
		case OPT_THREADS:
			if (parse_threads("hindcast", optarg, &ho.threads))
				return 2;
			break;
		case OPT_SERIES:
		{
			static const char *const periods[] = { "month", "year",
								NULL };
			int k = parse_choice("hindcast", "--series", optarg,
					     periods);

			if (k < 0)
				return 2;
			ho.period = k ? DUR_PERIOD_YEAR : DUR_PERIOD_MONTH;
		}
			break;
		case OPT_FORMAT:
			format = optarg;
			if (parse_choice("hindcast", "--format", format,
					 cli_formats) < 0)
				return 2;
			break;
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_REPORT:
			report_path = optarg;
			break;
		default:
			bad_usage("hindcast", "unknown option '%s'",
				  argv[optind - 1]);
			return usage_error(hindcast_usage);
		}
	}
	if (argc - optind > 1)
		return usage_error(hindcast_usage);
	if (optind < argc)
		name = argv[optind];
	if (!strcmp(format, "csv") && ho.period == DUR_PERIOD_NONE)
		return bad_usage("hindcast", "--format csv needs --series");
	if (strlen(until) != 10 || dur_date_parse(until, 10, &ho.until, &why))
		return bad_usage("hindcast", "--until: expected a date as "
					     "YYYY-MM-DD, got '%s'",
				 until);
	{
		const char *const opt[] = { "--out", "--report" };
		const char *const path[] = { out_path, report_path };

		if (cli_distinct_outputs("hindcast", 2, opt, path))
			return 2;
	}
	sc = cli_open_scenario("hindcast", name, &rc);
	if (!sc)
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
	if (dur_hindcast_run(sc, &ho, &h, &err) ||
	    dur_output_open(&out, out_path, &err)) {
		rc = report_error("hindcast", &err);
		goto out_free;
	}
	if (report_path) {
		json_t *j = dur_hindcast_json(h);

		rc = j ? dur_report_write(j, report_path, &err) : DUR_ENOMEM;
		json_decref(j);
		if (rc) {
			dur_output_abort(&out);
			rc = report_error("hindcast", &err);
			goto out_free;
		}
	}
	if (!strcmp(format, "json")) {
		json_t *j = dur_hindcast_json(h);

		rc = j ? dur_json_write(j, out.fp, &err) : DUR_ENOMEM;
		json_decref(j);
	} else if (!strcmp(format, "csv")) {
		write_series_csv(h, out.fp);
	} else {
		write_text(h, out.fp);
	}
	if (rc || dur_output_commit(&out, &err)) {
		dur_output_abort(&out);
		rc = report_error("hindcast", &err);
	}
out_free:
	if (report_path)
		dur_chart_cleanup();
	dur_hindcast_free(h);
	free(sc);
	return rc;
}
