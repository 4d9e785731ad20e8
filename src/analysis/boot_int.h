/*
 * boot_int.h: what morris.c and sobol.c share: the check of the parameter
 * bounds and percentile intervals for the bootstrap. Private to src/.
 */
#ifndef DURAND_BOOT_INT_H
#define DURAND_BOOT_INT_H

#include <math.h>
#include <stdlib.h>

#include "durand/error.h"

/* k >= 1 parameters with finite bounds lo[i] < hi[i]; `none` says what is
 * missing when k is 0 ("no parameters to screen"). */
static inline int boot_check_bounds(size_t k, const double *lo,
				    const double *hi, const char *none,
				    struct dur_error *err)
{
	if (k == 0)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0, "%s", none);
	if (!lo || !hi)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "bounds missing");
	for (size_t i = 0; i < k; i++)
		if (!isfinite(lo[i]) || !isfinite(hi[i]) || !(lo[i] < hi[i]))
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "bounds of parameter %zu are not "
					     "finite and increasing: [%g, %g]",
					     i, lo[i], hi[i]);
	return 0;
}

static inline int boot_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The q-quantile of v[0..n) (n >= 1), interpolating linearly between order
 * statistics (Hyndman and Fan's type 7, R's default). Sorts v in place.
 */
static inline double boot_quantile(double *v, size_t n, double q)
{
	double h = q * (double)(n - 1);
	size_t lo = (size_t)floor(h);

	qsort(v, n, sizeof(*v), boot_cmp_double);
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

/* Draw an index uniform on [0, n) from a uniform u in (0, 1). */
static inline size_t boot_index(double u, size_t n)
{
	size_t i = (size_t)(u * (double)n);

	return i < n ? i : n - 1;
}

#endif
