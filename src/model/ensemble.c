/*
 * ensemble.c: running the runs of an ensemble over OpenMP threads and
 * folding each into the summaries of ensemble.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "durand/ensemble.h"

static int summary_init(struct dur_summary *s, int nout, int days, int diff)
{
	memset(s, 0, sizeof(*s));
	s->nout = nout;
	s->days = days;
	s->out = calloc((size_t)nout, sizeof(*s->out));
	s->diff = diff ? calloc((size_t)nout, sizeof(*s->diff)) : NULL;
	s->daily_pak = calloc((size_t)days, sizeof(*s->daily_pak));
	s->daily_afg = calloc((size_t)days, sizeof(*s->daily_afg));
	s->daily_rung = calloc((size_t)days * DUR_MAX_RUNGS,
			       sizeof(*s->daily_rung));
	if (!s->out || (diff && !s->diff) || !s->daily_pak || !s->daily_afg ||
	    !s->daily_rung)
		return DUR_ENOMEM;
	return 0;
}

static void summary_release(struct dur_summary *s)
{
	for (int i = 0; s->out && i < s->nout; i++)
		dur_sketch_release(&s->out[i]);
	for (int i = 0; s->diff && i < s->nout; i++)
		dur_sketch_release(&s->diff[i]);
	for (int d = 0; s->daily_pak && d < s->days; d++)
		dur_sketch_release(&s->daily_pak[d]);
	for (int d = 0; s->daily_afg && d < s->days; d++)
		dur_sketch_release(&s->daily_afg[d]);
	dur_sketch_release(&s->first_strike);
	dur_sketch_release(&s->ceasefire_days);
	free(s->out);
	free(s->diff);
	free(s->daily_pak);
	free(s->daily_afg);
	free(s->daily_rung);
	memset(s, 0, sizeof(*s));
}

static int summary_merge(struct dur_summary *d, const struct dur_summary *s)
{
	int rc = 0;

	for (int i = 0; i < d->nout; i++) {
		rc |= dur_sketch_merge(&d->out[i], &s->out[i]);
		if (d->diff)
			rc |= dur_sketch_merge(&d->diff[i], &s->diff[i]);
	}
	for (int r = 0; r < DUR_MAX_RUNGS; r++) {
		d->reach[r] += s->reach[r];
		d->start_at[r] += s->start_at[r];
		for (int k = 0; k < 4; k++)
			d->reach_pair[r][k] += s->reach_pair[r][k];
	}
	for (int k = 0; k < 4; k++)
		d->strike_pair[k] += s->strike_pair[k];
	for (int p = 0; p < DUR_MAX_PROBS; p++) {
		d->prob[p] += s->prob[p];
		for (int k = 0; k < 4; k++)
			d->prob_pair[p][k] += s->prob_pair[p][k];
	}
	rc |= dur_sketch_merge(&d->first_strike, &s->first_strike);
	rc |= dur_sketch_merge(&d->ceasefire_days, &s->ceasefire_days);
	for (int t = 0; t < d->days; t++) {
		rc |= dur_sketch_merge(&d->daily_pak[t], &s->daily_pak[t]);
		rc |= dur_sketch_merge(&d->daily_afg[t], &s->daily_afg[t]);
	}
	for (long k = 0; k < (long)d->days * DUR_MAX_RUNGS; k++)
		d->daily_rung[k] += s->daily_rung[k];
	return rc ? DUR_ENOMEM : 0;
}

int dur_threshold_parse(const struct dur_scenario *sc, const char *text,
			struct dur_threshold *t, struct dur_error *err)
{
	const char *op = strpbrk(text, "<>");
	char name[128], *end;
	size_t n;

	memset(t, 0, sizeof(*t));
	if (!op)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%s': expected OUTCOME>X, >=, < or <=",
				     text);
	n = (size_t)(op - text);
	if (n >= sizeof(name) || strlen(text) >= sizeof(t->text))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%.40s...': too long", text);
	memcpy(name, text, n);
	name[n] = 0;
	t->outcome = dur_outcome_find(sc, name);
	if (t->outcome < 0)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%s': no outcome '%s' (docs/output.md "
				     "lists them)",
				     text, name);
	if (op[0] == '>')
		t->cmp = op[1] == '=' ? DUR_CMP_GE : DUR_CMP_GT;
	else
		t->cmp = op[1] == '=' ? DUR_CMP_LE : DUR_CMP_LT;
	op += op[1] == '=' ? 2 : 1;
	t->x = strtod(op, &end);
	if (end == op || *end || !isfinite(t->x))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%s': expected a number after the "
				     "operator, not '%s'",
				     text, op);
	snprintf(t->text, sizeof(t->text), "%s", text);
	return 0;
}

int dur_threshold_holds(const struct dur_threshold *t, int64_t v)
{
	double d = (double)v;

	switch (t->cmp) {
	case DUR_CMP_GT: return d > t->x;
	case DUR_CMP_GE: return d >= t->x;
	case DUR_CMP_LT: return d < t->x;
	default: return d <= t->x;
	}
}

void dur_result_free(struct dur_result *r)
{
	if (!r)
		return;
	for (int v = 0; v < r->nvariants; v++)
		summary_release(&r->v[v]);
	free(r);
}

struct dur_result *dur_result_create(const struct dur_scenario *sc,
				     int days, uint64_t seed, int nwhat_if,
				     const int *what_if)
{
	struct dur_result *r = calloc(1, sizeof(*r));
	int nout = dur_outcome_count(sc);

	if (!r)
		return NULL;
	r->sc = sc;
	r->days = days;
	r->seed = seed;
	r->nvariants = 1 + nwhat_if;
	r->variant[0] = -1;
	for (int i = 0; i < nwhat_if; i++)
		r->variant[1 + i] = what_if[i];
	for (int v = 0; v < r->nvariants; v++)
		if (summary_init(&r->v[v], nout, days, v > 0)) {
			r->nvariants = v + 1;
			dur_result_free(r);
			return NULL;
		}
	return r;
}

int dur_result_merge(struct dur_result *dst, const struct dur_result *src)
{
	for (int v = 0; v < dst->nvariants; v++)
		if (summary_merge(&dst->v[v], &src->v[v]))
			return DUR_ENOMEM;
	if (!dst->runs || src->first_run < dst->first_run)
		dst->first_run = src->first_run;
	dst->runs += src->runs;
	return 0;
}

/* Simulate run `run` in every variant and add it to res. */
static int one_run(const struct dur_scenario *sc,
		   const struct dur_ensemble_opts *o, struct dur_result *res,
		   long run, int64_t *base, int64_t *cur, int log)
{
	struct dur_sim sim;
	int nout = dur_outcome_count(sc);
	int rc = 0, base_rung = 0, base_strike = 0;
	int base_prob[DUR_MAX_PROBS] = { 0 };

	for (int v = 0; v < res->nvariants; v++) {
		struct dur_summary *s = &res->v[v];
		const struct dur_intervention *iv =
			v ? &sc->intervention[res->variant[v]] : NULL;
		int64_t *out = v ? cur : base;

		dur_sim_init(&sim, sc, iv, o->seed, run, out);
		if (o->cloud)
			dur_cloud_apply(o->cloud, run, &sim);
		if (sim.s.rung >= 0 && sim.s.rung < DUR_MAX_RUNGS)
			s->start_at[sim.s.rung]++;
		if (log && v == 0) {
			sim.on_event = o->on_event;
			sim.event_ctx = o->event_ctx;
		}
		for (int t = 0; t < o->days; t++) {
			dur_sim_step(&sim);
			rc |= dur_sketch_add(&s->daily_pak[t], sim.fat_pak_cum);
			rc |= dur_sketch_add(&s->daily_afg[t], sim.fat_afg_cum);
			s->daily_rung[(long)t * DUR_MAX_RUNGS + sim.s.rung]++;
		}
		if (sim.s.ceasefire > 0 && sim.ncf < 64)
			sim.cf_days[sim.ncf++] = sim.day - sim.s.ceasefire_since;
		for (int i = 0; i < sim.ncf; i++)
			rc |= dur_sketch_add(&s->ceasefire_days, sim.cf_days[i]);
		for (int i = 0; i < nout; i++) {
			rc |= dur_sketch_add(&s->out[i], out[i]);
			if (v)
				rc |= dur_sketch_add(&s->diff[i],
						     out[i] - base[i]);
		}
		for (int r = 0; r <= sim.s.max_rung && r < DUR_MAX_RUNGS; r++)
			s->reach[r]++;
		if (sim.s.first_strike >= 0)
			rc |= dur_sketch_add(&s->first_strike,
					     sim.s.first_strike);
		for (int k = 0; k < o->nprobs; k++) {
			int yes = dur_threshold_holds(&o->prob[k],
						      out[o->prob[k].outcome]);

			s->prob[k] += yes;
			if (!v)
				base_prob[k] = yes;
			else
				s->prob_pair[k][2 * base_prob[k] + yes]++;
		}
		if (!v) {
			base_rung = sim.s.max_rung;
			base_strike = sim.s.first_strike >= 0;
		} else {
			for (int r = 0; r < DUR_MAX_RUNGS; r++)
				s->reach_pair[r][2 * (base_rung >= r) +
						 (sim.s.max_rung >= r)]++;
			s->strike_pair[2 * base_strike +
				       (sim.s.first_strike >= 0)]++;
		}
		if (o->samples)
			memcpy(o->samples +
				       ((run - o->first_run) * res->nvariants +
					v) * (long)nout,
			       out, (size_t)nout * sizeof(*out));
	}
	return rc;
}

