/*
 * observe.c: the record as observations of the model, and the particle
 * filter over them (observe.h; docs/ODD.md, "Observation").
 *
 * A particle is a run (struct dur_sim) followed by its outcome counters,
 * the counters' values when each open observation window began (so a
 * window's model count is a difference of cumulative counters), and the
 * counters last seen by each "completeness channel" (a quantity the record
 * is taken to list in full, whose model events on days without a record
 * count against the particle).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include <omp.h>

#include "durand/date.h"
#include "durand/observe.h"
#include "durand/pfilter.h"
#include "durand/sim.h"

#define MAX_TERMS 8 /* outcomes summed by one observation */
/* A closure the record says still holds on its last day: each of its
 * crossings the model has open at the end costs this factor (assumed). */
#define ONGOING_OPEN 0.05
#define MAX_OWN 64
/* The detection of the strike and ceasefire rules, for series. */
#define STRIKE_DETECT 0.9
#define CEASEFIRE_DETECT 0.95  /* outcomes named by the record's figures */

/*
 * The size of the trackers' yearly counts (NegBin: variance X + X^2/size,
 * a relative error of about 1/sqrt(size) for large counts). Estimated from
 * the record: if each tracker's count is the truth times a factor with
 * log-sd s, the log of the PIPS/PICSS ratio differs between two years by
 * a difference d with variance 4 s^2. The 2022 and 2024 pairs give
 * d = 0.184 (attacks: 262/380 against 521/908) and 0.071 (deaths:
 * 419/539 against 852/1177); pooled, s^2 = (0.184^2 + 0.071^2) / 8,
 * s = 0.070, size = 1/s^2 = 206, rounded to 200. Two degrees of freedom:
 * an estimate, not a precise one (docs/ODD.md 6.1).
 */
#define TRACKER_SIZE 200

/*
 * The rules. Shares and sizes are assumed until estimated by iterated
 * filtering (docs/calibration.md); each says so in `origin`.
 */
static const struct dur_obs_rule rules[] = {
	{ "militant_attacks", DUR_LAW_NEGBIN, "attacks", NULL, 1.0,
	  TRACKER_SIZE, 0, 0, 0, 0, 0, NULL,
	  "the model's attacks are all militant attacks, as PICSS counts them "
	  "(docs/ODD.md 7.13): share 1; size 200, estimated from how the "
	  "PIPS/PICSS ratio moved from 2022 to 2024" },
	{ "terrorist_attacks", DUR_LAW_NEGBIN, "attacks", NULL, 0.63,
	  TRACKER_SIZE, 0, 0, 0, 0, 0, NULL,
	  "PIPS codes more narrowly: share 0.63, estimated from the record's "
	  "2022 and 2024 PIPS and PICSS counts (262/380, 521/908); size 200, "
	  "estimated from how the PIPS/PICSS ratio moved from 2022 to 2024" },
	{ "deaths_in_militant_attacks", DUR_LAW_NEGBIN, "fatalities_pakistan",
	  NULL, 1.0, TRACKER_SIZE, 0, 0, 0, 0, 0, NULL,
	  "PICSS deaths in attacks against the model's Pakistani dead: share "
	  "1; size 200, estimated from how the PIPS/PICSS ratio "
	  "moved from 2022 to 2024" },
	{ "deaths_in_terrorist_attacks", DUR_LAW_NEGBIN,
	  "fatalities_pakistan", NULL, 0.75, TRACKER_SIZE, 0, 0, 0, 0, 0, NULL,
	  "PIPS deaths: share 0.75, estimated from the record's 2022 and 2024 "
	  "PIPS and PICSS deaths (419/539, 852/1177); size 200, estimated "
	  "from how the PIPS/PICSS ratio moved from 2022 to 2024" },
	{ "cross_border_attacks", DUR_LAW_NEGBIN, "attacks_cross_border",
	  NULL, 1.0, 20, 0, 0, 0, 0, 0, NULL,
	  "the articles' attacks from across the border are the model's: "
	  "share 1, size assumed 20" },
	{ "deaths_in_cross_border_attacks", DUR_LAW_NEGBIN,
	  "fatalities_pakistan", NULL, 1.0, 20, 0, 0, 0, 0, 0, NULL,
	  "the articles' 3,800 'killed' is held against all of the model's "
	  "Pakistani dead (docs/ODD.md 7.13: 3,800 in 1,050 cross-border "
	  "attacks is 3.6 an attack, the trackers' 1.35 over all attacks): "
	  "share 1, size assumed 20" },
	{ "diplomatic_protests", DUR_LAW_NEGBIN, "protests", NULL, 1, 20, 0,
	  0, 0, 0, 0, NULL, "the model's protests: share 1, size assumed 20" },
	{ "isi_memorandums", DUR_LAW_NEGBIN, "memorandums", NULL, 1, 20, 0, 0,
	  0, 0, 0, NULL,
	  "the model's memorandums: share 1, size assumed 20" },
	{ "strike_in_afghanistan", DUR_LAW_EVENT, "strikes", NULL, 1, 0, 0.9,
	  1e-4, 2, 1, 0, "strike_on_city",
	  "a Pakistani strike is reported (detection assumed 0.9) within two "
	  "days of its date; the record lists every strike (record README), "
	  "so model strikes on other days count against a particle" },
	{ "strike_on_city", DUR_LAW_EVENT, "strikes_city", NULL, 1, 0, 0.9,
	  1e-4, 2, 1, 0, NULL, "as strikes, for strikes on cities" },
	{ "border_clash", DUR_LAW_EVENT, "border_clashes", NULL, 1, 0, 0.5,
	  1e-3, 1, 0, 0, NULL,
	  "clashes are reported in part (detection assumed 0.5) and the "
	  "record does not list them all" },
	{ "ceasefire", DUR_LAW_EVENT, "ceasefires", NULL, 1, 0, 0.95, 1e-4,
	  2, 1, 0, NULL,
	  "a ceasefire between the governments is reported (assumed 0.95); "
	  "none is recorded before 15 October 2025 (record README)" },
	{ "mediation_round", DUR_LAW_EVENT, "mediation_rounds", NULL, 1, 0,
	  0.9, 1e-3, 2, 0, 0, NULL,
	  "a round of talks is reported (assumed 0.9); China's trilateral "
	  "meetings are not all dated in the record, so it is not complete" },
	{ "crossing_closed", DUR_LAW_STATE, "closure_days", NULL, 1, 0, 0.02,
	  0.2, 0, 1, 0, NULL,
	  "a crossing recorded closed: each day of the period the model keeps "
	  "it open costs a factor 0.2 (assumed); the record is taken to list "
	  "every closure of the crossings it names, each model closed day "
	  "outside them costing a factor 0.98 (assumed)" },
	{ "afghans_left_pakistan", DUR_LAW_LOGNORMAL, "deportations",
	  "returns", 1, 0, 0, 0, 0, 0, 0.3, NULL,
	  "departures (deportations and returns) with a relative error of "
	  "0.3 (assumed; the government's and IOM's counts differ by that)" },
	{ "crossing_restricted", DUR_LAW_UNUSED, NULL, NULL, 0, 0, 0, 0, 0, 0,
	  0, NULL, "the model has no partial restriction of a crossing" },
	{ "deportation_order", DUR_LAW_UNUSED, NULL, NULL, 0, 0, 0, 0, 0, 0,
	  0, NULL, "a policy: imposed by the scenario's orders, not observed" },
	{ "afghans_left_pakistan_gross", DUR_LAW_UNUSED, NULL, NULL, 0, 0, 0,
	  0, 0, 0, 0, NULL,
	  "a gross flow of circular movement, not departures" },
	{ NULL, 0, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL }
};

