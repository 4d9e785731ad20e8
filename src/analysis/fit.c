/*
 * fit.c: maximum likelihood for the Hawkes process with NLopt's L-BFGS,
 * standard errors from the observed information, branching ratios and
 * the time-rescaling goodness-of-fit test (see fit.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>
#include <nlopt.h>

#include "durand/fit.h"
#include "durand/gsl_quiet.h"

struct problem {
	int k, method;
	const double *count; /* daily */
	long ndays;
	int nseg;            /* daily: baseline segments (1: constant) */
	const int *seg;      /* segment of each day; NULL if one */
	int np;              /* parameters */
	const double *t;     /* continuous */
	const int *dim;
	size_t n;
	double T;
	double scale;        /* 1 / number of events */
	int nevals;
	const dur_cancel *stop;
	nlopt_opt opt;
};

/* Optimiser coordinates x -> natural parameters theta. */
static void to_theta(const struct problem *p, const double *x, double *th)
{
	int k = p->k;

	/* segments' baselines after the usual parameters, as log mu */
	for (int i = dur_hawkes_nparams(k); i < p->np; i++)
		th[i] = exp(x[i]);
	for (int i = 0; i < k; i++)
		th[i] = exp(x[i]);
	for (int i = 0; i < k * k; i++)
		th[k + i] = x[k + i];
	for (int j = 0; j < k; j++) {
		double z = x[k + k * k + j];

		th[k + k * k + j] = p->method == DUR_FIT_DAILY ?
					    1 / (1 + exp(-z)) :
					    exp(z);
	}
}

static double objective(unsigned nx, const double *x, double *grad,
			void *data)
{
	struct problem *p = data;
	double th[DUR_FIT_MAXP], g[DUR_FIT_MAXP], ll;
	int k = p->k;

	p->nevals++;
	if (p->stop && *p->stop)
		nlopt_force_stop(p->opt);
	to_theta(p, x, th);
	if (p->method == DUR_FIT_DAILY)
		ll = dur_hawkes_daily_loglik_seg(k, p->nseg, p->seg, th,
						 p->count, p->ndays,
						 grad ? g : NULL, NULL);
	else
		ll = dur_hawkes_cont_loglik(k, th, p->t, p->dim, p->n, p->T,
					    grad ? g : NULL, NULL);
	if (!isfinite(ll)) {
		if (grad)
			memset(grad, 0, nx * sizeof(*grad));
		return HUGE_VAL;
	}
	if (grad) {
		for (int i = 0; i < k; i++)
			grad[i] = -p->scale * g[i] * th[i];
		for (int i = 0; i < k * k; i++)
			grad[k + i] = -p->scale * g[k + i];
		for (int j = 0; j < k; j++) {
			int id = k + k * k + j;
			double dz = p->method == DUR_FIT_DAILY ?
					    th[id] * (1 - th[id]) :
					    th[id];

			grad[id] = -p->scale * g[id] * dz;
		}
		for (int i = dur_hawkes_nparams(k); i < p->np; i++)
			grad[i] = -p->scale * g[i] * th[i];
	}
	return -p->scale * ll;
}

/* Sort doubles ascending: quicksort with median-of-three pivots and
 * insertion sort for short runs, about four times faster than qsort()
 * with a comparison callback on the million residuals of a large fit. */
