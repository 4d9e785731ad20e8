/*
 * recbacktest.c: durand's forecasts from each origin, filtered through the
 * record before it, scored against the record after it, beside baselines
 * that see the same facts (recbacktest.h, docs/backtest.md).
 *
 * Random streams: the filter and forecast seeds of origin i are drawn
 * from stream (seed, i); a baseline's draws and every PIT from stream
 * (seed, 2^40 + i 2^20 + target), substream by forecaster. The filter and
 * the forecast give the same bits for any number of threads, so the whole
 * result does too.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "durand/date.h"
#include "durand/observe.h"
#include "durand/recbacktest.h"

static const char *const fc_names[DUR_RECBT_NFC] = {
	"durand", "no-change", "climatology", "negbin"
};

/* The tracker counts the count baselines forecast. */
static const char *const trackers[] = {
	"militant_attacks", "terrorist_attacks", "deaths_in_militant_attacks",
	"deaths_in_terrorist_attacks", NULL
};

const char *dur_recbt_forecaster_name(int f)
{
	return f >= 0 && f < DUR_RECBT_NFC ? fc_names[f] : "?";
}

static int is_tracker(const char *q)
{
	for (int i = 0; trackers[i]; i++)
		if (!strcmp(trackers[i], q))
			return 1;
	return 0;
}

int32_t dur_recbt_add_months(int32_t day, int months)
{
	int y, m, d, last;

	dur_date_to_ymd(day, &y, &m, &d);
	m += months - 1;
	y += m / 12;
	m = m % 12 + 1;
	/* the month's last day: the day before the next month's first */
	last = dur_date_from_ymd(y + m / 12, m % 12 + 1, 1) -
	       dur_date_from_ymd(y, m, 1);
	return dur_date_from_ymd(y, m, d > last ? last : d);
}

