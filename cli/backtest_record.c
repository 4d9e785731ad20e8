/* backtest_record.c: `durand backtest --data record`, durand's forecasts
 * from origins in the record scored against the record after them, beside
 * baselines on the same facts (recbacktest.h, docs/backtest.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "mpi.h"
#include "durand/numtext.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/recbacktest.h"
#include "durand/report.h"
#include "durand/record.h"
#include "durand/scenario.h"
#include "durand/score.h"

#define DEFAULT_ORIGINS "2022-01-01,2023-01-01,2024-01-01"
#define DEFAULT_SCENARIO "afpak-2021"

/* The honesty rule's limit: 2025 is the test year. */
#define LIMIT_Y 2025

/* What the output says of the parameters. The shipped scenarios' values
 * set with facts of the record or of the articles (docs/backtest.md,
 * "In-sample and out-of-sample", lists them with their facts). */
static const char *const shipped[] = { "afpak", "afpak-2021", "afpak-kabul",
				       "afpak-kabul-2021", NULL };

static const char in_sample_shipped[] =
	"The state at each origin is out-of-sample: the filter sees only the "
	"facts that end before it. The parameters are in-sample for every "
	"origin before the facts that set them: the ensemble's ttp.mu and "
	"ttp.growth were estimated by IF2 from the record's tracker counts "
	"2022-2024, then strike.urge_gain, depart.campaign_per_day and "
	"depart.returns_base from its facts that end before 2025 (tracker "
	"counts, strikes, clashes, closures and departures of 2022-2024), "
	"and the choice of two stages used this backtest (the Kabul readings "
	"scale the same ensemble); "
	"attack.fatality_mean is PICSS's deaths per attack 2022-2024; by hand, "
	"strike.urge_halflife (the strike days of 2022-2024), clash.mu and "
	"clash.closure_prob (the clash and closures of 2022-2024), "
	"closure.mean_days and closure.min_days (the closures of 2022-2024), "
	"depart.campaign_end and depart.deport_share (departures 2023-2024), "
	"ttp.domestic_share and the ladder's and mediators' rates (the "
	"articles' counts for August 2021 to October 2025); and the "
	"observation shares 0.63 and 0.75 and the trackers' size 200 (PIPS "
	"against PICSS, 2022 and 2024) (docs/backtest.md).";

static const char in_sample_other[] =
	"The state at each origin is out-of-sample: the filter sees only the "
	"facts that end before it. The parameters are the scenario's as "
	"given: any fact used to set them is in-sample for the origins before "
	"its date; the observation shares 0.63 and 0.75 and the trackers' "
	"size 200 were estimated from the record's 2022 and 2024 tracker "
	"pairs.";

static const char refit_note[] =
	"The parameters refitted are out-of-sample: at each origin IF2 "
	"estimates them from the facts that end before it, starting uniform "
	"over their ranges (the scenario's values are not its start). "
	"In-sample still: the ranges searched, every other parameter of the "
	"scenario as set (docs/backtest.md lists those set with the record's "
	"or the articles' facts) and the observation shares 0.63 and 0.75 "
	"and the trackers' size 200 (PIPS against PICSS, 2022 and 2024).";

/* Did --refit fit in two stages (paths of both stages)? */
static int two_stages(const struct dur_recbt_result *r)
{
	int n1 = 0;

	for (int i = 0; i < r->nfit; i++)
		n1 += r->stage[i] == 1;
	return r->stages == 2 && n1 > 0 && n1 < r->nfit;
}

static const char *in_sample_text(const struct dur_scenario *sc, int refit)
{
	if (refit)
		return refit_note;
	for (int i = 0; shipped[i]; i++)
		if (!strcmp(sc->name, shipped[i]))
			return in_sample_shipped;
	return in_sample_other;
}

