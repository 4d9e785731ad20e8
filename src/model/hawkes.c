/*
 * hawkes.c: log-likelihoods (with analytic gradients and Hessians),
 * simulation and time-rescaling residuals of the multivariate exponential
 * Hawkes process in its daily and continuous forms (see hawkes.h for the
 * equations). Everything is one pass over the data with a few numbers of
 * state per stream, so a fit's cost is linear in the number of days or
 * events.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "durand/grow.h"
#include "durand/gsl_quiet.h"
#include "durand/hawkes.h"

#define K_MAX DUR_HAWKES_MAXK

/* Index in theta of stream i's baseline in segment s (hawkes.h). */
static inline int mu_index(int k, int s, int i)
{
	return s ? dur_hawkes_nparams(k) + (s - 1) * k + i : i;
}

double dur_hawkes_daily_loglik(int k, const double *theta,
			       const double *count, long ndays, double *grad,
			       double *hess)
{
	return dur_hawkes_daily_loglik_seg(k, 1, NULL, theta, count, ndays,
					   grad, hess);
}

double dur_hawkes_daily_loglik_seg(int k, int nseg, const int *seg,
				   const double *theta, const double *count,
				   long ndays, double *grad, double *hess)
{
	const double *a = theta + k, *d = theta + k + k * k;
	double H[K_MAX] = { 0 }, G[K_MAX] = { 0 }, S[K_MAX] = { 0 };
	int P = dur_hawkes_nparams_seg(k, nseg);
	double ll = 0;

	dur_gsl_quiet();

	if (grad)
		memset(grad, 0, (size_t)P * sizeof(*grad));
	if (hess)
		memset(hess, 0, (size_t)P * P * sizeof(*hess));
	for (long t = 0; t < ndays; t++) {
		const double *n = count + t * k;
		int sg = seg ? seg[t] : 0;

		for (int i = 0; i < k; i++) {
			int mi = mu_index(k, sg, i);
			double lam = theta[mi], w, r;

			for (int j = 0; j < k; j++)
				lam += a[i * k + j] * H[j];
			if (!(lam > 0)) {
				if (n[i] > 0)
					return -INFINITY;
				continue;
			}
			ll += n[i] * log(lam) - lam;
			if (n[i] > 1)
				ll -= gsl_sf_lnfact((unsigned)n[i]);
			if (!grad && !hess)
				continue;
			r = n[i] / lam;
			w = r - 1;
			if (grad) {
				grad[mi] += w;
				for (int j = 0; j < k; j++) {
					grad[k + i * k + j] += w * H[j];
					grad[k + k * k + j] +=
						w * a[i * k + j] * G[j];
				}
			}
			if (hess) {
				int idx[2 * K_MAX + 1], m = 0;
				double v[2 * K_MAX + 1];
				double c = r / lam;

				idx[m] = mi, v[m++] = 1;
				for (int j = 0; j < k; j++) {
					idx[m] = k + i * k + j, v[m++] = H[j];
					idx[m] = k + k * k + j;
					v[m++] = a[i * k + j] * G[j];
				}
				for (int x = 0; x < m; x++)
					for (int y = 0; y < m; y++)
						hess[idx[x] * P + idx[y]] -=
							c * v[x] * v[y];
				for (int j = 0; j < k; j++) {
					int ia = k + i * k + j, id = k + k * k + j;

					hess[ia * P + id] += w * G[j];
					hess[id * P + ia] += w * G[j];
					hess[id * P + id] +=
						w * a[i * k + j] * S[j];
				}
			}
		}
		for (int j = 0; j < k; j++) {
			S[j] = 2 * G[j] + d[j] * S[j];
			G[j] = H[j] + d[j] * G[j];
			H[j] = d[j] * H[j] + n[j];
		}
	}
	return ll;
}

