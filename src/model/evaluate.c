/*
 * evaluate.c: many runs reduced to a few means (see evaluate.h), as cheaply
 * as the engine allows: no event log, no daily series, no histograms.
 */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

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

int dur_evaluate(const struct dur_scenario *sc, long runs, int days,
		 uint64_t seed, int threads, const struct dur_stat *stats,
		 int nstat, double *means,
		 const volatile sig_atomic_t *cancel, struct dur_error *err)
{
	int nout = dur_outcome_count(sc);
	int64_t *sum = calloc((size_t)nstat, sizeof(*sum));
	int rc = 0;

	if (!sum)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	if (threads <= 0)
		threads = omp_get_num_procs();
#pragma omp parallel num_threads(threads)
	{
		int64_t *out = malloc(sizeof(*out) * (size_t)nout);
		int64_t *mine = calloc((size_t)nstat, sizeof(*mine));
		struct dur_sim sim;

		if (!out || !mine) {
#pragma omp atomic write
			rc = DUR_ENOMEM;
		}
#pragma omp for schedule(dynamic, 16)
		for (long r = 0; r < runs; r++) {
			if (!out || !mine || (cancel && *cancel))
				continue;
			dur_sim_init(&sim, sc, NULL, seed, r, out);
			for (int t = 0; t < days; t++)
				dur_sim_step(&sim);
			for (int i = 0; i < nstat; i++)
				mine[i] += stats[i].prob
						   ? out[stats[i].outcome] >= 1
						   : out[stats[i].outcome];
		}
#pragma omp critical
		for (int i = 0; mine && i < nstat; i++)
			sum[i] += mine[i];
		free(out);
		free(mine);
	}
	if (!rc && cancel && *cancel)
		rc = DUR_ECANCEL;
	for (int i = 0; i < nstat; i++)
		means[i] = (double)sum[i] / (double)runs;
	free(sum);
	if (rc)
		return dur_error_set(err, rc, "", 0, 0, "%s",
				     rc == DUR_ECANCEL ? "interrupted"
						       : "out of memory");
	return 0;
}
