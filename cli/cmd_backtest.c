/* cmd_backtest.c: `durand backtest`, rolling-origin forecasts of the event
 * store's monthly counts, scored (docs/backtest.md). The store is read
 * here and handed to the analysis layer as plain arrays. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "mpi.h"
#include "durand/numtext.h"
#include "durand/backtest.h"
#include "durand/baseline.h"
#include "durand/chart.h"
#include "durand/date.h"
#include "durand/output.h"
#include "durand/recbacktest.h"
#include "durand/report.h"
#include "durand/stats.h"
#include "durand/store.h"

static const struct cli_command cmd = {
	"backtest", "[<name>|<file>]",
	"Forecast from each origin, on the data strictly before it, and score "
	"the forecasts against what came (docs/backtest.md). With --data "
	"events, the event store's monthly attack counts, by the baselines; "
	"with --data record, the scenario (default: afpak-2021) filtered "
	"through the record before each origin, against the record after it, "
	"beside baselines on the same facts."
};

enum { DATA_EVENTS = 1, DATA_RECORD };

static const struct cli_choice data_kinds[] = {
	{ "events", DATA_EVENTS }, { "record", DATA_RECORD }, { NULL, 0 }
};

/* The stream the backtest forecasts and the quantities it knows. */
#define STREAM "attack"
static const char *const quantities[] = { "events", "deaths", NULL };
static const struct cli_choice horizons[] = {
	{ "1m", 1 }, { "3m", 3 }, { "6m", 6 }, { "12m", 12 }, { NULL, 0 }
};
static const struct cli_choice estimators[] = {
	{ "fair", DUR_CRPS_FAIR }, { "plain", DUR_CRPS_PLAIN }, { NULL, 0 }
};

struct args {
	int data;                            /* DATA_EVENTS or DATA_RECORD */
	const char *scenario, *db, *out, *samples, *record, *origins;
	const char *report, *fit;
	long particles;                      /* record: per filter */
	int refit, refit_iterations;         /* record: --refit and IF2's */
	int refit_stages;                    /* record: --refit-stages */
	struct cli_sets sets;                /* record: --set */
	long refit_particles;                /*   sizes (0: defaults) */
	int format;                          /* index in cli_formats */
	int nq, q[DUR_BACKTEST_MAXQ];        /* quantities asked for */
	int nfc;
	struct dur_forecaster fc[DUR_BACKTEST_MAXF];
	int32_t from, to;                    /* origins */
	int step;                            /* months */
	struct dur_backtest_opts o;
};

/* "2012-01" or "2012-01-01": the first day of a month. */
static int parse_month(const char *s, size_t len, int32_t *day)
{
	char buf[16];
	const char *why;
	int y, m, d;

	if (len == 7 && len < sizeof(buf)) {
		memcpy(buf, s, len);
		memcpy(buf + len, "-01", 4);
		s = buf, len += 3;
	}
	if (dur_date_parse(s, len, day, &why))
		return -1;
	dur_date_to_ymd(*day, &y, &m, &d);
	return d == 1 ? 0 : -1;
}

static int parse_origins(const char *v, struct args *a)
{
	const char *dots = strstr(v, ".."), *colon;
	long step = 1;

	if (!dots)
		goto bad;
	colon = strchr(dots, ':');
	if (parse_month(v, (size_t)(dots - v), &a->from) ||
	    parse_month(dots + 2,
			colon ? (size_t)(colon - dots - 2) : strlen(dots + 2),
			&a->to))
		goto bad;
	if (colon && parse_long("backtest", "--origins step", colon + 1, 1,
				120, &step))
		return -1;
	if (a->to < a->from) {
		bad_usage("backtest", "--origins: '%s' ends before it begins",
			  v);
		return -1;
	}
	a->step = (int)step;
	return 0;
bad:
	bad_usage("backtest",
		  "--origins: expected FROM..TO[:STEP] with months as YYYY-MM "
		  "(or the first day of one), got '%s'",
		  v);
	return -1;
}

