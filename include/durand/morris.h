/*
 * morris.h: Morris elementary-effects screening, independent of any model.
 *
 * Screening ranks k parameters by influence with few model runs: r random
 * one-at-a-time trajectories of k + 1 points each, r (k + 1) runs in all
 * (Morris 1991). Along a trajectory each parameter moves once, by
 * delta = p / (2 (p - 1)) of its range, on a grid of p levels. The
 * elementary effect of parameter i is the change in the output divided by
 * that step in unit coordinates, so for y = c x_i on [lo, hi] it is exactly
 * c (hi - lo). Over the r trajectories:
 *
 *   mu     mean of the effects (signed; effects of opposite sign cancel),
 *   mu*    mean of their absolute values (Campolongo et al. 2007), the
 *          ranking measure,
 *   sigma  their standard deviation (r - 1 denominator): nonlinearity or
 *          interaction with other parameters.
 *
 * The work splits in two so that the caller runs the model however it likes
 * (threads, processes, a cluster): dur_morris_init() builds the design, the
 * caller evaluates the model at every row of m->x, and dur_morris_analyse()
 * turns the outputs into indices. The design depends only on the seed.
 *
 * Typical use:
 *
 *	struct dur_morris m;
 *	struct dur_morris_opts o = DUR_MORRIS_OPTS_INIT;
 *	if (dur_morris_init(&m, k, lo, hi, &o, &err))
 *		return err.code;
 *	for (size_t j = 0; j < m.n; j++)
 *		y[j] = model(m.x + j * m.k);
 *	dur_morris_analyse(&m, y, 1, idx, &err);
 *	dur_morris_release(&m);
 */
#ifndef DURAND_MORRIS_H
#define DURAND_MORRIS_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

/* Options; start from DUR_MORRIS_OPTS_INIT and change what you need. */
struct dur_morris_opts {
	int levels;          /* p: grid levels, even, >= 2 */
	size_t trajectories; /* r: number of trajectories, >= 2 */
	uint64_t seed;       /* seeds the design and the bootstrap */
	size_t boot;         /* bootstrap resamples for mu*; 0 for none */
	double conf;         /* confidence level of the interval, in (0, 1) */
	size_t candidates;   /* > r: keep the r most spread out of this many
				trajectories (Campolongo et al. 2007); else off */
};

/*
 * p = 4 and r = 10 are the values Saltelli et al. (2008, ch. 3) recommend
 * for a first screening; 1000 resamples and 95% as in SALib; no
 * trajectory selection. Campolongo et al. (2007) pick r = 10 of 500 to
 * 1000 candidates; the selection costs O(candidates^2 k^3) and is capped
 * at 65536 candidates.
 */
#define DUR_MORRIS_OPTS_INIT { 4, 10, 1, 1000, 0.95, 0 }

/* A design; the caller owns the struct, dur_morris_release() its arrays. */
struct dur_morris {
	size_t k;         /* parameters */
	size_t r;         /* trajectories (after any selection) */
	size_t n;         /* design points, r (k + 1) */
	int levels;       /* p */
	double delta;     /* step in unit coordinates, p / (2 (p - 1)) */
	double *unit;     /* n x k row-major, the points in [0, 1]^k */
	double *x;        /* n x k row-major, the points scaled to [lo, hi] */
	size_t *moved;    /* r x k: parameter moved by step j of trajectory t */
	uint64_t seed;    /* from the options */
	size_t boot;      /* from the options */
	double conf;      /* from the options */
};

/* The screening measures of one parameter for one output. */
struct dur_morris_index {
	double mu;          /* mean elementary effect */
	double mu_star;     /* mean absolute elementary effect */
	double sigma;       /* standard deviation of the effects */
	double mu_star_lo;  /* bootstrap percentile interval of mu*; */
	double mu_star_hi;  /*   both NaN when opts.boot is 0 */
};

/*
 * Build the design for k parameters with bounds lo[i] < hi[i] (finite).
 * Rows t (k + 1) .. t (k + 1) + k of m->x are trajectory t; consecutive rows
 * differ in one parameter. opts may be NULL for the defaults. Fails with
 * DUR_EINVAL on bad options or bounds, DUR_ELIMIT if the design would not
 * fit in the address space or there are over 65536 candidates, DUR_ENOMEM;
 * m is then left empty (safe to release).
 */
int dur_morris_init(struct dur_morris *m, size_t k, const double *lo,
		    const double *hi, const struct dur_morris_opts *opts,
		    struct dur_error *err);

/* Free m's arrays and empty it. Safe on an emptied or zeroed struct. */
void dur_morris_release(struct dur_morris *m);

/*
 * Compute the measures from the model outputs. y is m->n x nout row-major:
 * y[j * nout + o] is output o at design row j. Fills idx[o * m->k + i] for
 * every output o and parameter i. Fails with DUR_EINVAL if an output is not
 * finite (err names the row and output), DUR_ENOMEM. The bootstrap resamples
 * trajectories; its result is the same for any number of threads.
 */
int dur_morris_analyse(const struct dur_morris *m, const double *y,
		       size_t nout, struct dur_morris_index *idx,
		       struct dur_error *err);

#endif