/* Record figures named as the model's own outcome (the articles' counts of
 * flag meetings, protests...): a count with share 1. */
static const struct dur_obs_rule same_name = {
	NULL, DUR_LAW_NEGBIN, NULL, NULL, 1.0, 20, 0, 0, 0, 0, 0, NULL,
	"a figure of the model's own outcome of that name: share 1, size "
	"assumed 20"
};

const struct dur_obs_rule *dur_obs_rules(void)
{
	return rules;
}

/* One observation: a fact tied to a sum of outcomes over [first, last]. */
struct obs {
	int fact;
	const struct dur_obs_rule *rule;
	int first, last;       /* day offsets, inclusive */
	int nterm;
	int term[MAX_TERMS];   /* outcome indices */
	double y, lo, hi;      /* the figure: y in [lo, hi] (censored) */
	int kind;              /* 0 point/interval count, 1 event, 2 state */
	int span;              /* days x crossings, for states */
	int ongoing;           /* a state still holding on the filter's last
				  day: each crossing open then costs more */
};

/* A completeness channel: one outcome whose model events on days outside
 * `mask` count against the particle. */
struct chan {
	int outcome;
	double logf;           /* log factor per model event outside */
	double logq;           /* log chance of no spurious record per day */
	unsigned char *mask;   /* [days] 1 inside a recorded window */
};

struct ctx {
	const struct dur_scenario *sc;
	int days, nout;
	int nobs, nchan;
	struct obs *obs;
	struct chan *chan;
	int *start_idx, *start_list; /* CSR: observations opening each day */
	int *end_idx, *end_list;     /* and closing each day */
	size_t off_out, off_base, off_prev, size;
	uint64_t seed;
	struct dur_obs_report *rep; /* replicate 1 only, else NULL */
	int *rep_of;                /* obs -> report index */
	double *xs;                 /* scratch for predictions [n] */
	const struct dur_cloud *start; /* initial states, or NULL */
	void (*perturb)(void *, struct dur_sim *, uint64_t, int);
	void *perturb_ctx;
	int nown;                   /* rules for figures named as outcomes */
	struct dur_obs_rule own[MAX_OWN];
};

static struct dur_sim *sim_of(void *p)
{
	return p;
}

static int64_t *out_of(const struct ctx *c, void *p)
{
	return (int64_t *)((unsigned char *)p + c->off_out);
}

static int64_t *base_of(const struct ctx *c, void *p)
{
	return (int64_t *)((unsigned char *)p + c->off_base);
}

static int64_t *prev_of(const struct ctx *c, void *p)
{
	return (int64_t *)((unsigned char *)p + c->off_prev);
}

static int64_t obs_sum(const struct obs *ob, const int64_t *out)
{
	int64_t s = 0;

	for (int k = 0; k < ob->nterm; k++)
		s += out[ob->term[k]];
	return s;
}

/* --- laws ----------------------------------------------------------- */

/* P(Y <= y) for Y ~ NegBin(mean mu, size k); y < 0 gives 0. */
static double nb_cdf(double y, double mu, double k)
{
	if (y < 0)
		return 0;
	return gsl_cdf_negative_binomial_P((unsigned)y, k / (k + mu), k);
}

static double nb_logpmf(double y, double mu, double k)
{
	double p = k / (k + mu);

	return gsl_sf_lngamma(y + k) - gsl_sf_lngamma(k) -
	       gsl_sf_lngamma(y + 1) + k * log(p) + y * log1p(-p);
}

/* The mean of a count law for model count x: share x, with a floor (the
 * tracker may count what the model does not produce; a lognormal needs a
 * positive median). */
static double law_mean(const struct dur_obs_rule *r, double x)
{
	if (r->law == DUR_LAW_LOGNORMAL)
		return r->share * (x < 1 ? 1 : x);
	return r->share * x < 0.5 ? 0.5 : r->share * x;
}

/* Log density of the figure given the model count x. */
static double law_logl(const struct obs *ob, double x)
{
	const struct dur_obs_rule *r = ob->rule;

	switch (r->law) {
	case DUR_LAW_NEGBIN: {
		double mu = law_mean(r, x), p;

		if (ob->lo == ob->hi)
			return nb_logpmf(ob->y, mu, r->size);
		p = (isinf(ob->hi) ? 1 : nb_cdf(floor(ob->hi), mu, r->size)) -
		    nb_cdf(ceil(ob->lo) - 1, mu, r->size);
		return p > 0 ? log(p) : -INFINITY;
	}
	case DUR_LAW_EVENT: {
		double miss = pow(1 - r->detect, x) *
			      (1 - r->spurious * (ob->last - ob->first + 1));

		return log1p(-miss);
	}
	case DUR_LAW_STATE:
		/* each crossing-day the model keeps open costs a factor */
		return (ob->span - x) * log(r->spurious);
	case DUR_LAW_LOGNORMAL: {
		double z = (log(ob->y) - log(law_mean(r, x))) / r->relerr;

		return -0.5 * z * z - log(r->relerr * ob->y * sqrt(2 * M_PI));
	}
	}
	return 0;
}

/* Predictive P(figure <= y | x), mid-p for counts; for events and states
 * the chance of what was recorded. */