/* day shifted k years back (29 February to the 28th). */
static int32_t years_back(int32_t day, int k)
{
	int y, m, d;

	dur_date_to_ymd(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return dur_date_from_ymd(y - k, m, d);
}

/* Length of the first word of a fact's source: its publisher. */
static size_t publisher_len(const char *s)
{
	size_t n = 0;

	while (s[n] && !isspace((unsigned char)s[n]) && !strchr(",;(", s[n]))
		n++;
	return n;
}

static int same_publisher(const struct dur_fact *a, const struct dur_fact *b)
{
	size_t n = publisher_len(a->source);

	return n && n == publisher_len(b->source) &&
	       !strncasecmp(a->source, b->source, n);
}

/* The figure of the same quantity and publisher for the target's period k
 * years earlier, known before origin; NAN if the record has none. */
static double earlier(const struct dur_record *rec, const struct dur_fact *t,
		      int k, int32_t origin)
{
	int32_t s = years_back(t->start, k), e = years_back(t->end, k);

	for (int i = 0; i < rec->nfacts; i++) {
		const struct dur_fact *f = &rec->fact[i];

		if (f->kind == DUR_FACT_COUNT && f->start == s && f->end == e &&
		    f->end < origin && isfinite(f->value) &&
		    !strcmp(f->quantity, t->quantity) &&
		    !strcmp(f->subject, t->subject) && same_publisher(f, t))
			return f->value;
	}
	return NAN;
}

int dur_recbt_history(const struct dur_record *rec, int target,
		      int32_t origin, int max, int32_t *start, int32_t *end,
		      double *value)
{
	const struct dur_fact *t = &rec->fact[target];
	int n = 0;

	for (int k = max; k >= 1; k--) {
		double v = earlier(rec, t, k, origin);

		if (isnan(v))
			continue;
		start[n] = years_back(t->start, k);
		end[n] = years_back(t->end, k);
		value[n++] = v;
	}
	return n;
}

int dur_recbt_baseline(const struct dur_record *rec, int target,
		       int32_t origin, int forecaster, long m,
		       struct dur_rng *r, double *x, int *nyears, char *why)
{
	const struct dur_fact *t = &rec->fact[target];
	double v[64], mean = 0, var = 0;
	int n = 0, pl = (int)publisher_len(t->source);
	gsl_rng g;

	dur_rng_gsl(r, &g);
	*nyears = 0;
	if (forecaster == DUR_RECBT_NOCHANGE) {
		double last = earlier(rec, t, 1, origin);

		if (isnan(last)) {
			snprintf(why, 96, "no %.*s figure for the period a "
					  "year earlier",
				 pl, t->source);
			return DUR_ENOTFOUND;
		}
		*nyears = 1;
		for (long i = 0; i < m; i++)
			x[i] = (double)gsl_ran_poisson(&g, last);
		return 0;
	}
	/* every earlier year the record has, back to its first fact */
	for (int k = 1; n < 64 && rec->nfacts &&
			years_back(t->end, k) >= rec->fact[0].start;
	     k++) {
		double y = earlier(rec, t, k, origin);

		if (!isnan(y))
			v[n++] = y;
	}
	*nyears = n;
	if (n < DUR_RECBT_MIN_YEARS) {
		snprintf(why, 96, "%d earlier year%s of %.*s figures (%d "
				  "needed)",
			 n, n == 1 ? "" : "s", pl, t->source,
			 DUR_RECBT_MIN_YEARS);
		return DUR_ENOTFOUND;
	}
	if (forecaster == DUR_RECBT_CLIM) {
		for (long i = 0; i < m; i++)
			x[i] = v[gsl_rng_uniform_int(&g, (unsigned long)n)];
		return 0;
	}
	for (int i = 0; i < n; i++)
		mean += v[i] / n;
	for (int i = 0; i < n; i++)
		var += (v[i] - mean) * (v[i] - mean) / (n - 1);
	for (long i = 0; i < m; i++) {
		if (var <= mean) {
			x[i] = (double)gsl_ran_poisson(&g, mean);
		} else {
			double size = mean * mean / (var - mean);

			x[i] = (double)gsl_ran_negative_binomial(
				&g, size / (size + mean), size);
		}
	}
	return 0;
}

/* Does rec (facts ending before origin) show series' event in the month
 * [ms, me]? */
static int month_shows(const struct dur_record *rec, const char *series,
		       int32_t ms, int32_t me, int32_t origin)
{
	const char *crossing = NULL;

	if (!strncmp(series, "closed_at_end.", 14))
		crossing = series + 14;
	for (int i = 0; i < rec->nfacts; i++) {
		const struct dur_fact *f = &rec->fact[i];

		if (f->end >= origin)
			continue;
		if (crossing) {
			/* closed on the last day and after it (the record's
			 * end is the day a crossing reopened), as observe.c
			 * reads the record's series */
			if (!strcmp(f->quantity, "crossing_closed") &&
			    strstr(f->subject, crossing) && f->start <= me &&
			    f->end > me)
				return 1;
			continue;
		}
		if (f->kind != DUR_FACT_EVENT || f->start < ms || f->start > me)
			continue;
		if (!strcmp(series, "strike_days") &&
		    (!strcmp(f->quantity, "strike_in_afghanistan") ||
		     !strcmp(f->quantity, "strike_on_city")))
			return 1;
		if (!strcmp(series, "ceasefires") &&
		    !strcmp(f->quantity, "ceasefire"))
			return 1;
	}
	return 0;
}

double dur_recbt_month_rate(const struct dur_record *rec, const char *series,
			    int32_t from, int32_t origin, int *nmonths)
{
	int y, m, d, hit = 0;
	int32_t ms;

	*nmonths = 0;
	dur_date_to_ymd(from, &y, &m, &d);
	ms = d == 1 ? from : dur_date_from_ymd(y + m / 12, m % 12 + 1, 1);
	for (;;) {
		int32_t next = dur_recbt_add_months(ms, 1);

		if (next > origin)
			break;
		hit += month_shows(rec, series, ms, next - 1, origin);
		++*nmonths;
		ms = next;
	}
	return *nmonths ? (double)hit / *nmonths : NAN;
}

/* --- scoring ------------------------------------------------------------ */

static void row_blank(struct dur_recbt_row *w)
{
	w->crps = w->is50 = w->is90 = w->pit = NAN;
	w->p_event = w->brier = w->logs = NAN;
	w->cover50 = w->cover90 = -1;
}

/* A count's sorted draws x against [lo, hi] and the figure observed. */
static void score_count(struct dur_recbt_row *w, const double *x, size_t m,
			int kind, struct dur_rng *r)
{
	w->crps = dur_score_crps_interval(x, m, w->lo, w->hi, kind);
	w->is50 = dur_score_interval(x, m, w->observed, 0.5, &w->cover50);
	w->is90 = dur_score_interval(x, m, w->observed, 0.1, &w->cover90);
	w->pit = dur_score_pit(x, m, w->observed, r);
}

static void score_prob(struct dur_recbt_row *w, double p, long m)
{
	int o = w->observed >= 1;

	w->p_event = p;
	w->brier = dur_score_brier(p, o);
	w->logs = dur_score_log(p, o, 0.5 / (double)m);
}

/* --- the result ------------------------------------------------------- */

struct buf {
	struct dur_recbt_result *r;
	size_t cap, ucap;
	int keep; /* keep the draws (r->samples) */
};

static struct dur_recbt_row *new_row(struct buf *b)
{
	struct dur_recbt_result *r = b->r;
	size_t m = (size_t)r->runs;

	if (r->nrows == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;
		struct dur_recbt_row *p = realloc(r->row, cap * sizeof(*p));

		if (!p)
			return NULL;
		r->row = p;
		if (b->keep) {
			double *q = realloc(r->samples,
					    cap * m * sizeof(*q));

			if (!q)
				return NULL;
			r->samples = q;
		}
		b->cap = cap;
	}
	memset(&r->row[r->nrows], 0, sizeof(r->row[0]));
	if (b->keep)
		for (size_t i = 0; i < m; i++)
			r->samples[r->nrows * m + i] = NAN;
	return &r->row[r->nrows++];
}

/* The draws of the row just made, kept with keep_samples. */
static void keep_draws(struct buf *b, const double *x)
{
	size_t m = (size_t)b->r->runs;

	if (b->keep)
		memcpy(b->r->samples + (b->r->nrows - 1) * m, x,
		       m * sizeof(*x));
}

static int add_unscored(struct buf *b, int oi, const char *target, int f,
			const char *why)
{
	struct dur_recbt_result *r = b->r;
	struct dur_recbt_unscored *u;

	if (r->nunscored == b->ucap) {
		size_t cap = b->ucap ? 2 * b->ucap : 16;

		u = realloc(r->unscored, cap * sizeof(*u));
		if (!u)
			return DUR_ENOMEM;
		r->unscored = u;
		b->ucap = cap;
	}
	u = &r->unscored[r->nunscored++];
	u->origin_index = oi;
	snprintf(u->target, sizeof(u->target), "%s", target);
	u->forecaster = f;
	snprintf(u->why, sizeof(u->why), "%s", why);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The rows of one fact of the forecast: durand's, then the baselines'. */
static int fact_rows(struct buf *b, const struct dur_record *rec,
		     const struct dur_obs_forecast *f, int j, int oi,
		     int32_t origin, const struct dur_recbt_opts *o,
		     double *x)
{
	const struct dur_fact *fa = &rec->fact[f->fact[j]];
	long m = f->runs;
	/* a dated closure is an event: was the crossing closed on any day
	 * of the record's window? (its days at each crossing are scored as a
	 * count over the horizon, closure_rows) */
	int count = f->law[j] != DUR_LAW_EVENT && f->law[j] != DUR_LAW_STATE;
	struct dur_recbt_row proto = { 0 }, *w;
	struct dur_rng r;

	proto.origin_index = oi;
	proto.origin = origin;
	snprintf(proto.target, sizeof(proto.target), "%s", fa->id);
	snprintf(proto.quantity, sizeof(proto.quantity), "%s", fa->quantity);
	proto.kind = count ? DUR_RECBT_COUNT : DUR_RECBT_EVENT;
	proto.start = fa->start;
	proto.end = fa->end;
	proto.lo = count ? f->lo[j] : 1;
	proto.hi = count ? f->hi[j] : 1;
	proto.observed = count ? fa->value : 1;
	if (proto.observed < proto.lo)
		proto.observed = proto.lo;
	if (proto.observed > proto.hi)
		proto.observed = proto.hi;
	row_blank(&proto);
	for (int fc = 0; fc < DUR_RECBT_NFC; fc++) {
		char why[96];
		int ny;

		if (fc != DUR_RECBT_DURAND && !(count && is_tracker(fa->quantity)))
			break;
		dur_rng_init(&r, o->seed,
			     (1ULL << 40) | ((uint64_t)oi << 20) |
				     (uint64_t)f->fact[j]);
		dur_rng_seek(&r, (uint32_t)(2 * fc));
		if (fc == DUR_RECBT_DURAND) {
			memcpy(x, f->draw + (size_t)j * (size_t)m,
			       (size_t)m * sizeof(*x));
		} else if (dur_recbt_baseline(rec, f->fact[j], origin, fc, m,
					      &r, x, &ny, why)) {
			if (add_unscored(b, oi, fa->id, fc, why))
				return DUR_ENOMEM;
			continue;
		}
		if (!(w = new_row(b)))
			return DUR_ENOMEM;
		*w = proto;
		w->forecaster = fc;
		keep_draws(b, x);
		if (count) {
			qsort(x, (size_t)m, sizeof(*x), cmp_double);
			dur_rng_seek(&r, (uint32_t)(2 * fc + 1));
			score_count(w, x, (size_t)m, o->crps_kind, &r);
		} else {
			score_prob(w, dur_score_prob_ge(x, (size_t)m, 1), m);
		}
	}
	return 0;
}

/* The rows of series s, month p: durand's and the climatology's. */
static int month_rows(struct buf *b, const struct dur_record *rec,
		      const struct dur_scenario *sc,
		      const struct dur_obs_forecast *f, int s, int p, int oi,
		      int32_t origin)
{
	const char *name = f->ser_name[s];
	const double *x = f->ser_draw + ((size_t)s * f->nper + p) * f->runs;
	struct dur_recbt_row *w;
	double hit = 0, rate;
	int nm;

	/* the monthly counts the record has no figure for, and the closed
	 * days scored over the whole horizon (closure_rows) */
	if (isnan(f->ser_obs[s * f->nper + p]) ||
	    !strncmp(name, "closed_days.", 12))
		return 0;
	for (long i = 0; i < f->runs; i++)
		hit += x[i] >= 1;
	if (!(w = new_row(b)))
		return DUR_ENOMEM;
	w->origin_index = oi;
	w->origin = origin;
	snprintf(w->target, sizeof(w->target), "%s", name);
	snprintf(w->quantity, sizeof(w->quantity), "%s",
		 !strcmp(name, "strike_days") ? "month_with_strike" :
		 !strcmp(name, "ceasefires")  ? "month_with_ceasefire" :
						"closed_at_month_end");
	w->kind = DUR_RECBT_MONTH;
	w->start = f->per_start[p];
	w->end = f->per_start[p + 1] - 1;
	w->forecaster = DUR_RECBT_DURAND;
	w->observed = f->ser_obs[s * f->nper + p] >= 1;
	w->lo = w->hi = w->observed;
	row_blank(w);
	keep_draws(b, x);
	score_prob(w, hit / (double)f->runs, f->runs);
	rate = dur_recbt_month_rate(rec, name, sc->start, origin, &nm);
	if (isnan(rate))
		return add_unscored(b, oi, name, DUR_RECBT_CLIM,
				    "no whole month between the scenario's "
				    "start and the origin");
	{
		struct dur_recbt_row proto = *w;

		if (!(w = new_row(b)))
			return DUR_ENOMEM;
		*w = proto;
	}
	w->forecaster = DUR_RECBT_CLIM;
	row_blank(w);
	score_prob(w, rate, f->runs);
	return 0;
}

/* The days crossing s's series counts closed over the horizon: a count
 * the record shows in full for the crossings it names (observe.c reads
 * it so), scored for durand alone. */
static int closure_rows(struct buf *b, const struct dur_obs_forecast *f,
			int s, int oi, int32_t origin, int crps_kind,
			uint64_t seed, double *x)
{
	struct dur_recbt_row *w;
	struct dur_rng r;
	double obs = 0;

	if (strncmp(f->ser_name[s], "closed_days.", 12))
		return 0;
	for (long i = 0; i < f->runs; i++) {
		x[i] = 0;
		for (int p = 0; p < f->nper; p++)
			x[i] += f->ser_draw[((size_t)s * f->nper + p) *
						    f->runs +
					    i];
	}
	for (int p = 0; p < f->nper; p++)
		obs += f->ser_obs[s * f->nper + p];
	if (!(w = new_row(b)))
		return DUR_ENOMEM;
	w->origin_index = oi;
	w->origin = origin;
	snprintf(w->target, sizeof(w->target), "%s", f->ser_name[s]);
	snprintf(w->quantity, sizeof(w->quantity), "closure_days");
	w->kind = DUR_RECBT_COUNT;
	w->start = f->per_start[0];
	w->end = f->per_start[f->nper] - 1;
	w->forecaster = DUR_RECBT_DURAND;
	w->observed = w->lo = w->hi = obs;
	row_blank(w);
	keep_draws(b, x);
	qsort(x, (size_t)f->runs, sizeof(*x), cmp_double);
	dur_rng_init(&r, seed, (2ULL << 40) | ((uint64_t)oi << 20) |
				       (uint64_t)s);
	score_count(w, x, (size_t)f->runs, crps_kind, &r);
	return 0;
}

/* --- summaries ---------------------------------------------------------- */

static int summarise(struct dur_recbt_result *r)
{
	struct dur_recbt_mean *sorted;

	r->mean = calloc(r->nrows * DUR_RECBT_NFC + 1, sizeof(*r->mean));
	if (!r->mean)
		return DUR_ENOMEM;
	r->cover90_n = 0;
	r->cover90_durand = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *w = &r->row[i];
		struct dur_recbt_mean *a = NULL;

		for (size_t k = 0; k < r->nmean; k++)
			if (r->mean[k].forecaster == w->forecaster &&
			    !strcmp(r->mean[k].quantity, w->quantity))
				a = &r->mean[k];
		if (!a) {
			a = &r->mean[r->nmean++];
			snprintf(a->quantity, sizeof(a->quantity), "%s",
				 w->quantity);
			a->forecaster = w->forecaster;
		}
		/* sums now, means below */
		a->n++;
		a->crps += isnan(w->crps) ? 0 : w->crps;
		a->is50 += isnan(w->is50) ? 0 : w->is50;
		a->is90 += isnan(w->is90) ? 0 : w->is90;
		a->cover50 += w->cover50 > 0;
		a->cover90 += w->cover90 > 0;
		a->brier += isnan(w->brier) ? 0 : w->brier;
		a->logs += isnan(w->logs) ? 0 : w->logs;
		if (w->forecaster == DUR_RECBT_DURAND &&
		    w->kind == DUR_RECBT_COUNT) {
			r->cover90_n++;
			r->cover90_durand += w->cover90 > 0;
		}
	}
	/* by quantity in order of first appearance, then forecaster */
	sorted = malloc((r->nmean + 1) * sizeof(*sorted));
	if (!sorted)
		return DUR_ENOMEM;
	for (size_t k = 0, n = 0; k < r->nmean; k++) {
		int seen = 0;

		for (size_t i = 0; i < k && !seen; i++)
			seen = !strcmp(r->mean[i].quantity, r->mean[k].quantity);
		for (int fc = 0; !seen && fc < DUR_RECBT_NFC; fc++)
			for (size_t i = k; i < r->nmean; i++)
				if (r->mean[i].forecaster == fc &&
				    !strcmp(r->mean[i].quantity,
					    r->mean[k].quantity))
					sorted[n++] = r->mean[i];
	}
	memcpy(r->mean, sorted, r->nmean * sizeof(*sorted));
	free(sorted);
	for (size_t k = 0; k < r->nmean; k++) {
		struct dur_recbt_mean *a = &r->mean[k];
		double n = (double)a->n;
		int count = 0;

		for (size_t i = 0; i < r->nrows; i++)
			if (!strcmp(r->row[i].quantity, a->quantity)) {
				count = r->row[i].kind == DUR_RECBT_COUNT;
				break;
			}
		if (count) {
			a->crps /= n, a->is50 /= n, a->is90 /= n;
			a->cover50 /= n, a->cover90 /= n;
			a->brier = a->logs = NAN;
		} else {
			a->crps = a->is50 = a->is90 = NAN;
			a->cover50 = a->cover90 = NAN;
			a->brier /= n, a->logs /= n;
		}
	}
	if (r->cover90_n)
		r->cover90_durand /= (double)r->cover90_n;
	else
		r->cover90_durand = NAN;
	return 0;
}

/* Skill of durand against baseline bl on the quantity q (NULL: the tracker
 * counts pooled), over the targets both scored. */
static int skill_of(struct dur_recbt_result *r, const char *q, int bl,
		    const struct dur_recbt_opts *o, double *mv, double *bv,
		    int *grp, struct dur_error *err)
{
	int map[DUR_RECBT_MAXORIGINS], ng = 0, month = 0;
	size_t n = 0;
	struct dur_recbt_skill *k;

	for (int i = 0; i < DUR_RECBT_MAXORIGINS; i++)
		map[i] = -1;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dur_recbt_row *d = &r->row[i];

		if (d->forecaster != DUR_RECBT_DURAND ||
		    (q ? strcmp(d->quantity, q) :
			 !(d->kind == DUR_RECBT_COUNT &&
			   is_tracker(d->quantity))))
			continue;
		for (size_t j = i + 1;
		     j < r->nrows && r->row[j].forecaster != DUR_RECBT_DURAND;
		     j++) {
			const struct dur_recbt_row *w = &r->row[j];

			if (w->forecaster != bl)
				continue;
			month = d->kind == DUR_RECBT_MONTH;
			mv[n] = month ? d->brier : d->crps;
			bv[n] = month ? w->brier : w->crps;
			if (map[d->origin_index] < 0)
				map[d->origin_index] = ng++;
			grp[n++] = map[d->origin_index];
		}
	}
	if (!n)
		return 0;
	k = &r->skill[r->nskill++];
	snprintf(k->quantity, sizeof(k->quantity), "%s",
		 q ? q : "tracker counts");
	k->baseline = bl;
	k->score = month ? "brier" : "crps";
	k->norigins = ng;
	if (dur_score_skill(mv, bv, grp, n, ng, o->nboot, o->level, o->seed,
			    &k->s, err)) {
		if (err && err->code == DUR_ENOMEM)
			return DUR_ENOMEM;
		/* a baseline scoring 0 everywhere: no ratio */
		k->s.skill = k->s.lo = k->s.hi = NAN;
		k->s.n = (long)n;
	}
	return 0;
}

