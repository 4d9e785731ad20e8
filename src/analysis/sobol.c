/*
 * sobol.c: the Saltelli (2010) design for Sobol' indices and the first- and
 * total-order estimators, with their percentile bootstrap.
 *
 * The design is a 2k-dimensional base sample split into A and B, plus k
 * matrices that mix them; see sobol.h for the row layout. The analysis first
 * copies the outputs into one contiguous column per (output, block), and the
 * bootstrap, which dominates the cost, weighs each row by the number of
 * times a resample drew it, so that it too reads memory in order; resamples
 * run in parallel, each on its own random stream.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>

#include "durand/gsl_quiet.h"
#include "durand/rng.h"
#include "durand/sobol.h"
#include "boot_int.h"

static const struct dur_sobol_opts default_opts = DUR_SOBOL_OPTS_INIT;

static int check_args(size_t k, const double *lo, const double *hi,
		      const struct dur_sobol_opts *o, struct dur_error *err)
{
	int rc = boot_check_bounds(k, lo, hi, "no parameters to analyse", err);

	if (rc)
		return rc;
	if (o->n < 2)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "base sample size 'n' must be at least 2");
	if (!(o->conf > 0 && o->conf < 1))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'conf' must lie in (0, 1), not %g",
				     o->conf);
	if (k > SIZE_MAX / 4 || o->n > SIZE_MAX / (k + 2) / k / sizeof(double))
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "design of %zu rows of %zu parameters is "
				     "too large",
				     o->n, k);
	return 0;
}

/* Base row j into a (k values) and b (k values), in [0, 1]. */
static void base_random(uint64_t seed, size_t j, size_t k, double *a, double *b)
{
	struct dur_rng rng;

	dur_rng_init(&rng, seed, 0);
	dur_rng_seek(&rng, (uint32_t)j);
	for (size_t i = 0; i < k; i++)
		a[i] = dur_rng_uniform(&rng);
	for (size_t i = 0; i < k; i++)
		b[i] = dur_rng_uniform(&rng);
}

int dur_sobol_init(struct dur_sobol *s, size_t k, const double *lo,
		   const double *hi, const struct dur_sobol_opts *opts,
		   struct dur_error *err)
{
	const struct dur_sobol_opts *o = opts ? opts : &default_opts;
	gsl_qrng *q = NULL;
	double *u = NULL;
	size_t n;
	int rc;

	dur_gsl_quiet();

	memset(s, 0, sizeof(*s));
	rc = check_args(k, lo, hi, o, err);
	if (rc)
		return rc;
	n = o->n;
	s->k = k;
	s->n = n;
	s->npoints = n * (k + 2);
	s->seed = o->seed;
	s->boot = o->boot;
	s->conf = o->conf;
	s->qmc = 2 * k <= DUR_SOBOL_QRNG_MAXDIM &&
		 !(o->flags & DUR_SOBOL_RANDOM);
	s->x = malloc(s->npoints * k * sizeof(*s->x));
	u = malloc(2 * k * sizeof(*u));
	if (s->qmc)
		q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
	if (!s->x || !u || (s->qmc && !q)) {
		rc = dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				   "out of memory for a design of %zu points",
				   s->npoints);
		goto out_free;
	}
	for (size_t j = 0; j < n; j++) {
		double *ra = s->x + j * k;
		double *rb = s->x + (n + j) * k;

		if (q)
			gsl_qrng_get(q, u);
		else
			base_random(o->seed, j, k, u, u + k);
		for (size_t i = 0; i < k; i++) {
			ra[i] = lo[i] + u[i] * (hi[i] - lo[i]);
			rb[i] = lo[i] + u[k + i] * (hi[i] - lo[i]);
		}
		for (size_t i = 0; i < k; i++) {
			double *rab = s->x + ((2 + i) * n + j) * k;

			memcpy(rab, ra, k * sizeof(*rab));
			rab[i] = rb[i];
		}
	}
	if (q)
		gsl_qrng_free(q);
	free(u);
	return 0;

out_free:
	if (q)
		gsl_qrng_free(q);
	free(u);
	dur_sobol_release(s);
	return rc;
}

void dur_sobol_release(struct dur_sobol *s)
{
	free(s->x);
	memset(s, 0, sizeof(*s));
}

/*
 * The indices of one output from its columns c (k + 2 blocks of n values:
 * f_A, f_B, f_AB0, ...), each row j counted w[j] times (a bootstrap
 * resample as multiplicities, which keeps memory access in order), or once
 * if w is NULL. Writes s1[i] and st[i]; returns 0, or -1 if the sample has
 * no variance.
 */
