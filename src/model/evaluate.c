/*
 * evaluate.c: many runs reduced to a few means (see evaluate.h), as cheaply
 * as the engine allows: no event log, no daily series, no histograms.
 */
#include <stdlib.h>
#include <string.h>

#include "durand/driver.h"
#include "durand/evaluate.h"
#include "durand/sim.h"

int dur_stat_parse(const struct dur_scenario *sc, const char *spec,
		   struct dur_stat *st, struct dur_error *err)
{
	const char *name = spec;

	st->prob = 0;
	if (!strncmp(spec, "p:", 2)) {
		st->prob = 1;
		name = spec + 2;
	}
	st->outcome = dur_outcome_find(sc, name);
	if (st->outcome < 0)
		return dur_error_set(err, DUR_ENOTFOUND, "", 0, 0,
				     "no outcome '%s' (see docs/output.md; "
				     "'p:NAME' is the chance NAME >= 1)",
				     name);
	return 0;
}

struct ev {
	const struct dur_scenario *sc;
	int days;
	uint64_t seed;
	const struct dur_stat *stats;
	int nstat;
	int64_t *sum; /* [nstat] over all runs */
};

/* A thread's scratch outcomes and its sums, in one allocation. */
struct ev_local {
	int64_t *out;  /* [nout] */
	int64_t *mine; /* [nstat] */
};

static int ev_init(void *ctx, void *local)
{
	const struct ev *e = ctx;
	struct ev_local *l = local;
	size_t nout = (size_t)dur_outcome_count(e->sc);

	l->out = calloc(nout + (size_t)e->nstat, sizeof(*l->out));
	if (!l->out)
		return DUR_ENOMEM;
	l->mine = l->out + nout;
	return 0;
}

static int ev_run(void *ctx, void *local, long r)
{
	const struct ev *e = ctx;
	struct ev_local *l = local;
	struct dur_sim sim;

	dur_sim_init(&sim, e->sc, NULL, e->seed, r, l->out);
	for (int t = 0; t < e->days; t++)
		dur_sim_step(&sim);
	for (int i = 0; i < e->nstat; i++)
		l->mine[i] += e->stats[i].prob
				      ? l->out[e->stats[i].outcome] >= 1
				      : l->out[e->stats[i].outcome];
	return 0;
}

static int ev_merge(void *ctx, void *local)
{
	const struct ev *e = ctx;
	const struct ev_local *l = local;

	for (int i = 0; i < e->nstat; i++)
		e->sum[i] += l->mine[i];
	return 0;
}

static void ev_release(void *ctx, void *local)
{
	(void)ctx;
	free(((struct ev_local *)local)->out);
}

int dur_evaluate(const struct dur_scenario *sc, long runs, int days,
		 uint64_t seed, int threads, const struct dur_stat *stats,
		 int nstat, double *means, const dur_cancel *cancel,
		 struct dur_error *err)
{
	struct ev e = { sc, days, seed, stats, nstat, NULL };
	struct dur_task t = { 0, runs, threads, &e, sizeof(struct ev_local),
			      ev_init, ev_run, ev_merge, ev_release, cancel, NULL,
			      NULL };
	int rc;

	e.sum = calloc((size_t)nstat, sizeof(*e.sum));
	if (!e.sum)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	rc = dur_drive(&t, NULL, err);
	for (int i = 0; i < nstat; i++)
		means[i] = (double)e.sum[i] / (double)runs;
	free(e.sum);
	if (rc)
		return dur_error_set(err, rc, "", 0, 0, "%s",
				     rc == DUR_ECANCEL ? "interrupted"
						       : "out of memory");
	return 0;
}