static int parse_origins_list(const char *v, int32_t *origin, int *n)
{
	const char *p = v;

	*n = 0;
	for (;;) {
		const char *c = strchr(p, ','), *why;
		size_t len = c ? (size_t)(c - p) : strlen(p);

		if (*n == DUR_RECBT_MAXORIGINS)
			return bad_usage("backtest",
					 "--origins: more than %d origins",
					 DUR_RECBT_MAXORIGINS);
		if (dur_date_parse(p, len, &origin[*n], &why))
			return bad_usage("backtest",
					 "--origins: '%.*s': %s (expected "
					 "dates YYYY-MM-DD separated by "
					 "commas)",
					 (int)len, p, why);
		if (*n && origin[*n] <= origin[*n - 1])
			return bad_usage("backtest",
					 "--origins: '%.*s' is not after the "
					 "origin before it",
					 (int)len, p);
		++*n;
		if (!c)
			return 0;
		p = c + 1;
	}
}

static void put_num(FILE *fp, double x)
{
	if (isfinite(x))
		dur_fprintf_num(fp, ",%.6f", x);
	else if (isinf(x))
		fputs(",inf", fp);
	else
		fputs(",", fp);
}

static void put_fig(FILE *fp, double x)
{
	if (isfinite(x))
		dur_fprintf_num(fp, ",%.10g", x);
	else
		fputs(isinf(x) ? ",inf" : ",", fp);
}

static void put_cover(FILE *fp, int c)
{
	if (c < 0)
		fputs(",", fp);
	else
		dur_fprintf_num(fp, ",%d", c);
}

static void print_csv(FILE *fp, const struct dur_recbt_result *r)
{
	char o[11], a[11], b[11];

	fputs("origin,target,quantity,kind,start,end,forecaster,observed,low,"
	      "high,crps,is50,is90,cover50,cover90,pit,p_event,brier,logs\n",
	      fp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];

		dur_fprintf_num(fp, "%s,%s,%s,%s,%s,%s,%s", dur_date_format(w->origin, o),
			w->target, w->quantity,
			w->kind == DUR_RECBT_COUNT ? "count" :
			w->kind == DUR_RECBT_EVENT ? "event" :
						     "month",
			dur_date_format(w->start, a), dur_date_format(w->end, b),
			dur_recbt_forecaster_name(w->forecaster));
		put_fig(fp, w->observed);
		put_fig(fp, w->lo);
		put_fig(fp, w->hi);
		put_num(fp, w->crps);
		put_num(fp, w->is50);
		put_num(fp, w->is90);
		put_cover(fp, w->cover50);
		put_cover(fp, w->cover90);
		put_num(fp, w->pit);
		put_num(fp, w->p_event);
		put_num(fp, w->brier);
		put_num(fp, w->logs);
		fputc('\n', fp);
	}
}

/* "  0.123" or "      -" for a score that does not apply. */
static void cell(FILE *fp, const char *fmt, double x, int width)
{
	if (isfinite(x))
		dur_fprintf_num(fp, fmt, width, x);
	else
		dur_fprintf_num(fp, " %*s", width - 1, "-");
}

