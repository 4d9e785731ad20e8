/*
 * hindcast.c: runs of a scenario over a past period, with each run's outcome
 * summed over each target's date range and, optionally, per month or year.
 * The consistency rules are in hindcast.h and docs/hindcast.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/date.h"
#include "durand/driver.h"
#include "durand/hindcast.h"
#include "durand/json.h"
#include "durand/sim.h"

static const int stream_outcome[DUR_HINDCAST_STREAMS] = {
	DUR_OUT_ATTACKS, DUR_OUT_FAT_PAK, DUR_OUT_FAT_AFG,
	DUR_OUT_STRIKES, DUR_OUT_STRIKES_CITY, DUR_OUT_CLASHES,
	DUR_OUT_CLOSURE_DAYS, DUR_OUT_DEPORTATIONS, DUR_OUT_MED_ROUNDS
};

const char *dur_hindcast_stream_name(int k)
{
	static const char *const names[DUR_HINDCAST_STREAMS] = {
		"attacks", "fatalities_pakistan", "fatalities_afghanistan",
		"strikes", "strikes_city", "border_clashes", "closure_days",
		"deportations", "mediation_rounds"
	};
	return k >= 0 && k < DUR_HINDCAST_STREAMS ? names[k] : "?";
}

const char *dur_target_kind_name(int kind)
{
	static const char *const names[DUR_TGT_KIND_COUNT] = {
		"exact", "over", "more_than", "at_least", "around", "event"
	};
	return kind >= 0 && kind < DUR_TGT_KIND_COUNT ? names[kind] : "?";
}

void dur_hindcast_free(struct dur_hindcast *h)
{
	if (!h)
		return;
	for (int i = 0; i < DUR_MAX_TARGETS; i++)
		dur_sketch_release(&h->target[i]);
	for (int i = 0; h->series && i < DUR_HINDCAST_STREAMS * h->nperiods;
	     i++)
		dur_sketch_release(&h->series[i]);
	free(h->series);
	free(h->period_start);
	free(h);
}

/* Period boundaries from the start to `days`, by calendar month or year. */
static int periods(struct dur_hindcast *h)
{
	int32_t start = h->sc->start, end = start + h->days;
	int y, m, d, n = 0;
	size_t cap = 0;

	if (dur_grow(&h->period_start, &cap, 1, sizeof(*h->period_start)))
		return DUR_ENOMEM;
	dur_date_to_ymd(start, &y, &m, &d);
	h->period_start[n++] = 0;
	for (;;) {
		int32_t next;

		if (h->period == DUR_PERIOD_YEAR)
			next = dur_date_from_ymd(++y, 1, 1);
		else {
			if (++m > 12) {
				m = 1;
				y++;
			}
			next = dur_date_from_ymd(y, m, 1);
		}
		if (dur_grow(&h->period_start, &cap, (size_t)n + 1,
			     sizeof(*h->period_start)))
			return DUR_ENOMEM;
		if (next >= end) {
			h->period_start[n] = h->days;
			break;
		}
		h->period_start[n++] = next - start;
	}
	h->nperiods = n;
	h->series = calloc((size_t)n * DUR_HINDCAST_STREAMS,
			   sizeof(*h->series));
	return h->series ? 0 : DUR_ENOMEM;
}

static struct dur_hindcast *shell(const struct dur_scenario *sc,
				  const struct dur_hindcast_opts *o, int days)
{
	struct dur_hindcast *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->sc = sc;
	h->runs = o->runs;
	h->seed = o->seed;
	h->until = o->until;
	h->days = days;
	h->period = o->period;
	for (int i = 0; i < sc->ntargets; i++) {
		h->outcome[i] = dur_outcome_find(sc, sc->target[i].outcome);
		h->from[i] = sc->target[i].from - sc->start;
		h->to[i] = sc->target[i].until - sc->start;
	}
	if (o->period != DUR_PERIOD_NONE && periods(h)) {
		dur_hindcast_free(h);
		return NULL;
	}
	return h;
}

static int merge(struct dur_hindcast *d, const struct dur_hindcast *s)
{
	int rc = 0;

	for (int i = 0; i < d->sc->ntargets; i++)
		rc |= dur_sketch_merge(&d->target[i], &s->target[i]);
	for (int i = 0; i < DUR_HINDCAST_STREAMS * d->nperiods; i++)
		rc |= dur_sketch_merge(&d->series[i], &s->series[i]);
	return rc;
}