static double law_pit(const struct obs *ob, double x)
{
	const struct dur_obs_rule *r = ob->rule;

	switch (r->law) {
	case DUR_LAW_NEGBIN: {
		double mu = law_mean(r, x);

		return nb_cdf(ob->y - 1, mu, r->size) +
		       0.5 * exp(nb_logpmf(ob->y, mu, r->size));
	}
	case DUR_LAW_LOGNORMAL:
		return gsl_cdf_ugaussian_P(
			(log(ob->y) - log(law_mean(r, x))) / r->relerr);
	default:
		return exp(law_logl(ob, x));
	}
}

/* The record figure the model implies: share * x (events: x itself). */
static double law_expect(const struct obs *ob, double x)
{
	if (ob->rule->law == DUR_LAW_STATE)
		return ob->span ? x / ob->span : 0;
	if (ob->rule->law == DUR_LAW_EVENT)
		return x;
	return ob->rule->share * x;
}

/* --- the particle ---------------------------------------------------- */

static int p_init(void *vc, void *p, uint64_t seed, uint64_t stream)
{
	struct ctx *c = vc;

	memset((unsigned char *)p + c->off_base, 0,
	       c->size - c->off_base);
	dur_sim_init(sim_of(p), c->sc, NULL, seed, (long)stream,
		     out_of(c, p));
	if (c->start)
		dur_cloud_apply(c->start, (long)stream, sim_of(p));
	if (c->perturb)
		c->perturb(c->perturb_ctx, sim_of(p), stream, -1);
	return 0;
}

/* A particle copied from another process: its pointers are that
 * process's. */
static void p_relocate(void *vc, void *p)
{
	struct ctx *c = vc;
	struct dur_sim *s = sim_of(p);

	s->sc = c->sc;
	s->what_if = NULL;
	s->on_event = NULL;
	s->event_ctx = NULL;
	s->out = out_of(c, p);
	dur_rng_gsl(&s->rng, &s->g);
}

static void p_rekey(void *vc, void *p, uint64_t seed, uint64_t stream)
{
	struct dur_sim *s = sim_of(p);

	p_relocate(vc, p);
	s->run = (long)stream;
	dur_rng_init(&s->rng, seed, stream);
	dur_rng_gsl(&s->rng, &s->g);
}

static void p_step(void *vc, void *p, int t)
{
	struct ctx *c = vc;
	int64_t *out = out_of(c, p), *base = base_of(c, p);

	for (int k = c->start_idx[t]; k < c->start_idx[t + 1]; k++) {
		int j = c->start_list[k];

		base[j] = obs_sum(&c->obs[j], out);
	}
	if (c->perturb)
		c->perturb(c->perturb_ctx, sim_of(p),
			   (uint64_t)sim_of(p)->run, t);
	dur_sim_step(sim_of(p));
}

static double p_loglik(void *vc, void *p, int t)
{
	struct ctx *c = vc;
	int64_t *out = out_of(c, p), *base = base_of(c, p),
		*prev = prev_of(c, p);
	double ll = 0;

	for (int k = 0; k < c->nchan; k++) {
		const struct chan *ch = &c->chan[k];
		int64_t inc = out[ch->outcome] - prev[k];

		prev[k] = out[ch->outcome];
		if (!ch->mask[t]) {
			ll += ch->logq;
			if (inc > 0)
				ll += (double)inc * ch->logf;
		}
	}
	for (int k = c->end_idx[t]; k < c->end_idx[t + 1]; k++) {
		const struct obs *ob = &c->obs[c->end_list[k]];

		ll += law_logl(ob, (double)(obs_sum(ob, out) -
					    base[c->end_list[k]]));
		if (ob->ongoing)
			for (int j = 0; j < ob->nterm; j++)
				if (!sim_of(p)->s.closed[ob->term[j] -
							 DUR_OUT_FIXED_COUNT])
					ll += log(ONGOING_OPEN);
	}
	return ll;
}

/* Weights are brought up to date on the days facts close, and every 30
 * days (to resample before the cloud runs too thin). */
static int p_sync(void *vc, int t)
{
	const struct ctx *c = vc;

	return c->end_idx[t + 1] > c->end_idx[t] || (t + 1) % 30 == 0;
}

struct wx {
	double x, w;
};

static int cmp_wx(const void *a, const void *b)
{
	double x = ((const struct wx *)a)->x, y = ((const struct wx *)b)->x;

	return (x > y) - (x < y);
}

/* The model counts behind the facts that close on day t, one feature
 * each (replicate 1 only: the others predict nothing). */
static int p_nfeatures(void *vc, int t)
{
	const struct ctx *c = vc;

	return c->rep ? c->end_idx[t + 1] - c->end_idx[t] : 0;
}

static void p_feature(void *vc, const void *p, int t, double *x)
{
	const struct ctx *c = vc;
	const unsigned char *b = p;
	const int64_t *out = (const int64_t *)(const void *)(b + c->off_out),
		      *base = (const int64_t *)(const void *)(b + c->off_base);

	for (int k = c->end_idx[t]; k < c->end_idx[t + 1]; k++) {
		int j = c->end_list[k];

		x[k - c->end_idx[t]] =
			(double)(obs_sum(&c->obs[j], out) - base[j]);
	}
}

static void p_predict(void *vc, const double *feat, int nf, const double *w,
		      long n, int t)
{
	struct ctx *c = vc;
	struct wx *v = (struct wx *)c->xs;

	if (!c->rep)
		return;
	for (int k = c->end_idx[t]; k < c->end_idx[t + 1]; k++) {
		int j = c->end_list[k];
		const struct obs *ob = &c->obs[j];
		struct dur_obs_report *rp = &c->rep[c->rep_of[j]];
		double pit = 0, lik = 0, cum = 0;
		const double q[3] = { 0.05, 0.5, 0.95 };
		double *qv[3] = { &rp->q05, &rp->q50, &rp->q95 };
		int qi = 0;

		for (long i = 0; i < n; i++) {
			double x = feat[(size_t)i * (size_t)nf +
					(size_t)(k - c->end_idx[t])];

			v[i].x = law_expect(ob, x);
			v[i].w = w[i];
			pit += w[i] * law_pit(ob, x);
			lik += w[i] * exp(law_logl(ob, x));
		}
		qsort(v, (size_t)n, sizeof(*v), cmp_wx);
		for (long i = 0; i < n && qi < 3; i++) {
			cum += v[i].w;
			while (qi < 3 && cum >= q[qi])
				*qv[qi++] = v[i].x;
		}
		while (qi < 3)
			*qv[qi++] = v[n - 1].x;
		rp->pit = pit;
		rp->cll = log(lik);
	}
}

