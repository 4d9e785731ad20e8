/*
 * scenario.h: a crisis as data.
 *
 * A scenario holds everything the engine treats as data: the actors and
 * their roles, the host's factions, regions, border crossings, mediators,
 * the escalation ladder with the actions each rung switches on, the process
 * parameters with their allowed ranges and sources, confidence-building
 * measures, named interventions (what-ifs), the initial state and the
 * figures a hindcast is held against. The engine's code is the structure of
 * the processes (docs/ODD.md); a scenario only fills it in.
 *
 * Everything a run may change (parameters, rates, a measure switched on) is
 * in struct dur_model, a flat value that each run copies: interventions and
 * calibration address its numbers by path ("ttp.mu",
 * "ladder.strikes.rate.strike", "mediator.china.leverage") through
 * dur_scenario_param_find().
 *
 * Sizes are bounded (DUR_MAX_*) so that a run never allocates; a scenario
 * over a bound is refused with DUR_ELIMIT.
 */
#ifndef DURAND_SCENARIO_H
#define DURAND_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

#define DUR_NAME_MAX 48
#define DUR_MAX_ACTORS 32
#define DUR_MAX_FACTIONS 8
#define DUR_MAX_REGIONS 32
#define DUR_MAX_CROSSINGS 16
#define DUR_MAX_MEDIATORS 12
#define DUR_MAX_RUNGS 12
#define DUR_MAX_CBMS 8
#define DUR_MAX_INTERVENTIONS 32
#define DUR_MAX_CHANGES 16
#define DUR_MAX_TARGETS 32
#define DUR_MAX_RANGES 128
#define DUR_MAX_BASES 8           /* bases under a scenario, nested */
#define DUR_SCENARIO_PATH_MAX 1024
#define DUR_MAX_ENS_PARAMS 8   /* parameters of a parameter ensemble */
#define DUR_MAX_ENS_SETS 1000  /* its parameter sets */

/* The state's instruments, switched on by ladder rungs. */
enum dur_action {
	DUR_ACT_FLAG_MEETING,   /* border flag meeting after an incident */
	DUR_ACT_PROTEST,        /* diplomatic protest lodged */
	DUR_ACT_DEMARCHE,       /* formal démarche delivered */
	DUR_ACT_MEMORANDUM,     /* intelligence memorandum issued */
	DUR_ACT_JCC,            /* joint coordination committee meeting */
	DUR_ACT_MINISTER_VISIT, /* ministerial visit to the host's capital */
	DUR_ACT_CLOSURE,        /* a border crossing closed */
	DUR_ACT_DEPORTATION,    /* a day of deportations */
	DUR_ACT_STRIKE,         /* air strike on militant targets */
	DUR_ACT_STRIKE_CITY,    /* air strike on a city */
	DUR_ACT_GROUND_OP,      /* cross-border ground operation */
	DUR_ACT_COUNT
};

/* Name of an action as scenario files spell it ("flag_meeting"). */
const char *dur_action_name(int action);

enum dur_role {
	DUR_ROLE_STATE,   /* the state that suffers attacks (Pakistan) */
	DUR_ROLE_GROUP,   /* the armed group (TTP) */
	DUR_ROLE_HOST,    /* the neighbour's authorities (Afghan Taliban) */
	DUR_ROLE_MEDIATOR, /* an outside power */
	DUR_ROLE_OTHER,   /* named for the record only */
	DUR_ROLE_COUNT
};

enum dur_cbm_kind {
	DUR_CBM_JOINT_MECHANISM, /* incidents go to flag meetings */
	DUR_CBM_INTEL_SHARING,   /* raises what enforcement achieves */
	DUR_CBM_MONITORING,      /* third-party monitoring */
	DUR_CBM_FENCING,         /* fencing, completed over time */
	DUR_CBM_KIND_COUNT
};

/*
 * The process parameters. Each has a path ("ttp.mu"), hard limits, a
 * meaning and a unit in include/durand/params.def; docs/ODD.md gives its
 * default's source.
 */
struct dur_params {
#define DUR_PARAM(field, path, lo, hi, doc) double field;
#include "durand/params.def"
#undef DUR_PARAM
};

/* Every field of struct dur_params is a double. */
#define DUR_NPARAMS ((int)(sizeof(struct dur_params) / sizeof(double)))

/* A process parameter as params.def declares it. */
struct dur_param_info {
	const char *path; /* "ttp.mu" */
	size_t off;       /* byte offset in struct dur_params */
	double lo, hi;    /* hard limits */
	const char *doc;  /* meaning and unit */
};

