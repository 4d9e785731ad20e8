/* test_fit.c: parameter recovery of the daily and continuous Hawkes fits
 * on simulated data with a fixed seed (every estimate within three of its
 * standard errors of the truth), the KS p-value, and the errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/fit.h"

#define K 3
#define P (2 * K + K * K)

/* attacks, strikes, clashes: strikes answer attacks, attacks and clashes
 * answer strikes. */
static const double daily_true[P] = {
	0.41, 0.043, 0.027,
	0.23, 0.36, 0.031,
	0.052, 0.11, 0.024,
	0.035, 0.29, 0.18,
	0.55, 0.35, 0.62,
};

static const double cont_true[P] = {
	0.83, 0.12, 0.071,
	0.31, 0.42, 0.05,
	0.12, 0.18, 0.04,
	0.06, 0.27, 0.22,
	1.7, 0.6, 3.1,
};

static void assert_recovered(const struct dur_fit *f, const double *truth)
{
	assert_true(f->se_ok);
	for (int x = 0; x < P; x++) {
		double z = (f->theta[x] - truth[x]) / f->se[x];

		if (!(fabs(z) < 3))
			fprintf(stderr, "param %d: %g, true %g, se %g\n", x,
				f->theta[x], truth[x], f->se[x]);
		assert_true(fabs(z) < 3);
	}
}

/* A baseline that moves by year: three segments of 2000 days, two
 * streams. */
#define KS 2
#define NSEG 3
#define PS (2 * KS + KS * KS + (NSEG - 1) * KS)

static const double seg_true[PS] = {
	0.21, 0.09,             /* mu, segment 0 */
	0.18, 0.05, 0.12, 0.07, /* alpha */
	0.55, 0.7,              /* d */
	0.62, 0.16,             /* mu, segment 1 */
	0.33, 0.05,             /* mu, segment 2 */
};

static void test_daily_seg_recovery(void **state)
{
	long nd = 6000;
	double *c = malloc(sizeof(double) * KS * nd);
	int *seg = malloc(sizeof(int) * nd);
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f, g;
	struct dur_rng r;

	(void)state;
	for (long t = 0; t < nd; t++)
		seg[t] = (int)(t / 2000);
	dur_rng_init(&r, 20140601, 0);
	dur_hawkes_daily_simulate_seg(KS, seg, seg_true, nd, &r, c);
	assert_int_equal(dur_fit_daily_seg(c, nd, KS, NSEG, seg, &o, &f, NULL),
			 0);
	assert_true(f.converged && f.se_ok);
	assert_int_equal(f.nparams, PS);
	assert_int_equal(f.nseg, NSEG);
	for (int x = 0; x < PS; x++) {
		double z = (f.theta[x] - seg_true[x]) / f.se[x];

		if (!(fabs(z) < 3))
			fprintf(stderr, "param %d: %g, true %g, se %g\n", x,
				f.theta[x], seg_true[x], f.se[x]);
		assert_true(fabs(z) < 3);
	}
	/* the mean baseline weighs the segments by their days */
	assert_true(fabs(f.mu_mean[0] -
			 (f.theta[0] + f.theta[8] + f.theta[10]) / 3) < 1e-12);
	for (int i = 0; i < KS; i++)
		assert_true(f.ks_p[i] > 0.001);
	/* A constant baseline is rejected by the likelihood ratio (4 more
	 * parameters; chi-square 0.999 quantile 18.5) and reads the moving
	 * rate as excitation: a larger branching ratio of stream 0. */
	assert_int_equal(dur_fit_daily(c, nd, KS, &o, &g, NULL), 0);
	assert_true(2 * (f.loglik - g.loglik) > 18.5);
	assert_true(g.branching[0] > f.branching[0]);
	dur_fit_release(&g);
	/* segments out of order, or empty */
	seg[10] = 2;
	assert_int_equal(dur_fit_daily_seg(c, nd, KS, NSEG, seg, &o, &g, NULL),
			 DUR_EINVAL);
	seg[10] = 0;
	assert_int_equal(dur_fit_daily_seg(c, nd, KS, NSEG + 1, seg, &o, &g,
					   NULL),
			 DUR_EINVAL);
	dur_fit_release(&f);
	free(c);
	free(seg);
}

