/*
 * ensemble.c: running the runs of an ensemble over OpenMP threads and
 * folding each into the summaries of ensemble.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "durand/date.h"
#include "durand/driver.h"
#include "durand/ensemble.h"

static int summary_init(struct dur_summary *s, int nout, int32_t start,
			int days, int diff)
{
	memset(s, 0, sizeof(*s));
	s->nout = nout;
	s->days = days;
	s->nmonths = dur_date_months(start, days, NULL);
	s->month_end = calloc((size_t)s->nmonths, sizeof(*s->month_end));
	s->monthly = calloc((size_t)s->nmonths * (size_t)nout,
			    sizeof(*s->monthly));
	if (!s->month_end || !s->monthly)
		return DUR_ENOMEM;
	dur_date_months(start, days, s->month_end);
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
	for (long k = 0; s->monthly && k < (long)s->nmonths * s->nout; k++)
		dur_sketch_release(&s->monthly[k]);
	dur_sketch_release(&s->first_strike);
	dur_sketch_release(&s->ceasefire_days);
	free(s->monthly);
	free(s->month_end);
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
	for (long k = 0; k < (long)d->nmonths * d->nout; k++)
		rc |= dur_sketch_merge(&d->monthly[k], &s->monthly[k]);
	return rc ? DUR_ENOMEM : 0;
}

int dur_threshold_parse(const struct dur_scenario *sc, const char *text,
			struct dur_threshold *t, struct dur_error *err)
{
	const char *op = strpbrk(text, "<>"), *at = strchr(text, '@');
	char name[128], num[128], *end;
	size_t n;

	memset(t, 0, sizeof(*t));
	if (!op || (at && at < op))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%s': expected OUTCOME>X, >=, < or <=, "
				     "then @YYYY-MM-DD if dated",
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
	n = at ? (size_t)(at - op) : strlen(op);
	memcpy(num, op, n);
	num[n] = 0;
	t->x = strtod(num, &end);
	if (end == num || *end || !isfinite(t->x))
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "'%s': expected a number after the "
				     "operator, not '%s'",
				     text, num);
	if (at) {
		const char *why = NULL;

		if (strlen(at + 1) != 10 ||
		    dur_date_parse(at + 1, 10, &t->by, &why)) {
			if (why && !strncmp(why, "expected", 8))
				why = NULL; /* said already */
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "'%s': expected a date "
					     "YYYY-MM-DD after '@', not '%s'%s%s",
					     text, at + 1, why ? ": " : "",
					     why ? why : "");
		}
		t->dated = 1;
	}
	snprintf(t->text, sizeof(t->text), "%s", text);
	return 0;
}