/* Split a comma list and call one(name) for each; -1 after a message. */
static int each(const char *list, const char *opt, struct args *a,
		int (*one)(const char *name, struct args *a))
{
	char buf[256], *save = NULL;

	if (strlen(list) >= sizeof(buf) || !*list) {
		bad_usage("backtest", "%s: '%s' is not a list", opt, list);
		return -1;
	}
	strcpy(buf, list);
	for (char *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		if (one(t, a))
			return -1;
	return 0;
}

static int one_quantity(const char *name, struct args *a)
{
	int i = 0;

	while (quantities[i] && strcmp(quantities[i], name))
		i++;
	if (!quantities[i]) {
		bad_usage("backtest",
			  "--quantities: expected events or deaths, got '%s'",
			  name);
		return -1;
	}
	for (int j = 0; j < a->nq; j++)
		if (a->q[j] == i) {
			bad_usage("backtest", "--quantities: '%s' twice", name);
			return -1;
		}
	a->q[a->nq++] = i;
	return 0;
}

static int one_baseline(const char *name, struct args *a)
{
	struct dur_error err = { 0 };

	for (int j = 0; j < a->nfc; j++)
		if (!strcmp(a->fc[j].name, name)) {
			bad_usage("backtest", "--baselines: '%s' twice", name);
			return -1;
		}
	if (a->nfc == DUR_BACKTEST_MAXF) {
		bad_usage("backtest", "--baselines: too many");
		return -1;
	}
	if (dur_baseline_find(name, &a->fc[a->nfc], &err)) {
		bad_usage("backtest", "--baselines: %s", err.msg);
		return -1;
	}
	a->nfc++;
	return 0;
}

/* The options that belong to one kind of data only: given with the other,
 * a usage error. */
static int check_mode(const struct args *a, int db, int q, int bl,
		      int part)
{
	const char *name = NULL;

	if (a->data == DATA_RECORD)
		name = db ? "--db" : q ? "--quantities" : bl ? "--baselines" :
								  NULL;
	else
		name = part ? "--particles" : a->record ? "--record" :
		       a->fit ? "--fit" :
		       a->refit_particles ? "--refit-particles" :
		       a->refit_iterations ? "--refit-iterations" :
		       a->refit_stages ? "--refit-stages" :
		       a->sets.n ? "--set" : NULL;
	if (name)
		return bad_usage("backtest", "%s is for --data %s only", name,
				 a->data == DATA_RECORD ? "events" : "record");
	if (a->data == DATA_EVENTS && a->refit)
		return bad_usage(
			"backtest",
			"--refit has no meaning with --data events: its "
			"forecasters are the baselines, each already fitted at "
			"every origin on the data before it (negbin on 24 "
			"months, the Hawkes process by maximum likelihood on "
			"730 days), and durand's own parameters are not "
			"forecast here; --refit re-estimates them for --data "
			"record (docs/backtest.md)");
	if (a->data == DATA_RECORD && !a->refit &&
	    (a->fit || a->refit_particles || a->refit_iterations ||
	     a->refit_stages))
		return bad_usage("backtest", "--fit, --refit-particles, "
					     "--refit-iterations and "
					     "--refit-stages need --refit");
	return 0;
}

/* Every option of the command; 0 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct args *a)
{
	const char *qlist = NULL, *blist = NULL, *db = NULL;
	long m = a->o.m, particles = -1;
	int horizon = 0, data = 0;
	const struct cli_option opts[] = {
		{ .kind = CLI_CHOICE, .name = "data", .value = &data,
		  .choices = data_kinds, .flags = CLI_NO_DEFAULT,
		  .help = "what is forecast and scored: the event store "
			  "(default) or the record (the default when "
			  "--record is given)" },
		CLI_OPT_STRING("db", &db, "FILE",
			       "events: event database (default durand.db)"),
		CLI_OPT_STRING("record", &a->record, "NAME|FILE",
			       "record: the record (default: the built-in "
			       "one, afpak)"),
		{ .kind = CLI_STRING, .name = "origins", .value = &a->origins,
		  .argh = "LIST", .flags = CLI_NO_DEFAULT,
		  .help = "events: FROM..TO[:STEP], months YYYY-MM every STEP "
			  "(required); record: DATE,... (default "
			  "2022-01-01,2023-01-01,2024-01-01)" },
		{ .kind = CLI_CHOICE, .name = "horizon", .value = &horizon,
		  .choices = horizons, .flags = CLI_NO_DEFAULT,
		  .help = "months scored after each origin (events: "
			  "required; record: default 12m)" },
		CLI_OPT_STRING("quantities", &qlist, "Q,...",
			       "events: events, deaths (default both)"),
		CLI_OPT_STRING("baselines", &blist, "B,...",
			       "events: no-change, climatology, negbin, "
			       "hawkes (default all)"),
		CLI_OPT_LONG("runs", &m, 2, 1000000, "N",
			     "draws per forecast"),
		{ .kind = CLI_LONG, .name = "particles", .value = &particles,
		  .min = 1, .max = 10000000L, .argh = "N",
		  .flags = CLI_NO_DEFAULT,
		  .help = "record: particles of each origin's filter "
			  "(default 2000)" },
		CLI_OPT_SEED(&a->o.seed),
		CLI_OPT_THREADS(&a->o.threads),
		CLI_OPT_CHOICE("crps", &a->o.crps_kind, estimators,
			       "CRPS estimator"),
		CLI_OPT_FORMAT(&a->format, cli_formats),
		CLI_OPT_OUT(&a->out),
		CLI_OPT_STRING("samples", &a->samples, "FILE",
			       "also write every draw as CSV"),
		CLI_OPT_STRING("report", &a->report, "FILE.html",
			       "also write an HTML report (fans, PIT, skill)"),
		CLI_OPT_FLAG("refit", &a->refit,
			     "record: re-estimate the parameters at each "
			     "origin by IF2 on the facts before it"),
		CLI_OPT_STRING("fit", &a->fit, "P,...",
			       "record, --refit: the parameters (default: "
			       "the scenario's ensemble's, else "
			       DUR_RECBT_REFIT_DEFAULT ")"),
		{ .kind = CLI_LONG, .name = "refit-particles",
		  .value = &a->refit_particles, .min = 2, .max = 10000000L,
		  .argh = "N", .flags = CLI_NO_DEFAULT,
		  .help = "record, --refit: IF2's particles (default 500)" },
		{ .kind = CLI_INT, .name = "refit-iterations",
		  .value = &a->refit_iterations, .min = 1, .max = 1000,
		  .argh = "M", .flags = CLI_NO_DEFAULT,
		  .help = "record, --refit: IF2's iterations (default 10)" },
		{ .kind = CLI_INT, .name = "refit-stages",
		  .value = &a->refit_stages, .min = 1, .max = 2,
		  .argh = "1|2", .flags = CLI_NO_DEFAULT,
		  .help = "record, --refit: 2, the attack rate on the "
			  "trackers' counts first, as the shipped ensemble "
			  "(default); 1, all on every fact" },
		CLI_OPT_SET(&a->sets),
		CLI_OPT_END(),
	};
	int rc;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc) ? 2 : -1;
	if (argc > 1)
		return cli_usage_error(&cmd, opts);
	a->scenario = argc ? argv[0] : NULL;
	a->data = data ? data : a->record ? DATA_RECORD : DATA_EVENTS;
	if (data == DATA_EVENTS && a->record)
		return bad_usage("backtest", "--record is for --data record "
					     "only");
	rc = check_mode(a, db != NULL, qlist != NULL, blist != NULL,
			particles >= 0);
	if (rc)
		return rc;
	{
		const char *const opt[] = { "--out", "--report", "--samples" };
		const char *const path[] = { a->out, a->report, a->samples };

		if (cli_distinct_outputs("backtest", 3, opt, path))
			return 2;
	}
	a->o.m = (int)m;
	a->o.horizon = horizon;
	a->particles = particles;
	if (a->data == DATA_RECORD)
		return 0;
	if (a->scenario)
		return bad_usage("backtest",
				 "'%s': a scenario is forecast against the "
				 "record (--data record); the event data are "
				 "scored with the baselines only",
				 a->scenario);
	if (!a->origins || !horizon)
		return bad_usage("backtest",
				 "option '--%s' is required with --data "
				 "events; see 'durand backtest --help'",
				 a->origins ? "horizon" : "origins");
	a->db = db ? db : DUR_STORE_DEFAULT;
	if (parse_origins(a->origins, a))
		return 2;
	if (each(qlist ? qlist : "events,deaths", "--quantities", a,
		 one_quantity) ||
	    each(blist ? blist : DUR_BASELINE_ALL, "--baselines", a,
		 one_baseline))
		return 2;
	/* the fans of the JSON and the report need the draws */
	a->o.keep_samples = 1;
	return 0;
}

