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

/* The state does nothing: every ladder rate and readiness is zero. */
static void no_actions(struct dur_scenario *sc)
{
	for (int r = 0; r < sc->model.nrungs; r++) {
		sc->model.rung[r].readiness = 0;
		for (int a = 0; a < DUR_ACT_COUNT; a++)
			sc->model.rung[r].rate[a] =
				sc->model.rung[r].per_attack[a] = 0;
	}
}

static void test_no_attacks_no_escalation(void **state)
{
	struct dur_scenario *sc = afpak_load();
	int r0 = afpak_rung(sc, "coercion");

	(void)state;
	assert_true(dur_outcome_count(sc) <= 512);
	no_violence(sc);
	/* failed talks add grievance (mediation.fail_grievance): not here */
	sc->model.p.mediation_fail_grievance = 0;
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

/* Days of deadly attacks on soldiers and of strikes, from the event log. */
struct strike_log {
	int32_t last_deadly; /* last day an attack killed soldiers */
	long strikes, near;  /* strikes; of which within 2 days of one */
};

static void on_strike_event(void *ctx, long run, const struct dur_event *ev)
{
	struct strike_log *l = ctx;

	(void)run;
	if (ev->type == DUR_EV_ATTACK && ev->fat[DUR_FAT_PAK_MIL] > 0)
		l->last_deadly = ev->day;
	if (ev->type == DUR_EV_STRIKE) {
		l->strikes++;
		l->near += l->last_deadly >= 0 && ev->day - l->last_deadly <= 2;
	}
}

/*
 * Strikes answer deadly attacks: with every ladder rate at zero, no deadly
 * attack means no strike; with deadly attacks on soldiers, strikes come and
 * come soon after one (urge half-life 1 day: at most 2^-3 of a single
 * attack's hazard lies beyond 2 days); a full-strength ceasefire that damps
 * the hazard entirely stops them.
 */
/* Strikes from the urge alone: no ladder rate, no clash, no ceasefire
 * break, every attack on soldiers. */
static struct dur_scenario *urge_only(void)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;

	no_actions(sc);
	for (int r = 0; r < sc->model.nrungs; r++)
		sc->model.rung[r].readiness = 1;
	p->clash_mu = p->clash_alpha_self = 0;
	p->clash_alpha_strike = p->clash_alpha_civilian = 0;
	sc->init.exc[DUR_STREAM_CLASH] = 0;
	p->strike_urge_gain = 0.02;
	p->strike_urge_halflife = 1;
	p->strike_tolerance = 0;
	p->attack_share_army = 1;
	p->attack_share_police = 0;
	p->ceasefire_break_base = p->ceasefire_break_attack = 0;
	p->ceasefire_break_strike = p->ceasefire_break_clash = 0;
	p->ceasefire_strike_damping = 1;
	sc->init.ceasefire = 0;
	return sc;
}

static void test_strikes_answer_deadly_attacks(void **state)
{
	struct dur_scenario *sc = urge_only();
	struct dur_params *p = &sc->model.p;
	struct strike_log l;
	double share;

	(void)state;
	for (int deadly = 0; deadly <= 1; deadly++) {
		p->attack_fatality_mean = deadly ? 3 : 0;
		memset(&l, 0, sizeof(l));
		for (long run = 0; run < 40; run++) {
			struct dur_sim sim;

			l.last_deadly = -1;
			dur_sim_init(&sim, sc, NULL, 77, run, out);
			sim.on_event = on_strike_event;
			sim.event_ctx = &l;
			for (int t = 0; t < 365; t++)
				dur_sim_step(&sim);
		}
		if (!deadly) {
			assert_int_equal(l.strikes, 0);
			continue;
		}
		assert_true(l.strikes > 100);
		share = (double)l.near / (double)l.strikes;
		if (!(share >= 0.8))
			fail_msg("%.3f of %ld strikes within 2 days", share,
				 l.strikes);
	}
	/* a ceasefire of strength 1 with full damping: no strike */
	sc->init.ceasefire = 1;
	for (long run = 0; run < 40; run++) {
		struct dur_sim sim;

		dur_sim_init(&sim, sc, NULL, 77, run, out);
		for (int t = 0; t < 365; t++)
			dur_sim_step(&sim);
		assert_true(sim.s.ceasefire > 0);
		assert_int_equal(out[DUR_OUT_STRIKES], 0);
	}
	dur_scenario_free(sc);
}

