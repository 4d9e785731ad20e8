/*
 * scenario_param.c: naming the numbers of a model by path.
 *
 * Interventions, ranges, calibration and sensitivity analysis all address a
 * model number by a dotted path ("ttp.mu", "ladder.strikes.rate.strike",
 * "faction.haqqani.affinity"). This file enumerates every path a scenario
 * has, with the byte offset of its double in struct dur_model, so that any
 * run's copy of the model can be changed through it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/scenario.h"

static const char *const action_names[DUR_ACT_COUNT] = {
	"flag_meeting", "protest", "demarche", "memorandum",
	"jcc_meeting", "minister_visit", "closure", "deportation",
	"strike", "strike_city", "ground_operation"
};

const char *dur_action_name(int action)
{
	if (action < 0 || action >= DUR_ACT_COUNT)
		return "?";
	return action_names[action];
}

const struct dur_param_info dur_param_table[] = {
#define DUR_PARAM(field, path, lo, hi, doc)                                   \
	{ path, offsetof(struct dur_params, field), lo, hi, doc },
#include "durand/params.def"
#undef DUR_PARAM
};
_Static_assert(sizeof(dur_param_table) / sizeof(dur_param_table[0]) ==
		       DUR_NPARAMS,
	       "params.def and struct dur_params agree");
enum { NPARAMS = DUR_NPARAMS };
/* offset in struct dur_model of parameter i */
#define PARAM_OFF(i) (offsetof(struct dur_model, p) + dur_param_table[i].off)

/* The i-th path of sc and its offset; 0 past the end. */
static int entry(const struct dur_scenario *sc, int i, char *buf, size_t len,
		 size_t *off)
{
	const struct dur_model *m = &sc->model;
	int n;

	if (i < 0)
		return 0;
	if (i < NPARAMS) {
		snprintf(buf, len, "%s", dur_param_table[i].path);
		*off = PARAM_OFF(i);
		return 1;
	}
	i -= NPARAMS;
	n = m->nrungs * (2 + 2 * DUR_ACT_COUNT);
	if (i < n) {
		int r = i / (2 + 2 * DUR_ACT_COUNT);
		int k = i % (2 + 2 * DUR_ACT_COUNT);

		if (k == 1 + 2 * DUR_ACT_COUNT) {
			snprintf(buf, len, "ladder.%s.readiness",
				 m->rung[r].name);
			*off = offsetof(struct dur_model, rung[r].readiness);
		} else if (k == 0) {
			snprintf(buf, len, "ladder.%s.threshold",
				 m->rung[r].name);
			*off = offsetof(struct dur_model, rung[r].threshold);
		} else if (k <= DUR_ACT_COUNT) {
			snprintf(buf, len, "ladder.%s.rate.%s", m->rung[r].name,
				 action_names[k - 1]);
			*off = offsetof(struct dur_model, rung[r].rate[k - 1]);
		} else {
			k -= DUR_ACT_COUNT + 1;
			snprintf(buf, len, "ladder.%s.per_attack.%s",
				 m->rung[r].name, action_names[k]);
			*off = offsetof(struct dur_model,
					rung[r].per_attack[k]);
		}
		return 1;
	}
	i -= n;
	if (i < 2 * m->nfactions) {
		int f = i / 2;

		snprintf(buf, len, "faction.%s.%s", m->faction[f].name,
			 i % 2 ? "affinity" : "weight");
		*off = i % 2 ? offsetof(struct dur_model, faction[f].affinity)
			     : offsetof(struct dur_model, faction[f].weight);
		return 1;
	}
	i -= 2 * m->nfactions;
	if (i < 4 * m->nmediators) {
		int k = i / 4;
		static const char *const f[4] = { "leverage", "round_rate",
						   "cooldown_days",
						   "trigger_crisis" };
		const char *who = m->mediator[k].actor >= 0
					  ? sc->actor[m->mediator[k].actor].name
					  : "?";

		snprintf(buf, len, "mediator.%s.%s", who, f[i % 4]);
		*off = i % 4 == 0   ? offsetof(struct dur_model,
						   mediator[k].leverage)
		       : i % 4 == 1 ? offsetof(struct dur_model,
					       mediator[k].round_rate)
		       : i % 4 == 2 ? offsetof(struct dur_model,
					       mediator[k].cooldown)
				    : offsetof(struct dur_model,
					       mediator[k].trigger_crisis);
		return 1;
	}
	i -= 4 * m->nmediators;
	if (i < 2 * m->ncrossings) {
		int k = i / 2;

		snprintf(buf, len, "crossing.%s.%s", m->crossing[k].name,
			 i % 2 ? "weight" : "trade_usd_per_day");
		*off = i % 2 ? offsetof(struct dur_model, crossing[k].weight)
			     : offsetof(struct dur_model,
					crossing[k].trade_usd_per_day);
		return 1;
	}
	i -= 2 * m->ncrossings;
	if (i < m->nregions) {
		snprintf(buf, len, "region.%s.share", m->region[i].name);
		*off = offsetof(struct dur_model, region[i].share);
		return 1;
	}
	i -= m->nregions;
	if (i < 2 * m->ncbms) {
		int k = i / 2;

		snprintf(buf, len, "cbm.%s.%s", m->cbm[k].name,
			 i % 2 ? "strength" : "on");
		*off = i % 2 ? offsetof(struct dur_model, cbm[k].strength)
			     : offsetof(struct dur_model, cbm[k].on);
		return 1;
	}
	return 0;
}