static int skills(struct dur_recbt_result *r, const struct dur_recbt_opts *o,
		  struct dur_error *err)
{
	double *mv = malloc((r->nrows + 1) * 2 * sizeof(double));
	int *grp = malloc((r->nrows + 1) * sizeof(int));
	int rc = 0;

	r->skill = calloc((r->nmean + 1) * DUR_RECBT_NFC, sizeof(*r->skill));
	if (!mv || !grp || !r->skill) {
		rc = DUR_ENOMEM;
		goto out;
	}
	for (size_t k = 0; k < r->nmean && !rc; k++) {
		const struct dur_recbt_mean *a = &r->mean[k];

		if (a->forecaster == DUR_RECBT_DURAND)
			continue;
		rc = skill_of(r, a->quantity, a->forecaster, o, mv,
			      mv + r->nrows + 1, grp, err);
	}
	for (int bl = DUR_RECBT_NOCHANGE; bl < DUR_RECBT_NFC && !rc; bl++)
		rc = skill_of(r, NULL, bl, o, mv, mv + r->nrows + 1, grp, err);
out:
	free(mv);
	free(grp);
	return rc;
}

/* --- the run ------------------------------------------------------------ */

static int check(const struct dur_scenario *sc, const struct dur_recbt_opts *o,
		 struct dur_error *err)
{
	char a[11], b[11];