/* What the store holds, as the arrays struct dur_backtest_data points
 * into. */
struct store_data {
	int32_t *period;
	double *value[2], *low, *high; /* events, deaths (best) */
	double *day_events, *day_deaths;
};

static void store_data_free(struct store_data *s)
{
	free(s->period);
	free(s->value[0]);
	free(s->value[1]);
	free(s->low);
	free(s->high);
	free(s->day_events);
	free(s->day_deaths);
}

static int find_key(const struct dur_stats *s, const char *key)
{
	for (size_t k = 0; k < s->nkeys; k++)
		if (!strcmp(s->key[k], key))
			return (int)k;
	return -1;
}

/* The monthly grid spans every event in the store (the data's span); the
 * series are the attack stream's. Returns the exit status. */
static int load(const struct args *a, struct store_data *s,
		struct dur_backtest_data *d)
{
	struct dur_stats_query q = { .by = DUR_BY_MONTH,
				     .group = DUR_GROUP_STREAM };
	struct dur_stats *mon = NULL, *day = NULL;
	struct dur_store *st;
	struct dur_error err = { 0 };
	int rc = 0, k;
	size_t np;

	if (dur_store_open(&st, a->db, DUR_STORE_READONLY, &err))
		return report_error("backtest", &err);
	rc = cli_data_store("backtest", st);
	if (rc) {
		dur_store_free(st);
		return rc;
	}
	if (dur_stats_count(st, &q, &mon, &err))
		goto fail;
	q.by = DUR_BY_DAY;
	q.stream = STREAM;
	if (dur_stats_count(st, &q, &day, &err))
		goto fail;
	if (!mon->nperiods) {
		rc = bad_usage("backtest", "%s: the store holds no events",
			       a->db);
		goto out;
	}
	k = find_key(mon, STREAM);
	if (k < 0 || !day->nperiods) {
		rc = bad_usage("backtest",
			       "%s: the store holds no events of the '%s' "
			       "stream",
			       a->db, STREAM);
		goto out;
	}
	np = mon->nperiods;
	s->period = malloc((np + 1) * sizeof(*s->period));
	s->value[0] = malloc(np * sizeof(double));
	s->value[1] = malloc(np * sizeof(double));
	s->low = malloc(np * sizeof(double));
	s->high = malloc(np * sizeof(double));
	d->ndays = dur_stats_period_next(DUR_BY_MONTH,
					 mon->period[np - 1]) -
		   mon->period[0];
	s->day_events = calloc((size_t)d->ndays, sizeof(double));
	s->day_deaths = calloc((size_t)d->ndays, sizeof(double));
	if (!s->period || !s->value[0] || !s->value[1] || !s->low ||
	    !s->high || !s->day_events || !s->day_deaths) {
		fputs("durand backtest: out of memory\n", stderr);
		rc = 1;
		goto out;
	}
	for (size_t p = 0; p < np; p++) {
		const struct dur_stats_cell *c = &mon->cell[p * mon->nkeys + k];

		s->period[p] = mon->period[p];
		s->value[0][p] = (double)c->events;
		s->value[1][p] = (double)c->best;
		s->low[p] = (double)c->low;
		s->high[p] = (double)c->high;
	}
	s->period[np] = dur_stats_period_next(DUR_BY_MONTH, s->period[np - 1]);
	for (size_t t = 0; t < day->nperiods; t++) {
		long i = day->period[t] - s->period[0];

		/* one key: the stream asked for */
		s->day_events[i] = (double)day->cell[t * day->nkeys].events;
		s->day_deaths[i] = (double)day->cell[t * day->nkeys].best;
	}
	d->nperiods = (int)np;
	d->period = s->period;
	d->day_events = s->day_events;
	d->day_deaths = s->day_deaths;
	d->nquant = a->nq;
	for (int i = 0; i < a->nq; i++) {
		d->quantity[i] = quantities[a->q[i]];
		d->value[i] = s->value[a->q[i]];
		d->low[i] = a->q[i] == 1 ? s->low : NULL;
		d->high[i] = a->q[i] == 1 ? s->high : NULL;
	}
	goto out;
fail:
	rc = report_error("backtest", &err);
out:
	dur_stats_free(mon);
	dur_stats_free(day);
	dur_store_free(st);
	return rc;
}

