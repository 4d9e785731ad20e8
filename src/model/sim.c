/*
 * sim.c: the one-day step of a run (docs/ODD.md, "Process overview").
 *
 * Each process of the day draws from its own substream of the run's random
 * stream, keyed by (day, process), so a change in one process (an
 * intervention that stops closures, say) never shifts the random numbers of
 * another: a what-if and its baseline stay on common random numbers.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "durand/gsl_quiet.h"
#include "durand/sim.h"

/*
 * Substreams of a day: day * SUB_PER_DAY + one of these. Decisions that must
 * stay aligned between variants read fixed slots of SUB_SLOTS (one uniform
 * each, SLOT_*); processes whose draws vary in number (attacks, clashes, the
 * coercive actions) have a substream each.
 */
enum {
	SUB_ATTACK = 0,
	SUB_SLOTS = 1,
	SUB_CLASH = 2,
	SUB_NOISE = 3,  /* capacity's and enforcement's daily noise */
	SUB_DEPART = 4, /* departures: returns and deportations */
	SUB_ACTION = 8, /* + action, for closures and the instruments after */
	SUB_PER_DAY = 32
};

enum {
	SLOT_LADDER = 0,
	SLOT_ACTION = 1, /* + action: how many times it is taken today */
	SLOT_CEASEFIRE = SLOT_ACTION + DUR_ACT_COUNT,
	SLOT_MEDIATOR = SLOT_CEASEFIRE + 1, /* + 2 * mediator: round, success */
	SLOT_THAW = SLOT_MEDIATOR + 2 * DUR_MAX_MEDIATORS,
	SLOT_CLOSE_POLITICAL,
	SLOT_REOPEN,
	SLOT_ORDER,
	SLOT_CAMPAIGN_END
};

static const struct dur_event_info events[DUR_EV_COUNT] = {
	/* CAMEO codes and Goldstein weights: docs/ODD.md, "Observation" */
	[DUR_EV_ATTACK] = { "attack", "180", -9.0 },
	[DUR_EV_STRIKE] = { "strike", "195", -10.0 },
	[DUR_EV_STRIKE_CITY] = { "strike_city", "195", -10.0 },
	[DUR_EV_GROUND_OP] = { "ground_operation", "190", -10.0 },
	[DUR_EV_CLASH] = { "border_clash", "190", -10.0 },
	[DUR_EV_FLAG_MEETING] = { "flag_meeting", "040", 1.0 },
	[DUR_EV_PROTEST] = { "protest", "114", -2.0 },
	[DUR_EV_DEMARCHE] = { "demarche", "114", -2.0 },
	[DUR_EV_MEMORANDUM] = { "memorandum", "112", -2.0 },
	[DUR_EV_JCC] = { "jcc_meeting", "046", 7.0 },
	[DUR_EV_MINISTER_VISIT] = { "minister_visit", "042", 1.9 },
	[DUR_EV_CLOSURE] = { "closure", "191", -9.5 },
	[DUR_EV_REOPENING] = { "reopening", "085", 7.0 },
	[DUR_EV_DEPORTATION] = { "deportation", "174", -5.0 },
	[DUR_EV_MEDIATION] = { "mediation", "045", 5.0 },
	[DUR_EV_CEASEFIRE] = { "ceasefire", "0871", 9.0 },
	[DUR_EV_CEASEFIRE_BREAK] = { "ceasefire_break", "196", -9.5 },
	[DUR_EV_ESCALATION] = { "escalation", "130", -4.4 },
	[DUR_EV_DEESCALATION] = { "deescalation", "087", 9.0 },
};

const struct dur_event_info *dur_event_info(int type)
{
	if (type < 0 || type >= DUR_EV_COUNT)
		return NULL;
	return &events[type];
}

static double halflife_decay(double days)
{
	return exp(-M_LN2 / days);
}

static double cbm_level(const struct dur_model *m, int kind)
{
	double level = 0;

	for (int i = 0; i < m->ncbms; i++)
		if (m->cbm[i].kind == kind && m->cbm[i].on > 0)
			level += m->cbm[i].strength;
	return level > 1 ? 1 : level;
}

/* The least 32-bit x whose uniform (x + 0.5) / 2^32 exceeds F (2^32 if
 * none; every bound is exact: F * 2^32 and its difference with 0.5). */
static uint64_t law_cut(double f)
{
	double t = ldexp(f, 32) - 0.5;

	if (!(t >= -1)) /* NaN: no uniform exceeds it */
		return UINT64_MAX;
	if (t >= 4294967296.0)
		return 4294967296u;
	return (uint64_t)((int64_t)floor(t) + 1);
}

/*
 * Tabulate the law of a count with mean `mean`: Poisson if size <= 0, else
 * negative binomial of that size (variance mean + mean^2 / size).
 */
void dur_law_init(struct dur_law *l, double mean, double size)
{
	double p, acc, cdf[DUR_LAW_N];

	if (!(mean > 0)) {
		for (int k = 0; k < DUR_LAW_N; k++)
			l->cut[k] = law_cut(1);
		l->f_last = 1;
		l->p_last = l->a = l->b = 0;
		memset(l->guide, 0, sizeof(l->guide));
		return;
	}
	if (size > 0) {
		double q = mean / (mean + size);

		l->a = size * q;
		l->b = q;
		p = exp(size * log(size / (mean + size)));
	} else {
		l->a = mean;
		l->b = 0;
		p = exp(-mean);
	}
	acc = p;
	cdf[0] = acc;
	for (int k = 1; k < DUR_LAW_N; k++) {
		p *= (l->a + l->b * (k - 1)) / k;
		acc += p;
		cdf[k] = acc;
	}
	l->p_last = p;
	l->f_last = cdf[DUR_LAW_N - 1];
	for (int k = 0; k < DUR_LAW_N; k++)
		l->cut[k] = law_cut(cdf[k]);
	/* j / GUIDE is exact (a power of two) */
	for (int j = 0, k = 0; j < DUR_LAW_GUIDE; j++) {
		while (k < DUR_LAW_N && cdf[k] < (double)j / DUR_LAW_GUIDE)
			k++;
		l->guide[j] = (unsigned char)k;
	}
}

static void cdf(const double *w, int n, double *out)
{
	double sum = 0, acc = 0;

	for (int i = 0; i < n; i++)
		sum += w[i];
	for (int i = 0; i < n; i++) {
		acc += w[i];
		out[i] = sum > 0 ? acc / sum : (double)(i + 1) / n;
	}
	if (n)
		out[n - 1] = 1.0;
}