	if (o->norigins < 1 || o->norigins > DUR_RECBT_MAXORIGINS)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "%d origins: from 1 to %d can be scored",
				     o->norigins, DUR_RECBT_MAXORIGINS);
	if (o->months < 1 || o->runs < 2 || o->particles < 1)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "no horizon, fewer than two draws or no "
				     "particle");
	for (int i = 0; i < o->norigins; i++) {
		int32_t t = o->origin[i],
			e = dur_recbt_add_months(t, o->months);

		if (i && t <= o->origin[i - 1])
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "origins are not ascending");
		if (t <= sc->start)
			return dur_error_set(
				err, DUR_EINVAL, NULL, 0, 0,
				"origin %s is not after the scenario's start, "
				"%s",
				dur_date_format(t, a),
				dur_date_format(sc->start, b));
		if (o->limit && e > o->limit)
			return dur_error_set(
				err, DUR_EINVAL, NULL, 0, 0,
				"origin %s with a horizon of %d months reaches "
				"past %s; nothing on or after it may be used",
				dur_date_format(t, a), o->months,
				dur_date_format(o->limit, b));
	}
	return 0;
}

/* Seeds of origin i's filter, forecast and IF2, from stream (seed, i). */
static void origin_seeds(uint64_t seed, int i, uint64_t *fs, uint64_t *ws,
			 uint64_t *is)
{
	struct dur_rng r;
	uint64_t a, b;

	dur_rng_init(&r, seed, (uint64_t)i);
	a = dur_rng_u32(&r), b = dur_rng_u32(&r);
	*fs = (a << 32 | b) & INT64_MAX;
	a = dur_rng_u32(&r), b = dur_rng_u32(&r);
	*ws = (a << 32 | b) & INT64_MAX;
	a = dur_rng_u32(&r), b = dur_rng_u32(&r);
	*is = (a << 32 | b) & INT64_MAX;
}