double dur_hawkes_cont_loglik(int k, const double *theta, const double *t,
			      const int *dim, size_t n, double T,
			      double *grad, double *hess)
{
	const double *mu = theta, *a = theta + k, *b = theta + k + k * k;
	double R[K_MAX] = { 0 }, D[K_MAX] = { 0 }, E[K_MAX] = { 0 };
	double N[K_MAX] = { 0 };
	int P = dur_hawkes_nparams(k), prev = -1;
	double ll = 0, tprev = 0;

	dur_gsl_quiet();

	if (grad)
		memset(grad, 0, (size_t)P * sizeof(*grad));
	if (hess)
		memset(hess, 0, (size_t)P * P * sizeof(*hess));
	for (size_t e = 0; e < n; e++) {
		double dt = t[e] - tprev, lam, inv;
		int i = dim[e];

		/* Decay the state of each stream from the previous event (which
		 * joins its stream's sum with age 0) to this one. */
		for (int j = 0; j < k; j++) {
			double A = R[j] + (prev == j), x = exp(-b[j] * dt);

			if (hess)
				E[j] = x * (E[j] - 2 * dt * D[j] + dt * dt * A);
			D[j] = x * (D[j] - dt * A);
			R[j] = x * A;
		}
		if (prev >= 0)
			N[prev]++;
		prev = i;
		tprev = t[e];
		lam = mu[i];
		for (int j = 0; j < k; j++)
			lam += a[i * k + j] * b[j] * R[j];
		if (!(lam > 0))
			return -INFINITY;
		ll += log(lam);
		if (!grad && !hess)
			continue;
		inv = 1 / lam;
		if (grad) {
			grad[i] += inv;
			for (int j = 0; j < k; j++) {
				grad[k + i * k + j] += inv * b[j] * R[j];
				grad[k + k * k + j] +=
					inv * a[i * k + j] *
					(R[j] + b[j] * D[j]);
			}
		}
		if (hess) {
			int idx[2 * K_MAX + 1], m = 0;
			double v[2 * K_MAX + 1], c = inv * inv;

			idx[m] = i, v[m++] = 1;
			for (int j = 0; j < k; j++) {
				idx[m] = k + i * k + j, v[m++] = b[j] * R[j];
				idx[m] = k + k * k + j;
				v[m++] = a[i * k + j] * (R[j] + b[j] * D[j]);
			}
			/* Lower triangle only; mirrored after the loop. */
			for (int x = 0; x < m; x++)
				for (int y = 0; y <= x; y++)
					hess[idx[x] * P + idx[y]] -=
						c * v[x] * v[y];
			for (int j = 0; j < k; j++) {
				int ia = k + i * k + j, id = k + k * k + j;
				double cross = inv * (R[j] + b[j] * D[j]);

				hess[id * P + ia] += cross;
				hess[id * P + id] += inv * a[i * k + j] *
						     (2 * D[j] + b[j] * E[j]);
			}
		}
	}
	/* The compensator: sum_i mu_i T + sum_ij alpha_ij C_j, where
	 * C_j = sum over j's events of 1 - exp(-beta_j (T - t_k)) is N_j
	 * less the state decayed to T. */
	{
		double dt = T - tprev;

		for (int j = 0; j < k; j++) {
			double A = R[j] + (prev == j), x = exp(-b[j] * dt);

			E[j] = x * (E[j] - 2 * dt * D[j] + dt * dt * A);
			D[j] = x * (D[j] - dt * A);
			R[j] = x * A;
		}
		if (prev >= 0)
			N[prev]++;
	}
	for (int i = 0; i < k; i++) {
		ll -= mu[i] * T;
		for (int j = 0; j < k; j++)
			ll -= a[i * k + j] * (N[j] - R[j]);
	}
	if (grad)
		for (int i = 0; i < k; i++) {
			grad[i] -= T;
			for (int j = 0; j < k; j++) {
				grad[k + i * k + j] -= N[j] - R[j];
				/* dC_j/dbeta_j = -dR_j/dbeta_j = -D_j */
				grad[k + k * k + j] += a[i * k + j] * D[j];
			}
		}
	if (hess) {
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++) {
				int ia = k + i * k + j, id = k + k * k + j;

				hess[id * P + ia] += D[j];
				hess[id * P + id] += a[i * k + j] * E[j];
			}
		/* idx[] grows within an event (mu_i, then alpha_ij before
		 * beta_j for each j, alpha index < beta index), so the loop
		 * above filled entries [x][y] with x listed after y; those are
		 * not always below the diagonal: fold both halves together. */
		for (int x = 0; x < P; x++)
			for (int y = 0; y < x; y++) {
				double s = hess[x * P + y] + hess[y * P + x];

				hess[x * P + y] = hess[y * P + x] = s;
			}
	}
	return ll;
}

void dur_hawkes_daily_simulate(int k, const double *theta, long ndays,
			       struct dur_rng *r, double *count)
{
	dur_hawkes_daily_simulate_seg(k, NULL, theta, ndays, r, count);
}

void dur_hawkes_daily_simulate_seg(int k, const int *seg,
				   const double *theta, long ndays,
				   struct dur_rng *r, double *count)
{
	const double *a = theta + k, *d = theta + k + k * k;
	double H[K_MAX] = { 0 };
	gsl_rng g;

	dur_gsl_quiet();

	dur_rng_gsl(r, &g);
	for (long t = 0; t < ndays; t++) {
		double *n = count + t * k;
		int sg = seg ? seg[t] : 0;

		dur_rng_seek(r, (uint32_t)t);
		for (int i = 0; i < k; i++) {
			double lam = theta[mu_index(k, sg, i)];

			for (int j = 0; j < k; j++)
				lam += a[i * k + j] * H[j];
			n[i] = lam > 0 ? gsl_ran_poisson(&g, lam) : 0;
		}
		for (int j = 0; j < k; j++)
			H[j] = d[j] * H[j] + n[j];
	}
}

