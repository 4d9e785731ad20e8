/*
 * bench_report.c: how long the default report takes to render: the HTML
 * page of a run result (tests/data/run-afpak.json, the engine's output for
 * afpak: 180 days, 43 outcomes, one what-if)
 * with all its charts, written to /dev/null. Prints milliseconds.
 *
 *   build/bench/bench_report [RESULT.json [REPEATS]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "durand/chart.h"
#include "durand/report.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/data/run-afpak.json";
	int reps = argc > 2 ? atoi(argv[2]) : 20;
	struct dur_error err = { 0 };
	double *ms, first;
	json_t *r;
	FILE *null;
	char buf[1024];

	if (reps < 1)
		reps = 1;
	if (dur_report_load(path, &r, &err)) {
		fprintf(stderr, "bench_report: %s\n",
			dur_error_format(&err, buf, sizeof(buf)));
		return 1;
	}
	null = fopen("/dev/null", "w");
	ms = malloc((size_t)reps * sizeof(*ms));
	if (!null || !ms)
		return 1;
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms();

		if (dur_report_html(r, null, &err)) {
			fprintf(stderr, "bench_report: %s\n",
				dur_error_format(&err, buf, sizeof(buf)));
			return 1;
		}
		ms[i] = now_ms() - t0;
	}
	first = ms[0];
	qsort(ms, (size_t)reps, sizeof(*ms), cmp);
	printf("report: %.1f ms median, %.1f ms first (fonts loaded), "
	       "%d renders of %s\n",
	       ms[reps / 2], first, reps, path);
	free(ms);
	fclose(null);
	json_decref(r);
	dur_chart_cleanup();
	return 0;
}