/* The paths --refit estimates: o->fit, or the scenario's ensemble's, or
 * the default list. Written to r->fit; their ranges too. */
static int refit_paths(const struct dur_scenario *sc,
		       const struct dur_recbt_opts *o,
		       struct dur_recbt_result *r, struct dur_error *err)
{
	char buf[] = DUR_RECBT_REFIT_DEFAULT, *save = NULL;

	r->nfit = 0;
	if (o->nfit > DUR_IF2_MAX)
		return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
				     "--refit: at most %d parameters, got %d",
				     DUR_IF2_MAX, o->nfit);
	if (o->nfit > 0)
		for (int i = 0; i < o->nfit; i++)
			snprintf(r->fit[r->nfit++], sizeof(r->fit[0]), "%s",
				 o->fit[i]);
	else if (sc->pens.k > 0)
		for (int i = 0; i < sc->pens.k; i++)
			snprintf(r->fit[r->nfit++], sizeof(r->fit[0]), "%s",
				 sc->pens.path[i]);
	else
		for (char *t = strtok_r(buf, ",", &save); t;
		     t = strtok_r(NULL, ",", &save))
			snprintf(r->fit[r->nfit++], sizeof(r->fit[0]), "%s",
				 t);
	r->stages = o->stages == 1 ? 1 : 2;
	for (int i = 0; i < r->nfit; i++) {
		size_t off;
		int ri, e = dur_scenario_param_require(sc, r->fit[i], &off,
							err);

		r->stage[i] = r->stages == 1 ? 1 : dur_recbt_stage_of(r->fit[i]);

		if (e)
			return e;
		ri = dur_scenario_range_find(sc, r->fit[i]);
		if (ri < 0)
			return dur_error_set(err, DUR_EINVAL, NULL, 0, 0,
					     "--refit: parameter '%s' has no "
					     "range to search",
					     r->fit[i]);
		r->fit_lo[i] = sc->range[ri].lo;
		r->fit_hi[i] = sc->range[ri].hi;
	}
	return 0;
}

