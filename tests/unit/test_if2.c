/*
 * test_if2.c: iterated filtering and the parameter ensemble it writes.
 *
 * Known answer: one run of afpak-2021 with known values of the attack rate
 * (ttp.mu) and the deaths per attack (attack.fatality_mean) is observed as
 * two years of monthly counts of cross-border attacks and of their deaths,
 * each drawn from the observation law (negative binomial, size 20, around
 * the run's count); IF2 started uniformly over the parameters' ranges must
 * end with a swarm whose median lies within three standard errors of each
 * true value (the error of any estimate from one realisation, derived below)
 * and whose 90% interval is much narrower than the range. (The swarm's own
 * spread is the walk's at the end, not that error: docs/calibration.md.) The result is the same bits for 1 and 2
 * threads. The `ensemble:` section round-trips through its writer and the
 * parser, bad values are refused at their line and column, and run i of a
 * scenario with an ensemble takes set i mod n, a no-op what-if leaving
 * every outcome unchanged; a cloud's state keeps the set it was filtered
 * with.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "durand/cloud.h"
#include "durand/date.h"
#include "durand/if2.h"
#include "durand/paramedit.h"
#include "durand/record.h"
#include "durand/sim.h"

#define MONTHS 24
#define TRUE_MU 1.1
#define TRUE_FAT 1.45

static struct dur_scenario *load(const char *text)
{
	struct dur_scenario *sc = malloc(sizeof(*sc));
	struct dur_error err = { 0 };

	assert_non_null(sc);
	if (dur_scenario_parse(sc, text, strlen(text), "t.yaml", NULL, &err))
		fail_msg("%d:%d: %s", err.line, err.col, err.msg);
	return sc;
}

/* afpak-2021 without the parameter ensemble it ships with: the tests
 * here set their own. */
static char *text_2021(void)
{
	const char *t = dur_scenario_builtin_text("afpak-2021");
	const char *e = strstr(t, "\nensemble:");
	size_t n = e ? (size_t)(e - t) + 1 : strlen(t);
	char *s = malloc(n + 1);

	assert_non_null(s);
	memcpy(s, t, n);
	s[n] = 0;
	return s;
}

static struct dur_scenario *load_2021(void)
{
	char *t = text_2021();
	struct dur_scenario *sc = load(t);

	free(t);
	return sc;
}

/* Two years of monthly counts of one run of sc with the true values, drawn
 * through the observation law; a record of them. */
static struct dur_record *simulated_record(const struct dur_scenario *base)
{
	struct dur_scenario *sc = malloc(sizeof(*sc));
	size_t mu = dur_scenario_param_find(base, "ttp.mu");
	size_t fat = dur_scenario_param_find(base, "attack.fatality_mean");
	int nout = dur_outcome_count(base);
	int64_t *out = calloc((size_t)nout, sizeof(*out));
	int ia = dur_outcome_find(base, "attacks_cross_border");
	int ip = dur_outcome_find(base, "fatalities_pakistan");

	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	char *text = malloc(64 * 1024), *w = text;
	struct dur_record *rec = NULL;
	struct dur_error err = { 0 };
	struct dur_sim sim;
	int64_t a0 = 0, d0 = 0;

	assert_true(sc && out && g && text && ia >= 0 && ip >= 0);
	*sc = *base;
	*dur_model_at(&sc->model, mu) = TRUE_MU;
	*dur_model_at(&sc->model, fat) = TRUE_FAT;
	gsl_rng_set(g, 20251);
	w += sprintf(w, "%s\n", DUR_RECORD_HEADER);
	dur_sim_init(&sim, sc, NULL, 4242, 0, out);
	for (int k = 0; k < MONTHS; k++) {
		char d1[16], d2[16];
		double x, y;

		for (int t = 0; t < 30; t++)
			dur_sim_step(&sim);
		x = (double)(out[ia] - a0);
		if (getenv("IF2_DEBUG"))
			print_message("month %d: %g attacks, capacity %.3f "
				      "sanctuary %.3f\n",
				      k, x, sim.s.capacity, sim.s.sanctuary);
		y = (double)(out[ip] - d0);
		a0 = out[ia];
		d0 = out[ip];
		dur_date_format(sc->start + 30 * k, d1);
		dur_date_format(sc->start + 30 * k + 29, d2);
		w += sprintf(w,
			     "a%02d,count,cross_border_attacks,%s,%s,%u,,,"
			     "attacks,exact,,simulated,,B\n",
			     k, d1, d2,
			     gsl_ran_negative_binomial(g, 20 / (20 + x), 20));
		w += sprintf(w,
			     "d%02d,count,deaths_in_cross_border_attacks,%s,%s,"
			     "%u,,,people,exact,,simulated,,B\n",
			     k, d1, d2,
			     gsl_ran_negative_binomial(g, 20 / (20 + y), 20));
	}
	assert_int_equal(dur_record_parse(text, strlen(text), "sim.csv", &rec,
					  &err),
			 0);
	gsl_rng_free(g);
	free(text);
	free(out);
	free(sc);
	return rec;
}

