/*
 * bench_run.c: how fast the engine runs the default scenario.
 *
 * Prints run-days per second for the afpak scenario at 1 and 2 threads (and
 * their ratio, taken in one process so that machine noise hits both), and
 * the engine's own lower bound: the time of just the random blocks one
 * run-day consumes (Philox4x32-10 with a fresh substream per process per
 * day), without any model arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "durand/ensemble.h"
#include "durand/sim.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double rate(const struct dur_scenario *sc, long runs, int days,
		   int threads)
{
	struct dur_ensemble_opts o = DUR_ENSEMBLE_OPTS_INIT;
	struct dur_result *r = NULL;
	struct dur_error err;
	double t0, t1;

	o.runs = runs;
	o.days = days;
	o.threads = threads;
	t0 = now();
	if (dur_ensemble_run(sc, &o, &r, &err)) {
		fprintf(stderr, "bench_run: %s\n", err.msg);
		exit(1);
	}
	t1 = now();
	dur_result_free(r);
	return (double)runs * days / (t1 - t0);
}

int main(int argc, char **argv)
{
	struct dur_scenario *sc = NULL;
	struct dur_error err;
	long runs = argc > 1 ? atol(argv[1]) : 40000;
	int days = 180;
	double r1, r2, blocks = 0, t0, t1, sink = 0;
	int64_t out[256];
	struct dur_sim sim;
	struct dur_rng rng;
	long sample = 2000;

	if (dur_scenario_create("afpak", NULL, &sc, &err)) {
		fprintf(stderr, "bench_run: cannot load afpak\n");
		return 1;
	}
	/* random blocks per run-day, counted over a sample of runs */
	for (long r = 0; r < sample; r++) {
		dur_sim_init(&sim, sc, NULL, 1, r, out);
		for (int t = 0; t < days; t++) {
			uint64_t before = sim.rng.blocks;

			dur_sim_step(&sim);
			blocks += (double)(sim.rng.blocks - before);
		}
	}
	blocks /= (double)sample * days;
	rate(sc, runs / 10, days, 1); /* warm up */
	r1 = rate(sc, runs, days, 1);
	r2 = rate(sc, runs, days, 2);
	/* the lower bound: that many substream seeks and blocks */
	dur_rng_init(&rng, 1, 0);
	t0 = now();
	{
		long n = (long)(blocks * 4e6);

		for (long i = 0; i < n; i++) {
			dur_rng_seek(&rng, (uint32_t)i);
			sink += dur_rng_uniform(&rng);
		}
		t1 = now();
		printf("random blocks per run-day:         %.2f\n", blocks);
		printf("bare random draws, 1 thread:       %.1f million "
		       "run-days/s (the engine's lower bound)\n",
		       4.0 / (t1 - t0) * (n / (blocks * 4e6)));
	}
	printf("afpak, 1 thread:                   %.2f million run-days/s\n",
	       r1 / 1e6);
	printf("afpak, 2 threads:                  %.2f million run-days/s\n",
	       r2 / 1e6);
	printf("speed-up 2 threads / 1 thread:     %.2f\n", r2 / r1);
	if (sink < 0)
		printf("%g\n", sink);
	dur_scenario_free(sc);
	return 0;
}
