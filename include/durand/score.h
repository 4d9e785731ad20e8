/*
 * score.h: proper scores of forecasts given as samples (an ensemble's
 * draws), the building blocks of `durand backtest` (docs/backtest.md).
 *
 * Every function that takes samples wants them sorted ascending (sort once
 * with dur_score_sort, then score as often as needed): that is what makes
 * the CRPS O(M log M) rather than the O(M^2) of its definition.
 *
 * CRPS estimators (Ferro 2014, Q. J. R. Meteorol. Soc. 140; Gneiting and
 * Raftery 2007, JASA 102, eq. 21; scoringrules' "nrg" and "fair"): with
 * samples x_1..x_M and observation y,
 *     plain (NRG): (1/M) sum |x_i - y| - 1/(2 M^2)     sum_ij |x_i - x_j|
 *     fair:        (1/M) sum |x_i - y| - 1/(2 M(M-1)) sum_ij |x_i - x_j|
 * The plain one is the CRPS of the samples' empirical distribution; the
 * fair one is unbiased for the CRPS of the distribution they are drawn
 * from, so ensembles of different sizes score alike.
 *
 * Interval observations [l, h] (UCDP's low and high death estimates): the
 * forecast is not penalised inside the interval,
 *     CRPS_int(F, [l, h]) = int_{-inf}^{l} F(x)^2 dx
 *                         + int_{h}^{inf} (1 - F(x))^2 dx,
 * which is the CRPS when l = h. From samples, F(x)^2 is estimated by
 * (c/M)^2 (plain) or c(c-1)/(M(M-1)) (fair), c the number of samples <= x
 * (and (1-F)^2 alike), so that at l = h each estimator is exactly the
 * point form above.
 */
#ifndef DURAND_SCORE_H
#define DURAND_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/rng.h"

enum dur_score_crps_kind {
	DUR_CRPS_PLAIN, /* the empirical distribution's CRPS (NRG) */
	DUR_CRPS_FAIR,  /* Ferro's fair estimator (needs M >= 2) */
};

/* Sort m samples ascending, in place. */
void dur_score_sort(double *x, size_t m);

/* CRPS of sorted samples x[0..m) at observation y, O(m). */
double dur_score_crps(const double *x, size_t m, double y, int kind);

/* The O(m^2) definition (for tests); x need not be sorted. */
double dur_score_crps_naive(const double *x, size_t m, double y, int kind);

/* CRPS_int of sorted samples at the interval [lo, hi] (lo <= hi), O(m). */
double dur_score_crps_interval(const double *x, size_t m, double lo,
			       double hi, int kind);

/* The empirical quantile of sorted samples: the smallest x_i with
 * i/m >= p (the inverse of the empirical distribution), p in (0, 1]. */
double dur_score_quantile(const double *x, size_t m, double p);

/*
 * Interval score of the central (1 - alpha) interval (Gneiting and
 * Raftery 2007, eq. 43): (u - l) + (2/alpha)(l - y) if y < l, +
 * (2/alpha)(y - u) if y > u, with l, u the alpha/2 and 1 - alpha/2
 * empirical quantiles of sorted samples. *covered (if not NULL) is 1 when
 * l <= y <= u.
 */
double dur_score_interval(const double *x, size_t m, double y, double alpha,
			  int *covered);

/*
 * Randomised PIT of y: a uniform draw between F(y-) and F(y), F the
 * samples' empirical distribution (for counts, F(y - 1) and F(y)), drawn
 * from r. Continuous forecasts without ties give F(y).
 */
double dur_score_pit(const double *x, size_t m, double y, struct dur_rng *r);

/* Add a PIT value to a histogram of nbins equal bins on [0, 1]. */
void dur_score_pit_bin(long *hist, int nbins, double u);

/* Brier score (p - o)^2 of probability p for an event that happened
 * (o = 1) or not (o = 0). */
double dur_score_brier(double p, int o);

/*
 * Log score -log p (o = 1) or -log(1 - p) (o = 0), with p first clamped
 * to [eps, 1 - eps] so that a certain forecast that fails is finite; the
 * backtest uses eps = 1/(2M), half an ensemble member.
 */
double dur_score_log(double p, int o, double eps);

/* Probability that a sample is >= t: the ensemble's event forecast. */
double dur_score_prob_ge(const double *x, size_t m, double t);

/*
 * Skill 1 - S_model/S_base of mean scores over n cases grouped by
 * group[] (0..ngroups-1, the forecast origins), with a percentile
 * interval from nboot bootstrap resamples of the groups (with
 * replacement) drawn from stream (seed, 0). level is the interval's
 * coverage (0.9). model[] and base[] are per case; NAN cases are left
 * out of both sums. DUR_EINVAL if nothing is left or the baseline's sum
 * is 0.
 */
struct dur_skill {
	double skill;  /* 1 - mean model / mean baseline */
	double lo, hi; /* percentile interval; NAN if no resample worked */
	long n;        /* cases used */
};
int dur_score_skill(const double *model, const double *base,
		    const int *group, size_t n, int ngroups, int nboot,
		    double level, uint64_t seed, struct dur_skill *s,
		    struct dur_error *err);

#endif