static struct dur_if2_result *if2(const struct dur_scenario *sc,
				  const struct dur_record *rec, long n, int m,
				  int threads)
{
	static const char *const paths[] = { "ttp.mu",
					     "attack.fatality_mean" };
	struct dur_if2_opts o = DUR_IF2_OPTS_INIT;
	struct dur_if2_result *r = NULL;
	struct dur_error err = { 0 };

	o.particles = n;
	o.iterations = m;
	o.cooling = 0.3;
	o.seed = 77;
	o.threads = threads;
	o.until = sc->start + 30 * MONTHS;
	if (dur_if2_run(sc, rec, paths, 2, &o, &r, &err))
		fail_msg("%s", err.msg);
	return r;
}

/*
 * The sampling error of the estimate, from the maths of the model: over
 * MONTHS months the record's total of an outcome is one draw of the
 * model's total (whose sd, from R runs at the truth, includes the
 * self-excitation and the growth of capacity) plus the observation law's
 * noise (negative binomial of size 20 each month: variance x^2 / 20 on top
 * of the count). The parameter scales the total (the attack rate, the
 * deaths per attack), so its relative standard error is the total's.
 */
static double relative_se(const struct dur_scenario *base, int which)
{
	struct dur_scenario *sc = malloc(sizeof(*sc));
	int nout = dur_outcome_count(base);
	int64_t *out = calloc((size_t)nout, sizeof(*out));
	int ia = dur_outcome_find(base, "attacks_cross_border");
	int ip = dur_outcome_find(base, "fatalities_pakistan");
	double s = 0, s2 = 0, mean, var;
	const int runs = 200;

	*sc = *base;
	*dur_model_at(&sc->model, dur_scenario_param_find(sc, "ttp.mu")) =
		TRUE_MU;
	*dur_model_at(&sc->model,
		      dur_scenario_param_find(sc, "attack.fatality_mean")) =
		TRUE_FAT;
	for (int r = 0; r < runs; r++) {
		struct dur_sim sim;
		double x;

		dur_sim_init(&sim, sc, NULL, 99, r, out);
		for (int t = 0; t < 30 * MONTHS; t++)
			dur_sim_step(&sim);
		x = which ? (double)out[ip] : (double)out[ia];
		s += x;
		s2 += x * x;
	}
	mean = s / runs;
	var = s2 / runs - mean * mean;
	/* observation noise: MONTHS months of mean / MONTHS each */
	var += MONTHS * (mean / MONTHS) * (mean / MONTHS) / 20;
	free(out);
	free(sc);
	return sqrt(var) / mean;
}

static void test_recovers_known_parameters(void **state)
{
	struct dur_scenario *sc = load_2021();
	struct dur_record *rec = simulated_record(sc);
	struct dur_if2_result *r = if2(sc, rec, 400, 6, 0);
	const double truth[2] = { TRUE_MU, TRUE_FAT };

	(void)state;
	assert_int_equal(r->k, 2);
	assert_int_equal(r->nused, 2 * MONTHS);
	for (int m = 0; m <= r->iterations; m++)
		print_message("iteration %d: loglik %.2f, %s %.3g [%.3g, %.3g], "
			      "%s %.3g [%.3g, %.3g]\n",
			      m, m ? r->loglik[m - 1] : NAN, r->path[0],
			      r->q50[2 * m], r->q05[2 * m], r->q95[2 * m],
			      r->path[1], r->q50[2 * m + 1], r->q05[2 * m + 1],
			      r->q95[2 * m + 1]);
	for (int j = 0; j < 2; j++) {
		size_t last = (size_t)r->iterations * 2 + (size_t)j;
		double width = r->q95[last] - r->q05[last];
		double se = truth[j] * relative_se(sc, j);

		print_message("%s: truth %g, estimate %g (se %.3g)\n",
			      r->path[j], truth[j], r->q50[last], se);
		/* the estimate within three standard errors of the truth */
		assert_true(fabs(r->q50[last] - truth[j]) < 3 * se);
		/* the start is uniform over the range: its 90% interval is
		 * 0.9 of it; the data narrow it well below that */
		assert_true(r->q95[j] - r->q05[j] > 0.8 * (r->hi[j] - r->lo[j]));
		assert_true(width < 0.4 * (r->hi[j] - r->lo[j]));
	}
	/* the fitted model explains the record better than the start */
	assert_true(r->loglik[r->iterations - 1] > r->loglik[0]);
	dur_if2_result_free(r);
	dur_record_free(rec);
	free(sc);
}