/* --- compiling the record ------------------------------------------- */

static const struct dur_obs_rule *find_rule(const char *q)
{
	for (const struct dur_obs_rule *r = rules; r->quantity; r++)
		if (!strcmp(r->quantity, q))
			return r;
	return NULL;
}

/* Outcome indices of a fact under its rule, into term; returns how many,
 * or -1 when the model has no such outcome. */
static int terms(const struct dur_scenario *sc, const struct dur_obs_rule *r,
		 const struct dur_fact *f, int *term)
{
	int n = 0;
	char name[160];

	if (r->law == DUR_LAW_STATE) {
		char subj[96], *save = NULL;

		snprintf(subj, sizeof(subj), "%s", f->subject);
		for (char *s = strtok_r(subj, "+", &save); s;
		     s = strtok_r(NULL, "+", &save)) {
			snprintf(name, sizeof(name), "%s.%s", r->outcome, s);
			if (n == MAX_TERMS ||
			    (term[n] = dur_outcome_find(sc, name)) < 0)
				return -1;
			n++;
		}
		return n;
	}
	if ((term[n] = dur_outcome_find(sc, r->outcome)) < 0)
		return -1;
	n++;
	if (r->outcome2 && (term[n] = dur_outcome_find(sc, r->outcome2)) >= 0)
		n++;
	return n;
}

/* Set y, lo, hi of a count from how it was stated. */
static void figure(struct obs *ob, const struct dur_fact *f)
{
	double v = f->value;

	ob->y = v;
	ob->lo = ob->hi = v;
	if (isfinite(f->low) && isfinite(f->high) && f->low < f->high) {
		ob->lo = f->low;
		ob->hi = f->high;
	}
	switch (f->stated) {
	case DUR_STATED_OVER:
	case DUR_STATED_MORE_THAN:
		ob->lo = floor(v) + 1;
		ob->hi = INFINITY;
		break;
	case DUR_STATED_AT_LEAST:
		ob->lo = v;
		ob->hi = INFINITY;
		break;
	case DUR_STATED_AROUND:
	case DUR_STATED_APPROX:
		/* the hindcast's reading of "around": within 15% */
		ob->lo = ceil(0.85 * v);
		ob->hi = floor(1.15 * v);
		break;
	}
}

static void ctx_release(struct ctx *c)
{
	for (int k = 0; k < c->nchan; k++)
		free(c->chan[k].mask);
	free(c->chan);
	free(c->obs);
	free(c->start_idx);
	free(c->start_list);
	free(c->end_idx);
	free(c->end_list);
	free(c->rep_of);
	free(c->xs);
}

/* Add (or find) the channel of outcome o and mark [a, b] inside. */
static int channel(struct ctx *c, const struct dur_obs_rule *r, int o, int a,
		   int b)
{
	int k;

	for (k = 0; k < c->nchan; k++)
		if (c->chan[k].outcome == o)
			break;
	if (k == c->nchan) {
		struct chan *v = realloc(c->chan, (size_t)(k + 1) * sizeof(*v));

		if (!v)
			return DUR_ENOMEM;
		c->chan = v;
		v[k].outcome = o;
		v[k].logf = log1p(-r->detect);
		v[k].logq = r->law == DUR_LAW_EVENT ? log1p(-r->spurious) : 0;
		v[k].mask = calloc((size_t)c->days + 1, 1);
		if (!v[k].mask)
			return DUR_ENOMEM;
		c->nchan++;
	}
	for (int t = a < 0 ? 0 : a; t <= b && t < c->days; t++)
		c->chan[k].mask[t] = 1;
	return 0;
}

static int csr(int days, int nobs, const struct obs *obs, int which,
	       int **idx, int **list)
{
	*idx = calloc((size_t)days + 2, sizeof(**idx));
	*list = malloc(((size_t)nobs + 1) * sizeof(**list));
	if (!*idx || !*list)
		return DUR_ENOMEM;
	for (int j = 0; j < nobs; j++)
		(*idx)[(which ? obs[j].last : obs[j].first) + 1]++;
	for (int t = 0; t < days; t++)
		(*idx)[t + 1] += (*idx)[t];
	for (int t = 0, *fill = NULL; t < 1; t++) {
		fill = calloc((size_t)days + 1, sizeof(*fill));
		if (!fill)
			return DUR_ENOMEM;
		for (int j = 0; j < nobs; j++) {
			int d = which ? obs[j].last : obs[j].first;

			(*list)[(*idx)[d] + fill[d]++] = j;
		}
		free(fill);
	}
	return 0;
}

static int compile(struct ctx *c, const struct dur_scenario *sc,
		   const struct dur_record *rec, int32_t until,
		   struct dur_filter_result *res, struct dur_error *err)
{
	int32_t s0 = sc->start;