/* The DUR_NPARAMS parameters, in the order of params.def (the one
 * expansion of its table; scenario_param.c). */
extern const struct dur_param_info dur_param_table[];

struct dur_rung {
	char name[DUR_NAME_MAX];          /* "strikes" */
	double threshold;                 /* grievance to climb to this rung */
	double rate[DUR_ACT_COUNT];       /* actions per day while here */
	double per_attack[DUR_ACT_COUNT]; /* actions per attack while here */
	double readiness;                 /* 0..1: how far the urge to strike
					     after a deadly attack becomes
					     strikes on this rung */
};

struct dur_faction {
	char name[DUR_NAME_MAX]; /* "kandahar" */
	double weight;           /* share of the host's decisions */
	double affinity;         /* sympathy for the armed group, 0..1 */
};

struct dur_region {
	char name[DUR_NAME_MAX]; /* "khyber_pakhtunkhwa" */
	int host;                /* 1 if on the host's side of the border */
	int city;                /* 1 if a city (a target of city strikes) */
	double share;            /* share of its side's attacks or strikes */
};

struct dur_crossing {
	char name[DUR_NAME_MAX]; /* "torkham" */
	double trade_usd_per_day; /* trade lost for each day closed */
	double weight;            /* relative chance of being the one closed */
};

struct dur_mediator {
	int actor;          /* index into the scenario's actors */
	int trigger_rung;   /* rounds happen at or above this rung ... */
	double trigger_crisis; /* ... and at or above this crisis level */
	double leverage;    /* 0..1 */
	double round_rate;  /* rounds per day when triggered and not cooling */
	double cooldown;    /* days between rounds */
};

struct dur_cbm {
	char name[DUR_NAME_MAX]; /* "joint_border_mechanism" */
	int kind;                /* enum dur_cbm_kind */
	double on;               /* 1 in force, 0 not (a path may set it) */
	double strength;         /* 0..1, what it achieves when in force */
};

/* Everything a run may change, copied into each run. */
struct dur_model {
	struct dur_params p;
	int nrungs, nfactions, nregions, ncrossings, nmediators, ncbms;
	struct dur_rung rung[DUR_MAX_RUNGS];
	struct dur_faction faction[DUR_MAX_FACTIONS];
	struct dur_region region[DUR_MAX_REGIONS];
	struct dur_crossing crossing[DUR_MAX_CROSSINGS];
	struct dur_mediator mediator[DUR_MAX_MEDIATORS];
	struct dur_cbm cbm[DUR_MAX_CBMS];
};

/* Excitation streams of the daily Hawkes form. */
enum dur_stream {
	DUR_STREAM_ATTACK,   /* attacks */
	DUR_STREAM_STRIKE,   /* strikes (any kind) */
	DUR_STREAM_CLASH,    /* border clashes */
	DUR_STREAM_CIVILIAN, /* civilians killed by strikes */
	DUR_STREAM_COUNT
};

/* closed[x] of a crossing closed by decision: it stays closed, without a
 * count of days, until the state decides to reopen it (docs/ODD.md 7.10). */
#define DUR_CLOSED_POLITICAL 1000000000

/* The state a run starts from (the scenario's `state:` section). */
struct dur_init {
	double capacity;   /* armed group's strength, 1 = at start of record */
	double sanctuary;  /* 0..1, 1 = operates freely */
	double grievance;  /* the state's memory of harm */
	int rung;          /* starting rung */
	double enforcement; /* host's effort, 0..1 */
	double resentment; /* host's resentment */
	double trust;      /* dyad's trust, 0..1 */
	double ceasefire;  /* 0 none, else its strength 0..1 */
	double fence;      /* share of the fence completed, 0..1 */
	double crisis;     /* crisis level (mediation, political closures) */
	int campaign;      /* 1 if a departure campaign is under way */
	int closed[DUR_MAX_CROSSINGS]; /* days each crossing stays closed, or
					  DUR_CLOSED_POLITICAL */
	double exc[DUR_STREAM_COUNT]; /* initial excitation per stream */
};

struct dur_actor {
	char name[DUR_NAME_MAX];  /* id, "pakistan" */
	char label[DUR_NAME_MAX]; /* display name, "Pakistan" */
	int role;                 /* enum dur_role */
};

enum dur_change_kind {
	DUR_CHANGE_SET,   /* model number := value */
	DUR_CHANGE_SCALE, /* model number *= value */
	DUR_CHANGE_STATE, /* state variable := value */
	DUR_CHANGE_OPEN,  /* crossing opened (index in `index`) */
	DUR_CHANGE_CLOSE, /* crossing closed for `value` days */
};