/* The record's trackers' yearly counts, which the first stage fits the
 * attack rate on, and the paths it fits. */
static const char *const tracker_quantities[] = {
	"militant_attacks", "terrorist_attacks", "deaths_in_militant_attacks",
	"deaths_in_terrorist_attacks"
};

int dur_recbt_stage_of(const char *path)
{
	return !strcmp(path, "ttp.mu") || !strcmp(path, "ttp.growth") ? 1 : 2;
}

/* One IF2 of the paths of the given stage (0: all) on rec, its ensemble
 * into fs and its quantiles into q for those paths. */
static int refit_stage(struct dur_recbt_result *res, int oi,
		       struct dur_scenario *fs, const struct dur_record *rec,
		       const struct dur_if2_opts *io, int stage,
		       struct dur_error *err)
{
	struct dur_recbt_refit *q = &res->refitted[oi];
	struct dur_if2_result *ir = NULL;
	const char *paths[DUR_IF2_MAX];
	int at[DUR_IF2_MAX], k = 0, rc;

	for (int i = 0; i < res->nfit; i++)
		if (!stage || res->stage[i] == stage) {
			at[k] = i;
			paths[k++] = res->fit[i];
		}
	rc = dur_if2_run(fs, rec, paths, k, io, &ir, err);
	if (rc)
		return rc;
	for (int j = 0; j < ir->k; j++) {
		size_t w = (size_t)ir->iterations * (size_t)ir->k + (size_t)j;

		q->q05[at[j]] = ir->q05[w];
		q->q50[at[j]] = ir->q50[w];
		q->q95[at[j]] = ir->q95[w];
	}
	q->until = ir->until;
	q->nused = ir->nused;
	q->loglik = ir->loglik[ir->iterations - 1];
	dur_if2_ensemble(ir, &fs->pens);
	dur_if2_result_free(ir);
	return 0;
}

