/*
 * smm.c: the calibration driver, a derivative-free NLopt search of a box
 * for the least simulated-moments loss, run in the unit cube.
 *
 * NLopt sees only scaled coordinates; a wrapper maps them back, checks the
 * caller's cancel flag before each evaluation, counts evaluations, keeps the
 * best point itself (so that a cancelled or capped search still reports
 * it) and calls the progress callback. The per-target loss terms live here
 * too, because they define what the fit minimises.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlopt.h>

#include "durand/smm.h"

static const struct dur_smm_opts default_opts = DUR_SMM_OPTS_INIT;

/* What the NLopt objective needs; lives on dur_smm_fit()'s stack. */
struct fit_state {
	const struct dur_smm_problem *p;
	const struct dur_smm_opts *o;
	nlopt_opt opt;	  /* to force a stop */
	double *x;	  /* scratch: the point in the caller's coordinates */
	double *best;	  /* best point so far, caller's coordinates */
	double best_loss; /* NaN until the first evaluation */
	int evals;	  /* evaluations made */
	int stop;	  /* DUR_ECANCEL or DUR_EINVAL after a forced stop */
};

static void name_of(const struct dur_smm_problem *p, size_t i, char *buf,
		    size_t len)
{
	if (p->names && p->names[i])
		snprintf(buf, len, "%s", p->names[i]);
	else
		snprintf(buf, len, "x%zu", i);
}

static int check_args(const struct dur_smm_problem *p,
		      const struct dur_smm_opts *o, struct dur_error *err)
{
	char name[64];

	if (!p || p->k == 0 || !p->lo || !p->hi || !p->loss)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no parameters, bounds or loss to fit");
	if (p->k > (size_t)1 << 20)
		return dur_error_set(err, DUR_ELIMIT, NULL, 0, 0,
				     "%zu parameters are too many to fit",
				     p->k);
	for (size_t i = 0; i < p->k; i++) {
		double lo = p->lo[i], hi = p->hi[i];

		name_of(p, i, name, sizeof(name));
		if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "bounds of '%s' are not finite "
					     "and increasing: [%g, %g]",
					     name, lo, hi);
		if (p->start && !(p->start[i] >= lo && p->start[i] <= hi))
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "start of '%s' (%g) lies outside "
					     "[%g, %g]",
					     name, p->start[i], lo, hi);
	}
	if (o->algo != DUR_SMM_BOBYQA && o->algo != DUR_SMM_NELDERMEAD &&
	    o->algo != DUR_SMM_SBPLX)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "unknown algorithm %d", (int)o->algo);
	if (o->max_evals < 1)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'max_evals' must be at least 1, not %d",
				     o->max_evals);
	if (!(o->xtol >= 0) || !(o->ftol >= 0) || isnan(o->stopval))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "tolerances must be nonnegative numbers");
	if (!(o->step > 0 && o->step <= 0.5))
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "'step' must lie in (0, 0.5], not %g",
				     o->step);
	return 0;
}

static double objective(unsigned n, const double *u, double *grad, void *data)
{
	struct fit_state *s = data;
	const struct dur_smm_problem *p = s->p;
	double f;

	(void)grad; /* derivative-free algorithms only */
	if (dur_cancelled(s->o->cancel)) {
		s->stop = DUR_ECANCEL;
		nlopt_force_stop(s->opt);
		return HUGE_VAL;
	}
	for (unsigned i = 0; i < n; i++) {
		double v = u[i] < 0 ? 0 : u[i] > 1 ? 1 : u[i];

		s->x[i] = p->lo[i] + v * (p->hi[i] - p->lo[i]);
	}
	f = p->loss(s->x, p->ctx);
	s->evals++;
	if (isnan(f)) {
		s->stop = DUR_EINVAL;
		nlopt_force_stop(s->opt);
		return HUGE_VAL;
	}
	if (isnan(s->best_loss) || f < s->best_loss) {
		s->best_loss = f;
		memcpy(s->best, s->x, n * sizeof(*s->x));
	}
	if (s->o->progress) {
		struct dur_progress pr = { s->evals, s->o->max_evals, f,
					   s->best_loss, s->x };

		s->o->progress(s->o->progress_ctx, &pr);
	}
	return f;
}

static nlopt_algorithm nlopt_algo(enum dur_smm_algo a)
{
	switch (a) {
	case DUR_SMM_NELDERMEAD:
		return NLOPT_LN_NELDERMEAD;
	case DUR_SMM_SBPLX:
		return NLOPT_LN_SBPLX;
	case DUR_SMM_BOBYQA:
		break;
	}
	return NLOPT_LN_BOBYQA;
}

/* Set up opt for the box; 0 or an nlopt_result < 0. */
static nlopt_result configure(nlopt_opt opt, const struct dur_smm_opts *o,
			      struct fit_state *s)
{
	nlopt_result r;

