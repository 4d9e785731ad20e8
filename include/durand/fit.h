/*
 * fit.h: maximum-likelihood fits of the multivariate Hawkes process
 * (hawkes.h) with standard errors and a goodness-of-fit test.
 *
 * A fit maximises the log-likelihood with NLopt's L-BFGS on its analytic
 * gradient, in transformed coordinates (log mu, alpha >= 0, logit d or
 * log beta) so that the optimiser needs no bounds but alpha's. Standard
 * errors come from the observed information, the negated analytic Hessian
 * at the optimum, inverted over the parameters not on a bound (an alpha at
 * 0 has no standard error: its interval is one-sided). Goodness of fit is
 * the time-rescaling theorem (Brown et al. 2002, Neural Computation 14):
 * each stream's compensator increments between events are Exp(1) under
 * the model; the Kolmogorov-Smirnov statistic of 1 - exp(-tau) against
 * the uniform and its p-value (Kolmogorov's series with Stephens'
 * correction) say how far they are.
 */
#ifndef DURAND_FIT_H
#define DURAND_FIT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/hawkes.h"
#include "durand/paramedit.h"

enum dur_fit_method {
	DUR_FIT_DAILY,      /* daily counts, the engine's form */
	DUR_FIT_CONTINUOUS, /* event times */
};

struct dur_fit_opts {
	int method;      /* enum dur_fit_method */
	uint64_t seed;   /* for jittered times of day and daily rescaling */
	int maxeval;     /* likelihood evaluations at most */
	double ftol_abs; /* stop when the log-likelihood moves less */
	double beta_max; /* continuous: upper bound of each beta (per day);
			    HUGE_VAL for none. Data with days but no
			    times need one: see docs/fit.md */
	const dur_cancel *stop; /* polled; nonzero stops the fit */
};

#define DUR_FIT_OPTS_INIT                                                   \
	{ .method = DUR_FIT_DAILY, .seed = 1, .maxeval = 3000,              \
	  .ftol_abs = 1e-5, .beta_max = HUGE_VAL }

/* Baseline segments at most (calendar years: 1989 to 2052). */
#define DUR_FIT_MAXSEG 64

#define DUR_FIT_MAXP                                                         \
	(2 * DUR_HAWKES_MAXK + DUR_HAWKES_MAXK * DUR_HAWKES_MAXK +           \
	 (DUR_FIT_MAXSEG - 1) * DUR_HAWKES_MAXK)

struct dur_fit {
	int k, method;                 /* dimensions, enum dur_fit_method */
	int nparams;                   /* 2k + k^2 + (nseg - 1) k */
	int nseg;                      /* baseline segments (1: constant) */
	double theta[DUR_FIT_MAXP];    /* estimates (hawkes.h layout; the
					  segments' baselines after the
					  decays, dur_hawkes_nparams_seg) */
	double mu_mean[DUR_HAWKES_MAXK]; /* daily: baseline averaged over
					    the days of all segments */
	double se[DUR_FIT_MAXP];       /* standard errors; NAN if none */
	int at_bound[DUR_FIT_MAXP];    /* 1 if an alpha ended at 0 or a
					  beta at beta_max */
	int se_ok;                     /* 0 if the information was singular */
	double loglik;                 /* at the estimates */
	int nevals;                    /* likelihood evaluations */
	int converged;                 /* 1 if the optimiser met its tolerance */
	long nevents[DUR_HAWKES_MAXK]; /* events per stream */
	double halflife[DUR_HAWKES_MAXK];    /* days */
	double se_halflife[DUR_HAWKES_MAXK]; /* delta method */
	double branching[DUR_HAWKES_MAXK * DUR_HAWKES_MAXK]; /* j -> i at
								 [i*k + j] */
	double radius;                 /* spectral radius of branching */
	double ks_d[DUR_HAWKES_MAXK];  /* KS statistic per stream */
	double ks_p[DUR_HAWKES_MAXK];  /* its p-value; NAN with no event */
	size_t nrescaled[DUR_HAWKES_MAXK]; /* residuals per stream */
	double *rescaled[DUR_HAWKES_MAXK]; /* sorted compensator increments
					      (owned; dur_fit_release) */
};

/* Fit the daily form to counts count[t * k + i], t = 0..ndays-1. */
int dur_fit_daily(const double *count, long ndays, int k,
		  const struct dur_fit_opts *o, struct dur_fit *f,
		  struct dur_error *err);

/*
 * The same with a baseline per segment of days: day t in segment seg[t],
 * 0..nseg-1 in order, each with at least one day (hawkes.h). Excitation
 * is then what the baseline's changes do not explain: with a constant
 * baseline, a slow rise and fall of the rate (a movement's capacity) is
 * read as self-excitation and the branching ratio swells.
 */
int dur_fit_daily_seg(const double *count, long ndays, int k, int nseg,
		      const int *seg, const struct dur_fit_opts *o,
		      struct dur_fit *f, struct dur_error *err);

/* Fit the continuous form to n events (times t[] sorted in [0, T],
 * streams dim[]). */
int dur_fit_continuous(const double *t, const int *dim, size_t n, double T,
		       int k, const struct dur_fit_opts *o, struct dur_fit *f,
		       struct dur_error *err);

/* Free the residuals of a fit; the struct may be reused. */
void dur_fit_release(struct dur_fit *f);

/* The most scenario parameters one fit sets (dur_fit_paramedits). */
#define DUR_FIT_MAX_EDITS 9

/*
 * The scenario parameters (docs/ODD.md) a daily fit estimates, as edits
 * for dur_paramedit_apply. streams[i] names dimension i of f (the model
 * streams of fitdata.h). A fitted "attack" sets ttp.mu (its baseline,
 * the day-weighted mean of the segments' baselines: mu_mean),
 * attack.alpha_self and hawkes.halflife_attack, and with "strike" also
 * attack.alpha_strike (strikes exciting attacks); "clash" likewise the
 * clash.* rates and hawkes.halflife_clash; "strike" sets
 * hawkes.halflife_strike. Writes up to DUR_FIT_MAX_EDITS edits to ed and
 * their number to *n. DUR_EINVAL for a continuous fit (the engine steps
 * in days, so only the daily form's rates are its parameters) or when none
 * of attack, strike, clash was fitted.
 */
int dur_fit_paramedits(const struct dur_fit *f, const char *const *streams,
		       struct dur_paramedit *ed, size_t *n,
		       struct dur_error *err);

/* P(D_n >= d) for the one-sample KS statistic of n points. */
double dur_fit_ks_pvalue(size_t n, double d);

/* The KS statistic of n sorted Exp(1) residuals. */
double dur_fit_ks_stat(const double *tau_sorted, size_t n);

#endif