static void sort_doubles(double *v, size_t n)
{
	while (n > 16) {
		size_t i = 0, j = n - 1, mid = n / 2;
		double piv, tmp;

		if (v[mid] < v[0])
			tmp = v[mid], v[mid] = v[0], v[0] = tmp;
		if (v[n - 1] < v[0])
			tmp = v[n - 1], v[n - 1] = v[0], v[0] = tmp;
		if (v[n - 1] < v[mid])
			tmp = v[n - 1], v[n - 1] = v[mid], v[mid] = tmp;
		piv = v[mid];
		for (;;) {
			while (v[i] < piv)
				i++;
			while (piv < v[j])
				j--;
			if (i >= j)
				break;
			tmp = v[i], v[i] = v[j], v[j] = tmp;
			i++, j--;
		}
		/* Recurse into the smaller part, loop on the larger. */
		if (j + 1 < n - j - 1) {
			sort_doubles(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_doubles(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

double dur_fit_ks_pvalue(size_t n, double d)
{
	double sn = sqrt((double)n), lam, sum = 0;

	if (!n)
		return NAN;
	lam = (sn + 0.12 + 0.11 / sn) * d;
	if (lam < 0.2)
		return 1;
	for (int j = 1; j <= 100; j++) {
		double term = exp(-2.0 * j * j * lam * lam);

		sum += (j % 2 ? 2 : -2) * term;
		if (term < 1e-16)
			break;
	}
	return sum < 0 ? 0 : sum > 1 ? 1 : sum;
}

double dur_fit_ks_stat(const double *tau, size_t n)
{
	double d = 0;

	for (size_t i = 0; i < n; i++) {
		double u = 1 - exp(-tau[i]);
		double a = (double)(i + 1) / n - u, b = u - (double)i / n;

		if (a > d)
			d = a;
		if (b > d)
			d = b;
	}
	return d;
}

/* Standard errors: invert the observed information over the free
 * parameters. */
static void std_errors(struct dur_fit *f, const double *hess)
{
	int P = f->nparams, free_idx[DUR_FIT_MAXP], m = 0;
	gsl_matrix *I;

	for (int x = 0; x < P; x++) {
		f->se[x] = NAN;
		if (!f->at_bound[x])
			free_idx[m++] = x;
	}
	I = gsl_matrix_alloc((size_t)m, (size_t)m);
	if (!I)
		return;
	for (int x = 0; x < m; x++)
		for (int y = 0; y < m; y++)
			gsl_matrix_set(I, (size_t)x, (size_t)y,
				       -hess[free_idx[x] * P + free_idx[y]]);
	if (gsl_linalg_cholesky_decomp1(I) == 0 &&
	    gsl_linalg_cholesky_invert(I) == 0) {
		f->se_ok = 1;
		for (int x = 0; x < m; x++) {
			double v = gsl_matrix_get(I, (size_t)x, (size_t)x);

			f->se[free_idx[x]] = v > 0 ? sqrt(v) : NAN;
		}
	}
	gsl_matrix_free(I);
}

static double spectral_radius(const double *B, int k)
{
	gsl_matrix *m = gsl_matrix_alloc((size_t)k, (size_t)k);
	gsl_vector_complex *ev = gsl_vector_complex_alloc((size_t)k);
	gsl_eigen_nonsymm_workspace *w = gsl_eigen_nonsymm_alloc((size_t)k);
	double r = NAN;

	if (m && ev && w) {
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++)
				gsl_matrix_set(m, (size_t)i, (size_t)j,
					       B[i * k + j]);
		if (gsl_eigen_nonsymm(m, ev, w) == 0) {
			r = 0;
			for (int i = 0; i < k; i++) {
				gsl_complex z =
					gsl_vector_complex_get(ev, (size_t)i);
				double a = hypot(GSL_REAL(z), GSL_IMAG(z));

				if (a > r)
					r = a;
			}
		}
	}
	gsl_matrix_free(m);
	gsl_vector_complex_free(ev);
	gsl_eigen_nonsymm_free(w);
	return r;
}

static void summarise(struct dur_fit *f)
{
	int k = f->k;

	for (int j = 0; j < k; j++) {
		int id = dur_hawkes_id(k, j);
		double d = f->theta[id];

		if (f->method == DUR_FIT_DAILY) {
			double ld = log(d);

			f->halflife[j] = -M_LN2 / ld;
			f->se_halflife[j] = f->se[id] * M_LN2 / (d * ld * ld);
		} else {
			f->halflife[j] = M_LN2 / d;
			f->se_halflife[j] = f->se[id] * M_LN2 / (d * d);
		}
		for (int i = 0; i < k; i++) {
			double a = f->theta[dur_hawkes_ia(k, i, j)];

			f->branching[i * k + j] =
				f->method == DUR_FIT_DAILY ? a / (1 - d) : a;
		}
	}
	f->radius = spectral_radius(f->branching, k);
}

static nlopt_result optimize(struct problem *p, double *x, const double *lb,
			     const double *ub, const struct dur_fit_opts *o,
			     double *minf)
{
	int P = p->np;
	nlopt_result nr;

	p->opt = nlopt_create(NLOPT_LD_LBFGS, (unsigned)P);
	if (!p->opt)
		return NLOPT_OUT_OF_MEMORY;
	nlopt_set_min_objective(p->opt, objective, p);
	nlopt_set_lower_bounds(p->opt, lb);
	nlopt_set_upper_bounds(p->opt, ub);
	/* Stop when the log-likelihood moves less than ftol_abs: estimates
	 * are then within sqrt(2 ftol_abs) standard errors of the optimum. */
	nlopt_set_ftol_abs(p->opt, o->ftol_abs * p->scale);
	nlopt_set_xtol_rel(p->opt, 1e-10);
	nlopt_set_maxeval(p->opt, o->maxeval);
	nlopt_set_vector_storage(p->opt, 20);
	nr = nlopt_optimize(p->opt, x, minf);
	nlopt_destroy(p->opt);
	return nr;
}

/* Optimiser coordinates of natural parameters (the inverse of to_theta). */
static void to_x(const struct problem *p, const double *th, double *x)
{
	int k = p->k;

	for (int i = dur_hawkes_nparams(k); i < p->np; i++)
		x[i] = log(th[i]);
	for (int i = 0; i < k; i++)
		x[i] = log(th[i]);
	for (int i = 0; i < k * k; i++)
		x[k + i] = th[k + i];
	for (int j = 0; j < k; j++) {
		double v = th[k + k * k + j];

		x[k + k * k + j] = p->method == DUR_FIT_DAILY ?
					   log(v / (1 - v)) :
					   log(v);
	}
}

static double loglik(struct problem *p, const double *th, double *g,
		     double *h)
{
	p->nevals++;
	if (p->method == DUR_FIT_DAILY)
		return dur_hawkes_daily_loglik_seg(p->k, p->nseg, p->seg, th,
						   p->count, p->ndays, g, h);
	return dur_hawkes_cont_loglik(p->k, th, p->t, p->dim, p->n, p->T, g,
				      h);
}

/*
 * Newton's method on the analytic Hessian from a point near the optimum
 * (the fit to a prefix of the data): a handful of passes instead of the
 * dozens L-BFGS needs on large data. An alpha at 0 whose gradient points
 * below 0 stays there. Returns 0 when the Newton decrement is below 1e-7,
 * -1 if the method stalls (the caller falls back on L-BFGS).
 */
static int newton(struct problem *p, double *x)
{
	int k = p->k, P = dur_hawkes_nparams(k), rc = -1;
	double th[DUR_FIT_MAXP], g[DUR_FIT_MAXP], *h;
	gsl_matrix *m = gsl_matrix_alloc((size_t)P, (size_t)P);
	gsl_vector *v = gsl_vector_alloc((size_t)P);

	h = malloc((size_t)P * P * sizeof(*h));
	if (!h || !m || !v)
		goto out;
	to_theta(p, x, th);
	for (int it = 0; it < 40; it++) {
		int fr[DUR_FIT_MAXP], nf = 0;
		double ll = loglik(p, th, g, h), dec = 0, step = 1;
		gsl_matrix_view mv;
		gsl_vector_view vv;

		if (!isfinite(ll) || (p->stop && *p->stop))
			goto out;
		for (int a = 0; a < P; a++) {
			int is_alpha = a >= k && a < k + k * k;

			if (!(is_alpha && th[a] <= 0 && g[a] <= 0))
				fr[nf++] = a;
		}
		mv = gsl_matrix_submatrix(m, 0, 0, (size_t)nf, (size_t)nf);
		vv = gsl_vector_subvector(v, 0, (size_t)nf);
		for (int a = 0; a < nf; a++) {
			gsl_vector_set(&vv.vector, (size_t)a, g[fr[a]]);
			for (int b = 0; b < nf; b++)
				gsl_matrix_set(&mv.matrix, (size_t)a,
					       (size_t)b,
					       -h[fr[a] * P + fr[b]]);
		}
		if (gsl_linalg_cholesky_decomp1(&mv.matrix) ||
		    gsl_linalg_cholesky_svx(&mv.matrix, &vv.vector))
			goto out;
		for (int a = 0; a < nf; a++)
			dec += g[fr[a]] * gsl_vector_get(&vv.vector, (size_t)a);
		if (dec < 1e-7) {
			rc = 0;
			break;
		}
		for (int half = 0; half < 40; half++, step /= 2) {
			double nt[DUR_FIT_MAXP], nl;
			int ok = 1;

			memcpy(nt, th, sizeof(nt));
			for (int a = 0; a < nf; a++) {
				int i = fr[a];

				nt[i] += step * gsl_vector_get(&vv.vector,
							       (size_t)a);
				if (i >= k && i < k + k * k && nt[i] < 0)
					nt[i] = 0;
				else if (!(nt[i] > 0))
					ok = 0;
				if (p->method == DUR_FIT_DAILY &&
				    i >= k + k * k && !(nt[i] < 1))
					ok = 0;
			}
			if (!ok)
				continue;
			nl = loglik(p, nt, NULL, NULL);
			if (nl >= ll - 1e-9) {
				memcpy(th, nt, sizeof(nt));
				break;
			}
		}
	}
	if (!rc)
		to_x(p, th, x);
out:
	free(h);
	gsl_matrix_free(m);
	gsl_vector_free(v);
	return rc;
}

static int run(struct problem *p, struct dur_fit *f,
	       const struct dur_fit_opts *o, const long *nev, struct dur_rng *r,
	       struct dur_error *err)
{
	int k = p->k, P = p->np, rc = 0;
	double x[DUR_FIT_MAXP], lb[DUR_FIT_MAXP], ub[DUR_FIT_MAXP], minf;
	double *hess;
	int bounded = p->method == DUR_FIT_CONTINUOUS && isfinite(o->beta_max);
	double total = 0, span;
	nlopt_result nr;

	memset(f, 0, sizeof(*f));
	f->k = k;
	f->method = p->method;
	f->nparams = P;
	f->nseg = p->nseg;
	for (int i = 0; i < k; i++) {
		f->nevents[i] = nev[i];
		total += (double)nev[i];
	}
	span = p->method == DUR_FIT_DAILY ? (double)p->ndays : p->T;
	if (total < 1 || span <= 0)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no events to fit");
	for (int i = 0; i < k; i++)
		if (!nev[i])
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "stream %d has no events: its "
					     "rates cannot be estimated",
					     i + 1);
	for (int i = 0; i < k; i++)
		if (nev[i] < DUR_HAWKES_MIN_EVENTS)
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "stream %d has %ld events, too "
					     "few to fit: a stream needs at "
					     "least %d",
					     i + 1, nev[i],
					     DUR_HAWKES_MIN_EVENTS);
	p->scale = 1 / total;
	/* Start: half of each stream's rate from its baseline, weak
	 * excitation, half-lives of a day or so. */
	for (int i = 0; i < k; i++) {
		x[i] = log(0.5 * (double)nev[i] / span);
		lb[i] = -HUGE_VAL;
		for (int j = 0; j < k; j++) {
			x[k + i * k + j] =
				p->method == DUR_FIT_DAILY ? 0.02 : 0.1;
			lb[k + i * k + j] = 0;
		}
		x[k + k * k + i] = 0; /* d = 0.5 or beta = 1 per day */
		lb[k + k * k + i] = -HUGE_VAL;
		ub[i] = HUGE_VAL;
		for (int j = 0; j < k; j++)
			ub[k + i * k + j] = HUGE_VAL;
		ub[k + k * k + i] = bounded ? log(o->beta_max) : HUGE_VAL;
		if (x[k + k * k + i] > ub[k + k * k + i])
			x[k + k * k + i] = ub[k + k * k + i] - 0.1;
	}
	for (int i = dur_hawkes_nparams(k); i < P; i++) {
		x[i] = x[(i - dur_hawkes_nparams(k)) % k];
		lb[i] = -HUGE_VAL;
		ub[i] = HUGE_VAL;
	}
	/* Many events: start from the fit to the first tenth of them, which
	 * costs a tenth per evaluation and leaves the full fit a few steps. */
	if (p->method == DUR_FIT_CONTINUOUS && p->n >= 200000 && !bounded) {
		struct problem pre = *p;

		pre.n = p->n / 10;
		pre.T = p->t[pre.n];
		pre.scale = 1 / (double)pre.n;
		pre.nevals = 0;
		nr = optimize(&pre, x, lb, ub, o, &minf);
		p->nevals += pre.nevals / 10;
		if (nr < 0 && nr != NLOPT_ROUNDOFF_LIMITED)
			return dur_error_set(err, DUR_ENOCONV, NULL, 0, 0,
					     "the optimiser failed (%s)",
					     nlopt_result_to_string(nr));
	}
	if (p->method == DUR_FIT_CONTINUOUS && p->n >= 200000 && !bounded &&
	    newton(p, x) == 0)
		nr = NLOPT_FTOL_REACHED;
	else
		nr = optimize(p, x, lb, ub, o, &minf);
	f->nevals = p->nevals;
	if (p->stop && *p->stop)
		return dur_error_set(err, DUR_ECANCEL, NULL, 0, 0,
				     "interrupted");
	if (nr < 0 && nr != NLOPT_ROUNDOFF_LIMITED)
		return dur_error_set(err, DUR_ENOCONV, NULL, 0, 0,
				     "the optimiser failed (%s)",
				     nlopt_result_to_string(nr));
	f->converged = nr > 0 && nr != NLOPT_MAXEVAL_REACHED;
	to_theta(p, x, f->theta);
	for (int i = 0; i < k * k; i++)
		f->at_bound[k + i] = f->theta[k + i] < 1e-7;
	for (int j = 0; bounded && j < k; j++)
		f->at_bound[k + k * k + j] =
			f->theta[k + k * k + j] >= o->beta_max * (1 - 1e-6);
	hess = malloc((size_t)P * P * sizeof(*hess));
	if (!hess)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	if (p->method == DUR_FIT_DAILY)
		f->loglik = dur_hawkes_daily_loglik_seg(k, p->nseg, p->seg,
							f->theta, p->count,
							p->ndays, NULL, hess);
	else
		f->loglik = dur_hawkes_cont_loglik(k, f->theta, p->t, p->dim,
						   p->n, p->T, NULL, hess);
	std_errors(f, hess);
	free(hess);
	summarise(f);
	for (int i = 0; i < k; i++) {
		f->rescaled[i] = malloc(((size_t)nev[i] + 1) * sizeof(double));
		if (!f->rescaled[i]) {
			dur_fit_release(f);
			return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
					     "out of memory");
		}
	}
	if (p->method == DUR_FIT_DAILY)
		dur_hawkes_daily_rescale_seg(k, p->seg, f->theta, p->count,
					     p->ndays, r, f->rescaled,
					     f->nrescaled);
	else
		dur_hawkes_cont_rescale(k, f->theta, p->t, p->dim, p->n,
					f->rescaled, f->nrescaled);
	for (int i = 0; i < k; i++) {
		sort_doubles(f->rescaled[i], f->nrescaled[i]);
		f->ks_d[i] = dur_fit_ks_stat(f->rescaled[i], f->nrescaled[i]);
		f->ks_p[i] = dur_fit_ks_pvalue(f->nrescaled[i], f->ks_d[i]);
	}
	return rc;
}

static int check_k(int k, struct dur_error *err)
{
	if (k < 1 || k > DUR_HAWKES_MAXK)
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "%d streams: from 1 to %d can be fitted",
				     k, DUR_HAWKES_MAXK);
	return 0;
}