static void test_same_bits_for_any_threads(void **state)
{
	struct dur_scenario *sc = load_2021();
	struct dur_record *rec = simulated_record(sc);
	struct dur_if2_result *a = if2(sc, rec, 48, 2, 1);
	struct dur_if2_result *b = if2(sc, rec, 48, 2, 2);

	(void)state;
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->swarm, b->swarm,
			    (size_t)a->n * (size_t)a->kall * sizeof(double));
	assert_memory_equal(a->loglik, b->loglik, 2 * sizeof(double));
	assert_memory_equal(a->q50, b->q50, 3 * 2 * sizeof(double));
	dur_if2_result_free(a);
	dur_if2_result_free(b);
	dur_record_free(rec);
	free(sc);
}

static void test_bad_options_are_refused(void **state)
{
	struct dur_scenario *sc = load_2021();
	struct dur_record *rec = simulated_record(sc);
	struct dur_if2_opts o = DUR_IF2_OPTS_INIT;
	struct dur_if2_result *r = NULL;
	struct dur_error err = { 0 };
	const char *unknown[] = { "ttp.muu" }, *norange[] = { "clash.pak_mean" };

	(void)state;
	o.until = sc->start + 100;
	assert_int_equal(dur_if2_run(sc, rec, unknown, 1, &o, &r, &err),
			 DUR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "ttp.mu"));
	assert_int_equal(dur_if2_run(sc, rec, norange, 1, &o, &r, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "no range"));
	o.cooling = 0;
	assert_int_equal(dur_if2_run(sc, rec, unknown, 1, &o, &r, &err),
			 DUR_EINVAL);
	assert_null(r);
	dur_record_free(rec);
	free(sc);
}

/* An ensemble of ttp.mu and attack.fatality_mean with irregular values. */
static void some_ensemble(const struct dur_scenario *sc,
			  struct dur_param_ensemble *e, int n, double shift)
{
	memset(e, 0, sizeof(*e));
	e->n = n;
	e->k = 2;
	snprintf(e->path[0], sizeof(e->path[0]), "ttp.mu");
	snprintf(e->path[1], sizeof(e->path[1]), "attack.fatality_mean");
	e->off[0] = dur_scenario_param_find(sc, "ttp.mu");
	e->off[1] = dur_scenario_param_find(sc, "attack.fatality_mean");
	snprintf(e->source, sizeof(e->source), "a \"test\" \\ set");
	for (int i = 0; i < n; i++) {
		e->set[i][0] = 0.3 + 0.7 * fmod(0.618033988749 * (i + shift), 1);
		e->set[i][1] = 2.5 + 2 * fmod(0.414213562373 * (i + 1), 1);
	}
}

static void test_ensemble_round_trips(void **state)
{
	char *base = text_2021();
	struct dur_scenario *sc = load_2021(), *back;
	struct dur_param_ensemble *e = malloc(sizeof(*e));
	struct dur_error err = { 0 };
	char *y1 = NULL, *y2 = NULL, *y3 = NULL;

	(void)state;
	some_ensemble(sc, e, 37, 0.25);
	assert_int_equal(dur_paramedit_ensemble(base, strlen(base), e, &y1,
						&err),
			 0);
	back = load(y1);
	assert_int_equal(back->pens.n, 37);
	assert_int_equal(back->pens.k, 2);
	assert_string_equal(back->pens.source, e->source);
	for (int j = 0; j < 2; j++) {
		assert_string_equal(back->pens.path[j], e->path[j]);
		assert_int_equal(back->pens.off[j], e->off[j]);
	}
	for (int i = 0; i < 37; i++)
		for (int j = 0; j < 2; j++) {
			char buf[32];

			snprintf(buf, sizeof(buf), "%.10g", e->set[i][j]);
			assert_true(back->pens.set[i][j] == strtod(buf, NULL));
		}
	/* written again from what was read: the same text */
	assert_int_equal(dur_paramedit_ensemble(base, strlen(base),
						&back->pens, &y2, &err),
			 0);
	assert_string_equal(y1, y2);
	/* a second ensemble replaces the first, the rest kept */
	some_ensemble(sc, e, 5, 3.5);
	assert_int_equal(dur_paramedit_ensemble(y1, strlen(y1), e, &y3, &err),
			 0);
	free(back);
	back = load(y3);
	assert_int_equal(back->pens.n, 5);
	assert_null(strstr(strstr(y3, "\nensemble:") + 1, "\nensemble:"));
	assert_memory_equal(y3, base, strlen(base));
	free(back);
	free(y1);
	free(y2);
	free(y3);
	free(e);
	free(sc);
	free(base);
}