static int one_run(struct dur_hindcast *h, long run, int64_t *out,
		   int64_t *mark)
{
	const struct dur_scenario *sc = h->sc;
	int nout = dur_outcome_count(sc);
	int64_t *at_from = mark; /* [ntargets] outcome at each target's from */
	int64_t *period0 = mark + DUR_MAX_TARGETS; /* [streams] */
	struct dur_sim sim;
	int p = 0, rc = 0;

	dur_sim_init(&sim, sc, NULL, h->seed, run, out);
	for (int i = 0; i < sc->ntargets; i++)
		at_from[i] = 0;
	for (int k = 0; k < DUR_HINDCAST_STREAMS; k++)
		period0[k] = 0;
	for (int t = 0; t < h->days; t++) {
		for (int i = 0; i < sc->ntargets; i++)
			if (h->from[i] == t)
				at_from[i] = out[h->outcome[i]];
		dur_sim_step(&sim);
		for (int i = 0; i < sc->ntargets; i++)
			if (h->to[i] == t)
				rc |= dur_sketch_add(&h->target[i],
						     out[h->outcome[i]] -
							     at_from[i]);
		if (h->nperiods && t + 1 == h->period_start[p + 1]) {
			for (int k = 0; k < DUR_HINDCAST_STREAMS; k++) {
				int64_t now = out[stream_outcome[k]];

				rc |= dur_sketch_add(
					&h->series[k * h->nperiods + p],
					now - period0[k]);
				period0[k] = now;
			}
			p++;
		}
	}
	(void)nout;
	return rc;
}

/* One thread's share: a partial hindcast and its scratch outcomes. */
struct hc_local {
	struct dur_hindcast *h;
	int64_t *buf; /* [nout] outcomes, then DUR_MAX_TARGETS + streams */
};

struct hc {
	const struct dur_scenario *sc;
	const struct dur_hindcast_opts *o;
	struct dur_hindcast *h; /* the whole, merged into */
};

static int hc_init(void *ctx, void *local)
{
	const struct hc *c = ctx;
	struct hc_local *l = local;

	l->h = shell(c->sc, c->o, c->h->days);
	l->buf = calloc((size_t)dur_outcome_count(c->sc) + DUR_MAX_TARGETS +
				DUR_HINDCAST_STREAMS,
			sizeof(*l->buf));
	return l->h && l->buf ? 0 : DUR_ENOMEM;
}

static int hc_run(void *ctx, void *local, long r)
{
	const struct hc *c = ctx;
	struct hc_local *l = local;

	return one_run(l->h, r, l->buf, l->buf + dur_outcome_count(c->sc))
		       ? DUR_ENOMEM
		       : 0;
}

static int hc_merge(void *ctx, void *local)
{
	const struct hc *c = ctx;
	const struct hc_local *l = local;

	return merge(c->h, l->h) ? DUR_ENOMEM : 0;
}

static void hc_release(void *ctx, void *local)
{
	struct hc_local *l = local;

	(void)ctx;
	dur_hindcast_free(l->h);
	free(l->buf);
}

int32_t dur_hindcast_last_target(const struct dur_scenario *sc)
{
	int32_t until = sc->start + sc->days - 1;

	for (int i = 0; i < sc->ntargets; i++)
		if (i == 0 || sc->target[i].until > until)
			until = sc->target[i].until;
	return until;
}

int dur_hindcast_run(const struct dur_scenario *sc,
		     const struct dur_hindcast_opts *opts,
		     struct dur_hindcast **out, struct dur_error *err)
{
	struct dur_hindcast_opts resolved = *opts;
	const struct dur_hindcast_opts *o = &resolved;
	struct hc c = { sc, o, NULL };
	struct dur_task t = { 0, o->runs, o->threads, &c, sizeof(struct hc_local),
			      hc_init, hc_run, hc_merge, hc_release, o->cancel,
			      o->progress, o->progress_ctx };
	long done = 0;
	int days, rc;

	/* the default until: the latest target, as calibrate's objective */
	if (resolved.until == DUR_HINDCAST_UNTIL_LAST_TARGET)
		resolved.until = dur_hindcast_last_target(sc);
	*out = NULL;
	if ((int64_t)o->until - sc->start + 1 > DUR_HINDCAST_DAYS_MAX) {
		char d1[16], d2[16];

		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "a hindcast from %s to %s spans %ld days; "
				     "it may span %d at most "
				     "(DUR_HINDCAST_DAYS_MAX in hindcast.h)",
				     dur_date_format(sc->start, d1),
				     dur_date_format(o->until, d2),
				     (long)o->until - sc->start + 1,
				     DUR_HINDCAST_DAYS_MAX);
	}
	days = o->until - sc->start + 1;
	if (days < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "--until is before the scenario's start");
	if (o->runs < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "runs must be at least 1");
	for (int i = 0; i < sc->ntargets; i++)
		if (sc->target[i].from < sc->start ||
		    sc->target[i].until > o->until)
			return dur_error_set(
				err, DUR_EINVAL, "", 0, 0,
				"target '%s' covers days outside the hindcast "
				"(from the start to --until)",
				sc->target[i].name);
	c.h = shell(sc, o, days);
	if (!c.h)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	rc = dur_drive(&t, &done, err);
	if (rc) {
		dur_hindcast_free(c.h);
		return dur_error_set(err, rc, "", 0, 0,
				     rc == DUR_ECANCEL
					     ? "interrupted after %ld of %ld runs"
					     : "out of memory (%ld of %ld runs)",
				     done, o->runs);
	}
	*out = c.h;
	return 0;
}

