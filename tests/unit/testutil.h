/*
 * testutil.h: helpers shared by the unit tests: the built-in afpak scenario
 * as a starting point that a test then changes in C, and bucket-by-bucket
 * comparison of sketches.
 */
#ifndef DURAND_TESTUTIL_H
#define DURAND_TESTUTIL_H

#include <stdlib.h>
#include <string.h>

#include "durand/scenario.h"
#include "durand/sketch.h"

/* A new copy of the built-in afpak scenario (dur_scenario_free it). */
static inline struct dur_scenario *afpak_load(void)
{
	struct dur_scenario *sc = NULL;
	struct dur_error err = { 0 };

	assert_int_equal(dur_scenario_create("afpak", NULL, &sc, &err), 0);
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

#endif
