/*
 * test_sim.c: each process of the one-day step, isolated by switching the
 * others off in a copy of afpak, against what its equations say.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "durand/ensemble.h"
#include "durand/sim.h"
#include "testutil.h"

static int64_t out[512];

/* No attacks and no clashes from any source. */
static void no_violence(struct dur_scenario *sc)
{
	struct dur_params *p = &sc->model.p;

	p->ttp_mu = 0;
	p->attack_alpha_self = p->attack_alpha_strike = 0;
	p->clash_mu = 0;
	p->clash_alpha_self = p->clash_alpha_strike = 0;
	p->clash_alpha_civilian = 0;
	for (int i = 0; i < 3; i++)
		sc->init.exc[i] = 0;
}

/* The state does nothing: every ladder rate is zero. */
static void no_actions(struct dur_scenario *sc)
{
	for (int r = 0; r < sc->model.nrungs; r++)
		for (int a = 0; a < DUR_ACT_COUNT; a++)
			sc->model.rung[r].rate[a] =
				sc->model.rung[r].per_attack[a] = 0;
}

static void test_no_attacks_no_escalation(void **state)
{
	struct dur_scenario *sc = afpak_load();
	int r0 = afpak_rung(sc, "coercion");

	(void)state;
	assert_true(dur_outcome_count(sc) <= 512);
	no_violence(sc);
	/* start just under the next threshold: with no new harm, grievance
	 * only decays, so the ladder (rates left as in afpak) never climbs */
	sc->init.rung = r0;
	sc->init.grievance = 0.93 * sc->model.rung[r0 + 1].threshold;
	for (long run = 0; run < 200; run++) {
		struct dur_sim sim;
		double g = sc->init.grievance;

		dur_sim_init(&sim, sc, NULL, 11, run, out);
		for (int t = 0; t < 365; t++) {
			dur_sim_step(&sim);
			assert_true(sim.s.grievance <= g);
			assert_true(sim.s.rung <= r0);
			g = sim.s.grievance;
		}
		assert_int_equal(sim.s.max_rung, r0);
		assert_int_equal(out[DUR_OUT_MAX_RUNG], r0);
		assert_int_equal(out[DUR_OUT_ATTACKS], 0);
		assert_int_equal(out[DUR_OUT_CLASHES], 0);
		assert_int_equal(out[DUR_OUT_STRIKES], 0);
		assert_int_equal(out[DUR_OUT_GROUND_OPS], 0);
		assert_int_equal(out[DUR_OUT_FAT_PAK], 0);
		assert_int_equal(sim.s.first_strike, -1);
	}
	dur_scenario_free(sc);
}

static void test_full_enforcement_erodes_sanctuary(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const double e = 0.0137, s0 = 0.883;
	struct dur_sim sim;

	(void)state;
	/* enforcement reaches its target in one day, and the target is 1 */
	p->afg_inertia = 1;
	p->afg_base = 100;
	p->afg_slope = 100;
	p->afg_w_affinity = p->afg_w_resentment = 0;
	p->cbm_intel_gain = 0;
	p->afg_erosion = e;
	p->afg_regrowth = 0.0213; /* idle at full enforcement */
	sc->init.sanctuary = s0;
	dur_sim_init(&sim, sc, NULL, 3, 5, out);
	for (int t = 1; t <= 400; t++) {
		double want = s0 * pow(1 - e, t);

		dur_sim_step(&sim);
		assert_true(fabs(sim.s.enforcement - 1) < 1e-15);
		if (fabs(sim.s.sanctuary - want) > 1e-12 * want)
			fail_msg("day %d: sanctuary %.17g, want %.17g", t,
				 sim.s.sanctuary, want);
	}
	dur_scenario_free(sc);
}

static void test_one_climb_per_window(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const int window = 9;
	int min_gap = 1 << 30, top = 0;
	long climbs = 0;

	(void)state;
	no_violence(sc); /* the ladder alone, on a fixed grievance */
	p->pak_climb_window = window;
	p->pak_climb_prob = 0.437;
	p->pak_red_line_deaths = 0; /* the red line may skip the window */
	sc->init.grievance = 1e7;   /* over every threshold all year */
	sc->init.rung = 0;
	sc->init.ceasefire = 0;
	for (long run = 0; run < 300; run++) {
		struct dur_sim sim;
		int last = -1;

		dur_sim_init(&sim, sc, NULL, 23, run, out);
		for (int t = 0; t < 365; t++) {
			int before = sim.s.rung;

			dur_sim_step(&sim);
			assert_true(sim.s.rung <= before + 1);
			if (sim.s.rung > before) {
				if (last >= 0 && t - last < min_gap)
					min_gap = t - last;
				last = t;
				climbs++;
			}
			if (sim.s.rung > top)
				top = sim.s.rung;
		}
	}
	/* the window is respected, and is no longer than stated */
	assert_int_equal(min_gap, window);
	assert_int_equal(top, sc->model.nrungs - 1);
	assert_true(climbs > 300);
	dur_scenario_free(sc);
}