void dur_sim_derive(struct dur_sim *sim)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_derived *d = &sim->d;
	double ws[DUR_MAX_REGIONS], wh[DUR_MAX_REGIONS], wc[DUR_MAX_REGIONS];
	double wx[DUR_MAX_CROSSINGS];
	double monitor;

	for (int k = 0; k < DUR_CBM_KIND_COUNT; k++)
		d->cbm[k] = cbm_level(m, k);
	monitor = d->cbm[DUR_CBM_MONITORING];
	d->decay[DUR_STREAM_ATTACK] = halflife_decay(p->hawkes_halflife_attack);
	d->decay[DUR_STREAM_STRIKE] = halflife_decay(p->hawkes_halflife_strike);
	d->decay[DUR_STREAM_CLASH] = halflife_decay(p->hawkes_halflife_clash);
	d->decay[DUR_STREAM_CIVILIAN] = d->decay[DUR_STREAM_STRIKE];
	d->grievance_decay = halflife_decay(
		p->pak_grievance_halflife *
		(1 - p->cbm_monitor_grievance * monitor * 0.999));
	d->resentment_decay = halflife_decay(p->afg_resentment_halflife);
	d->diplomacy_decay = halflife_decay(p->afg_diplomacy_halflife);
	d->urge_decay = halflife_decay(p->strike_urge_halflife);
	d->norm_decay = halflife_decay(p->strike_norm_halflife);
	d->crisis_decay = halflife_decay(p->crisis_halflife);
	d->hardening_decay = halflife_decay(p->mediation_hardening_halflife);
	d->faction_decay = halflife_decay(p->faction_shift_halflife);
	d->shock_decay = halflife_decay(p->afg_inertia);
	d->shock_sd = sqrt(1 - d->shock_decay * d->shock_decay);
	d->closure_log_q =
		p->closure_mean_days > p->closure_min_days
			? log1p(-1 / (p->closure_mean_days - p->closure_min_days + 1))
			: 0;
	d->affinity = 0;
	d->hard_faction = d->soft_faction = 0;
	for (int i = 0; i < m->nfactions; i++) {
		d->affinity += m->faction[i].weight * m->faction[i].affinity;
		if (m->faction[i].affinity > m->faction[d->hard_faction].affinity)
			d->hard_faction = i;
		if (m->faction[i].affinity < m->faction[d->soft_faction].affinity)
			d->soft_faction = i;
	}
	{
		struct dur_law *l = d->law;

		dur_law_init(&l[DUR_LAW_ATTACK_DEATHS], p->attack_fatality_mean,
			     p->attack_fatality_dispersion);
		dur_law_init(&l[DUR_LAW_ATTACK_MILITANTS],
			     p->attack_militants_mean, 0);
		dur_law_init(&l[DUR_LAW_STRIKE_CIV], p->strike_civilians_mean,
			     p->strike_dispersion);
		dur_law_init(&l[DUR_LAW_STRIKE_CITY_CIV],
			     p->strike_city_civilians_mean,
			     p->strike_dispersion);
		dur_law_init(&l[DUR_LAW_STRIKE_MILITANTS],
			     p->strike_militants_mean, p->strike_dispersion);
		dur_law_init(&l[DUR_LAW_GROUND_PAK], p->ground_op_pak_mean,
			     p->strike_dispersion);
		dur_law_init(&l[DUR_LAW_GROUND_AFG], p->ground_op_afg_mean,
			     p->strike_dispersion);
		dur_law_init(&l[DUR_LAW_CLASH_PAK], p->clash_pak_mean,
			     p->clash_dispersion);
		dur_law_init(&l[DUR_LAW_CLASH_AFG], p->clash_afg_mean,
			     p->clash_dispersion);
		dur_law_init(&l[DUR_LAW_CLASH_CIV], p->clash_civilian_mean,
			     p->clash_dispersion);
	}
	d->trade_total = 0;
	for (int i = 0; i < m->ncrossings; i++) {
		d->trade_total += m->crossing[i].trade_usd_per_day;
		wx[i] = m->crossing[i].weight;
	}
	cdf(wx, m->ncrossings, d->crossing_cdf);
	for (int r = 0; r < m->nrungs; r++)
		for (int a = 0; a < DUR_ACT_COUNT; a++) {
			d->exp_rate[r][a] = exp(-m->rung[r].rate[a]);
			d->exp_per_attack[r][a] = exp(-m->rung[r].per_attack[a]);
		}
	d->nstate_regions = d->nhost_regions = d->ncity_regions = 0;
	for (int i = 0; i < m->nregions; i++) {
		const struct dur_region *r = &m->region[i];

		if (!r->host) {
			ws[d->nstate_regions] = r->share;
			d->state_region[d->nstate_regions++] = i;
		} else if (r->city) {
			wc[d->ncity_regions] = r->share;
			d->city_region[d->ncity_regions++] = i;
		} else {
			wh[d->nhost_regions] = r->share;
			d->host_region[d->nhost_regions++] = i;
		}
	}
	if (!d->nhost_regions) { /* only cities: strikes on militants hit them */
		for (int i = 0; i < d->ncity_regions; i++) {
			wh[i] = wc[i];
			d->host_region[i] = d->city_region[i];
		}
		d->nhost_regions = d->ncity_regions;
	}
	if (!d->ncity_regions) { /* no city: city strikes hit host regions */
		for (int i = 0; i < d->nhost_regions; i++) {
			wc[i] = wh[i];
			d->city_region[i] = d->host_region[i];
		}
		d->ncity_regions = d->nhost_regions;
	}
	cdf(ws, d->nstate_regions, d->region_cdf_state);
	cdf(wh, d->nhost_regions, d->region_cdf_host);
	cdf(wc, d->ncity_regions, d->city_cdf);
}