/* The line numbers of text appended to afpak-2021. */
static int base_lines(const char *base)
{
	int n = 0;

	for (const char *p = base; *p; p++)
		n += *p == '\n';
	return n;
}

static void expect_error(const char *tail, int line, int col, int code,
			 const char *words)
{
	char *base = text_2021();
	size_t len = strlen(base) + strlen(tail) + 1;
	char *text = malloc(len);
	struct dur_scenario *sc = malloc(sizeof(*sc));
	struct dur_error err = { 0 };

	snprintf(text, len, "%s%s", base, tail);
	assert_int_equal(dur_scenario_parse(sc, text, strlen(text), "t.yaml",
					    NULL, &err),
			 code);
	if (err.line != base_lines(base) + line || err.col != col ||
	    !strstr(err.msg, words))
		fail_msg("expected line %d col %d '%s', got %d:%d: %s",
			 base_lines(base) + line, col, words, err.line,
			 err.col, err.msg);
	free(text);
	free(sc);
	free(base);
}

static void test_bad_ensemble_is_refused_at_its_position(void **state)
{
	(void)state;
	/* ttp.mu's hard limits are 0..100 */
	expect_error("ensemble:\n  params: [ttp.mu, attack.fatality_mean]\n"
		     "  sets:\n    - [0.5, 3]\n    - [0.6, -3.5]\n",
		     5, 13, DUR_EINVAL, "ensemble set 2, attack.fatality_mean");
	expect_error("ensemble:\n  params: [ttp.mu, attack.fatality_mean]\n"
		     "  sets:\n    - [0.5, 3]\n    - [0.6]\n",
		     5, 8, DUR_EINVAL, "expected a list of 2 values");
	expect_error("ensemble:\n  params: [ttp.mu, ttp.muu]\n"
		     "  sets:\n    - [0.5, 3]\n",
		     2, 20, DUR_ENOTFOUND, "no parameter 'ttp.muu'");
	expect_error("ensemble:\n  params: [attack.alpha_self]\n"
		     "  sets:\n    - [0.01]\n    - [0.5]\n",
		     5, 8, DUR_EINVAL, "branching ratio");
	expect_error("ensemble:\n  params: [ttp.mu]\n  sets: []\n", 3, 3,
		     DUR_EINVAL, "at least one set");
	expect_error("ensemble:\n  params: [ttp.mu]\n  set:\n    - [1]\n", 3, 3,
		     DUR_EPARSE, "unknown key 'set'");
}

static void test_run_i_takes_set_i_mod_n(void **state)
{
	struct dur_scenario *sc = load_2021();
	int nout = dur_outcome_count(sc);
	int64_t *a = calloc((size_t)nout, sizeof(*a));
	int64_t *b = calloc((size_t)nout, sizeof(*b));
	size_t mu = dur_scenario_param_find(sc, "ttp.mu");
	struct dur_intervention noop = { 0 };
	double sum[2] = { 0, 0 };
	const long runs = 60;

	(void)state;
	sc->pens.n = 2;
	sc->pens.k = 1;
	snprintf(sc->pens.path[0], sizeof(sc->pens.path[0]), "ttp.mu");
	sc->pens.off[0] = mu;
	sc->pens.set[0][0] = 0.35;
	sc->pens.set[1][0] = 0.95;
	/* a what-if that changes nothing: ttp.mu scaled by 1 on day 0 */
	noop.nchanges = 1;
	noop.change[0].kind = DUR_CHANGE_SCALE;
	noop.change[0].offset = mu;
	noop.change[0].value = 1;
	for (long i = 0; i < runs; i++) {
		struct dur_sim s, t;

		dur_sim_init(&s, sc, NULL, 5, i, a);
		dur_sim_init(&t, sc, &noop, 5, i, b);
		assert_true(*dur_model_at(&s.m, mu) ==
			    sc->pens.set[i % 2][0]);
		for (int d = 0; d < 180; d++) {
			dur_sim_step(&s);
			dur_sim_step(&t);
		}
		assert_memory_equal(a, b, (size_t)nout * sizeof(*a));
		sum[i % 2] += (double)a[DUR_OUT_ATTACKS];
	}
	/* attacks over 180 days are roughly Poisson with mean ~ mu * 180 *
	 * capacity; the low set's mean is well below the high set's: the
	 * gap (0.6 * 180 * c, c ~ 0.5 or more) is many standard errors
	 * (sqrt(mean / 30) ~ 2) */
	print_message("mean attacks: set 0 %.1f, set 1 %.1f\n",
		      sum[0] / (runs / 2), sum[1] / (runs / 2));
	assert_true(sum[1] / (runs / 2) > sum[0] / (runs / 2) + 20);
	free(a);
	free(b);
	free(sc);
}