static int estimate(const double *c, size_t n, size_t k, const unsigned *w,
		    double *s1, double *st)
{
	const double *fa = c, *fb = c + n;
	double mean = 0, var = 0;

	for (size_t j = 0; j < n; j++)
		mean += (w ? w[j] : 1) * (fa[j] + fb[j]);
	mean /= 2.0 * n;
	for (size_t j = 0; j < n; j++)
		var += (w ? w[j] : 1) * ((fa[j] - mean) * (fa[j] - mean) +
					 (fb[j] - mean) * (fb[j] - mean));
	var /= 2.0 * n;
	if (!(var > 0))
		return -1;
	for (size_t i = 0; i < k; i++) {
		const double *fab = c + (2 + i) * n;
		double a1 = 0, at = 0;

		for (size_t j = 0; j < n; j++) {
			double d = fab[j] - fa[j], m = w ? w[j] : 1;

			a1 += m * (fb[j] - mean) * d;
			at += m * d * d;
		}
		s1[i] = a1 / n / var;
		st[i] = at / (2.0 * n) / var;
	}
	return 0;
}

/* Lower and upper percentile bounds of the finite values in v[0..n). */
static void interval(double *v, size_t n, double conf, double *lo, double *hi)
{
	size_t m = 0;

	for (size_t j = 0; j < n; j++)
		if (isfinite(v[j]))
			v[m++] = v[j];
	if (!m) {
		*lo = *hi = NAN;
		return;
	}
	*lo = boot_quantile(v, m, (1 - conf) / 2);
	*hi = boot_quantile(v, m, (1 + conf) / 2);
}

/* Resample b into stat (w values: nout k S_i, then nout k ST_i). */
static void resample(const struct dur_sobol *s, const double *cols, size_t nout,
		     size_t b, unsigned *w, double *stat)
{
	size_t n = s->n, k = s->k;
	struct dur_rng rng;

	dur_rng_init(&rng, s->seed, 1);
	dur_rng_seek(&rng, (uint32_t)b);
	memset(w, 0, n * sizeof(*w));
	for (size_t j = 0; j < n; j++)
		w[boot_index(dur_rng_uniform(&rng), n)]++;
	for (size_t o = 0; o < nout; o++) {
		double *s1 = stat + o * k, *st = stat + (nout + o) * k;

		if (estimate(cols + o * (k + 2) * n, n, k, w, s1, st))
			for (size_t i = 0; i < k; i++)
				s1[i] = st[i] = NAN;
	}
}

/* Bootstrap every output's indices into idx's intervals. */
static int bootstrap(const struct dur_sobol *s, const double *cols, size_t nout,
		     struct dur_sobol_index *idx, struct dur_error *err)
{
	size_t B = s->boot, w = 2 * nout * s->k;
	double *stat = malloc(B * w * sizeof(*stat));
	double *v = malloc(B * sizeof(*v));
	int nomem = !stat || !v;

	/* Resample b has its own stream: any thread count, same answer. */
#pragma omp parallel if (!nomem)
	{
		unsigned *mult = malloc(s->n * sizeof(*mult));

		if (!mult) {
#pragma omp atomic write
			nomem = 1;
		}
#pragma omp for schedule(dynamic, 4)
		for (size_t b = 0; b < B; b++)
			if (mult)
				resample(s, cols, nout, b, mult, stat + b * w);
		free(mult);
	}
	if (nomem) {
		free(stat);
		free(v);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory for %zu bootstrap "
				     "resamples",
				     B);
	}
	for (size_t c = 0; c < nout * s->k; c++) {
		for (size_t b = 0; b < B; b++)
			v[b] = stat[b * w + c];
		interval(v, B, s->conf, &idx[c].s1_lo, &idx[c].s1_hi);
		for (size_t b = 0; b < B; b++)
			v[b] = stat[b * w + nout * s->k + c];
		interval(v, B, s->conf, &idx[c].st_lo, &idx[c].st_hi);
	}
	free(stat);
	free(v);
	return 0;
}

int dur_sobol_analyse(const struct dur_sobol *s, const double *y, size_t nout,
		      struct dur_sobol_index *idx, struct dur_error *err)
{
	size_t n = s->n, k = s->k, np = s->npoints;
	double *cols, *s1, *st;
	int rc = 0;

	if (!s->x || !y || !idx || nout == 0)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no design, outputs or result array");
	for (size_t j = 0; j < np; j++)
		for (size_t o = 0; o < nout; o++)
			if (!isfinite(y[j * nout + o]))
				return dur_error_set(err, DUR_EINVAL, NULL, 0,
						     0,
						     "output %zu at design row "
						     "%zu is not finite",
						     o, j);
	cols = malloc((nout * np + 2 * k) * sizeof(*cols));
	if (!cols)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory for %zu outputs", nout);
	s1 = cols + nout * np;
	st = s1 + k;
	for (size_t o = 0; o < nout; o++)
		for (size_t j = 0; j < np; j++)
			cols[o * np + j] = y[j * nout + o];
	for (size_t o = 0; o < nout; o++) {
		int flat = estimate(cols + o * np, n, k, NULL, s1, st);

		for (size_t i = 0; i < k; i++) {
			struct dur_sobol_index *d = idx + o * k + i;

			d->s1 = flat ? NAN : s1[i];
			d->st = flat ? NAN : st[i];
			d->s1_lo = d->s1_hi = d->st_lo = d->st_hi = NAN;
		}
	}
	if (s->boot)
		rc = bootstrap(s, cols, nout, idx, err);
	/* A flat output's resamples are flat too: its intervals stay NaN. */
	free(cols);
	return rc;
}