	r = nlopt_set_lower_bounds1(opt, 0.0);
	if (r > 0)
		r = nlopt_set_upper_bounds1(opt, 1.0);
	if (r > 0)
		r = nlopt_set_min_objective(opt, objective, s);
	if (r > 0)
		r = nlopt_set_maxeval(opt, o->max_evals);
	if (r > 0)
		r = nlopt_set_xtol_abs1(opt, o->xtol);
	if (r > 0)
		r = nlopt_set_ftol_abs(opt, o->ftol);
	if (r > 0)
		r = nlopt_set_stopval(opt, o->stopval);
	if (r > 0)
		r = nlopt_set_initial_step1(opt, o->step);
	return r > 0 ? 0 : r;
}

/* Turn NLopt's verdict into ours; the point is in s either way. */
static int verdict(const struct fit_state *s, nlopt_result r,
		   struct dur_error *err)
{
	switch (r) {
	case NLOPT_SUCCESS:
	case NLOPT_STOPVAL_REACHED:
	case NLOPT_FTOL_REACHED:
	case NLOPT_XTOL_REACHED:
		return 0;
	case NLOPT_MAXEVAL_REACHED:
	case NLOPT_MAXTIME_REACHED:
		/* The last evaluation may have met stopval as well. */
		if (s->best_loss <= s->o->stopval)
			return 0;
		return dur_error_set(err, DUR_ENOCONV, NULL, 0, 0,
				     "no convergence in %d evaluations, best "
				     "loss %g",
				     s->evals, s->best_loss);
	case NLOPT_FORCED_STOP:
		if (s->stop == DUR_EINVAL)
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "loss is not a number at "
					     "evaluation %d",
					     s->evals);
		return dur_error_set(err, DUR_ECANCEL, NULL, 0, 0,
				     "calibration cancelled after %d "
				     "evaluations",
				     s->evals);
	case NLOPT_OUT_OF_MEMORY:
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory in the optimiser");
	case NLOPT_INVALID_ARGS:
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "the optimiser rejected its arguments");
	case NLOPT_ROUNDOFF_LIMITED:
	case NLOPT_FAILURE:
	default:
		break;
	}
	return dur_error_set(err, DUR_ENOCONV, NULL, 0, 0,
			     "the optimiser stopped (%s) after %d evaluations",
			     nlopt_result_to_string(r), s->evals);
}

int dur_smm_fit(const struct dur_smm_problem *p,
		const struct dur_smm_opts *opts, double *x,
		struct dur_smm_result *res, struct dur_error *err)
{
	const struct dur_smm_opts *o = opts ? opts : &default_opts;
	struct fit_state s = { 0 };
	double *u = NULL, f = 0;
	nlopt_result r;
	size_t k;
	int rc;

	rc = check_args(p, o, err);
	if (rc)
		return rc;
	if (!x || !res)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no room for the result");
	k = p->k;
	res->loss = NAN;
	res->evals = 0;
	res->nlopt = 0;
	for (size_t i = 0; i < k; i++)
		x[i] = p->start ? p->start[i] : 0.5 * (p->lo[i] + p->hi[i]);
	s.p = p;
	s.o = o;
	s.best = x;
	s.best_loss = NAN;
	s.x = malloc(k * sizeof(*s.x));
	u = malloc(k * sizeof(*u));
	s.opt = nlopt_create(nlopt_algo(o->algo), (unsigned)k);
	if (!s.x || !u || !s.opt) {
		rc = dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				   "out of memory for a fit of %zu parameters",
				   k);
		goto out_free;
	}
	for (size_t i = 0; i < k; i++)
		u[i] = (x[i] - p->lo[i]) / (p->hi[i] - p->lo[i]);
	r = configure(s.opt, o, &s);
	if (!r)
		r = nlopt_optimize(s.opt, u, &f);
	res->loss = s.best_loss;
	res->evals = s.evals;
	res->nlopt = (int)r;
	rc = verdict(&s, r, err);

out_free:
	nlopt_destroy(s.opt);
	free(s.x);
	free(u);
	return rc;
}

void dur_smm_target_interval(enum dur_smm_kind kind, double stated, double *lo,
			     double *hi)
{
	double a = fabs(stated);

	switch (kind) {
	case DUR_SMM_AT_LEAST:
		*lo = stated;
		*hi = stated + DUR_SMM_AT_LEAST_SPAN * a;
		return;
	case DUR_SMM_AT_MOST:
		*lo = stated - DUR_SMM_AT_LEAST_SPAN * a;
		*hi = stated;
		return;
	case DUR_SMM_AROUND:
		*lo = stated - DUR_SMM_AROUND_TOL * a;
		*hi = stated + DUR_SMM_AROUND_TOL * a;
		return;
	case DUR_SMM_EXACT:
		break;
	}
	*lo = *hi = stated;
}

static double rel_sq(double v, double b)
{
	double d = b != 0 ? (v - b) / fabs(b) : v - b;

	return d * d;
}

double dur_smm_interval_loss(double lo, double hi, double v)
{
	if (v < lo)
		return rel_sq(v, lo);
	if (v > hi)
		return rel_sq(v, hi);
	return isnan(v) ? NAN : 0.0;
}

double dur_smm_target_loss(enum dur_smm_kind kind, double stated, double median)
{
	double lo, hi;

	dur_smm_target_interval(kind, stated, &lo, &hi);
	return dur_smm_interval_loss(lo, hi, median);
}
