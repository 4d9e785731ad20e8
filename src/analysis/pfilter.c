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

int dur_pf_agree(const struct dur_pf_comm *cm, int rc)
{
	int all[cm->size], code = rc;
	size_t lens[cm->size];

	for (int r = 0; r < cm->size; r++)
		lens[r] = sizeof(int);
	if (cm->allgather(cm->ctx, &code, all, lens))
		return DUR_EIO;
	for (int r = 0; r < cm->size; r++)
		if (all[r])
			return all[r];
	return 0;
}

/* The rank that holds particle i: bound[r] <= i < bound[r + 1]. */
static int owner(const long *bound, int size, long i)
{
	int lo = 0, hi = size - 1;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (bound[mid] <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Gather the local doubles v[0..nl) of every rank into all[0..n). */
static int gather_doubles(const struct dur_pf_comm *cm, const long *bound,
			  const double *v, double *all, size_t per)
{
	size_t lens[cm->size];

	for (int r = 0; r < cm->size; r++)
		lens[r] = (size_t)(bound[r + 1] - bound[r]) * per *
			  sizeof(double);
	return cm->allgather(cm->ctx, v, all, lens);
}

/*
 * The offspring of this rank's block after a resampling with parents idx:
 * src[i] points at the bytes of the parent of offspring lo + i. Across
 * processes, each rank sends every other the distinct parents it holds of
 * that rank's offspring, in index order (idx is nondecreasing), once each;
 * *recv keeps what came until the offspring are copied.
 */
static int route(const struct dur_pf_comm *cm, const long *bound,
		 const long *idx, unsigned char *cur, size_t sz,
		 const unsigned char **src, void **recv, uint64_t *sent)
{
	int me = cm->rank, P = cm->size, rc = 0;
	long lo = bound[me], hi = bound[me + 1];
	void *send[P];
	size_t len[P], rlen[P];
	long last[P], pos[P];

	for (int d = 0; d < P; d++) {
		long n = 0, prev = -1;

		send[d] = NULL;
		len[d] = 0;
		for (long i = bound[d]; i < bound[d + 1]; i++)
			if (idx[i] >= lo && idx[i] < hi && idx[i] != prev) {
				prev = idx[i];
				n++;
			}
		if (!n)
			continue;
		if (!(send[d] = malloc((size_t)n * sz))) {
			rc = DUR_ENOMEM;
			continue;
		}
		prev = -1;
		for (long i = bound[d]; i < bound[d + 1]; i++)
			if (idx[i] >= lo && idx[i] < hi && idx[i] != prev) {
				prev = idx[i];
				memcpy((unsigned char *)send[d] + len[d],
				       cur + (size_t)(idx[i] - lo) * sz, sz);
				len[d] += sz;
			}
		if (d != me)
			*sent += len[d];
	}
	/* every rank takes part even when its own allocation failed */
	rc = dur_pf_agree(cm, rc);
	if (!rc && cm->exchange(cm->ctx, send, len, recv, rlen))
		rc = DUR_EIO;
	for (int d = 0; d < P; d++)
		free(send[d]);
	if (rc)
		return rc;
	for (int s = 0; s < P; s++) {
		last[s] = -1;
		pos[s] = -1;
	}
	for (long i = lo; i < hi; i++) {
		int s = owner(bound, P, idx[i]);

		if (idx[i] != last[s]) {
			last[s] = idx[i];
			pos[s]++;
		}
		if ((size_t)(pos[s] + 1) * sz > rlen[s])
			return DUR_EIO; /* not what the sender should send */
		src[i - lo] = (unsigned char *)recv[s] + (size_t)pos[s] * sz;
	}
	return 0;
}

int dur_pf_run(const struct dur_pf_model *m, const struct dur_pf_opts *o,
	       struct dur_pf_result **out, struct dur_error *err)
{
	const struct dur_pf_comm *cm = o->comm && o->comm->size > 1 ? o->comm
								      : NULL;
	long n = o->particles, lo = 0, nl, *bound = NULL;
	int P = cm ? cm->size : 1;
	int threads = o->threads > 0 ? o->threads : omp_get_num_procs();
	size_t sz = m->size;
	struct dur_pf_result *r;
	unsigned char *cur = NULL, *alt = NULL;
	const unsigned char **src = NULL;
	void **recv = NULL;
	double *ll = NULL, *llm = NULL, *feat = NULL, *featm = NULL;
	long *idx = NULL;
	int rc = 0, gen = 0, fcap = 0;

	*out = NULL;
	if (n < 1 || o->steps < 0 || !(o->resample_below >= 0) ||
	    o->resample_below > 1 || (cm && (cm->rank < 0 || cm->rank >= P)))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a filter needs at least one particle, "
				     "steps >= 0 and a resampling threshold "
				     "in [0, 1]");
	r = calloc(1, sizeof(*r));
	bound = malloc(((size_t)P + 1) * sizeof(*bound));
	if (!r || !bound) {
		free(r);
		free(bound);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	}
	for (int k = 0; k <= P; k++)
		bound[k] = dur_pf_block(n, P, k);
	if (cm)
		lo = bound[cm->rank];
	nl = cm ? bound[cm->rank + 1] - lo : n;
	r->n = n;
	r->size = sz;
	r->steps = o->steps;
	r->ess = calloc((size_t)o->steps + 1, sizeof(*r->ess));
	r->cll = calloc((size_t)o->steps + 1, sizeof(*r->cll));
	r->w = malloc((size_t)n * sizeof(*r->w));
	cur = malloc((nl ? (size_t)nl : 1) * sz);
	alt = malloc((nl ? (size_t)nl : 1) * sz);
	ll = malloc((size_t)n * sizeof(*ll));
	llm = cm ? malloc((nl ? (size_t)nl : 1) * sizeof(*llm)) : ll;
	idx = malloc((size_t)n * sizeof(*idx));
	src = malloc((nl ? (size_t)nl : 1) * sizeof(*src));
	recv = calloc((size_t)P, sizeof(*recv));
	if (!r->ess || !r->cll || !r->w || !cur || !alt || !ll || !llm ||
	    !idx || !src || !recv)
		rc = DUR_ENOMEM;
	if (cm)
		rc = dur_pf_agree(cm, rc);
	if (rc) {
		rc = dur_error_set(err, rc, "", 0, 0,
				   "out of memory for %ld particles", n);
		goto done;
	}

#pragma omp parallel for num_threads(threads) schedule(static)
	for (long i = 0; i < nl; i++) {
		int e = m->init(m->ctx, cur + (size_t)i * sz, o->seed,
				dur_pf_stream(o->replicate, 0, lo + i));

		if (e) {
#pragma omp critical
			rc = rc ? rc : e;
		}
	}
	if (cm)
		rc = dur_pf_agree(cm, rc);
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
		int any = 0, t1 = t0, nf;

		rc = o->cancel && *o->cancel ? DUR_ECANCEL : 0;
		if (cm)
			rc = dur_pf_agree(cm, rc);
		if (rc) {
			rc = dur_error_set(err, rc, "", 0, 0,
					   rc == DUR_ECANCEL
						   ? "interrupted"
						   : "the filter's processes "
						     "cannot exchange");
			goto done;
		}
		/* the stretch [t0, t1] up to the next sync */
		while (t1 + 1 < o->steps && m->sync && !m->sync(m->ctx, t1))
			t1++;
		/* dynamic: a thread the machine delays does not hold the
		 * others (the results do not depend on who steps what) */
#pragma omp parallel for num_threads(threads) schedule(dynamic, 32)
		for (long i = 0; i < nl; i++) {
			unsigned char *p = cur + (size_t)i * sz;
			double l = 0;

			for (int t = t0; t <= t1; t++) {
				m->step(m->ctx, p, t);
				l += m->loglik(m->ctx, p, t);
			}
			llm[i] = l;
		}
		if (cm && gather_doubles(cm, bound, llm, ll, 1)) {
			rc = dur_error_set(err, DUR_EIO, "", 0, 0,
					   "the filter's processes cannot "
					   "exchange weights");
			goto done;
		}
		nf = m->predict && m->nfeatures ? m->nfeatures(m->ctx, t1) : 0;
		if (nf > 0) {
			int bad = 0;

			/* grown to the most features asked, kept between
			 * syncs; on one process the particles' own features
			 * are the whole cloud's (featm is feat) */
			if (nf > fcap) {
				size_t each = (size_t)nf * sizeof(*feat);
				double *g = realloc(feat, (size_t)n * each);
				double *h = !cm || !g ? g :
					    realloc(featm, (nl ? (size_t)nl : 1) *
								   each);

				feat = g ? g : feat;
				featm = h ? h : featm;
				bad = h ? 0 : DUR_ENOMEM;
				fcap = bad ? fcap : nf;
			}
			for (long i = 0; !bad && i < nl; i++)
				m->feature(m->ctx, cur + (size_t)i * sz, t1,
					   featm + (size_t)i * (size_t)nf);
			if (cm)
				bad = dur_pf_agree(cm, bad);
			if (!bad && cm &&
			    gather_doubles(cm, bound, featm, feat, (size_t)nf))
				bad = DUR_EIO;
			if (bad) {
				rc = dur_error_set(err, bad, "", 0, 0,
						   "cannot gather the "
						   "particles' predictions");
				goto done;
			}
			m->predict(m->ctx, feat, nf, r->w, n, t1);
		}
		/* One thread, index order: the same sums for any threads and
		 * any processes (each holds every weight). */
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
			if (cm) {
				rc = route(cm, bound, idx, cur, sz, src, recv,
					   &r->sent);
				if (rc) {
					rc = dur_error_set(
						err, rc, "", 0, 0,
						"the filter's processes cannot "
						"exchange particles");
					goto done;
				}
			} else {
				for (long i = 0; i < n; i++)
					src[i] = cur + (size_t)idx[i] * sz;
			}
#pragma omp parallel for num_threads(threads) schedule(static)
			for (long i = 0; i < nl; i++) {
				unsigned char *dst = alt + (size_t)i * sz;

				memcpy(dst, src[i], sz);
				m->rekey(m->ctx, dst, o->seed,
					 dur_pf_stream(o->replicate, gen,
						       lo + i));
			}
			for (int s = 0; s < P; s++) {
				free(recv[s]);
				recv[s] = NULL;
			}
			tmp = cur;
			cur = alt;
			alt = tmp;
			for (long i = 0; i < n; i++)
				r->w[i] = 1.0 / (double)n;
			r->resamples++;
		}
		t0 = t1 + 1;
	}
	if (cm) {
		/* the whole final cloud on every process */
		size_t lens[P];
		uint64_t sent[P];

		for (int k = 0; k < P; k++)
			lens[k] = (size_t)(bound[k + 1] - bound[k]) * sz;
		r->particles = malloc((size_t)n * sz);
		rc = dur_pf_agree(cm, r->particles ? 0 : DUR_ENOMEM);
		if (!rc && cm->allgather(cm->ctx, cur, r->particles, lens))
			rc = DUR_EIO;
		for (int k = 0; k < P; k++)
			lens[k] = sizeof(uint64_t);
		if (!rc && cm->allgather(cm->ctx, &r->sent, sent, lens))
			rc = DUR_EIO;
		if (rc) {
			rc = dur_error_set(err, rc, "", 0, 0,
					   "cannot gather the filtered cloud");
			goto done;
		}
		for (int k = 0; k < P; k++)
			r->sent_all += sent[k];
		for (long i = 0; m->relocate && i < n; i++)
			m->relocate(m->ctx, r->particles + (size_t)i * sz);
	} else {
		r->particles = cur;
		cur = NULL;
	}
done:
	for (int s = 0; recv && s < P; s++)
		free(recv[s]);
	free(recv);
	free(src);
	free(cur);
	free(alt);
	if (llm != ll)
		free(llm);
	free(ll);
	if (featm != feat)
		free(featm);
	free(feat);
	free(idx);
	free(bound);
	if (rc) {
		dur_pf_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