	c->sc = sc;
	c->days = until > s0 ? until - s0 : 0;
	c->nout = dur_outcome_count(sc);
	c->obs = calloc((size_t)rec->nfacts + 1, sizeof(*c->obs));
	res->obs = calloc((size_t)rec->nfacts + 1, sizeof(*res->obs));
	c->rep_of = calloc((size_t)rec->nfacts + 1, sizeof(*c->rep_of));
	if (!c->obs || !res->obs || !c->rep_of)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	for (int i = 0; i < rec->nfacts; i++) {
		const struct dur_fact *f = &rec->fact[i];
		const struct dur_obs_rule *r = find_rule(f->quantity);
		struct dur_obs_report *rp = &res->obs[res->nobs++];
		struct obs ob = { 0 };
		int w;

		rp->fact = i;
		rp->day = f->end;
		rp->observed = isfinite(f->value) ? f->value : 1;
		rp->q05 = rp->q50 = rp->q95 = rp->pit = rp->cll = NAN;
		if (!r && dur_outcome_find(sc, f->quantity) >= 0 &&
		    c->nown < MAX_OWN) {
			struct dur_obs_rule *own = &c->own[c->nown++];

			/* a figure of an outcome of that name */
			*own = same_name;
			own->quantity = f->quantity;
			own->outcome = f->quantity;
			r = own;
		}
		if (!r) {
			rp->why = "no rule ties this quantity to the model";
			continue;
		}
		if (f->kind == DUR_FACT_POLICY || r->law == DUR_LAW_UNUSED) {
			rp->why = r->law == DUR_LAW_UNUSED ? r->origin :
				"a policy is imposed by the scenario";
			continue;
		}
		if (f->start < s0) {
			rp->why = "begins before the scenario's start";
			continue;
		}
		if (f->end >= until) {
			rp->why = "ends on or after the filter's date";
			continue;
		}
		if (r->law == DUR_LAW_EVENT && f->kind == DUR_FACT_COUNT) {
			/* a total of events: of one mediator's rounds, a
			 * count; else it sums what the record dates one by
			 * one */
			char name[200];
			int k = -1;

			if (*f->subject && !strchr(f->subject, '+')) {
				snprintf(name, sizeof(name), "%s.%s",
					 r->outcome, f->subject);
				k = dur_outcome_find(sc, name);
			}
			if (k < 0 || c->nown == MAX_OWN) {
				rp->why = "a total of the events the record "
					  "dates one by one";
				continue;
			}
			c->own[c->nown] = same_name;
			c->own[c->nown].quantity = f->quantity;
			c->own[c->nown].outcome = f->quantity;
			r = &c->own[c->nown++];
			ob.nterm = 1;
			ob.term[0] = k;
		}
		ob.fact = i;
		ob.rule = r;
		if (!ob.nterm)
			ob.nterm = terms(sc, r, f, ob.term);
		if (ob.nterm < 0) {
			rp->why = "the scenario has no such outcome";
			continue;
		}
		w = r->law == DUR_LAW_EVENT ? r->window : 0;
		ob.first = f->start - s0 - w;
		ob.last = f->end - s0 + w;
		if (ob.first < 0)
			ob.first = 0;
		if (ob.last >= c->days)
			ob.last = c->days - 1;
		if (r->law == DUR_LAW_NEGBIN || r->law == DUR_LAW_LOGNORMAL) {
			if (!isfinite(f->value)) {
				rp->why = "a count without a figure";
				continue;
			}
			figure(&ob, f);
		}
		if (r->law == DUR_LAW_STATE) {
			ob.span = ob.nterm * (ob.last - ob.first + 1);
			ob.ongoing = f->end + 1 >= until;
		}
		rp->used = 1;
		res->nused++;
		c->rep_of[c->nobs] = res->nobs - 1;
		c->obs[c->nobs++] = ob;
	}
	/* completeness channels, from every used fact of a complete rule */
	for (int j = 0; j < c->nobs; j++) {
		const struct obs *ob = &c->obs[j];
		const struct dur_obs_rule *r = ob->rule;

		if (!r->complete)
			continue;
		for (int k = 0; k < ob->nterm; k++)
			if (channel(c, r, ob->term[k], ob->first, ob->last))
				return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
						     "out of memory");
		/* a strike on a city is a strike: mark it in the strike
		 * channel too */
		for (const struct dur_obs_rule *o = rules; o->quantity; o++)
			if (o->also && !strcmp(o->also, r->quantity) &&
			    o->complete) {
				int oi = dur_outcome_find(sc, o->outcome);

				if (oi >= 0 &&
				    channel(c, o, oi, ob->first, ob->last))
					return dur_error_set(err, DUR_ENOMEM,
							     "", 0, 0,
							     "out of memory");
			}
	}
	if (csr(c->days, c->nobs, c->obs, 0, &c->start_idx, &c->start_list) ||
	    csr(c->days, c->nobs, c->obs, 1, &c->end_idx, &c->end_list))
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	c->off_out = (sizeof(struct dur_sim) + 7) & ~(size_t)7;
	c->off_base = c->off_out + (size_t)c->nout * sizeof(int64_t);
	c->off_prev = c->off_base + (size_t)c->nobs * sizeof(int64_t);
	c->size = c->off_prev + (size_t)c->nchan * sizeof(int64_t);
	return 0;
}

/* --- the filter ------------------------------------------------------ */

int32_t dur_filter_default_until(const struct dur_record *rec)
{
	int32_t end = INT32_MIN;

	for (int i = 0; i < rec->nfacts; i++)
		if (rec->fact[i].end > end)
			end = rec->fact[i].end;
	return end == INT32_MIN ? 0 : end + 1;
}

void dur_filter_result_free(struct dur_filter_result *r)
{
	if (!r)
		return;
	free(r->rep_loglik);
	free(r->ess);
	free(r->obs);
	free(r->models);
	dur_cloud_free(r->cloud);
	free(r);
}

/* log(mean(exp(v))) and its jackknife standard error (as pomp's
 * logmeanexp). */
static double logmeanexp(const double *v, int n, double *se)
{
	double mx = -INFINITY, s = 0, jm = 0, jv = 0, *j;

	for (int i = 0; i < n; i++)
		mx = v[i] > mx ? v[i] : mx;
	for (int i = 0; i < n; i++)
		s += exp(v[i] - mx);
	*se = NAN;
	if (n < 2 || !(j = malloc((size_t)n * sizeof(*j))))
		return mx + log(s / n);
	for (int i = 0; i < n; i++) {
		/* leave v[i] out with its own maximum: s - exp(v[i] - mx)
		 * rounds to 0 when v[i] dwarfs the rest */
		double mi = -INFINITY, si = 0;

		for (int k = 0; k < n; k++)
			if (k != i && v[k] > mi)
				mi = v[k];
		for (int k = 0; k < n; k++)
			if (k != i)
				si += exp(v[k] - mi);
		j[i] = mi + log(si / (n - 1));
		jm += j[i] / n;
	}
	for (int i = 0; i < n; i++)
		jv += (j[i] - jm) * (j[i] - jm);
	*se = sqrt((double)(n - 1) / n * jv);
	free(j);
	return mx + log(s / n);
}

/* The final cloud resampled to equal weights, its days counted from
 * `until`. */
static int make_cloud(const struct ctx *c, const struct dur_pf_result *pf,
		      const struct dur_scenario *sc,
		      const struct dur_record *rec, const struct dur_filter_opts *o,
		      int nused, struct dur_cloud **out,
		      struct dur_model **models)
{
	struct dur_cloud *cl = calloc(1, sizeof(*cl));
	long n = pf->n, *idx = malloc((size_t)n * sizeof(*idx));
	struct dur_rng r;
	int32_t shift = c->days;

