/*
 * sketch.h: a mergeable histogram of whole numbers, for quantiles over
 * millions of runs without storing them.
 *
 * Values with |v| < 256 have a bucket each, so their quantiles are exact.
 * Larger values share buckets 1/128 of a power of two wide (the layout of
 * HdrHistogram with 7 sub-bucket bits): a quantile is reported as its
 * bucket's middle (a whole number), within 0.4% of the exact order statistic. Counts and
 * sums are integers, so merging sketches in any order gives the same bits:
 * the property that keeps results identical for any thread or process count.
 */
#ifndef DURAND_SKETCH_H
#define DURAND_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

struct dur_sketch {
	int64_t n;        /* values added */
	int64_t sum;      /* their sum (exact) */
	__int128 sumsq;   /* sum of squares (exact) */
	int32_t lo;       /* bucket index of count[0] */
	int32_t len;      /* buckets held */
	uint64_t *count;  /* count[i]: values in bucket lo + i */
};

/* Largest relative error of a quantile above the exact range. */
#define DUR_SKETCH_REL_ERROR (1.0 / 256)

void dur_sketch_init(struct dur_sketch *s);
void dur_sketch_release(struct dur_sketch *s);

/* Add one value; DUR_ENOMEM if the bucket window cannot grow. */
int dur_sketch_add(struct dur_sketch *s, int64_t v);

/* Add n values at once (one window check for all: cheaper than n adds). */
int dur_sketch_add_n(struct dur_sketch *s, const int64_t *v, size_t n);

/* Add every value of src to dst. */
int dur_sketch_merge(struct dur_sketch *dst, const struct dur_sketch *src);

/* The q-quantile (0 <= q <= 1): the smallest bucket value v with at least
 * ceil(q n) values at or below it (the inverse of the empirical CDF); NAN
 * for an empty sketch. */
double dur_sketch_quantile(const struct dur_sketch *s, double q);

/* Mean and its standard error; NAN when n is too small. */
double dur_sketch_mean(const struct dur_sketch *s);
double dur_sketch_se(const struct dur_sketch *s);

/* Number of values <= v (exact for |v| < 256 and at bucket edges). */
int64_t dur_sketch_count_le(const struct dur_sketch *s, int64_t v);

#endif