void dur_sim_init(struct dur_sim *sim, const struct dur_scenario *sc,
		  const struct dur_intervention *what_if, uint64_t seed,
		  long run, int64_t *out)
{
	const struct dur_init *in = &sc->init;
	struct dur_state *s = &sim->s;

	dur_gsl_quiet();

	sim->sc = sc;
	sim->m = sc->model;
	sim->what_if = what_if;
	sim->day = 0;
	sim->run = run;
	sim->out = out;
	memset(out, 0, sizeof(*out) * (size_t)dur_outcome_count(sc));
	sim->fat_pak_cum = sim->fat_afg_cum = 0;
	sim->ncf = 0;
	sim->on_event = NULL;
	sim->event_ctx = NULL;
	dur_rng_init(&sim->rng, seed, (uint64_t)run);
	dur_rng_gsl(&sim->rng, &sim->g);
	memset(s, 0, sizeof(*s));
	s->capacity = in->capacity;
	s->sanctuary = in->sanctuary;
	s->grievance = in->grievance;
	s->rung = s->max_rung = in->rung;
	s->rung_since = -100000; /* free to move on day 0 */
	s->enforcement = in->enforcement;
	s->resentment = in->resentment;
	s->trust = in->trust;
	s->ceasefire = in->ceasefire;
	s->fence = in->fence;
	for (int i = 0; i < 3; i++)
		s->exc[i] = in->exc[i];
	for (int i = 0; i < sc->model.ncrossings; i++) {
		s->closed[i] = in->closed[i];
		if (s->closed[i] == DUR_CLOSED_POLITICAL)
			s->political = 1;
	}
	for (int i = 0; i < sc->model.nfactions; i++)
		s->fw[i] = sc->model.faction[i].weight;
	s->crisis = in->crisis;
	s->campaign = in->campaign;
	s->first_strike = -1;
	out[DUR_OUT_MAX_RUNG] = s->rung;
	s->pset = sc->pens.n ? (int)((unsigned long)run %
				     (unsigned long)sc->pens.n) :
			       0;
	dur_param_ensemble_apply(sc, s->pset, &sim->m);
	dur_sim_derive(sim);
}

/* --- drawing helpers ------------------------------------------------ */

/*
 * A numerical guard, not a model parameter: no daily rate may exceed this
 * many events. Scenario checks keep each self-exciting process stationary;
 * the guard keeps a run finite should feedback between processes (strikes,
 * clashes, grievance) run away in a corner of a parameter range.
 */
#define RATE_CAP 1000.0

static unsigned poisson_inv(double u, double mu, double emu);

/*
 * A Poisson count from the current substream: by inversion of one uniform
 * for the small means of daily event counts (the common case, one exp()),
 * GSL's sampler for larger ones.
 */
static unsigned poisson(struct dur_sim *sim, double mu)
{
	if (!(mu > 0))
		return 0;
	if (mu < 20)
		return poisson_inv(dur_rng_uniform(&sim->rng), mu, exp(-mu));
	return gsl_ran_poisson(&sim->g, mu < RATE_CAP ? mu : RATE_CAP);
}

/*
 * A count of people (deportees, displaced) with a large mean: the normal
 * approximation to the Poisson law, whose relative error in any moment is
 * below 1/sqrt(mean), under 3% for the hundreds and thousands these counts
 * have; GSL's exact sampler below a mean of 100.
 */
static int32_t people(struct dur_sim *sim, double mu)
{
	double v;

	if (!(mu > 0))
		return 0;
	if (mu < 100)
		return (int32_t)gsl_ran_poisson(&sim->g, mu);
	v = floor(mu + sqrt(mu) * gsl_ran_gaussian_ziggurat(&sim->g, 1.0) + 0.5);
	/* held at the largest count: (int32_t) of more is undefined */
	return v > 0 ? v < INT32_MAX ? (int32_t)v : INT32_MAX : 0;
}

/* A count of a fixed law by inversion of the uniform of x: the table first,
 * on x itself, from where its guide says the answer starts (every F(k)
 * below it is below u), then the pmf's recursion past it (exact), at most
 * RATE_CAP. */
int32_t dur_law_draw(const struct dur_law *l, uint32_t x)
{
	int32_t k = l->guide[x >> (32 - DUR_LAW_GUIDE_BITS)];
	double u, p, f;

	while (k < DUR_LAW_N && x >= l->cut[k])
		k++;
	if (k < DUR_LAW_N)
		return k;
	u = ((double)x + 0.5) * (1.0 / 4294967296.0); /* dur_rng_uniform's */
	k = DUR_LAW_N - 1;
	p = l->p_last;
	f = l->f_last;
	while (u > f && k < (int32_t)RATE_CAP) {
		p *= (l->a + l->b * k) / (k + 1);
		k++;
		f += p;
		if (p < 1e-300)
			break;
	}
	return k;
}

/* A count of a fixed law (deaths per event), from one uniform. */
static int32_t deaths(struct dur_sim *sim, int law)
{
	return dur_law_draw(&sim->d.law[law], dur_rng_u32(&sim->rng));
}

/* An incident closure's length: closure.min_days plus a geometric number
 * of days (support 0, 1, ...), mean closure.mean_days. */
static int32_t incident_days(struct dur_sim *sim)
{
	const struct dur_params *p = &sim->m.p;
	double u = dur_rng_uniform(&sim->rng), extra = 0;

	if (sim->d.closure_log_q < 0)
		extra = floor(log(u) / sim->d.closure_log_q);
	if (extra > 3650)
		extra = 3650;
	return (int32_t)p->closure_min_days + (int32_t)extra;
}

/* Move share `by` of the factions' weight to faction f. */
static void faction_shift(struct dur_sim *sim, int f, double by)
{
	if (!(by > 0) || sim->m.nfactions < 2)
		return;
	for (int i = 0; i < sim->m.nfactions; i++)
		sim->s.fw[i] *= 1 - by;
	sim->s.fw[f] += by;
}

static int pick(struct dur_sim *sim, const double *cdfv, int n)
{
	double u = dur_rng_uniform(&sim->rng);
	int i = 0;

	while (i < n - 1 && u > cdfv[i])
		i++;
	return i;
}

/* An event's region: it goes only to the event log, so without one its
 * uniform is drawn (the stream stays where it would be) but not searched. */
static int pick_region(struct dur_sim *sim, const int *region,
		       const double *cdfv, int n)
{
	if (!sim->on_event) {
		(void)dur_rng_u32(&sim->rng);
		return -1;
	}
	return region[pick(sim, cdfv, n)];
}

static void seek(struct dur_sim *sim, int sub)
{
	dur_rng_seek(&sim->rng, (uint32_t)sim->day * SUB_PER_DAY + (uint32_t)sub);
}

static double slot(struct dur_sim *sim, int i)
{
	return dur_rng_slot(&sim->rng,
			    (uint32_t)sim->day * SUB_PER_DAY + SUB_SLOTS,
			    (uint32_t)i);
}

/* Poisson by inversion of one uniform u (mean mu, e^-mu given): exact, and
 * one draw whatever the mean, so variants stay aligned. For small means. */
static unsigned poisson_inv(double u, double mu, double emu)
{
	double p = emu, f = emu;
	unsigned k = 0;

	while (u > f && k < 10000) {
		k++;
		p *= mu / k;
		f += p;
		if (p < 1e-300)
			break;
	}
	return k;
}

