/*
 * test_smm.c: the calibration driver on problems with known answers (a
 * Poisson rate recovered from simulated counts on common random numbers, a
 * scaled quadratic), its stopping rules and error paths, and the target
 * loss terms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/rng.h"
#include "durand/smm.h"

/* Poisson process of rate lambda on [0, T], R runs, one seed. */
struct poisson {
	double target; /* the "observed" mean count */
	double T;      /* horizon */
	int runs;      /* R */
	uint64_t seed; /* the same for every evaluation: common numbers */
};

/*
 * Arrivals at E_1/lambda, (E_1 + E_2)/lambda, ... with E_j exponential
 * draws that depend on the run only, so the count is monotone in lambda
 * and the mean count is a fine staircase rather than noise.
 */
static double mean_count(const struct poisson *q, double lambda)
{
	long total = 0;

	for (int r = 0; r < q->runs; r++) {
		struct dur_rng rng;
		double t = 0;

		dur_rng_init(&rng, q->seed, (uint64_t)r);
		for (;;) {
			t += -log(dur_rng_uniform(&rng));
			if (t > lambda * q->T)
				break;
			total++;
		}
	}
	return (double)total / q->runs;
}

static double poisson_loss(const double *x, void *ctx)
{
	const struct poisson *q = ctx;

	return dur_smm_target_loss(DUR_SMM_EXACT, q->target,
				   mean_count(q, x[0]));
}

/*
 * The fit solves mean_R N(lambda) = lambda0 T. The simulated mean at
 * lambda0 errs by a standard error sqrt(lambda0 T / R), which the fit turns
 * into an error of sqrt(lambda0 T / R) / T in lambda; allow four of them
 * (odds of a miss about 6e-5), for each algorithm.
 */
static void test_poisson_rate(void **state)
{
	const double lambda0 = 2.385;
	struct poisson q = { 0, 10.0, 400, 20211015 };
	const double lo = 0.1, hi = 10, start = 6.5;
	const char *names[] = { "rate" };
	struct dur_smm_problem p = { 1,	     names,	   &lo, &hi,
				     &start, poisson_loss, &q };
	double se = sqrt(lambda0 * q.T / q.runs) / q.T;
	enum dur_smm_algo algos[] = { DUR_SMM_BOBYQA, DUR_SMM_NELDERMEAD,
				      DUR_SMM_SBPLX };

	(void)state;
	q.target = lambda0 * q.T;
	for (size_t a = 0; a < 3; a++) {
		struct dur_smm_opts o = DUR_SMM_OPTS_INIT;
		struct dur_smm_result res;
		struct dur_error err = { 0 };
		double x;
		int rc;

		o.algo = algos[a];
		o.xtol = 1e-6;
		rc = dur_smm_fit(&p, &o, &x, &res, &err);
		assert_int_equal(rc, 0);
		assert_true(fabs(x - lambda0) < 4 * se);
		/* and the search really solved its own equation: the
		 * staircase steps by 1/R, the loss by about (1/(R X))^2 */
		assert_true(res.loss <= pow(2.0 / (q.runs * q.target), 2));
		assert_true(res.evals > 0 && res.evals < o.max_evals);
		assert_true(poisson_loss(&x, &q) == res.loss);
	}
}

/* A quadratic with its minimum inside very unequal ranges. */
struct quad {
	int calls;
	int cancel_at;	    /* set the flag at this call; 0 never */
	volatile int *flag; /* the flag */
	int nan_at;	    /* return NaN at this call; 0 never */
};

static const double q_lo[2] = { 0, -500 }, q_hi[2] = { 10, 0 };
static const double q_min[2] = { 3.7, -120.25 };

static double quad_loss(const double *x, void *ctx)
{
	struct quad *c = ctx;
	double a = (x[0] - q_min[0]) / 10, b = (x[1] - q_min[1]) / 500;

	c->calls++;
	if (c->cancel_at && c->calls == c->cancel_at)
		*c->flag = 1;
	if (c->nan_at && c->calls == c->nan_at)
		return NAN;
	return 0.125 + a * a + 3 * b * b + a * b;
}

