/*
 * forecast.c: where a forecast starts. A scenario that starts where the
 * built-in record ends starts from the record's filtered cloud; with
 * --as-of DATE the scenario is filtered through the record's facts before
 * DATE (from that cloud when it applies) and restarted on DATE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi.h"
#include "durand/date.h"
#include "durand/ensemble.h"
#include "durand/observe.h"

static void describe(struct dur_start_info *si, const struct dur_cloud *c,
		     const char *record, const char *scenario)
{
	si->filtered = 1;
	snprintf(si->record, sizeof(si->record), "%s", record);
	snprintf(si->record_sha256, sizeof(si->record_sha256), "%s",
		 c->record);
	si->facts = c->nfacts;
	si->filtered_from = c->from;
	snprintf(si->filtered_scenario, sizeof(si->filtered_scenario), "%s",
		 scenario);
}

int cli_forecast_start(const char *cmd, struct dur_scenario *sc,
		       const char *as_of, const char *record, long particles,
		       uint64_t seed, int threads, struct dur_cloud **cloud,
		       struct dur_start_info *si)
{
	struct dur_filter_opts fo = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *res = NULL;
	struct dur_cloud *builtin = NULL;
	struct dur_record *rec = NULL;
	struct dur_error err = { 0 };
	const char *why;
	char d1[16], d2[16];
	int rc = 0;

	*cloud = NULL;
	memset(si, 0, sizeof(*si));
	if (dur_cloud_builtin(&builtin, &err) || builtin->date != sc->start) {
		dur_cloud_free(builtin);
		builtin = NULL;
	}
	if (!as_of) {
		if (builtin)
			describe(si, builtin, "afpak (built-in)",
				 builtin->scenario);
		*cloud = builtin;
		return 0;
	}
	if (strlen(as_of) != 10 || dur_date_parse(as_of, 10, &fo.until, &why)) {
		dur_cloud_free(builtin);
		return bad_usage(cmd, "--as-of: expected a date YYYY-MM-DD, got "
				      "'%s'",
				 as_of);
	}
	if (fo.until <= sc->start) {
		dur_cloud_free(builtin);
		return bad_usage(cmd, "--as-of: %s is not after the scenario's "
				      "start, %s",
				 as_of, dur_date_format(sc->start, d1));
	}
	rec = cli_open_record(cmd, record, &rc);
	if (!rec) {
		dur_cloud_free(builtin);
		return rc;
	}
	if (dur_filter_default_until(rec) < fo.until)
		fprintf(stderr,
			"durand %s: note: the record's last fact ends on %s; "
			"to %s the model runs on without observations\n",
			cmd,
			dur_date_format(dur_filter_default_until(rec) - 1, d1),
			dur_date_format(fo.until, d2));
	fo.particles = particles;
	fo.replicates = 1;
	fo.seed = seed;
	fo.threads = threads;
	fo.start = builtin;
	fo.cancel = &cli_stop;
	fo.comm = cli_pf_comm(); /* its particles over MPI ranks */
	if (dur_filter_run(sc, rec, &fo, &res, &err)) {
		rc = report_error_rank0(cmd, &err);
	} else {
		char label[128];

		*cloud = res->cloud;
		res->cloud = NULL;
		if (builtin)
			(*cloud)->nfacts += builtin->nfacts;
		snprintf(label, sizeof(label), "%s", rec->name);
		describe(si, *cloud, label,
			 builtin ? builtin->scenario : sc->name);
		dur_scenario_restart(sc, fo.until);
	}
	dur_filter_result_free(res);
	dur_record_free(rec);
	dur_cloud_free(builtin);
	return rc;
}