int dur_ensemble_run(const struct dur_scenario *sc,
		     const struct dur_ensemble_opts *o,
		     struct dur_result **out, struct dur_error *err)
{
	struct dur_result *res;
	int nout = dur_outcome_count(sc);
	int threads = o->threads > 0 ? o->threads : omp_get_num_procs();
	long logged = o->on_event ? o->event_runs : 0;
	long done = 0;
	int rc = 0;

	*out = NULL;
	if (o->runs < 1 || o->days < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "runs and days must be at least 1");
	if (o->nwhat_if > DUR_MAX_WHAT_IFS)
		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "more than %d what-ifs", DUR_MAX_WHAT_IFS);
	for (int i = 0; i < o->nwhat_if; i++)
		if (o->what_if[i] < 0 || o->what_if[i] >= sc->ninterventions)
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "no intervention %d", o->what_if[i]);
	res = dur_result_create(sc, o->days, o->seed, o->nwhat_if, o->what_if);
	if (!res)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory for the summaries");
	res->runs = o->runs;
	res->first_run = o->first_run;
	if (o->nprobs < 0 || o->nprobs > DUR_MAX_PROBS) {
		dur_result_free(res);
		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "more than %d thresholds", DUR_MAX_PROBS);
	}
	res->nprobs = o->nprobs;
	memcpy(res->prob, o->prob, sizeof(res->prob));
	if (logged > o->runs)
		logged = o->runs;

	/* The logged runs first, in order, on this thread: the log is then the
	 * same whatever the thread count. */
	{
		int64_t *base = calloc((size_t)nout * 2, sizeof(*base));

		if (!base)
			rc = DUR_ENOMEM;
		for (long i = 0; !rc && i < logged; i++)
			rc = one_run(sc, o, res, o->first_run + i, base,
				     base + nout, 1);
		free(base);
		done = logged;
	}