struct trace {
	int n;
	int monotone;
	double last_best;
};

static void on_progress(void *ctx, const struct dur_progress *p)
{
	struct trace *t = ctx;

	t->n++;
	if (p->done != t->n || p->best > p->value || !p->x ||
	    (t->n > 1 && p->best > t->last_best))
		t->monotone = 0;
	t->last_best = p->best;
}

static void test_quadratic_scaled(void **state)
{
	struct quad c = { 0 };
	struct dur_smm_problem p = { 2, NULL, q_lo, q_hi, NULL, quad_loss, &c };
	struct dur_smm_opts o = DUR_SMM_OPTS_INIT;
	struct trace t = { 0, 1, 0 };
	struct dur_smm_result res;
	double x[2];

	(void)state;
	o.xtol = 1e-7;
	o.progress = on_progress;
	o.progress_ctx = &t;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, NULL), 0);
	/* xtol 1e-7 of each range */
	assert_true(fabs(x[0] - q_min[0]) < 1e-4 * 10);
	assert_true(fabs(x[1] - q_min[1]) < 1e-4 * 500);
	assert_true(fabs(res.loss - 0.125) < 1e-9);
	assert_int_equal(res.evals, c.calls);
	assert_int_equal(t.n, c.calls);
	assert_true(t.monotone);
	assert_true(res.loss == t.last_best);
}

/* The cap is a result: DUR_ENOCONV with the best point so far. */
static void test_evaluation_cap(void **state)
{
	struct quad c = { 0 };
	const double start[2] = { 9.5, -10 };
	struct dur_smm_problem p = {
		2, NULL, q_lo, q_hi, start, quad_loss, &c
	};
	struct dur_smm_opts o = DUR_SMM_OPTS_INIT;
	struct dur_smm_result res;
	struct dur_error err = { 0 };
	double x[2];

	(void)state;
	o.algo = DUR_SMM_NELDERMEAD;
	o.max_evals = 7;
	o.xtol = 0;
	o.stopval = -HUGE_VAL;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_ENOCONV);
	assert_int_equal(res.evals, 7);
	assert_int_equal(c.calls, 7);
	assert_true(res.loss < quad_loss(start, &c));
	assert_true(quad_loss(x, &c) == res.loss);
	assert_string_equal(dur_strerror(err.code), "did not converge");

	/* meeting stopval on the last allowed evaluation is success */
	c.calls = 0;
	o.stopval = quad_loss(start, &c) - 1e-3;
	c.calls = 0;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), 0);
	assert_true(res.evals <= 7 && res.loss <= o.stopval);
}

static void test_cancel(void **state)
{
	volatile int flag = 0;
	struct quad c = { 0, 5, &flag, 0 };
	struct dur_smm_problem p = { 2, NULL, q_lo, q_hi, NULL, quad_loss, &c };
	struct dur_smm_opts o = DUR_SMM_OPTS_INIT;
	struct dur_smm_result res;
	struct dur_error err = { 0 };
	double x[2];

	(void)state;
	o.cancel = &flag;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_ECANCEL);
	assert_int_equal(res.evals, 5); /* the 6th is never made */
	assert_int_equal(c.calls, 5);
	assert_true(isfinite(res.loss) && quad_loss(x, &c) == res.loss);
	assert_string_equal(err.msg, "calibration cancelled after 5 "
				     "evaluations");

	/* already set: no evaluation, x is the start (the centre) */
	c.calls = 0;
	c.cancel_at = 0;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_ECANCEL);
	assert_int_equal(res.evals, 0);
	assert_true(isnan(res.loss));
	assert_true(x[0] == 5 && x[1] == -250);
}

