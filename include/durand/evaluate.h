/*
 * evaluate.h: a lean ensemble for analyses that run the model many times
 * (sensitivity analysis): only the mean of chosen statistics, no quantiles.
 *
 * A statistic is an outcome's mean over runs ("fatalities_pakistan") or the
 * probability that it is at least 1 ("p:strikes_city"). Runs are keyed by
 * (seed, run) as everywhere, and the sums are integers, so the means do not
 * depend on the thread count; two scenarios that differ only in parameters
 * are compared on common random numbers.
 */
#ifndef DURAND_EVALUATE_H
#define DURAND_EVALUATE_H

#include <stdint.h>

#include "durand/scenario.h"

struct dur_stat {
	int outcome; /* index of the outcome */
	int prob;    /* 1: P(outcome >= 1); 0: its mean */
};

/* Parse "name" or "p:name" for sc into st; DUR_ENOTFOUND if unknown. */
int dur_stat_parse(const struct dur_scenario *sc, const char *spec,
		   struct dur_stat *st, struct dur_error *err);

/* Means of nstat statistics over runs 0..runs-1 of `days` days. */
int dur_evaluate(const struct dur_scenario *sc, long runs, int days,
		 uint64_t seed, int threads, const struct dur_stat *stats,
		 int nstat, double *means,
		 const dur_cancel *cancel, struct dur_error *err);

#endif