	if (!cl || !idx || !(cl->state = malloc((size_t)n * sizeof(*cl->state)))) {
		free(idx);
		dur_cloud_free(cl);
		return DUR_ENOMEM;
	}
	dur_rng_init(&r, o->seed, ~(uint64_t)0 - 255);
	dur_pf_systematic(pf->w, n, dur_rng_uniform(&r), idx);
	if (o->keep_models &&
	    !(*models = malloc((size_t)n * sizeof(**models)))) {
		free(idx);
		dur_cloud_free(cl);
		return DUR_ENOMEM;
	}
	for (long i = 0; i < n; i++) {
		const struct dur_sim *s = (const struct dur_sim *)(const void *)(
			pf->particles + (size_t)idx[i] * pf->size);
		struct dur_state *st = &cl->state[i];

		*st = s->s;
		if (o->keep_models)
			(*models)[i] = s->m;
		st->rung_since -= shift;
		st->ceasefire_since -= shift;
		for (int k = 0; k < DUR_MAX_MEDIATORS; k++)
			st->med_next[k] -= shift;
		if (st->first_strike >= 0)
			st->first_strike -= shift;
	}
	free(idx);
	cl->n = n;
	cl->date = sc->start + c->days;
	cl->from = c->start ? c->start->from : sc->start;
	cl->seed = o->seed;
	cl->nfacts = nused;
	snprintf(cl->scenario, sizeof(cl->scenario), "%s", sc->name);
	snprintf(cl->record, sizeof(cl->record), "%s", rec->digest);
	*out = cl;
	return 0;
}

int dur_filter_run(const struct dur_scenario *sc, const struct dur_record *rec,
		   const struct dur_filter_opts *o,
		   struct dur_filter_result **out, struct dur_error *err)
{
	struct dur_filter_result *res;
	struct ctx c = { 0 };
	int rc;

	*out = NULL;
	gsl_set_error_handler_off();
	if (o->particles < 1 || o->replicates < 1 || o->replicates > 1000)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a filter needs at least one particle "
				     "and 1 to 1000 replicates");
	if (o->until > sc->start &&
	    (int64_t)o->until - sc->start > DUR_FILTER_DAYS_MAX) {
		char d1[16], d2[16];

		return dur_error_set(err, DUR_ELIMIT, "", 0, 0,
				     "a filter from %s to %s spans %ld days; "
				     "it may span %d at most "
				     "(DUR_FILTER_DAYS_MAX in observe.h)",
				     dur_date_format(sc->start, d1),
				     dur_date_format(o->until, d2),
				     (long)o->until - sc->start,
				     DUR_FILTER_DAYS_MAX);
	}
	res = calloc(1, sizeof(*res));
	if (!res)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	rc = compile(&c, sc, rec, o->until, res, err);
	if (rc)
		goto fail;
	res->from = sc->start;
	res->until = sc->start + c.days;
	res->days = c.days;
	res->replicates = o->replicates;
	res->rep_loglik = calloc((size_t)o->replicates, sizeof(double));
	res->ess = calloc((size_t)c.days + 1, sizeof(double));
	c.xs = malloc((size_t)o->particles * sizeof(struct wx));
	if (!res->rep_loglik || !res->ess || !c.xs) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	c.seed = o->seed;
	c.start = o->start;
	c.perturb = o->perturb;
	c.perturb_ctx = o->perturb_ctx;
	if (c.start && c.start->date != sc->start) {
		char d1[16], d2[16];

		rc = dur_error_set(err, DUR_EINVAL, "", 0, 0,
				   "a cloud of %s cannot start a scenario "
				   "that starts on %s",
				   dur_date_format(c.start->date, d1),
				   dur_date_format(sc->start, d2));
		goto fail;
	}
	for (int k = 0; k < o->replicates; k++) {
		struct dur_pf_model m = { c.size,     p_init,	   p_rekey,
					  p_step,     p_loglik,	   p_predict,
					  p_sync,     &c,	   p_nfeatures,
					  p_feature,  p_relocate };
		struct dur_pf_opts po = DUR_PF_OPTS_INIT;
		struct dur_pf_result *pf;

		po.particles = o->particles;
		po.steps = c.days;
		po.seed = o->seed;
		po.replicate = (uint64_t)k;
		po.threads = o->threads;
		po.cancel = o->cancel;
		po.comm = o->comm;
		c.rep = k == 0 ? res->obs : NULL;
		rc = dur_pf_run(&m, &po, &pf, err);
		if (rc == DUR_ENOCONV) {
			/* name the facts that closed on the day it failed */
			int t = 0;

			sscanf(err->msg, "no particle can produce what was "
					 "observed at step %d", &t);
			for (int j = c.end_idx[t]; j < c.end_idx[t + 1]; j++) {
				const struct dur_fact *f =
					&rec->fact[c.obs[c.end_list[j]].fact];

				rc = dur_error_set(err, DUR_ENOCONV, rec->name,
						   f->line, 0,
						   "no particle can produce "
						   "fact '%s'", f->id);
			}
		}
		if (rc)
			goto fail;
		res->rep_loglik[k] = pf->loglik;
		res->moved += pf->sent_all;
		if (k == 0) {
			memcpy(res->ess, pf->ess, (size_t)c.days * sizeof(double));
			res->resamples = pf->resamples;
			rc = make_cloud(&c, pf, sc, rec, o, res->nused,
					&res->cloud, &res->models);
			if (rc) {
				dur_pf_result_free(pf);
				rc = dur_error_set(err, rc, "", 0, 0,
						   "out of memory");
				goto fail;
			}
		}
		dur_pf_result_free(pf);
	}
	res->loglik = logmeanexp(res->rep_loglik, o->replicates,
				 &res->loglik_se);
	ctx_release(&c);
	*out = res;
	return 0;
fail:
	ctx_release(&c);
	dur_filter_result_free(res);
	return rc;
}

/* --- forecasts in the record's terms --------------------------------- */

void dur_obs_forecast_free(struct dur_obs_forecast *f)
{
	if (!f)
		return;
	free(f->fact);
	free(f->law);
	free(f->lo);
	free(f->hi);
	free(f->draw);
	free(f->per_start);
	free(f->ser_name);
	free(f->ser_obs);
	free(f->ser_draw);
	free(f);
}

/* Monthly counts a forecast gives in the record's terms: a tracker's
 * attacks and deaths (PICSS's rules) and departures (deportations and
 * returns). */
#define NCOUNT_SERIES 3
static const char *const count_series[NCOUNT_SERIES] = {
	"militant_attacks", "deaths_in_militant_attacks", "departures"
};

/* Period of day offset t (from the cloud's date), or -1. */
static int period_of(const struct dur_obs_forecast *f, int32_t d0, int t)
{
	for (int p = 0; p < f->nper; p++)
		if (d0 + t >= f->per_start[p] && d0 + t < f->per_start[p + 1])
			return p;
	return -1;
}