static void emit(struct dur_sim *sim, int type, int actor, int target,
		 int region, int crossing, int32_t count, const int32_t *fat)
{
	struct dur_event ev;

	if (!sim->on_event)
		return;
	ev.day = sim->day;
	ev.type = type;
	ev.actor = actor;
	ev.target = target;
	ev.region = region;
	ev.crossing = crossing;
	ev.count = count;
	if (fat)
		memcpy(ev.fat, fat, sizeof(ev.fat));
	else
		memset(ev.fat, 0, sizeof(ev.fat));
	sim->on_event(sim->event_ctx, sim->run, &ev);
}

static void add_deaths(struct dur_sim *sim, const int32_t *fat)
{
	int64_t *o = sim->out;
	/* summed as 64 bits: three int32 counts may not fit in one */
	int64_t pak = (int64_t)fat[DUR_FAT_PAK_MIL] + fat[DUR_FAT_PAK_POL] +
		      fat[DUR_FAT_PAK_CIV];
	int64_t afg = (int64_t)fat[DUR_FAT_AFG_FORCES] + fat[DUR_FAT_AFG_CIV];

	o[DUR_OUT_FAT_PAK_MIL] += fat[DUR_FAT_PAK_MIL];
	o[DUR_OUT_FAT_PAK_POL] += fat[DUR_FAT_PAK_POL];
	o[DUR_OUT_FAT_PAK_CIV] += fat[DUR_FAT_PAK_CIV];
	o[DUR_OUT_FAT_PAK] += pak;
	o[DUR_OUT_FAT_AFG_FORCES] += fat[DUR_FAT_AFG_FORCES];
	o[DUR_OUT_FAT_AFG_CIV] += fat[DUR_FAT_AFG_CIV];
	o[DUR_OUT_FAT_AFG] += afg;
	o[DUR_OUT_FAT_MILITANTS] += fat[DUR_FAT_MILITANT];
	sim->fat_pak_cum += pak;
	sim->fat_afg_cum += afg;
}

/* Close a crossing picked by weight among the open ones, for `days`. */
static void close_one(struct dur_sim *sim, int32_t days)
{
	const struct dur_model *m = &sim->m;
	double w[DUR_MAX_CROSSINGS], c[DUR_MAX_CROSSINGS];
	int idx[DUR_MAX_CROSSINGS], n = 0, x;

	for (int i = 0; i < m->ncrossings; i++)
		if (sim->s.closed[i] <= 0) {
			w[n] = m->crossing[i].weight;
			idx[n++] = i;
		}
	if (!n)
		return;
	cdf(w, n, c);
	x = idx[pick(sim, c, n)];
	sim->s.closed[x] = days;
	emit(sim, DUR_EV_CLOSURE, sim->sc->state_actor, sim->sc->host_actor, -1,
	     x, 1, NULL);
}

/* --- process 1: schedule -------------------------------------------- */

static int apply(struct dur_sim *sim, const struct dur_intervention *iv)
{
	struct dur_state *s = &sim->s;
	int model_changed = 0;

	for (int i = 0; i < iv->nchanges; i++) {
		const struct dur_change *ch = &iv->change[i];

		if (ch->day != sim->day)
			continue;
		switch (ch->kind) {
		case DUR_CHANGE_SET:
			*dur_model_at(&sim->m, ch->offset) = ch->value;
			model_changed = 1;
			break;
		case DUR_CHANGE_SCALE:
			*dur_model_at(&sim->m, ch->offset) *= ch->value;
			model_changed = 1;
			break;
		case DUR_CHANGE_OPEN:
			s->closed[ch->index] = 0;
			break;
		case DUR_CHANGE_CLOSE:
			s->closed[ch->index] = (int32_t)ch->value;
			break;
		case DUR_CHANGE_STATE:
			switch ((int)ch->offset) {
			case DUR_SV_CAPACITY:
				s->capacity = ch->value;
				break;
			case DUR_SV_SANCTUARY:
				s->sanctuary = fmin(ch->value, 1);
				break;
			case DUR_SV_GRIEVANCE:
				s->grievance = ch->value;
				break;
			case DUR_SV_RUNG:
				s->rung = (int)ch->value;
				if (s->rung >= sim->m.nrungs)
					s->rung = sim->m.nrungs - 1;
				if (s->rung > s->max_rung)
					s->max_rung = s->rung;
				s->rung_since = sim->day;
				break;
			case DUR_SV_ENFORCEMENT:
				s->enforcement = fmin(ch->value, 1);
				break;
			case DUR_SV_RESENTMENT:
				s->resentment = ch->value;
				break;
			case DUR_SV_TRUST:
				s->trust = fmin(ch->value, 1);
				break;
			case DUR_SV_CEASEFIRE:
				s->ceasefire = fmin(ch->value, 1);
				s->ceasefire_since = sim->day;
				break;
			case DUR_SV_FENCE:
				s->fence = fmin(ch->value, 1);
				break;
			case DUR_SV_CRISIS:
				s->crisis = ch->value;
				break;
			case DUR_SV_CAMPAIGN:
				if (ch->value > 0 && !s->campaign)
					sim->out[DUR_OUT_ORDERS]++;
				s->campaign = ch->value > 0;
				break;
			}
			break;
		}
	}
	return model_changed;
}

/* --- the day ---------------------------------------------------------- */

struct today {
	int attacks, cross, strikes, clashes, agreed;
	int32_t pak_deaths;
	double civilians; /* killed by strikes */
};

static double closed_share(const struct dur_sim *sim)
{
	double closed = 0;

	if (!(sim->d.trade_total > 0)) {
		int n = 0;

		for (int i = 0; i < sim->m.ncrossings; i++)
			n += sim->s.closed[i] > 0;
		return sim->m.ncrossings ? (double)n / sim->m.ncrossings : 0;
	}
	for (int i = 0; i < sim->m.ncrossings; i++)
		if (sim->s.closed[i] > 0)
			closed += sim->m.crossing[i].trade_usd_per_day;
	return closed / sim->d.trade_total;
}

