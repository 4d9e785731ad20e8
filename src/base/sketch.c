/*
 * sketch.c: the bucket layout and arithmetic of struct dur_sketch (see
 * sketch.h for the error bound and why counts are integers).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "durand/sketch.h"

enum { EXACT = 256, SUB_BITS = 7, SUB = 1 << SUB_BITS };

static int32_t index_of(int64_t v)
{
	uint64_t a;
	int e;

	if (v < 0)
		return -1 - index_of(v == INT64_MIN ? INT64_MAX : -v);
	if (v < EXACT)
		return (int32_t)v;
	a = (uint64_t)v;
	e = 63 - __builtin_clzll(a);
	return EXACT + (e - 8) * SUB + (int32_t)((a >> (e - SUB_BITS)) & (SUB - 1));
}

/* The value a bucket stands for: itself, or the whole number at the middle
 * of its range (within half a bucket width of every value in it). */
static double value_of(int32_t i)
{
	int e, sub;
	double lower, width;

	if (i < 0)
		return -value_of(-1 - i);
	if (i < EXACT)
		return i;
	e = (i - EXACT) / SUB + 8;
	sub = (i - EXACT) % SUB;
	width = ldexp(1.0, e - SUB_BITS);
	lower = (SUB + sub) * width;
	return lower + floor(width / 2); /* a whole number near the middle */
}

void dur_sketch_init(struct dur_sketch *s)
{
	memset(s, 0, sizeof(*s));
}

void dur_sketch_release(struct dur_sketch *s)
{
	free(s->count);
	memset(s, 0, sizeof(*s));
}

/* Make the window cover buckets [a, b], with slack on both sides so that
 * a drifting value does not reallocate each time. */
static int cover(struct dur_sketch *s, int32_t a, int32_t b)
{
	int32_t lo = a, hi = b, pad;
	uint64_t *c;

	if (s->len && a >= s->lo && b < s->lo + s->len)
		return 0;
	if (s->len) {
		if (s->lo < lo)
			lo = s->lo;
		if (s->lo + s->len - 1 > hi)
			hi = s->lo + s->len - 1;
	}
	pad = (hi - lo) / 2 + 8;
	lo -= pad;
	hi += pad;
	c = calloc((size_t)(hi - lo + 1), sizeof(*c));
	if (!c)
		return DUR_ENOMEM;
	if (s->len)
		memcpy(c + (s->lo - lo), s->count, (size_t)s->len * sizeof(*c));
	free(s->count);
	s->count = c;
	s->lo = lo;
	s->len = hi - lo + 1;
	return 0;
}

int dur_sketch_add(struct dur_sketch *s, int64_t v)
{
	int32_t i = index_of(v);

	if ((!s->len || i < s->lo || i >= s->lo + s->len) && cover(s, i, i))
		return DUR_ENOMEM;
	s->count[i - s->lo]++;
	s->n++;
	s->sum += v;
	s->sumsq += (__int128)v * v;
	return 0;
}

int dur_sketch_add_n(struct dur_sketch *s, const int64_t *v, size_t n)
{
	int32_t lo, hi;

	if (!n)
		return 0;
	lo = hi = index_of(v[0]);
	for (size_t j = 1; j < n; j++) {
		int32_t i = index_of(v[j]);

		if (i < lo)
			lo = i;
		if (i > hi)
			hi = i;
	}
	if (cover(s, lo, hi))
		return DUR_ENOMEM;
	for (size_t j = 0; j < n; j++) {
		s->count[index_of(v[j]) - s->lo]++;
		s->sum += v[j];
		s->sumsq += (__int128)v[j] * v[j];
	}
	s->n += (int64_t)n;
	return 0;
}

int dur_sketch_merge(struct dur_sketch *dst, const struct dur_sketch *src)
{
	if (!src->n)
		return 0;
	if (cover(dst, src->lo, src->lo + src->len - 1))
		return DUR_ENOMEM;
	for (int32_t i = 0; i < src->len; i++)
		dst->count[src->lo + i - dst->lo] += src->count[i];
	dst->n += src->n;
	dst->sum += src->sum;
	dst->sumsq += src->sumsq;
	return 0;
}

double dur_sketch_quantile(const struct dur_sketch *s, double q)
{
	uint64_t need, acc = 0;

	if (!s->n)
		return NAN;
	if (q <= 0)
		need = 1;
	else {
		double k = ceil(q * (double)s->n - 1e-9);

		need = k < 1 ? 1 : (uint64_t)k;
	}
	for (int32_t i = 0; i < s->len; i++) {
		acc += s->count[i];
		if (acc >= need)
			return value_of(s->lo + i);
	}
	return value_of(s->lo + s->len - 1);
}

double dur_sketch_mean(const struct dur_sketch *s)
{
	return s->n ? (double)s->sum / (double)s->n : NAN;
}

double dur_sketch_se(const struct dur_sketch *s)
{
	double n = (double)s->n, mean, var;

	if (s->n < 2)
		return NAN;
	mean = (double)s->sum / n;
	var = ((double)s->sumsq - n * mean * mean) / (n - 1);
	return var > 0 ? sqrt(var / n) : 0;
}

int64_t dur_sketch_count_le(const struct dur_sketch *s, int64_t v)
{
	int32_t k = index_of(v);
	int64_t acc = 0;

	for (int32_t i = 0; i < s->len && s->lo + i <= k; i++)
		acc += (int64_t)s->count[i];
	return acc;
}
