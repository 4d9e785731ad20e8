/*
 * result.c: turning the summaries of an ensemble into the JSON document of
 * docs/output.md, and into the text and CSV views of the same numbers.
 */
#include <math.h>
#include <string.h>

#include "durand/date.h"
#include "durand/result.h"

static const double qs[5] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
static const char *const qnames[5] = { "q05", "q25", "q50", "q75", "q95" };

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
		json_object_set_new(e, "p_reach",
				    dur_json_number((double)s->reach[k] / (double)r->runs));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *first_strike(const struct dur_result *r,
			    const struct dur_summary *s)
{
	json_t *o = json_object(), *cdf = json_array();

	json_object_set_new(o, "p", dur_json_number((double)s->first_strike.n /
					 (double)r->runs));
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
	return o;
}

json_t *dur_result_json(const struct dur_result *r)
{
	json_t *o = json_object(), *base, *wi;
	char date[11];
	const char *key;
	json_t *val;

	json_object_set_new(o, "kind", json_string("run"));
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	json_object_set_new(o, "scenario", json_string(r->sc->name));
	json_object_set_new(o, "start",
			    json_string(dur_date_format(r->sc->start, date)));
	json_object_set_new(o, "days", json_integer(r->days));
	json_object_set_new(o, "runs", json_integer(r->runs));
	json_object_set_new(o, "starting_state", start_json(r));
	json_object_set_new(o, "seed", json_integer((json_int_t)r->seed));
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
			body = variant(r, &r->v[v]);
			json_object_update(e, body);
			json_decref(body);
			json_object_set_new(e, "difference",
					    outcomes(r, r->v[v].diff, 1));
			json_array_append_new(wi, e);
		}
		json_object_set_new(o, "what_if", wi);
	}
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
}

static void row(FILE *fp, const char *label, const struct dur_sketch *s)
{
	char m[24], lo[24], hi[24];

	fmt_count(m, sizeof(m), dur_sketch_quantile(s, 0.5));
	fmt_count(lo, sizeof(lo), dur_sketch_quantile(s, 0.05));
	fmt_count(hi, sizeof(hi), dur_sketch_quantile(s, 0.95));
	fprintf(fp, "  %-34s %10s   [%s, %s]\n", label, m, lo, hi);
}

static void text_variant(const struct dur_result *r,
			 const struct dur_summary *s, FILE *fp)
{
	static const struct {
		int i;
		const char *label;
	} groups[] = {
		{ -1, "Violence" },
		{ DUR_OUT_ATTACKS, "militant attacks" },
		{ DUR_OUT_ATTACKS_CROSS, "  of which from across the border" },
		{ DUR_OUT_FAT_PAK, "killed in Pakistan" },
		{ DUR_OUT_FAT_PAK_MIL, "  soldiers" },
		{ DUR_OUT_FAT_PAK_POL, "  police" },
		{ DUR_OUT_FAT_PAK_CIV, "  civilians" },
		{ DUR_OUT_FAT_AFG, "killed in Afghanistan" },
		{ DUR_OUT_FAT_AFG_FORCES, "  Taliban forces" },
		{ DUR_OUT_FAT_AFG_CIV, "  civilians" },
		{ DUR_OUT_FAT_MILITANTS, "militants killed" },
		{ DUR_OUT_STRIKES, "strikes in Afghanistan" },
		{ DUR_OUT_STRIKES_CITY, "  of which on cities" },
		{ DUR_OUT_GROUND_OPS, "cross-border ground operations" },
		{ DUR_OUT_CLASHES, "border clashes" },
		{ -1, "Border, trade and people" },
		{ DUR_OUT_CLOSURE_DAYS, "crossing-days closed" },
		{ DUR_OUT_POLITICAL_CLOSURES, "political closures" },
		{ DUR_OUT_TRADE_LOST, "trade lost (US$)" },
		{ DUR_OUT_DEPORTATIONS, "people deported" },
		{ DUR_OUT_RETURNS, "people returned (not deported)" },
		{ DUR_OUT_ORDERS, "departure orders" },
		{ DUR_OUT_DISPLACED, "people displaced by fighting" },
		{ -1, "Diplomacy" },
		{ DUR_OUT_FLAG_MEETINGS, "flag meetings" },
		{ DUR_OUT_PROTESTS, "diplomatic protests" },
		{ DUR_OUT_DEMARCHES, "demarches" },
		{ DUR_OUT_MEMORANDUMS, "ISI memorandums" },
		{ DUR_OUT_JCC, "JCC meetings" },
		{ DUR_OUT_MINISTER_VISITS, "ministerial visits" },
		{ DUR_OUT_MED_ROUNDS, "mediation rounds" },
		{ DUR_OUT_CEASEFIRES, "ceasefires agreed" },
		{ DUR_OUT_CEASEFIRE_BREAKS, "ceasefires broken" },
		{ DUR_OUT_TALKS_FAILED, "rounds that failed" },
		{ DUR_OUT_CEASEFIRE_DAYS, "days under a ceasefire" },
	};
	const struct dur_model *m = &r->sc->model;
	char buf[160], a[24], b[24], c[24];

	fprintf(fp, "\nPakistan's ladder: chance of reaching each rung within "
		    "%d days\n",
		r->days);
	for (int k = 0; k < m->nrungs; k++)
		fprintf(fp, "  %2d %-30s %6.1f%%\n", k, m->rung[k].name,
			100.0 * (double)s->reach[k] / (double)r->runs);
	fmt_count(a, sizeof(a), dur_sketch_quantile(&s->first_strike, 0.5));
	fmt_count(b, sizeof(b), dur_sketch_quantile(&s->first_strike, 0.05));
	fmt_count(c, sizeof(c), dur_sketch_quantile(&s->first_strike, 0.95));
	fprintf(fp, "\nFirst strike in Afghanistan: %.1f%% of runs",
		100.0 * (double)s->first_strike.n / (double)r->runs);
	if (s->first_strike.n)
		fprintf(fp, "; when it comes, day %s [%s, %s]\n", a, b, c);
	else
		fprintf(fp, "\n");
	fprintf(fp, "\n%-36s %10s   %s\n", "Outcome over the horizon", "median",
		"[90% interval]");
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		if (groups[g].i < 0) {
			fprintf(fp, "%s\n", groups[g].label);
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
		fprintf(fp, "  %-34s %10s   [%s, %s]\n",
			"a ceasefire held (days)", a, b, c);
	}
}

