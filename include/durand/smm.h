/*
 * smm.h: calibration by the simulated method of moments, independent of
 * any model.
 *
 * The caller turns a parameter vector into a loss, typically by running an
 * ensemble and comparing its statistics (medians of casualty counts,
 * displacement, ...) with stated targets; dur_smm_fit() searches the box
 * [lo, hi] for the vector of least loss with a derivative-free NLopt
 * algorithm. The loss must be a deterministic function of x for the search
 * to make sense: the caller keeps common random numbers across evaluations
 * (the same seeds for every x), which makes the simulated loss smooth, or at
 * least piecewise constant on a fine scale, instead of noisy.
 *
 * The search runs in scaled coordinates u = (x - lo) / (hi - lo) in
 * [0, 1]^k, so that a step and a tolerance mean the same fraction of every
 * parameter's range. It stops when a step moves every u by less than
 * opts.xtol, when the loss changes by less than opts.ftol, when the loss
 * reaches opts.stopval, after opts.max_evals evaluations, or when the
 * caller's cancel flag becomes nonzero.
 *
 * dur_smm_target_loss() is the standard term for one target; a caller's
 * loss is usually a (weighted) sum of such terms.
 */
#ifndef DURAND_SMM_H
#define DURAND_SMM_H

#include <stddef.h>

#include "durand/error.h"

/* The NLopt algorithm behind the search; all derivative-free. */
enum dur_smm_algo {
	DUR_SMM_BOBYQA = 0, /* NLOPT_LN_BOBYQA, quadratic models (Powell 2009) */
	DUR_SMM_NELDERMEAD, /* NLOPT_LN_NELDERMEAD, the simplex method */
	DUR_SMM_SBPLX,      /* NLOPT_LN_SBPLX, Nelder-Mead on subspaces */
};

/* What to calibrate. */
struct dur_smm_problem {
	size_t k;                 /* parameters, >= 1 */
	const char *const *names; /* k names for messages; NULL for "x<i>" */
	const double *lo;         /* k lower bounds, finite */
	const double *hi;         /* k upper bounds, finite, > lo */
	const double *start;      /* k start values in [lo, hi]; NULL: centre */
	/* The loss at x (k values); NaN stops the fit with DUR_EINVAL. */
	double (*loss)(const double *x, void *ctx);
	void *ctx; /* passed to loss */
};

/* Options; start from DUR_SMM_OPTS_INIT and change what you need. */
struct dur_smm_opts {
	enum dur_smm_algo algo; /* search algorithm */
	int max_evals;          /* cap on loss evaluations, >= 1 */
	double xtol;            /* stop when no u moves more than this; >= 0 */
	double ftol;            /* stop when the loss moves less; >= 0, 0 off */
	double stopval;         /* stop once loss <= stopval; -HUGE_VAL off */
	double step;            /* initial step in u, in (0, 0.5] */
	/* Called after each evaluation: done is its number (from 1), total
	 * max_evals, value the loss, best the best so far, x the point
	 * evaluated. May be NULL. */
	dur_progress_fn *progress;
	void *progress_ctx;         /* passed to progress */
	const dur_cancel *cancel; /* nonzero stops the fit; may be NULL */
};

/*
 * BOBYQA; 500 evaluations; 1e-4 of each range; ftol off; stop at zero loss
 * (every target met by dur_smm_target_loss terms); first steps of a tenth
 * of each range. Project defaults, see docs/sensitivity-methods.md.
 */
#define DUR_SMM_OPTS_INIT \
	{ DUR_SMM_BOBYQA, 500, 1e-4, 0.0, 0.0, 0.1, NULL, NULL, NULL }

/* What a fit found. */
struct dur_smm_result {
	double loss; /* least loss found; NaN if nothing was evaluated */
	int evals;   /* loss evaluations made */
	int nlopt;   /* NLopt's nlopt_result, for diagnostics */
};

/*
 * Minimise p->loss over the box. x (p->k values) receives the best point
 * found, res the best loss and the count; both are filled whatever the
 * return code, as soon as the arguments are valid (x is the start and
 * res->loss NaN if no evaluation was made). opts may be NULL for the
 * defaults. Returns:
 *   0            a tolerance or stopval was met (stopval counts even if
 *                met on the last evaluation the cap allowed);
 *   DUR_ENOCONV  the evaluation cap was reached first, or NLopt stopped on
 *                roundoff or failure: x is still the best found;
 *   DUR_ECANCEL  *opts->cancel became nonzero; x is the best so far;
 *   DUR_EINVAL   bad bounds, start or options, or the loss returned NaN;
 *   DUR_ENOMEM   out of memory.
 */
int dur_smm_fit(const struct dur_smm_problem *p,
		const struct dur_smm_opts *opts, double *x,
		struct dur_smm_result *res, struct dur_error *err);

/* How a source states a figure X. */
enum dur_smm_kind {
	DUR_SMM_AT_LEAST = 0, /* "over", "more than", "at least" X */
	DUR_SMM_AROUND,       /* "around", "about", "some" X */
	DUR_SMM_EXACT,        /* X as a count */
	DUR_SMM_AT_MOST,      /* "up to", "fewer than", "at most" X */
};

/*
 * The widths of the intervals that stand for a stated figure: "at least X"
 * means [X, X + 0.25 |X|] (X to 1.25 X for positive X), "around X" means
 * X +- 15 %, "at most X" means [X - 0.25 |X|, X]. Project conventions, not
 * estimates; see docs/sensitivity-methods.md.
 */
#define DUR_SMM_AT_LEAST_SPAN 0.25
#define DUR_SMM_AROUND_TOL 0.15

/* The interval [*lo, *hi] that a stated figure X of a kind stands for. */
void dur_smm_target_interval(enum dur_smm_kind kind, double stated,
			     double *lo, double *hi);

/*
 * Loss of a model value v against [lo, hi]: 0 inside; outside, the squared
 * distance to the bound crossed relative to that bound, ((v - b) / |b|)^2,
 * or the plain squared distance when b is 0. lo == hi gives the relative
 * squared error.
 */
double dur_smm_interval_loss(double lo, double hi, double v);

/*
 * The standard loss term of one target: the model's median against the
 * interval of dur_smm_target_interval(). For DUR_SMM_EXACT that is
 * ((median - X) / X)^2, the relative squared error.
 */
double dur_smm_target_loss(enum dur_smm_kind kind, double stated,
			   double median);

#endif
