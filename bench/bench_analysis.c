/*
 * bench_analysis.c: the cost of the model runs behind calibration and
 * sensitivity analysis, which dominate both.
 *
 * Prints seconds per calibration objective evaluation (a hindcast of
 * afpak-2021 to 2025-10-12 with `durand calibrate`'s default 200 runs) and
 * seconds per Sobol sample (one design point of `durand sensitivity`: afpak,
 * 100 runs of 180 days), on all cores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "durand/calibrate.h"
#include "durand/date.h"
#include "durand/evaluate.h"
#include "durand/hindcast.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
	struct dur_scenario *h21 = NULL, *af = NULL;
	struct dur_hindcast_opts ho = { 200, 1, 0, 0, DUR_PERIOD_NONE, NULL,
					NULL, NULL };
	struct dur_error err;
	struct dur_stat st[3];
	double means[3], t0, t1, t2;
	int reps = 5;

	if (dur_scenario_create("afpak-2021", NULL, &h21, &err) ||
	    dur_scenario_create("afpak", NULL, &af, &err)) {
		fprintf(stderr, "bench_analysis: cannot load scenarios\n");
		return 1;
	}
	ho.until = dur_date_from_ymd(2025, 10, 12);
	dur_stat_parse(af, "fatalities_pakistan", &st[0], &err);
	dur_stat_parse(af, "p:strikes_city", &st[1], &err);
	dur_stat_parse(af, "closure_days", &st[2], &err);
	t0 = now();
	for (int i = 0; i < reps; i++) {
		struct dur_hindcast *h = NULL;

		if (dur_hindcast_run(h21, &ho, &h, &err))
			return 1;
		(void)dur_calibrate_loss(h);
		dur_hindcast_free(h);
	}
	t1 = now();
	for (int i = 0; i < 4 * reps; i++)
		if (dur_evaluate(af, 100, 180, 1, 0, st, 3, means, NULL, &err))
			return 1;
	t2 = now();
	printf("calibration objective (afpak-2021 hindcast, 200 runs x 1520 "
	       "days): %.3f s per evaluation\n",
	       (t1 - t0) / reps);
	printf("sensitivity design point (afpak, 100 runs x 180 days):      "
	       "    %.4f s per Sobol sample\n",
	       (t2 - t1) / (4 * reps));
	dur_scenario_free(h21);
	dur_scenario_free(af);
	return 0;
}