static const char note[] =
	"forecasters: baselines only; durand's own forecast (the model "
	"filtered to each origin) is not built yet";

static const char *month(int32_t day, char *buf)
{
	dur_date_format(day, buf);
	buf[7] = 0;
	return buf;
}

static void print_csv(FILE *fp, const struct dur_backtest_result *r,
		      const struct args *a, const struct dur_backtest_data *d)
{
	char o[11], p[11];

	fputs("origin,quantity,step,period,forecaster,observed,low,high,crps,"
	      "is50,is90,cover50,cover90,pit,p_event,brier,logs\n",
	      fp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_backtest_row *w = &r->row[i];

		dur_fprintf_num(fp,
			"%s,%s,%d,%s,%s,%.10g,%.10g,%.10g,%.6f,%.6f,%.6f,%d,%d,"
			"%.6f,%.6f,%.6f,%.6f\n",
			month(w->origin, o), d->quantity[w->quantity], w->step,
			month(w->period, p), a->fc[w->forecaster].name,
			w->observed, w->low, w->high, w->crps, w->is50, w->is90,
			w->cover50, w->cover90, w->pit, w->p_event, w->brier,
			w->logs);
	}
}

static const struct dur_backtest_mean *
mean_of(const struct dur_backtest_result *r, int q, int s, int f)
{
	return &r->mean[(q * (r->horizon + 1) + s) * r->nfc + f];
}