static void test_daily_recovery(void **state)
{
	long nd = 6000;
	double *c = malloc(sizeof(double) * K * nd);
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	struct dur_rng r;

	(void)state;
	dur_rng_init(&r, 20251012, 0);
	dur_hawkes_daily_simulate(K, daily_true, nd, &r, c);
	assert_int_equal(dur_fit_daily(c, nd, K, &o, &f, NULL), 0);
	assert_true(f.converged);
	assert_recovered(&f, daily_true);
	for (int i = 0; i < K; i++)
		assert_true(f.ks_p[i] > 0.001);
	assert_true(f.radius > 0 && f.radius < 1);
	dur_fit_release(&f);
	free(c);
}

/* Simulate the continuous form on [0, T] with seed, fit it, and check the
 * fit recovers the truth and passes the time-rescaling test. The events
 * and the fit are the caller's to free. */
static size_t recover_cont(uint64_t seed, double T, double **t, int **dim,
			   struct dur_fit *f)
{
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_rng r;
	size_t n;

	o.method = DUR_FIT_CONTINUOUS;
	dur_rng_init(&r, seed, 0);
	assert_int_equal(dur_hawkes_cont_simulate(K, cont_true, T, 2000000, &r,
						  t, dim, &n, NULL),
			 0);
	assert_int_equal(dur_fit_continuous(*t, *dim, n, T, K, &o, f, NULL),
			 0);
	assert_true(f->converged);
	assert_recovered(f, cont_true);
	for (int i = 0; i < K; i++)
		assert_true(f->ks_p[i] > 0.001);
	return n;
}

static void test_cont_recovery(void **state)
{
	struct dur_fit f;
	double *t;
	int *dim;
	size_t n;

	(void)state;
	n = recover_cont(1979, 22000, &t, &dim, &f);
	assert_true(n > 40000 && n < 70000);
	dur_fit_release(&f);
	free(t);
	free(dim);
}

/* Above 200,000 events the continuous fit starts from a fit to a tenth of
 * them and finishes with Newton steps on the full likelihood (the path the
 * million-event benchmark takes). It must recover the truth, and reach the
 * maximum the optimiser reaches on its own (a bound on the decay far beyond
 * any estimate sends the fit down that road). */
static void test_cont_recovery_large(void **state)
{
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f, g;
	double *t;
	int *dim;
	size_t n;

	(void)state;
	n = recover_cont(1, 99000, &t, &dim, &f);
	assert_true(n > 200000);
	o.method = DUR_FIT_CONTINUOUS;
	o.beta_max = 1e6;
	assert_int_equal(dur_fit_continuous(t, dim, n, 99000, K, &o, &g, NULL),
			 0);
	assert_true(f.loglik >= g.loglik - 1e-4);
	for (int x = 0; x < P; x++)
		assert_true(fabs(f.theta[x] - g.theta[x]) < 0.01 * f.se[x]);
	dur_fit_release(&f);
	dur_fit_release(&g);
	free(t);
	free(dim);
}

/* The standard errors are honest: over 20 seeds, about 95% of the 300
 * estimates lie within 1.96 standard errors of the truth. */
static void test_daily_coverage(void **state)
{
	long nd = 3000, inside = 0, total = 0;
	double *c = malloc(sizeof(double) * K * nd);
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	struct dur_rng r;

	(void)state;
	for (int seed = 1; seed <= 20; seed++) {
		dur_rng_init(&r, (uint64_t)seed, 0);
		dur_hawkes_daily_simulate(K, daily_true, nd, &r, c);
		assert_int_equal(dur_fit_daily(c, nd, K, &o, &f, NULL), 0);
		for (int x = 0; x < P; x++) {
			if (f.at_bound[x] || !(f.se[x] > 0))
				continue;
			total++;
			inside += fabs(f.theta[x] - daily_true[x]) <
				  1.96 * f.se[x];
		}
		dur_fit_release(&f);
	}
	free(c);
	assert_true(total >= 280);
	assert_true(inside >= 0.89 * total && inside <= 0.99 * total);
}

static void test_ks_pvalue(void **state)
{
	(void)state;
	/* Q_KS(1.0) = 0.26999967 (Kolmogorov); with n huge the correction
	 * vanishes. */
	assert_true(fabs(dur_fit_ks_pvalue(100000000, 1e-4) - 0.26999967) <
		    1e-4);
	assert_true(dur_fit_ks_pvalue(50, 0.01) == 1);
	assert_true(dur_fit_ks_pvalue(1000, 0.2) < 1e-10);
	assert_true(isnan(dur_fit_ks_pvalue(0, 0.1)));
}

