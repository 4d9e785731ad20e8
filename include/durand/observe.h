/*
 * observe.h: the model observed through the record, and the particle
 * filter over it (docs/ODD.md, "Observation"; docs/filter.md).
 *
 * Each record quantity is tied to one of the model's outcomes by a rule
 * (struct dur_obs_rule): a count over a period is an over-dispersed count
 * of the outcome scaled by the counter's share; a dated event is a model
 * event of that kind within a window of days, recorded with a chance of
 * detection; a closed crossing costs a factor for each day the model keeps
 * it open; departures are the model's departures with a relative error.
 * Quantities the record marks complete (no strike, no ceasefire is missing
 * from it) also weigh the model's events on days the record has none.
 *
 * dur_filter_run() filters a scenario through the facts of a record that
 * end before a date: the likelihood with its Monte Carlo error from
 * independent replicate filters, the effective sample size by day, each
 * fact's predictive distribution (where the record surprised the model),
 * and the cloud of filtered states on that date.
 */
#ifndef DURAND_OBSERVE_H
#define DURAND_OBSERVE_H

#include <stdint.h>

#include "durand/cloud.h"
#include "durand/pfilter.h"
#include "durand/record.h"
#include "durand/scenario.h"
#include "durand/sim.h"

enum dur_obs_law {
	DUR_LAW_NEGBIN,    /* count ~ NegBin(mean share * X, size) */
	DUR_LAW_EVENT,     /* recorded with chance 1 - (1 - detect)^X */
	DUR_LAW_STATE,     /* closed: spurious ^ (days the model has it open) */
	DUR_LAW_LOGNORMAL, /* log count ~ N(log(share * X), relerr^2) */
	DUR_LAW_UNUSED     /* a quantity the model does not produce */
};

struct dur_obs_rule {
	const char *quantity; /* the record's quantity */
	int law;              /* enum dur_obs_law */
	const char *outcome;  /* the model outcome it observes ("attacks") */
	const char *outcome2; /* and a second one added to it, or NULL */
	double share;         /* record count per model count */
	double size;          /* negative binomial size (dispersion) */
	double detect;        /* chance a model event is recorded */
	double spurious;      /* chance per day of a record without a model
				 event (events), or of a closed state the
				 model cannot produce (states) */
	int window;           /* days either side of a dated event */
	int complete;         /* 1: days without a record weigh model events */
	double relerr;        /* sd of the log, for lognormal */
	const char *also;     /* events of this quantity count as this one's
				 (a strike on a city is a strike) */
	const char *origin;   /* where the numbers come from */
};

/* The rules, in a table ending with a NULL quantity. */
const struct dur_obs_rule *dur_obs_rules(void);

/* One fact as the filter saw it. */
struct dur_obs_report {
	int fact;          /* index into the record */
	int used;          /* 1 if it weighed the particles */
	const char *why;   /* why not, when unused */
	int32_t day;       /* date it completed (day number) */
	double observed;   /* the figure (or 1 for an event/state) */
	double q05, q50, q95; /* the predictive distribution of the record's
				 figure before the fact was seen */
	double pit;        /* predictive P(figure <= observed) (mid-p for
			      counts); for events the predictive chance */
	double cll;        /* log-likelihood the fact contributed */
};

struct dur_filter_opts {
	long particles;    /* per replicate */
	int replicates;    /* independent filters, for the error */
	uint64_t seed;
	int threads;       /* 0: all cores */
	int32_t until;     /* day number: use facts ending before it, filter
			      to it (exclusive) */
	const struct dur_cloud *start; /* start particle i from its state
					  i mod n (the cloud's date must be
					  the scenario's start), or NULL */
	/* Optional, for iterated filtering: called for each particle with
	 * its run after it starts (day -1) and before each day it steps,
	 * from any thread; it may change sim->m (then call dur_sim_derive)
	 * drawing from its own stream keyed by (seed, stream, day). */
	void (*perturb)(void *ctx, struct dur_sim *sim, uint64_t stream,
			int day);
	void *perturb_ctx;
	int keep_models;   /* 1: the result keeps each final particle's
			      model (dur_filter_result.models) */
	const dur_cancel *cancel;
	/* NULL, or the processes to split each filter's particles over
	 * (pfilter.h); every process then returns the same result. */
	const struct dur_pf_comm *comm;
};

