/*
 * sim.h: one run of the model, one day at a time.
 *
 * struct dur_sim holds everything a run owns: its copy of the model (which
 * interventions may change), its state, its random stream and its counters.
 * dur_sim_step() advances it one day through processes 1 to 8 of
 * docs/ODD.md and never allocates. An ensemble (ensemble.h) runs many.
 *
 * Outcomes are whole numbers (counts, deaths, days, US dollars), so that
 * sums and histograms over runs are exact and independent of the order in
 * which runs are merged: that is what makes results bit-identical for any
 * number of threads or processes.
 */
#ifndef DURAND_SIM_H
#define DURAND_SIM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "durand/rng.h"
#include "durand/scenario.h"

/* Event types of the log, each with its CAMEO code and Goldstein weight. */
enum dur_event_type {
	DUR_EV_ATTACK,
	DUR_EV_STRIKE,
	DUR_EV_STRIKE_CITY,
	DUR_EV_GROUND_OP,
	DUR_EV_CLASH,
	DUR_EV_FLAG_MEETING,
	DUR_EV_PROTEST,
	DUR_EV_DEMARCHE,
	DUR_EV_MEMORANDUM,
	DUR_EV_JCC,
	DUR_EV_MINISTER_VISIT,
	DUR_EV_CLOSURE,
	DUR_EV_REOPENING,
	DUR_EV_DEPORTATION,
	DUR_EV_MEDIATION,
	DUR_EV_CEASEFIRE,
	DUR_EV_CEASEFIRE_BREAK,
	DUR_EV_ESCALATION,
	DUR_EV_DEESCALATION,
	DUR_EV_COUNT
};

struct dur_event_info {
	const char *name;  /* "attack" */
	const char *cameo; /* CAMEO event code, "183" */
	double goldstein;  /* Goldstein weight of that code */
};

/* The static description of an event type. */
const struct dur_event_info *dur_event_info(int type);

/* Fatality categories of an event. */
enum dur_fat {
	DUR_FAT_PAK_MIL,
	DUR_FAT_PAK_POL,
	DUR_FAT_PAK_CIV,
	DUR_FAT_AFG_FORCES,
	DUR_FAT_AFG_CIV,
	DUR_FAT_MILITANT,
	DUR_FAT_COUNT
};

struct dur_event {
	int32_t day;           /* day offset from the scenario start */
	int type;              /* enum dur_event_type */
	int actor, target;     /* indices into the scenario's actors */
	int region;            /* index into regions, or -1 */
	int crossing;          /* index into crossings, or -1 */
	int32_t count;         /* people, for deportations; else 1 */
	int32_t fat[DUR_FAT_COUNT]; /* deaths by category */
};

/* Called for each event of a run whose log is kept. */
typedef void (*dur_event_fn)(void *ctx, long run, const struct dur_event *ev);

struct dur_state {
	double capacity, sanctuary;   /* armed group */
	double grievance;             /* state's memory of harm */
	int rung, max_rung;           /* ladder position, highest reached */
	int32_t rung_since;           /* day the rung last changed */
	double enforcement;           /* host's effort, 0..1 */
	double resentment;            /* host's resentment */
	double diplomacy;             /* recent diplomatic pressure */
	double trust;                 /* dyad's trust, 0..1 */
	double ceasefire;             /* 0, or strength of the ceasefire */
	int32_t ceasefire_since;      /* day it was agreed */
	double fence;                 /* share of fence complete */
	double exc[DUR_STREAM_COUNT]; /* Hawkes excitation */
	int32_t closed[DUR_MAX_CROSSINGS];      /* days each stays closed, or
						   DUR_CLOSED_POLITICAL */
	int32_t med_next[DUR_MAX_MEDIATORS];    /* day of next possible round */
	int32_t first_strike;         /* day of first strike, -1 if none */
	double urge;                  /* the state's urge to strike, from
					 recent deadly attacks */
	double urge_sum, urge_wsum;   /* the urge's recent level: its
					 discounted sum and the weights'
					 (level = urge_sum / urge_wsum) */
	double crisis;                /* crisis level: strikes, clashes,
					 civilians killed */
	double hardening;             /* positions hardened by failed talks */
	double shock;                 /* slow shock to enforcement, sd 1 */
	double fw[DUR_MAX_FACTIONS];  /* factions' weights now */
	int talks_failed;             /* 1 while the last talks failed */
	int deal;                     /* 1 if the ceasefire has a deal */
	int political;                /* 1 while a political closure holds */
	int campaign;                 /* 1 while a departure campaign lasts */
	int pset;                     /* the set of the scenario's parameter
					 ensemble this run's model took (run
					 mod n; 0 with none): a filtered
					 state goes on with its own set */
};