static void test_errors(void **state)
{
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	struct dur_error err = { 0 };
	double c[6] = { 1, 0, 2, 0, 0, 0 };
	double t[2] = { 2.5, 1.5 };
	int d[2] = { 0, 0 };

	(void)state;
	assert_int_equal(dur_fit_daily(c, 3, 2, &o, &f, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "stream 2 has no events: its rates "
				     "cannot be estimated");
	c[1] = 4;
	assert_int_equal(dur_fit_daily(c, 3, 2, &o, &f, &err), DUR_EINVAL);
	assert_string_equal(err.msg, "stream 1 has 3 events, too few to fit: "
				     "a stream needs at least 10");
	c[1] = 0;
	assert_int_equal(dur_fit_daily(c, 3, 0, &o, &f, &err), DUR_ELIMIT);
	o.method = DUR_FIT_CONTINUOUS;
	assert_int_equal(dur_fit_continuous(t, d, 2, 3, 1, &o, &f, &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "event times are not sorted at 1");
}

/* Look up the value an edit list gives a path; NAN if it sets none. */
static double edit_of(const struct dur_paramedit *ed, size_t n,
		      const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ed[i].path, path))
			return ed[i].value;
	return NAN;
}

/* Each estimate goes to the parameter of the stream it belongs to,
 * whatever the order of the streams: theta is laid out as hawkes.h says
 * (mu_i at i, alpha_ij at k + i k + j), here with k = 3 and the streams in
 * the order clash, attack, strike. A baseline is the day-weighted mean
 * mu_mean (the yearly baselines' mean), set apart from theta here. */
static void test_paramedits(void **state)
{
	const char *const streams[] = { "clash", "attack", "strike" };
	const char *const two[] = { "attack", "other" };
	struct dur_paramedit ed[DUR_FIT_MAX_EDITS];
	struct dur_fit f;
	struct dur_error err = { 0 };
	size_t n;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.k = 3;
	f.method = DUR_FIT_DAILY;
	for (int x = 0; x < P; x++)
		f.theta[x] = 0.125 + 0.0625 * x;
	for (int i = 0; i < 3; i++)
		f.mu_mean[i] = 2.5 + i;
	f.halflife[0] = 3.5, f.halflife[1] = 9.25, f.halflife[2] = 1.75;
	assert_int_equal(dur_fit_paramedits(&f, streams, ed, &n, &err), 0);
	assert_int_equal(n, 9);
	assert_true(edit_of(ed, n, "ttp.mu") == f.mu_mean[1]);
	assert_true(edit_of(ed, n, "attack.alpha_self") == f.theta[3 + 3 + 1]);
	assert_true(edit_of(ed, n, "attack.alpha_strike") == f.theta[3 + 3 + 2]);
	assert_true(edit_of(ed, n, "hawkes.halflife_attack") == 9.25);
	assert_true(edit_of(ed, n, "clash.mu") == f.mu_mean[0]);
	assert_true(edit_of(ed, n, "clash.alpha_self") == f.theta[3 + 0]);
	assert_true(edit_of(ed, n, "clash.alpha_strike") == f.theta[3 + 2]);
	assert_true(edit_of(ed, n, "hawkes.halflife_clash") == 3.5);
	assert_true(edit_of(ed, n, "hawkes.halflife_strike") == 1.75);
	/* attack alone: no excitation by strikes, no clash parameter */
	f.k = 2;
	assert_int_equal(dur_fit_paramedits(&f, two, ed, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_true(edit_of(ed, n, "ttp.mu") == f.mu_mean[0]);
	assert_true(edit_of(ed, n, "attack.alpha_self") == f.theta[2]);
	assert_true(isnan(edit_of(ed, n, "attack.alpha_strike")));
	assert_true(isnan(edit_of(ed, n, "clash.mu")));
	/* no stream of the engine, or the continuous form: an error */
	f.k = 1;
	assert_int_equal(dur_fit_paramedits(&f, two + 1, ed, &n, &err),
			 DUR_EINVAL);
	assert_int_equal(n, 0);
	f.k = 3;
	f.method = DUR_FIT_CONTINUOUS;
	assert_int_equal(dur_fit_paramedits(&f, streams, ed, &n, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "daily form"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_recovery),
		cmocka_unit_test(test_daily_seg_recovery),
		cmocka_unit_test(test_cont_recovery),
		cmocka_unit_test(test_cont_recovery_large),
		cmocka_unit_test(test_daily_coverage),
		cmocka_unit_test(test_ks_pvalue),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_paramedits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
