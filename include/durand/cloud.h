/*
 * cloud.h: a filtered particle cloud, the starting states of a forecast.
 *
 * A cloud is what the particle filter knows of the crisis on one date: N
 * equally weighted model states (struct dur_state), whose day-valued
 * fields (rung_since, ceasefire_since, med_next, first_strike) count from
 * that date. A forecast's run i starts from state i mod N, so a forecast
 * from a cloud carries the filter's uncertainty about today into its
 * intervals. Its file form (docs/filter.md) is a fixed header and the
 * states, written and read by this module; a cloud made by another build of
 * durand (another state layout) is refused.
 */
#ifndef DURAND_CLOUD_H
#define DURAND_CLOUD_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"
#include "durand/sim.h"

struct dur_cloud {
	int32_t date;          /* day number the states are at (day 0) */
	int32_t from;          /* day number the filter started from */
	uint64_t seed;         /* the filter's seed */
	char scenario[64];     /* the filtered scenario's name */
	char record[65];       /* SHA-256 of the record filtered, hex */
	int nfacts;            /* facts of the record the filter used */
	long n;                /* states */
	struct dur_state *state; /* [n] */
};

/* Write c to path (a temporary file renamed on success). */
int dur_cloud_save(const struct dur_cloud *c, const char *path,
		   struct dur_error *err);

/* Read a cloud from memory (name for messages); *out is new. */
int dur_cloud_parse(const void *data, size_t len, const char *name,
		    struct dur_cloud **out, struct dur_error *err);

/* Read a cloud from a file. */
int dur_cloud_load(const char *path, struct dur_cloud **out,
		   struct dur_error *err);

/* The built-in cloud of the shipped record (NULL if this build has none). */
int dur_cloud_builtin(struct dur_cloud **out, struct dur_error *err);

void dur_cloud_free(struct dur_cloud *c);

/* Start run `run` of sim from the cloud's state run mod n, in place of
 * the scenario's `state:` (after dur_sim_init), with the model's
 * parameters from the ensemble set that state was filtered with. */
void dur_cloud_apply(const struct dur_cloud *c, long run, struct dur_sim *sim);

/* Move sc's day 0 to `date` (after its start): changes of its schedule
 * dated before take effect on its model now (those to the state are in a
 * filtered state already), later ones keep their dates; a what-if's
 * changes keep theirs counted from the new start, or act from its first
 * day. */
void dur_scenario_restart(struct dur_scenario *sc, int32_t date);

#endif