static void test_ceasefire_caps_rung(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	int cap = 1, reached = 0, above_without = 0;

	(void)state;
	no_violence(sc);
	assert_true(sc->model.nrungs > cap + 2);
	p->ceasefire_cap = cap;
	p->ceasefire_break_base = p->ceasefire_break_attack = 0;
	p->ceasefire_break_strike = p->ceasefire_break_clash = 0;
	p->pak_climb_prob = 0.61;
	p->pak_climb_window = 3;
	sc->init.grievance = 1e7;
	sc->init.rung = 0;
	for (int with = 1; with >= 0; with--) {
		sc->init.ceasefire = with ? 0.613 : 0;
		for (long run = 0; run < 100; run++) {
			struct dur_sim sim;

			dur_sim_init(&sim, sc, NULL, 29, run, out);
			for (int t = 0; t < 200; t++) {
				dur_sim_step(&sim);
				if (with) {
					assert_true(sim.s.ceasefire > 0);
					assert_true(sim.s.rung <= cap);
					reached |= sim.s.rung == cap;
				}
			}
			if (with)
				assert_true(out[DUR_OUT_MAX_RUNG] <= cap);
			else
				above_without |= out[DUR_OUT_MAX_RUNG] > cap;
		}
	}
	assert_true(reached);
	assert_true(above_without); /* the cap, not the rest, held it */
	dur_scenario_free(sc);
}

static void test_excitation_half_life(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const double e0[3] = { 4.37, 2.91, 1.53 };
	const int hl[3] = { 13, 21, 7 };
	struct dur_sim sim;

	(void)state;
	no_violence(sc);
	no_actions(sc);
	p->hawkes_halflife_attack = hl[0];
	p->hawkes_halflife_strike = hl[1];
	p->hawkes_halflife_clash = hl[2];
	for (int i = 0; i < 3; i++)
		sc->init.exc[i] = e0[i];
	dur_sim_init(&sim, sc, NULL, 41, 0, out);
	for (int t = 1; t <= 2 * 21; t++) {
		dur_sim_step(&sim);
		for (int i = 0; i < 3; i++)
			if (t == hl[i] || t == 2 * hl[i])
				assert_true(fabs(sim.s.exc[i] -
						 e0[i] * (t == hl[i] ? 0.5
								     : 0.25)) <
					    1e-9);
	}
	assert_int_equal(out[DUR_OUT_ATTACKS] + out[DUR_OUT_CLASHES] +
				 out[DUR_OUT_STRIKES],
			 0);
	dur_scenario_free(sc);
}

static void test_attack_count_matches_hawkes_mean(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const int T = 150, R = 3000;
	double d, b, e = 0, m, total = 0, sum = 0, sumsq = 0, mean, sd;
	double share;

	(void)state;
	no_actions(sc); /* no strikes, closures, hence constant capacity */
	p->clash_mu = 0;
	p->clash_alpha_self = p->clash_alpha_strike = 0;
	p->clash_alpha_civilian = 0;
	p->ttp_mu = 0.731;
	p->ttp_growth = 0;
	p->afg_erosion = p->afg_regrowth = 0;
	p->ttp_sanctuary_floor = 0.27;
	p->ttp_domestic_share = 0.19;
	p->closure_infiltration_cut = p->fence_infiltration_cut = 0;
	p->attack_alpha_self = 0.0437;
	p->attack_alpha_strike = 0.08;
	p->hawkes_halflife_attack = 9.5;
	sc->init.capacity = 1.137;
	sc->init.sanctuary = 0.83;
	for (int i = 0; i < 3; i++)
		sc->init.exc[i] = 0;
	for (int i = 0; i < sc->model.ncrossings; i++)
		sc->init.closed[i] = 0;

	/* b = mu C share; m_t = b + alpha sum_{s<t} d^(t-1-s) m_s */
	share = p->ttp_domestic_share +
		(1 - p->ttp_domestic_share) *
			(p->ttp_sanctuary_floor +
			 (1 - p->ttp_sanctuary_floor) * sc->init.sanctuary);
	b = p->ttp_mu * sc->init.capacity * share;
	d = exp(-log(2) / p->hawkes_halflife_attack);
	for (int t = 0; t < T; t++) {
		m = b + p->attack_alpha_self * e;
		total += m;
		e = d * e + m;
	}
	for (long run = 0; run < R; run++) {
		struct dur_sim sim;

		dur_sim_init(&sim, sc, NULL, 2025, run, out);
		for (int t = 0; t < T; t++)
			dur_sim_step(&sim);
		assert_int_equal(out[DUR_OUT_STRIKES], 0);
		sum += (double)out[DUR_OUT_ATTACKS];
		sumsq += (double)out[DUR_OUT_ATTACKS] * out[DUR_OUT_ATTACKS];
	}
	mean = sum / R;
	sd = sqrt((sumsq - R * mean * mean) / (R - 1));
	if (!(fabs(mean - total) < 4 * sd / sqrt(R)))
		fail_msg("mean attacks %.4f, analytic %.4f, tolerance %.4f",
			 mean, total, 4 * sd / sqrt(R));
	dur_scenario_free(sc);
}

