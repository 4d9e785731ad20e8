/*
 * morris.c: the Morris (1991) trajectory design and the elementary-effect
 * measures mu, mu* and sigma computed from the model's outputs on it.
 *
 * Each trajectory starts at a random grid point and moves every parameter
 * once, in random order and direction, by delta = p / (2 (p - 1)) in unit
 * coordinates. This is the construction B* = (J x* + delta/2 ((2B - J) D* +
 * J)) P* of Morris's paper written as a walk: base levels x* are drawn from
 * {0, 1/(p-1), ..., 1 - delta}, so every point stays on the grid and inside
 * [0, 1]. Trajectory t draws from substream t of run 0 of the seed, so the
 * first r trajectories are the same whatever the total; the bootstrap draws
 * resample b from substream b of run 1. On request the design keeps only
 * the most spread-out r of a larger pool (Campolongo et al. 2007).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "durand/morris.h"
#include "durand/rng.h"
#include "boot_int.h"

static const struct dur_morris_opts default_opts = DUR_MORRIS_OPTS_INIT;

static int check_args(size_t k, const double *lo, const double *hi,
		      const struct dur_morris_opts *o, struct dur_error *err)
{
	int rc = boot_check_bounds(k, lo, hi, "no parameters to screen", err);

	if (rc)
		return rc;
	if (o->levels < 2 || o->levels % 2)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'levels' must be even and at least 2, "
				     "not %d",
				     o->levels);
	if (o->trajectories < 2)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'trajectories' must be at least 2");
	if (!(o->conf > 0 && o->conf < 1))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'conf' must lie in (0, 1), not %g",
				     o->conf);
	if (o->trajectories > SIZE_MAX / (k + 1) / k / sizeof(double) ||
	    o->candidates > SIZE_MAX / (k + 1) / k / sizeof(double) ||
	    (o->candidates > o->trajectories && o->candidates > (size_t)1
									<< 16))
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "design of %zu trajectories of %zu "
				     "parameters is too large",
				     o->trajectories > o->candidates
					     ? o->trajectories
					     : o->candidates,
				     k);
	return 0;
}

/* Fill trajectory t: rows t (k + 1) .. t (k + 1) + k of m->unit. */
static void walk(struct dur_morris *m, size_t t, struct dur_rng *rng)
{
	size_t k = m->k;
	double *row = m->unit + t * (k + 1) * k;
	size_t *perm = m->moved + t * k;
	double step = 1.0 / (m->levels - 1);
	int half = m->levels / 2;

	dur_rng_seek(rng, (uint32_t)t);
	for (size_t i = 0; i < k; i++) {
		size_t level = boot_index(dur_rng_uniform(rng), (size_t)half);
		int up = dur_rng_uniform(rng) < 0.5;

		/* Going down starts delta above the base level. */
		row[i] = (double)level * step + (up ? 0.0 : m->delta);
		perm[i] = i;
	}
	for (size_t i = k - 1; i > 0; i--) { /* Fisher-Yates */
		size_t j = boot_index(dur_rng_uniform(rng), i + 1);
		size_t tmp = perm[i];

		perm[i] = perm[j];
		perm[j] = tmp;
	}
	for (size_t s = 0; s < k; s++) {
		size_t i = perm[s];
		double *next = row + k;

		memcpy(next, row, k * sizeof(*row));
		/*
		 * delta > 1/2, so only one direction stays inside [0, 1]:
		 * the one chosen above.
		 */
		next[i] =
			row[i] + (row[i] + m->delta <= 1.0 + 1e-12 ? m->delta
								   : -m->delta);
		if (next[i] < 0.0) /* rounding at the grid's ends */
			next[i] = 0.0;
		if (next[i] > 1.0)
			next[i] = 1.0;
		row = next;
	}
}

/* Sum of the distances between the points of trajectories a and b. */
static double trajectory_distance(const struct dur_morris *m, size_t a,
				  size_t b)
{
	size_t k = m->k;
	const double *pa = m->unit + a * (k + 1) * k;
	const double *pb = m->unit + b * (k + 1) * k;
	double d = 0;

	for (size_t i = 0; i <= k; i++)
		for (size_t j = 0; j <= k; j++) {
			double s = 0;

			for (size_t c = 0; c < k; c++) {
				double e = pa[i * k + c] - pb[j * k + c];

				s += e * e;
			}
			d += sqrt(s);
		}
	return d;
}

