/*
 * sobol.h: Sobol' variance-based sensitivity indices, independent of any
 * model.
 *
 * For y = f(x_1..x_k) with independent inputs, the first-order index S_i is
 * the share of Var(y) explained by x_i alone, and the total-order index ST_i
 * the share that involves x_i at all, interactions included; ST_i - S_i
 * measures x_i's interactions, ST_i = 0 means x_i can be fixed anywhere.
 *
 * Sampling follows Saltelli et al. (2010): two n x k matrices A and B from
 * a 2k-dimensional base sample (A its first k columns, B its last k), and
 * for each i the matrix A_B^(i), A with column i taken from B: n (k + 2)
 * model runs in all. The base sample is the Sobol' low-discrepancy sequence
 * (GSL's gsl_qrng_sobol, which skips the all-zero point) when 2k <= 40, and
 * independent uniforms from dur_rng otherwise or on request. Estimators,
 * with f_A, f_B, f_ABi the outputs on the rows of each matrix and V the
 * variance of f_A and f_B pooled:
 *
 *   S_i  = mean(f_B (f_ABi - f_A)) / V             (Saltelli et al. 2010)
 *   ST_i = mean((f_A - f_ABi)^2) / (2 V)           (Jansen 1999)
 *
 * Outputs are centred on their pooled mean first: the estimators' means
 * do not change (to O(1/n)), but a large mean no longer inflates the
 * variance of S_i's estimate or its rounding error.
 * Confidence intervals come from a percentile bootstrap over the n base
 * rows (the rows of A, B and every A_B^(i) resampled together).
 *
 * As in morris.h the caller runs the model: dur_sobol_init() makes the
 * design, the caller evaluates every row of s->x, dur_sobol_analyse()
 * computes the indices. Rows are laid out in blocks:
 *
 *   rows [0, n)                    A
 *   rows [n, 2n)                   B
 *   rows [(2 + i) n, (3 + i) n)    A_B^(i), i = 0..k-1
 *
 * Powers of two for n keep the Sobol' sequence balanced.
 */
#ifndef DURAND_SOBOL_H
#define DURAND_SOBOL_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

/* The largest 2k for which GSL's gsl_qrng_sobol gives a sequence. */
#define DUR_SOBOL_QRNG_MAXDIM 40

enum dur_sobol_flags {
	DUR_SOBOL_RANDOM = 1 << 0, /* pseudo-random base sample even if 2k <= 40 */
};

/* Options; start from DUR_SOBOL_OPTS_INIT and change what you need. */
struct dur_sobol_opts {
	size_t n;       /* base sample size (rows of A); n (k + 2) runs */
	uint64_t seed;  /* seeds the bootstrap and any pseudo-random sample */
	size_t boot;    /* bootstrap resamples; 0 for no intervals */
	double conf;    /* confidence level of the intervals, in (0, 1) */
	unsigned flags; /* enum dur_sobol_flags */
};

/*
 * n = 1024 as in SALib's examples: on the Ishigami function the 95%
 * intervals are then about +-0.03 to +-0.08 wide, narrowing as 1/sqrt(n).
 * 1000 resamples (SALib's Sobol' analysis uses 100, too few for stable
 * percentiles) and 95%.
 */
#define DUR_SOBOL_OPTS_INIT { 1024, 1, 1000, 0.95, 0 }

/* A design; the caller owns the struct, dur_sobol_release() its array. */
struct dur_sobol {
	size_t k;        /* parameters */
	size_t n;        /* base sample size */
	size_t npoints;  /* rows of x: n (k + 2) */
	int qmc;         /* 1 if the base sample is the Sobol' sequence */
	double *x;       /* npoints x k row-major, scaled to [lo, hi] */
	uint64_t seed;   /* from the options */
	size_t boot;     /* from the options */
	double conf;     /* from the options */
};

/* The indices of one parameter for one output. */
struct dur_sobol_index {
	double s1, s1_lo, s1_hi; /* first order and its interval */
	double st, st_lo, st_hi; /* total order and its interval */
};

/*
 * Build the design for k parameters with finite bounds lo[i] < hi[i].
 * opts may be NULL for the defaults. The sample is deterministic: the
 * Sobol' sequence, or, when pseudo-random, base row j drawn from substream
 * j of run 0 of the seed (so a larger n extends a smaller one). Fails with
 * DUR_EINVAL on bad options or bounds, DUR_ELIMIT if the design would not
 * fit in the address space, DUR_ENOMEM; s is then left empty (safe to
 * release).
 */
int dur_sobol_init(struct dur_sobol *s, size_t k, const double *lo,
		   const double *hi, const struct dur_sobol_opts *opts,
		   struct dur_error *err);

/* Free s's array and empty it. Safe on an emptied or zeroed struct. */
void dur_sobol_release(struct dur_sobol *s);

/*
 * Compute the indices from the model outputs. y is s->npoints x nout
 * row-major: y[j * nout + o] is output o at row j of s->x. Fills
 * idx[o * s->k + i] for every output o and parameter i. An output that does
 * not vary over A and B has no indices: they are all NaN. Intervals are NaN
 * when s->boot is 0. Fails with DUR_EINVAL if an output is not finite (err
 * names the row and output), DUR_ENOMEM. Resample b draws from substream b
 * of run 1 of the seed: the result is the same for any number of threads.
 */
int dur_sobol_analyse(const struct dur_sobol *s, const double *y, size_t nout,
		      struct dur_sobol_index *idx, struct dur_error *err);

#endif