/* Process 2: militant attacks. */
static void attacks(struct dur_sim *sim, struct today *td)
{
	const struct dur_params *p = &sim->m.p;
	struct dur_state *s = &sim->s;
	double border = (1 - p->closure_infiltration_cut * closed_share(sim)) *
			(1 - p->fence_infiltration_cut * s->fence);
	double sanct = p->ttp_sanctuary_floor +
		       (1 - p->ttp_sanctuary_floor) * s->sanctuary;
	double cross = (1 - p->ttp_domestic_share) * sanct * border;
	double share = p->ttp_domestic_share + cross;
	double lambda = p->ttp_mu * s->capacity * share +
			p->attack_alpha_self * s->exc[DUR_STREAM_ATTACK] +
			p->attack_alpha_strike * s->exc[DUR_STREAM_STRIKE];
	double p_cross = share > 0 ? cross / share : 0;
	double c_army = p->attack_share_army;
	double c_police = c_army + p->attack_share_police;
	unsigned n;

	seek(sim, SUB_ATTACK);
	n = poisson(sim, lambda);
	for (unsigned i = 0; i < n; i++) {
		int32_t fat[DUR_FAT_COUNT] = { 0 };
		int is_cross = dur_rng_uniform(&sim->rng) < p_cross;
		int region = pick_region(sim, sim->d.state_region,
					 sim->d.region_cdf_state,
					 sim->d.nstate_regions);
		double u = dur_rng_uniform(&sim->rng);
		int32_t k = deaths(sim, DUR_LAW_ATTACK_DEATHS);

		if (u < c_army) {
			fat[DUR_FAT_PAK_MIL] = k;
			s->urge += k;
		} else if (u < c_police) {
			fat[DUR_FAT_PAK_POL] = k;
			s->urge += p->strike_urge_police * k;
		} else {
			fat[DUR_FAT_PAK_CIV] = k;
			s->urge += p->strike_urge_civilian * k;
		}
		fat[DUR_FAT_MILITANT] = deaths(sim, DUR_LAW_ATTACK_MILITANTS);
		add_deaths(sim, fat);
		td->pak_deaths += k;
		td->cross += is_cross;
		s->grievance += p->pak_severity_attack + p->pak_severity_death * k;
		emit(sim, DUR_EV_ATTACK, sim->sc->group_actor,
		     sim->sc->state_actor, region, -1, 1, fat);
	}
	td->attacks = (int)n;
	sim->out[DUR_OUT_ATTACKS] += n;
	sim->out[DUR_OUT_ATTACKS_CROSS] += td->cross;
}

/* Process 3a: grievance and the rung. */
static void ladder(struct dur_sim *sim, const struct today *td)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_state *s = &sim->s;
	int32_t since = sim->day - s->rung_since;
	int red = p->pak_red_line_deaths > 0 &&
		  td->pak_deaths >= p->pak_red_line_deaths;

	if (s->rung + 1 < m->nrungs &&
	    s->grievance >= m->rung[s->rung + 1].threshold &&
	    (since >= p->pak_climb_window || red) &&
	    slot(sim, SLOT_LADDER) < p->pak_climb_prob) {
		s->rung++;
		s->rung_since = sim->day;
		emit(sim, DUR_EV_ESCALATION, sim->sc->state_actor,
		     sim->sc->group_actor, -1, -1, s->rung, NULL);
	} else if (s->rung > 0 &&
		   s->grievance < p->pak_hysteresis * m->rung[s->rung].threshold &&
		   since >= p->pak_descend_window) {
		s->rung--;
		s->rung_since = sim->day;
		emit(sim, DUR_EV_DEESCALATION, sim->sc->state_actor,
		     sim->sc->group_actor, -1, -1, s->rung, NULL);
	}
	if (s->rung > s->max_rung)
		s->max_rung = s->rung;
}

static void strike(struct dur_sim *sim, struct today *td, int city)
{
	const struct dur_params *p = &sim->m.p;
	struct dur_state *s = &sim->s;
	int32_t fat[DUR_FAT_COUNT] = { 0 };
	int region = city ? pick_region(sim, sim->d.city_region,
					sim->d.city_cdf, sim->d.ncity_regions)
			  : pick_region(sim, sim->d.host_region,
					sim->d.region_cdf_host,
					sim->d.nhost_regions);

	fat[DUR_FAT_AFG_CIV] = deaths(sim, city ? DUR_LAW_STRIKE_CITY_CIV
						: DUR_LAW_STRIKE_CIV);
	fat[DUR_FAT_MILITANT] = deaths(sim, DUR_LAW_STRIKE_MILITANTS);
	add_deaths(sim, fat);
	s->capacity *= 1 - (city ? p->strike_city_capacity_cut
				 : p->strike_capacity_cut);
	s->resentment += p->afg_resentment_strike +
			 p->afg_resentment_civilian * fat[DUR_FAT_AFG_CIV];
	s->trust *= 1 - p->trust_loss_strike;
	s->crisis += (city ? p->crisis_strike_city : p->crisis_strike) +
		     p->crisis_civilian * fat[DUR_FAT_AFG_CIV];
	faction_shift(sim, sim->d.hard_faction, p->faction_shift_strike);
	s->urge = 0; /* answered */
	td->strikes++;
	td->civilians += fat[DUR_FAT_AFG_CIV];
	sim->out[DUR_OUT_STRIKES]++;
	if (city)
		sim->out[DUR_OUT_STRIKES_CITY]++;
	if (s->first_strike < 0)
		s->first_strike = sim->day;
	emit(sim, city ? DUR_EV_STRIKE_CITY : DUR_EV_STRIKE,
	     sim->sc->state_actor, sim->sc->host_actor, region, -1, 1, fat);
}

/* Process 3b: the instruments the rung switches on. */
/*
 * The urge that moves the state to strike: what stands above strike.tolerance
 * times its recent level (an average with half-life strike.norm_halflife, of
 * the urge at each day's end), so that a state grown used to a level of
 * violence answers what exceeds it. With tolerance 0 every unit counts.
 */
static double urge_excess(const struct dur_state *s, const struct dur_params *p)
{
	double norm = s->urge_wsum > 0 ? s->urge_sum / s->urge_wsum : 0;
	double x = s->urge - p->strike_tolerance * norm;

	return x > 0 ? x : 0;
}

