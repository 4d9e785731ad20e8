/*
 * cloud.c: a filtered particle cloud in memory and on disk (cloud.h).
 *
 * The file is a 256-byte header followed by n struct dur_state, in this
 * machine's byte order:
 *
 *   0   8  magic "DURCLOUD"
 *   8   4  format version (1)
 *  12   4  sizeof(struct dur_state) of the build that wrote it
 *  16   8  n, the number of states
 *  24   4  date (day number of day 0 of a forecast from it)
 *  28   4  from (day number the filter started on)
 *  32   8  seed
 *  40   4  facts of the record used
 *  44  64  scenario name, NUL-padded
 * 108  65  record digest (hex, NUL-terminated)
 * 173  83  zero
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/cloud.h"
#include "durand/output.h"
#include "durand/readfile.h"

enum { HEADER = 256, VERSION = 1 };

extern const unsigned char dur_builtin_cloud[];
extern const unsigned char dur_builtin_cloud_end[];

void dur_cloud_free(struct dur_cloud *c)
{
	if (!c)
		return;
	free(c->state);
	free(c);
}

int dur_cloud_save(const struct dur_cloud *c, const char *path,
		   struct dur_error *err)
{
	unsigned char h[HEADER] = { 0 };
	uint32_t v = VERSION, sz = sizeof(struct dur_state);
	uint64_t n = (uint64_t)c->n;
	struct dur_output o;
	int rc;

	memcpy(h, "DURCLOUD", 8);
	memcpy(h + 8, &v, 4);
	memcpy(h + 12, &sz, 4);
	memcpy(h + 16, &n, 8);
	memcpy(h + 24, &c->date, 4);
	memcpy(h + 28, &c->from, 4);
	memcpy(h + 32, &c->seed, 8);
	memcpy(h + 40, &c->nfacts, 4);
	memcpy(h + 44, c->scenario, strnlen(c->scenario, 63));
	memcpy(h + 108, c->record, strnlen(c->record, 64));
	rc = dur_output_open(&o, path, err);
	if (rc)
		return rc;
	if (fwrite(h, 1, HEADER, o.fp) != HEADER ||
	    fwrite(c->state, sizeof(*c->state), (size_t)c->n, o.fp) !=
		    (size_t)c->n) {
		dur_output_abort(&o);
		return dur_error_set(err, DUR_EIO, path, 0, 0,
				     "cannot write the cloud");
	}
	return dur_output_commit(&o, err);
}

int dur_cloud_parse(const void *data, size_t len, const char *name,
		    struct dur_cloud **out, struct dur_error *err)
{
	const unsigned char *h = data;
	struct dur_cloud *c;
	uint32_t v, sz;
	uint64_t n;

	*out = NULL;
	if (len < HEADER || memcmp(h, "DURCLOUD", 8))
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "not a particle cloud (expected the "
				     "file written by 'durand filter --save')");
	memcpy(&v, h + 8, 4);
	memcpy(&sz, h + 12, 4);
	memcpy(&n, h + 16, 8);
	if (v != VERSION || sz != sizeof(struct dur_state))
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "cloud of format %u with states of %u "
				     "bytes; this durand reads format %d, %zu "
				     "bytes: make it again with 'durand filter "
				     "--save'",
				     v, sz, VERSION, sizeof(struct dur_state));
	if (n < 1 || n > (len - HEADER) / sizeof(struct dur_state) ||
	    len != HEADER + n * sizeof(struct dur_state))
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "cloud truncated or padded: %zu bytes "
				     "for %llu states",
				     len, (unsigned long long)n);
	c = calloc(1, sizeof(*c));
	if (!c || !(c->state = malloc(n * sizeof(*c->state)))) {
		free(c);
		return dur_error_set(err, DUR_ENOMEM, name, 0, 0,
				     "out of memory");
	}
	c->n = (long)n;
	memcpy(&c->date, h + 24, 4);
	memcpy(&c->from, h + 28, 4);
	memcpy(&c->seed, h + 32, 8);
	memcpy(&c->nfacts, h + 40, 4);
	memcpy(c->scenario, h + 44, 63);
	memcpy(c->record, h + 108, 64);
	memcpy(c->state, h + HEADER, n * sizeof(*c->state));
	*out = c;
	return 0;
}

/* A cloud file of 10 million states is 2.5 GB; none is near that. */
#define CLOUD_MAX_MIB 4096

int dur_cloud_load(const char *path, struct dur_cloud **out,
		   struct dur_error *err)
{
	size_t len;
	char *buf = dur_read_file(path, "the cloud", CLOUD_MAX_MIB, &len, err);
	int rc;

	*out = NULL;
	if (!buf)
		return err ? err->code : DUR_EIO;
	rc = dur_cloud_parse(buf, len, path, out, err);
	free(buf);
	return rc;
}

int dur_cloud_builtin(struct dur_cloud **out, struct dur_error *err)
{
	size_t len = (size_t)(dur_builtin_cloud_end - dur_builtin_cloud);

	return dur_cloud_parse(dur_builtin_cloud, len, "<builtin cloud>", out,
			       err);
}

void dur_cloud_apply(const struct dur_cloud *c, long run, struct dur_sim *sim)
{
	const struct dur_state *s = &c->state[run % c->n];

	sim->s = *s;
	/* The state goes on under the parameter set it was filtered with
	 * (the scenario's ensemble set s->pset: the same ensemble as the
	 * filtered scenario's, or set pset mod n of another). */
	sim->m = sim->sc->model;
	dur_param_ensemble_apply(sim->sc, s->pset, &sim->m);
	/* A forecast counts its own first strike: "a new strike". */
	sim->s.first_strike = -1;
	sim->s.max_rung = sim->s.rung;
	sim->out[DUR_OUT_MAX_RUNG] = sim->s.rung;
	dur_sim_derive(sim);
}

/* Changes dated before the new start: those to the model happen now, those
 * to the state are in the filtered state already. */
static void shift_changes(struct dur_scenario *sc, struct dur_intervention *iv,
			  int32_t shift, int past_to_model)
{
	int n = 0;

	for (int i = 0; i < iv->nchanges; i++) {
		struct dur_change ch = iv->change[i];

		if (ch.day >= shift) {
			ch.day -= shift;
		} else if (!past_to_model) {
			ch.day = 0; /* a what-if acts from the first day */
		} else {
			if (ch.kind == DUR_CHANGE_SET)
				*dur_model_at(&sc->model, ch.offset) = ch.value;
			else if (ch.kind == DUR_CHANGE_SCALE)
				*dur_model_at(&sc->model, ch.offset) *= ch.value;
			continue;
		}
		iv->change[n++] = ch;
	}
	iv->nchanges = n;
}

void dur_scenario_restart(struct dur_scenario *sc, int32_t date)
{
	int32_t shift = date - sc->start;

	if (shift <= 0)
		return;
	shift_changes(sc, &sc->schedule, shift, 1);
	for (int k = 0; k < sc->ninterventions; k++)
		shift_changes(sc, &sc->intervention[k], shift, 0);
	sc->start = date;
}
