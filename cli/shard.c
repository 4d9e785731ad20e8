/*
 * shard.c: the share of an ensemble's runs this process computes (the K-th
 * of N equal index ranges for --shard K/N, or its MPI rank's range), the
 * part saved as a .dsum, and the parts of all ranks gathered to rank 0 and
 * merged in rank order (mpi.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mpi.h"
#include "durand/dsum.h"

int cli_parse_shard(const char *cmd, const char *s, struct cli_part *p)
{
	const char *given = s;
	char *end;
	long a, b;

	a = strtol(s, &end, 10);
	if (end == s || *end != '/')
		goto bad;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || b < 1 || b > 1000000 || a < 1 || a > b)
		goto bad;
	p->k = (int)a;
	p->nshards = (int)b;
	return 0;
bad:
	return bad_usage(cmd, "--shard: expected K/N with 1 <= K <= N (the "
			      "K-th of N parts, counted from 1), got '%s'",
			 given);
}

/* The index range of part i (0-based) of n equal parts of runs. */
static void share(long runs, int i, int n, long *first, long *count)
{
	long a = (long)((__int128)runs * i / n);
	long b = (long)((__int128)runs * (i + 1) / n);

	*first = a;
	*count = b - a;
}

int cli_part_plan(struct cli_part *p, const char *cmd, const char *name,
		  struct dur_ensemble_opts *eo)
{
	struct dur_error err = { 0 };
	int i = p->k - 1, n = p->nshards;

	p->total_runs = eo->runs;
	if (p->nshards && cli_comm_size() > 1)
		return bad_usage(cmd, "--shard and MPI both divide the runs; "
				      "use one of them");
	if (!p->nshards) {
		i = cli_comm_rank();
		n = cli_comm_size();
	}
	if (n > 1 && eo->runs < n)
		return bad_usage(cmd, "%ld runs cannot be divided into %d "
				      "parts of at least one run",
				 eo->runs, n);
	share(eo->runs, i, n, &eo->first_run, &eo->runs);
	if (n > 1 && eo->event_runs > eo->runs && cli_comm_size() > 1)
		return bad_usage(cmd, "--event-runs %ld is more than the %ld "
				      "runs of MPI rank 0, which writes the "
				      "event log",
				 eo->event_runs, eo->runs);
	if (n == 1 && !p->nshards)
		return 0; /* one process: nothing to save or gather */
	p->text = dur_scenario_text(name, &err);
	if (!p->text)
		return report_error(cmd, &err);
	/* the part carries the scenario the runs ran: --set's changes in */
	if (cli_sets_text(cmd, &p->text))
		return 2;
	p->len = strlen(p->text);
	p->note = cli_provenance_text();
	if (dur_dsum_scenario_digest(p->text, p->len, p->sha256)) {
		fprintf(stderr, "durand %s: cannot compute a SHA-256 digest\n",
			cmd);
		return 1;
	}
	return 0;
}

static void part_info(const struct cli_part *p, struct dur_dsum_info *in)
{
	memset(in, 0, sizeof(*in));
	snprintf(in->scenario_sha256, sizeof(in->scenario_sha256), "%s",
		 p->sha256);
	in->total_runs = p->total_runs;
	in->shard = p->k;
	in->nshards = p->nshards;
	in->cloud_states = p->cloud_states;
	in->cloud_seed = p->cloud_seed;
	in->note = p->note;
}

int cli_part_save(const struct cli_part *p, const struct dur_result *res,
		  const char *path, struct dur_error *err)
{
	struct dur_dsum_info in;

	part_info(p, &in);
	return dur_dsum_save(res, &in, p->text, p->len, path, err);
}

int cli_part_gather(const struct cli_part *p, const char *cmd,
		    struct dur_result **res, int rc)
{
	struct dur_dsum_info in;
	struct dur_error err = { 0 };
	unsigned char *buf = NULL, **all = NULL;
	size_t n = 0, *len = NULL;
	int size = cli_comm_size();

	part_info(p, &in);
	/* a rank that failed sends nothing, and rank 0 says so */
	if (!rc && *res && dur_dsum_encode(*res, &in, p->text, p->len, &buf,
					  &n, &err))
		rc = report_error(cmd, &err);
	if (cli_comm_gather(buf, n, &all, &len)) {
		fprintf(stderr, "durand %s: rank %d: MPI gather failed\n", cmd,
			cli_comm_rank());
		rc = rc ? rc : 1;
	}
	free(buf);
	if (cli_comm_rank() != 0) {
		dur_result_free(*res);
		*res = NULL;
		return rc;
	}
	for (int r = 1; !rc && r < size; r++) {
		struct dur_dsum *d = NULL;
		char name[64];

		snprintf(name, sizeof(name), "<part of MPI rank %d>", r);
		if (!len[r]) {
			fprintf(stderr,
				"durand %s: MPI rank %d of %d failed (see its "
				"message); no output written\n",
				cmd, r, size);
			rc = 1;
		} else if (dur_dsum_decode(all[r], len[r], name, &d, &err)) {
			rc = report_error(cmd, &err);
		} else if (d->info.first_run != (*res)->first_run + (*res)->runs ||
			   strcmp(d->info.scenario_sha256, p->sha256) ||
			   d->info.seed != (*res)->seed ||
			   d->info.start != (*res)->sc->start) {
			fprintf(stderr,
				"durand %s: MPI rank %d computed another "
				"ensemble or range; no output written\n",
				cmd, r);
			rc = 1;
		} else if (dur_result_merge(*res, d->res)) {
			fprintf(stderr, "durand %s: out of memory merging the "
					"parts\n",
				cmd);
			rc = 1;
		}
		dur_dsum_free(d);
	}
	cli_comm_free_blobs(all, len);
	return rc;
}

void cli_part_release(struct cli_part *p)
{
	free(p->text);
	p->text = NULL;
	free(p->note);
	p->note = NULL;
}