/*
 * The tolerance: the urge's recent level is the average, with half-life
 * strike.norm_halflife, of the urge at each day's end (checked against the
 * sum computed here from the urge seen after each step, which the step has
 * decayed once); and a state whose tolerance is far above any day's urge
 * (100 times its recent level) strikes only while that level is still 0
 * (no deadly day yet, or only days that ended with the urge answered): at
 * least ten times less often after the first day than one without.
 */
static void test_tolerance_measures_against_recent_level(void **state)
{
	struct dur_scenario *sc = urge_only();
	struct dur_params *p = &sc->model.p;
	struct strike_log l = { 0 };
	long late = 0, late0 = 0;

	(void)state;
	p->attack_fatality_mean = 3;
	p->strike_norm_halflife = 20;
	for (int tol = 0; tol <= 1; tol++) {
		p->strike_tolerance = tol ? 100 : 0;
		late = 0;
		for (long run = 0; run < 20; run++) {
			struct dur_sim sim;
			double rho = pow(0.5, 1.0 / 20), sum = 0, w = 0;

			dur_sim_init(&sim, sc, NULL, 78, run, out);
			sim.on_event = on_strike_event;
			sim.event_ctx = &l;
			for (int t = 0; t < 200; t++) {
				long before = l.strikes;

				dur_sim_step(&sim);
				sum = rho * sum + sim.s.urge / sim.d.urge_decay;
				w = rho * w + 1;
				late += t > 0 && l.strikes > before;
			}
			assert_float_equal(sim.s.urge_wsum, w, 1e-9 * w);
			assert_float_equal(sim.s.urge_sum, sum,
					   1e-9 * (sum + 1));
		}
		if (!tol)
			late0 = late;
	}
	assert_true(late0 > 50);
	if (!(10 * late < late0))
		fail_msg("%ld strikes after day 0 with tolerance 100, %ld "
			 "without", late, late0);
	dur_scenario_free(sc);
}

/*
 * A political closure has no timer: it holds as long as a ceasefire without
 * a deal does (closure.reopen_held 0), and once nothing holds it, it is
 * lifted with the daily chance closure.reopen (a geometric wait: mean 1/h).
 */
static void test_political_closure_ends_by_decision(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const double h = 0.1;
	double sum = 0, sumsq = 0, mean, se;
	const int R = 400;

	(void)state;
	no_violence(sc);
	no_actions(sc);
	sc->model.nmediators = 0;
	p->closure_political_prob = 0;
	p->closure_reopen_held = 0;
	p->closure_reopen = h;
	p->ceasefire_break_base = 0;
	for (int i = 0; i < sc->model.ncrossings; i++)
		sc->init.closed[i] = DUR_CLOSED_POLITICAL;
	sc->init.ceasefire = 0.5;
	for (long run = 0; run < 20; run++) {
		struct dur_sim sim;

		dur_sim_init(&sim, sc, NULL, 5, run, out);
		for (int t = 0; t < 1000; t++)
			dur_sim_step(&sim);
		assert_true(sim.s.political);
		assert_int_equal(sim.s.closed[0], DUR_CLOSED_POLITICAL);
		assert_int_equal(out[DUR_OUT_FIXED_COUNT + 0], 1000);
	}
	sc->init.ceasefire = 0;
	for (long run = 0; run < R; run++) {
		struct dur_sim sim;
		int t = 0;

		dur_sim_init(&sim, sc, NULL, 5, run, out);
		while (sim.s.political && t < 10000) {
			dur_sim_step(&sim);
			t++;
		}
		assert_int_equal(sim.s.closed[0], 0);
		sum += t;
		sumsq += (double)t * t;
	}
	mean = sum / R;
	se = sqrt((sumsq / R - mean * mean) / R);
	/* the closure is lifted on day t with chance h, counted as t + 1 */
	if (!(fabs(mean - 1 / h) < 4 * se))
		fail_msg("mean wait %.3f, expected %.3f +- %.3f", mean, 1 / h,
			 4 * se);
	dur_scenario_free(sc);
}

/*
 * A dated order starts a campaign on its day: no deportation before, the
 * campaign's mean after (deportations ~ normal(mean, mean) per day), and
 * returns at the base rate every day.
 */