static void test_null_intervention_changes_nothing(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_intervention *iv;
	int nout = dur_outcome_count(sc);
	int64_t *base = calloc((size_t)nout, sizeof(*base));
	size_t off = dur_scenario_param_find(sc, "ttp.mu");

	(void)state;
	assert_true(off != (size_t)-1);
	assert_true(sc->ninterventions < DUR_MAX_INTERVENTIONS - 1);
	iv = &sc->intervention[sc->ninterventions];
	memset(iv, 0, sizeof(*iv));
	snprintf(iv->name, sizeof(iv->name), "null");
	iv->nchanges = 2;
	iv->change[0].kind = DUR_CHANGE_SET;
	iv->change[0].day = 0;
	iv->change[0].offset = off;
	iv->change[0].value = sc->model.p.ttp_mu;
	iv->change[1].kind = DUR_CHANGE_SCALE;
	iv->change[1].day = 37;
	iv->change[1].offset = dur_scenario_param_find(sc, "afg.erosion");
	iv->change[1].value = 1;
	for (long run = 0; run < 200; run++) {
		struct dur_sim a, b;

		dur_sim_init(&a, sc, NULL, 5, run, base);
		dur_sim_init(&b, sc, iv, 5, run, out);
		for (int t = 0; t < 180; t++) {
			dur_sim_step(&a);
			dur_sim_step(&b);
		}
		assert_memory_equal(base, out, (size_t)nout * sizeof(*out));
		assert_memory_equal(&a.s, &b.s, sizeof(a.s));
	}

	/* through the ensemble: every difference is exactly zero, while a
	 * real change (twice the attack rate) does show */
	iv[1] = iv[0];
	snprintf(iv[1].name, sizeof(iv[1].name), "double_mu");
	iv[1].nchanges = 1;
	iv[1].change[0].value = 2 * sc->model.p.ttp_mu;
	sc->ninterventions += 2;
	{
		struct dur_ensemble_opts o = DUR_ENSEMBLE_OPTS_INIT;
		struct dur_result *res = NULL;
		struct dur_error err = { 0 };
		static const double qs[] = { 0, 0.05, 0.5, 0.95, 1 };

		o.runs = 300;
		o.days = 120;
		o.seed = 8;
		o.threads = 2;
		o.nwhat_if = 2;
		o.what_if[0] = sc->ninterventions - 2;
		o.what_if[1] = sc->ninterventions - 1;
		assert_int_equal(dur_ensemble_run(sc, &o, &res, &err), 0);
		for (int i = 0; i < nout; i++) {
			const struct dur_sketch *df = &res->v[1].diff[i];

			assert_int_equal(df->n, o.runs);
			assert_int_equal(df->sum, 0);
			assert_true(df->sumsq == 0);
			for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++)
				assert_true(dur_sketch_quantile(df, qs[k]) == 0);
			assert_sketch_equal(&res->v[0].out[i],
					    &res->v[1].out[i]);
		}
		assert_true(res->v[2].diff[DUR_OUT_ATTACKS].sum > 0);
		dur_result_free(res);
	}
	free(base);
	dur_scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_attacks_no_escalation),
		cmocka_unit_test(test_full_enforcement_erodes_sanctuary),
		cmocka_unit_test(test_one_climb_per_window),
		cmocka_unit_test(test_ceasefire_caps_rung),
		cmocka_unit_test(test_excitation_half_life),
		cmocka_unit_test(test_attack_count_matches_hawkes_mean),
		cmocka_unit_test(test_null_intervention_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