int dur_fit_daily(const double *count, long ndays, int k,
		  const struct dur_fit_opts *o, struct dur_fit *f,
		  struct dur_error *err)
{
	return dur_fit_daily_seg(count, ndays, k, 1, NULL, o, f, err);
}

int dur_fit_daily_seg(const double *count, long ndays, int k, int nseg,
		      const int *seg, const struct dur_fit_opts *o,
		      struct dur_fit *f, struct dur_error *err)
{
	struct problem p = { .k = k, .method = DUR_FIT_DAILY, .count = count,
			     .ndays = ndays, .nseg = nseg, .seg = seg,
			     .np = dur_hawkes_nparams_seg(k, nseg),
			     .stop = o->stop };
	long nev[DUR_HAWKES_MAXK] = { 0 }, *days;
	struct dur_rng r;
	int rc;

	dur_gsl_quiet();

	if (check_k(k, err))
		return err ? err->code : DUR_ELIMIT;
	if (nseg < 1 || nseg > DUR_FIT_MAXSEG || (nseg > 1 && !seg))
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "%d baseline segments: from 1 to %d can "
				     "be fitted",
				     nseg, DUR_FIT_MAXSEG);
	days = calloc((size_t)nseg, sizeof(*days));
	if (!days)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	for (long t = 0; t < ndays; t++) {
		int s = seg ? seg[t] : 0;

		if (s < 0 || s >= nseg || (t && seg && s < seg[t - 1])) {
			free(days);
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "day %ld is in segment %d: "
					     "segments must run in order "
					     "from 0 to %d",
					     t, s, nseg - 1);
		}
		days[s]++;
		for (int i = 0; i < k; i++)
			nev[i] += (long)count[t * k + i];
	}
	for (int s = 0; s < nseg; s++)
		if (!days[s]) {
			free(days);
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "baseline segment %d has no day",
					     s);
		}
	dur_rng_init(&r, o->seed, 1);
	rc = run(&p, f, o, nev, &r, err);
	/* the day-weighted mean baseline of each stream */
	for (int i = 0; !rc && i < k; i++) {
		double sum = 0;

		for (int s = 0; s < nseg; s++)
			sum += (double)days[s] *
			       f->theta[s ? dur_hawkes_nparams(k) + (s - 1) * k +
						    i :
					    i];
		f->mu_mean[i] = sum / (double)ndays;
	}
	free(days);
	return rc;
}

