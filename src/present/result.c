/*
 * result.c: turning the summaries of an ensemble into the JSON document of
 * docs/output.md, and into the text and CSV views of the same numbers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "durand/dataset.h"
#include "durand/numtext.h"
#include "durand/date.h"
#include "durand/result.h"

static const double qs[5] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
static const char *const qnames[5] = { "q05", "q25", "q50", "q75", "q95" };

/* The z of a two-sided 95% interval. */
#define Z95 1.959963984540054

/* Wilson's 95% score interval of a share k of n (docs/output.md). */
static void wilson(int64_t k, long n, double *lo, double *hi)
{
	double p, z2 = Z95 * Z95, c, h;

	if (n <= 0) {
		*lo = *hi = NAN;
		return;
	}
	p = (double)k / (double)n;
	c = (p + z2 / (2.0 * (double)n)) / (1.0 + z2 / (double)n);
	h = Z95 * sqrt(p * (1.0 - p) / (double)n +
		       z2 / (4.0 * (double)n * (double)n)) /
	    (1.0 + z2 / (double)n);
	*lo = c - h < 0 ? 0 : c - h;
	*hi = c + h > 1 ? 1 : c + h;
	if (k == 0)
		*lo = 0;
	if (k == n)
		*hi = 1;
}

/*
 * The change in a probability a what-if makes, from the runs counted by
 * pair (baseline yes, what-if yes), pair[2 * base + this], over n runs: the
 * mean d of the per-run differences (-1, 0 or 1) and the 95% interval
 * d +- z se, se the standard error of that mean. 0 [0, 0] when no run
 * changed.
 */
static void paired(const int64_t pair[4], long n, double *d, double *lo,
		   double *hi)
{
	double up = (double)pair[1], down = (double)pair[2], N = (double)n;
	double var, se;

	if (n <= 0) {
		*d = *lo = *hi = NAN;
		return;
	}
	*d = (up - down) / N;
	var = n > 1 ? ((up + down) - N * *d * *d) / (N - 1.0) : 0.0;
	se = sqrt((var > 0 ? var : 0) / N);
	*lo = *d - Z95 * se;
	*hi = *d + Z95 * se;
}

/* { "p", "lo", "hi" } of a share, with its Wilson interval. */
static void set_share(json_t *o, const char *key, int64_t k, long n)
{
	double lo, hi;

	wilson(k, n, &lo, &hi);
	json_object_set_new(o, key, dur_json_number((double)k / (double)n));
	json_object_set_new(o, "lo", dur_json_number(lo));
	json_object_set_new(o, "hi", dur_json_number(hi));
}

/* { "change", "lo", "hi", "runs_up", "runs_down" } of a paired change. */
static void set_change(json_t *o, const int64_t pair[4], long n)
{
	double d, lo, hi;

	paired(pair, n, &d, &lo, &hi);
	json_object_set_new(o, "change", dur_json_number(d));
	json_object_set_new(o, "lo", dur_json_number(lo));
	json_object_set_new(o, "hi", dur_json_number(hi));
	json_object_set_new(o, "runs_up", json_integer(pair[1]));
	json_object_set_new(o, "runs_down", json_integer(pair[2]));
}

/* Runs that started at rung r or above. */
static int64_t start_ge(const struct dur_summary *s, int r)
{
	int64_t n = 0;

	for (int j = r; j < DUR_MAX_RUNGS; j++)
		n += s->start_at[j];
	return n;
}

static const char *const cmp_text[] = { ">", ">=", "<", "<=" };

/* Where the starting state came from: a filtered record or the scenario. */
static json_t *start_json(const struct dur_result *r)
{
	const struct dur_start_info *si = &r->start;
	json_t *o = json_object();
	char d[16];

	json_object_set_new(o, "from", json_string(si->filtered ?
						   "filtered record" :
						   "scenario"));
	if (si->filtered) {
		json_object_set_new(o, "record", json_string(si->record));
		json_object_set_new(o, "record_sha256",
				    json_string(si->record_sha256));
		json_object_set_new(o, "facts_used", json_integer(si->facts));
		json_object_set_new(o, "filtered_scenario",
				    json_string(si->filtered_scenario));
		json_object_set_new(o, "filtered_from",
				    json_string(dur_date_format(
					    si->filtered_from, d)));
		json_object_set_new(o, "state_from_data",
				    json_string("every state variable "
						"(capacity, sanctuary, "
						"grievance, rung, enforcement, "
						"resentment, trust, ceasefire, "
						"fence, excitation, closed "
						"crossings, mediators' "
						"cooldowns)"));
		json_object_set_new(o, "from_scenario",
				    json_string("the parameters and the "
						"what-ifs"));
	}
	return o;
}

static json_t *stats(const struct dur_sketch *s, int with_se)
{
	json_t *o = json_object();

	json_object_set_new(o, "mean", dur_json_number(dur_sketch_mean(s)));
	if (with_se)
		json_object_set_new(o, "se", dur_json_number(dur_sketch_se(s)));
	for (int i = 0; i < 5; i++)
		json_object_set_new(o, qnames[i],
				    dur_json_number(dur_sketch_quantile(s, qs[i])));
	return o;
}

