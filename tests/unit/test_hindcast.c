/* test_hindcast.c: targets as stated, the consistency rules, windows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <cmocka.h>

#include "testutil.h"
#include "durand/calibrate.h"
#include "durand/hindcast.h"
#include "durand/sim.h"

/* afpak with one target appended, from YAML text, so the parser is tested */
static int parse_with_target(struct dur_scenario *sc, const char *as,
			     const char *stated, struct dur_error *err)
{
	const char *base = dur_scenario_builtin_text("afpak");
	char *text = malloc(strlen(base) + 512);
	int rc;

	sprintf(text,
		"%s\ntargets:\n  - {name: t, outcome: attacks, stated: %s, "
		"as: %s, from: 2025-10-20, until: 2025-11-19, source: test}\n",
		base, stated, as);
	rc = dur_scenario_parse(sc, text, strlen(text), "t.yaml", NULL, err);
	free(text);
	return rc;
}

static void test_target_kinds_parse(void **state)
{
	static const struct {
		const char *as;
		int kind;
	} k[] = { { "exact", DUR_TGT_EXACT },     { "over", DUR_TGT_OVER },
		  { "more_than", DUR_TGT_MORE },  { "at_least", DUR_TGT_ATLEAST },
		  { "around", DUR_TGT_AROUND },   { "event", DUR_TGT_EVENT } };
	struct dur_scenario *sc = malloc(sizeof(*sc));
	struct dur_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		assert_int_equal(parse_with_target(sc, k[i].as, "123.5", &err),
				 0);
		assert_int_equal(sc->ntargets, 1);
		assert_int_equal(sc->target[0].kind, k[i].kind);
		assert_true(sc->target[0].value == 123.5);
		assert_int_equal(sc->target[0].until - sc->target[0].from, 30);
		assert_string_equal(dur_target_kind_name(k[i].kind), k[i].as);
	}
	assert_int_equal(parse_with_target(sc, "roughly", "5", &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "expected exact, over"));
	assert_int_equal(parse_with_target(sc, "over", "-3", &err),
			 DUR_EINVAL);
	free(sc);
}

/* A hindcast whose one target's sketch we fill by hand. */
static int judge(int kind, double stated, const int64_t *v, int n, double *p)
{
	static struct dur_scenario sc;
	struct dur_hindcast h;
	int ok;

	memset(&sc, 0, sizeof(sc));
	memset(&h, 0, sizeof(h));
	sc.ntargets = 1;
	sc.target[0].kind = kind;
	sc.target[0].value = stated;
	h.sc = &sc;
	for (int i = 0; i < n; i++)
		dur_sketch_add(&h.target[0], v[i]);
	ok = dur_hindcast_consistent(&h, 0, p);
	dur_sketch_release(&h.target[0]);
	return ok;
}

static void test_consistency_rules(void **state)
{
	/* 20 values: median (type 1, q=0.5) is the 10th smallest */
	int64_t v[20];
	double p;

	(void)state;
	for (int i = 0; i < 20; i++)
		v[i] = 100 + 2 * i; /* 100..138, median 118, q05 100, q95 136 */
	assert_true(judge(DUR_TGT_OVER, 110, v, 20, &p));   /* 118 in [110,137.5] */
	assert_false(judge(DUR_TGT_OVER, 119, v, 20, &p));  /* below X */
	assert_false(judge(DUR_TGT_MORE, 94, v, 20, &p));   /* above 1.25 X */
	assert_true(judge(DUR_TGT_ATLEAST, 95, v, 20, &p)); /* 118 <= 118.75 */
	assert_true(judge(DUR_TGT_AROUND, 103, v, 20, &p)); /* 15 <= 15.45 */
	assert_false(judge(DUR_TGT_AROUND, 102, v, 20, &p)); /* 16 > 15.3 */
	assert_true(judge(DUR_TGT_EXACT, 130, v, 20, &p));  /* in [100,136], 12 <= 32.5 */
	assert_false(judge(DUR_TGT_EXACT, 137, v, 20, &p)); /* outside interval */
	assert_true(judge(DUR_TGT_EVENT, 120, v, 20, &p));  /* 10 of 20 >= 120 */
	assert_true(fabs(p - 0.5) < 1e-12);
	assert_false(judge(DUR_TGT_EVENT, 121, v, 20, &p)); /* 9 of 20 */
	assert_true(fabs(p - 0.45) < 1e-12);
}

/* afpak-2021 reduced to a constant attack rate: lambda = mu * c * share */
static struct dur_scenario *toy(double *lambda_per_mu)
{
	const char *text = dur_scenario_builtin_text("afpak-2021");
	struct dur_scenario *sc = malloc(sizeof(*sc));
	struct dur_error err = { 0 };
	struct dur_params *p = &sc->model.p;

	assert_int_equal(dur_scenario_parse(sc, text, strlen(text), "toy",
					    NULL, &err),
			 0);
	sc->pens.n = sc->pens.k = 0; /* the toy's numbers, not the ensemble's */
	for (int r = 0; r < sc->model.nrungs; r++) {
		memset(sc->model.rung[r].rate, 0, sizeof(sc->model.rung[r].rate));
		memset(sc->model.rung[r].per_attack, 0,
		       sizeof(sc->model.rung[r].per_attack));
		sc->model.rung[r].readiness = 0; /* no strike, no cut */
	}
	p->ttp_growth = p->ttp_noise = p->ttp_op_loss = 0;
	p->attack_alpha_self = p->attack_alpha_strike = 0;
	p->afg_erosion = p->afg_regrowth = 0;
	p->fence_infiltration_cut = p->closure_infiltration_cut = 0;
	p->ttp_domestic_share = 0;
	/* a calibration range around the true value of the test */
	for (int i = 0; i < sc->nranges; i++)
		if (!strcmp(sc->range[i].path, "ttp.mu")) {
			sc->range[i].lo = 0.3;
			sc->range[i].hi = 1.0;
		}
	*lambda_per_mu = sc->init.capacity *
			 (p->ttp_sanctuary_floor +
			  (1 - p->ttp_sanctuary_floor) * sc->init.sanctuary);
	return sc;
}

