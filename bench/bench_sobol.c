/*
 * bench_sobol.c: the cost of the Sobol' machinery itself, the design and
 * the analysis with and without its bootstrap, for k = 10 parameters and
 * n = 10000 base rows (120000 model runs), the model excluded. Prints
 * microseconds per sample (per design row, i.e. per model run), the best
 * of a few repetitions. Threads: OMP_NUM_THREADS, as for the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
#include <omp.h>

#include "durand/sobol.h"

#define K 10
#define N 10000
#define REPS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double model(const double *x)
{
	double y = 0;

	for (int i = 0; i < K; i++)
		y += (i + 1) * x[i] + 0.1 * x[i] * x[(i + 1) % K];
	return y;
}

static int bench(size_t boot, unsigned flags, double *t_design,
		 double *t_analyse, size_t *npoints)
{
	double lo[K], hi[K], *y;
	struct dur_sobol s;
	struct dur_sobol_opts o = DUR_SOBOL_OPTS_INIT;
	struct dur_sobol_index idx[K];
	struct dur_error err = { 0 };
	double t0, t1, t2;

	for (int i = 0; i < K; i++) {
		lo[i] = -i;
		hi[i] = 1 + i;
	}
	o.n = N;
	o.boot = boot;
	o.flags = flags;
	t0 = now();
	if (dur_sobol_init(&s, K, lo, hi, &o, &err)) {
		fprintf(stderr, "bench_sobol: %s\n", err.msg);
		return 1;
	}
	t1 = now();
	y = malloc(s.npoints * sizeof(*y));
	for (size_t j = 0; j < s.npoints; j++)
		y[j] = model(s.x + j * K);
	t2 = now();
	if (dur_sobol_analyse(&s, y, 1, idx, &err)) {
		fprintf(stderr, "bench_sobol: %s\n", err.msg);
		return 1;
	}
	*t_analyse = now() - t2;
	*t_design = t1 - t0;
	*npoints = s.npoints;
	free(y);
	dur_sobol_release(&s);
	return 0;
}

int main(void)
{
	static const size_t boots[] = { 0, 100, 1000 };
	static const struct {
		unsigned flags;
		const char *name;
	} kinds[] = { { 0, "sobol-seq" }, { DUR_SOBOL_RANDOM, "random" } };

	printf("k=%d n=%d runs=%d threads=%d\n", K, N, N * (K + 2),
	       omp_get_max_threads());
	for (size_t f = 0; f < 2; f++)
		for (size_t b = 0; b < 3; b++) {
			double bd = INFINITY, ba = INFINITY, d, a;
			size_t np = 0;

			for (int r = 0; r < REPS; r++) {
				if (bench(boots[b], kinds[f].flags, &d, &a,
					  &np))
					return 1;
				bd = d < bd ? d : bd;
				ba = a < ba ? a : ba;
			}
			printf("%-9s boot=%-4zu design %7.4f us/sample  "
			       "analyse %7.4f us/sample  total %7.4f "
			       "us/sample (%.1f ms)\n",
			       kinds[f].name, boots[b], 1e6 * bd / np,
			       1e6 * ba / np, 1e6 * (bd + ba) / np,
			       1e3 * (bd + ba));
		}
	return 0;
}