static void print_text(FILE *fp, const struct dur_recbt_result *r,
		       const struct dur_scenario *sc,
		       const struct dur_record *rec,
		       const struct dur_recbt_opts *o)
{
	char a[11], b[11];

	dur_fprintf_num(fp,
		"durand %s: record backtest of '%s' on the record '%s' "
		"(sha256 %.12s), %d origins, %d months ahead\n",
		DURAND_VERSION, sc->name, rec->name, rec->digest, r->norigins,
		o->months);
	dur_fprintf_num(fp,
		"each origin: the scenario filtered through the facts that end "
		"before it (%ld particles), then %ld runs; seed %llu, %s CRPS; "
		"nothing dated on or after %d-01-01 is used (the test year)\n",
		o->particles, o->runs, (unsigned long long)o->seed,
		o->crps_kind == DUR_CRPS_FAIR ? "fair" : "plain", LIMIT_Y);
	if (r->refit) {
		dur_fprintf_num(fp,
			"parameters refitted at each origin by IF2 (%ld "
			"particles, %d iterations, walk sd %g, cooling %g) on "
			"the facts that end before it:",
			o->if2.particles, o->if2.iterations, o->if2.rw_sd,
			o->if2.cooling);
		for (int j = 0; j < r->nfit; j++)
			dur_fprintf_num(fp, "%s %s [%g, %g]", j ? "," : "", r->fit[j],
				r->fit_lo[j], r->fit_hi[j]);
		fputc('\n', fp);
		if (two_stages(r))
			fprintf(fp, "in two stages, as the shipped ensemble was "
				    "made: ttp.mu and ttp.growth on the "
				    "trackers' counts alone, then the others on "
				    "every fact (--refit-stages 1: one)\n");
	} else {
		dur_fprintf_num(fp, "parameters: the scenario's, not refitted "
			    "(--refit re-estimates them at each origin)\n");
		if (sc->pens.n)
			dur_fprintf_num(fp, "the scenario's ensemble: %d sets of %d "
				    "parameters, %s\n",
				sc->pens.n, sc->pens.k, sc->pens.source);
	}
	dur_fprintf_num(fp, "%s\n\n", in_sample_text(sc, r->refit));
	dur_fprintf_num(fp, "%-10s  %-10s  %14s\n", "origin", "last day", "facts filtered");
	for (int i = 0; i < r->norigins; i++)
		dur_fprintf_num(fp, "%-10s  %-10s  %14d\n",
			dur_date_format(r->origin[i], a),
			dur_date_format(r->horizon_end[i] - 1, b),
			r->filter_used[i]);
	if (r->refit) {
		dur_fprintf_num(fp, "\nIF2 at each origin: the final swarm's median "
			    "[5%%, 95%%]\n%-10s %5s %9s", "origin", "facts",
			"loglik");
		for (int j = 0; j < r->nfit; j++)
			dur_fprintf_num(fp, "  %-30s", r->fit[j]);
		fputc('\n', fp);
		for (int i = 0; i < r->norigins; i++) {
			const struct dur_recbt_refit *q = &r->refitted[i];

			dur_fprintf_num(fp, "%-10s %5d %9.2f",
				dur_date_format(r->origin[i], a), q->nused,
				q->loglik);
			for (int j = 0; j < r->nfit; j++) {
				char c[64];

				snprintf(c, sizeof(c), "%.4g [%.4g, %.4g]",
					 q->q50[j], q->q05[j], q->q95[j]);
				dur_fprintf_num(fp, "  %-30s", c);
			}
			fputc('\n', fp);
		}
	}
	dur_fprintf_num(fp,
		"\nMean scores by quantity and forecaster (counts: CRPS, "
		"interval scores and coverage; events: Brier and log score)\n");
	dur_fprintf_num(fp, "%-28s %-11s %4s %9s %9s %9s %7s %7s %7s %7s\n",
		"quantity", "forecaster", "n", "CRPS", "IS50", "IS90",
		"cov50", "cov90", "Brier", "log");
	for (size_t k = 0; k < r->nmean; k++) {
		const struct dur_recbt_mean *m = &r->mean[k];

		dur_fprintf_num(fp, "%-28s %-11s %4ld", m->quantity,
			dur_recbt_forecaster_name(m->forecaster), m->n);
		cell(fp, " %*.1f", m->crps, 9);
		cell(fp, " %*.1f", m->is50, 9);
		cell(fp, " %*.1f", m->is90, 9);
		cell(fp, " %*.2f", m->cover50, 7);
		cell(fp, " %*.2f", m->cover90, 7);
		cell(fp, " %*.3f", m->brier, 7);
		cell(fp, " %*.3f", m->logs, 7);
		fputc('\n', fp);
	}
	if (r->cover90_n)
		dur_fprintf_num(fp,
			"\ndurand's 90%% intervals cover %.0f of %ld count "
			"observations (%.0f%%)\n",
			r->cover90_durand * (double)r->cover90_n, r->cover90_n,
			100 * r->cover90_durand);
	dur_fprintf_num(fp,
		"\nSkill of durand against each baseline (1 - durand/baseline "
		"on the targets both scored; %.0f%% bootstrap interval over "
		"origins)\n",
		100 * o->level);
	dur_fprintf_num(fp, "%-28s %-11s %-5s %4s %7s %8s %19s\n", "quantity",
		"baseline", "score", "n", "origins", "skill", "interval");
	for (size_t k = 0; k < r->nskill; k++) {
		const struct dur_recbt_skill *s = &r->skill[k];

		dur_fprintf_num(fp, "%-28s %-11s %-5s %4ld %7d", s->quantity,
			dur_recbt_forecaster_name(s->baseline), s->score,
			s->s.n, s->norigins);
		cell(fp, " %*.3f", s->s.skill, 8);
		if (isfinite(s->s.lo))
			dur_fprintf_num(fp, "  [%7.3f, %7.3f]\n", s->s.lo, s->s.hi);
		else
			dur_fprintf_num(fp, " %19s\n", "-");
	}
	if (r->nunscored) {
		dur_fprintf_num(fp, "\nNot scored:\n");
		for (size_t i = 0; i < r->nunscored; i++) {
			const struct dur_recbt_unscored *u = &r->unscored[i];

			dur_fprintf_num(fp, "  %s  %-26s %-11s %s\n",
				dur_date_format(r->origin[u->origin_index], a),
				u->target,
				dur_recbt_forecaster_name(u->forecaster),
				u->why);
		}
	}
}

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

