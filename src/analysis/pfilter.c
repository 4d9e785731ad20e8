/*
 * pfilter.c: the bootstrap particle filter of pfilter.h (Gordon, Salmond
 * and Smith 1993; the form pomp's pfilter() runs), with systematic
 * resampling when the effective sample size is low.
 *
 * The likelihood estimate is the product over steps of the weighted mean
 * of the particles' likelihoods, with the weights carried between
 * resamplings: log L = sum_t log(sum_i W_i,t-1 exp(l_i,t)), W normalised.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "durand/pfilter.h"
#include "durand/rng.h"

void dur_pf_systematic(const double *w, long n, double u, long *idx)
{
	double c = w[0], pos;
	long j = 0;

	for (long i = 0; i < n; i++) {
		pos = (u + (double)i) / (double)n;
		while (pos > c && j < n - 1)
			c += w[++j];
		idx[i] = j;
	}
}

void dur_pf_result_free(struct dur_pf_result *r)
{
	if (!r)
		return;
	free(r->ess);
	free(r->cll);
	free(r->particles);
	free(r->w);
	free(r);
}

/* The resampling uniform of step t: its own stream, apart from every
 * particle's. */
static double resample_uniform(const struct dur_pf_opts *o, int t)
{
	struct dur_rng r;

	dur_rng_init(&r, o->seed, ~(uint64_t)0 - o->replicate);
	dur_rng_seek(&r, (uint32_t)t);
	return dur_rng_uniform(&r);
}

int dur_pf_run(const struct dur_pf_model *m, const struct dur_pf_opts *o,
	       struct dur_pf_result **out, struct dur_error *err)
{
	long n = o->particles;
	int threads = o->threads > 0 ? o->threads : omp_get_num_procs();
	size_t sz = m->size;
	struct dur_pf_result *r;
	unsigned char *alt = NULL;
	double *ll = NULL;
	long *idx = NULL;
	int rc = 0, gen = 0;

	*out = NULL;
	if (n < 1 || o->steps < 0 || !(o->resample_below >= 0) ||
	    o->resample_below > 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a filter needs at least one particle, "
				     "steps >= 0 and a resampling threshold "
				     "in [0, 1]");
	r = calloc(1, sizeof(*r));
	if (!r)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	r->n = n;
	r->size = sz;
	r->steps = o->steps;
	r->ess = calloc((size_t)o->steps + 1, sizeof(*r->ess));
	r->cll = calloc((size_t)o->steps + 1, sizeof(*r->cll));
	r->particles = malloc((size_t)n * sz);
	r->w = malloc((size_t)n * sizeof(*r->w));
	alt = malloc((size_t)n * sz);
	ll = malloc((size_t)n * sizeof(*ll));
	idx = malloc((size_t)n * sizeof(*idx));
	if (!r->ess || !r->cll || !r->particles || !r->w || !alt || !ll ||
	    !idx) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				   "out of memory for %ld particles", n);
		goto done;
	}

#pragma omp parallel for num_threads(threads) schedule(static)
	for (long i = 0; i < n; i++) {
		int e = m->init(m->ctx, r->particles + (size_t)i * sz, o->seed,
				dur_pf_stream(o->replicate, 0, i));

		if (e) {
#pragma omp critical
			rc = rc ? rc : e;
		}
	}
	if (rc) {
		rc = dur_error_set(err, rc, "", 0, 0,
				   "cannot start the filter's particles");
		goto done;
	}
	for (long i = 0; i < n; i++)
		r->w[i] = 1.0 / (double)n;

	for (long i = 0; i < n; i++)
		ll[i] = 0;
	for (int t0 = 0; t0 < o->steps;) {
		double mx = -INFINITY, sum = 0, sum2 = 0;
		int any = 0, t1 = t0;

		if (o->cancel && *o->cancel) {
			rc = dur_error_set(err, DUR_ECANCEL, "", 0, 0,
					   "interrupted");
			goto done;
		}
		/* the stretch [t0, t1] up to the next sync */
		while (t1 + 1 < o->steps && m->sync && !m->sync(m->ctx, t1))
			t1++;
		/* dynamic: a thread the machine delays does not hold the
		 * others (the results do not depend on who steps what) */
#pragma omp parallel for num_threads(threads) schedule(dynamic, 32)
		for (long i = 0; i < n; i++) {
			unsigned char *p = r->particles + (size_t)i * sz;
			double l = 0;

			for (int t = t0; t <= t1; t++) {
				m->step(m->ctx, p, t);
				l += m->loglik(m->ctx, p, t);
			}
			ll[i] = l;
		}
		if (m->predict)
			m->predict(m->ctx, r->particles, r->w, n, t1);
		/* One thread, index order: the same sums for any threads. */
		for (long i = 0; i < n; i++) {
			if (ll[i] != 0)
				any = 1;
			if (ll[i] > mx)
				mx = ll[i];
		}
		if (!any) {
			r->cll[t1] = 0;
		} else if (!isfinite(mx)) {
			rc = dur_error_set(err, DUR_ENOCONV, "", 0, 0,
					   "no particle can produce what was "
					   "observed at step %d",
					   t1);
			goto done;
		} else {
			for (long i = 0; i < n; i++) {
				r->w[i] *= exp(ll[i] - mx);
				sum += r->w[i];
			}
			r->cll[t1] = mx + log(sum);
			r->loglik += r->cll[t1];
			for (long i = 0; i < n; i++)
				r->w[i] /= sum;
		}
		for (long i = 0; i < n; i++)
			sum2 += r->w[i] * r->w[i];
		for (int t = t0; t <= t1; t++)
			r->ess[t] = 1.0 / sum2;
		if (r->ess[t1] < o->resample_below * (double)n &&
		    t1 + 1 < o->steps) {
			unsigned char *tmp;

			dur_pf_systematic(r->w, n, resample_uniform(o, t1), idx);
			gen++;
#pragma omp parallel for num_threads(threads) schedule(static)
			for (long i = 0; i < n; i++) {
				unsigned char *dst = alt + (size_t)i * sz;

				memcpy(dst, r->particles + (size_t)idx[i] * sz,
				       sz);
				m->rekey(m->ctx, dst, o->seed,
					 dur_pf_stream(o->replicate, gen, i));
			}
			tmp = r->particles;
			r->particles = alt;
			alt = tmp;
			for (long i = 0; i < n; i++)
				r->w[i] = 1.0 / (double)n;
			r->resamples++;
		}
		t0 = t1 + 1;
	}
done:
	free(alt);
	free(ll);
	free(idx);
	if (rc) {
		dur_pf_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