static void actions(struct dur_sim *sim, struct today *td)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	const struct dur_rung *r = &m->rung[sim->s.rung];
	struct dur_state *s = &sim->s;
	int st = sim->sc->state_actor, host = sim->sc->host_actor;

	/* a ceasefire lowers the hazard of force across the border */
	double calm = 1 - p->ceasefire_strike_damping * s->ceasefire;

	for (int a = 0; a < DUR_ACT_COUNT; a++) {
		double per = a == DUR_ACT_FLAG_MEETING ? td->cross : td->attacks;
		double rate = r->rate[a] + r->per_attack[a] * per;
		double urge = 0;
		unsigned k;

		double e;

		if (a == DUR_ACT_STRIKE)
			urge = r->readiness * p->strike_urge_gain *
			       urge_excess(s, p);
		if (a >= DUR_ACT_STRIKE && calm < 1)
			rate = (rate + urge) * calm;
		else
			rate += urge;
		if (!(rate > 0))
			continue;
		/* the count from a fixed slot; what follows from the action
		 * (durations, deaths) from the action's own substream */
		if (urge > 0 || (a >= DUR_ACT_STRIKE && calm < 1)) {
			e = exp(-rate);
		} else {
			e = sim->d.exp_rate[sim->s.rung][a];
			for (int i = 0; i < (int)per && r->per_attack[a] > 0;
			     i++)
				e *= sim->d.exp_per_attack[sim->s.rung][a];
		}
		if (rate < 20) {
			k = poisson_inv(slot(sim, SLOT_ACTION + a), rate, e);
			if (k && a > DUR_ACT_MINISTER_VISIT)
				seek(sim, SUB_ACTION + a);
		} else { /* a large count: from the action's own substream */
			seek(sim, SUB_ACTION + a);
			k = poisson(sim, rate);
		}
		for (unsigned i = 0; i < k; i++) {
			switch (a) {
			case DUR_ACT_FLAG_MEETING:
			case DUR_ACT_JCC:
				s->trust += p->trust_gain_meeting * (1 - s->trust);
				/* fall through */
			case DUR_ACT_PROTEST:
			case DUR_ACT_DEMARCHE:
			case DUR_ACT_MEMORANDUM:
			case DUR_ACT_MINISTER_VISIT:
				s->diplomacy += 1;
				sim->out[DUR_OUT_FLAG_MEETINGS + a]++;
				emit(sim, DUR_EV_FLAG_MEETING + a, st, host, -1,
				     -1, 1, NULL);
				break;
			case DUR_ACT_CLOSURE:
				close_one(sim, incident_days(sim));
				break;
			case DUR_ACT_DEPORTATION: {
				int32_t n = people(sim, p->deport_per_day);

				sim->out[DUR_OUT_DEPORTATIONS] += n;
				s->resentment += p->afg_resentment_deport * n / 1e4;
				emit(sim, DUR_EV_DEPORTATION, st, host, -1, -1,
				     n, NULL);
				break;
			}
			case DUR_ACT_STRIKE:
			case DUR_ACT_STRIKE_CITY:
				strike(sim, td, a == DUR_ACT_STRIKE_CITY);
				break;
			case DUR_ACT_GROUND_OP: {
				int32_t fat[DUR_FAT_COUNT] = { 0 };
				int32_t disp;

				fat[DUR_FAT_PAK_MIL] =
					deaths(sim, DUR_LAW_GROUND_PAK);
				fat[DUR_FAT_AFG_FORCES] =
					deaths(sim, DUR_LAW_GROUND_AFG);
				add_deaths(sim, fat);
				disp = people(sim, p->ground_op_displaced_mean);
				sim->out[DUR_OUT_DISPLACED] += disp;
				sim->out[DUR_OUT_GROUND_OPS]++;
				s->capacity *= 1 - p->ground_op_capacity_cut;
				s->resentment += 2 * p->afg_resentment_strike;
				s->crisis += p->crisis_strike;
				s->urge = 0;
				td->strikes++;
				if (s->first_strike < 0)
					s->first_strike = sim->day;
				emit(sim, DUR_EV_GROUND_OP, st, host, -1, -1,
				     disp, fat);
				break;
			}
			}
		}
	}
}

/* Process 4a: the host's enforcement, sanctuary and the group's capacity. */
static void host(struct dur_sim *sim, double closed)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_state *s = &sim->s;
	double lev = 0, x, target, erosion, affinity = 0, z1, z2;

	for (int i = 0; i < m->nmediators; i++)
		if (s->rung >= m->mediator[i].trigger_rung &&
		    s->crisis >= m->mediator[i].trigger_crisis)
			lev += m->mediator[i].leverage;
	for (int i = 0; i < m->nfactions; i++)
		affinity += s->fw[i] * m->faction[i].affinity;
	seek(sim, SUB_NOISE);
	z1 = gsl_ran_gaussian_ziggurat(&sim->g, 1.0);
	z2 = gsl_ran_gaussian_ziggurat(&sim->g, 1.0);
	s->shock = sim->d.shock_decay * s->shock + sim->d.shock_sd * z1;
	x = p->afg_base + p->afg_w_diplomacy * s->diplomacy +
	    p->afg_w_trade * closed + p->afg_w_mediation * lev -
	    p->afg_w_affinity * affinity -
	    p->afg_w_resentment * s->resentment + p->afg_noise * s->shock;
	target = 1 / (1 + exp(-p->afg_slope * x));
	s->enforcement += (target - s->enforcement) / p->afg_inertia;
	erosion = p->afg_erosion *
		  (1 + p->cbm_intel_gain * sim->d.cbm[DUR_CBM_INTEL_SHARING]);
	if (erosion > 1)
		erosion = 1;
	s->sanctuary += -erosion * s->enforcement * s->sanctuary +
			p->afg_regrowth * (1 - s->enforcement) *
				(1 - s->sanctuary);
	s->capacity += p->ttp_growth * s->sanctuary * s->capacity *
			       (1 - s->capacity / p->ttp_capacity_max) -
		       p->ttp_op_loss * s->grievance / 100 * s->capacity +
		       p->ttp_noise * s->capacity * z2;
	if (s->capacity < 0)
		s->capacity = 0;
}

