/*
 * hawkes.h: the multivariate Hawkes process with exponential kernels, in
 * the two forms durand fits and simulates.
 *
 * Daily form (the engine's): for streams i = 1..K, the count of day t is
 * n_i(t) ~ Poisson(lambda_i(t)) with
 *     lambda_i(t) = mu_i + sum_j alpha_ij H_j(t),
 *     H_j(t) = d_j H_j(t-1) + n_j(t-1),   H_j(0) = 0,
 * where d_j = exp(-ln 2 / halflife_j) is the daily decay of source stream
 * j. The branching ratio of j -> i (offspring in i per event in j) is
 * alpha_ij / (1 - d_j).
 *
 * Continuous form: events at times t_k (days) in streams s_k, intensity
 *     lambda_i(t) = mu_i + sum_j alpha_ij beta_j sum_{t_k < t, s_k = j}
 *                   exp(-beta_j (t - t_k)),
 * so alpha_ij is itself the branching ratio of j -> i and 1/beta_j the
 * mean delay (decay time) of j's offspring.
 *
 * Parameters travel as a vector theta of P = 2K + K^2 numbers: mu_0..
 * mu_{K-1}, then alpha row by row (alpha_ij at K + iK + j), then the
 * decays (d_j for the daily form, beta_j for the continuous one) at
 * K + K^2 + j. The log-likelihoods below come with their analytic gradient
 * and Hessian in these natural parameters; the continuous one is the O(N)
 * recursion of Ozaki (1979), extended to derivatives.
 */
#ifndef DURAND_HAWKES_H
#define DURAND_HAWKES_H

#include <stddef.h>

#include "durand/error.h"
#include "durand/rng.h"

#define DUR_HAWKES_MAXK 8

/* The fewest events a stream must have to be fitted. Each stream brings
 * its own baseline, decay and excitations; with fewer events the
 * likelihood is flat in them and the optimiser returns bounds, -inf or
 * NaN rather than estimates. Ten is a floor, not a guarantee: standard
 * errors want far more (docs/fit.md). */
#define DUR_HAWKES_MIN_EVENTS 10

/* Number of parameters of a K-dimensional process. */
static inline int dur_hawkes_nparams(int k)
{
	return 2 * k + k * k;
}

/*
 * A daily baseline that changes between segments of days (calendar years
 * in `durand fit --baseline piecewise-year`): day t is in segment seg[t]
 * (0..nseg-1) and stream i's baseline there is theta[i] for segment 0 and
 * theta[P + (s - 1) K + i] for segment s >= 1, P = 2K + K^2. theta keeps
 * the layout above and the extra baselines follow it, so that alpha and
 * the decays sit where they always do. seg = NULL is one segment.
 */
static inline int dur_hawkes_nparams_seg(int k, int nseg)
{
	return 2 * k + k * k + (nseg - 1) * k;
}

/* Index of alpha_ij and of decay j in theta. */
static inline int dur_hawkes_ia(int k, int i, int j)
{
	return k + i * k + j;
}

static inline int dur_hawkes_id(int k, int j)
{
	return k + k * k + j;
}

/*
 * Daily log-likelihood of counts count[t * k + i], t = 0..ndays-1 (with
 * the log n! terms). If grad is not NULL it receives the gradient (P
 * numbers); if hess is not NULL, the Hessian (P x P, row-major). Returns
 * -INFINITY where an intensity with a count is not positive.
 */
double dur_hawkes_daily_loglik(int k, const double *theta,
			       const double *count, long ndays, double *grad,
			       double *hess);

/* The same with segmented baselines (see dur_hawkes_nparams_seg); grad
 * and hess have dur_hawkes_nparams_seg(k, nseg) numbers a side. */
double dur_hawkes_daily_loglik_seg(int k, int nseg, const int *seg,
				   const double *theta, const double *count,
				   long ndays, double *grad, double *hess);

/*
 * Continuous log-likelihood of n events at times t[] (sorted, in [0, T])
 * in streams dim[] over the window [0, T]. grad and hess as above.
 */
double dur_hawkes_cont_loglik(int k, const double *theta, const double *t,
			      const int *dim, size_t n, double T,
			      double *grad, double *hess);

/* Simulate ndays days of the daily form into count[t * k + i], drawing from
 * r (one substream per day, so runs of different length agree). */
void dur_hawkes_daily_simulate(int k, const double *theta, long ndays,
			       struct dur_rng *r, double *count);

void dur_hawkes_daily_simulate_seg(int k, const int *seg,
				   const double *theta, long ndays,
				   struct dur_rng *r, double *count);

/*
 * Simulate the continuous form on [0, T] by Ogata's thinning. *t and *dim
 * are allocated (the caller frees them); *n receives the count. Stops with
 * DUR_ELIMIT past max events (an explosive process).
 */
int dur_hawkes_cont_simulate(int k, const double *theta, double T,
			     size_t max, struct dur_rng *r, double **t,
			     int **dim, size_t *n, struct dur_error *err);

/*
 * Time-rescaling residuals. For each stream i, the compensator increments
 * between its successive events, tau[i][0..m_i), which are Exp(1) if the
 * model is right (the first runs from time 0). tau[i] must hold as many
 * numbers as stream i has events. For daily counts, the events of a day
 * are spread over the day's compensator at sorted uniform positions drawn
 * from r (a seeded treatment of days without times of day).
 */
void dur_hawkes_daily_rescale(int k, const double *theta, const double *count,
			      long ndays, struct dur_rng *r, double **tau,
			      size_t *m);
void dur_hawkes_daily_rescale_seg(int k, const int *seg, const double *theta,
				  const double *count, long ndays,
				  struct dur_rng *r, double **tau, size_t *m);
void dur_hawkes_cont_rescale(int k, const double *theta, const double *t,
			     const int *dim, size_t n, double **tau, size_t *m);

#endif