/* A figure: a number, "inf" for a censored bound. */
static json_t *fig(double x)
{
	return isinf(x) ? json_string("inf") : num(x);
}

/* Years of a tracker's history a fan shows before its origin. */
#define FAN_YEARS 10

static json_t *date1(int32_t day)
{
	json_t *a = json_array();
	char x[11];

	json_array_append_new(a, json_string(dur_date_format(day, x)));
	return a;
}

/* Per origin and count fact of durand's: each forecaster's quantiles, the
 * outcome, and the earlier years' figures of its publisher. */
static json_t *fans_json(const struct dur_recbt_result *r,
			 const struct dur_record *rec)
{
	json_t *fans = json_array();

	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];
		json_t *fan, *fcs, *hist, *hs, *he, *hv;
		int32_t st[FAN_YEARS], en[FAN_YEARS];
		double v[FAN_YEARS];
		const struct dur_fact *fa;
		int nh = 0;
		char x[11];

		if (w->forecaster != DUR_RECBT_DURAND ||
		    w->kind != DUR_RECBT_COUNT)
			continue;
		fan = json_object(), fcs = json_array();
		hist = json_object(), hs = json_array(), he = json_array();
		hv = json_array();
		for (size_t k = i; k < r->nrows; k++) {
			const struct dur_recbt_row *b = &r->row[k];

			if (k > i && (b->forecaster == DUR_RECBT_DURAND ||
				      b->origin_index != w->origin_index ||
				      strcmp(b->target, w->target)))
				break;
			json_array_append_new(
				fcs, bt_fan_forecast_unsorted(
					     dur_recbt_forecaster_name(
						     b->forecaster),
					     r->samples + k * (size_t)r->runs,
					     r->runs));
		}
		if ((fa = dur_record_find(rec, w->target)))
			nh = dur_recbt_history(rec, (int)(fa - rec->fact),
					       w->origin, FAN_YEARS, st, en, v);
		for (int k = 0; k < nh; k++) {
			json_array_append_new(
				hs, json_string(dur_date_format(st[k], x)));
			json_array_append_new(
				he, json_string(dur_date_format(en[k], x)));
			json_array_append_new(hv, json_real(v[k]));
		}
		json_object_set_new(hist, "start", hs);
		json_object_set_new(hist, "end", he);
		json_object_set_new(hist, "value", hv);
		json_object_set_new(fan, "origin",
				    json_string(dur_date_format(w->origin, x)));
		json_object_set_new(fan, "quantity", json_string(w->quantity));
		json_object_set_new(fan, "target", json_string(w->target));
		json_object_set_new(fan, "start", date1(w->start));
		json_object_set_new(fan, "end", date1(w->end));
		json_object_set_new(fan, "observed",
				    json_pack("[o]", fig(w->observed)));
		json_object_set_new(fan, "forecasts", fcs);
		json_object_set_new(fan, "history", hist);
		json_array_append_new(fans, fan);
	}
	return fans;
}