int dur_threshold_check(const struct dur_threshold *t, int32_t start,
			int days, struct dur_error *err)
{
	char a[16], b[16], d[16];

	if (!t->dated || (t->by >= start && (int64_t)t->by - start < days))
		return 0;
	return dur_error_set(err, DUR_EINVAL, "", 0, 0,
			     "'%s': %s is outside the horizon, %s to %s "
			     "(%d days): %s",
			     t->text, dur_date_format(t->by, d),
			     dur_date_format(start, a),
			     dur_date_format((int32_t)(start + days - 1), b),
			     days,
			     t->by < start ? "the runs start after it"
					   : "give a date within it, or "
					     "more --days");
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
		if (summary_init(&r->v[v], nout, sc->start, days, v > 0)) {
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

/*
 * One thread's share of an ensemble: a partial result, and the daily values
 * of its last few runs. A run's daily values are held in `day_*` and added to
 * the per-day sketches `batch` runs at a time, day by day: each day's sketch
 * is then touched, and its bucket window widened, once per batch rather
 * than once per run, which keeps a long horizon (thousands of day sketches,
 * more than the caches hold) nearly as cheap per run-day as a short one. The
 * sums are the same integers in any order, so the result is too. The first
 * thread's share is moved into the (empty) whole rather than copied.
 */
struct ens {
	const struct dur_scenario *sc;
	const struct dur_ensemble_opts *o;
	struct dur_result *res; /* the whole result, merged into */
	int log;                /* these items go to o->on_event */
	int batch;              /* runs a thread holds before adding them */
	int merged;             /* res holds something already */
	int prob_day[DUR_MAX_PROBS]; /* the day offset a threshold is
					counted at: its date's, or the last */
};

struct ens_local {
	struct dur_result *r;
	int64_t *base, *cur;    /* [nout] outcomes of the baseline, a variant */
	int held;               /* runs in the day buffers */
	int64_t *day_pak, *day_afg; /* [nvariants][days][batch] */
	int64_t *prev;          /* [nout] counters at the last month's end */
	int64_t *mon;           /* [nvariants][nmonths * nout][batch] counts
				   within each month */
	unsigned char *day_rung;    /* likewise */
	void *block;            /* the one allocation of the arrays above */
};

static int batch_for(int days)
{
	int b = (1 << 18) / days;

	return b < 1 ? 1 : b > 64 ? 64 : b;
}

static void ens_release(void *ctx, void *local)
{
	struct ens_local *l = local;

	(void)ctx;
	dur_result_free(l->r);
	free(l->block);
}

static int ens_init(void *ctx, void *local)
{
	const struct ens *e = ctx;
	const struct dur_ensemble_opts *o = e->o;
	struct ens_local *l = local;
	size_t nout = (size_t)dur_outcome_count(e->sc);
	size_t held = (size_t)e->res->nvariants * (size_t)e->batch *
		      (size_t)o->days;
	size_t mon = (size_t)e->res->nvariants * (size_t)e->batch *
		     (size_t)e->res->v[0].nmonths * nout;
	int64_t *w;

	l->r = dur_result_create(e->sc, o->days, o->seed, o->nwhat_if,
				 o->what_if);
	/* base, cur and prev, day_pak and day_afg, mon, then day_rung's
	 * bytes */
	l->block = w = calloc(3 * nout + 2 * held + mon + (held + 7) / 8,
			      sizeof(*w));
	if (!l->r || !w)
		return DUR_ENOMEM;
	l->base = w;
	l->cur = w + nout;
	l->prev = w + 2 * nout;
	l->day_pak = w + 3 * nout;
	l->day_afg = l->day_pak + held;
	l->mon = l->day_afg + held;
	l->day_rung = (unsigned char *)(l->mon + mon);
	return 0;
}

/* Add the held runs' daily values to the per-day summaries. */
static int ens_flush(const struct ens *e, struct ens_local *l)
{
	int days = e->o->days;
	int rc = 0;

	for (int v = 0; v < l->r->nvariants; v++) {
		struct dur_summary *s = &l->r->v[v];

		for (int t = 0; t < days; t++) {
			size_t k = ((size_t)v * (size_t)days + (size_t)t) *
				   (size_t)e->batch;

			rc |= dur_sketch_add_n(&s->daily_pak[t], l->day_pak + k,
					       (size_t)l->held);
			rc |= dur_sketch_add_n(&s->daily_afg[t], l->day_afg + k,
					       (size_t)l->held);
			for (int b = 0; b < l->held; b++)
				s->daily_rung[(long)t * DUR_MAX_RUNGS +
					      l->day_rung[k + (size_t)b]]++;
		}
		for (long k = 0; k < (long)s->nmonths * s->nout; k++) {
			size_t at = ((size_t)v * (size_t)s->nmonths *
					     (size_t)s->nout +
				     (size_t)k) *
				    (size_t)e->batch;

			if (k % s->nout != DUR_OUT_MAX_RUNG)
				rc |= dur_sketch_add_n(&s->monthly[k],
						       l->mon + at,
						       (size_t)l->held);
		}
	}
	l->held = 0;
	return rc ? DUR_ENOMEM : 0;
}

/* Simulate run i of the ensemble in every variant and add it to l. */
static int ens_run(void *ctx, void *local, long i)
{
	const struct ens *e = ctx;
	const struct dur_scenario *sc = e->sc;
	const struct dur_ensemble_opts *o = e->o;
	struct ens_local *l = local;
	struct dur_result *res = l->r;
	long run = o->first_run + i;
	struct dur_sim sim;
	int nout = dur_outcome_count(sc);
	int rc = 0, base_rung = 0, base_strike = 0;
	int base_prob[DUR_MAX_PROBS] = { 0 };
	int64_t at[DUR_MAX_PROBS] = { 0 }; /* each threshold's counter on its day */

	for (int v = 0; v < res->nvariants; v++) {
		struct dur_summary *s = &res->v[v];
		const struct dur_intervention *iv =
			v ? &sc->intervention[res->variant[v]] : NULL;
		int64_t *out = v ? l->cur : l->base;
		size_t k = (size_t)v * (size_t)o->days * (size_t)e->batch +
			   (size_t)l->held;
		/* this run's counts within month 0 of variant v, outcome 0 */
		int64_t *mon = l->mon + (size_t)v * (size_t)s->nmonths *
						(size_t)nout * (size_t)e->batch +
			       (size_t)l->held;
		int mk = 0;

		dur_sim_init(&sim, sc, iv, o->seed, run, out);
		if (o->cloud)
			dur_cloud_apply(o->cloud, run, &sim);
		if (sim.s.rung >= 0 && sim.s.rung < DUR_MAX_RUNGS)
			s->start_at[sim.s.rung]++;
		if (e->log && v == 0) {
			sim.on_event = o->on_event;
			sim.event_ctx = o->event_ctx;
		}
		memset(l->prev, 0, (size_t)nout * sizeof(*l->prev));
		for (int t = 0; t < o->days; t++, k += (size_t)e->batch) {
			dur_sim_step(&sim);
			l->day_pak[k] = sim.fat_pak_cum;
			l->day_afg[k] = sim.fat_afg_cum;
			l->day_rung[k] = (unsigned char)sim.s.rung;
			for (int q = 0; q < o->nprobs; q++)
				if (e->prob_day[q] == t)
					at[q] = out[o->prob[q].outcome];
			if (t + 1 == s->month_end[mk]) {
				for (int j = 0; j < nout; j++) {
					*mon = out[j] - l->prev[j];
					l->prev[j] = out[j];
					mon += e->batch;
				}
				mk++;
			}
		}
		if (sim.s.ceasefire > 0 && sim.ncf < 64)
			sim.cf_days[sim.ncf++] = sim.day - sim.s.ceasefire_since;
		for (int j = 0; j < sim.ncf; j++)
			rc |= dur_sketch_add(&s->ceasefire_days, sim.cf_days[j]);
		for (int j = 0; j < nout; j++) {
			rc |= dur_sketch_add(&s->out[j], out[j]);
			if (v)
				rc |= dur_sketch_add(&s->diff[j],
						     out[j] - l->base[j]);
		}
		for (int r = 0; r <= sim.s.max_rung && r < DUR_MAX_RUNGS; r++)
			s->reach[r]++;
		if (sim.s.first_strike >= 0)
			rc |= dur_sketch_add(&s->first_strike,
					     sim.s.first_strike);
		for (int q = 0; q < o->nprobs; q++) {
			int yes = dur_threshold_holds(&o->prob[q], at[q]);

			s->prob[q] += yes;
			if (!v)
				base_prob[q] = yes;
			else
				s->prob_pair[q][2 * base_prob[q] + yes]++;
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
	if (++l->held == e->batch)
		rc |= ens_flush(e, l);
	return rc ? DUR_ENOMEM : 0;
}

static int ens_merge(void *ctx, void *local)
{
	struct ens *e = ctx;
	struct ens_local *l = local;

	if (ens_flush(e, l))
		return DUR_ENOMEM;
	if (!e->merged) {
		struct dur_result *r = e->res;

		/* same shape, and nothing in r yet: take l's summaries */
		for (int v = 0; v < r->nvariants; v++) {
			struct dur_summary s = r->v[v];

			r->v[v] = l->r->v[v];
			l->r->v[v] = s;
		}
		e->merged = 1;
		return 0;
	}
	return dur_result_merge(e->res, l->r);
}

int dur_ensemble_run(const struct dur_scenario *sc,
		     const struct dur_ensemble_opts *o,
		     struct dur_result **out, struct dur_error *err)
{
	struct dur_result *res;
	long logged = o->on_event ? o->event_runs : 0;
	struct ens e = { .sc = sc, .o = o, .log = 1, .batch = 1 };
	struct dur_task t = { 0, 0, 1, &e, sizeof(struct ens_local), ens_init,
			      ens_run, ens_merge, ens_release, o->cancel, NULL,
			      NULL };
	long done = 0;
	int rc;

	*out = NULL;
	if (o->runs < 1 || o->days < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "runs and days must be at least 1");
	if ((int64_t)sc->start + o->days - 1 > DUR_DATE_MAX) {
		char a[11];

		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a run of %d days from %s would end after "
				     "9999-12-31, the last day a date may "
				     "have: run fewer days",
				     o->days, dur_date_format(sc->start, a));
	}
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
	e.res = res;
	if (o->nprobs < 0 || o->nprobs > DUR_MAX_PROBS) {
		dur_result_free(res);
		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "more than %d thresholds", DUR_MAX_PROBS);
	}
	for (int q = 0; q < o->nprobs; q++) {
		if (dur_threshold_check(&o->prob[q], sc->start, o->days, err)) {
			dur_result_free(res);
			return DUR_EINVAL;
		}
		e.prob_day[q] = o->prob[q].dated ? (int)(o->prob[q].by -
							 sc->start)
						 : o->days - 1;
	}
	res->nprobs = o->nprobs;
	memcpy(res->prob, o->prob, sizeof(res->prob));
	if (logged > o->runs)
		logged = o->runs;

	/* The logged runs first, in order, on this thread: the log is then the
	 * same whatever the thread count. */
	t.end = logged;
	rc = logged ? dur_drive(&t, &done, err) : 0;
	if (!rc) {
		e.log = 0;
		e.batch = batch_for(o->days);
		t.begin = logged;
		t.end = o->runs;
		t.threads = o->threads;
		t.progress = o->progress;
		t.progress_ctx = o->progress_ctx;
		rc = dur_drive(&t, &done, err);
		done += logged;
	}
	res->runs = o->runs;
	res->first_run = o->first_run;
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
				     o->days, 1 + o->nwhat_if,
				     dur_drive_threads(o->threads, o->runs));
	}
	*out = res;
	return 0;
}