int dur_hawkes_cont_simulate(int k, const double *theta, double T,
			     size_t max, struct dur_rng *r, double **tout,
			     int **dout, size_t *nout, struct dur_error *err)
{
	const double *mu = theta, *a = theta + k, *b = theta + k + k * k;
	double R[K_MAX] = { 0 }, now = 0;
	size_t n = 0, cap = 1024;
	double *t = malloc(cap * sizeof(*t));
	int *dim = malloc(cap * sizeof(*dim));

	dur_gsl_quiet();

	*tout = NULL, *dout = NULL, *nout = 0;
	if (!t || !dim)
		goto nomem;
	for (;;) {
		double lam[K_MAX], bound = 0, total = 0, u;
		int i;

		/* Intensities only decay between events, so the one now bounds
		 * them until the next event (Ogata 1981). */
		for (int x = 0; x < k; x++) {
			bound += mu[x];
			for (int j = 0; j < k; j++)
				bound += a[x * k + j] * b[j] * R[j];
		}
		u = dur_rng_uniform(r);
		double dt = -log(u) / bound;

		now += dt;
		if (now > T)
			break;
		for (int j = 0; j < k; j++)
			R[j] *= exp(-b[j] * dt);
		for (int x = 0; x < k; x++) {
			lam[x] = mu[x];
			for (int j = 0; j < k; j++)
				lam[x] += a[x * k + j] * b[j] * R[j];
			total += lam[x];
		}
		u = dur_rng_uniform(r) * bound;
		if (u > total)
			continue;
		for (i = 0; i < k - 1 && u > lam[i]; i++)
			u -= lam[i];
		if (n == cap) {
			size_t dcap = cap;

			if (n >= max) {
				free(t);
				free(dim);
				return dur_error_set(err, DUR_ELIMIT, NULL, 0,
						     0,
						     "more than %zu events: is "
						     "the process explosive?",
						     max);
			}
			if (dur_grow(&t, &cap, n + 1, sizeof(*t)) ||
			    dur_grow(&dim, &dcap, n + 1, sizeof(*dim)))
				goto nomem;
		}
		t[n] = now;
		dim[n++] = i;
		R[i] += 1;
	}
	*tout = t, *dout = dim, *nout = n;
	return 0;
nomem:
	free(t);
	free(dim);
	return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0, "out of memory");
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

void dur_hawkes_daily_rescale(int k, const double *theta, const double *count,
			      long ndays, struct dur_rng *r, double **tau,
			      size_t *m)
{
	dur_hawkes_daily_rescale_seg(k, NULL, theta, count, ndays, r, tau, m);
}

void dur_hawkes_daily_rescale_seg(int k, const int *seg, const double *theta,
				  const double *count, long ndays,
				  struct dur_rng *r, double **tau, size_t *m)
{
	const double *a = theta + k, *d = theta + k + k * k;
	double H[K_MAX] = { 0 }, L[K_MAX] = { 0 }, last[K_MAX] = { 0 };
	double u[256];

	for (int i = 0; i < k; i++)
		m[i] = 0;
	for (long t = 0; t < ndays; t++) {
		const double *n = count + t * k;
		int sg = seg ? seg[t] : 0;

		dur_rng_seek(r, (uint32_t)t);
		for (int i = 0; i < k; i++) {
			double lam = theta[mu_index(k, sg, i)];
			long c = (long)n[i];

			for (int j = 0; j < k; j++)
				lam += a[i * k + j] * H[j];
			/* More than 256 events in a day: spread them evenly. */
			for (long x = 0; x < c; x++)
				u[x % 256] = c <= 256 ? dur_rng_uniform(r) :
							(x + 0.5) / c;
			if (c <= 256)
				qsort(u, (size_t)c, sizeof(*u), cmp_double);
			for (long x = 0; x < c; x++) {
				double at = L[i] + lam * (c <= 256 ? u[x] :
							     (x + 0.5) / c);

				tau[i][m[i]++] = at - last[i];
				last[i] = at;
			}
			L[i] += lam;
		}
		for (int j = 0; j < k; j++)
			H[j] = d[j] * H[j] + n[j];
	}
}

void dur_hawkes_cont_rescale(int k, const double *theta, const double *t,
			     const int *dim, size_t n, double **tau, size_t *m)
{
	const double *mu = theta, *a = theta + k, *b = theta + k + k * k;
	double R[K_MAX] = { 0 }, N[K_MAX] = { 0 }, last[K_MAX] = { 0 };
	double tprev = 0;
	int prev = -1;

	for (int i = 0; i < k; i++)
		m[i] = 0;
	for (size_t e = 0; e < n; e++) {
		int i = dim[e];
		double L;

		for (int j = 0; j < k; j++)
			R[j] = exp(-b[j] * (t[e] - tprev)) *
			       (R[j] + (prev == j));
		if (prev >= 0)
			N[prev]++;
		prev = i;
		tprev = t[e];
		L = mu[i] * t[e];
		for (int j = 0; j < k; j++)
			L += a[i * k + j] * (N[j] - R[j]);
		tau[i][m[i]++] = L - last[i];
		last[i] = L;
	}
}
