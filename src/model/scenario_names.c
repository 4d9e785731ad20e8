/*
 * scenario_names.c: the names a scenario may use for the model's state
 * variables and outcomes (interventions set the first, targets name the
 * second), kept apart from the step so that the scenario reader does not
 * depend on the engine.
 */
#include <stdio.h>
#include <string.h>

#include "durand/scenario.h"

static const char *const state_vars[DUR_SV_COUNT] = {
	"capacity", "sanctuary", "grievance", "rung", "enforcement",
	"resentment", "trust", "ceasefire", "fence", "crisis", "campaign"
};

const char *dur_state_var_name(int v)
{
	return v >= 0 && v < DUR_SV_COUNT ? state_vars[v] : "?";
}

int dur_state_var_find(const char *name)
{
	for (int i = 0; i < DUR_SV_COUNT; i++)
		if (!strcmp(state_vars[i], name))
			return i;
	return -1;
}

static const char *const outcome_names[DUR_OUT_FIXED_COUNT] = {
	"attacks", "attacks_cross_border", "fatalities_pakistan",
	"fatalities_pakistan_military", "fatalities_pakistan_police",
	"fatalities_pakistan_civilians", "fatalities_afghanistan",
	"fatalities_afghanistan_forces", "fatalities_afghanistan_civilians",
	"fatalities_militants", "strikes", "strikes_city",
	"ground_operations", "border_clashes", "closure_days",
	"political_closures",
	"trade_lost_usd", "deportations", "returns", "departure_orders",
	"displaced", "mediation_rounds",
	"ceasefires", "ceasefire_days", "ceasefire_breaks", "talks_failed", "flag_meetings",
	"protests", "demarches", "memorandums", "jcc_meetings",
	"minister_visits", "max_rung"
};

const char *dur_outcome_fixed_name(int i)
{
	return i >= 0 && i < DUR_OUT_FIXED_COUNT ? outcome_names[i] : NULL;
}

int dur_outcome_count(const struct dur_scenario *sc)
{
	return DUR_OUT_FIXED_COUNT + 2 * sc->model.ncrossings +
	       sc->model.nmediators;
}

const char *dur_outcome_name(const struct dur_scenario *sc, int i, char *buf,
			     size_t len)
{
	const struct dur_model *m = &sc->model;

	if (i < 0 || i >= dur_outcome_count(sc))
		return NULL;
	if (i < DUR_OUT_FIXED_COUNT)
		return outcome_names[i];
	i -= DUR_OUT_FIXED_COUNT;
	if (i < m->ncrossings)
		snprintf(buf, len, "closure_days.%s", m->crossing[i].name);
	else if (i < 2 * m->ncrossings)
		snprintf(buf, len, "trade_lost_usd.%s",
			 m->crossing[i - m->ncrossings].name);
	else {
		const struct dur_mediator *md =
			&m->mediator[i - 2 * m->ncrossings];
		snprintf(buf, len, "mediation_rounds.%s",
			 md->actor >= 0 ? sc->actor[md->actor].name : "?");
	}
	return buf;
}

int dur_outcome_find(const struct dur_scenario *sc, const char *name)
{
	char buf[128];
	int n = dur_outcome_count(sc);

	for (int i = 0; i < n; i++) {
		const char *o = dur_outcome_name(sc, i, buf, sizeof(buf));

		if (o && !strcmp(o, name))
			return i;
	}
	return -1;
}