static json_t *escalation(const struct dur_result *r,
			  const struct dur_summary *s)
{
	json_t *a = json_array();

	for (int k = 0; k < r->sc->model.nrungs; k++) {
		json_t *e = json_object();

		json_object_set_new(e, "rung", json_integer(k));
		json_object_set_new(e, "name",
				    json_string(r->sc->model.rung[k].name));
		set_share(e, "p_reach", s->reach[k], r->runs);
		json_object_set_new(e, "p_start",
				    dur_json_number((double)start_ge(s, k) /
						    (double)r->runs));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *first_strike(const struct dur_result *r,
			    const struct dur_summary *s)
{
	json_t *o = json_object(), *cdf = json_array();

	set_share(o, "p", s->first_strike.n, r->runs);
	json_object_set_new(o, "q05",
			    dur_json_number(dur_sketch_quantile(&s->first_strike, 0.05)));
	json_object_set_new(o, "q50",
			    dur_json_number(dur_sketch_quantile(&s->first_strike, 0.5)));
	json_object_set_new(o, "q95",
			    dur_json_number(dur_sketch_quantile(&s->first_strike, 0.95)));
	for (int d = 0; d < r->days; d++)
		json_array_append_new(
			cdf, dur_json_number((double)dur_sketch_count_le(&s->first_strike,
							      d) /
				  (double)r->runs));
	json_object_set_new(o, "cdf", cdf);
	return o;
}

static json_t *outcomes(const struct dur_result *r,
			const struct dur_sketch *sk, int with_se)
{
	json_t *o = json_object();
	char buf[128];

	for (int i = 0; i < dur_outcome_count(r->sc); i++)
		json_object_set_new(o, dur_outcome_name(r->sc, i, buf,
							sizeof(buf)),
				    stats(&sk[i], with_se));
	return o;
}

static json_t *daily(const struct dur_result *r, const struct dur_summary *s)
{
	json_t *o = json_object(), *rungs = json_array();
	const struct dur_sketch *series[2] = { s->daily_pak, s->daily_afg };
	const char *names[2] = { "fatalities_pakistan",
				 "fatalities_afghanistan" };

	for (int k = 0; k < 2; k++) {
		json_t *q = json_object();

		for (int i = 0; i < 5; i++) {
			json_t *a = json_array();

			for (int d = 0; d < r->days; d++)
				json_array_append_new(
					a, dur_json_number(dur_sketch_quantile(
						   &series[k][d], qs[i])));
			json_object_set_new(q, qnames[i], a);
		}
		json_object_set_new(o, names[k], q);
	}
	for (int k = 1; k < r->sc->model.nrungs; k++) {
		json_t *e = json_object(), *p = json_array();

		json_object_set_new(e, "rung", json_integer(k));
		json_object_set_new(e, "name",
				    json_string(r->sc->model.rung[k].name));
		for (int d = 0; d < r->days; d++) {
			int64_t at = 0;

			for (int j = k; j < DUR_MAX_RUNGS; j++)
				at += s->daily_rung[(long)d * DUR_MAX_RUNGS + j];
			json_array_append_new(p, dur_json_number((double)at /
						      (double)r->runs));
		}
		json_object_set_new(e, "p", p);
		json_array_append_new(rungs, e);
	}
	json_object_set_new(o, "rung_at_least", rungs);
	return o;
}

/* Calendar month k of s's horizon: its first and last day in the horizon,
 * the days of it the horizon holds and of the whole month, its label
 * "2025-10", and whether the horizon holds only part of it. */
struct month {
	int32_t from, until;
	int days, month_days, partial;
	char label[16];
};

static void month_of(const struct dur_result *r, const struct dur_summary *s,
		     int k, struct month *m)
{
	int y, mo, d;

	m->from = r->sc->start + (k ? s->month_end[k - 1] : 0);
	m->until = r->sc->start + s->month_end[k] - 1;
	m->days = m->until - m->from + 1;
	dur_date_to_ymd(m->from, &y, &mo, &d);
	m->month_days = dur_date_month_days(y, mo);
	m->partial = m->days < m->month_days;
	snprintf(m->label, sizeof(m->label), "%04d-%02d", y, mo);
}

/* Each calendar month's counts (docs/output.md, "monthly"). */
static json_t *monthly(const struct dur_result *r, const struct dur_summary *s)
{
	json_t *a = json_array();
	char buf[128];

	for (int k = 0; k < s->nmonths; k++) {
		json_t *e = json_object(), *o = json_object();
		struct month m;

		month_of(r, s, k, &m);
		json_object_set_new(e, "month", json_string(m.label));
		json_object_set_new(e, "from",
				    json_string(dur_date_format(m.from, buf)));
		json_object_set_new(e, "until",
				    json_string(dur_date_format(m.until, buf)));
		json_object_set_new(e, "days", json_integer(m.days));
		json_object_set_new(e, "partial", json_boolean(m.partial));
		for (int i = 0; i < s->nout; i++)
			if (i != DUR_OUT_MAX_RUNG)
				json_object_set_new(
					o,
					dur_outcome_name(r->sc, i, buf,
							 sizeof(buf)),
					stats(&s->monthly[k * s->nout + i], 0));
		json_object_set_new(e, "outcomes", o);
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *crossings(const struct dur_result *r,
			 const struct dur_summary *s)
{
	json_t *a = json_array();
	int nx = r->sc->model.ncrossings;

	for (int x = 0; x < nx; x++) {
		json_t *e = json_object();

		json_object_set_new(e, "name",
				    json_string(r->sc->model.crossing[x].name));
		json_object_set_new(e, "closure_days",
				    stats(&s->out[DUR_OUT_FIXED_COUNT + x], 1));
		json_object_set_new(
			e, "trade_lost_usd",
			stats(&s->out[DUR_OUT_FIXED_COUNT + nx + x], 1));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *probabilities(const struct dur_result *r,
			     const struct dur_summary *s, int change)
{
	json_t *a = json_array();
	char name[128];

	for (int k = 0; k < r->nprobs; k++) {
		const struct dur_threshold *t = &r->prob[k];
		json_t *e = json_object();

		json_object_set_new(e, "threshold", json_string(t->text));
		json_object_set_new(e, "outcome",
				    json_string(dur_outcome_name(
					    r->sc, t->outcome, name,
					    sizeof(name))));
		json_object_set_new(e, "op", json_string(cmp_text[t->cmp]));
		json_object_set_new(e, "value", dur_json_number(t->x));
		if (t->dated) {
			char d[16];

			json_object_set_new(e, "by", json_string(dur_date_format(
							     t->by, d)));
		}
		if (change)
			set_change(e, s->prob_pair[k], r->runs);
		else
			set_share(e, "p", s->prob[k], r->runs);
		json_array_append_new(a, e);
	}
	return a;
}

/* The what-if's change to each rung's and the first strike's chance. */
static json_t *ladder_change(const struct dur_result *r,
			     const struct dur_summary *s)
{
	json_t *o = json_object(), *a = json_array(), *fs = json_object();

	for (int k = 0; k < r->sc->model.nrungs; k++) {
		json_t *e = json_object();

		json_object_set_new(e, "rung", json_integer(k));
		json_object_set_new(e, "name",
				    json_string(r->sc->model.rung[k].name));
		set_change(e, s->reach_pair[k], r->runs);
		json_array_append_new(a, e);
	}
	set_change(fs, s->strike_pair, r->runs);
	json_object_set_new(o, "escalation", a);
	json_object_set_new(o, "first_strike", fs);
	return o;
}

static json_t *variant(const struct dur_result *r, const struct dur_summary *s)
{
	json_t *o = json_object(), *cf;

	json_object_set_new(o, "escalation", escalation(r, s));
	json_object_set_new(o, "first_strike", first_strike(r, s));
	json_object_set_new(o, "outcomes", outcomes(r, s->out, 1));
	json_object_set_new(o, "crossings", crossings(r, s));
	cf = stats(&s->ceasefire_days, 0);
	json_object_set_new(cf, "n", json_integer(s->ceasefire_days.n));
	json_object_set_new(o, "ceasefire_duration", cf);
	json_object_set_new(o, "daily", daily(r, s));
	json_object_set_new(o, "monthly", monthly(r, s));
	if (r->nprobs)
		json_object_set_new(o, "probabilities",
				    probabilities(r, s, 0));
	return o;
}

/* --- the answer first ------------------------------------------------- */

const char *dur_result_fmt_count(char *buf, size_t len, double v)
{
	char d[32];
	size_t n, o = 0;

	if (!isfinite(v)) {
		snprintf(buf, len, "-");
		return buf;
	}
	snprintf(d, sizeof(d), "%.0f", fabs(v));
	n = strlen(d);
	if (v <= -0.5 && o + 1 < len)
		buf[o++] = '-';
	for (size_t i = 0; i < n && o + 1 < len; i++) {
		if (i && (n - i) % 3 == 0 && o + 2 < len)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	buf[o] = 0;
	return buf;
}

const char *dur_result_fmt_money(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (fabs(v) >= 1e9)
		snprintf(buf, len, "US$%.1f billion", v / 1e9);
	else if (fabs(v) >= 1e7)
		snprintf(buf, len, "US$%.0f million", v / 1e6);
	else if (fabs(v) >= 1e5)
		snprintf(buf, len, "US$%.1f million", v / 1e6);
	else {
		char n[32];

		dur_result_fmt_count(n, sizeof(n), v);
		snprintf(buf, len, "US$%s", n);
	}
	return buf;
}

/* A share as a percentage with one decimal: "44.5%". */
static void fmt_pct(char *buf, size_t len, double p)
{
	if (!isfinite(p))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", 100.0 * p);
	dur_unsign_zeros(buf);
}

/* "44.5% [42.3%, 46.7%]": a share of runs and its Wilson interval. */
static void fmt_share(char *buf, size_t len, int64_t k, long n)
{
	char p[16], a[16], b[16];
	double lo, hi;

	wilson(k, n, &lo, &hi);
	fmt_pct(p, sizeof(p), (double)k / (double)n);
	fmt_pct(a, sizeof(a), lo);
	fmt_pct(b, sizeof(b), hi);
	snprintf(buf, len, "%s [%s, %s]", p, a, b);
}

/* "+1.2 points [-0.3, 2.7]": a paired change in percentage points. */
static void fmt_change(char *buf, size_t len, const int64_t pair[4], long n)
{
	char p[16], a[16], b[16];
	double d, lo, hi;

	paired(pair, n, &d, &lo, &hi);
	snprintf(p, sizeof(p), "%+.1f", 100.0 * d);
	snprintf(a, sizeof(a), "%.1f", 100.0 * lo);
	snprintf(b, sizeof(b), "%.1f", 100.0 * hi);
	dur_unsign_zeros(a);
	dur_unsign_zeros(b);
	if (!strcmp(p, "+0.0") || !strcmp(p, "-0.0"))
		snprintf(p, sizeof(p), "0.0"); /* no change is unsigned */
	snprintf(buf, len, "%s [%s, %s]", p, a, b);
}

/* The sentence a summary opens with, for variant s. */
static void headline_text(const struct dur_result *r,
			  const struct dur_summary *s, char *buf, size_t len)
{
	const struct dur_sketch *d = &s->out[DUR_OUT_FAT_PAK];
	const struct dur_sketch *t = &s->out[DUR_OUT_TRADE_LOST];
	char date[16], p[64], m[32], lo[32], hi[32], tm[48], tlo[48], thi[48];

	fmt_share(p, sizeof(p), s->first_strike.n, r->runs);
	dur_result_fmt_count(m, sizeof(m), dur_sketch_quantile(d, 0.5));
	dur_result_fmt_count(lo, sizeof(lo), dur_sketch_quantile(d, 0.05));
	dur_result_fmt_count(hi, sizeof(hi), dur_sketch_quantile(d, 0.95));
	dur_result_fmt_money(tm, sizeof(tm), dur_sketch_quantile(t, 0.5));
	dur_result_fmt_money(tlo, sizeof(tlo), dur_sketch_quantile(t, 0.05));
	dur_result_fmt_money(thi, sizeof(thi), dur_sketch_quantile(t, 0.95));
	snprintf(buf, len,
		 "As of %s, a new Pakistani strike in Afghanistan within %d "
		 "days: %s; Pakistani deaths: median %s (90%% of runs "
		 "%s\xe2\x80\x93%s); trade lost: median %s (90%% of runs %s to "
		 "%s).",
		 dur_date_format(r->sc->start, date), r->days, p, m, lo, hi, tm,
		 tlo, thi);
}

static json_t *quantiles3(const struct dur_sketch *sk)
{
	json_t *o = json_object();

	json_object_set_new(o, "q50",
			    dur_json_number(dur_sketch_quantile(sk, 0.5)));
	json_object_set_new(o, "q05",
			    dur_json_number(dur_sketch_quantile(sk, 0.05)));
	json_object_set_new(o, "q95",
			    dur_json_number(dur_sketch_quantile(sk, 0.95)));
	return o;
}

static json_t *headline(const struct dur_result *r,
			const struct dur_summary *s)
{
	json_t *o = json_object(), *st = json_object();
	char text[512], date[16];

	headline_text(r, s, text, sizeof(text));
	json_object_set_new(o, "text", json_string(text));
	json_object_set_new(o, "as_of",
			    json_string(dur_date_format(r->sc->start, date)));
	json_object_set_new(o, "days", json_integer(r->days));
	set_share(st, "p", s->first_strike.n, r->runs);
	json_object_set_new(st, "interval", json_string("Wilson 95%"));
	json_object_set_new(o, "new_strike", st);
	json_object_set_new(o, "fatalities_pakistan",
			    quantiles3(&s->out[DUR_OUT_FAT_PAK]));
	json_object_set_new(o, "trade_lost_usd",
			    quantiles3(&s->out[DUR_OUT_TRADE_LOST]));
	return o;
}

static json_t *outcome_table(const struct dur_result *r);

json_t *dur_result_json(const struct dur_result *r)
{
	json_t *o = json_object(), *base, *wi;
	char date[11];
	const char *key;
	json_t *val;

	json_object_set_new(o, "kind", json_string("run"));
	json_object_set_new(o, "headline", headline(r, &r->v[0]));
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	json_object_set_new(o, "scenario", json_string(r->sc->name));
	json_object_set_new(o, "start",
			    json_string(dur_date_format(r->sc->start, date)));
	json_object_set_new(o, "days", json_integer(r->days));
	json_object_set_new(o, "runs", json_integer(r->runs));
	json_object_set_new(o, "starting_state", start_json(r));
	json_object_set_new(o, "seed", json_integer((json_int_t)r->seed));
	json_object_set_new(o, "outcome_table", outcome_table(r));
	base = variant(r, &r->v[0]);
	json_object_foreach(base, key, val)
		json_object_set(o, key, val);
	json_decref(base);
	if (r->nvariants > 1) {
		wi = json_array();
		for (int v = 1; v < r->nvariants; v++) {
			const struct dur_intervention *iv =
				&r->sc->intervention[r->variant[v]];
			json_t *e = json_object(), *body;

			json_object_set_new(e, "name", json_string(iv->name));
			json_object_set_new(e, "description",
					    json_string(iv->description));
			json_object_set_new(e, "headline",
					    headline(r, &r->v[v]));
			body = variant(r, &r->v[v]);
			json_object_update(e, body);
			json_decref(body);
			json_object_set_new(e, "difference",
					    outcomes(r, r->v[v].diff, 1));
			json_object_set_new(e, "change",
					    ladder_change(r, &r->v[v]));
			if (r->nprobs)
				json_object_set_new(
					e, "probabilities_change",
					probabilities(r, &r->v[v], 1));
			json_array_append_new(wi, e);
		}
		json_object_set_new(o, "what_if", wi);
	}
	/* what the run read: the record its starting state was filtered
	 * through, or nothing */
	json_object_set_new(
		o, "data",
		r->start.filtered ?
			dur_data_record(r->start.record,
					r->start.record_sha256, -1,
					r->start.facts) :
			dur_data_none("the starting state is the scenario's "
				      "own; no record or event data"));
	return o;
}

/* --- text ------------------------------------------------------------- */

static void fmt_count(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (fabs(v) >= 1e9)
		snprintf(buf, len, "%.2fbn", v / 1e9);
	else if (fabs(v) >= 1e6)
		snprintf(buf, len, "%.2fm", v / 1e6);
	else if (fabs(v) >= 1e4)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else if (v == floor(v) || fabs(v) >= 100)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
	dur_unsign_zeros(buf); /* no "-0.0" */
}

static void row(FILE *fp, const char *label, const struct dur_sketch *s)
{
	char m[24], lo[24], hi[24];

	fmt_count(m, sizeof(m), dur_sketch_quantile(s, 0.5));
	fmt_count(lo, sizeof(lo), dur_sketch_quantile(s, 0.05));
	fmt_count(hi, sizeof(hi), dur_sketch_quantile(s, 0.95));
	dur_fprintf_num(fp, "  %-34s %10s   [%s, %s]\n", label, m, lo, hi);
}

/* The rung named for strikes ("strikes"), or -1. */
static int strike_rung(const struct dur_model *m)
{
	for (int k = 0; k < m->nrungs; k++)
		if (!strncmp(m->rung[k].name, "strike", 6))
			return k;
	return -1;
}

/* The chance of reaching each rung above where the runs start. */
static void text_ladder(const struct dur_result *r,
			const struct dur_summary *s, FILE *fp)
{
	const struct dur_model *m = &r->sc->model;
	int low = 0, sr = strike_rung(m);
	char buf[64], st[16];

	while (low < m->nrungs && start_ge(s, low) == r->runs)
		low++;
	dur_fprintf_num(fp, "\nPakistan's ladder: chance of reaching each rung "
		    "within %d days [95%% interval]\n",
		r->days);
	if (low == 1)
		dur_fprintf_num(fp, "  rung 0 %s: where every run starts\n",
			m->rung[0].name);
	else if (low > 1)
		dur_fprintf_num(fp, "  rungs 0-%d (%s to %s): every run starts on one "
			    "of them or above\n",
			low - 1, m->rung[0].name, m->rung[low - 1].name);
	for (int k = low; k < m->nrungs; k++) {
		int64_t at = start_ge(s, k);

		fmt_share(buf, sizeof(buf), s->reach[k], r->runs);
		dur_fprintf_num(fp, "  %2d %-24s %s", k, m->rung[k].name, buf);
		if (at) {
			fmt_pct(st, sizeof(st), (double)at / (double)r->runs);
			dur_fprintf_num(fp, "   (%s start there or above)", st);
		}
		fputc('\n', fp);
	}
	if (s != &r->v[0])
		return; /* said once, under the baseline */
	if (sr >= 0)
		dur_fprintf_num(fp, "  rung %d '%s': the ladder stood there or higher "
			    "at some time; a stance, not a count of strikes\n",
			sr, m->rung[sr].name);
	dur_fprintf_num(fp, "  'first strike in Afghanistan' (below): runs with a "
		    "strike or ground operation carried out after the start\n");
	if (sr >= 0)
		dur_fprintf_num(fp, "  the report's '\xe2\x89\xa5 %d %s' line: runs "
			    "standing on rung %d or above that day; the ladder "
			    "also comes down\n",
			sr, m->rung[sr].name, sr);
}

/*
 * The one table of the outcomes a person reads, in the text summary's order:
 * each row an outcome (enum dur_outcome), its label, unit, kind and chart
 * group (result.h, struct dur_outcome_info), or -1 and a group heading. The
 * text summary, the JSON's outcome_table, the CSV, compare, the per-month
 * table and the report read it.
 */
#define EV "events", "count"
#define PPL "people", "count"
static const struct {
	int i;
	const char *label, *unit, *kind, *group;
} groups[] = {
	{ -1, "Violence", NULL, NULL, NULL },
	{ DUR_OUT_ATTACKS, "militant attacks", EV, "violence" },
	{ DUR_OUT_ATTACKS_CROSS, "  of which from across the border", EV,
	  "violence" },
	{ DUR_OUT_FAT_PAK, "killed in Pakistan", PPL, "killed" },
	{ DUR_OUT_FAT_PAK_MIL, "  soldiers", PPL, "killed" },
	{ DUR_OUT_FAT_PAK_POL, "  police", PPL, "killed" },
	{ DUR_OUT_FAT_PAK_CIV, "  civilians", PPL, "killed" },
	{ DUR_OUT_FAT_AFG, "killed in Afghanistan", PPL, "killed" },
	{ DUR_OUT_FAT_AFG_FORCES, "  Taliban forces", PPL, "killed" },
	{ DUR_OUT_FAT_AFG_CIV, "  civilians", PPL, "killed" },
	{ DUR_OUT_FAT_MILITANTS, "militants killed", PPL, "killed" },
	{ DUR_OUT_STRIKES, "strikes in Afghanistan", EV, "violence" },
	{ DUR_OUT_STRIKES_CITY, "  of which on cities", EV, "violence" },
	{ DUR_OUT_GROUND_OPS, "cross-border ground operations", EV,
	  "violence" },
	{ DUR_OUT_CLASHES, "border clashes", EV, "violence" },
	{ -1, "Border, trade and people", NULL, NULL, NULL },
	{ DUR_OUT_CLOSURE_DAYS, "crossing-days closed", "crossing-days",
	  "duration", "days" },
	{ DUR_OUT_POLITICAL_CLOSURES, "political closures", EV, "diplomacy" },
	{ DUR_OUT_TRADE_LOST, "trade lost (US$)", "US$", "money", "trade" },
	{ DUR_OUT_DEPORTATIONS, "people deported", PPL, "moved" },
	{ DUR_OUT_RETURNS, "people returned (not deported)", PPL, "moved" },
	{ DUR_OUT_ORDERS, "departure orders", EV, "diplomacy" },
	{ DUR_OUT_DISPLACED, "people displaced by fighting", PPL, "moved" },
	{ -1, "Diplomacy", NULL, NULL, NULL },
	{ DUR_OUT_FLAG_MEETINGS, "flag meetings", EV, "diplomacy" },
	{ DUR_OUT_PROTESTS, "diplomatic protests", EV, "diplomacy" },
	{ DUR_OUT_DEMARCHES, "demarches", EV, "diplomacy" },
	{ DUR_OUT_MEMORANDUMS, "ISI memorandums", EV, "diplomacy" },
	{ DUR_OUT_JCC, "JCC meetings", EV, "diplomacy" },
	{ DUR_OUT_MINISTER_VISITS, "ministerial visits", EV, "diplomacy" },
	{ DUR_OUT_MED_ROUNDS, "mediation rounds", EV, "diplomacy" },
	{ DUR_OUT_CEASEFIRES, "ceasefires agreed", EV, "diplomacy" },
	{ DUR_OUT_CEASEFIRE_BREAKS, "ceasefires broken", EV, "diplomacy" },
	{ DUR_OUT_TALKS_FAILED, "rounds that failed", EV, "diplomacy" },
	{ DUR_OUT_CEASEFIRE_DAYS, "days under a ceasefire", "days",
	  "duration", "days" },
};

/* The per-crossing and per-mediator families of outcomes, "PREFIX.NAME"
 * ("max_rung", which the text leaves to the ladder's block, is in
 * dur_result_outcome_info()). */
static const struct {
	const char *prefix, *fmt;
	int words; /* capitalise the words of the part after the dot */
	const char *unit, *kind, *group;
} per[] = {
	{ "closure_days.", "days %s closed", 0, "days", "duration", "days" },
	{ "trade_lost_usd.", "trade lost at %s (US$)", 0, "US$", "money",
	  "trade" },
	{ "mediation_rounds.", "rounds mediated by %s", 1, EV, "diplomacy" },
};
#undef EV
#undef PPL

/* The outcome groups of the what-if charts: one axis, one unit each. */
static const struct {
	const char *id, *title, *unit;
} chart_groups[] = {
	{ "killed", "people killed", "people" },
	{ "violence", "attacks, strikes and clashes", "events" },
	{ "moved", "people deported, returned or displaced", "people" },
	{ "days", "days closed and days under a ceasefire", "days" },
	{ "trade", "trade lost", "US$" },
	{ "diplomacy", "diplomacy, closures and orders", "events" },
	{ "rung", "highest rung reached", "rung" },
};

int dur_result_outcome_row(size_t k, int *outcome, const char **label)
{
	if (k >= sizeof(groups) / sizeof(groups[0]))
		return 0;
	*outcome = groups[k].i;
	*label = groups[k].label;
	return 1;
}

int dur_result_outcome_group(size_t k, const char **id, const char **title,
			     const char **unit)
{
	if (k >= sizeof(chart_groups) / sizeof(chart_groups[0]))
		return 0;
	*id = chart_groups[k].id;
	*title = chart_groups[k].title;
	*unit = chart_groups[k].unit;
	return 1;
}

int dur_result_outcome_info(const char *name, struct dur_outcome_info *info,
			    char *buf, size_t len)
{
	const char *parent = NULL;
	char part[64];

	for (size_t k = 0; k < sizeof(groups) / sizeof(groups[0]); k++) {
		const char *n = dur_outcome_fixed_name(groups[k].i);
		const char *l = groups[k].label;
		size_t ind = strspn(l, " ");

		if (groups[k].i < 0 || !n)
			continue;
		if (!ind)
			parent = l;
		if (strcmp(n, name))
			continue;
		/* a row indented under another is named with it */
		if (ind && parent)
			snprintf(buf, len, "%s: %s", parent, l + ind);
		else
			snprintf(buf, len, "%s", l);
		*info = (struct dur_outcome_info){ buf, groups[k].unit,
						   groups[k].kind,
						   groups[k].group };
		return 1;
	}
	if (!strcmp(name, "max_rung")) {
		*info = (struct dur_outcome_info){ "highest rung reached",
						   "rung", "rung", "rung" };
		return 1;
	}
	for (size_t k = 0; k < sizeof(per) / sizeof(per[0]); k++) {
		size_t pl = strlen(per[k].prefix);

		if (strncmp(name, per[k].prefix, pl) || !name[pl])
			continue;
		snprintf(part, sizeof(part), "%s", name + pl);
		for (char *c = part; *c; c++) {
			if (*c == '_')
				*c = ' ';
			if (per[k].words && (c == part || c[-1] == ' ') &&
			    *c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		}
		snprintf(buf, len, per[k].fmt, part);
		*info = (struct dur_outcome_info){ buf, per[k].unit,
						   per[k].kind,
						   per[k].group };
		return 1;
	}
	return 0;
}

const char *dur_result_outcome_label(const char *name, char *buf, size_t len)
{
	struct dur_outcome_info in;

	if (!dur_result_outcome_info(name, &in, buf, len))
		return NULL;
	if (in.label != buf)
		snprintf(buf, len, "%s", in.label);
	return buf;
}

/* The information of outcome i of r's scenario: the table's, with a
 * mediator named by its actor's label ("rounds mediated by Qatar"). */
static void outcome_info(const struct dur_result *r, int i,
			 struct dur_outcome_info *in, char *buf, size_t len)
{
	const struct dur_model *m = &r->sc->model;
	int j = i - DUR_OUT_FIXED_COUNT - 2 * m->ncrossings;
	char name[128];

	if (!dur_result_outcome_info(dur_outcome_name(r->sc, i, name,
						      sizeof(name)),
				     in, buf, len))
		*in = (struct dur_outcome_info){ "?", "?", "?", "?" };
	if (j >= 0 && j < m->nmediators && m->mediator[j].actor >= 0) {
		snprintf(buf, len, "rounds mediated by %s",
			 r->sc->actor[m->mediator[j].actor].label);
		in->label = buf;
	}
}

/* The table of r's outcomes: name -> { label, unit, kind, group }. */
static json_t *outcome_table(const struct dur_result *r)
{
	json_t *o = json_object();
	char name[128], buf[160];

	for (int i = 0; i < dur_outcome_count(r->sc); i++) {
		struct dur_outcome_info in;
		json_t *e = json_object();

		outcome_info(r, i, &in, buf, sizeof(buf));
		json_object_set_new(e, "label", json_string(in.label));
		json_object_set_new(e, "unit", json_string(in.unit));
		json_object_set_new(e, "kind", json_string(in.kind));
		json_object_set_new(e, "group", json_string(in.group));
		json_object_set_new(o, dur_outcome_name(r->sc, i, name,
							sizeof(name)),
				    e);
	}
	return o;
}

/* The table's label of fixed outcome i, without its indent. */
static const char *table_label(int i)
{
	for (size_t k = 0; k < sizeof(groups) / sizeof(groups[0]); k++)
		if (groups[k].i == i) {
			const char *l = groups[k].label;

			while (*l == ' ')
				l++;
			return l;
		}
	return dur_outcome_fixed_name(i);
}

/* The main outcomes month by month: each month's own count. */
static void text_monthly(const struct dur_result *r,
			 const struct dur_summary *s, FILE *fp)
{
	static const int cols[] = { DUR_OUT_ATTACKS, DUR_OUT_FAT_PAK,
				    DUR_OUT_STRIKES, DUR_OUT_CLOSURE_DAYS };
	const int nc = (int)(sizeof(cols) / sizeof(cols[0]));
	int w[sizeof(cols) / sizeof(cols[0])], partial = 0;
	char buf[96], m[24], lo[24], hi[24], d1[16], d2[16];

	dur_fprintf_num(fp, "\nMonth by month: each month's own count, median "
		    "[90%% interval]\n%-8s %9s", "month", "days");
	for (int c = 0; c < nc; c++) {
		w[c] = (int)strlen(table_label(cols[c])) + 2;
		if (w[c] < 18)
			w[c] = 18;
		dur_fprintf_num(fp, "%*s", w[c], table_label(cols[c]));
	}
	fputc('\n', fp);
	for (int k = 0; k < s->nmonths; k++) {
		struct month mo;

		month_of(r, s, k, &mo);
		if (mo.partial)
			snprintf(buf, sizeof(buf), "%d of %d*", mo.days,
				 mo.month_days);
		else
			snprintf(buf, sizeof(buf), "%d ", mo.days);
		partial |= mo.partial;
		dur_fprintf_num(fp, "%-8s %9s", mo.label, buf);
		for (int c = 0; c < nc; c++) {
			const struct dur_sketch *x =
				&s->monthly[k * s->nout + cols[c]];

			fmt_count(m, sizeof(m), dur_sketch_quantile(x, 0.5));
			fmt_count(lo, sizeof(lo), dur_sketch_quantile(x, 0.05));
			fmt_count(hi, sizeof(hi), dur_sketch_quantile(x, 0.95));
			snprintf(buf, sizeof(buf), "%s [%s, %s]", m, lo, hi);
			dur_fprintf_num(fp, "%*s", w[c], buf);
		}
		fputc('\n', fp);
	}
	if (partial)
		dur_fprintf_num(fp, "* a partial month: the horizon runs from %s to "
			    "%s\n",
			dur_date_format(r->sc->start, d1),
			dur_date_format(r->sc->start + r->days - 1, d2));
}

static void text_variant(const struct dur_result *r,
			 const struct dur_summary *s, FILE *fp)
{
	const struct dur_model *m = &r->sc->model;
	char buf[160], a[24], b[24], c[24];

	text_ladder(r, s, fp);
	fmt_count(a, sizeof(a), dur_sketch_quantile(&s->first_strike, 0.5));
	fmt_count(b, sizeof(b), dur_sketch_quantile(&s->first_strike, 0.05));
	fmt_count(c, sizeof(c), dur_sketch_quantile(&s->first_strike, 0.95));
	fmt_share(buf, sizeof(buf), s->first_strike.n, r->runs);
	dur_fprintf_num(fp, "\nFirst strike in Afghanistan: %s of runs", buf);
	if (s->first_strike.n)
		dur_fprintf_num(fp, "; when it comes, day %s [%s, %s]\n", a, b, c);
	else
		dur_fprintf_num(fp, "\n");
	dur_fprintf_num(fp, "\n%-36s %10s   %s\n", "Outcome over the horizon", "median",
		"[90% interval]");
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		if (groups[g].i < 0) {
			dur_fprintf_num(fp, "%s\n", groups[g].label);
			continue;
		}
		row(fp, groups[g].label, &s->out[groups[g].i]);
	}
	for (int x = 0; x < m->ncrossings; x++) {
		snprintf(buf, sizeof(buf), "days %s closed", m->crossing[x].name);
		row(fp, buf, &s->out[DUR_OUT_FIXED_COUNT + x]);
	}
	for (int i = 0; i < m->nmediators; i++) {
		snprintf(buf, sizeof(buf), "rounds mediated by %s",
			 r->sc->actor[m->mediator[i].actor].label);
		row(fp, buf, &s->out[DUR_OUT_FIXED_COUNT + 2 * m->ncrossings + i]);
	}
	if (s->ceasefire_days.n) {
		fmt_count(a, sizeof(a),
			  dur_sketch_quantile(&s->ceasefire_days, 0.5));
		fmt_count(b, sizeof(b),
			  dur_sketch_quantile(&s->ceasefire_days, 0.05));
		fmt_count(c, sizeof(c),
			  dur_sketch_quantile(&s->ceasefire_days, 0.95));
		dur_fprintf_num(fp, "  %-34s %10s   [%s, %s]\n",
			"a ceasefire held (days)", a, b, c);
	}
	text_monthly(r, s, fp);
}

/* The runs passing each --prob threshold. */
static void text_probs(const struct dur_result *r, const struct dur_summary *s,
		       FILE *fp)
{
	char buf[64];

	if (!r->nprobs)
		return;
	dur_fprintf_num(fp, "\nThresholds: share of runs [95%% interval]\n");
	for (int k = 0; k < r->nprobs; k++) {
		fmt_share(buf, sizeof(buf), s->prob[k], r->runs);
		dur_fprintf_num(fp, "  %-34s %s\n", r->prob[k].text, buf);
	}
}

/* A mean difference and its 95% interval, compact: "-21.5 ±0.7". */
static void fmt_mean_pm(char *buf, size_t len, const struct dur_sketch *d)
{
	char m[24], h[24];
	double se = dur_sketch_se(d);

	fmt_count(m, sizeof(m), dur_sketch_mean(d));
	if (isfinite(se)) {
		fmt_count(h, sizeof(h), Z95 * se);
		snprintf(buf, len, "%s%s \xc2\xb1%s",
			 m[0] != '-' && strspn(m, "0.") != strlen(m) ? "+" : "",
			 m, h);
	} else {
		snprintf(buf, len, "%s", m);
	}
}

/* "+1.2 ±0.4": a paired change in percentage points, compact. */
static void fmt_change_pm(char *buf, size_t len, const int64_t pair[4],
			  long n)
{
	double d, lo, hi;
	char m[16], h[16];

	paired(pair, n, &d, &lo, &hi);
	snprintf(m, sizeof(m), "%+.1f", 100.0 * d);
	if (!strcmp(m, "+0.0") || !strcmp(m, "-0.0"))
		snprintf(m, sizeof(m), "0.0");
	snprintf(h, sizeof(h), "%.1f", 100.0 * (hi - d));
	snprintf(buf, len, "%s \xc2\xb1%s", m, h);
}

/* Print s padded with spaces to w columns, counting UTF-8 characters. */
static void cell(FILE *fp, const char *s, int w)
{
	int n = 0;

	for (const char *c = s; *c; c++)
		n += ((unsigned char)*c & 0xc0) != 0x80;
	dur_fprintf_num(fp, "%*s%s", w > n ? w - n : 0, "", s);
}

/* The README's table of what-ifs, made by the tool: one row per variant. */
static void text_what_if_table(const struct dur_result *r, FILE *fp)
{
	static const struct {
		int i;
		const char *label;
	} cols[] = {
		{ DUR_OUT_ATTACKS, "attacks" },
		{ DUR_OUT_FAT_PAK, "killed Pak" },
		{ DUR_OUT_FAT_AFG, "killed Afg" },
		{ DUR_OUT_CLASHES, "clashes" },
		{ DUR_OUT_CLOSURE_DAYS, "closed days" },
	};
	const struct dur_model *m = &r->sc->model;
	const struct dur_summary *b = &r->v[0];
	int ncols = (int)(sizeof(cols) / sizeof(cols[0])), low = 0, w = 13;
	char buf[64], name[32];

	while (low < m->nrungs && start_ge(b, low) == r->runs)
		low++;
	dur_fprintf_num(fp, "\nWhat-ifs side by side: the baseline's means and "
		    "shares, then each what-if's change per run\n"
		    "(mean, or percentage points of runs), \xc2\xb1 its 95%% "
		    "interval from the paired runs\n");
	dur_fprintf_num(fp, "%-22s", "");
	for (int c = 0; c < ncols; c++)
		cell(fp, cols[c].label, w);
	cell(fp, "first strike", w);
	for (int k = low; k < m->nrungs; k++) {
		snprintf(name, sizeof(name), "rung %d", k);
		cell(fp, name, w);
	}
	fputc('\n', fp);
	dur_fprintf_num(fp, "%-22s", "baseline");
	for (int c = 0; c < ncols; c++) {
		fmt_count(buf, sizeof(buf), dur_sketch_mean(&b->out[cols[c].i]));
		cell(fp, buf, w);
	}
	fmt_pct(buf, sizeof(buf), (double)b->first_strike.n / (double)r->runs);
	cell(fp, buf, w);
	for (int k = low; k < m->nrungs; k++) {
		fmt_pct(buf, sizeof(buf), (double)b->reach[k] / (double)r->runs);
		cell(fp, buf, w);
	}
	fputc('\n', fp);
	for (int v = 1; v < r->nvariants; v++) {
		const struct dur_summary *s = &r->v[v];

		dur_fprintf_num(fp, "%-22.22s",
			r->sc->intervention[r->variant[v]].name);
		for (int c = 0; c < ncols; c++) {
			fmt_mean_pm(buf, sizeof(buf), &s->diff[cols[c].i]);
			cell(fp, buf, w);
		}
		fmt_change_pm(buf, sizeof(buf), s->strike_pair, r->runs);
		cell(fp, buf, w);
		for (int k = low; k < m->nrungs; k++) {
			fmt_change_pm(buf, sizeof(buf), s->reach_pair[k],
				      r->runs);
			cell(fp, buf, w);
		}
		fputc('\n', fp);
	}
	if (low < m->nrungs)
		dur_fprintf_num(fp, "(rung %d is %s", low, m->rung[low].name);
	for (int k = low + 1; k < m->nrungs; k++)
		dur_fprintf_num(fp, ", %d %s", k, m->rung[k].name);
	if (low < m->nrungs)
		dur_fprintf_num(fp, ")\n");
}

/* The what-if's change to the chance of each rung and of a first strike. */
static void text_ladder_change(const struct dur_result *r,
			       const struct dur_summary *s, FILE *fp)
{
	const struct dur_model *m = &r->sc->model;
	char buf[64];

	dur_fprintf_num(fp, "\nChange in the chance of each rung and of a first "
		    "strike, in percentage points\n[95%% interval from the "
		    "paired runs]; runs that gain it / lose it\n");
	for (int k = 0; k < m->nrungs; k++) {
		fmt_change(buf, sizeof(buf), s->reach_pair[k], r->runs);
		dur_fprintf_num(fp, "  %2d %-30s %-22s %lld / %lld\n", k,
			m->rung[k].name, buf, (long long)s->reach_pair[k][1],
			(long long)s->reach_pair[k][2]);
	}
	fmt_change(buf, sizeof(buf), s->strike_pair, r->runs);
	dur_fprintf_num(fp, "  %-33s %-22s %lld / %lld\n", "first strike in Afghanistan",
		buf, (long long)s->strike_pair[1], (long long)s->strike_pair[2]);
	for (int k = 0; k < r->nprobs; k++) {
		fmt_change(buf, sizeof(buf), s->prob_pair[k], r->runs);
		dur_fprintf_num(fp, "  %-33s %-22s %lld / %lld\n", r->prob[k].text,
			buf, (long long)s->prob_pair[k][1],
			(long long)s->prob_pair[k][2]);
	}
}

int dur_result_write_text(const struct dur_result *r, FILE *fp,
			  struct dur_error *err)
{
	char date[16], date2[16], line[512];

	headline_text(r, &r->v[0], line, sizeof(line));
	dur_fprintf_num(fp, "%s\n", line);
	for (int v = 1; v < r->nvariants; v++) {
		headline_text(r, &r->v[v], line, sizeof(line));
		/* "As of DATE, a new..." -> "With 'NAME': a new..." */
		dur_fprintf_num(fp, "With '%s': %s\n",
			r->sc->intervention[r->variant[v]].name,
			strstr(line, ", a new") ? strstr(line, ", a new") + 2
						: line);
	}
	dur_fprintf_num(fp, "(Brackets after a percentage: its 95%% Monte Carlo "
		    "interval, Wilson's; more --runs narrow it.)\n\n");
	dur_fprintf_num(fp, "durand %s: scenario '%s' from %s, %d days, %ld runs, "
		    "seed %llu\n",
		DURAND_VERSION, r->sc->name, dur_date_format(r->sc->start, date),
		r->days, r->runs, (unsigned long long)r->seed);
	if (r->start.filtered)
		dur_fprintf_num(fp, "as of %s: the starting state filtered from %s "
			    "through %d facts of the record '%s' (sha256 "
			    "%.12s); the parameters are the scenario's%s\n",
			date, dur_date_format(r->start.filtered_from, date2),
			r->start.facts, r->start.record,
			r->start.record_sha256,
			r->sc->pens.n ? ", each state with the set of its "
					"parameter ensemble it was filtered "
					"with" :
					"");
	if (r->sc->pens.n)
		dur_fprintf_num(fp, "parameters: an ensemble of %d sets of %d "
			    "(the scenario's ensemble: section, estimated "
			    "from the record by IF2)\n",
			r->sc->pens.n, r->sc->pens.k);
	if (!r->start.filtered)
		dur_fprintf_num(fp, "as of %s: the starting state is the scenario's "
			    "own (no filtered record for that date; see "
			    "--as-of)\n",
			date);
	text_variant(r, &r->v[0], fp);
	text_probs(r, &r->v[0], fp);
	if (r->nvariants > 1)
		text_what_if_table(r, fp);
	for (int v = 1; v < r->nvariants; v++) {
		const struct dur_intervention *iv =
			&r->sc->intervention[r->variant[v]];
		const struct dur_summary *s = &r->v[v];

		dur_fprintf_num(fp, "\n=== what-if '%s': %s\n", iv->name,
			iv->description);
		dur_fprintf_num(fp, "%-36s %-14s %10s %10s   %s\n",
			"Difference to the baseline", "unit", "mean", "median",
			"[90% interval]");
		for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]);
		     g++) {
			const struct dur_sketch *d = &s->diff[groups[g].i];
			char m[24], q[24], lo[24], hi[24];

			if (groups[g].i < 0) {
				fprintf(fp, "%s\n", groups[g].label);
				continue;
			}
			fmt_count(m, sizeof(m), dur_sketch_mean(d));
			fmt_count(q, sizeof(q), dur_sketch_quantile(d, 0.5));
			fmt_count(lo, sizeof(lo), dur_sketch_quantile(d, 0.05));
			fmt_count(hi, sizeof(hi), dur_sketch_quantile(d, 0.95));
			dur_fprintf_num(fp, "  %-34s %-14s %10s %10s   [%s, %s]\n",
					groups[g].label, groups[g].unit, m, q,
					lo, hi);
		}
		text_ladder_change(r, s, fp);
		dur_fprintf_num(fp, "\nWith '%s':", iv->name);
		text_variant(r, s, fp);
		text_probs(r, s, fp);
	}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the summary");
	return 0;
}

/* A CSV field, quoted (RFC 4180, libcsv's) if it holds a comma, quote or
 * newline. */
static void csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(fp, s, strlen(s));
	else
		fputs(s, fp);
}

/* An outcome's name and information, looked up once for all its rows. */
struct csv_outcome {
	const char *name;
	char nbuf[128], buf[160];
	struct dur_outcome_info in;
};

/* "VARIANT[:PART],OUTCOME," then mean,se,q05,...,q95,label,unit,kind of a
 * CSV row for outcome o, and its end. */
static void csv_stats(FILE *fp, const char *vn, const char *part,
		      const struct csv_outcome *o, const struct dur_sketch *x)
{
	dur_fprintf_num(fp, "%s%s%s,%s,", vn, part[0] ? ":" : "", part,
			o->name);
	dur_fprintf_num(fp, "%.10g,%.6g", dur_sketch_mean(x), dur_sketch_se(x));
	for (int k = 0; k < 5; k++)
		dur_fprintf_num(fp, ",%.10g", dur_sketch_quantile(x, qs[k]));
	fputs(",,,", fp); /* no lo,hi: those are a threshold's */
	csv_field(fp, o->in.label);
	fprintf(fp, ",%s,%s\n", o->in.unit, o->in.kind);
}

/* A threshold's row: "VARIANT:KIND,THRESHOLD,", then its share (kind
 * "threshold") or paired change ("threshold-change") as a mean of per-run
 * values (1 if the run passes; with a what-if, its minus the baseline's),
 * the standard error of that mean, no quantiles, the 95% interval of the
 * JSON (Wilson's, or the paired one), no label, unit "share" and kind
 * "probability". */
static void csv_threshold(FILE *fp, const struct dur_result *r,
			  const char *vn, const struct dur_summary *s, int k,
			  int change)
{
	double m, se, lo, hi, n = (double)r->runs;

	if (change) {
		paired(s->prob_pair[k], r->runs, &m, &lo, &hi);
		se = r->runs > 1 ? (hi - m) / Z95 : NAN;
	} else {
		m = (double)s->prob[k] / n;
		wilson(s->prob[k], r->runs, &lo, &hi);
		se = r->runs > 1 ? sqrt(m * (1 - m) / (n - 1)) : NAN;
	}
	fprintf(fp, "%s:%s,", vn, change ? "threshold-change" : "threshold");
	csv_field(fp, r->prob[k].text);
	dur_fprintf_num(fp, ",%.10g,%.6g,,,,,,%.10g,%.10g,,share,probability\n",
			m, se, lo, hi);
}

int dur_result_write_csv(const struct dur_result *r, FILE *fp,
			 struct dur_error *err)
{
	int nout = dur_outcome_count(r->sc);
	struct csv_outcome *o = malloc((size_t)nout * sizeof(*o));

	if (!o)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	for (int i = 0; i < nout; i++) {
		o[i].name = dur_outcome_name(r->sc, i, o[i].nbuf,
					     sizeof(o[i].nbuf));
		outcome_info(r, i, &o[i].in, o[i].buf, sizeof(o[i].buf));
	}
	fprintf(fp, "variant,outcome,mean,se,q05,q25,q50,q75,q95,lo,hi,label,"
		    "unit,kind\n");
	for (int v = 0; v < r->nvariants; v++) {
		const char *vn = v ? r->sc->intervention[r->variant[v]].name
				   : "baseline";

		for (int pass = 0; pass < (v ? 2 : 1); pass++) {
			const struct dur_sketch *sk = pass ? r->v[v].diff
							   : r->v[v].out;

			for (int i = 0; i < nout; i++)
				csv_stats(fp, vn, pass ? "difference" : "",
					  &o[i], &sk[i]);
		}
	}
	/* each variant's months: "baseline:2025-11" */
	for (int v = 0; v < r->nvariants; v++) {
		const struct dur_summary *s = &r->v[v];
		const char *vn = v ? r->sc->intervention[r->variant[v]].name
				   : "baseline";

		for (int k = 0; k < s->nmonths; k++) {
			struct month mo;

			month_of(r, s, k, &mo);
			for (int i = 0; i < s->nout; i++)
				if (i != DUR_OUT_MAX_RUNG)
					csv_stats(fp, vn, mo.label, &o[i],
						  &s->monthly[k * s->nout + i]);
		}
	}
	free(o);
	/* the --prob thresholds: each variant's shares, a what-if's
	 * changes after its shares */
	for (int v = 0; v < r->nvariants; v++) {
		const char *vn = v ? r->sc->intervention[r->variant[v]].name
				   : "baseline";

		for (int change = 0; change < (v ? 2 : 1); change++)
			for (int k = 0; k < r->nprobs; k++)
				csv_threshold(fp, r, vn, &r->v[v], k, change);
	}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write CSV");
	return 0;
}

int dur_result_write_samples(const struct dur_result *r,
			     const int64_t *samples, FILE *fp,
			     struct dur_error *err)
{
	enum { MAXN = DUR_OUT_FIXED_COUNT + 2 * DUR_MAX_CROSSINGS +
		      DUR_MAX_MEDIATORS };
	int nout = dur_outcome_count(r->sc);
	char name[MAXN][64];

	if (nout > MAXN)
		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "more than %d outcomes", MAXN);
	for (int i = 0; i < nout; i++) {
		char b[128];

		snprintf(name[i], sizeof(name[i]), "%s",
			 dur_outcome_name(r->sc, i, b, sizeof(b)));
	}
	fprintf(fp, "run,variant,outcome,value\n");
	for (long run = 0; run < r->runs && !ferror(fp); run++)
		for (int v = 0; v < r->nvariants; v++) {
			const char *vn =
				v ? r->sc->intervention[r->variant[v]].name
				  : "baseline";
			const int64_t *x =
				samples + (run * r->nvariants + v) * (long)nout;

			for (int i = 0; i < nout; i++)
				fprintf(fp, "%ld,%s,%s,%lld\n",
					r->first_run + run, vn, name[i],
					(long long)x[i]);
		}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the samples");
	return 0;
}
