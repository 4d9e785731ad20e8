/*
 * testutil.h: helpers shared by the unit tests: the built-in afpak scenario
 * as a starting point that a test then changes in C, and bucket-by-bucket
 * comparison of sketches and of ensemble results.
 */
#ifndef DURAND_TESTUTIL_H
#define DURAND_TESTUTIL_H

#include <stdlib.h>
#include <string.h>

#include "durand/ensemble.h"
#include "durand/scenario.h"
#include "durand/sketch.h"

/* A new copy of the built-in afpak scenario (dur_scenario_free it). */
static inline struct dur_scenario *afpak_load(void)
{
	struct dur_scenario *sc = NULL;
	struct dur_error err = { 0 };

	assert_int_equal(dur_scenario_create("afpak", NULL, &sc, &err), 0);
	/* the engine's tests set the model's numbers themselves: without
	 * the shipped parameter ensemble, which would draw over them */
	sc->pens.n = sc->pens.k = 0;
	return sc;
}

/* Index of the rung called name; fails the test if there is none. */
static inline int afpak_rung(const struct dur_scenario *sc, const char *name)
{
	for (int i = 0; i < sc->model.nrungs; i++)
		if (!strcmp(sc->model.rung[i].name, name))
			return i;
	fail_msg("no rung '%s'", name);
	return -1;
}

/* Count of bucket i of s (0 outside its window). */
static inline uint64_t sketch_bucket(const struct dur_sketch *s, int32_t i)
{
	if (!s->len || i < s->lo || i >= s->lo + s->len)
		return 0;
	return s->count[i - s->lo];
}

/* Fail unless a and b hold the same values: n, sums and every bucket. */
static inline void assert_sketch_equal(const struct dur_sketch *a,
				       const struct dur_sketch *b)
{
	int32_t lo, hi;

	assert_int_equal(a->n, b->n);
	assert_int_equal(a->sum, b->sum);
	assert_true(a->sumsq == b->sumsq);
	if (!a->n)
		return;
	lo = a->lo < b->lo ? a->lo : b->lo;
	hi = a->lo + a->len > b->lo + b->len ? a->lo + a->len : b->lo + b->len;
	for (int32_t i = lo; i < hi; i++)
		if (sketch_bucket(a, i) != sketch_bucket(b, i))
			fail_msg("bucket %d: %llu != %llu", (int)i,
				 (unsigned long long)sketch_bucket(a, i),
				 (unsigned long long)sketch_bucket(b, i));
}

/* Fail unless two summaries hold the same counts, bucket by bucket. */
static inline void assert_summary_equal(const struct dur_summary *a,
				 const struct dur_summary *b)
{
	assert_int_equal(a->nout, b->nout);
	assert_int_equal(a->days, b->days);
	for (int i = 0; i < a->nout; i++) {
		assert_sketch_equal(&a->out[i], &b->out[i]);
		assert_true(!a->diff == !b->diff);
		if (a->diff)
			assert_sketch_equal(&a->diff[i], &b->diff[i]);
	}
	assert_memory_equal(a->reach, b->reach, sizeof(a->reach));
	assert_sketch_equal(&a->first_strike, &b->first_strike);
	assert_sketch_equal(&a->ceasefire_days, &b->ceasefire_days);
	for (int t = 0; t < a->days; t++) {
		assert_sketch_equal(&a->daily_pak[t], &b->daily_pak[t]);
		assert_sketch_equal(&a->daily_afg[t], &b->daily_afg[t]);
	}
	assert_memory_equal(a->daily_rung, b->daily_rung,
			    (size_t)a->days * DUR_MAX_RUNGS *
				    sizeof(*a->daily_rung));
	assert_int_equal(a->nmonths, b->nmonths);
	assert_memory_equal(a->month_end, b->month_end,
			    (size_t)a->nmonths * sizeof(*a->month_end));
	for (long k = 0; k < (long)a->nmonths * a->nout; k++)
		assert_sketch_equal(&a->monthly[k], &b->monthly[k]);
}

static inline void assert_result_equal(const struct dur_result *a,
				const struct dur_result *b)
{
	assert_int_equal(a->runs, b->runs);
	assert_int_equal(a->first_run, b->first_run);
	assert_int_equal(a->days, b->days);
	assert_int_equal(a->nvariants, b->nvariants);
	for (int v = 0; v < a->nvariants; v++) {
		assert_int_equal(a->variant[v], b->variant[v]);
		assert_summary_equal(&a->v[v], &b->v[v]);
	}
}

#endif