struct dur_change {
	int kind;         /* enum dur_change_kind */
	int32_t day;      /* day offset from the scenario start */
	size_t offset;    /* byte offset of a double in struct dur_model,
			     or a DUR_SV_* state variable for STATE */
	int index;        /* crossing for OPEN/CLOSE */
	double value;
};

struct dur_intervention {
	char name[DUR_NAME_MAX]; /* "joint_mechanism" */
	char description[160];   /* one line for the report */
	int nchanges;
	struct dur_change change[DUR_MAX_CHANGES];
};

/* How a stated figure was stated; sets what "consistent" means. */
enum dur_target_kind {
	DUR_TGT_EXACT,    /* "10": X in the 90% interval, median within 25% */
	DUR_TGT_OVER,     /* "over X": median in [X, 1.25 X] */
	DUR_TGT_MORE,     /* "more than X": as over */
	DUR_TGT_ATLEAST,  /* "at least X": as over */
	DUR_TGT_AROUND,   /* "around X": median within 15% of X */
	DUR_TGT_EVENT,    /* an event happened: p >= 0.5 */
	DUR_TGT_KIND_COUNT
};

struct dur_target {
	char name[DUR_NAME_MAX];    /* "attacks" */
	char outcome[DUR_NAME_MAX]; /* outcome it is compared with */
	int kind;                   /* enum dur_target_kind */
	double value;               /* stated figure */
	int32_t from, until;        /* day numbers the figure covers */
	char source[160];           /* article title */
};

struct dur_range {
	char path[96]; /* parameter path */
	size_t offset; /* its byte offset in struct dur_model */
	double lo, hi; /* allowed range for calibration and sensitivity */
};

/*
 * A parameter ensemble (the scenario's `ensemble:` section, written by
 * `durand calibrate --method if2`): n equally weighted sets of values of k
 * model numbers. Run i of any ensemble or filter takes set i mod n in place
 * of the scenario's values, so a forecast's spread includes what the model
 * does not know about its parameters, and a what-if's run i has the same set
 * as its baseline's run i (common random numbers hold).
 */
struct dur_param_ensemble {
	int n;                                /* sets; 0: no ensemble */
	int k;                                /* numbers in each set */
	char path[DUR_MAX_ENS_PARAMS][96];    /* their paths */
	size_t off[DUR_MAX_ENS_PARAMS];       /* offsets in struct dur_model */
	char source[384];                     /* how the sets were made */
	double set[DUR_MAX_ENS_SETS][DUR_MAX_ENS_PARAMS]; /* [n][k] values */
};

struct dur_scenario {
	char name[DUR_NAME_MAX];
	char description[256];
	int32_t start;      /* day number of day 0 */
	int days;           /* default horizon */
	int nactors;
	struct dur_actor actor[DUR_MAX_ACTORS];
	int state_actor, group_actor, host_actor; /* indices into actor */
	struct dur_model model;
	struct dur_init init;
	int ninterventions;
	struct dur_intervention intervention[DUR_MAX_INTERVENTIONS];
	struct dur_intervention schedule; /* dated changes in every run
					     (measures' start dates) */
	int ntargets;
	struct dur_target target[DUR_MAX_TARGETS];
	int nranges;
	struct dur_range range[DUR_MAX_RANGES];
	struct dur_param_ensemble pens; /* parameter sets runs draw from */
};

/* Take the number at offset off out of sc's parameter ensemble, so that a
 * value set on it (an override, --set, a calibration's trial point, a
 * sensitivity design's point) holds in every run. Returns 1 if it was in
 * the ensemble (the ensemble goes when nothing is left of it), else 0. */
int dur_param_ensemble_drop(struct dur_scenario *sc, size_t off);

/* Give run `run`'s model m its set of sc's parameter ensemble (set run mod
 * n; nothing when sc has none). */
static inline void dur_param_ensemble_apply(const struct dur_scenario *sc,
					    long run, struct dur_model *m)
{
	const struct dur_param_ensemble *e = &sc->pens;
	const double *v;

	if (!e->n)
		return;
	v = e->set[(unsigned long)run % (unsigned long)e->n];
	for (int j = 0; j < e->k; j++)
		*(double *)((char *)m + e->off[j]) = v[j];
}