static void test_departure_order_is_dated(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	struct dur_change *ch;
	const int day = 100, T = 200;

	(void)state;
	no_violence(sc);
	no_actions(sc);
	p->depart_order_base = p->depart_order_crisis = 0;
	p->depart_campaign_end = 0;
	p->depart_returns_base = 500;
	p->depart_campaign_per_day = 2000;
	p->depart_deport_share = 0.25;
	sc->init.campaign = 0;
	ch = &sc->schedule.change[sc->schedule.nchanges++];
	ch->kind = DUR_CHANGE_STATE;
	ch->day = day;
	ch->offset = DUR_SV_CAMPAIGN;
	ch->value = 1;
	for (long run = 0; run < 20; run++) {
		struct dur_sim sim;
		double dep, ret;

		dur_sim_init(&sim, sc, NULL, 3, run, out);
		for (int t = 0; t < day; t++)
			dur_sim_step(&sim);
		assert_int_equal(out[DUR_OUT_DEPORTATIONS], 0);
		assert_int_equal(out[DUR_OUT_ORDERS], 0);
		/* returns: 100 days of Poisson(500): sd sqrt(50000) */
		if (!(fabs((double)out[DUR_OUT_RETURNS] - 50000) < 5 * 224))
			fail_msg("returns %lld", (long long)out[DUR_OUT_RETURNS]);
		for (int t = day; t < T; t++)
			dur_sim_step(&sim);
		assert_int_equal(out[DUR_OUT_ORDERS], 1);
		dep = (double)out[DUR_OUT_DEPORTATIONS];
		ret = (double)out[DUR_OUT_RETURNS] - 50000;
		/* 100 days of 500 deported and 500 + 1500 returned a day */
		if (!(fabs(dep - 50000) < 5 * 224 + 5 * 224))
			fail_msg("deported %.0f", dep);
		if (!(fabs(ret - 200000) < 5 * 448 + 5 * 224))
			fail_msg("returned %.0f", ret);
	}
	dur_scenario_free(sc);
}

/*
 * Deaths per attack follow the tabulated law: mean attack.fatality_mean and
 * the negative binomial's variance m + m^2 / r, also for a mean whose tail
 * runs past the table.
 */
static void test_deaths_law(void **state)
{
	struct dur_scenario *sc = afpak_load();
	struct dur_params *p = &sc->model.p;
	const double means[2] = { 1.35, 30 }, size = 0.6;

	(void)state;
	no_actions(sc);
	p->clash_mu = p->clash_alpha_self = 0;
	p->clash_alpha_strike = p->clash_alpha_civilian = 0;
	sc->init.exc[DUR_STREAM_CLASH] = 0;
	p->ttp_noise = p->ttp_growth = p->ttp_op_loss = 0;
	p->ttp_mu = 0.2; /* mostly single-attack days */
	p->attack_alpha_self = p->attack_alpha_strike = 0;
	sc->init.exc[DUR_STREAM_ATTACK] = 0;
	for (int k = 0; k < 2; k++) {
		double n = 0, sum = 0, sumsq = 0, mean, var, want_var;

		p->attack_fatality_mean = means[k];
		p->attack_fatality_dispersion = size;
		for (long run = 0; run < 60; run++) {
			struct dur_sim sim;

			dur_sim_init(&sim, sc, NULL, 9, run, out);
			for (int t = 0; t < 200; t++) {
				int64_t a = out[DUR_OUT_ATTACKS];
				int64_t f = out[DUR_OUT_FAT_PAK];

				dur_sim_step(&sim);
				if (out[DUR_OUT_ATTACKS] - a == 1) {
					double x = (double)(out[DUR_OUT_FAT_PAK] - f);

					n++;
					sum += x;
					sumsq += x * x;
				}
			}
		}
		mean = sum / n;
		var = sumsq / n - mean * mean;
		want_var = means[k] + means[k] * means[k] / size;
		assert_true(n > 1000);
		/* se of the mean sqrt(var / n); of the variance, with the
		 * fourth moment of this law, within 25% at these n */
		if (!(fabs(mean - means[k]) < 4 * sqrt(want_var / n)))
			fail_msg("mean %.4f, want %.4f", mean, means[k]);
		if (!(fabs(var / want_var - 1) < 0.25))
			fail_msg("variance %.3f, want %.3f", var, want_var);
	}
	dur_scenario_free(sc);
}

/* The count by plain inversion of u = (x + 0.5) / 2^32 from k = 0, the
 * pmf's recursion all the way: what the table and its guide must give. */