/* origin oi's parameters by IF2 on the facts that end before it, written
 * into fs's ensemble: in one stage, or in two (opts' `stages`). */
static int refit_origin(struct dur_recbt_result *res,
			struct dur_scenario *fs, const struct dur_record *rec,
			const struct dur_recbt_opts *o, int oi, uint64_t seed,
			struct dur_error *err)
{
	struct dur_if2_opts io = o->if2;
	struct dur_record sub;
	int rc, n1 = 0, n2 = 0;

	io.seed = seed;
	io.threads = o->threads;
	/* the honesty rule: the facts before the origin, no later */
	io.until = o->origin[oi];
	io.from_scenario = 0; /* the scenario's values are in-sample */
	io.cancel = o->cancel;
	io.progress = NULL;
	io.comm = o->comm; /* the refit's filters over the processes too */
	for (int i = 0; i < res->nfit; i++)
		res->stage[i] == 1 ? n1++ : n2++;
	if (res->stages == 1 || !n1 || !n2)
		return refit_stage(res, oi, fs, rec, &io, 0, err);
	/* no refitted number rides along from the scenario's (in-sample)
	 * values into the first stage: each waits at its range's middle */
	for (int i = 0; i < res->nfit; i++) {
		size_t off = dur_scenario_param_find(fs, res->fit[i]);

		dur_param_ensemble_drop(fs, off);
		*dur_model_at(&fs->model, off) =
			0.5 * (res->fit_lo[i] + res->fit_hi[i]);
	}
	if (dur_record_select(rec, tracker_quantities,
			      (int)(sizeof(tracker_quantities) /
				    sizeof(tracker_quantities[0])),
			      &sub) < 0)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	rc = refit_stage(res, oi, fs, &sub, &io, 1, err);
	free(sub.fact); /* a view: the facts are rec's */
	if (rc)
		return rc;
	io.seed = seed ^ 0x9E3779B97F4A7C15ull; /* the second stage's own */
	return refit_stage(res, oi, fs, rec, &io, 2, err);
}