static void print_text(FILE *fp, const struct dur_backtest_result *r,
		       const struct args *a, const struct dur_backtest_data *d)
{
	char x[11], y[11];
	int nf = r->nfc;

	dur_fprintf_num(fp,
		"backtest of the '%s' stream, %d origins %s..%s every %d "
		"month%s, horizon %d months\n",
		STREAM, a->o.norigins, month(a->o.origin[0], x),
		month(a->o.origin[a->o.norigins - 1], y), a->step,
		a->step > 1 ? "s" : "", r->horizon);
	dur_fprintf_num(fp, "%d draws a forecast, seed %llu, %s CRPS; data strictly "
		    "before each origin\n%s\n",
		r->m, (unsigned long long)a->o.seed,
		a->o.crps_kind == DUR_CRPS_FAIR ? "fair" : "plain", note);
	{
		char data[2048];

		fprintf(fp, "data: %s\n",
			cli_data_line(NULL, data, sizeof(data)));
	}
	for (int q = 0; q < d->nquant; q++) {
		dur_fprintf_num(fp, "\n%s: mean CRPS by months ahead%s\n",
			d->quantity[q],
			d->low[q] ? " (UCDP's [low, high] as the observation)" :
				    "");
		dur_fprintf_num(fp, "%-6s", "step");
		for (int f = 0; f < nf; f++)
			dur_fprintf_num(fp, " %12s", a->fc[f].name);
		dur_fprintf_num(fp, " %6s\n", "n");
		for (int s = 1; s <= r->horizon + 1; s++) {
			int si = s % (r->horizon + 1);

			if (si)
				dur_fprintf_num(fp, "%-6d", si);
			else
				dur_fprintf_num(fp, "%-6s", "all");
			for (int f = 0; f < nf; f++)
				dur_fprintf_num(fp, " %12.3f", mean_of(r, q, si, f)->crps);
			dur_fprintf_num(fp, " %6ld\n", mean_of(r, q, si, 0)->n);
		}
		dur_fprintf_num(fp, "\n%-12s %9s %9s %8s %8s %8s %8s\n", "forecaster",
			"IS50", "IS90", "cover50", "cover90", "Brier", "log");
		for (int f = 0; f < nf; f++) {
			const struct dur_backtest_mean *m = mean_of(r, q, 0, f);

			dur_fprintf_num(fp, "%-12s %9.3f %9.3f %8.3f %8.3f %8.3f %8.3f\n",
				a->fc[f].name, m->is50, m->is90, m->cover50,
				m->cover90, m->brier, m->logs);
		}
		dur_fprintf_num(fp, "\nCRPS skill of row against column (1 - row/column; "
			    "%.0f%% bootstrap interval over origins):\n%-12s",
			100 * a->o.level, "");
		for (int b = 0; b < nf; b++)
			dur_fprintf_num(fp, " %22s", a->fc[b].name);
		dur_fprintf_num(fp, "\n");
		for (int f = 0; f < nf; f++) {
			dur_fprintf_num(fp, "%-12s", a->fc[f].name);
			for (int b = 0; b < nf; b++) {
				const struct dur_skill *s =
					&r->skill[(q * nf + f) * nf + b];

				if (f == b)
					dur_fprintf_num(fp, " %22s", "-");
				else
					dur_fprintf_num(fp, " %6.3f [%6.3f,%6.3f]",
						s->skill, s->lo, s->hi);
			}
			dur_fprintf_num(fp, "\n");
		}
		dur_fprintf_num(fp, "\nPIT histogram (10 bins, randomised):\n");
		for (int f = 0; f < nf; f++) {
			const long *h = r->pit_hist +
					(q * nf + f) * DUR_BACKTEST_PITBINS;

			dur_fprintf_num(fp, "%-12s", a->fc[f].name);
			for (int b = 0; b < DUR_BACKTEST_PITBINS; b++)
				dur_fprintf_num(fp, " %4ld", h[b]);
			dur_fprintf_num(fp, "\n");
		}
	}
}

static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

/* Months of history a fan shows before its origin. */
#define FAN_HISTORY 24

static json_t *dates(const int32_t *day, int n, int end)
{
	json_t *a = json_array();
	char x[11];

	for (int i = 0; i < n; i++)
		json_array_append_new(
			a, json_string(dur_date_format(day[i] - end, x)));
	return a;
}

/* Per origin and quantity: each forecaster's quantiles per month of the
 * horizon, the outcome, and the FAN_HISTORY months before the origin. */