/* The PIT histograms (10 bins) of each forecaster's count rows. */
static json_t *pit_json(const struct dur_recbt_result *r)
{
	json_t *pit = json_array();

	for (int f = 0; f < DUR_RECBT_NFC; f++) {
		long h[10] = { 0 }, n = 0;
		json_t *a = json_array();

		for (size_t i = 0; i < r->nrows; i++) {
			const struct dur_recbt_row *w = &r->row[i];

			if (w->forecaster != f || w->kind != DUR_RECBT_COUNT ||
			    !isfinite(w->pit))
				continue;
			dur_score_pit_bin(h, 10, w->pit);
			n++;
		}
		if (!n) {
			json_decref(a);
			continue;
		}
		for (int b = 0; b < 10; b++)
			json_array_append_new(a, json_integer(h[b]));
		json_array_append_new(
			pit, json_pack("{s:s, s:s, s:o}", "quantity", "counts",
				       "forecaster",
				       dur_recbt_forecaster_name(f),
				       "histogram", a));
	}
	return pit;
}

static json_t *to_json(const struct dur_recbt_result *r,
		       const struct dur_scenario *sc,
		       const struct dur_record *rec,
		       const struct dur_recbt_opts *o)
{
	json_t *j = json_object(), *ori = json_array(), *rows = json_array();
	json_t *means = json_array(), *sk = json_array(), *un = json_array();
	char a[11], b[11];

	for (int i = 0; i < r->norigins; i++)
		json_array_append_new(
			ori,
			json_pack("{s:s, s:s, s:i}", "origin",
				  dur_date_format(r->origin[i], a), "last_day",
				  dur_date_format(r->horizon_end[i] - 1, b),
				  "facts_filtered", r->filter_used[i]));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];
		json_t *x = json_object();

		json_object_set_new(x, "origin", json_string(dur_date_format(
							 w->origin, a)));
		json_object_set_new(x, "target", json_string(w->target));
		json_object_set_new(x, "quantity", json_string(w->quantity));
		json_object_set_new(x, "kind",
				    json_string(w->kind == DUR_RECBT_COUNT ?
							"count" :
						w->kind == DUR_RECBT_EVENT ?
							"event" :
							"month"));
		json_object_set_new(x, "start", json_string(dur_date_format(
							w->start, a)));
		json_object_set_new(x, "end",
				    json_string(dur_date_format(w->end, a)));
		json_object_set_new(x, "forecaster",
				    json_string(dur_recbt_forecaster_name(
					    w->forecaster)));
		json_object_set_new(x, "observed", fig(w->observed));
		json_object_set_new(x, "low", fig(w->lo));
		json_object_set_new(x, "high", fig(w->hi));
		json_object_set_new(x, "crps", num(w->crps));
		json_object_set_new(x, "is50", num(w->is50));
		json_object_set_new(x, "is90", num(w->is90));
		json_object_set_new(x, "cover50",
				    w->cover50 < 0 ? json_null() :
						     json_integer(w->cover50));
		json_object_set_new(x, "cover90",
				    w->cover90 < 0 ? json_null() :
						     json_integer(w->cover90));
		json_object_set_new(x, "pit", num(w->pit));
		json_object_set_new(x, "p_event", num(w->p_event));
		json_object_set_new(x, "brier", num(w->brier));
		json_object_set_new(x, "logs", num(w->logs));
		json_array_append_new(rows, x);
	}
	for (size_t k = 0; k < r->nmean; k++) {
		const struct dur_recbt_mean *m = &r->mean[k];
		json_t *x = json_object();

		json_object_set_new(x, "quantity", json_string(m->quantity));
		json_object_set_new(x, "forecaster",
				    json_string(dur_recbt_forecaster_name(
					    m->forecaster)));
		json_object_set_new(x, "n", json_integer(m->n));
		json_object_set_new(x, "crps", num(m->crps));
		json_object_set_new(x, "is50", num(m->is50));
		json_object_set_new(x, "is90", num(m->is90));
		json_object_set_new(x, "cover50", num(m->cover50));
		json_object_set_new(x, "cover90", num(m->cover90));
		json_object_set_new(x, "brier", num(m->brier));
		json_object_set_new(x, "logs", num(m->logs));
		json_array_append_new(means, x);
	}
	for (size_t k = 0; k < r->nskill; k++) {
		const struct dur_recbt_skill *s = &r->skill[k];
		json_t *x = json_object();

		json_object_set_new(x, "quantity", json_string(s->quantity));
		json_object_set_new(x, "baseline",
				    json_string(dur_recbt_forecaster_name(
					    s->baseline)));
		json_object_set_new(x, "score", json_string(s->score));
		json_object_set_new(x, "n", json_integer(s->s.n));
		json_object_set_new(x, "origins", json_integer(s->norigins));
		json_object_set_new(x, "skill", num(s->s.skill));
		json_object_set_new(x, "lo", num(s->s.lo));
		json_object_set_new(x, "hi", num(s->s.hi));
		json_array_append_new(sk, x);
	}
	for (size_t i = 0; i < r->nunscored; i++) {
		const struct dur_recbt_unscored *u = &r->unscored[i];

		json_array_append_new(
			un, json_pack("{s:s, s:s, s:s, s:s}", "origin",
				      dur_date_format(r->origin[u->origin_index],
						      a),
				      "target", u->target, "forecaster",
				      dur_recbt_forecaster_name(u->forecaster),
				      "why", u->why));
	}
	json_object_set_new(j, "kind", json_string("record_backtest"));
	json_object_set_new(j, "version", json_string(DURAND_VERSION));
	json_object_set_new(j, "scenario", json_string(sc->name));
	json_object_set_new(j, "record", json_string(rec->name));
	json_object_set_new(j, "record_sha256", json_string(rec->digest));
	json_object_set_new(j, "months", json_integer(o->months));
	json_object_set_new(j, "particles", json_integer(o->particles));
	json_object_set_new(j, "runs", json_integer(o->runs));
	json_object_set_new(j, "seed", json_integer((json_int_t)o->seed));
	json_object_set_new(j, "crps",
			    json_string(o->crps_kind == DUR_CRPS_FAIR ? "fair" :
									"plain"));
	json_object_set_new(j, "limit", json_string("2025-01-01"));
	json_object_set_new(j, "parameters",
			    json_string(r->refit ? "refit" : "scenario"));
	json_object_set_new(j, "in_sample",
			    json_string(in_sample_text(sc, r->refit)));
	if (r->refit) {
		json_t *rf = json_object(), *ps = json_array(),
		       *at = json_array();

		for (int k = 0; k < r->nfit; k++)
			json_array_append_new(
				ps, json_pack("{s:s, s:o, s:o, s:i}", "path",
					      r->fit[k], "low", num(r->fit_lo[k]),
					      "high", num(r->fit_hi[k]), "stage",
					      r->stage[k]));
		for (int i = 0; i < r->norigins; i++) {
			const struct dur_recbt_refit *q = &r->refitted[i];
			json_t *est = json_object();

			for (int k = 0; k < r->nfit; k++)
				json_object_set_new(
					est, r->fit[k],
					json_pack("{s:o, s:o, s:o}", "q50",
						  num(q->q50[k]), "q05",
						  num(q->q05[k]), "q95",
						  num(q->q95[k])));
			json_array_append_new(
				at, json_pack("{s:s, s:s, s:i, s:o, s:o}",
					      "origin",
					      dur_date_format(r->origin[i], a),
					      "facts_end_before",
					      dur_date_format(q->until, b),
					      "facts_used", q->nused, "loglik",
					      num(q->loglik), "estimates", est));
		}
		json_object_set_new(rf, "method", json_string("if2"));
		json_object_set_new(rf, "particles",
				    json_integer(o->if2.particles));
		json_object_set_new(rf, "iterations",
				    json_integer(o->if2.iterations));
		json_object_set_new(rf, "rw_sd", num(o->if2.rw_sd));
		json_object_set_new(rf, "cooling", num(o->if2.cooling));
		json_object_set_new(rf, "every", json_integer(o->if2.every));
		json_object_set_new(rf, "start", json_string("uniform"));
		json_object_set_new(rf, "stages", json_integer(r->stages));
		json_object_set_new(rf, "params", ps);
		json_object_set_new(rf, "origins", at);
		json_object_set_new(j, "refit", rf);
	}
	json_object_set_new(j, "origins", ori);
	json_object_set_new(j, "cover90_durand", num(r->cover90_durand));
	json_object_set_new(j, "cover90_n", json_integer(r->cover90_n));
	json_object_set_new(j, "summary", means);
	json_object_set_new(j, "skill", sk);
	json_object_set_new(j, "unscored", un);
	json_object_set_new(j, "pit", pit_json(r));
	if (r->samples)
		json_object_set_new(j, "fans", fans_json(r, rec));
	json_object_set_new(j, "rows", rows);
	return j;
}