static void test_errors(void **state)
{
	struct quad c = { 0 };
	const char *names[] = { "lethality", "reach" };
	double lo[2] = { 0, -500 }, hi[2] = { 10, 0 }, start[2] = { 1, 2 };
	struct dur_smm_problem p = { 2, names, lo, hi, NULL, quad_loss, &c };
	struct dur_smm_opts o = DUR_SMM_OPTS_INIT;
	struct dur_smm_result res;
	struct dur_error err = { 0 };
	double x[2];

	(void)state;
	hi[1] = -600;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "bounds of 'reach' are not finite and "
				     "increasing: [-500, -600]");
	hi[1] = 0;
	lo[0] = -INFINITY;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	lo[0] = 0;
	p.start = start;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	assert_string_equal(err.msg,
			    "start of 'reach' (2) lies outside [-500, 0]");
	p.start = NULL;
	p.names = NULL;
	lo[0] = 10;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "bounds of 'x0' are not finite and "
				     "increasing: [10, 10]");
	lo[0] = 0;
	p.k = 0;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, NULL), DUR_EINVAL);
	p.k = 2;
	assert_int_equal(dur_smm_fit(&p, &o, NULL, &res, NULL), DUR_EINVAL);
	o.max_evals = 0;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, NULL), DUR_EINVAL);
	o.max_evals = 100;
	o.step = 0.75;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, NULL), DUR_EINVAL);
	o.step = 0.1;
	o.xtol = NAN;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, NULL), DUR_EINVAL);
	o.xtol = 1e-4;
	o.algo = (enum dur_smm_algo)7;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "unknown algorithm 7");
	o.algo = DUR_SMM_SBPLX;
	assert_int_equal(c.calls, 0); /* no bad call reached the model */

	c.nan_at = 3;
	assert_int_equal(dur_smm_fit(&p, &o, x, &res, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "loss is not a number at evaluation 3");
	assert_int_equal(res.evals, 3);
}

static void test_target_loss(void **state)
{
	double lo, hi;

	(void)state;
	/* "more than 400": [400, 500] */
	dur_smm_target_interval(DUR_SMM_AT_LEAST, 400, &lo, &hi);
	assert_true(lo == 400 && hi == 500);
	assert_true(dur_smm_target_loss(DUR_SMM_AT_LEAST, 400, 400) == 0);
	assert_true(dur_smm_target_loss(DUR_SMM_AT_LEAST, 400, 499.5) == 0);
	assert_true(fabs(dur_smm_target_loss(DUR_SMM_AT_LEAST, 400, 300) -
			 0.0625) < 1e-15);
	assert_true(fabs(dur_smm_target_loss(DUR_SMM_AT_LEAST, 400, 550) -
			 0.01) < 1e-15);
	/* "around 2,000": [1700, 2300] */
	assert_true(dur_smm_target_loss(DUR_SMM_AROUND, 2000, 1701) == 0);
	assert_true(dur_smm_target_loss(DUR_SMM_AROUND, 2000, 2299) == 0);
	assert_true(fabs(dur_smm_target_loss(DUR_SMM_AROUND, 2000, 1530) -
			 0.01) < 1e-15);
	/* exact: relative squared error */
	assert_true(fabs(dur_smm_target_loss(DUR_SMM_EXACT, 58, 43.5) -
			 0.0625) < 1e-15);
	assert_true(dur_smm_target_loss(DUR_SMM_EXACT, 58, 58) == 0);
	/* at most, negative and zero figures keep the interval ordered */
	dur_smm_target_interval(DUR_SMM_AT_MOST, 80, &lo, &hi);
	assert_true(lo == 60 && hi == 80);
	dur_smm_target_interval(DUR_SMM_AT_LEAST, -8, &lo, &hi);
	assert_true(lo == -8 && hi == -6);
	assert_true(fabs(dur_smm_target_loss(DUR_SMM_EXACT, 0, 0.3) - 0.09) <
		    1e-15);
	assert_true(isnan(dur_smm_target_loss(DUR_SMM_AROUND, 10, NAN)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poisson_rate),
		cmocka_unit_test(test_quadratic_scaled),
		cmocka_unit_test(test_evaluation_cap),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_target_loss),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
