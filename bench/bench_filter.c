/*
 * bench_filter.c: how fast the particle filter runs over the built-in
 * record.
 *
 * Prints, over repeats, the wall and CPU time of one filter of afpak-2021
 * through the record (15 August 2021 to 21 October 2025) with N particles
 * (default 10,000) at 1 and 2 threads, particle-days per second, and the
 * ratio of the two thread counts taken in this one process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "durand/observe.h"

static double now(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void one(const struct dur_scenario *sc, const struct dur_record *rec,
		long n, int threads, double *wall, double *cpu, int *days)
{
	struct dur_filter_opts o = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *r = NULL;
	struct dur_error err;
	double w0, c0;

	o.particles = n;
	o.replicates = 1;
	o.threads = threads;
	o.until = dur_filter_default_until(rec);
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	if (dur_filter_run(sc, rec, &o, &r, &err)) {
		fprintf(stderr, "bench_filter: %s\n", err.msg);
		exit(1);
	}
	*wall = now(CLOCK_MONOTONIC) - w0;
	*cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
	*days = r->days;
	dur_filter_result_free(r);
}

int main(int argc, char **argv)
{
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_error err;
	long n = argc > 1 ? atol(argv[1]) : 10000;
	int reps = argc > 2 ? atoi(argv[2]) : 3, days = 0;
	double best[3] = { 1e300, 1e300, 1e300 }, cpu[3] = { 0, 0, 0 };

	if (dur_scenario_create("afpak-2021", NULL, &sc, &err) ||
	    dur_record_builtin("afpak", &rec, &err)) {
		fprintf(stderr, "bench_filter: cannot load afpak-2021 or the "
				"record\n");
		return 1;
	}
	for (int k = 0; k < reps; k++)
		for (int t = 1; t <= 2; t++) {
			double w, c;

			one(sc, rec, n, t, &w, &c, &days);
			if (w < best[t]) {
				best[t] = w;
				cpu[t] = c;
			}
		}
	printf("filter of afpak-2021 through the built-in record: %d days, "
	       "%ld particles, best of %d\n",
	       days, n, reps);
	for (int t = 1; t <= 2; t++)
		printf("  %d thread%s: %6.2f s wall, %6.2f s CPU, %5.2f M "
		       "particle-days/s\n",
		       t, t > 1 ? "s" : " ", best[t], cpu[t],
		       (double)n * days / best[t] / 1e6);
	printf("  2 threads / 1 thread: %.2f times faster\n",
	       best[1] / best[2]);
	dur_record_free(rec);
	dur_scenario_free(sc);
	return 0;
}