/*
 * Campolongo et al. (2007): keep the r of m->r candidate trajectories that
 * are most spread out, the set maximising the sum of squared pairwise
 * distances. Searching all subsets is out of reach, so build the set
 * greedily: the farthest pair, then each time the candidate adding most to
 * the sum. Writes the chosen indices, ascending, into pick[0..r).
 */
static int select_spread(const struct dur_morris *m, size_t r, size_t *pick)
{
	size_t M = m->r;
	double *d = malloc(M * M * sizeof(*d));
	double *score = malloc(M * sizeof(*score));
	unsigned char *taken = calloc(M, 1);
	size_t a = 0, b = 1;

	if (!d || !score || !taken) {
		free(d);
		free(score);
		free(taken);
		return -1;
	}
#pragma omp parallel for schedule(dynamic, 1)
	for (size_t i = 0; i < M; i++) {
		d[i * M + i] = 0;
		for (size_t j = i + 1; j < M; j++)
			d[i * M + j] = d[j * M + i] =
				trajectory_distance(m, i, j);
	}
	for (size_t i = 0; i < M; i++)
		for (size_t j = i + 1; j < M; j++)
			if (d[i * M + j] > d[a * M + b]) {
				a = i;
				b = j;
			}
	taken[a] = taken[b] = 1;
	for (size_t c = 0; c < M; c++)
		score[c] = d[a * M + c] * d[a * M + c] +
			   d[b * M + c] * d[b * M + c];
	for (size_t s = 2; s < r; s++) {
		size_t best = M;

		for (size_t c = 0; c < M; c++)
			if (!taken[c] && (best == M || score[c] > score[best]))
				best = c;
		taken[best] = 1;
		for (size_t c = 0; c < M; c++)
			score[c] += d[best * M + c] * d[best * M + c];
	}
	for (size_t c = 0, s = 0; c < M; c++)
		if (taken[c])
			pick[s++] = c;
	free(d);
	free(score);
	free(taken);
	return 0;
}

/* Keep trajectories pick[0..r) (ascending) as trajectories 0..r-1. */
static void keep(struct dur_morris *m, const size_t *pick, size_t r)
{
	size_t k = m->k, pts = (k + 1) * k;
	double *shrunk;

	for (size_t s = 0; s < r; s++) {
		memmove(m->unit + s * pts, m->unit + pick[s] * pts,
			pts * sizeof(*m->unit));
		memmove(m->moved + s * k, m->moved + pick[s] * k,
			k * sizeof(*m->moved));
	}
	m->r = r;
	m->n = r * (k + 1);
	shrunk = realloc(m->unit, m->n * k * sizeof(*m->unit));
	if (shrunk) /* else keep the larger block */
		m->unit = shrunk;
}

int dur_morris_init(struct dur_morris *m, size_t k, const double *lo,
		    const double *hi, const struct dur_morris_opts *opts,
		    struct dur_error *err)
{
	const struct dur_morris_opts *o = opts ? opts : &default_opts;
	size_t r = o->trajectories, pool, *pick = NULL;
	struct dur_rng rng;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = check_args(k, lo, hi, o, err);
	if (rc)
		return rc;
	pool = o->candidates > r ? o->candidates : r;
	m->k = k;
	m->r = pool;
	m->n = pool * (k + 1);
	m->levels = o->levels;
	m->delta = o->levels / (2.0 * (o->levels - 1));
	m->seed = o->seed;
	m->boot = o->boot;
	m->conf = o->conf;
	m->unit = malloc(m->n * k * sizeof(*m->unit));
	m->x = malloc(r * (k + 1) * k * sizeof(*m->x));
	m->moved = malloc(pool * k * sizeof(*m->moved));
	if (pool > r)
		pick = malloc(r * sizeof(*pick));
	if (!m->unit || !m->x || !m->moved || (pool > r && !pick))
		goto out_nomem;
	dur_rng_init(&rng, o->seed, 0);
	for (size_t t = 0; t < pool; t++)
		walk(m, t, &rng);
	if (pool > r) {
		if (select_spread(m, r, pick))
			goto out_nomem;
		keep(m, pick, r);
		free(pick);
	}
	for (size_t j = 0; j < m->n; j++)
		for (size_t i = 0; i < k; i++)
			m->x[j * k + i] =
				lo[i] + m->unit[j * k + i] * (hi[i] - lo[i]);
	return 0;

out_nomem:
	free(pick);
	dur_morris_release(m);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
			     "out of memory for a design of %zu trajectories",
			     pool);
}