#define DUR_FILTER_OPTS_INIT                                              \
	{ .particles = 2000, .replicates = 4, .seed = 1, .threads = 0,   \
	  .until = 0, .start = NULL, .perturb = NULL, .perturb_ctx = NULL, \
	  .keep_models = 0, .cancel = NULL, .comm = NULL }

struct dur_filter_result {
	int32_t from, until;   /* day numbers filtered, [from, until) */
	int days;
	int replicates;
	double loglik;         /* log of the mean likelihood over replicates */
	double loglik_se;      /* its Monte Carlo standard error */
	double *rep_loglik;    /* [replicates] */
	double *ess;           /* [days], replicate 1 */
	int resamples;         /* replicate 1 */
	int nobs;
	struct dur_obs_report *obs; /* [nobs], by completion day */
	int nused;             /* facts that weighed the particles */
	struct dur_cloud *cloud; /* replicate 1's cloud on `until`, resampled
				    to equal weights */
	struct dur_model *models; /* with keep_models: [cloud->n], the model
				     of each of the cloud's particles */
	uint64_t moved;        /* bytes of particles moved between processes
				  at resamplings, every replicate (0 on one
				  process) */
};

/*
 * Filter sc through the facts of rec that end before o->until. On success
 * *out is new (dur_filter_result_free). Bad options are DUR_EINVAL; a
 * record no particle can produce, DUR_ENOCONV naming the fact.
 */
int dur_filter_run(const struct dur_scenario *sc, const struct dur_record *rec,
		   const struct dur_filter_opts *o,
		   struct dur_filter_result **out, struct dur_error *err);

void dur_filter_result_free(struct dur_filter_result *r);

/*
 * A forecast in the record's own terms. From the cloud c (its date is day
 * 0), run `runs` runs of sc for `days` days (run i from state i mod n,
 * stream (seed, i)) and, for each fact of rec that lies wholly within
 * [c->date, c->date + days) and that a rule ties to the model, draw the
 * figure the record would show (the rule's law applied to the run's
 * count: a negative binomial or lognormal draw for counts, whether an
 * event is recorded, the crossing-days closed). On success *out is new
 * (dur_obs_forecast_free): one entry per such fact, `runs` draws each, in
 * run order; the same bits for any number of threads.
 */
struct dur_obs_forecast {
	int nfacts;
	int *fact;          /* [nfacts] index into rec */
	int *law;           /* [nfacts] enum dur_obs_law */
	double *lo, *hi;    /* [nfacts] the recorded figure as an interval
			       (censored: hi infinite; a range: [low, high]) */
	long runs;
	double *draw;       /* [nfacts * runs] */
	/* Series per period of the horizon, for events the record lists in
	 * full: "strike_days" (days with a recorded strike), "ceasefires",
	 * "closed_at_end.X" (1 if crossing X is closed on the period's
	 * last day) and "closed_days.X" (the period's days X is closed) for
	 * each crossing the record names in a closure, then the monthly
	 * counts the record has no figure for (ser_obs NaN): the trackers'
	 * militant attacks and deaths, and departures. */
	int nper;
	int32_t *per_start; /* [nper + 1] day numbers */
	int nser;
	char (*ser_name)[64]; /* [nser] */
	double *ser_obs;    /* [nser * nper] what the record shows */
	double *ser_draw;   /* [(s * nper + p) * runs + i] */
};

/* Periods of the horizon: nper consecutive months from the cloud's date
 * when months > 0 (per_start NULL), else the whole horizon. */
int dur_obs_forecast_run(const struct dur_scenario *sc,
			 const struct dur_record *rec,
			 const struct dur_cloud *c, int days, int months,
			 long runs, uint64_t seed, int threads,
			 struct dur_obs_forecast **out, struct dur_error *err);

void dur_obs_forecast_free(struct dur_obs_forecast *f);

/* The day after the record's last fact: where a filter through all of it
 * ends, and the forecast from it starts. */
int32_t dur_filter_default_until(const struct dur_record *rec);

#endif