void dur_scenario_param_limits(const struct dur_scenario *sc, size_t off,
				double *lo, double *hi)
{
	const struct dur_model *m = &sc->model;

	*lo = 0;
	*hi = 1;
	for (int i = 0; i < NPARAMS; i++)
		if (PARAM_OFF(i) == off) {
			*lo = dur_param_table[i].lo;
			*hi = dur_param_table[i].hi;
			return;
		}
	for (int r = 0; r < m->nrungs; r++) {
		size_t base = offsetof(struct dur_model, rung[r]);

		if (off >= base && off < base + sizeof(struct dur_rung)) {
			*hi = off == base + offsetof(struct dur_rung, threshold)
				      ? 1e9
				  : off == base + offsetof(struct dur_rung,
							   readiness)
				      ? 1
				      : 1000;
			return;
		}
	}
	for (int k = 0; k < m->nmediators; k++)
		if (off == offsetof(struct dur_model, mediator[k].cooldown)) {
			*hi = 3650;
			return;
		} else if (off == offsetof(struct dur_model,
					   mediator[k].trigger_crisis)) {
			*hi = 1e6;
			return;
		}
	for (int k = 0; k < m->ncrossings; k++)
		if (off == offsetof(struct dur_model,
				    crossing[k].trade_usd_per_day)) {
			*hi = 1e12;
			return;
		}
		else if (off == offsetof(struct dur_model, crossing[k].weight)) {
			*hi = 1e6;
			return;
		}
	/* weights, affinities, leverage, round rates, shares, measures: 0..1 */
}

int dur_scenario_param_path(const struct dur_scenario *sc, int i, char *buf,
			    size_t len)
{
	size_t off;

	return entry(sc, i, buf, len, &off);
}

size_t dur_scenario_param_find(const struct dur_scenario *sc,
			       const char *path)
{
	char buf[128];
	size_t off;

	for (int i = 0; entry(sc, i, buf, sizeof(buf), &off); i++)
		if (!strcmp(buf, path))
			return off;
	return (size_t)-1;
}

static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[128];

	if (lb >= 127)
		lb = 127;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void dur_scenario_param_suggest(const struct dur_scenario *sc,
				const char *path, char *buf, size_t len)
{
	enum { K = 3 };
	char best[K][128];
	int bestd[K];
	char p[128];
	size_t off, used = 0;
	int n = 0;

	for (int i = 0; entry(sc, i, p, sizeof(p), &off); i++) {
		int d = distance(path, p);
		int at = n < K ? n : K;

		while (at > 0 && bestd[at - 1] > d)
			at--;
		if (at >= K)
			continue;
		for (int j = (n < K ? n : K - 1); j > at; j--) {
			bestd[j] = bestd[j - 1];
			memcpy(best[j], best[j - 1], sizeof(best[j]));
		}
		bestd[at] = d;
		memcpy(best[at], p, sizeof(p));
		if (n < K)
			n++;
	}
	buf[0] = 0;
	for (int i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s'%s'",
				 i ? ", " : "", best[i]);
	if (!n)
		snprintf(buf, len, "none");
}

int dur_scenario_intervention_find(const struct dur_scenario *sc,
				   const char *name)
{
	for (int i = 0; i < sc->ninterventions; i++)
		if (!strcmp(sc->intervention[i].name, name))
			return i;
	return -1;
}

int dur_scenario_range_find(const struct dur_scenario *sc, const char *path)
{
	for (int i = 0; i < sc->nranges; i++)
		if (!strcmp(sc->range[i].path, path))
			return i;
	return -1;
}

int dur_scenario_param_require(const struct dur_scenario *sc,
			       const char *path, size_t *off,
			       struct dur_error *err)
{
	char near[256];

	*off = dur_scenario_param_find(sc, path);
	if (*off != (size_t)-1)
		return 0;
	dur_scenario_param_suggest(sc, path, near, sizeof(near));
	return dur_error_set(err, DUR_ENOTFOUND, "", 0, 0,
			     "no parameter '%s' (nearest: %s)", path, near);
}

int dur_param_ensemble_drop(struct dur_scenario *sc, size_t off)
{
	struct dur_param_ensemble *e = &sc->pens;
	int j = 0;

	while (j < e->k && e->off[j] != off)
		j++;
	if (j == e->k)
		return 0;
	e->k--;
	memmove(e->path[j], e->path[j + 1],
		(size_t)(e->k - j) * sizeof(e->path[0]));
	memmove(&e->off[j], &e->off[j + 1],
		(size_t)(e->k - j) * sizeof(e->off[0]));
	for (int i = 0; i < e->n; i++)
		memmove(&e->set[i][j], &e->set[i][j + 1],
			(size_t)(e->k - j) * sizeof(e->set[0][0]));
	if (!e->k)
		e->n = 0;
	return 1;
}