void dur_morris_release(struct dur_morris *m)
{
	free(m->unit);
	free(m->x);
	free(m->moved);
	memset(m, 0, sizeof(*m));
}

/*
 * Elementary effects into ee[(o k + i) r + t]: the effect of parameter i on
 * output o in trajectory t.
 */
static void effects(const struct dur_morris *m, const double *y, size_t nout,
		    double *ee)
{
	size_t k = m->k, r = m->r;

	for (size_t t = 0; t < r; t++) {
		for (size_t s = 0; s < k; s++) {
			size_t i = m->moved[t * k + s];
			size_t j = t * (k + 1) + s;
			double du =
				m->unit[(j + 1) * k + i] - m->unit[j * k + i];

			for (size_t o = 0; o < nout; o++)
				ee[(o * k + i) * r + t] =
					(y[(j + 1) * nout + o] -
					 y[j * nout + o]) /
					du;
		}
	}
}

/* mu* of every (output, parameter) for one bootstrap resample. */
static void resample(const struct dur_morris *m, size_t nout, const double *ee,
		     size_t b, size_t *pick, double *out)
{
	struct dur_rng rng;
	size_t r = m->r;

	dur_rng_init(&rng, m->seed, 1);
	dur_rng_seek(&rng, (uint32_t)b);
	for (size_t t = 0; t < r; t++)
		pick[t] = boot_index(dur_rng_uniform(&rng), r);
	for (size_t c = 0; c < nout * m->k; c++) {
		double s = 0;

		for (size_t t = 0; t < r; t++)
			s += fabs(ee[c * r + pick[t]]);
		out[c] = s / (double)r;
	}
}

static int bootstrap(const struct dur_morris *m, size_t nout, const double *ee,
		     struct dur_morris_index *idx, struct dur_error *err)
{
	size_t nc = nout * m->k, B = m->boot;
	double *stat = malloc(B * nc * sizeof(*stat));
	double *col = malloc(B * sizeof(*col));
	size_t *picks = malloc(B * m->r * sizeof(*picks));

	if (!stat || !col || !picks) {
		free(stat);
		free(col);
		free(picks);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory for %zu bootstrap "
				     "resamples",
				     B);
	}
	/* Resample b has its own stream: any thread count, same answer. */
#pragma omp parallel for schedule(static)
	for (size_t b = 0; b < B; b++)
		resample(m, nout, ee, b, picks + b * m->r, stat + b * nc);
	for (size_t c = 0; c < nc; c++) {
		for (size_t b = 0; b < B; b++)
			col[b] = stat[b * nc + c];
		idx[c].mu_star_lo = boot_quantile(col, B, (1 - m->conf) / 2);
		idx[c].mu_star_hi = boot_quantile(col, B, (1 + m->conf) / 2);
	}
	free(stat);
	free(col);
	free(picks);
	return 0;
}

int dur_morris_analyse(const struct dur_morris *m, const double *y, size_t nout,
		       struct dur_morris_index *idx, struct dur_error *err)
{
	size_t k = m->k, r = m->r;
	double *ee;
	int rc = 0;

	if (!m->unit || !y || !idx || nout == 0)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no design, outputs or result array");
	for (size_t j = 0; j < m->n; j++)
		for (size_t o = 0; o < nout; o++)
			if (!isfinite(y[j * nout + o]))
				return dur_error_set(err, DUR_EINVAL, NULL, 0,
						     0,
						     "output %zu at design row "
						     "%zu is not finite",
						     o, j);
	ee = malloc(nout * k * r * sizeof(*ee));
	if (!ee)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory for elementary effects");
	effects(m, y, nout, ee);
	for (size_t c = 0; c < nout * k; c++) {
		const double *e = ee + c * r;
		double s = 0, sa = 0, ss = 0;

		for (size_t t = 0; t < r; t++) {
			s += e[t];
			sa += fabs(e[t]);
		}
		for (size_t t = 0; t < r; t++)
			ss += (e[t] - s / r) * (e[t] - s / r);
		idx[c].mu = s / r;
		idx[c].mu_star = sa / r;
		idx[c].sigma = sqrt(ss / (r - 1));
		idx[c].mu_star_lo = NAN;
		idx[c].mu_star_hi = NAN;
	}
	if (m->boot)
		rc = bootstrap(m, nout, ee, idx, err);
	free(ee);
	return rc;
}