static json_t *fans_json(const struct dur_backtest_result *r,
			 const struct args *a,
			 const struct dur_backtest_data *d)
{
	json_t *fans = json_array();
	const double **x = malloc((size_t)(r->horizon + 1) * sizeof(*x));
	int32_t *ps = malloc((size_t)(r->horizon + 2) * sizeof(*ps));
	char o[11];

	if (!fans || !x || !ps || !r->samples) {
		free(x);
		free(ps);
		json_decref(fans);
		return NULL;
	}
	for (int i = 0; i < a->o.norigins; i++)
		for (int q = 0; q < d->nquant; q++) {
			json_t *fan = json_object(), *fcs = json_array();
			json_t *obs = json_array(), *hist = json_object();
			json_t *hv = json_array();
			int np = 0, p0 = 0, h0;
			size_t first = r->nrows;

			for (size_t k = 0; k < r->nrows; k++) {
				const struct dur_backtest_row *w = &r->row[k];

				if (w->origin_index != i || w->quantity != q)
					continue;
				if (first == r->nrows)
					first = k;
				if (w->forecaster == 0) {
					ps[np++] = w->period;
					json_array_append_new(obs,
							      num(w->observed));
				}
			}
			if (!np) {
				json_decref(fan), json_decref(fcs);
				json_decref(obs), json_decref(hist);
				json_decref(hv);
				continue;
			}
			/* rows are by step, then forecaster */
			for (int f = 0; f < r->nfc; f++) {
				for (int p = 0; p < np; p++)
					x[p] = r->samples +
					       (first + (size_t)p * r->nfc + f) *
						       (size_t)r->m;
				json_array_append_new(
					fcs, bt_fan_forecast(a->fc[f].name, x,
							     np, r->m));
			}
			while (p0 < d->nperiods &&
			       d->period[p0] < a->o.origin[i])
				p0++;
			h0 = p0 > FAN_HISTORY ? p0 - FAN_HISTORY : 0;
			for (int p = h0; p < p0; p++)
				json_array_append_new(hv,
						      num(d->value[q][p]));
			json_object_set_new(hist, "start",
					    dates(d->period + h0, p0 - h0, 0));
			json_object_set_new(hist, "end",
					    dates(d->period + h0 + 1, p0 - h0,
						  1));
			json_object_set_new(hist, "value", hv);
			json_object_set_new(fan, "origin",
					    json_string(dur_date_format(
						    a->o.origin[i], o)));
			json_object_set_new(fan, "quantity",
					    json_string(d->quantity[q]));
			json_object_set_new(fan, "start", dates(ps, np, 0));
			/* a month's last day: the next one's first, less 1 */
			for (int p = 0; p < np; p++) {
				int y, m, dd;

				dur_date_to_ymd(ps[p], &y, &m, &dd);
				ps[p] = dur_date_from_ymd(y + m / 12,
							  m % 12 + 1, 1);
			}
			json_object_set_new(fan, "end", dates(ps, np, 1));
			json_object_set_new(fan, "observed", obs);
			json_object_set_new(fan, "forecasts", fcs);
			json_object_set_new(fan, "history", hist);
			json_array_append_new(fans, fan);
		}
	free(x);
	free(ps);
	return fans;
}