static int run_origin(struct buf *b, const struct dur_scenario *sc,
		      const struct dur_record *rec,
		      const struct dur_recbt_opts *o, int oi,
		      struct dur_error *err)
{
	struct dur_filter_opts fo = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *fr = NULL;
	struct dur_obs_forecast *f = NULL;
	struct dur_scenario *fs = NULL;
	int32_t t = o->origin[oi], e = dur_recbt_add_months(t, o->months);
	uint64_t wseed, iseed;
	double *x = NULL;
	int rc;

	origin_seeds(o->seed, oi, &fo.seed, &wseed, &iseed);
	fs = dur_scenario_dup(sc);
	if (!fs)
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	if (o->refit && (rc = refit_origin(b->r, fs, rec, o, oi, iseed, err)))
		goto out;
	fo.particles = o->particles;
	fo.replicates = 1;
	fo.threads = o->threads;
	fo.until = t;
	fo.cancel = o->cancel;
	fo.comm = o->comm;
	rc = dur_filter_run(fs, rec, &fo, &fr, err);
	if (rc)
		goto out;
	b->r->filter_used[oi] = fr->nused;
	/* each filtered state goes on with the ensemble set it was filtered
	 * with (dur_state.pset, cloud.h) */
	rc = dur_obs_forecast_run(fs, rec, fr->cloud, e - t, o->months,
				  o->runs, wseed, o->threads, &f, err);
	if (rc)
		goto out;
	x = malloc((size_t)o->runs * sizeof(*x));
	if (!x) {
		rc = dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				   "out of memory");
		goto out;
	}
	for (int j = 0; j < f->nfacts && !rc; j++)
		rc = fact_rows(b, rec, f, j, oi, t, o, x);
	for (int s = 0; s < f->nser && !rc; s++)
		for (int p = 0; p < f->nper && !rc; p++)
			rc = month_rows(b, rec, sc, f, s, p, oi, t);
	for (int s = 0; s < f->nser && !rc; s++)
		rc = closure_rows(b, f, s, oi, t, o->crps_kind, o->seed, x);
	if (rc)
		rc = dur_error_set(err, rc, NULL, 0, 0, "out of memory");
out:
	free(x);
	dur_obs_forecast_free(f);
	dur_filter_result_free(fr);
	dur_scenario_free(fs);
	return rc;
}

int dur_recbt_run(const struct dur_scenario *sc, const struct dur_record *rec,
		  const struct dur_recbt_opts *o,
		  struct dur_recbt_result **out, struct dur_error *err)
{
	struct dur_record *cut = NULL;
	struct buf b = { 0 };
	int rc;

	*out = NULL;
	gsl_set_error_handler_off();
	if ((rc = check(sc, o, err)))
		return rc;
	/* the honesty rule: nothing on or after the limit, for anything */
	if (o->limit && (rc = dur_record_before(rec, o->limit, &cut, err)))
		return rc;
	b.r = calloc(1, sizeof(*b.r));
	if (!b.r) {
		dur_record_free(cut);
		return dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				     "out of memory");
	}
	b.r->norigins = o->norigins;
	b.r->runs = o->runs;
	b.r->refit = o->refit;
	b.keep = o->keep_samples;
	if (o->refit && (rc = refit_paths(sc, o, b.r, err))) {
		dur_record_free(cut);
		dur_recbt_free(b.r);
		return rc;
	}
	for (int i = 0; i < o->norigins; i++) {
		b.r->origin[i] = o->origin[i];
		b.r->horizon_end[i] = dur_recbt_add_months(o->origin[i],
							   o->months);
	}
	for (int i = 0; i < o->norigins && !rc; i++)
		rc = run_origin(&b, sc, cut ? cut : rec, o, i, err);
	if (!rc && (summarise(b.r) || skills(b.r, o, err)))
		rc = dur_error_set(err, DUR_ENOMEM, NULL, 0, 0,
				   "out of memory");
	dur_record_free(cut);
	if (rc) {
		dur_recbt_free(b.r);
		return rc;
	}
	*out = b.r;
	return 0;
}

void dur_recbt_free(struct dur_recbt_result *r)
{
	if (!r)
		return;
	free(r->row);
	free(r->samples);
	free(r->unscored);
	free(r->mean);
	free(r->skill);
	free(r);
}