/* The series and what the record shows of them (see observe.h). */
static int series(struct dur_obs_forecast *f, const struct dur_scenario *sc,
		  const struct dur_record *rec, int32_t d0, int days,
		  int months)
{
	int y, m, d, nx = sc->model.ncrossings;
	unsigned char named[DUR_MAX_CROSSINGS] = { 0 };

	f->nper = months > 0 ? months : 1;
	f->per_start = malloc(((size_t)f->nper + 1) * sizeof(int32_t));
	if (!f->per_start)
		return DUR_ENOMEM;
	dur_date_to_ymd(d0, &y, &m, &d);
	for (int p = 0; p <= f->nper; p++) {
		int mm = m - 1 + p;

		f->per_start[p] = months > 0 ?
			dur_date_from_ymd(y + mm / 12, mm % 12 + 1, 1) :
			(p ? d0 + days : d0);
	}
	if (months > 0)
		f->per_start[0] = d0;
	if (f->per_start[f->nper] > d0 + days)
		f->per_start[f->nper] = d0 + days;
	for (int i = 0; i < rec->nfacts; i++)
		if (!strcmp(rec->fact[i].quantity, "crossing_closed"))
			for (int x = 0; x < nx; x++)
				if (strstr(rec->fact[i].subject,
					   sc->model.crossing[x].name))
					named[x] = 1;
	f->nser = 2 + NCOUNT_SERIES;
	for (int x = 0; x < nx; x++)
		f->nser += 2 * named[x];
	f->ser_name = calloc((size_t)f->nser, sizeof(*f->ser_name));
	f->ser_obs = calloc((size_t)f->nser * (size_t)f->nper, sizeof(double));
	f->ser_draw = malloc((size_t)f->nser * (size_t)f->nper *
			     (size_t)f->runs * sizeof(double));
	if (!f->ser_name || !f->ser_obs || !f->ser_draw)
		return DUR_ENOMEM;
	snprintf(f->ser_name[0], 64, "strike_days");
	snprintf(f->ser_name[1], 64, "ceasefires");
	/* the monthly counts, last: the record has none to show */
	for (int k = 0; k < NCOUNT_SERIES; k++) {
		int at = f->nser - NCOUNT_SERIES + k;

		snprintf(f->ser_name[at], 64, "%s", count_series[k]);
		for (int p = 0; p < f->nper; p++)
			f->ser_obs[at * f->nper + p] = NAN;
	}
	for (int x = 0, k = 2; x < nx; x++)
		if (named[x])
			snprintf(f->ser_name[k++], 64, "closed_at_end.%s",
				 sc->model.crossing[x].name);
	for (int x = 0, k = 2 + (f->nser - 2 - NCOUNT_SERIES) / 2; x < nx; x++)
		if (named[x])
			snprintf(f->ser_name[k++], 64, "closed_days.%s",
				 sc->model.crossing[x].name);
	for (int i = 0; i < rec->nfacts; i++) {
		const struct dur_fact *fa = &rec->fact[i];
		int s = -1;

		if (fa->kind != DUR_FACT_EVENT)
			continue;
		if (!strcmp(fa->quantity, "strike_in_afghanistan") ||
		    !strcmp(fa->quantity, "strike_on_city"))
			s = 0;
		else if (!strcmp(fa->quantity, "ceasefire"))
			s = 1;
		for (int p = 0; s >= 0 && p < f->nper; p++)
			if (fa->start >= f->per_start[p] &&
			    fa->start < f->per_start[p + 1])
				f->ser_obs[s * f->nper + p] += 1;
	}
	for (int p = 0; p < f->nper; p++) {
		int32_t first = f->per_start[p], last = f->per_start[p + 1] - 1;
		int nnamed = (f->nser - 2 - NCOUNT_SERIES) / 2;

		for (int x = 0, k = 2; x < nx; x++) {
			if (!named[x])
				continue;
			for (int i = 0; i < rec->nfacts; i++) {
				const struct dur_fact *fa = &rec->fact[i];
				int32_t a, b;

				if (strcmp(fa->quantity, "crossing_closed") ||
				    !strstr(fa->subject,
					    sc->model.crossing[x].name))
					continue;
				if (fa->start <= last && fa->end > last)
					f->ser_obs[k * f->nper + p] = 1;
				/* its days within the period */
				a = fa->start > first ? fa->start : first;
				b = fa->end < last ? fa->end : last;
				if (b >= a)
					f->ser_obs[(k + nnamed) * f->nper + p] +=
						b - a + 1;
			}
			k++;
		}
	}
	return 0;
}

/* The figure the record would show for model count x, drawn from g. */
static double law_draw(const struct obs *ob, double x, const gsl_rng *g)
{
	const struct dur_obs_rule *r = ob->rule;

	switch (r->law) {
	case DUR_LAW_NEGBIN: {
		double mu = law_mean(r, x);

		return gsl_ran_negative_binomial(g, r->size / (r->size + mu),
						 r->size);
	}
	case DUR_LAW_LOGNORMAL:
		return round(law_mean(r, x) *
			     exp(r->relerr * gsl_ran_ugaussian(g)));
	case DUR_LAW_EVENT:
		return gsl_rng_uniform(g) <
				       1 - pow(1 - r->detect, x) *
						   (1 - r->spurious *
							(ob->last - ob->first + 1)) ?
			       1 :
			       0;
	case DUR_LAW_STATE:
		return x;
	}
	return NAN;
}

int dur_obs_forecast_run(const struct dur_scenario *sc,
			 const struct dur_record *rec,
			 const struct dur_cloud *cl, int days, int months,
			 long runs, uint64_t seed, int threads,
			 struct dur_obs_forecast **out, struct dur_error *err)
{
	struct dur_filter_result res0 = { 0 };
	struct obs oa = { 0 }, od = { 0 }; /* the trackers' monthly laws */
	int iret, nclosed = 0, closed_x[DUR_MAX_CROSSINGS];
	struct dur_obs_forecast *f;
	struct dur_scenario *fs;
	struct ctx c = { 0 };
	int rc, nout;