static json_t *to_json(const struct dur_backtest_result *r,
		       const struct args *a, const struct dur_backtest_data *d)
{
	json_t *o = json_object(), *rows = json_array(), *sum = json_array();
	json_t *sk = json_array(), *pit = json_array(), *un = json_array();
	json_t *fcs = json_array(), *ors = json_array();
	char x[11], y[11];
	int nf = r->nfc;

	for (int f = 0; f < nf; f++)
		json_array_append_new(fcs, json_string(a->fc[f].name));
	for (int i = 0; i < a->o.norigins; i++)
		json_array_append_new(ors,
				      json_string(month(a->o.origin[i], x)));
	for (int i = 0; i < r->nunscored; i++)
		json_array_append_new(
			un, json_pack("{s:s,s:s}", "origin",
				      month(r->unscored[2 * i], x), "period",
				      month(r->unscored[2 * i + 1], y)));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_backtest_row *w = &r->row[i];
		json_t *e = json_object();

		json_object_set_new(e, "origin",
				    json_string(month(w->origin, x)));
		json_object_set_new(e, "quantity",
				    json_string(d->quantity[w->quantity]));
		json_object_set_new(e, "step", json_integer(w->step));
		json_object_set_new(e, "period",
				    json_string(month(w->period, y)));
		json_object_set_new(e, "forecaster",
				    json_string(a->fc[w->forecaster].name));
		json_object_set_new(e, "observed", num(w->observed));
		json_object_set_new(e, "low", num(w->low));
		json_object_set_new(e, "high", num(w->high));
		json_object_set_new(e, "crps", num(w->crps));
		json_object_set_new(e, "is50", num(w->is50));
		json_object_set_new(e, "is90", num(w->is90));
		json_object_set_new(e, "cover50", json_integer(w->cover50));
		json_object_set_new(e, "cover90", json_integer(w->cover90));
		json_object_set_new(e, "pit", num(w->pit));
		json_object_set_new(e, "p_event", num(w->p_event));
		json_object_set_new(e, "brier", num(w->brier));
		json_object_set_new(e, "logs", num(w->logs));
		json_array_append_new(rows, e);
	}
	for (int q = 0; q < d->nquant; q++)
		for (int f = 0; f < nf; f++) {
			json_t *h = json_array();
			const long *hp = r->pit_hist +
					 (q * nf + f) * DUR_BACKTEST_PITBINS;

			for (int s = 0; s <= r->horizon; s++) {
				const struct dur_backtest_mean *m =
					mean_of(r, q, s, f);

				json_array_append_new(
					sum,
					json_pack("{s:s,s:o,s:s,s:I,s:o,s:o,"
						  "s:o,s:o,s:o,s:o,s:o}",
						  "quantity", d->quantity[q],
						  "step",
						  s ? json_integer(s) :
						      json_string("all"),
						  "forecaster", a->fc[f].name,
						  "n", (json_int_t)m->n, "crps",
						  num(m->crps), "is50",
						  num(m->is50), "is90",
						  num(m->is90), "cover50",
						  num(m->cover50), "cover90",
						  num(m->cover90), "brier",
						  num(m->brier), "logs",
						  num(m->logs)));
			}
			for (int b = 0; b < DUR_BACKTEST_PITBINS; b++)
				json_array_append_new(h, json_integer(hp[b]));
			json_array_append_new(
				pit, json_pack("{s:s,s:s,s:o}", "quantity",
					       d->quantity[q], "forecaster",
					       a->fc[f].name, "histogram", h));
			for (int b = 0; b < nf; b++) {
				const struct dur_skill *s =
					&r->skill[(q * nf + f) * nf + b];

				if (b == f)
					continue;
				json_array_append_new(
					sk,
					json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,"
						  "s:o,s:f,s:I}",
						  "quantity", d->quantity[q],
						  "score", "crps",
						  "forecaster", a->fc[f].name,
						  "against", a->fc[b].name,
						  "skill", num(s->skill), "lo",
						  num(s->lo), "hi", num(s->hi),
						  "level", a->o.level, "n",
						  (json_int_t)s->n));
			}
		}
	json_object_set_new(o, "kind", json_string("backtest"));
	json_object_set_new(o, "stream", json_string(STREAM));
	json_object_set_new(o, "note", json_string(note));
	json_object_set_new(o, "forecasters", fcs);
	json_object_set_new(o, "origins", ors);
	json_object_set_new(o, "horizon", json_integer(r->horizon));
	json_object_set_new(o, "draws", json_integer(r->m));
	json_object_set_new(o, "seed", json_integer((json_int_t)a->o.seed));
	json_object_set_new(o, "crps_estimator",
			    json_string(a->o.crps_kind == DUR_CRPS_FAIR ?
						"fair" :
						"plain"));
	json_object_set_new(o, "interval_alpha",
			    json_pack("[f,f]", 0.5, 0.1));
	json_object_set_new(o, "log_score_clamp",
			    json_string("p in [1/(2 draws), 1 - 1/(2 draws)]"));
	json_object_set_new(o, "unscored", un);
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "summary", sum);
	json_object_set_new(o, "pit", pit);
	json_object_set_new(o, "fans", fans_json(r, a, d));
	json_object_set_new(o, "skill", sk);
	cli_data_add(o);
	return o;
}

static int write_samples(const char *path, const struct dur_backtest_result *r,
			 const struct args *a,
			 const struct dur_backtest_data *d)
{
	struct dur_output out;
	struct dur_error err = { 0 };
	char x[11], y[11];

	if (dur_output_open(&out, path, &err))
		return report_error("backtest", &err);
	fputs("origin,period,quantity,forecaster,draw,value\n", out.fp);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_backtest_row *w = &r->row[i];

		month(w->origin, x);
		month(w->period, y);
		/* the draws are kept sorted (the scores need them so) */
		for (int j = 0; j < r->m; j++)
			dur_fprintf_num(out.fp, "%s,%s,%s,%s,%d,%.10g\n", x, y,
				d->quantity[w->quantity],
				a->fc[w->forecaster].name, j + 1,
				r->samples[i * r->m + j]);
	}
	if (dur_output_commit(&out, &err))
		return report_error("backtest", &err);
	return 0;
}