/*
 * Parse YAML text into sc. `file` names the input in messages. Every
 * problem found is appended to diag (if not NULL); returns 0, or the code of
 * the first problem (DUR_EPARSE, DUR_EINVAL, DUR_ELIMIT...) with err filled
 * from it.
 */
int dur_scenario_parse(struct dur_scenario *sc, const char *text, size_t len,
		       const char *file, struct dur_diag *diag,
		       struct dur_error *err);

/*
 * A scenario may name a `base:` (a built-in name, or a file path relative
 * to the directory of the file that names it) and hold only what differs:
 * its YAML is merged over the base's (mappings key by key, a key set to
 * null removed, sequences and scalars replaced, except the items of
 * `interventions` and `targets`, merged by name), and the result parsed as
 * one scenario. docs/scenario.md, "Bases", has the rules. Every function
 * here that reads a scenario follows its bases; a problem is named at the
 * file and line it is in, the base's or the scenario's.
 */

/* Read and parse a file (as dur_scenario_parse). */
int dur_scenario_load(struct dur_scenario *sc, const char *path,
		      struct dur_diag *diag, struct dur_error *err);

/* The text of a built-in scenario or of a file, as a new string the caller
 * frees; NULL (and err) when a file cannot be read. A scenario with a
 * `base:` comes back whole: the merged YAML, with no `base:` left (NULL and
 * err when the bases cannot be read or merged). */
char *dur_scenario_text(const char *name_or_path, struct dur_error *err);

/* One of the files a scenario is made of. */
struct dur_scenario_part {
	char file[DUR_SCENARIO_PATH_MAX]; /* its path, or "" for a built-in */
	char builtin[DUR_NAME_MAX];       /* the built-in's name, or "" */
	char sha256[65];                  /* of its own text, in hex */
};

/*
 * The files the scenario name_or_path is made of: part[0] itself, part[1]
 * its base, part[2] the base's base... *n of them (1 when it has no base).
 * Returns 0, or the code of the first problem met following the bases
 * (err filled).
 */
int dur_scenario_parts(const char *name_or_path,
		       struct dur_scenario_part part[DUR_MAX_BASES + 1],
		       int *n, struct dur_error *err);

/* Names of the scenarios built into the library, NULL-terminated. */
const char *const *dur_scenario_builtin_names(void);

/* The YAML text of a built-in scenario, or NULL if there is none. */
const char *dur_scenario_builtin_text(const char *name);

/* Load a built-in by name, or else a file by path (as dur_scenario_load). */
int dur_scenario_open(struct dur_scenario *sc, const char *name_or_path,
		      struct dur_diag *diag, struct dur_error *err);

/*
 * A new scenario opened as dur_scenario_open does: on success *out is set
 * (free it with dur_scenario_free); on failure *out is NULL and the code is
 * returned (DUR_ENOMEM when there is no memory for it).
 */
int dur_scenario_create(const char *name_or_path, struct dur_diag *diag,
			struct dur_scenario **out, struct dur_error *err);

/* A new copy of sc (to change parameters of), or NULL when out of memory;
 * free it with dur_scenario_free. */
struct dur_scenario *dur_scenario_dup(const struct dur_scenario *sc);

/* Free a scenario from dur_scenario_create or _dup; NULL is fine. */
void dur_scenario_free(struct dur_scenario *sc);

/*
 * Find a model number by path. Returns its byte offset in struct dur_model
 * (so that any copy of the model can be addressed) or (size_t)-1.
 */
size_t dur_scenario_param_find(const struct dur_scenario *sc,
			       const char *path);

/* The hard limits of the model number at `offset` (a probability or share
 * 0..1, a rate 0..1000, a parameter's own limits from params.def). */
void dur_scenario_param_limits(const struct dur_scenario *sc, size_t off,
			       double *lo, double *hi);

/* Address of the number at `offset` in model m. */
static inline double *dur_model_at(struct dur_model *m, size_t offset)
{
	return (double *)((char *)m + offset);
}

/*
 * Up to n known parameter paths closest to `path` (edit distance), for
 * "did you mean" messages. Writes them comma-separated into buf.
 */
void dur_scenario_param_suggest(const struct dur_scenario *sc,
				const char *path, char *buf, size_t len);

/* The offset of parameter `path` into *off; DUR_ENOTFOUND naming the
 * nearest paths when there is none. */
int dur_scenario_param_require(const struct dur_scenario *sc,
			       const char *path, size_t *off,
			       struct dur_error *err);

/* Every parameter path of sc, one at a time: returns the i-th path into buf,
 * or 0 past the end. */