/* A filtered state goes on with the parameter set it was simulated with,
 * whatever the run that takes it: state of run 1 (set 1) given to run 0
 * (set 0) puts set 1's values in run 0's model. */
static void test_cloud_state_keeps_its_set(void **state)
{
	struct dur_scenario *sc = load_2021();
	int nout = dur_outcome_count(sc);
	int64_t *a = calloc((size_t)nout, sizeof(*a));
	int64_t *b = calloc((size_t)nout, sizeof(*b));
	size_t mu = dur_scenario_param_find(sc, "ttp.mu");
	struct dur_cloud cl = { 0 };
	struct dur_sim s, t;

	(void)state;
	sc->pens.n = 2;
	sc->pens.k = 1;
	snprintf(sc->pens.path[0], sizeof(sc->pens.path[0]), "ttp.mu");
	sc->pens.off[0] = mu;
	sc->pens.set[0][0] = 0.35;
	sc->pens.set[1][0] = 0.95;
	dur_sim_init(&s, sc, NULL, 9, 1, a);
	assert_int_equal(s.s.pset, 1);
	for (int d = 0; d < 30; d++)
		dur_sim_step(&s);
	cl.n = 1;
	cl.state = &s.s;
	dur_sim_init(&t, sc, NULL, 9, 0, b);
	assert_true(*dur_model_at(&t.m, mu) == 0.35);
	dur_cloud_apply(&cl, 0, &t);
	assert_int_equal(t.s.pset, 1);
	assert_true(*dur_model_at(&t.m, mu) == 0.95);
	free(a);
	free(b);
	free(sc);
}

/* A value set on a parameter of the ensemble holds in every run: an
 * override takes it out of the ensemble, the other numbers stay in it, and
 * dropping the last one leaves no ensemble. */
static void test_override_leaves_the_ensemble(void **state)
{
	char *base = text_2021();
	const char *tail = "overrides:\n  ttp.mu: 0.9\n"
			   "ensemble:\n  params: [ttp.mu, attack.fatality_mean]\n"
			   "  sets:\n    - [0.5, 1.3]\n    - [0.6, 1.4]\n";
	size_t len = strlen(base) + strlen(tail) + 1;
	char *text = malloc(len);
	struct dur_scenario *sc;
	size_t mu, fat;
	struct dur_model m;

	(void)state;
	snprintf(text, len, "%s%s", base, tail);
	sc = load(text);
	mu = dur_scenario_param_find(sc, "ttp.mu");
	fat = dur_scenario_param_find(sc, "attack.fatality_mean");
	assert_int_equal(sc->pens.n, 2);
	assert_int_equal(sc->pens.k, 1);
	assert_string_equal(sc->pens.path[0], "attack.fatality_mean");
	for (long run = 0; run < 2; run++) {
		m = sc->model;
		dur_param_ensemble_apply(sc, run, &m);
		assert_true(*dur_model_at(&m, mu) == 0.9);
		assert_true(*dur_model_at(&m, fat) == (run ? 1.4 : 1.3));
	}
	assert_int_equal(dur_param_ensemble_drop(sc, mu), 0);
	assert_int_equal(dur_param_ensemble_drop(sc, fat), 1);
	assert_int_equal(sc->pens.n, 0);
	free(sc);
	free(text);
	free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recovers_known_parameters),
		cmocka_unit_test(test_same_bits_for_any_threads),
		cmocka_unit_test(test_bad_options_are_refused),
		cmocka_unit_test(test_ensemble_round_trips),
		cmocka_unit_test(test_bad_ensemble_is_refused_at_its_position),
		cmocka_unit_test(test_run_i_takes_set_i_mod_n),
		cmocka_unit_test(test_cloud_state_keeps_its_set),
		cmocka_unit_test(test_override_leaves_the_ensemble),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
