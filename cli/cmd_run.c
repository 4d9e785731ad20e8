/* cmd_run.c: `durand run`, an ensemble of a scenario, summarised. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "mpi.h"
#include "durand/cloud.h"
#include "durand/date.h"
#include "durand/ensemble.h"
#include "durand/filter_out.h"
#include "durand/record.h"
#include "durand/eventlog.h"
#include "durand/output.h"
#include "durand/result.h"

static const struct cli_command cmd = {
	"run", "[<name>|<file>]",
	"Run an ensemble of a scenario (default: afpak) and summarise it. "
	"With --shard K/N, only the K-th of N equal ranges of the runs, "
	"saved to --out as a .dsum part for `durand merge`. Built with MPI, "
	"`mpirun -n P durand run ...` divides the runs over P processes and "
	"rank 0 writes the same bytes as one process (docs/cluster.md)."
};

/* The what-ifs by name into eo; 2 after a message listing the scenario's
 * interventions if one is not among them. */
static int find_what_ifs(const struct dur_scenario *sc, const char **names,
			 int n, struct dur_ensemble_opts *eo)
{
	eo->nwhat_if = n;
	for (int i = 0; i < n; i++) {
		eo->what_if[i] = dur_scenario_intervention_find(sc, names[i]);
		if (eo->what_if[i] >= 0)
			continue;
		fprintf(stderr,
			"durand run: no intervention '%s' in scenario '%s'; "
			"it has:",
			names[i], sc->name);
		for (int k = 0; k < sc->ninterventions; k++)
			fprintf(stderr, " %s", sc->intervention[k].name);
		fputc('\n', stderr);
		return 2;
	}
	return 0;
}

json_t *cli_run_json(const void *res)
{
	return dur_result_json(res);
}

/* With --observables: the forecast in the record's terms, added to the
 * run's JSON under "observables" (docs/filter.md). */
static json_t *observables;

static json_t *run_json(const void *res)
{
	json_t *j = dur_result_json(res);

	if (j && observables)
		json_object_set(j, "observables", observables);
	return j;
}

/* The record's quantities by month over the horizon, from the cloud. */
static int forecast_observables(const struct dur_scenario *sc,
				const struct dur_cloud *cloud,
				const char *record,
				const struct dur_ensemble_opts *eo)
{
	struct dur_obs_forecast *f = NULL;
	struct dur_record *rec;
	struct dur_error err = { 0 };
	int rc = 0, months = 0, y, m, d;

	rec = cli_open_record("run", record, &rc);
	if (!rec)
		return rc;
	/* the months the horizon touches */
	dur_date_to_ymd(cloud->date, &y, &m, &d);
	while (dur_date_from_ymd(y + (m - 1 + months) / 12,
				 (m - 1 + months) % 12 + 1, 1) <
	       cloud->date + eo->days)
		months++;
	if (dur_obs_forecast_run(sc, rec, cloud, eo->days, months,
				 eo->runs < 2000 ? eo->runs : 2000, eo->seed,
				 eo->threads, &f, &err))
		rc = report_error("run", &err);
	else if (!(observables = dur_obs_forecast_json(f, rec)))
		rc = report_error("run", &(struct dur_error){
						 DUR_ENOMEM, "", 0, 0,
						 "out of memory" });
	dur_obs_forecast_free(f);
	dur_record_free(rec);
	return rc;
}

int cli_run_write(const void *res, const json_t *j, int format, FILE *fp,
		  struct dur_error *err)
{
	(void)j;
	if (format == CLI_CSV)
		return dur_result_write_csv(res, fp, err);
	return dur_result_write_text(res, fp, err);
}