/* Process 4b: retaliation at the border. */
static void clashes(struct dur_sim *sim, struct today *td)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_state *s = &sim->s;
	double joint = sim->d.cbm[DUR_CBM_JOINT_MECHANISM];
	/* Resentment scales the provoked part of the rate, not the clashes'
	 * self-excitation: that keeps the process stationary whenever
	 * clash.alpha_self / (1 - decay) < 1 (checked when loading). */
	double provoked = (p->clash_mu +
			   p->clash_alpha_strike * s->exc[DUR_STREAM_STRIKE] +
			   p->clash_alpha_civilian * s->exc[DUR_STREAM_CIVILIAN]) *
			  (1 + p->clash_resentment_gain * s->resentment);
	double lambda = (provoked +
			 p->clash_alpha_self * s->exc[DUR_STREAM_CLASH]) *
			(1 - p->ceasefire_damping * s->ceasefire) *
			(1 - p->cbm_joint_damping * joint);
	unsigned n;

	seek(sim, SUB_CLASH);
	n = poisson(sim, lambda);
	for (unsigned i = 0; i < n; i++) {
		int32_t fat[DUR_FAT_COUNT] = { 0 };
		int32_t civ, disp;

		fat[DUR_FAT_PAK_MIL] = deaths(sim, DUR_LAW_CLASH_PAK);
		fat[DUR_FAT_AFG_FORCES] = deaths(sim, DUR_LAW_CLASH_AFG);
		civ = deaths(sim, DUR_LAW_CLASH_CIV);
		fat[DUR_FAT_PAK_CIV] = (int32_t)gsl_ran_binomial(&sim->g, 0.5,
								 (unsigned)civ);
		fat[DUR_FAT_AFG_CIV] = civ - fat[DUR_FAT_PAK_CIV];
		add_deaths(sim, fat);
		disp = people(sim, p->clash_displaced_mean);
		sim->out[DUR_OUT_DISPLACED] += disp;
		s->grievance += p->pak_severity_clash +
				p->pak_severity_death *
					(fat[DUR_FAT_PAK_MIL] + fat[DUR_FAT_PAK_CIV]);
		s->trust *= 1 - p->trust_loss_clash;
		s->crisis += p->crisis_clash + p->crisis_civilian * civ;
		emit(sim, DUR_EV_CLASH, sim->sc->host_actor, sim->sc->state_actor,
		     -1, -1, disp, fat);
		if (dur_rng_uniform(&sim->rng) < p->clash_closure_prob)
			close_one(sim, incident_days(sim));
		/* a joint mechanism sends the incident to a flag meeting */
		if (joint > 0 && dur_rng_uniform(&sim->rng) < joint) {
			sim->out[DUR_OUT_FLAG_MEETINGS]++;
			s->trust += p->trust_gain_meeting * (1 - s->trust);
			emit(sim, DUR_EV_FLAG_MEETING, sim->sc->state_actor,
			     sim->sc->host_actor, -1, -1, 1, NULL);
		}
	}
	td->clashes = (int)n;
	sim->out[DUR_OUT_CLASHES] += n;
}

static void end_ceasefire(struct dur_sim *sim)
{
	if (sim->ncf < (int)(sizeof(sim->cf_days) / sizeof(sim->cf_days[0])))
		sim->cf_days[sim->ncf++] = sim->day - sim->s.ceasefire_since;
	sim->s.ceasefire = 0;
}

static void hardens(struct dur_sim *sim)
{
	sim->s.hardening += 1;
	sim->s.talks_failed = 1;
}

/*
 * Process 5: crisis-triggered mediation rounds, their outcome, and the
 * ceasefire's breaking. A round succeeds with probability sigma(y); success
 * with no ceasefire brings one if there is a crisis to cease, success under
 * a ceasefire brings a deal; failure hardens positions.
 */
static void mediation(struct dur_sim *sim, struct today *td)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_state *s = &sim->s;
	/* read in slot order: the ceasefire's slot comes before the mediators' */
	double u_break = s->ceasefire > 0 ? slot(sim, SLOT_CEASEFIRE) : 1;
	int agreed = 0;

	for (int i = 0; i < m->nmediators; i++) {
		const struct dur_mediator *md = &m->mediator[i];
		double x;

		if (s->rung < md->trigger_rung || s->crisis < md->trigger_crisis ||
		    sim->day < s->med_next[i] || !(md->round_rate > 0))
			continue;
		if (slot(sim, SLOT_MEDIATOR + 2 * i) >= md->round_rate)
			continue;
		s->med_next[i] = sim->day + (int32_t)ceil(md->cooldown);
		sim->out[DUR_OUT_MED_ROUNDS]++;
		sim->out[DUR_OUT_FIXED_COUNT + 2 * m->ncrossings + i]++;
		emit(sim, DUR_EV_MEDIATION, md->actor, sim->sc->host_actor, -1,
		     -1, 1, NULL);
		x = p->med_base + p->med_w_leverage * md->leverage +
		    p->med_w_trust * s->trust -
		    p->med_w_resentment * s->resentment -
		    p->med_w_grievance * s->grievance -
		    p->mediation_w_hardening * s->hardening;
		if (slot(sim, SLOT_MEDIATOR + 2 * i + 1) >= 1 / (1 + exp(-x))) {
			hardens(sim);
			s->grievance += p->mediation_fail_grievance;
			sim->out[DUR_OUT_TALKS_FAILED]++;
			continue;
		}
		s->talks_failed = 0;
		if (s->ceasefire > 0) {
			if (!s->deal) { /* talks under the ceasefire: a deal */
				s->deal = 1;
				s->trust += p->trust_gain_ceasefire *
					    (1 - s->trust);
				faction_shift(sim, sim->d.soft_faction,
					      p->faction_shift_deal);
			}
		} else if (s->crisis >= p->ceasefire_min_crisis) {
			s->ceasefire = p->ceasefire_strength;
			s->ceasefire_since = sim->day;
			s->deal = 0;
			s->trust += p->trust_gain_ceasefire * (1 - s->trust);
			faction_shift(sim, sim->d.soft_faction,
				      p->faction_shift_deal);
			sim->out[DUR_OUT_CEASEFIRES]++;
			agreed = 1;
			emit(sim, DUR_EV_CEASEFIRE, sim->sc->state_actor,
			     sim->sc->host_actor, -1, -1, 1, NULL);
		} else { /* talks with nothing to cease: some trust */
			s->trust += p->trust_gain_meeting * (1 - s->trust);
		}
	}
	if (s->ceasefire > 0 && !agreed) {
		double h = p->ceasefire_break_base +
			   p->ceasefire_break_attack * td->attacks +
			   p->ceasefire_break_strike * td->strikes +
			   p->ceasefire_break_clash * td->clashes;

		if (s->deal)
			h *= p->ceasefire_deal_break;
		if (u_break < h) {
			end_ceasefire(sim);
			s->deal = 0;
			hardens(sim);
			sim->out[DUR_OUT_CEASEFIRE_BREAKS]++;
			emit(sim, DUR_EV_CEASEFIRE_BREAK, sim->sc->host_actor,
			     sim->sc->state_actor, -1, -1, 1, NULL);
		}
	}
	if (s->talks_failed && s->ceasefire <= 0 &&
	    slot(sim, SLOT_THAW) < p->mediation_thaw)
		s->talks_failed = 0;
	if (s->ceasefire > 0)
		sim->out[DUR_OUT_CEASEFIRE_DAYS]++;
	td->agreed = agreed;
}

/*
 * Process 5b: political closures. At a crisis level the state may close
 * every crossing by decision; they stay closed while talks have failed or a
 * ceasefire has no deal (a low daily chance of lifting), and are lifted by
 * a decision with a daily chance otherwise. No timer.
 */