/* Every draw: origin, target, period (start/end), quantity, forecaster,
 * draw, value; rows without draws (a monthly event's climatology, a
 * rate) are left out. */
static int write_samples(const char *path, const struct dur_recbt_result *r)
{
	struct dur_output out = { 0 };
	struct dur_error err = { 0 };
	char o[11], a[11], b[11];

	if (dur_output_open(&out, path, &err))
		return report_error("backtest", &err);
	fputs("origin,target,period,quantity,forecaster,draw,value\n", out.fp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];
		const double *x = r->samples + i * (size_t)r->runs;

		if (isnan(x[0]))
			continue;
		dur_date_format(w->origin, o);
		dur_date_format(w->start, a);
		dur_date_format(w->end, b);
		for (long j = 0; j < r->runs; j++)
			dur_fprintf_num(out.fp, "%s,%s,%s/%s,%s,%s,%ld,%.10g\n", o,
				w->target, a, b, w->quantity,
				dur_recbt_forecaster_name(w->forecaster), j + 1,
				x[j]);
	}
	if (dur_output_commit(&out, &err))
		return report_error("backtest", &err);
	return 0;
}

/* --fit's text into paths (a copy in buf). */
static int parse_fit(const char *fit, char *buf, size_t len,
		     const char **paths, int *k)
{
	char *save = NULL;

	*k = 0;
	if (!*fit || strlen(fit) >= len)
		return bad_usage("backtest", "--fit: '%s' is not a list of "
					     "parameter paths",
				 fit);
	strcpy(buf, fit);
	for (char *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		if (*k == DUR_IF2_MAX)
			return bad_usage("backtest",
					 "--fit: at most %d parameters",
					 DUR_IF2_MAX);
		paths[(*k)++] = t;
	}
	return 0;
}