static int32_t law_inverse(double mean, double size, uint32_t x)
{
	double u = ((double)x + 0.5) / 4294967296.0, a, b, p, f;
	int32_t k = 0;

	if (!(mean > 0))
		return 0;
	if (size > 0) {
		double q = mean / (mean + size);

		a = size * q;
		b = q;
		p = exp(size * log(size / (mean + size)));
	} else {
		a = mean;
		b = 0;
		p = exp(-mean);
	}
	f = p;
	while (u > f && k < 1000) {
		p *= (a + b * k) / (k + 1);
		k++;
		f += p;
		if (p < 1e-300)
			break;
	}
	return k;
}

/*
 * A fixed law's count from its table (the uniform's bits compared with
 * integer cuts, the search started where the guide says) is exactly the
 * plain inversion's, at every step's edge and over a million draws, for
 * laws whose tail stays in the table and laws that run past it.
 */
static void test_law_table_is_exact(void **state)
{
	static const double law[][2] = { { 1.35, 0.3 }, { 1.35, 0 },
					 { 0.8, 0.7 },  { 8, 0.8 },
					 { 30, 0.6 },   { 15, 0.8 },
					 { 3, 0 },      { 0, 0.5 } };
	uint64_t lcg = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(law) / sizeof(law[0]); i++) {
		double mean = law[i][0], size = law[i][1];
		struct dur_law l;
		long checked = 0;

		dur_law_init(&l, mean, size);
		/* each step's edge: the last x of step k and the first of k+1 */
		for (int k = 0; k < DUR_LAW_N; k++)
			for (int64_t d = -2; d <= 2; d++) {
				int64_t x = (int64_t)l.cut[k] + d;

				if (x < 0 || x > (int64_t)UINT32_MAX)
					continue;
				assert_int_equal(dur_law_draw(&l, (uint32_t)x),
						 law_inverse(mean, size,
							     (uint32_t)x));
				checked++;
			}
		/* each guide bucket's edges */
		for (uint64_t j = 0; j < DUR_LAW_GUIDE; j++) {
			uint32_t x0 = (uint32_t)(j << (32 - DUR_LAW_GUIDE_BITS));

			assert_int_equal(dur_law_draw(&l, x0),
					 law_inverse(mean, size, x0));
			assert_int_equal(dur_law_draw(&l, x0 - 1),
					 law_inverse(mean, size, x0 - 1));
		}
		for (long n = 0; n < 1000000; n++) {
			uint32_t x;

			lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
			x = (uint32_t)(lcg >> 32);
			if (dur_law_draw(&l, x) != law_inverse(mean, size, x))
				fail_msg("mean %g size %g x %u: %d, want %d",
					 mean, size, x, dur_law_draw(&l, x),
					 law_inverse(mean, size, x));
		}
		/* a table with steps: the edges above were the real ones */
		if (mean > 0)
			assert_true(checked > 20);
	}
}

/* A sim copied by value mid-run (a particle) steps exactly as the original:
 * same counters, same state, whatever the original does meanwhile. */
static void test_copy_by_value(void **state)
{
	struct dur_scenario *sc = afpak_load();
	int n = dur_outcome_count(sc);
	int64_t *oa = calloc((size_t)n, sizeof(*oa));
	int64_t *ob = calloc((size_t)n, sizeof(*ob));
	struct dur_sim a, b;

	(void)state;
	dur_sim_init(&a, sc, NULL, 42, 3, oa);
	for (int t = 0; t < 60; t++)
		dur_sim_step(&a);
	b = a;
	b.out = ob;
	memcpy(ob, oa, sizeof(*oa) * (size_t)n);
	for (int t = 0; t < 120; t++) {
		dur_sim_step(&a);
		dur_sim_step(&b);
	}
	assert_memory_equal(oa, ob, sizeof(*oa) * (size_t)n);
	assert_memory_equal(&a.s, &b.s, sizeof(a.s));
	free(oa);
	free(ob);
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
	p->ttp_growth = p->ttp_noise = p->ttp_op_loss = 0;
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
		cmocka_unit_test(test_strikes_answer_deadly_attacks),
		cmocka_unit_test(test_tolerance_measures_against_recent_level),
		cmocka_unit_test(test_political_closure_ends_by_decision),
		cmocka_unit_test(test_departure_order_is_dated),
		cmocka_unit_test(test_deaths_law),
		cmocka_unit_test(test_law_table_is_exact),
		cmocka_unit_test(test_copy_by_value),
		cmocka_unit_test(test_excitation_half_life),
		cmocka_unit_test(test_attack_count_matches_hawkes_mean),
		cmocka_unit_test(test_null_intervention_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