static void test_calibration_recovers_rate(void **state)
{
	double c, mu_true = 0.6123, T = 365;
	struct dur_scenario *sc = toy(&c);
	const char *paths[] = { "ttp.mu" };
	struct dur_calibrate cal;
	struct dur_calibrate_opts o = { 400, 7, 0, 80, 0, NULL, NULL, NULL };
	struct dur_error err = { 0 };
	double se;
	int rc;

	(void)state;
	sc->ntargets = 1;
	snprintf(sc->target[0].name, sizeof(sc->target[0].name), "attacks");
	snprintf(sc->target[0].outcome, sizeof(sc->target[0].outcome),
		 "attacks");
	sc->target[0].kind = DUR_TGT_EXACT;
	sc->target[0].value = mu_true * c * T;
	sc->target[0].from = sc->start;
	sc->target[0].until = sc->start + (int32_t)T - 1;
	o.until = sc->target[0].until;
	assert_int_equal(dur_calibrate_setup(sc, paths, 1, &cal, &err), 0);
	rc = dur_calibrate_run(sc, &o, &cal, &err);
	assert_true(rc == 0 || rc == DUR_ENOCONV);
	/* the fitted mean count equals the target; its sampling error over
	 * R runs of a Poisson count is sqrt(lambda T / R), in mu units: */
	se = sqrt(mu_true * c * T / (double)o.runs) / (c * T);
	assert_true(fabs(cal.x[0] - mu_true) < 4 * se);
	assert_true(cal.loss < cal.start_loss);
	free(sc);
}

/* With no --until, hindcast and calibrate run to the latest target; a
 * scenario without targets, to its own last day. */
static void test_until_defaults_to_last_target(void **state)
{
	double c;
	struct dur_scenario *sc = toy(&c);
	struct dur_hindcast_opts o = DUR_HINDCAST_OPTS_INIT;
	struct dur_calibrate_opts co = DUR_CALIBRATE_OPTS_INIT;
	struct dur_hindcast *h = NULL;
	struct dur_error err = { 0 };

	(void)state;
	sc->ntargets = 3;
	for (int i = 0; i < 3; i++) {
		snprintf(sc->target[i].name, sizeof(sc->target[i].name),
			 "t%d", i);
		snprintf(sc->target[i].outcome, sizeof(sc->target[i].outcome),
			 "attacks");
		sc->target[i].kind = DUR_TGT_OVER;
		sc->target[i].value = 3;
		sc->target[i].from = sc->start;
	}
	sc->target[0].until = sc->start + 41;
	sc->target[1].until = sc->start + 97; /* the latest, not the last */
	sc->target[2].until = sc->start + 13;
	assert_int_equal(dur_hindcast_last_target(sc), sc->start + 97);
	assert_int_equal(co.until, o.until);
	o.runs = 16;
	o.threads = 2;
	assert_int_equal(dur_hindcast_run(sc, &o, &h, &err), 0);
	assert_int_equal(h->until, sc->start + 97);
	assert_int_equal(h->days, 98);
	dur_hindcast_free(h);
	sc->ntargets = 0;
	assert_int_equal(dur_hindcast_last_target(sc),
			 sc->start + sc->days - 1);
	free(sc);
}

static void test_calibration_errors(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_calibrate cal;
	struct dur_error err = { 0 };
	const char *bad[] = { "ttp.muu" };
	const char *norange[] = { "attack.share_army" };

	(void)state;
	assert_int_equal(dur_calibrate_setup(sc, bad, 1, &cal, &err),
			 DUR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "'ttp.mu'"));
	assert_int_equal(dur_calibrate_setup(sc, norange, 1, &cal, &err),
			 DUR_EINVAL);
	assert_non_null(strstr(err.msg, "has no range"));
	free(sc);
}

static void test_calibrate_yaml(void **state)
{
	struct dur_calibrate cal;
	char *y;
	const char *text = "name: x\nparams:\n  ttp.mu: 0.5\noverrides:\n"
			   "  ttp.mu: 0.4  # old\n  clash.mu: 0.1\nstate:\n"
			   "  ttp.mu: 9\n";

	(void)state;
	memset(&cal, 0, sizeof(cal));
	cal.k = 1;
	snprintf(cal.path[0], sizeof(cal.path[0]), "ttp.mu");
	cal.x[0] = 0.6875;
	y = dur_calibrate_yaml(text, &cal);
	assert_non_null(y);
	/* the old override goes, others stay, lines elsewhere are untouched */
	assert_null(strstr(y, "0.4  # old"));
	assert_non_null(strstr(y, "  ttp.mu: 0.6875  # fitted"));
	assert_non_null(strstr(y, "  clash.mu: 0.1\n"));
	assert_non_null(strstr(y, "params:\n  ttp.mu: 0.5\n"));
	assert_non_null(strstr(y, "state:\n  ttp.mu: 9\n"));
	free(y);
	y = dur_calibrate_yaml("name: x\n", &cal);
	assert_non_null(strstr(y, "\noverrides:\n  ttp.mu: 0.6875"));
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_kinds_parse),
		cmocka_unit_test(test_consistency_rules),
		cmocka_unit_test(test_calibration_recovers_rate),
		cmocka_unit_test(test_until_defaults_to_last_target),
		cmocka_unit_test(test_calibration_errors),
		cmocka_unit_test(test_calibrate_yaml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
