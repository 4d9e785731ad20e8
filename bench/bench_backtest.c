/*
 * bench_backtest.c: the time of the GED backtest as a user runs it,
 * `durand backtest --origins 2012-01..2021-06:3 --horizon 6m` (38 origins,
 * six months, both quantities, the four baselines, 1,000 draws), by the
 * wall clock and by CPU time (the command's, from getrusage of children),
 * over repeats, on one thread and on all. It needs the extract in
 * ../shared/data (or $SHARED_DATA) and the durand binary in the current
 * directory (or $DURAND); without them it says so and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define REPEATS 5

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double child_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(void)
{
	const char *data = getenv("SHARED_DATA"), *bin = getenv("DURAND");
	char csv[4096], db[] = "/tmp/bench-backtest-XXXXXX", cmd[8192];
	int fd;

	snprintf(csv, sizeof(csv), "%s/ucdp-ged-pakistan-1989-2021.csv",
		 data ? data : "../shared/data");
	if (!bin)
		bin = "./durand";
	if (access(csv, R_OK) || access(bin, X_OK)) {
		printf("backtest: no %s or no %s; nothing measured\n", csv,
		       bin);
		return 0;
	}
	fd = mkstemp(db);
	if (fd < 0)
		return 1;
	close(fd);
	unlink(db);
	snprintf(cmd, sizeof(cmd), "%s import ucdp --db %s %s >/dev/null", bin,
		 db, csv);
	if (system(cmd))
		return 1;
	for (int threads = 1; threads <= 2; threads++) {
		double wall[REPEATS], cpu[REPEATS];

		snprintf(cmd, sizeof(cmd),
			 "%s backtest --db %s --origins 2012-01..2021-06:3 "
			 "--horizon 6m --threads %d --format csv >/dev/null",
			 bin, db, threads);
		for (int r = 0; r < REPEATS; r++) {
			double t0 = now(), c0 = child_cpu();

			if (system(cmd)) {
				unlink(db);
				return 1;
			}
			wall[r] = now() - t0;
			cpu[r] = child_cpu() - c0;
		}
		qsort(wall, REPEATS, sizeof(double), cmp);
		qsort(cpu, REPEATS, sizeof(double), cmp);
		printf("backtest GED, 38 origins x 6 months x 2 quantities x 4 "
		       "baselines x 1000 draws, %d thread%s: wall median %.2f s "
		       "(min %.2f, max %.2f), CPU median %.2f s over %d runs\n",
		       threads, threads > 1 ? "s" : "", wall[REPEATS / 2],
		       wall[0], wall[REPEATS - 1], cpu[REPEATS / 2], REPEATS);
	}
	unlink(db);
	return 0;
}