int cmd_run(int argc, char **argv)
{
	struct dur_ensemble_opts eo = DUR_ENSEMBLE_OPTS_INIT;
	const char *what_if[DUR_MAX_WHAT_IFS];
	const char *events_path = NULL, *out_path = NULL, *report_path = NULL;
	const char *as_of = NULL, *record = NULL, *shard = NULL;
	const char *samples_path = NULL;
	const char *probs[DUR_MAX_PROBS];
	int nprobs = 0;
	struct cli_sets sets = { 0 };
	int64_t *samples = NULL;
	struct cli_part part = { 0 };
	struct dur_cloud *cloud = NULL;
	struct dur_start_info start = { 0 };
	long particles = 2000;
	int want_obs = 0;
	int nwhat_if = 0, days = 0, format = CLI_TEXT, rc = 0;
	const struct cli_option opts[] = {
		CLI_OPT_RUNS(&eo.runs, 1000000000L, "runs in the ensemble"),
		CLI_OPT_DAYS(&days),
		CLI_OPT_SEED(&eo.seed),
		CLI_OPT_THREADS(&eo.threads),
		CLI_OPT_LIST("what-if", what_if, &nwhat_if, DUR_MAX_WHAT_IFS,
			     "NAME",
			     "also run intervention NAME on common random "
			     "numbers and report its difference to the "
			     "baseline (repeatable)"),
		CLI_OPT_FORMAT(&format, cli_formats),
		CLI_OPT_STRING("events", &events_path, "FILE",
			       "write the event log of the first runs as CSV"),
		CLI_OPT_LONG("event-runs", &eo.event_runs, 1, 1000000, "N",
			     "how many runs the event log covers (default 1)"),
		CLI_OPT_OUT(&out_path),
		CLI_OPT_REPORT(&report_path),
		CLI_OPT_STRING("as-of", &as_of, "DATE",
			       "filter the scenario through the record's facts "
			       "before DATE and forecast from DATE "
			       "(docs/filter.md)"),
		CLI_OPT_STRING("record", &record, "FILE",
			       "the record for --as-of (default: the built-in "
			       "one)"),
		CLI_OPT_LONG("particles", &particles, 1, 10000000L, "N",
			     "particles of the --as-of filter"),
		CLI_OPT_LIST("prob", probs, &nprobs, DUR_MAX_PROBS,
			     "OUTCOME>X[@DATE]",
			     "also the share of runs with OUTCOME > X (or >=, "
			     "<, <=) over the horizon, or by the end of DATE, "
			     "with its interval (repeatable)"),
		CLI_OPT_SET(&sets),
		CLI_OPT_STRING("samples", &samples_path, "FILE",
			       "write every run's outcomes as CSV (run, "
			       "variant, outcome, value)"),
		CLI_OPT_FLAG("observables", &want_obs,
			     "also forecast the record's own quantities month "
			     "by month (JSON 'observables'; needs a filtered "
			     "start)"),
		CLI_OPT_STRING("shard", &shard, "K/N",
			       "run only the K-th (from 1) of N equal ranges "
			       "of the runs and save it to --out as a .dsum "
			       "part for `durand merge` (docs/dsum.md)"),
		CLI_OPT_END(),
	};
	struct dur_scenario *sc = NULL;
	struct dur_result *res = NULL;
	struct dur_error err = { 0 };
	struct dur_output ev = { 0 }, smp = { 0 };
	struct dur_eventlog log = { 0 };
	struct cli_progress prog;
	struct cli_result out = { "run", NULL, run_json, cli_run_write,
				  { NULL, NULL } };

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	{
		const char *const opt[] = { "--out", "--report", "--events" };
		const char *const path[] = { out_path, report_path, events_path };

		if (cli_distinct_outputs("run", 3, opt, path))
			return 2;
	}
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	if (shard && (rc = cli_parse_shard("run", shard, &part)))
		return rc;
	if (shard && (!out_path || format != CLI_TEXT || report_path ||
		      events_path || want_obs))
		return bad_usage("run", "--shard writes its part to --out as a "
					"binary .dsum; --format, --report, "
					"--events and --observables belong to "
					"`durand merge` or a whole run");
	if (samples_path && (shard || cli_comm_size() > 1))
		return bad_usage("run", "--samples needs every run in one "
					"process; not with --shard or MPI");
	sc = cli_open_scenario("run", argc ? argv[0] : "afpak", &rc);
	if (!sc)
		return rc;
	rc = cli_apply_sets("run", sc, &sets);
	if (rc)
		goto out_free;
	eo.days = days ? days : sc->days;
	rc = find_what_ifs(sc, what_if, nwhat_if, &eo);
	if (rc)
		goto out_free;
	for (int k = 0; k < nprobs; k++)
		if (dur_threshold_parse(sc, probs[k], &eo.prob[k], &err)) {
			rc = bad_usage("run", "--prob %s", err.msg);
			goto out_free;
		}
	eo.nprobs = nprobs;
	if (samples_path) {
		long per = (long)(1 + nwhat_if) * dur_outcome_count(sc);

		if (eo.runs > (1L << 31) / per) {
			rc = bad_usage("run", "--samples: %ld runs of %ld "
					      "values each are too many to "
					      "hold; use fewer --runs",
				       eo.runs, per);
			goto out_free;
		}
		samples = calloc((size_t)(eo.runs * per), sizeof(*samples));
		if (!samples) {
			fprintf(stderr, "durand run: --samples: out of memory "
					"for %ld values\n",
				eo.runs * per);
			rc = 1;
			goto out_free;
		}
		eo.samples = samples;
	}
	cli_catch_signals();
	rc = cli_forecast_start("run", sc, as_of, record, particles, eo.seed,
				eo.threads, &cloud, &start);
	if (rc)
		goto out_free;
	/* a dated threshold within the horizon, from the start the run has
	 * (--as-of moves it) */
	for (int k = 0; k < nprobs; k++)
		if (dur_threshold_check(&eo.prob[k], sc->start, eo.days,
					&err)) {
			rc = bad_usage("run", "--prob %s", err.msg);
			goto out_free;
		}
	eo.cloud = cloud;
	if (cloud) {
		part.cloud_states = cloud->n;
		part.cloud_seed = cloud->seed;
	}
	rc = cli_part_plan(&part, "run", argc ? argv[0] : "afpak", &eo);
	if (rc)
		goto out_free;
	eo.cancel = &cli_stop;
	cli_progress_start(&prog, "runs");
	eo.progress = cli_progress;
	eo.progress_ctx = &prog;
	/* a failure here still takes part in an MPI gather below */
	if (events_path && cli_comm_rank() == 0 &&
	    dur_output_open(&ev, events_path, &err))
		rc = report_error("run", &err);
	else if (events_path && cli_comm_rank() == 0) {
		log.sc = sc;
		log.fp = ev.fp;
		dur_eventlog_begin(&log);
		eo.on_event = dur_eventlog_add;
		eo.event_ctx = &log;
		if (!eo.event_runs)
			eo.event_runs = 1;
		/* the event log first: if it cannot be written, no summary */
		out.first[0] = &ev;
	}
	if (!rc && dur_ensemble_run(sc, &eo, &res, &err))
		rc = report_error("run", &err);
	if (res)
		res->start = start;
	if (!rc && res && want_obs) {
		if (!cloud)
			rc = bad_usage("run", "--observables needs a filtered "
					      "start: --as-of DATE, or a "
					      "scenario that starts where the "
					      "record ends");
		else
			rc = forecast_observables(sc, cloud, record, &eo);
	}
	if (cli_comm_size() > 1) /* every rank, failed or not */
		rc = cli_part_gather(&part, "run", &res, rc);
	if (rc || !res) { /* failed, or an MPI rank other than 0: done */
		dur_output_abort(&ev);
		goto out_free;
	}
	if (shard) {
		if (cli_part_save(&part, res, out_path, &err))
			rc = report_error("run", &err);
		goto out_free;
	}
	if (samples_path) {
		if (dur_output_open(&smp, samples_path, &err) ||
		    dur_result_write_samples(res, samples, smp.fp, &err)) {
			dur_output_abort(&smp);
			dur_output_abort(&ev);
			rc = report_error("run", &err);
			goto out_free;
		}
		out.first[1] = &smp;
	}
	out.res = res;
	rc = cli_write_result(&out, format, out_path, report_path);
out_free:
	free(samples);
	dur_result_free(res);
	dur_cloud_free(cloud);
	cli_part_release(&part);
	json_decref(observables);
	observables = NULL;
	dur_scenario_free(sc);
	return rc;
}
