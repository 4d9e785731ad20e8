/*
 * bench_fit.c: seconds of the continuous 3-dimensional Hawkes fit on about
 * 1,000,000 simulated events (Ogata thinning, fixed seed), and of the
 * daily fit on 20,000 days; prints each estimate beside the truth in
 * standard errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "durand/fit.h"

#define K 3
#define P (2 * K + K * K)

static const double cont_true[P] = {
	0.83, 0.12, 0.071, 0.31, 0.42, 0.05, 0.12, 0.18,
	0.04, 0.06, 0.27, 0.22, 1.7, 0.6, 3.1,
};

static const double daily_true[P] = {
	0.41, 0.043, 0.027, 0.23, 0.36, 0.031, 0.052, 0.11,
	0.024, 0.035, 0.29, 0.18, 0.55, 0.35, 0.62,
};

static double clock_of(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double t0, c0;

static void start(void)
{
	t0 = clock_of(CLOCK_MONOTONIC);
	c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
}

static void show(const char *what, const struct dur_fit *f, const double *truth)
{
	double secs = clock_of(CLOCK_MONOTONIC) - t0;
	double cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
	double worst = 0;

	for (int x = 0; x < P; x++) {
		double z = fabs(f->theta[x] - truth[x]) / f->se[x];

		if (z > worst)
			worst = z;
	}
	printf("fit %s: %.3f s (%.3f s of CPU), %d evaluations, converged %d, "
	       "worst "
	       "|estimate - truth| = %.2f standard errors, KS p = %.3g %.3g "
	       "%.3g\n",
	       what, secs, cpu, f->nevals, f->converged, worst, f->ks_p[0],
	       f->ks_p[1], f->ks_p[2]);
}

int main(int argc, char **argv)
{
	double T = argc > 1 ? atof(argv[1]) : 465000;
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	struct dur_rng r;
	struct dur_error err = { 0 };
	double *t, *c;
	int *dim;
	size_t n;
	long nd = 20000;

	dur_rng_init(&r, 42, 0);
	if (dur_hawkes_cont_simulate(K, cont_true, T, 10000000, &r, &t, &dim,
				     &n, &err))
		return 1;
	printf("continuous: %zu events on [0, %.0f]\n", n, T);
	o.method = DUR_FIT_CONTINUOUS;
	start();
	if (dur_fit_continuous(t, dim, n, T, K, &o, &f, &err)) {
		fprintf(stderr, "bench_fit: %s\n", err.msg);
		return 1;
	}
	show("continuous", &f, cont_true);
	dur_fit_release(&f);
	free(t);
	free(dim);

	c = malloc(sizeof(double) * K * nd);
	dur_rng_init(&r, 42, 1);
	dur_hawkes_daily_simulate(K, daily_true, nd, &r, c);
	o.method = DUR_FIT_DAILY;
	start();
	if (dur_fit_daily(c, nd, K, &o, &f, &err)) {
		fprintf(stderr, "bench_fit: %s\n", err.msg);
		return 1;
	}
	show("daily (20000 days)", &f, daily_true);
	dur_fit_release(&f);
	free(c);
	return 0;
}