int dur_hindcast_consistent(const struct dur_hindcast *h, int i, double *p)
{
	const struct dur_target *t = &h->sc->target[i];
	const struct dur_sketch *s = &h->target[i];
	double x = t->value;
	double q05 = dur_sketch_quantile(s, 0.05);
	double q50 = dur_sketch_quantile(s, 0.5);
	double q95 = dur_sketch_quantile(s, 0.95);
	int64_t below = dur_sketch_count_le(s, (int64_t)ceil(x) - 1);

	*p = s->n ? 1.0 - (double)below / (double)s->n : NAN;
	switch (t->kind) {
	case DUR_TGT_OVER:
	case DUR_TGT_MORE:
	case DUR_TGT_ATLEAST:
		return q50 >= x && q50 <= 1.25 * x;
	case DUR_TGT_AROUND:
		return fabs(q50 - x) <= 0.15 * x;
	case DUR_TGT_EXACT:
		return q05 <= x && x <= q95 && fabs(q50 - x) <= 0.25 * x;
	case DUR_TGT_EVENT:
		return *p >= 0.5;
	}
	return 0;
}


json_t *dur_hindcast_json(const struct dur_hindcast *h)
{
	json_t *o = json_object(), *tg = json_array();
	char date[11];

	json_object_set_new(o, "kind", json_string("hindcast"));
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	json_object_set_new(o, "scenario", json_string(h->sc->name));
	json_object_set_new(o, "start",
			    json_string(dur_date_format(h->sc->start, date)));
	json_object_set_new(o, "until",
			    json_string(dur_date_format(h->until, date)));
	json_object_set_new(o, "runs", json_integer(h->runs));
	json_object_set_new(o, "seed", json_integer((json_int_t)h->seed));
	for (int i = 0; i < h->sc->ntargets; i++) {
		const struct dur_target *t = &h->sc->target[i];
		json_t *e = json_object();
		double p;
		int ok = dur_hindcast_consistent(h, i, &p);

		json_object_set_new(e, "name", json_string(t->name));
		json_object_set_new(e, "outcome", json_string(t->outcome));
		json_object_set_new(e, "stated", dur_json_number(t->value));
		json_object_set_new(e, "kind",
				    json_string(dur_target_kind_name(t->kind)));
		json_object_set_new(e, "from",
				    json_string(dur_date_format(t->from, date)));
		json_object_set_new(e, "until",
				    json_string(dur_date_format(t->until, date)));
		json_object_set_new(e, "q05", dur_json_number(dur_sketch_quantile(
						      &h->target[i], 0.05)));
		json_object_set_new(e, "q50", dur_json_number(dur_sketch_quantile(
						      &h->target[i], 0.5)));
		json_object_set_new(e, "q95", dur_json_number(dur_sketch_quantile(
						      &h->target[i], 0.95)));
		json_object_set_new(e, "p", dur_json_number(p));
		json_object_set_new(e, "consistent", json_boolean(ok));
		json_object_set_new(e, "source", json_string(t->source));
		json_array_append_new(tg, e);
	}
	json_object_set_new(o, "targets", tg);
	if (h->nperiods) {
		json_t *se = json_array();

		json_object_set_new(o, "by",
				    json_string(h->period == DUR_PERIOD_YEAR
							? "year"
							: "month"));
		for (int k = 0; k < DUR_HINDCAST_STREAMS; k++)
			for (int p = 0; p < h->nperiods; p++) {
				const struct dur_sketch *s =
					&h->series[k * h->nperiods + p];
				json_t *e = json_object();
				char label[11];
				int y, m, d;

				dur_date_to_ymd(h->sc->start +
							h->period_start[p],
						&y, &m, &d);
				if (h->period == DUR_PERIOD_YEAR)
					snprintf(label, sizeof(label), "%04d",
						 y % 10000);
				else
					snprintf(label, sizeof(label),
						 "%04d-%02d", y % 10000,
						 m % 100);
				json_object_set_new(
					e, "stream",
					json_string(dur_hindcast_stream_name(k)));
				json_object_set_new(e, "period",
						    json_string(label));
				json_object_set_new(e, "days",
						    json_integer(
							    h->period_start[p + 1] -
							    h->period_start[p]));
				json_object_set_new(
					e, "q05",
					dur_json_number(dur_sketch_quantile(s, 0.05)));
				json_object_set_new(
					e, "q50",
					dur_json_number(dur_sketch_quantile(s, 0.5)));
				json_object_set_new(
					e, "q95",
					dur_json_number(dur_sketch_quantile(s, 0.95)));
				json_array_append_new(se, e);
			}
		json_object_set_new(o, "series", se);
	}
	return o;
}