int dur_result_write_text(const struct dur_result *r, FILE *fp,
			  struct dur_error *err)
{
	char date[16], date2[16];

	fprintf(fp, "durand %s: scenario '%s' from %s, %d days, %ld runs, "
		    "seed %llu\n",
		DURAND_VERSION, r->sc->name, dur_date_format(r->sc->start, date),
		r->days, r->runs, (unsigned long long)r->seed);
	if (r->start.filtered)
		fprintf(fp, "as of %s: the starting state filtered from %s "
			    "through %d facts of the record '%s' (sha256 "
			    "%.12s); the parameters are the scenario's\n",
			date, dur_date_format(r->start.filtered_from, date2),
			r->start.facts, r->start.record,
			r->start.record_sha256);
	else
		fprintf(fp, "as of %s: the starting state is the scenario's "
			    "own (no filtered record for that date; see "
			    "--as-of)\n",
			date);
	text_variant(r, &r->v[0], fp);
	for (int v = 1; v < r->nvariants; v++) {
		const struct dur_intervention *iv =
			&r->sc->intervention[r->variant[v]];
		const struct dur_summary *s = &r->v[v];

		fprintf(fp, "\n=== what-if '%s': %s\n", iv->name,
			iv->description);
		fprintf(fp, "%-36s %10s %10s   %s\n",
			"Difference to the baseline", "mean", "median",
			"[90% interval]");
		for (int i = 0; i < DUR_OUT_MAX_RUNG; i++) {
			char m[24], q[24], lo[24], hi[24], name[64];

			fmt_count(m, sizeof(m), dur_sketch_mean(&s->diff[i]));
			fmt_count(q, sizeof(q),
				  dur_sketch_quantile(&s->diff[i], 0.5));
			fmt_count(lo, sizeof(lo),
				  dur_sketch_quantile(&s->diff[i], 0.05));
			fmt_count(hi, sizeof(hi),
				  dur_sketch_quantile(&s->diff[i], 0.95));
			fprintf(fp, "  %-34s %10s %10s   [%s, %s]\n",
				dur_outcome_name(r->sc, i, name, sizeof(name)),
				m, q, lo, hi);
		}
		fprintf(fp, "\nWith '%s':", iv->name);
		text_variant(r, s, fp);
	}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the summary");
	return 0;
}

int dur_result_write_csv(const struct dur_result *r, FILE *fp,
			 struct dur_error *err)
{
	char name[128];

	fprintf(fp, "variant,outcome,mean,se,q05,q25,q50,q75,q95\n");
	for (int v = 0; v < r->nvariants; v++) {
		const char *vn = v ? r->sc->intervention[r->variant[v]].name
				   : "baseline";

		for (int pass = 0; pass < (v ? 2 : 1); pass++) {
			const struct dur_sketch *sk = pass ? r->v[v].diff
							   : r->v[v].out;

			for (int i = 0; i < dur_outcome_count(r->sc); i++) {
				fprintf(fp, "%s%s,%s,%.10g,%.6g", vn,
					pass ? ":difference" : "",
					dur_outcome_name(r->sc, i, name,
							 sizeof(name)),
					dur_sketch_mean(&sk[i]),
					dur_sketch_se(&sk[i]));
				for (int k = 0; k < 5; k++)
					fprintf(fp, ",%.10g",
						dur_sketch_quantile(&sk[i],
								    qs[k]));
				fputc('\n', fp);
			}
		}
	}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write CSV");
	return 0;
}