int dur_scenario_param_path(const struct dur_scenario *sc, int i, char *buf,
			    size_t len);

/* Index of the intervention named `name`, or -1. */
int dur_scenario_intervention_find(const struct dur_scenario *sc,
				   const char *name);

/* Index of the range of `path`, or -1. */
int dur_scenario_range_find(const struct dur_scenario *sc, const char *path);

/* State variables an intervention may set (enum for dur_change.offset). */
enum dur_state_var {
	DUR_SV_CAPACITY,
	DUR_SV_SANCTUARY,
	DUR_SV_GRIEVANCE,
	DUR_SV_RUNG,
	DUR_SV_ENFORCEMENT,
	DUR_SV_RESENTMENT,
	DUR_SV_TRUST,
	DUR_SV_CEASEFIRE,
	DUR_SV_FENCE,
	DUR_SV_CRISIS,
	DUR_SV_CAMPAIGN,   /* 1 starts a departure campaign (an order), 0
			      ends it */
	DUR_SV_COUNT
};

/* Name of a state variable ("sanctuary"), and the reverse (-1 if none). */
const char *dur_state_var_name(int v);
int dur_state_var_find(const char *name);

/* The outcomes every scenario has; per-crossing and per-mediator ones follow
 * (dur_outcome_count). */
enum dur_outcome {
	DUR_OUT_ATTACKS,            /* militant attacks */
	DUR_OUT_ATTACKS_CROSS,      /* of which launched across the border */
	DUR_OUT_FAT_PAK,            /* the state's dead: all categories */
	DUR_OUT_FAT_PAK_MIL,        /* soldiers */
	DUR_OUT_FAT_PAK_POL,        /* police */
	DUR_OUT_FAT_PAK_CIV,        /* civilians */
	DUR_OUT_FAT_AFG,            /* the host side's dead */
	DUR_OUT_FAT_AFG_FORCES,     /* its fighters in clashes */
	DUR_OUT_FAT_AFG_CIV,        /* its civilians */
	DUR_OUT_FAT_MILITANTS,      /* armed group members killed */
	DUR_OUT_STRIKES,            /* strikes of any kind on the host */
	DUR_OUT_STRIKES_CITY,       /* of which on cities */
	DUR_OUT_GROUND_OPS,         /* cross-border ground operations */
	DUR_OUT_CLASHES,            /* border clashes */
	DUR_OUT_CLOSURE_DAYS,       /* crossing-days closed, all crossings */
	DUR_OUT_POLITICAL_CLOSURES, /* closures of every crossing by decision */
	DUR_OUT_TRADE_LOST,         /* US dollars of trade lost */
	DUR_OUT_DEPORTATIONS,       /* people deported */
	DUR_OUT_RETURNS,            /* people who returned (not deported) */
	DUR_OUT_ORDERS,             /* departure orders (dated or drawn) */
	DUR_OUT_DISPLACED,          /* people displaced by fighting */
	DUR_OUT_MED_ROUNDS,         /* mediation rounds, all mediators */
	DUR_OUT_CEASEFIRES,         /* ceasefires agreed */
	DUR_OUT_CEASEFIRE_DAYS,     /* days under a ceasefire */
	DUR_OUT_CEASEFIRE_BREAKS,   /* ceasefires broken */
	DUR_OUT_TALKS_FAILED,       /* mediation rounds that failed */
	DUR_OUT_FLAG_MEETINGS,      /* actions, in enum dur_action order ... */
	DUR_OUT_PROTESTS,
	DUR_OUT_DEMARCHES,
	DUR_OUT_MEMORANDUMS,
	DUR_OUT_JCC,
	DUR_OUT_MINISTER_VISITS,    /* ... up to here */
	DUR_OUT_MAX_RUNG,           /* highest rung reached */
	DUR_OUT_FIXED_COUNT
};

/* Number of outcomes of a scenario: the fixed ones, then closure days and
 * trade lost per crossing, then rounds per mediator. */
int dur_outcome_count(const struct dur_scenario *sc);

/* Name of outcome i ("attacks", "closure_days.torkham") into buf. */
const char *dur_outcome_name(const struct dur_scenario *sc, int i, char *buf,
			     size_t len);

/* Name of fixed outcome i (enum dur_outcome), the same in every scenario;
 * NULL past DUR_OUT_FIXED_COUNT. */
const char *dur_outcome_fixed_name(int i);

/* Index of the outcome called `name`, or -1. */
int dur_outcome_find(const struct dur_scenario *sc, const char *name);

#endif
