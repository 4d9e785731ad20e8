/*
 * bench_shard.c: what dividing an ensemble costs.
 *
 * 1. The cost of one part for the merge: encoding a part of an afpak
 *    ensemble (730 days, one what-if) as .dsum bytes, and decoding and
 *    merging it as rank 0 or `durand merge` does, per shard, with its size.
 * 2. Strong scaling of `durand run` from 1 to 2 MPI processes on this
 *    machine (--threads 1 each; best of 3 wall times; efficiency
 *    T1 / (2 T2)), when ./durand was built with MPI=1 and mpirun is there.
 * 3. From these, a model (not a measurement) of the efficiency at 64 and
 *    512 ranks of the big job, 10 million runs of 730 days:
 *    T(P) = W / P + s + P (m + B / bw), with W the one-core work, s the
 *    start-up measured at 2 ranks, m and B the merge cost and bytes per
 *    part measured here, bw an assumed 1.25 GB/s into rank 0 (10 GbE); the
 *    gather is serial at rank 0, in rank order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "durand/dsum.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what, const struct dur_error *err)
{
	fprintf(stderr, "bench_shard: %s: %s\n", what, err->msg);
	exit(1);
}

/* Best of 3 wall times of a shell command; -1 if it fails. */
static double best_of_3(const char *cmd)
{
	double best = -1;

	for (int i = 0; i < 3; i++) {
		double t0 = now();

		if (system(cmd) != 0)
			return -1;
		if (best < 0 || now() - t0 < best)
			best = now() - t0;
	}
	return best;
}

int main(int argc, char **argv)
{
	struct dur_scenario *sc = malloc(sizeof(*sc));
	const char *text = dur_scenario_builtin_text("afpak");
	struct dur_ensemble_opts o = DUR_ENSEMBLE_OPTS_INIT;
	struct dur_dsum_info info = { 0 };
	struct dur_result *r, *whole;
	struct dur_dsum *d;
	struct dur_error err;
	unsigned char *buf;
	size_t size;
	long runs = argc > 1 ? atol(argv[1]) : 40000;
	int reps = 20;
	double t0, enc, dec, per_run, t1 = -1, t2 = -1, s = 0;
	char cmd[512];

	if (!sc || dur_scenario_open(sc, "afpak", NULL, &err))
		die("afpak", &err);
	o.runs = 2000;
	o.days = 730;
	o.threads = 1;
	o.nwhat_if = 1;
	o.what_if[0] = dur_scenario_intervention_find(sc, "joint_mechanism");
	t0 = now();
	if (dur_ensemble_run(sc, &o, &r, &err))
		die("run", &err);
	per_run = (now() - t0) / (double)o.runs;
	dur_dsum_scenario_digest(text, strlen(text), info.scenario_sha256);
	info.total_runs = o.runs;
	t0 = now();
	for (int i = 0; i < reps; i++) {
		if (dur_dsum_encode(r, &info, text, strlen(text), &buf, &size,
				    &err))
			die("encode", &err);
		if (i < reps - 1)
			free(buf);
	}
	enc = (now() - t0) / reps;
	whole = dur_result_create(sc, o.days, o.seed, o.nwhat_if, o.what_if);
	t0 = now();
	for (int i = 0; i < reps; i++) {
		if (dur_dsum_decode(buf, size, "part", &d, &err))
			die("decode", &err);
		if (dur_result_merge(whole, d->res))
			return 1;
		dur_dsum_free(d);
	}
	dec = (now() - t0) / reps;
	printf("part of %ld runs x %d days, 1 what-if: %.1f KB; encode %.2f "
	       "ms, decode and merge %.2f ms (a run: %.2f ms of one core)\n",
	       o.runs, o.days, (double)size / 1e3, 1e3 * enc, 1e3 * dec,
	       1e3 * per_run);

	if (system("ldd ./durand 2>/dev/null | grep -q libmpi && "
		   "command -v mpirun >/dev/null") == 0) {
		const char *mpi = "mpirun --oversubscribe --allow-run-as-root";

		snprintf(cmd, sizeof(cmd),
			 "%s -n 1 ./durand run --runs %ld --threads 1 "
			 "--format json --out /dev/null",
			 mpi, runs);
		t1 = best_of_3(cmd);
		snprintf(cmd, sizeof(cmd),
			 "%s -n 2 ./durand run --runs %ld --threads 1 "
			 "--format json --out /dev/null",
			 mpi, runs);
		t2 = best_of_3(cmd);
		snprintf(cmd, sizeof(cmd),
			 "%s -n 2 ./durand run --runs 2 --threads 1 "
			 "--format json --out /dev/null",
			 mpi);
		s = best_of_3(cmd);
	}
	if (t1 > 0 && t2 > 0)
		printf("durand run --runs %ld (180 days), 1 thread a rank: 1 "
		       "rank %.2f s, 2 ranks %.2f s: speed-up %.2f, efficiency "
		       "%.0f%% (start-up and output at 2 ranks: %.2f s)\n",
		       runs, t1, t2, t1 / t2, 100 * t1 / (2 * t2), s);
	else
		printf("strong scaling: skipped, ./durand has no MPI (make "
		       "MPI=1) or there is no mpirun\n");

	/* the model */
	{
		double big = 1e7 * per_run, bw = 1.25e9;
		int ps[2] = { 64, 512 };

		if (s <= 0)
			s = 0.5; /* assumed when not measured */
		for (int i = 0; i < 2; i++) {
			int p = ps[i];
			double tp = big / p + s + p * (dec + (double)size / bw);

			printf("model, 10M runs x 730 days on %d ranks: %.0f s "
			       "(one core: %.0f s), efficiency %.1f%%\n",
			       p, tp, big, 100 * big / (p * tp));
		}
	}
	dur_result_free(whole);
	dur_result_free(r);
	free(buf);
	free(sc);
	return 0;
}
