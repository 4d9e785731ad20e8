/*
 * test_observe.c: the filter over the model, on cases whose answer is
 * known without it. With no facts, particle i is run i of an ensemble of
 * the same seed, so the cloud is those runs' states, bit for bit. With one
 * count over the first weeks and nothing before it, the filter's
 * likelihood is the mean over the runs of the count's negative binomial
 * probability, computed here by running the runs by hand. A fact the model
 * cannot produce is named. The result does not depend on threads.
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

#include "durand/date.h"
#include "durand/observe.h"
#include "durand/sim.h"
#include "testutil.h"

static const char header[] =
	"id,kind,quantity,start,end,value,low,high,unit,stated_as,"
	"definition,source,address,trust\n";

static struct dur_record *record(const char *rows)
{
	char text[4096];
	struct dur_record *r = NULL;
	struct dur_error err = { 0 };

	snprintf(text, sizeof(text), "%s%s", header, rows);
	assert_int_equal(dur_record_parse(text, strlen(text), "t.csv", &r,
					  &err),
			 0);
	return r;
}

static struct dur_filter_result *filter(const struct dur_scenario *sc,
					const struct dur_record *r, int days,
					long n, int threads)
{
	struct dur_filter_opts o = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *res = NULL;
	struct dur_error err = { 0 };

	o.particles = n;
	o.replicates = 1;
	o.seed = 11;
	o.threads = threads;
	o.until = sc->start + days;
	assert_int_equal(dur_filter_run(sc, r, &o, &res, &err), 0);
	return res;
}

static void test_no_facts_gives_the_runs_themselves(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_record *r = record("");
	struct dur_filter_result *res = filter(sc, r, 40, 64, 2);
	int64_t *out = calloc((size_t)dur_outcome_count(sc), sizeof(*out));

	(void)state;
	assert_int_equal(res->nused, 0);
	assert_int_equal(res->resamples, 0);
	assert_true(res->loglik == 0);
	assert_int_equal(res->cloud->date, sc->start + 40);
	for (long i = 0; i < 64; i++) {
		struct dur_sim sim;
		struct dur_state s;

		dur_sim_init(&sim, sc, NULL, 11, i, out);
		for (int t = 0; t < 40; t++)
			dur_sim_step(&sim);
		s = sim.s;
		s.rung_since -= 40;
		s.ceasefire_since -= 40;
		for (int k = 0; k < DUR_MAX_MEDIATORS; k++)
			s.med_next[k] -= 40;
		if (s.first_strike >= 0)
			s.first_strike -= 40;
		assert_memory_equal(&s, &res->cloud->state[i], sizeof(s));
	}
	free(out);
	dur_filter_result_free(res);
	dur_record_free(r);
	free(sc);
}

static void test_one_count_has_the_likelihood_by_hand(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_record *r;
	struct dur_filter_result *res;
	int64_t *out = calloc((size_t)dur_outcome_count(sc), sizeof(*out));
	const struct dur_obs_rule *rule = NULL;
	char rows[256], d1[16], d2[16];
	const long n = 500;
	const int y = 37;
	double mean = 0;

	(void)state;
	for (const struct dur_obs_rule *q = dur_obs_rules(); q->quantity; q++)
		if (!strcmp(q->quantity, "militant_attacks"))
			rule = q;
	assert_non_null(rule);
	/* a PICSS count over days 3..24 */
	snprintf(rows, sizeof(rows),
		 "c1,count,militant_attacks,%s,%s,%d,,,attacks,exact,,t,,B\n",
		 dur_date_format(sc->start + 3, d1),
		 dur_date_format(sc->start + 24, d2), y);
	r = record(rows);
	res = filter(sc, r, 30, n, 2);
	assert_int_equal(res->nused, 1);
	for (long i = 0; i < n; i++) {
		struct dur_sim sim;
		int64_t before = 0;
		double mu, p;

		dur_sim_init(&sim, sc, NULL, 11, i, out);
		for (int t = 0; t < 25; t++) {
			if (t == 3)
				before = out[DUR_OUT_ATTACKS];
			dur_sim_step(&sim);
		}
		mu = rule->share * (double)(out[DUR_OUT_ATTACKS] - before);
		if (mu < 0.5)
			mu = 0.5;
		p = rule->size / (rule->size + mu);
		mean += gsl_ran_negative_binomial_pdf(y, p, rule->size) / n;
	}
	assert_true(fabs(res->loglik - log(mean)) < 1e-9);
	/* the fact's own report: its contribution and a percentile */
	assert_true(res->obs[0].used);
	assert_true(fabs(res->obs[0].cll - log(mean)) < 1e-9);
	assert_true(res->obs[0].pit > 0 && res->obs[0].pit < 1);
	free(out);
	dur_filter_result_free(res);
	dur_record_free(r);
	free(sc);
}

static void test_same_bits_for_any_threads(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_record *r = record(
		"s1,event,strike_in_afghanistan,2025-11-10,2025-11-10,1,,,"
		"strike days,exact,,t,,B\n"
		"c1,count,militant_attacks,2025-10-25,2025-11-30,60,,,attacks,"
		"exact,,t,,B\n");
	struct dur_filter_result *a = filter(sc, r, 60, 300, 1);
	struct dur_filter_result *b = filter(sc, r, 60, 300, 2);

	(void)state;
	assert_int_equal(a->nused, 2);
	assert_memory_equal(&a->loglik, &b->loglik, sizeof(double));
	assert_int_equal(a->resamples, b->resamples);
	assert_memory_equal(a->cloud->state, b->cloud->state,
			    300 * sizeof(struct dur_state));
	dur_filter_result_free(a);
	dur_filter_result_free(b);
	dur_record_free(r);
	free(sc);
}

static void test_unused_facts_say_why(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_record *r = record(
		"early,count,militant_attacks,2025-01-01,2025-12-31,60,,,"
		"attacks,exact,,t,,B\n"
		"late,count,militant_attacks,2025-10-25,2026-12-31,60,,,"
		"attacks,exact,,t,,B\n"
		"order,policy,deportation_order,2025-10-25,2025-11-01,,,,,"
		"exact,,t,,B\n");
	struct dur_filter_result *res = filter(sc, r, 30, 20, 1);

	(void)state;
	assert_int_equal(res->nused, 0);
	for (int i = 0; i < res->nobs; i++) {
		const struct dur_fact *f = &r->fact[res->obs[i].fact];

		assert_false(res->obs[i].used);
		if (!strcmp(f->id, "early"))
			assert_non_null(strstr(res->obs[i].why, "before"));
		else if (!strcmp(f->id, "late"))
			assert_non_null(strstr(res->obs[i].why, "on or after"));
		else
			assert_non_null(strstr(res->obs[i].why, "policy"));
	}
	dur_filter_result_free(res);
	dur_record_free(r);
	free(sc);
}

static void test_bad_options(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_record *r = record("");
	struct dur_filter_opts o = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *res = (void *)1;
	struct dur_error err = { 0 };

	(void)state;
	o.particles = 0;
	o.until = sc->start + 10;
	assert_int_equal(dur_filter_run(sc, r, &o, &res, &err), DUR_EINVAL);
	assert_null(res);
	dur_record_free(r);
	free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_facts_gives_the_runs_themselves),
		cmocka_unit_test(test_one_count_has_the_likelihood_by_hand),
		cmocka_unit_test(test_same_bits_for_any_threads),
		cmocka_unit_test(test_unused_facts_say_why),
		cmocka_unit_test(test_bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