static void warn_unscored(const struct dur_backtest_result *r,
			  const struct dur_backtest_data *d)
{
	char x[11], y[11];
	int32_t last = -1;

	if (!r->nunscored)
		return;
	fprintf(stderr,
		"durand backtest: the data end with %s; periods after it are "
		"not scored:",
		month(d->period[d->nperiods - 1], x));
	for (int i = 0; i < r->nunscored; i++) {
		if (r->unscored[2 * i] != last)
			fprintf(stderr, "%s origin %s:", i ? ";" : "",
				month(r->unscored[2 * i], x));
		last = r->unscored[2 * i];
		fprintf(stderr, " %s", month(r->unscored[2 * i + 1], y));
	}
	fputc('\n', stderr);
}

int cmd_backtest(int argc, char **argv)
{
	struct args a = { .o = DUR_BACKTEST_OPTS_INIT };
	struct store_data s = { 0 };
	struct dur_backtest_data d = { 0 };
	struct dur_backtest_result r = { 0 };
	struct dur_error err = { 0 };
	struct dur_output out = { 0 };
	int32_t *origin = NULL;
	json_t *j = NULL;
	int rc = parse_options(argc, argv, &a), n = 0;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (a.data == DATA_RECORD)
	{
		struct recbt_cli c = {
			.scenario = a.scenario, .record = a.record,
			.origins = a.origins, .out = a.out,
			.samples = a.samples, .report = a.report,
			.fit = a.fit, .months = a.o.horizon,
			.threads = a.o.threads, .crps_kind = a.o.crps_kind,
			.format = a.format, .particles = a.particles,
			.runs = a.o.m, .seed = a.o.seed, .refit = a.refit,
			.refit_iterations = a.refit_iterations,
			.refit_stages = a.refit_stages,
			.sets = &a.sets,
			.refit_particles = a.refit_particles
		};

		return backtest_record(&c);
	}
	rc = load(&a, &s, &d);
	if (rc)
		goto out;
	origin = malloc(sizeof(*origin) * (size_t)(1 + (a.to - a.from) / 28));
	if (!origin) {
		rc = 1;
		goto out;
	}
	for (int32_t t = a.from; t <= a.to;) {
		int y, m, dd;

		origin[n++] = t;
		dur_date_to_ymd(t, &y, &m, &dd);
		m += a.step;
		y += (m - 1) / 12;
		t = dur_date_from_ymd(y, (m - 1) % 12 + 1, 1);
	}
	a.o.norigins = n;
	a.o.origin = origin;
	a.o.comm = cli_pf_comm(); /* the origins over MPI ranks */
	if (dur_backtest_run(&d, a.fc, a.nfc, &a.o, &r, &err)) {
		rc = report_error_rank0("backtest", &err);
		goto out;
	}
	if (cli_comm_rank() != 0) /* every rank has the result; 0 writes it */
		goto out;
	warn_unscored(&r, &d);
	if (a.format == CLI_JSON || a.report) {
		j = to_json(&r, &a, &d);
		if (!j) {
			fputs("durand backtest: out of memory\n", stderr);
			rc = 1;
			goto out;
		}
	}
	if (a.report) {
		int bad = dur_report_write(j, a.report, &err);

		dur_chart_cleanup(); /* the fonts cairo loaded */
		if (bad) {
			rc = report_error("backtest", &err);
			goto out;
		}
	}
	if (dur_output_open(&out, a.out, &err)) {
		rc = report_error("backtest", &err);
		goto out;
	}
	if (a.format == CLI_CSV) {
		print_csv(out.fp, &r, &a, &d);
	} else if (a.format == CLI_JSON) {
		if (!j || json_dumpf(j, out.fp, JSON_INDENT(1) |
						       JSON_PRESERVE_ORDER |
						       JSON_REAL_PRECISION(10))) {
			dur_output_abort(&out);
			fputs("durand backtest: out of memory\n", stderr);
			rc = 1;
			goto out;
		}
		fputc('\n', out.fp);
	} else {
		print_text(out.fp, &r, &a, &d);
	}
	if (dur_output_commit(&out, &err)) {
		rc = report_error("backtest", &err);
		goto out;
	}
	if (a.samples)
		rc = write_samples(a.samples, &r, &a, &d);
out:
	json_decref(j);
	dur_backtest_release(&r);
	store_data_free(&s);
	free(origin);
	return rc;
}