int backtest_record(const struct recbt_cli *c)
{
	struct dur_recbt_opts o = DUR_RECBT_OPTS_INIT;
	int32_t origin[DUR_RECBT_MAXORIGINS];
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_recbt_result *r = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	const char *paths[DUR_IF2_MAX];
	char fitbuf[1024];
	json_t *j = NULL;
	int rc;
	char a[11];

	rc = parse_origins_list(c->origins ? c->origins : DEFAULT_ORIGINS,
				origin, &o.norigins);
	if (rc)
		return rc;
	o.origin = origin;
	if (c->months)
		o.months = c->months;
	if (c->particles > 0)
		o.particles = c->particles;
	o.runs = c->runs;
	o.seed = c->seed;
	o.threads = c->threads;
	o.crps_kind = c->crps_kind;
	o.keep_samples = 1; /* the fans of the JSON and the report */
	o.refit = c->refit;
	if (c->fit) {
		rc = parse_fit(c->fit, fitbuf, sizeof(fitbuf), paths, &o.nfit);
		if (rc)
			return rc;
		o.fit = paths;
	}
	if (c->refit_particles)
		o.if2.particles = c->refit_particles;
	if (c->refit_iterations)
		o.if2.iterations = c->refit_iterations;
	if (c->refit_stages)
		o.stages = c->refit_stages;
	o.limit = dur_date_from_ymd(LIMIT_Y, 1, 1);
	for (int i = 0; i < o.norigins; i++)
		if (dur_recbt_add_months(origin[i], o.months) > o.limit)
			return bad_usage("backtest",
					 "--origins %s with --horizon %dm "
					 "reaches past %d-01-01: %d is the "
					 "test year, and nothing dated in it "
					 "is used",
					 dur_date_format(origin[i], a),
					 o.months, LIMIT_Y, LIMIT_Y);
	sc = cli_open_scenario("backtest",
			       c->scenario ? c->scenario : DEFAULT_SCENARIO,
			       &rc);
	if (!sc)
		return rc;
	if (c->sets && (rc = cli_apply_sets("backtest", sc, c->sets)))
		goto done;
	rec = cli_open_record("backtest", c->record, &rc);
	if (!rec)
		goto done;
	cli_catch_signals();
	o.cancel = &cli_stop;
	o.comm = cli_pf_comm(); /* each filter's particles over MPI ranks */
	if (dur_recbt_run(sc, rec, &o, &r, &err)) {
		rc = report_error_rank0("backtest", &err);
		goto done;
	}
	if (cli_comm_rank() != 0) /* every rank has the result; 0 writes it */
		goto done;
	if (c->format == CLI_JSON || c->report) {
		j = to_json(r, sc, rec, &o);
		if (!j) {
			dur_error_set(&err, DUR_ENOMEM, "", 0, 0,
				      "out of memory");
			rc = report_error("backtest", &err);
			goto done;
		}
		cli_provenance_add(j);
	}
	if (dur_output_open(&out, c->out, &err)) {
		rc = report_error("backtest", &err);
		goto done;
	}
	if (c->format == CLI_CSV) {
		print_csv(out.fp, r);
	} else if (c->format == CLI_JSON) {
		if (dur_json_write(j, out.fp, &err)) {
			dur_output_abort(&out);
			rc = report_error("backtest", &err);
			goto done;
		}
	} else {
		print_text(out.fp, r, sc, rec, &o);
	}
	if (dur_output_commit(&out, &err)) {
		rc = report_error("backtest", &err);
		goto done;
	}
	if (c->samples)
		rc = write_samples(c->samples, r);
	if (!rc && c->report) {
		if (dur_report_write(j, c->report, &err))
			rc = report_error("backtest", &err);
		dur_chart_cleanup(); /* the fonts cairo loaded */
	}
done:
	json_decref(j);
	dur_recbt_free(r);
	dur_record_free(rec);
	dur_scenario_free(sc);
	return rc;
}
