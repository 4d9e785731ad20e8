/*
 * score.c: proper scores of sample forecasts (CRPS plain and fair, for
 * points and intervals), interval scores, coverage, the randomised PIT,
 * Brier and log scores, and bootstrap skill scores (see score.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "durand/score.h"

void dur_score_sort(double *x, size_t m)
{
	gsl_sort(x, 1, m);
}

double dur_score_crps(const double *x, size_t m, double y, int kind)
{
	double a = 0, s = 0, M = (double)m;

	if (!m)
		return NAN;
	for (size_t i = 0; i < m; i++) {
		a += fabs(x[i] - y);
		/* sum_ij |x_i - x_j| = 2 sum_i (2i - M - 1) x_(i), 1-based */
		s += (2.0 * (double)(i + 1) - M - 1) * x[i];
	}
	s *= 2;
	if (kind == DUR_CRPS_FAIR)
		return m < 2 ? NAN : a / M - s / (2 * M * (M - 1));
	return a / M - s / (2 * M * M);
}

double dur_score_crps_naive(const double *x, size_t m, double y, int kind)
{
	double a = 0, s = 0, M = (double)m;

	if (!m)
		return NAN;
	for (size_t i = 0; i < m; i++) {
		a += fabs(x[i] - y);
		for (size_t j = 0; j < m; j++)
			s += fabs(x[i] - x[j]);
	}
	if (kind == DUR_CRPS_FAIR)
		return m < 2 ? NAN : a / M - s / (2 * M * (M - 1));
	return a / M - s / (2 * M * M);
}

/* The estimate of F^2 where c of m samples are <= x (and of (1 - F)^2
 * with c replaced by m - c). */
static double sq(double c, double M, int kind)
{
	return kind == DUR_CRPS_FAIR ? c * (c - 1) / (M * (M - 1)) :
				       (c / M) * (c / M);
}

double dur_score_crps_interval(const double *x, size_t m, double lo,
			       double hi, int kind)
{
	double M = (double)m, s = 0;

	if (!m || (kind == DUR_CRPS_FAIR && m < 2) || !(lo <= hi))
		return NAN;
	/* Between x[k-1] and x[k], k samples are <= x (x[m] = +inf, x[-1] =
	 * -inf): F^2 counts left of lo, (1 - F)^2 right of hi. */
	for (size_t k = 1; k <= m && x[k - 1] < lo; k++) {
		double b = k < m && x[k] < lo ? x[k] : lo;

		s += sq((double)k, M, kind) * (b - x[k - 1]);
	}
	for (size_t k = m; k-- > 0 && x[k] > hi;) {
		double a = k > 0 && x[k - 1] > hi ? x[k - 1] : hi;

		s += sq(M - (double)k, M, kind) * (x[k] - a);
	}
	return s;
}

double dur_score_quantile(const double *x, size_t m, double p)
{
	double c = ceil(p * (double)m - 1e-9);
	size_t i = c < 1 ? 1 : c > (double)m ? m : (size_t)c;

	return m ? x[i - 1] : NAN;
}

double dur_score_interval(const double *x, size_t m, double y, double alpha,
			  int *covered)
{
	double l = dur_score_quantile(x, m, alpha / 2);
	double u = dur_score_quantile(x, m, 1 - alpha / 2);
	double s = u - l;

	if (y < l)
		s += 2 / alpha * (l - y);
	if (y > u)
		s += 2 / alpha * (y - u);
	if (covered)
		*covered = l <= y && y <= u;
	return s;
}

/* Number of sorted samples < y (strict) or <= y. */
static size_t count_below(const double *x, size_t m, double y, int or_equal)
{
	size_t a = 0, b = m;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (x[mid] < y || (or_equal && x[mid] == y))
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

double dur_score_pit(const double *x, size_t m, double y, struct dur_rng *r)
{
	double v = dur_rng_uniform(r); /* always drawn: streams stay aligned */
	double lo = (double)count_below(x, m, y, 0) / (double)m;
	double hi = (double)count_below(x, m, y, 1) / (double)m;

	return lo + v * (hi - lo);
}

void dur_score_pit_bin(long *hist, int nbins, double u)
{
	int b = (int)(u * nbins);

	hist[b < 0 ? 0 : b >= nbins ? nbins - 1 : b]++;
}

double dur_score_brier(double p, int o)
{
	return (p - o) * (p - o);
}

double dur_score_log(double p, int o, double eps)
{
	p = p < eps ? eps : p > 1 - eps ? 1 - eps : p;
	return -log(o ? p : 1 - p);
}

double dur_score_prob_ge(const double *x, size_t m, double t)
{
	return m ? (double)(m - count_below(x, m, t, 0)) / (double)m : NAN;
}

int dur_score_skill(const double *model, const double *base,
		    const int *group, size_t n, int ngroups, int nboot,
		    double level, uint64_t seed, struct dur_skill *s,
		    struct dur_error *err)
{
	double *gm = calloc((size_t)ngroups * 2 + (size_t)nboot, sizeof(double));
	double *gb = gm + ngroups, *boot = gb + ngroups, sm = 0, sb = 0;
	struct dur_rng r;
	int nb = 0;

	if (!gm)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	s->n = 0;
	for (size_t c = 0; c < n; c++) {
		if (isnan(model[c]) || isnan(base[c]))
			continue;
		gm[group[c]] += model[c];
		gb[group[c]] += base[c];
		s->n++;
	}
	for (int g = 0; g < ngroups; g++)
		sm += gm[g], sb += gb[g];
	if (!s->n || !(sb > 0)) {
		free(gm);
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no case to score skill on, or a "
				     "baseline scoring 0");
	}
	s->skill = 1 - sm / sb;
	dur_rng_init(&r, seed, 0);
	for (int b = 0; b < nboot; b++) {
		double bm = 0, bb = 0;

		for (int g = 0; g < ngroups; g++) {
			int pick = (int)(dur_rng_uniform(&r) * ngroups);

			bm += gm[pick], bb += gb[pick];
		}
		if (bb > 0)
			boot[nb++] = 1 - bm / bb;
	}
	s->lo = s->hi = NAN;
	if (nb) {
		dur_score_sort(boot, (size_t)nb);
		s->lo = dur_score_quantile(boot, (size_t)nb, (1 - level) / 2);
		s->hi = dur_score_quantile(boot, (size_t)nb, (1 + level) / 2);
	}
	free(gm);
	return 0;
}