static void political_closures(struct dur_sim *sim)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	struct dur_state *s = &sim->s;

	if (!s->political) {
		if (s->crisis < p->closure_political_crisis ||
		    !(p->closure_political_prob > 0) ||
		    slot(sim, SLOT_CLOSE_POLITICAL) >= p->closure_political_prob)
			return;
		s->political = 1;
		sim->out[DUR_OUT_POLITICAL_CLOSURES]++;
		for (int i = 0; i < m->ncrossings; i++) {
			if (s->closed[i] <= 0)
				emit(sim, DUR_EV_CLOSURE, sim->sc->state_actor,
				     sim->sc->host_actor, -1, i, 1, NULL);
			s->closed[i] = DUR_CLOSED_POLITICAL;
		}
		return;
	}
	{
		int held = s->talks_failed || (s->ceasefire > 0 && !s->deal);
		double h = held ? p->closure_reopen_held : p->closure_reopen;

		if (slot(sim, SLOT_REOPEN) >= h)
			return;
	}
	s->political = 0;
	for (int i = 0; i < m->ncrossings; i++)
		if (s->closed[i] == DUR_CLOSED_POLITICAL) {
			s->closed[i] = 0;
			emit(sim, DUR_EV_REOPENING, sim->sc->state_actor,
			     sim->sc->host_actor, -1, i, 1, NULL);
		}
}

/*
 * Process 7a: departures. Returns at a base rate every day; a departure
 * order (dated in the scenario's `orders:`, or drawn with a hazard that
 * rises with the crisis) starts a campaign whose departures are split into
 * deportations and returns, and which ends with a daily chance.
 */
static void departures(struct dur_sim *sim)
{
	const struct dur_params *p = &sim->m.p;
	struct dur_state *s = &sim->s;
	int32_t back, dep = 0;

	if (!s->campaign) {
		double h = p->depart_order_base + p->depart_order_crisis * s->crisis;

		if (h > 0 && slot(sim, SLOT_ORDER) < h) {
			s->campaign = 1;
			sim->out[DUR_OUT_ORDERS]++;
		}
	} else if (slot(sim, SLOT_CAMPAIGN_END) < p->depart_campaign_end) {
		s->campaign = 0;
	}
	if (!s->campaign && !(p->depart_returns_base > 0))
		return;
	seek(sim, SUB_DEPART);
	back = people(sim, p->depart_returns_base);
	if (s->campaign) {
		double n = p->depart_campaign_per_day;

		dep = people(sim, n * p->depart_deport_share);
		back += people(sim, n * (1 - p->depart_deport_share));
		s->resentment += p->afg_resentment_deport * dep / 1e4;
		if (dep)
			emit(sim, DUR_EV_DEPORTATION, sim->sc->state_actor,
			     sim->sc->host_actor, -1, -1, dep, NULL);
	}
	sim->out[DUR_OUT_DEPORTATIONS] += dep;
	sim->out[DUR_OUT_RETURNS] += back;
}

/* Processes 6 to 8: measures, economy, record. */
static void measures_and_record(struct dur_sim *sim, const struct today *td)
{
	const struct dur_model *m = &sim->m;
	const struct dur_params *p = &m->p;
	const struct dur_derived *d = &sim->d;
	struct dur_state *s = &sim->s;
	int64_t *o = sim->out;
	double monitor = d->cbm[DUR_CBM_MONITORING];
	double fencing = d->cbm[DUR_CBM_FENCING];

	if (monitor > 0)
		s->trust += p->cbm_monitor_trust * monitor * (1 - s->trust);
	if (fencing > 0 && s->fence < 1) {
		s->fence += fencing / p->fence_build_days;
		if (s->fence > 1)
			s->fence = 1;
	}
	for (int i = 0; i < m->ncrossings; i++) {
		if (s->closed[i] <= 0)
			continue;
		int64_t usd = llround(m->crossing[i].trade_usd_per_day);

		o[DUR_OUT_CLOSURE_DAYS]++;
		o[DUR_OUT_TRADE_LOST] += usd;
		o[DUR_OUT_FIXED_COUNT + i]++;
		o[DUR_OUT_FIXED_COUNT + m->ncrossings + i] += usd;
		if (s->closed[i] != DUR_CLOSED_POLITICAL && --s->closed[i] == 0)
			emit(sim, DUR_EV_REOPENING, sim->sc->state_actor,
			     sim->sc->host_actor, -1, i, 1, NULL);
	}
	s->grievance *= d->grievance_decay;
	s->resentment *= d->resentment_decay;
	s->diplomacy *= d->diplomacy_decay;
	s->urge_sum = d->norm_decay * s->urge_sum + s->urge;
	s->urge_wsum = d->norm_decay * s->urge_wsum + 1;
	s->urge *= d->urge_decay;
	s->crisis *= d->crisis_decay;
	s->hardening *= d->hardening_decay;
	for (int i = 0; i < m->nfactions; i++)
		s->fw[i] = m->faction[i].weight +
			   d->faction_decay * (s->fw[i] - m->faction[i].weight);
	s->exc[DUR_STREAM_ATTACK] =
		d->decay[DUR_STREAM_ATTACK] * s->exc[DUR_STREAM_ATTACK] +
		td->attacks;
	s->exc[DUR_STREAM_STRIKE] =
		d->decay[DUR_STREAM_STRIKE] * s->exc[DUR_STREAM_STRIKE] +
		td->strikes;
	s->exc[DUR_STREAM_CLASH] =
		d->decay[DUR_STREAM_CLASH] * s->exc[DUR_STREAM_CLASH] +
		td->clashes;
	s->exc[DUR_STREAM_CIVILIAN] =
		d->decay[DUR_STREAM_CIVILIAN] * s->exc[DUR_STREAM_CIVILIAN] +
		td->civilians;
	if (s->trust > 1)
		s->trust = 1;
	o[DUR_OUT_MAX_RUNG] = s->max_rung;
}

void dur_sim_step(struct dur_sim *sim)
{
	struct today td = { 0 };
	int changed;

	/* the GSL view points at this sim's own stream: re-pointed here so
	 * that a sim copied by value (a particle) steps on its own copy */
	dur_rng_gsl(&sim->rng, &sim->g);
	changed = apply(sim, &sim->sc->schedule);

	if (sim->what_if && apply(sim, sim->what_if))
		changed = 1;
	if (changed)
		dur_sim_derive(sim);
	attacks(sim, &td);
	ladder(sim, &td);
	actions(sim, &td);
	host(sim, closed_share(sim));
	clashes(sim, &td);
	mediation(sim, &td);
	political_closures(sim);
	departures(sim);
	measures_and_record(sim, &td);
	sim->day++;
}

/* --- outcomes --------------------------------------------------------- */