	*out = NULL;
	gsl_set_error_handler_off();
	if (runs < 1 || days < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "a forecast needs runs and days");
	fs = malloc(sizeof(*fs));
	f = calloc(1, sizeof(*f));
	if (!fs || !f) {
		free(fs);
		free(f);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	}
	*fs = *sc;
	dur_scenario_restart(fs, cl->date);
	/* the facts after the cloud's date, within the horizon */
	rc = compile(&c, fs, rec, cl->date + days, &res0, err);
	free(res0.obs);
	if (rc)
		goto fail;
	nout = c.nout;
	f->runs = runs;
	f->fact = malloc(((size_t)c.nobs + 1) * sizeof(int));
	f->law = malloc(((size_t)c.nobs + 1) * sizeof(int));
	f->lo = malloc(((size_t)c.nobs + 1) * sizeof(double));
	f->hi = malloc(((size_t)c.nobs + 1) * sizeof(double));
	f->draw = malloc(((size_t)c.nobs + 1) * (size_t)runs * sizeof(double));
	if (!f->fact || !f->law || !f->lo || !f->hi || !f->draw) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	f->nfacts = c.nobs;
	oa.rule = find_rule("militant_attacks");
	od.rule = find_rule("deaths_in_militant_attacks");
	iret = dur_outcome_find(fs, "returns");
	if (series(f, fs, rec, cl->date, days, months)) {
		rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	/* the crossings of the "closed_at_end.X" series, in their order */
	for (int x = 0; x < fs->model.ncrossings; x++) {
		char nm[96];

		snprintf(nm, sizeof(nm), "closed_at_end.%s",
			 fs->model.crossing[x].name);
		if (2 + nclosed < f->nser && !strcmp(nm, f->ser_name[2 + nclosed]))
			closed_x[nclosed++] = x;
	}
	for (int j = 0; j < c.nobs; j++) {
		const struct obs *ob = &c.obs[j];

		f->fact[j] = ob->fact;
		f->law[j] = ob->rule->law;
		if (ob->rule->law == DUR_LAW_NEGBIN ||
		    ob->rule->law == DUR_LAW_LOGNORMAL) {
			f->lo[j] = ob->lo;
			f->hi[j] = ob->hi;
		} else if (ob->rule->law == DUR_LAW_STATE) {
			f->lo[j] = f->hi[j] = ob->span; /* closed throughout */
		} else {
			f->lo[j] = f->hi[j] = 1; /* recorded */
		}
	}
#pragma omp parallel num_threads(threads > 0 ? threads : omp_get_num_procs())
	{
		int64_t *o = malloc((size_t)nout * sizeof(*o));
		double *sv = malloc((size_t)f->nser * (size_t)f->nper *
				    sizeof(*sv));
		/* a window's counter when it opens, then its count */
		int64_t *base = malloc(((size_t)c.nobs + 1) * sizeof(*base));
		struct dur_sim *sim = malloc(sizeof(*sim));
		struct dur_rng r;
		gsl_rng g;
		int64_t c0[NCOUNT_SERIES] = { 0 };

#pragma omp for schedule(dynamic, 16)
		for (long i = 0; i < runs; i++) {
			if (!o || !base || !sim || !sv)
				continue;
			dur_sim_init(sim, fs, NULL, seed, i, o);
			dur_cloud_apply(cl, i, sim);
			memset(sv, 0, (size_t)f->nser * (size_t)f->nper *
					      sizeof(*sv));
			/* the record's noise from a stream of its own */
			dur_rng_init(&r, seed, (uint64_t)i | (1ULL << 62));
			dur_rng_gsl(&r, &g);
			for (int t = 0; t < c.days; t++) {
				int p = period_of(f, cl->date, t);
				int64_t st = o[DUR_OUT_STRIKES],
					cf = o[DUR_OUT_CEASEFIRES];

				if (p >= 0 && cl->date + t == f->per_start[p]) {
					c0[0] = o[DUR_OUT_ATTACKS];
					c0[1] = o[DUR_OUT_FAT_PAK];
					c0[2] = o[DUR_OUT_DEPORTATIONS] +
						(iret >= 0 ? o[iret] : 0);
				}

				for (int k = c.start_idx[t];
				     k < c.start_idx[t + 1]; k++)
					base[c.start_list[k]] =
						obs_sum(&c.obs[c.start_list[k]],
							o);
				dur_sim_step(sim);
				/* a window's count when it closes */
				for (int k = c.end_idx[t]; k < c.end_idx[t + 1];
				     k++) {
					int j = c.end_list[k];

					base[j] = obs_sum(&c.obs[j], o) - base[j];
				}
				if (p < 0)
					continue;
				/* a day with a strike (or a ceasefire) is
				 * recorded with the rule's detection */
				if (o[DUR_OUT_STRIKES] > st &&
				    gsl_rng_uniform(&g) <
					    1 - pow(1 - STRIKE_DETECT,
						    (double)(o[DUR_OUT_STRIKES] -
							     st)))
					sv[p] += 1;
				if (o[DUR_OUT_CEASEFIRES] > cf &&
				    gsl_rng_uniform(&g) < CEASEFIRE_DETECT)
					sv[f->nper + p] += 1;
				if (cl->date + t + 1 == f->per_start[p + 1]) {
					int at = f->nser - NCOUNT_SERIES;
					double xa = (double)(o[DUR_OUT_ATTACKS] -
							     c0[0]);
					double xd = (double)(o[DUR_OUT_FAT_PAK] -
							     c0[1]);
					double xr = (double)(o[DUR_OUT_DEPORTATIONS] +
							     (iret >= 0 ? o[iret] :
									  0) -
							     c0[2]);

					sv[at * f->nper + p] = law_draw(&oa, xa, &g);
					sv[(at + 1) * f->nper + p] =
						law_draw(&od, xd, &g);
					sv[(at + 2) * f->nper + p] = xr;
				}
				for (int k = 0; k < nclosed; k++)
					sv[(2 + nclosed + k) * f->nper + p] +=
						sim->s.closed[closed_x[k]] > 0;
				if (cl->date + t + 1 == f->per_start[p + 1])
					for (int k = 0; k < nclosed; k++)
						sv[(2 + k) * f->nper + p] =
							sim->s.closed[closed_x[k]] >
							0;
			}
			for (int j = 0; j < c.nobs; j++)
				f->draw[(size_t)j * (size_t)runs + (size_t)i] =
					law_draw(&c.obs[j], (double)base[j], &g);
			for (int k = 0; k < f->nser * f->nper; k++)
				f->ser_draw[(size_t)k * (size_t)runs +
					    (size_t)i] = sv[k];
		}
		if (!o || !base || !sim || !sv) {
#pragma omp critical(obs_forecast)
			rc = DUR_ENOMEM;
		}
		free(o);
		free(sv);
		free(base);
		free(sim);
	}
	if (rc) {
		rc = dur_error_set(err, rc, "", 0, 0, "out of memory");
		goto fail;
	}
	ctx_release(&c);
	free(fs);
	*out = f;
	return 0;
fail:
	ctx_release(&c);
	free(fs);
	dur_obs_forecast_free(f);
	return rc;
}