/*
 * A fixed law of a count (deaths per event), tabulated for inversion of
 * one uniform u = (x + 0.5) / 2^32 of 32 random bits x: with F(k) = P(X <= k),
 * u > F(k) exactly when x >= cut[k], for k < DUR_LAW_N, so the table is
 * searched on x itself; the pmf beyond follows p(k+1) = p(k) (a + b k) /
 * (k + 1) (Poisson: a = mean, b = 0; negative binomial of size r: a = r q,
 * b = q, q = mean / (mean + r)). guide[j] is the smallest k with F(k) >=
 * j / DUR_LAW_GUIDE (DUR_LAW_N if none): the search for x starts at
 * guide[x >> (32 - DUR_LAW_GUIDE_BITS)] and finds the same k as a search
 * from 0, in a step or two.
 */
#define DUR_LAW_N 24
#define DUR_LAW_GUIDE_BITS 6
#define DUR_LAW_GUIDE (1 << DUR_LAW_GUIDE_BITS)
struct dur_law {
	uint64_t cut[DUR_LAW_N];
	double f_last, p_last, a, b; /* F and pmf at DUR_LAW_N - 1, recursion */
	unsigned char guide[DUR_LAW_GUIDE];
};

/* Tabulate the law of mean `mean`: Poisson if size <= 0, else negative
 * binomial of that size (variance mean + mean^2 / size). */
void dur_law_init(struct dur_law *l, double mean, double size);

/* The count whose uniform (x + 0.5) / 2^32 falls in its step of F: the
 * least k with u <= F(k) (at most 1000). */
int32_t dur_law_draw(const struct dur_law *l, uint32_t x);

enum dur_law_id {
	DUR_LAW_ATTACK_DEATHS, DUR_LAW_ATTACK_MILITANTS, DUR_LAW_STRIKE_CIV,
	DUR_LAW_STRIKE_CITY_CIV, DUR_LAW_STRIKE_MILITANTS, DUR_LAW_GROUND_PAK,
	DUR_LAW_GROUND_AFG, DUR_LAW_CLASH_PAK, DUR_LAW_CLASH_AFG,
	DUR_LAW_CLASH_CIV, DUR_LAW_COUNT
};

/* Derived numbers, recomputed whenever the model changes. */
struct dur_derived {
	double decay[DUR_STREAM_COUNT]; /* per-day excitation decay */
	double grievance_decay, resentment_decay, diplomacy_decay;
	double urge_decay, norm_decay, crisis_decay, hardening_decay, faction_decay;
	double shock_decay, shock_sd;   /* AR(1) of the enforcement shock */
	double closure_log_q;           /* log(1 - p) of incident durations */
	int hard_faction, soft_faction; /* most and least sympathetic */
	struct dur_law law[DUR_LAW_COUNT];
	double affinity;                /* faction-weighted affinity */
	double cbm[DUR_CBM_KIND_COUNT]; /* level of each kind of measure in
					   force, 0..1 */
	double trade_total;             /* all crossings' trade per day */
	double region_cdf_state[DUR_MAX_REGIONS], region_cdf_host[DUR_MAX_REGIONS];
	double city_cdf[DUR_MAX_REGIONS];
	double crossing_cdf[DUR_MAX_CROSSINGS];
	int nstate_regions, nhost_regions, ncity_regions;
	int state_region[DUR_MAX_REGIONS], host_region[DUR_MAX_REGIONS];
	double exp_rate[DUR_MAX_RUNGS][DUR_ACT_COUNT];       /* e^-rate */
	double exp_per_attack[DUR_MAX_RUNGS][DUR_ACT_COUNT]; /* e^-per_attack */
	int city_region[DUR_MAX_REGIONS];
};

struct dur_sim {
	const struct dur_scenario *sc;
	struct dur_model m;       /* this run's model (interventions change it) */
	struct dur_derived d;
	struct dur_state s;
	struct dur_rng rng;
	gsl_rng g;                /* GSL view of rng */
	const struct dur_intervention *what_if; /* or NULL for the baseline */
	int32_t day;              /* next day to simulate */
	long run;
	int64_t *out;             /* outcome counters (dur_outcome_count) */
	int64_t fat_pak_cum, fat_afg_cum; /* cumulative deaths so far */
	int ncf;                  /* ceasefire durations recorded in cf_days */
	int32_t cf_days[64];      /* days each ended ceasefire held (first 64) */
	dur_event_fn on_event;    /* or NULL */
	void *event_ctx;
};

/*
 * Start run `run` of sc under `seed`, optionally with an intervention.
 * `out` must hold dur_outcome_count(sc) counters; they are zeroed.
 */
void dur_sim_init(struct dur_sim *sim, const struct dur_scenario *sc,
		  const struct dur_intervention *what_if, uint64_t seed,
		  long run, int64_t *out);

/* Advance one day. A struct dur_sim may be copied by value between steps
 * (its only pointer into itself, the GSL view of its stream, is re-pointed
 * here); the copy shares sc, what_if and out, which the caller re-points. */
void dur_sim_step(struct dur_sim *sim);

/* Recompute sim->d from sim->m (after changing the model by hand). */
void dur_sim_derive(struct dur_sim *sim);

#endif