int dur_fit_continuous(const double *t, const int *dim, size_t n, double T,
		       int k, const struct dur_fit_opts *o, struct dur_fit *f,
		       struct dur_error *err)
{
	struct problem p = { .k = k, .method = DUR_FIT_CONTINUOUS, .t = t,
			     .dim = dim, .n = n, .T = T, .nseg = 1,
			     .np = dur_hawkes_nparams(k), .stop = o->stop };
	long nev[DUR_HAWKES_MAXK] = { 0 };
	struct dur_rng r;

	dur_gsl_quiet();

	if (check_k(k, err))
		return err ? err->code : DUR_ELIMIT;
	for (size_t e = 0; e < n; e++) {
		if (dim[e] < 0 || dim[e] >= k)
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "event %zu is in stream %d of %d",
					     e, dim[e], k);
		if (e && t[e] < t[e - 1])
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "event times are not sorted at "
					     "%zu",
					     e);
		nev[dim[e]]++;
	}
	dur_rng_init(&r, o->seed, 1);
	return run(&p, f, o, nev, &r, err);
}

void dur_fit_release(struct dur_fit *f)
{
	for (int i = 0; i < DUR_HAWKES_MAXK; i++) {
		free(f->rescaled[i]);
		f->rescaled[i] = NULL;
		f->nrescaled[i] = 0;
	}
}
