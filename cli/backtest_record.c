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
#include "durand/date.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/recbacktest.h"
#include "durand/record.h"
#include "durand/scenario.h"

#define DEFAULT_ORIGINS "2022-01-01,2023-01-01,2024-01-01"
#define DEFAULT_SCENARIO "afpak-2021"

/* The honesty rule's limit: 2025 is the test year. */
#define LIMIT_Y 2025

/* What the output says of the parameters: in-sample for these origins. */
static const char in_sample[] =
	"The state at each origin is out-of-sample: the filter sees only the "
	"facts that end before it. The parameters are in-sample: the revised "
	"model's were set by hand against the record's counts of 2022-2024 "
	"(docs/ODD.md 7.13 and 11.1), and the observation shares 0.63 and "
	"0.75 (PIPS against PICSS) were estimated from the 2022 and 2024 "
	"tracker pairs.";

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
		fprintf(fp, ",%.6f", x);
	else if (isinf(x))
		fputs(",inf", fp);
	else
		fputs(",", fp);
}

static void put_fig(FILE *fp, double x)
{
	if (isfinite(x))
		fprintf(fp, ",%.10g", x);
	else
		fputs(isinf(x) ? ",inf" : ",", fp);
}

static void put_cover(FILE *fp, int c)
{
	if (c < 0)
		fputs(",", fp);
	else
		fprintf(fp, ",%d", c);
}

static void print_csv(FILE *fp, const struct dur_recbt_result *r)
{
	char o[11], a[11], b[11];

	fputs("origin,target,quantity,kind,start,end,forecaster,observed,low,"
	      "high,crps,is50,is90,cover50,cover90,pit,p_event,brier,logs\n",
	      fp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];

		fprintf(fp, "%s,%s,%s,%s,%s,%s,%s", dur_date_format(w->origin, o),
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
		fprintf(fp, fmt, width, x);
	else
		fprintf(fp, " %*s", width - 1, "-");
}

static void print_text(FILE *fp, const struct dur_recbt_result *r,
		       const struct dur_scenario *sc,
		       const struct dur_record *rec,
		       const struct dur_recbt_opts *o)
{
	char a[11], b[11];

	fprintf(fp,
		"durand %s: record backtest of '%s' on the record '%s' "
		"(sha256 %.12s), %d origins, %d months ahead\n",
		DURAND_VERSION, sc->name, rec->name, rec->digest, r->norigins,
		o->months);
	fprintf(fp,
		"each origin: the scenario filtered through the facts that end "
		"before it (%ld particles), then %ld runs; seed %llu, %s CRPS; "
		"nothing dated on or after %d-01-01 is used (the test year)\n",
		o->particles, o->runs, (unsigned long long)o->seed,
		o->crps_kind == DUR_CRPS_FAIR ? "fair" : "plain", LIMIT_Y);
	fprintf(fp, "%s\n\n", in_sample);
	fprintf(fp, "%-10s  %-10s  %14s\n", "origin", "last day", "facts filtered");
	for (int i = 0; i < r->norigins; i++)
		fprintf(fp, "%-10s  %-10s  %14d\n",
			dur_date_format(r->origin[i], a),
			dur_date_format(r->horizon_end[i] - 1, b),
			r->filter_used[i]);
	fprintf(fp,
		"\nMean scores by quantity and forecaster (counts: CRPS, "
		"interval scores and coverage; events: Brier and log score)\n");
	fprintf(fp, "%-28s %-11s %4s %9s %9s %9s %7s %7s %7s %7s\n",
		"quantity", "forecaster", "n", "CRPS", "IS50", "IS90",
		"cov50", "cov90", "Brier", "log");
	for (size_t k = 0; k < r->nmean; k++) {
		const struct dur_recbt_mean *m = &r->mean[k];

		fprintf(fp, "%-28s %-11s %4ld", m->quantity,
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
		fprintf(fp,
			"\ndurand's 90%% intervals cover %.0f of %ld count "
			"observations (%.0f%%)\n",
			r->cover90_durand * (double)r->cover90_n, r->cover90_n,
			100 * r->cover90_durand);
	fprintf(fp,
		"\nSkill of durand against each baseline (1 - durand/baseline "
		"on the targets both scored; %.0f%% bootstrap interval over "
		"origins)\n",
		100 * o->level);
	fprintf(fp, "%-28s %-11s %-5s %4s %7s %8s %19s\n", "quantity",
		"baseline", "score", "n", "origins", "skill", "interval");
	for (size_t k = 0; k < r->nskill; k++) {
		const struct dur_recbt_skill *s = &r->skill[k];

		fprintf(fp, "%-28s %-11s %-5s %4ld %7d", s->quantity,
			dur_recbt_forecaster_name(s->baseline), s->score,
			s->s.n, s->norigins);
		cell(fp, " %*.3f", s->s.skill, 8);
		if (isfinite(s->s.lo))
			fprintf(fp, "  [%7.3f, %7.3f]\n", s->s.lo, s->s.hi);
		else
			fprintf(fp, " %19s\n", "-");
	}
	if (r->nunscored) {
		fprintf(fp, "\nNot scored:\n");
		for (size_t i = 0; i < r->nunscored; i++) {
			const struct dur_recbt_unscored *u = &r->unscored[i];

			fprintf(fp, "  %s  %-26s %-11s %s\n",
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
	json_object_set_new(j, "in_sample", json_string(in_sample));
	json_object_set_new(j, "origins", ori);
	json_object_set_new(j, "cover90_durand", num(r->cover90_durand));
	json_object_set_new(j, "cover90_n", json_integer(r->cover90_n));
	json_object_set_new(j, "summary", means);
	json_object_set_new(j, "skill", sk);
	json_object_set_new(j, "unscored", un);
	json_object_set_new(j, "rows", rows);
	return j;
}

int backtest_record(const char *scenario, const char *record,
		    const char *origins, int months, long particles, long runs,
		    uint64_t seed, int threads, int crps_kind, int format,
		    const char *out_path)
{
	struct dur_recbt_opts o = DUR_RECBT_OPTS_INIT;
	int32_t origin[DUR_RECBT_MAXORIGINS];
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_recbt_result *r = NULL;
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	int rc;
	char a[11];

	rc = parse_origins_list(origins ? origins : DEFAULT_ORIGINS, origin,
				&o.norigins);
	if (rc)
		return rc;
	o.origin = origin;
	if (months)
		o.months = months;
	if (particles > 0)
		o.particles = particles;
	o.runs = runs;
	o.seed = seed;
	o.threads = threads;
	o.crps_kind = crps_kind;
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
			       scenario ? scenario : DEFAULT_SCENARIO, &rc);
	if (!sc)
		return rc;
	rec = cli_open_record("backtest", record, &rc);
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
	if (dur_output_open(&out, out_path, &err)) {
		rc = report_error("backtest", &err);
		goto done;
	}
	if (format == CLI_CSV) {
		print_csv(out.fp, r);
	} else if (format == CLI_JSON) {
		json_t *j = to_json(r, sc, rec, &o);

		if (!j || dur_json_write(j, out.fp, &err)) {
			json_decref(j);
			dur_output_abort(&out);
			rc = report_error("backtest", &err);
			goto done;
		}
		json_decref(j);
	} else {
		print_text(out.fp, r, sc, rec, &o);
	}
	if (dur_output_commit(&out, &err))
		rc = report_error("backtest", &err);
done:
	dur_recbt_free(r);
	dur_record_free(rec);
	dur_scenario_free(sc);
	return rc;
}