#pragma omp parallel num_threads(threads) if (!rc && o->runs - logged > 1)
	{
		struct dur_result *mine = dur_result_create(sc, o->days, o->seed,
							    o->nwhat_if,
							    o->what_if);
		int64_t *base = calloc((size_t)nout * 2, sizeof(*base));
		int myrc = (!mine || !base) ? DUR_ENOMEM : 0;

#pragma omp for schedule(dynamic, 16)
		for (long i = logged; i < o->runs; i++) {
			long d;

			if (myrc || (o->cancel && *o->cancel))
				continue;
			myrc = one_run(sc, o, mine, o->first_run + i, base,
				       base + nout, 0);
#pragma omp atomic capture
			d = ++done;
			if (o->progress && omp_get_thread_num() == 0)
				o->progress(o->progress_ctx, d, o->runs);
		}
#pragma omp critical
		{
			if (myrc)
				rc = myrc;
			else if (mine && dur_result_merge(res, mine))
				rc = DUR_ENOMEM;
		}
		dur_result_free(mine);
		free(base);
	}
	res->runs = o->runs;
	res->first_run = o->first_run;
	if (!rc && o->cancel && *o->cancel)
		rc = DUR_ECANCEL;
	if (rc) {
		dur_result_free(res);
		if (rc == DUR_ECANCEL)
			return dur_error_set(err, rc, "", 0, 0,
					     "interrupted after %ld of %ld runs",
					     done, o->runs);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory for the daily summaries "
				     "of %d days in %d variant(s) on %d "
				     "threads; use fewer --days, --what-if or "
				     "--threads",
				     o->days, 1 + o->nwhat_if, threads);
	}
	if (o->progress)
		o->progress(o->progress_ctx, o->runs, o->runs);
	*out = res;
	return 0;
}
