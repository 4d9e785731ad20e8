/*
 * scenario.c: YAML scenario text into struct dur_scenario.
 *
 * The parser walks libfyaml's document tree section by section, in an order
 * that lets later sections refer to earlier ones (mediators name actors, the
 * state names crossings and rungs, interventions name parameter paths). It
 * does not stop at the first problem: every unknown key, wrong type, missing
 * field, out-of-range or non-finite number, impossible date and dangling
 * reference is added to the caller's diagnostics with its line and column,
 * so a user fixes a file in one pass.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "durand/readfile.h"
#include "durand/date.h"
#include "durand/scenario.h"
#include "durand/utf8.h"
#include "scenario_int.h"


/*
 * Where a node starts, 1-based. libfyaml 0.7 marks tokens, not nodes: a
 * scalar has its token; a mapping or sequence is placed at its first child
 * (for block collections, where the collection starts). 0 when unknown.
 */
static void pos(struct fy_node *n, int *line, int *col)
{
	const struct fy_mark *m = NULL;
	int lead = 0;

	*line = *col = 0;
	for (int depth = 0; n && depth < 64; depth++) {
		void *it = NULL;

		if (fy_node_get_type(n) == FYNT_SCALAR) {
			struct fy_token *t = fy_node_get_scalar_token(n);
			enum fy_node_style st = fy_node_get_style(n);

			m = t ? fy_token_start_mark(t) : NULL;
			/* the token of "x", 'x' and *x starts after the quote
			 * or the '*'; a user's editor wants the node's start */
			lead = st == FYNS_SINGLE_QUOTED ||
			       st == FYNS_DOUBLE_QUOTED || st == FYNS_ALIAS;
			break;
		}
		if (fy_node_get_type(n) == FYNT_MAPPING) {
			struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);

			n = p ? fy_node_pair_key(p) : NULL;
		} else {
			n = fy_node_sequence_iterate(n, &it);
		}
	}
	if (m) {
		*line = m->line + 1;
		*col = m->column + 1 - (lead && m->column > 0);
	}
}

/* Add a problem to c: the first is kept for err, every one goes to diag. */
static void vfail_at(struct ctx *c, int code, const char *file, int line,
		     int col, const char *fmt, va_list ap)
{
	char msg[256];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!c->nerr++)
		dur_error_set(&c->first, code, file, line, col, "%s", msg);
	if (!c->diag)
		return;
	/* One line, one entry: a line of 3,000 unknown keys was 3,000
	 * messages. The rest of the line's problems are counted in its
	 * entry. */
	if (line > 0 && line == c->last_line && c->diag->n &&
	    !strcmp(c->diag->v[c->diag->n - 1].file, file)) {
		struct dur_error *e = &c->diag->v[c->diag->n - 1];

		c->more++;
		snprintf(e->msg, sizeof(e->msg), "%.180s (and %d more on this "
			 "line)", c->last_msg, c->more);
		return;
	}
	c->last_line = line;
	c->more = 0;
	snprintf(c->last_msg, sizeof(c->last_msg), "%s", msg);
	dur_diag_add(c->diag, code, file, line, col, "%s", msg);
}

void scen_fail_at(struct ctx *c, int code, const char *file, int line,
		  int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(c, code, file, line, col, fmt, ap);
	va_end(ap);
}

void scen_fail(struct ctx *c, int code, struct fy_node *n, const char *fmt,
	       ...)
{
	va_list ap;
	int line, col;

	pos(n, &line, &col);
	va_start(ap, fmt);
	vfail_at(c, code, scen_origin_file(c, n), line, col, fmt, ap);
	va_end(ap);
}

#define fail scen_fail

/* A scalar's text, NUL-terminated into buf; NULL (and an error) if n is not
 * a plain or quoted scalar. */
static const char *scalar(struct ctx *c, struct fy_node *n, const char *what,
			  char *buf, size_t len)
{
	const char *s;
	size_t l;

	if (!n) {
		fail(c, DUR_EPARSE, n, "expected %s, got nothing", what);
		return NULL;
	}
	if (fy_node_is_alias(n)) {
		fail(c, DUR_EPARSE, n, "aliases are not allowed in scenarios");
		return NULL;
	}
	if (fy_node_get_type(n) != FYNT_SCALAR) {
		fail(c, DUR_EPARSE, n, "expected %s, got a %s", what,
		     fy_node_get_type(n) == FYNT_MAPPING ? "mapping"
							 : "sequence");
		return NULL;
	}
	s = fy_node_get_scalar(n, &l);
	if (l >= len) {
		fail(c, DUR_ELIMIT, n, "%s is longer than %zu characters", what,
		     len - 1);
		return NULL;
	}
	memcpy(buf, s, l);
	buf[l] = 0;
	return buf;
}

int scen_is_null(struct fy_node *n, int empty)
{
	const char *s;
	size_t l;

	if (!n)
		return 1;
	if (fy_node_get_type(n) != FYNT_SCALAR ||
	    fy_node_get_style(n) != FYNS_PLAIN)
		return 0;
	s = fy_node_get_scalar(n, &l);
	return (l == 4 && !memcmp(s, "null", 4)) || (l == 1 && *s == '~') ||
	       (empty && l == 0);
}

/* YAML's spellings of infinity and not-a-number (.inf, -.Inf, .NAN...),
 * which strtod does not read: numbers, but not finite ones. */
static int yaml_special(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	return !strcmp(s, ".inf") || !strcmp(s, ".Inf") ||
	       !strcmp(s, ".INF") || !strcmp(s, ".nan") ||
	       !strcmp(s, ".NaN") || !strcmp(s, ".NAN");
}

static int get_number(struct ctx *c, struct fy_node *n, const char *what,
		      double lo, double hi, double *out)
{
	char buf[64], *end;
	double v;

	if (!scalar(c, n, "a number", buf, sizeof(buf)))
		return -1;
	if (fy_node_get_style(n) != FYNS_PLAIN) {
		fail(c, DUR_EINVAL, n, "%s: expected a number, got a string",
		     what);
		return -1;
	}
	errno = 0;
	v = strtod(buf, &end);
	if (yaml_special(buf)) {
		fail(c, DUR_EINVAL, n, "%s: expected a finite number, got '%s'",
		     what, buf);
		return -1;
	}
	if (end == buf || *end) {
		fail(c, DUR_EINVAL, n, "%s: expected a number, got '%s'", what,
		     buf);
		return -1;
	}
	if (!isfinite(v) || errno == ERANGE) {
		if (errno == ERANGE && isfinite(v))
			v = 0; /* underflow to a denormal or zero is fine */
		else {
			fail(c, DUR_EINVAL, n,
			     "%s: expected a finite number, got '%s'", what,
			     buf);
			return -1;
		}
	}
	if (v < lo || v > hi) {
		fail(c, DUR_EINVAL, n,
		     "%s: expected a value from %g to %g, got %s", what, lo, hi,
		     buf);
		return -1;
	}
	*out = v + 0.0; /* -0 becomes 0 */
	return 0;
}

static int get_int(struct ctx *c, struct fy_node *n, const char *what,
		   long lo, long hi, int *out)
{
	double v;

	if (get_number(c, n, what, (double)lo, (double)hi, &v))
		return -1;
	if (v != floor(v)) {
		fail(c, DUR_EINVAL, n, "%s: expected a whole number, got %g",
		     what, v);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int get_bool(struct ctx *c, struct fy_node *n, const char *what,
		    int *out)
{
	char buf[16];

	if (!scalar(c, n, "true or false", buf, sizeof(buf)))
		return -1;
	if (!strcmp(buf, "true")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(buf, "false")) {
		*out = 0;
		return 0;
	}
	fail(c, DUR_EINVAL, n, "%s: expected true or false, got '%s'", what,
	     buf);
	return -1;
}

/* An identifier: lower-case letters, digits, '_' and '-'. */
static int get_id(struct ctx *c, struct fy_node *n, const char *what,
		  char *out, size_t len)
{
	char buf[DUR_NAME_MAX];

	if (!scalar(c, n, what, buf, sizeof(buf)))
		return -1;
	if (!buf[0]) {
		fail(c, DUR_EINVAL, n, "%s: expected a name, got nothing",
		     what);
		return -1;
	}
	for (const char *p = buf; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '_' || *p == '-')) {
			fail(c, DUR_EINVAL, n,
			     "%s: expected a name of a-z, 0-9, '_' and '-', "
			     "got '%s'",
			     what, buf);
			return -1;
		}
	snprintf(out, len, "%s", buf);
	return 0;
}

static int get_text(struct ctx *c, struct fy_node *n, const char *what,
		    char *out, size_t len)
{
	return scalar(c, n, what, out, len) ? 0 : -1;
}

static int get_date(struct ctx *c, struct fy_node *n, const char *what,
		    int32_t *out)
{
	char buf[32];
	const char *why;

	if (!scalar(c, n, "a date", buf, sizeof(buf)))
		return -1;
	if (strlen(buf) != 10 || dur_date_parse(buf, 10, out, &why)) {
		if (strlen(buf) != 10)
			why = "expected a date as YYYY-MM-DD";
		fail(c, DUR_EINVAL, n, "%s: %s, got '%s'", what, why, buf);
		return -1;
	}
	return 0;
}

/*
 * Collect the values of a mapping's keys. keys[] lists the allowed keys,
 * "!name" for required ones; vals[i] receives the value node of keys[i] (or
 * NULL). Unknown keys and missing required keys are errors. Returns 0 if the
 * node is a mapping (even with errors inside), -1 if not.
 */
static int fields(struct ctx *c, struct fy_node *map, const char *section,
		  const char *const *keys, struct fy_node **vals)
{
	struct fy_node_pair *p;
	void *it = NULL;
	int nk = 0;

	while (keys[nk])
		nk++;
	for (int i = 0; i < nk; i++)
		vals[i] = NULL;
	if (!map || fy_node_get_type(map) != FYNT_MAPPING ||
	    fy_node_is_alias(map)) {
		fail(c, DUR_EPARSE, map, "'%s': expected a mapping", section);
		return -1;
	}
	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		char key[96];
		int found = -1;

		if (!scalar(c, k, "a key", key, sizeof(key)))
			continue;
		for (int i = 0; i < nk && found < 0; i++) {
			const char *name = keys[i][0] == '!' ? keys[i] + 1
							     : keys[i];
			if (!strcmp(name, key))
				found = i;
		}
		if (found < 0) {
			char list[512] = "";
			size_t used = 0;

			for (int i = 0; i < nk; i++) {
				const char *name = keys[i][0] == '!'
							   ? keys[i] + 1
							   : keys[i];
				used += snprintf(list + used,
						 used < sizeof(list)
							 ? sizeof(list) - used
							 : 0,
						 "%s%s", i ? ", " : "", name);
			}
			fail(c, DUR_EPARSE, k,
			     "unknown key '%s' in '%s' (expected one of: %s)",
			     key, section, list);
			continue;
		}
		vals[found] = fy_node_pair_value(p);
		if (!vals[found]) {
			fail(c, DUR_EPARSE, k, "'%s' in '%s' has no value", key,
			     section);
		}
	}
	for (int i = 0; i < nk; i++)
		if (keys[i][0] == '!' && !vals[i])
			fail(c, DUR_EPARSE, map, "missing key '%s' in '%s'",
			     keys[i] + 1, section);
	return 0;
}

/* Iterate a sequence: returns its items one by one, NULL at the end. */
static struct fy_node *items(struct ctx *c, struct fy_node *seq,
			     const char *section, void **it, int *bad)
{
	if (!*it && !*bad) {
		if (!seq || fy_node_get_type(seq) != FYNT_SEQUENCE ||
		    fy_node_is_alias(seq)) {
			fail(c, DUR_EPARSE, seq, "'%s': expected a sequence",
			     section);
			*bad = 1;
			return NULL;
		}
	}
	if (*bad)
		return NULL;
	return fy_node_sequence_iterate(seq, it);
}

static int find_actor(const struct dur_scenario *sc, const char *name)
{
	for (int i = 0; i < sc->nactors; i++)
		if (!strcmp(sc->actor[i].name, name))
			return i;
	return -1;
}

static int find_crossing(const struct dur_model *m, const char *name)
{
	for (int i = 0; i < m->ncrossings; i++)
		if (!strcmp(m->crossing[i].name, name))
			return i;
	return -1;
}

static int find_rung(const struct dur_model *m, const char *name)
{
	for (int i = 0; i < m->nrungs; i++)
		if (!strcmp(m->rung[i].name, name))
			return i;
	return -1;
}

static int find_action(const char *name)
{
	for (int a = 0; a < DUR_ACT_COUNT; a++)
		if (!strcmp(dur_action_name(a), name))
			return a;
	return -1;
}

/* --- sections ------------------------------------------------------ */

static void parse_actors(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!id", "name", "!role", "source",
					    NULL };
	static const char *const roles[DUR_ROLE_COUNT] = {
		"state", "group", "host", "mediator", "other"
	};
	struct dur_scenario *sc = c->sc;
	struct fy_node *it_node, *v[4];
	void *it = NULL;
	int bad = 0, count[DUR_ROLE_COUNT] = { 0 };

	sc->state_actor = sc->group_actor = sc->host_actor = -1;
	while ((it_node = items(c, seq, "actors", &it, &bad))) {
		struct dur_actor a = { 0 };
		char role[16];

		if (sc->nactors == DUR_MAX_ACTORS) {
			fail(c, DUR_ELIMIT, it_node,
			     "more than %d actors, the most a scenario may "
			     "have; give minor actors role 'other' in one "
			     "entry",
			     DUR_MAX_ACTORS);
			return; /* the roles not yet seen are not missing */
		}
		if (fields(c, it_node, "actors", keys, v))
			continue;
		if (v[0] && get_id(c, v[0], "actor id", a.name, sizeof(a.name)))
			continue;
		if (v[0] && find_actor(sc, a.name) >= 0) {
			fail(c, DUR_EINVAL, v[0], "actor '%s' is defined twice",
			     a.name);
			continue;
		}
		snprintf(a.label, sizeof(a.label), "%s", a.name);
		if (v[1])
			get_text(c, v[1], "actor name", a.label,
				 sizeof(a.label));
		a.role = -1;
		if (v[2] && scalar(c, v[2], "a role", role, sizeof(role))) {
			for (int r = 0; r < DUR_ROLE_COUNT; r++)
				if (!strcmp(role, roles[r]))
					a.role = r;
			if (a.role < 0)
				fail(c, DUR_EINVAL, v[2],
				     "role: expected state, group, host, "
				     "mediator or other, got '%s'",
				     role);
		}
		if (a.role < 0 || !v[0])
			continue;
		if (a.role < DUR_ROLE_MEDIATOR && count[a.role]++) {
			fail(c, DUR_EINVAL, v[2],
			     "a second actor with role '%s'", roles[a.role]);
			continue;
		}
		if (a.role == DUR_ROLE_STATE)
			sc->state_actor = sc->nactors;
		else if (a.role == DUR_ROLE_GROUP)
			sc->group_actor = sc->nactors;
		else if (a.role == DUR_ROLE_HOST)
			sc->host_actor = sc->nactors;
		sc->actor[sc->nactors++] = a;
	}
	if (bad)
		return;
	for (int r = 0; r < DUR_ROLE_MEDIATOR; r++)
		if (!count[r])
			fail(c, DUR_EINVAL, seq,
			     "'actors': expected one actor with role '%s'",
			     roles[r]);
}

static void parse_factions(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!id", "!weight", "!affinity",
					    "source", NULL };
	struct dur_model *m = &c->sc->model;
	struct fy_node *n, *v[4];
	void *it = NULL;
	int bad = 0;
	double wsum = 0;

	while ((n = items(c, seq, "factions", &it, &bad))) {
		struct dur_faction *f = &m->faction[m->nfactions];

		if (m->nfactions == DUR_MAX_FACTIONS) {
			fail(c, DUR_ELIMIT, n, "more than %d factions",
			     DUR_MAX_FACTIONS);
			break;
		}
		if (fields(c, n, "factions", keys, v))
			continue;
		if (v[0])
			get_id(c, v[0], "faction id", f->name, sizeof(f->name));
		if (v[1])
			get_number(c, v[1], "weight", 0, 1, &f->weight);
		if (v[2])
			get_number(c, v[2], "affinity", 0, 1, &f->affinity);
		wsum += f->weight;
		m->nfactions++;
	}
	if (!bad && m->nfactions && fabs(wsum - 1) > 1e-6)
		fail(c, DUR_EINVAL, seq,
		     "'factions': weights must add up to 1, they add up to %g",
		     wsum);
}

static void parse_regions(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!id", "name", "!side", "city",
					    "!share", "source", NULL };
	struct dur_model *m = &c->sc->model;
	struct fy_node *n, *v[6];
	void *it = NULL;
	int bad = 0;
	int nstate = 0, nhost = 0;

	while ((n = items(c, seq, "regions", &it, &bad))) {
		struct dur_region *r = &m->region[m->nregions];
		char side[16];

		if (m->nregions == DUR_MAX_REGIONS) {
			fail(c, DUR_ELIMIT, n, "more than %d regions",
			     DUR_MAX_REGIONS);
			break;
		}
		if (fields(c, n, "regions", keys, v))
			continue;
		if (v[0])
			get_id(c, v[0], "region id", r->name, sizeof(r->name));
		if (v[2] && scalar(c, v[2], "a side", side, sizeof(side))) {
			if (!strcmp(side, "state"))
				r->host = 0;
			else if (!strcmp(side, "host"))
				r->host = 1;
			else
				fail(c, DUR_EINVAL, v[2],
				     "side: expected state or host, got '%s'",
				     side);
		}
		if (v[3])
			get_bool(c, v[3], "city", &r->city);
		if (v[4])
			get_number(c, v[4], "share", 0, 1, &r->share);
		if (r->host)
			nhost++;
		else
			nstate++;
		m->nregions++;
	}
	if (!bad && (!nstate || !nhost))
		fail(c, DUR_EINVAL, seq,
		     "'regions': expected at least one region on each side");
}

static void parse_crossings(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!id", "name", "!trade_usd_per_day",
					    "weight", "source", NULL };
	struct dur_model *m = &c->sc->model;
	struct fy_node *n, *v[5];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "crossings", &it, &bad))) {
		struct dur_crossing *x = &m->crossing[m->ncrossings];

		if (m->ncrossings == DUR_MAX_CROSSINGS) {
			fail(c, DUR_ELIMIT, n, "more than %d crossings",
			     DUR_MAX_CROSSINGS);
			break;
		}
		if (fields(c, n, "crossings", keys, v))
			continue;
		if (v[0])
			get_id(c, v[0], "crossing id", x->name,
			       sizeof(x->name));
		if (v[2])
			get_number(c, v[2], "trade_usd_per_day", 0, 1e12,
				   &x->trade_usd_per_day);
		x->weight = 1;
		if (v[3])
			get_number(c, v[3], "weight", 0, 1e6, &x->weight);
		m->ncrossings++;
	}
}

static void parse_action_map(struct ctx *c, struct fy_node *map,
			     const char *section, double *rate)
{
	struct fy_node_pair *p;
	void *it = NULL;

	if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
		fail(c, DUR_EPARSE, map, "'%s': expected a mapping of actions",
		     section);
		return;
	}
	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		char key[48];
		int a;

		if (!scalar(c, k, "an action", key, sizeof(key)))
			continue;
		a = find_action(key);
		if (a < 0) {
			fail(c, DUR_EINVAL, k,
			     "unknown action '%s' in '%s' (expected "
			     "flag_meeting, protest, demarche, memorandum, "
			     "jcc_meeting, minister_visit, closure, "
			     "deportation, strike, strike_city or "
			     "ground_operation)",
			     key, section);
			continue;
		}
		get_number(c, fy_node_pair_value(p), key, 0, 1000, &rate[a]);
	}
}

static void parse_ladder(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!name", "!threshold", "rates",
					    "per_attack", "readiness", "source",
					    NULL };
	struct dur_model *m = &c->sc->model;
	struct fy_node *n, *v[6];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "ladder", &it, &bad))) {
		struct dur_rung *r = &m->rung[m->nrungs];

		if (m->nrungs == DUR_MAX_RUNGS) {
			fail(c, DUR_ELIMIT, n, "more than %d rungs",
			     DUR_MAX_RUNGS);
			break;
		}
		if (fields(c, n, "ladder", keys, v))
			continue;
		if (v[0] && !get_id(c, v[0], "rung name", r->name,
				    sizeof(r->name)) &&
		    find_rung(m, r->name) >= 0)
			fail(c, DUR_EINVAL, v[0], "rung '%s' is defined twice",
			     r->name);
		if (v[1] &&
		    !get_number(c, v[1], "threshold", 0, 1e9, &r->threshold) &&
		    m->nrungs > 0 && r->threshold <= m->rung[m->nrungs - 1].threshold)
			fail(c, DUR_EINVAL, v[1],
			     "threshold: expected more than the rung below's "
			     "%g, got %g",
			     m->rung[m->nrungs - 1].threshold, r->threshold);
		if (v[2])
			parse_action_map(c, v[2], "rates", r->rate);
		if (v[3])
			parse_action_map(c, v[3], "per_attack", r->per_attack);
		if (v[4])
			get_number(c, v[4], "readiness", 0, 1, &r->readiness);
		m->nrungs++;
	}
	if (!bad && m->nrungs < 2)
		fail(c, DUR_EINVAL, seq, "'ladder': expected at least 2 rungs");
}

static void parse_mediators(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!actor", "!trigger_rung",
					    "!leverage", "!round_rate",
					    "!cooldown_days", "trigger_crisis",
					    "source", NULL };
	struct dur_scenario *sc = c->sc;
	struct dur_model *m = &sc->model;
	struct fy_node *n, *v[7];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "mediators", &it, &bad))) {
		struct dur_mediator *md = &m->mediator[m->nmediators];
		char name[DUR_NAME_MAX];

		if (m->nmediators == DUR_MAX_MEDIATORS) {
			fail(c, DUR_ELIMIT, n, "more than %d mediators",
			     DUR_MAX_MEDIATORS);
			break;
		}
		if (fields(c, n, "mediators", keys, v))
			continue;
		md->actor = -1;
		if (v[0] && !get_id(c, v[0], "actor", name, sizeof(name))) {
			md->actor = find_actor(sc, name);
			if (md->actor < 0)
				fail(c, DUR_ENOTFOUND, v[0],
				     "actor: no actor '%s' in 'actors'", name);
			else if (sc->actor[md->actor].role != DUR_ROLE_MEDIATOR)
				fail(c, DUR_EINVAL, v[0],
				     "actor: '%s' does not have role "
				     "'mediator'",
				     name);
		}
		if (v[1]) {
			char rn[DUR_NAME_MAX];

			if (fy_node_get_style(v[1]) == FYNS_PLAIN &&
			    isdigit((unsigned char)*fy_node_get_scalar0(v[1])))
				get_int(c, v[1], "trigger_rung", 0,
					m->nrungs - 1, &md->trigger_rung);
			else if (!get_id(c, v[1], "trigger_rung", rn,
					 sizeof(rn))) {
				md->trigger_rung = find_rung(m, rn);
				if (md->trigger_rung < 0)
					fail(c, DUR_ENOTFOUND, v[1],
					     "trigger_rung: no rung '%s' in "
					     "'ladder'",
					     rn);
			}
		}
		if (v[2])
			get_number(c, v[2], "leverage", 0, 1, &md->leverage);
		if (v[3])
			get_number(c, v[3], "round_rate", 0, 1, &md->round_rate);
		if (v[4])
			get_number(c, v[4], "cooldown_days", 0, 3650,
				   &md->cooldown);
		if (v[5])
			get_number(c, v[5], "trigger_crisis", 0, 1e6,
				   &md->trigger_crisis);
		m->nmediators++;
	}
}

static void parse_measures(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!id", "!kind", "!strength",
					    "start", "source", NULL };
	static const char *const kinds[DUR_CBM_KIND_COUNT] = {
		"joint_mechanism", "intelligence_sharing", "monitoring",
		"fencing"
	};
	struct dur_scenario *sc = c->sc;
	struct dur_model *m = &sc->model;
	struct fy_node *n, *v[5];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "measures", &it, &bad))) {
		struct dur_cbm *b = &m->cbm[m->ncbms];
		char kind[32];

		if (m->ncbms == DUR_MAX_CBMS) {
			fail(c, DUR_ELIMIT, n, "more than %d measures",
			     DUR_MAX_CBMS);
			break;
		}
		if (fields(c, n, "measures", keys, v))
			continue;
		if (v[0])
			get_id(c, v[0], "measure id", b->name, sizeof(b->name));
		b->kind = -1;
		if (v[1] && scalar(c, v[1], "a kind", kind, sizeof(kind))) {
			for (int k = 0; k < DUR_CBM_KIND_COUNT; k++)
				if (!strcmp(kind, kinds[k]))
					b->kind = k;
			if (b->kind < 0)
				fail(c, DUR_EINVAL, v[1],
				     "kind: expected joint_mechanism, "
				     "intelligence_sharing, monitoring or "
				     "fencing, got '%s'",
				     kind);
		}
		if (v[2])
			get_number(c, v[2], "strength", 0, 1, &b->strength);
		if (v[3] && !scen_is_null(v[3], 0)) {
			int32_t day;

			if (!get_date(c, v[3], "start", &day)) {
				struct dur_intervention *s = &sc->schedule;

				if (day <= sc->start) {
					b->on = 1;
				} else if (s->nchanges < DUR_MAX_CHANGES) {
					struct dur_change *ch =
						&s->change[s->nchanges++];

					ch->kind = DUR_CHANGE_SET;
					ch->day = day - sc->start;
					ch->offset = offsetof(struct dur_model,
							      cbm[m->ncbms].on);
					ch->value = 1;
				}
			}
		}
		m->ncbms++;
	}
}

static void parse_params(struct ctx *c, struct fy_node *map)
{
	const struct dur_param_info *table = dur_param_table;
	enum { N = DUR_NPARAMS };
	static const char *const keys[] = { "!value", "range", "source", NULL };
	struct dur_scenario *sc = c->sc;
	int seen[N] = { 0 };
	struct fy_node_pair *p;
	void *it = NULL;

	if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
		fail(c, DUR_EPARSE, map, "'params': expected a mapping");
		return;
	}
	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		struct fy_node *val = fy_node_pair_value(p), *v[3];
		char key[96];
		int i;

		if (!scalar(c, k, "a parameter", key, sizeof(key)))
			continue;
		for (i = 0; i < N; i++)
			if (!strcmp(table[i].path, key))
				break;
		if (i == N) {
			char near[256];

			dur_scenario_param_suggest(sc, key, near, sizeof(near));
			fail(c, DUR_EPARSE, k,
			     "unknown parameter '%s' in 'params' (nearest: "
			     "%s)",
			     key, near);
			continue;
		}
		seen[i] = 1;
		if (val && fy_node_get_type(val) == FYNT_MAPPING) {
			if (fields(c, val, key, keys, v))
				continue;
		} else {
			v[0] = val;
			v[1] = v[2] = NULL;
		}
		if (v[0])
			get_number(c, v[0], key, table[i].lo, table[i].hi,
				   (double *)((char *)&sc->model.p +
					      table[i].off));
		if (v[1]) {
			struct fy_node *lo = NULL, *hi = NULL;
			void *ri = NULL;
			struct dur_range *r;

			if (fy_node_get_type(v[1]) != FYNT_SEQUENCE ||
			    fy_node_sequence_item_count(v[1]) != 2) {
				fail(c, DUR_EPARSE, v[1],
				     "range: expected [low, high]");
				continue;
			}
			lo = fy_node_sequence_iterate(v[1], &ri);
			hi = fy_node_sequence_iterate(v[1], &ri);
			if (sc->nranges == DUR_MAX_RANGES) {
				fail(c, DUR_ELIMIT, v[1], "more than %d ranges",
				     DUR_MAX_RANGES);
				continue;
			}
			r = &sc->range[sc->nranges];
			snprintf(r->path, sizeof(r->path), "%s", key);
			r->offset = offsetof(struct dur_model, p) + table[i].off;
			if (get_number(c, lo, "range low", table[i].lo,
				       table[i].hi, &r->lo) ||
			    get_number(c, hi, "range high", table[i].lo,
				       table[i].hi, &r->hi))
				continue;
			if (r->lo >= r->hi) {
				fail(c, DUR_EINVAL, v[1],
				     "range: expected low < high, got [%g, %g]",
				     r->lo, r->hi);
				continue;
			}
			sc->nranges++;
		}
	}
	for (int i = 0; i < N; i++)
		if (!seen[i])
			fail(c, DUR_EPARSE, map,
			     "missing parameter '%s' in 'params'",
			     table[i].path);
}

/* `ranges:` gives ranges to model numbers that are not in `params:`. */
static void parse_ranges(struct ctx *c, struct fy_node *map)
{
	struct dur_scenario *sc = c->sc;
	struct fy_node_pair *p;
	void *it = NULL;

	if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
		fail(c, DUR_EPARSE, map, "'ranges': expected a mapping");
		return;
	}
	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		struct fy_node *val = fy_node_pair_value(p), *lo, *hi;
		void *ri = NULL;
		struct dur_range *r;
		char key[96];
		size_t off;

		if (!scalar(c, k, "a parameter path", key, sizeof(key)))
			continue;
		off = dur_scenario_param_find(sc, key);
		if (off == (size_t)-1) {
			char near[256];

			dur_scenario_param_suggest(sc, key, near, sizeof(near));
			fail(c, DUR_ENOTFOUND, k,
			     "no parameter '%s' (nearest: %s)", key, near);
			continue;
		}
		if (!val || fy_node_get_type(val) != FYNT_SEQUENCE ||
		    fy_node_sequence_item_count(val) != 2) {
			fail(c, DUR_EPARSE, val ? val : k,
			     "%s: expected [low, high]", key);
			continue;
		}
		if (sc->nranges == DUR_MAX_RANGES) {
			fail(c, DUR_ELIMIT, k, "more than %d ranges",
			     DUR_MAX_RANGES);
			return;
		}
		r = &sc->range[sc->nranges];
		lo = fy_node_sequence_iterate(val, &ri);
		hi = fy_node_sequence_iterate(val, &ri);
		snprintf(r->path, sizeof(r->path), "%s", key);
		r->offset = off;
		{
			double llo, lhi;

			dur_scenario_param_limits(sc, off, &llo, &lhi);
			if (get_number(c, lo, "range low", llo, lhi, &r->lo) ||
			    get_number(c, hi, "range high", llo, lhi, &r->hi))
				continue;
		}
		if (r->lo >= r->hi) {
			fail(c, DUR_EINVAL, val,
			     "range: expected low < high, got [%g, %g]", r->lo,
			     r->hi);
			continue;
		}
		sc->nranges++;
	}
}

static void parse_rung_ref(struct ctx *c, struct fy_node *n, int *out)
{
	const struct dur_model *m = &c->sc->model;
	char rn[DUR_NAME_MAX];

	if (n && fy_node_get_type(n) == FYNT_SCALAR &&
	    fy_node_get_style(n) == FYNS_PLAIN &&
	    isdigit((unsigned char)*fy_node_get_scalar0(n))) {
		get_int(c, n, "rung", 0, m->nrungs - 1, out);
		return;
	}
	if (get_id(c, n, "rung", rn, sizeof(rn)))
		return;
	*out = find_rung(m, rn);
	if (*out < 0) {
		fail(c, DUR_ENOTFOUND, n, "rung: no rung '%s' in 'ladder'", rn);
		*out = 0;
	}
}

static void parse_state(struct ctx *c, struct fy_node *map)
{
	static const char *const keys[] = {
		"!capacity", "!sanctuary", "!grievance", "!rung",
		"!enforcement", "!resentment", "!trust", "ceasefire",
		"fence", "closed", "excitation", "crisis", "campaign",
		"source", NULL
	};
	static const char *const streams[] = { "!attack", "!strike", "!clash",
					       NULL };
	struct dur_scenario *sc = c->sc;
	struct dur_init *s = &sc->init;
	struct fy_node *v[14], *e[3];

	if (fields(c, map, "state", keys, v))
		return;
	if (v[0])
		get_number(c, v[0], "capacity", 0, 100, &s->capacity);
	if (v[1])
		get_number(c, v[1], "sanctuary", 0, 1, &s->sanctuary);
	if (v[2])
		get_number(c, v[2], "grievance", 0, 1e9, &s->grievance);
	if (v[3])
		parse_rung_ref(c, v[3], &s->rung);
	if (v[4])
		get_number(c, v[4], "enforcement", 0, 1, &s->enforcement);
	if (v[5])
		get_number(c, v[5], "resentment", 0, 1e9, &s->resentment);
	if (v[6])
		get_number(c, v[6], "trust", 0, 1, &s->trust);
	if (v[7])
		get_number(c, v[7], "ceasefire", 0, 1, &s->ceasefire);
	if (v[8])
		get_number(c, v[8], "fence", 0, 1, &s->fence);
	if (v[9]) {
		struct fy_node_pair *p;
		void *it = NULL;

		if (fy_node_get_type(v[9]) != FYNT_MAPPING)
			fail(c, DUR_EPARSE, v[9],
			     "closed: expected a mapping of crossing: days");
		else
			while ((p = fy_node_mapping_iterate(v[9], &it))) {
				char name[DUR_NAME_MAX];
				int x, days;

				if (get_id(c, fy_node_pair_key(p), "crossing",
					   name, sizeof(name)))
					continue;
				x = find_crossing(&sc->model, name);
				if (x < 0) {
					fail(c, DUR_ENOTFOUND,
					     fy_node_pair_key(p),
					     "closed: no crossing '%s' in "
					     "'crossings'",
					     name);
					continue;
				}
				if (fy_node_get_type(fy_node_pair_value(p)) ==
					    FYNT_SCALAR &&
				    !strcmp(fy_node_get_scalar0(
						    fy_node_pair_value(p)),
					    "political"))
					s->closed[x] = DUR_CLOSED_POLITICAL;
				else if (!get_int(c, fy_node_pair_value(p),
						  name, 0, 36500, &days))
					s->closed[x] = days;
			}
	}
	if (v[10] && !fields(c, v[10], "excitation", streams, e))
		for (int i = 0; i < 3; i++)
			if (e[i])
				get_number(c, e[i], streams[i] + 1, 0, 1e6,
					   &s->exc[i]);
	if (v[11])
		get_number(c, v[11], "crisis", 0, 1e6, &s->crisis);
	if (v[12])
		get_bool(c, v[12], "campaign", &s->campaign);
}

/*
 * `orders:` dated decisions imposed on every run, such as a departure order:
 * each is a change of the schedule that starts a campaign on its date (or
 * from day 0 if dated on or before the start).
 */
static void parse_orders(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!date", "!kind", "source", NULL };
	struct dur_scenario *sc = c->sc;
	struct fy_node *n, *v[3];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "orders", &it, &bad))) {
		char kind[32];
		int32_t day;

		if (fields(c, n, "orders", keys, v))
			continue;
		if (v[1] && scalar(c, v[1], "a kind", kind, sizeof(kind)) &&
		    strcmp(kind, "departure"))
			fail(c, DUR_EINVAL, v[1],
			     "kind: expected departure, got '%s'", kind);
		if (!v[0] || get_date(c, v[0], "date", &day))
			continue;
		if (sc->schedule.nchanges == DUR_MAX_CHANGES) {
			fail(c, DUR_ELIMIT, n, "more than %d dated changes",
			     DUR_MAX_CHANGES);
			break;
		} else {
			struct dur_change *ch =
				&sc->schedule.change[sc->schedule.nchanges++];

			ch->kind = DUR_CHANGE_STATE;
			ch->day = day > sc->start ? day - sc->start : 0;
			ch->offset = DUR_SV_CAMPAIGN;
			ch->value = 1;
		}
	}
}

static void parse_change(struct ctx *c, struct fy_node *n,
			 struct dur_intervention *iv)
{
	static const char *const keys[] = { "on", "set", "scale", "state",
					    "open", "close", NULL };
	struct dur_scenario *sc = c->sc;
	struct fy_node *v[6];
	int32_t day = sc->start;

	if (fields(c, n, "changes", keys, v))
		return;
	if (v[0])
		get_date(c, v[0], "on", &day);
	if (day < sc->start) {
		fail(c, DUR_EINVAL, v[0],
		     "on: expected a date on or after the scenario start");
		return;
	}
	for (int kind = 1; kind < 6; kind++) {
		struct fy_node_pair *p;
		void *it = NULL;

		if (!v[kind])
			continue;
		if (kind == 4) { /* open: [crossing, ...] */
			struct fy_node *x;
			void *xi = NULL;
			int bad = 0;

			while ((x = items(c, v[4], "open", &xi, &bad))) {
				char name[DUR_NAME_MAX];
				int ci;
				struct dur_change *ch;

				if (get_id(c, x, "crossing", name, sizeof(name)))
					continue;
				ci = find_crossing(&sc->model, name);
				if (ci < 0) {
					fail(c, DUR_ENOTFOUND, x,
					     "open: no crossing '%s' in "
					     "'crossings'",
					     name);
					continue;
				}
				if (iv->nchanges == DUR_MAX_CHANGES) {
					fail(c, DUR_ELIMIT, x,
					     "more than %d changes",
					     DUR_MAX_CHANGES);
					return;
				}
				ch = &iv->change[iv->nchanges++];
				ch->kind = DUR_CHANGE_OPEN;
				ch->day = day - sc->start;
				ch->index = ci;
			}
			continue;
		}
		if (fy_node_get_type(v[kind]) != FYNT_MAPPING) {
			fail(c, DUR_EPARSE, v[kind], "'%s': expected a mapping",
			     keys[kind]);
			continue;
		}
		while ((p = fy_node_mapping_iterate(v[kind], &it))) {
			struct fy_node *k = fy_node_pair_key(p);
			struct fy_node *val = fy_node_pair_value(p);
			struct dur_change ch = { 0 };
			char key[96];

			if (!scalar(c, k, "a name", key, sizeof(key)))
				continue;
			ch.day = day - sc->start;
			if (kind == 1 || kind == 2) {
				char near[256];

				ch.kind = kind == 1 ? DUR_CHANGE_SET
						    : DUR_CHANGE_SCALE;
				ch.offset = dur_scenario_param_find(sc, key);
				if (ch.offset == (size_t)-1) {
					dur_scenario_param_suggest(
						sc, key, near, sizeof(near));
					fail(c, DUR_ENOTFOUND, k,
					     "no parameter '%s' (nearest: %s)",
					     key, near);
					continue;
				}
				double lo = -1e12, hi = 1e12;

				if (kind == 1) /* a value set must be allowed */
					dur_scenario_param_limits(sc, ch.offset,
								  &lo, &hi);
				else
					lo = 0; /* a scale factor */
				if (get_number(c, val, key, lo, hi, &ch.value))
					continue;
			} else if (kind == 3) {
				int sv = dur_state_var_find(key);

				if (sv < 0) {
					fail(c, DUR_ENOTFOUND, k,
					     "no state variable '%s' (expected "
					     "capacity, sanctuary, grievance, "
					     "rung, enforcement, resentment, "
					     "trust, ceasefire or fence)",
					     key);
					continue;
				}
				ch.kind = DUR_CHANGE_STATE;
				ch.offset = (size_t)sv;
				if (sv == DUR_SV_RUNG) {
					int r = 0;

					parse_rung_ref(c, val, &r);
					ch.value = r;
				} else if (get_number(c, val, key, 0, 1e9,
						      &ch.value)) {
					continue;
				}
			} else { /* close: {crossing: days} */
				int days;

				ch.kind = DUR_CHANGE_CLOSE;
				ch.index = find_crossing(&sc->model, key);
				if (ch.index < 0) {
					fail(c, DUR_ENOTFOUND, k,
					     "close: no crossing '%s' in "
					     "'crossings'",
					     key);
					continue;
				}
				if (get_int(c, val, key, 1, 36500, &days))
					continue;
				ch.value = days;
			}
			if (iv->nchanges == DUR_MAX_CHANGES) {
				fail(c, DUR_ELIMIT, k, "more than %d changes",
				     DUR_MAX_CHANGES);
				return;
			}
			iv->change[iv->nchanges++] = ch;
		}
	}
}

static void parse_interventions(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!name", "description",
					    "!changes", NULL };
	struct dur_scenario *sc = c->sc;
	struct fy_node *n, *v[3];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "interventions", &it, &bad))) {
		struct dur_intervention *iv =
			&sc->intervention[sc->ninterventions];
		struct fy_node *ch;
		void *ci = NULL;
		int cbad = 0;

		if (sc->ninterventions == DUR_MAX_INTERVENTIONS) {
			fail(c, DUR_ELIMIT, n, "more than %d interventions",
			     DUR_MAX_INTERVENTIONS);
			break;
		}
		if (fields(c, n, "interventions", keys, v))
			continue;
		if (v[0] && !get_id(c, v[0], "intervention name", iv->name,
				    sizeof(iv->name)) &&
		    dur_scenario_intervention_find(sc, iv->name) >= 0)
			fail(c, DUR_EINVAL, v[0],
			     "intervention '%s' is defined twice", iv->name);
		if (v[1])
			get_text(c, v[1], "description", iv->description,
				 sizeof(iv->description));
		while (v[2] && (ch = items(c, v[2], "changes", &ci, &cbad)))
			parse_change(c, ch, iv);
		sc->ninterventions++;
	}
}

static void parse_targets(struct ctx *c, struct fy_node *seq)
{
	static const char *const keys[] = { "!name", "!outcome", "!stated",
					    "!as", "!from", "!until",
					    "source", NULL };
	static const char *const kinds[DUR_TGT_KIND_COUNT] = {
		"exact", "over", "more_than", "at_least", "around", "event"
	};
	struct dur_scenario *sc = c->sc;
	struct fy_node *n, *v[7];
	void *it = NULL;
	int bad = 0;

	while ((n = items(c, seq, "targets", &it, &bad))) {
		struct dur_target *t = &sc->target[sc->ntargets];
		char kind[16];

		if (sc->ntargets == DUR_MAX_TARGETS) {
			fail(c, DUR_ELIMIT, n, "more than %d targets",
			     DUR_MAX_TARGETS);
			break;
		}
		if (fields(c, n, "targets", keys, v))
			continue;
		if (v[0])
			get_id(c, v[0], "target name", t->name,
			       sizeof(t->name));
		if (v[1] && !get_text(c, v[1], "outcome", t->outcome,
				      sizeof(t->outcome)) &&
		    dur_outcome_find(sc, t->outcome) < 0)
			fail(c, DUR_ENOTFOUND, v[1],
			     "outcome: no outcome '%s' (see docs/output.md)",
			     t->outcome);
		if (v[2])
			get_number(c, v[2], "stated", 0, 1e12, &t->value);
		t->kind = -1;
		if (v[3] && scalar(c, v[3], "a kind", kind, sizeof(kind))) {
			for (int k = 0; k < DUR_TGT_KIND_COUNT; k++)
				if (!strcmp(kind, kinds[k]))
					t->kind = k;
			if (t->kind < 0)
				fail(c, DUR_EINVAL, v[3],
				     "as: expected exact, over, more_than, "
				     "at_least, around or event, got '%s'",
				     kind);
		}
		if (v[4])
			get_date(c, v[4], "from", &t->from);
		if (v[5] && !get_date(c, v[5], "until", &t->until) &&
		    t->until < t->from)
			fail(c, DUR_EINVAL, v[5],
			     "until: expected a date after 'from'");
		if (v[6])
			get_text(c, v[6], "source", t->source,
				 sizeof(t->source));
		sc->ntargets++;
	}
}

/* `overrides:` sets model numbers by path after everything else is read:
 * where `durand calibrate` writes the values it fitted. */
static void parse_overrides(struct ctx *c, struct fy_node *map)
{
	struct dur_scenario *sc = c->sc;
	struct fy_node_pair *p;
	void *it = NULL;

	if (!map || fy_node_get_type(map) != FYNT_MAPPING) {
		fail(c, DUR_EPARSE, map, "'overrides': expected a mapping");
		return;
	}
	while ((p = fy_node_mapping_iterate(map, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		char key[96], near[256];
		double lo, hi;
		size_t off;
		int r;

		if (!scalar(c, k, "a parameter path", key, sizeof(key)))
			continue;
		off = dur_scenario_param_find(sc, key);
		if (off == (size_t)-1) {
			dur_scenario_param_suggest(sc, key, near, sizeof(near));
			fail(c, DUR_ENOTFOUND, k,
			     "no parameter '%s' (nearest: %s)", key, near);
			continue;
		}
		r = dur_scenario_range_find(sc, key);
		if (r >= 0) {
			lo = sc->range[r].lo;
			hi = sc->range[r].hi;
		} else {
			dur_scenario_param_limits(sc, off, &lo, &hi);
		}
		get_number(c, fy_node_pair_value(p), key, lo, hi,
			   dur_model_at(&sc->model, off));
	}
}

/* A model's numbers that limits alone do not check (as the `params:` checks
 * of parse_root): a description of the first problem into msg, or 0. */
static int set_problem(const struct dur_model *m, char *msg, size_t len)
{
	const struct dur_params *p = &m->p;
	double ba = p->attack_alpha_self /
		    (1 - exp(-M_LN2 / p->hawkes_halflife_attack));
	double bc = p->clash_alpha_self /
		    (1 - exp(-M_LN2 / p->hawkes_halflife_clash));

	if (p->attack_share_army + p->attack_share_police > 1 + 1e-9)
		snprintf(msg, len, "attack.share_army + attack.share_police "
				   "exceeds 1");
	else if (ba >= 1)
		snprintf(msg, len, "attacks' branching ratio is %.3g; it must "
				   "be below 1", ba);
	else if (bc >= 1)
		snprintf(msg, len, "clashes' branching ratio is %.3g; it must "
				   "be below 1", bc);
	else
		return 0;
	return 1;
}

/*
 * `ensemble:` is a parameter ensemble (struct dur_param_ensemble):
 *
 *     ensemble:
 *       params: [ttp.mu, ttp.growth]
 *       source: "IF2 on record afpak ..."
 *       sets:
 *         - [0.61, 0.0014]
 *
 * Each set names a value for each path, within the path's hard limits, and
 * makes a model the `params:` checks accept. Read after `overrides:`.
 */
static void parse_ensemble(struct ctx *c, struct fy_node *map)
{
	static const char *const keys[] = { "!params", "!sets", "source",
					    NULL };
	struct dur_scenario *sc = c->sc;
	struct dur_param_ensemble *e = &sc->pens;
	struct fy_node *v[3], *n;
	void *it = NULL;
	int bad = 0, nerr = c->nerr, clean = !c->nerr;

	if (fields(c, map, "ensemble", keys, v) || !v[0] || !v[1])
		return;
	if (v[2])
		get_text(c, v[2], "ensemble source", e->source,
			 sizeof(e->source));
	while ((n = items(c, v[0], "ensemble params", &it, &bad))) {
		char key[96], near[256];
		size_t off;

		if (!scalar(c, n, "a parameter path", key, sizeof(key)))
			continue;
		off = dur_scenario_param_find(sc, key);
		if (off == (size_t)-1) {
			dur_scenario_param_suggest(sc, key, near, sizeof(near));
			fail(c, DUR_ENOTFOUND, n,
			     "no parameter '%s' (nearest: %s)", key, near);
			continue;
		}
		for (int j = 0; j < e->k; j++)
			if (e->off[j] == off)
				fail(c, DUR_EINVAL, n,
				     "ensemble params: '%s' is named twice",
				     key);
		if (e->k == DUR_MAX_ENS_PARAMS) {
			fail(c, DUR_ELIMIT, n,
			     "ensemble params: more than %d parameters",
			     DUR_MAX_ENS_PARAMS);
			return;
		}
		snprintf(e->path[e->k], sizeof(e->path[0]), "%s", key);
		e->off[e->k++] = off;
	}
	if (bad || c->nerr > nerr)
		return;
	nerr = c->nerr;
	if (!e->k) {
		fail(c, DUR_EINVAL, v[0], "ensemble params: expected at least "
					  "one parameter path");
		return;
	}
	it = NULL;
	while ((n = items(c, v[1], "ensemble sets", &it, &bad))) {
		struct fy_node *x;
		struct dur_model m;
		void *xi = NULL;
		char msg[160];
		int j = 0, ok = 1;

		if (e->n == DUR_MAX_ENS_SETS) {
			fail(c, DUR_ELIMIT, n, "ensemble sets: more than %d sets",
			     DUR_MAX_ENS_SETS);
			break;
		}
		if (fy_node_get_type(n) != FYNT_SEQUENCE ||
		    fy_node_sequence_item_count(n) != e->k) {
			fail(c, DUR_EINVAL, n,
			     "ensemble set %d: expected a list of %d values, "
			     "one for each of 'params'",
			     e->n + 1, e->k);
			continue;
		}
		while ((x = fy_node_sequence_iterate(n, &xi))) {
			double lo, hi;
			char what[128];

			dur_scenario_param_limits(sc, e->off[j], &lo, &hi);
			snprintf(what, sizeof(what), "ensemble set %d, %s",
				 e->n + 1, e->path[j]);
			if (get_number(c, x, what, lo, hi, &e->set[e->n][j]))
				ok = 0;
			j++;
		}
		if (!ok)
			continue;
		m = sc->model;
		for (j = 0; j < e->k; j++)
			*dur_model_at(&m, e->off[j]) = e->set[e->n][j];
		if (clean && set_problem(&m, msg, sizeof(msg))) {
			fail(c, DUR_EINVAL, n, "ensemble set %d: %s", e->n + 1,
			     msg);
			continue;
		}
		e->n++;
	}
	if (!bad && c->nerr == nerr && !e->n)
		fail(c, DUR_EINVAL,
		     fy_node_mapping_lookup_key_by_string(map, "sets", -1),
		     "ensemble sets: expected at least one set");
}

static void parse_root(struct ctx *c, struct fy_node *root)
{
	static const char *const keys[] = {
		"!name", "description", "!start", "!days", "!actors",
		"factions", "!regions", "crossings", "!ladder", "mediators",
		"measures", "!params", "ranges", "!state", "interventions",
		"targets", "source", "overrides", "orders", "ensemble", NULL
	};
	struct dur_scenario *sc = c->sc;
	struct fy_node *v[20];

	if (fields(c, root, "scenario", keys, v))
		return;
	if (v[0])
		get_id(c, v[0], "name", sc->name, sizeof(sc->name));
	if (v[1])
		get_text(c, v[1], "description", sc->description,
			 sizeof(sc->description));
	if (v[2])
		get_date(c, v[2], "start", &sc->start);
	if (v[3])
		get_int(c, v[3], "days", 1, 36500, &sc->days);
	if (v[4])
		parse_actors(c, v[4]);
	if (v[5])
		parse_factions(c, v[5]);
	if (v[6])
		parse_regions(c, v[6]);
	if (v[7])
		parse_crossings(c, v[7]);
	if (v[8])
		parse_ladder(c, v[8]);
	if (v[9])
		parse_mediators(c, v[9]);
	if (v[10])
		parse_measures(c, v[10]);
	if (v[11])
		parse_params(c, v[11]);
	if (v[12])
		parse_ranges(c, v[12]);
	if (v[13])
		parse_state(c, v[13]);
	if (v[14])
		parse_interventions(c, v[14]);
	if (v[15])
		parse_targets(c, v[15]);
	if (v[18])
		parse_orders(c, v[18]);
	if (v[17])
		parse_overrides(c, v[17]);
	if (v[19])
		parse_ensemble(c, v[19]);
	if (v[17] && sc->pens.n && fy_node_get_type(v[17]) == FYNT_MAPPING) {
		/* an override holds in every run: out of the ensemble */
		struct fy_node_pair *p;
		void *it = NULL;

		while ((p = fy_node_mapping_iterate(v[17], &it))) {
			const char *k = fy_node_get_scalar0(fy_node_pair_key(p));
			size_t off = k ? dur_scenario_param_find(sc, k) :
					 (size_t)-1;

			if (off != (size_t)-1)
				dur_param_ensemble_drop(sc, off);
		}
	}
	if (!c->nerr && sc->model.p.attack_share_army +
					sc->model.p.attack_share_police >
				1 + 1e-9)
		fail(c, DUR_EINVAL, v[11],
		     "'params': attack.share_army + attack.share_police must "
		     "not exceed 1");
	if (!c->nerr) {
		const struct dur_params *p = &sc->model.p;
		double ba = p->attack_alpha_self /
			    (1 - exp(-M_LN2 / p->hawkes_halflife_attack));
		double bc = p->clash_alpha_self /
			    (1 - exp(-M_LN2 / p->hawkes_halflife_clash));

		if (ba >= 1)
			fail(c, DUR_EINVAL, v[11],
			     "'params': attack.alpha_self with "
			     "hawkes.halflife_attack gives a branching ratio "
			     "of %.3g; it must be below 1 or attacks explode",
			     ba);
		if (bc >= 1)
			fail(c, DUR_EINVAL, v[11],
			     "'params': clash.alpha_self with "
			     "hawkes.halflife_clash gives a branching ratio of "
			     "%.3g; it must be below 1 or clashes explode",
			     bc);
	}
}

struct fy_document *scen_build(struct ctx *c, const char *text, size_t len,
			       const char *file)
{
	struct fy_parse_cfg cfg = { 0 };
	struct fy_diag_cfg dcfg;
	struct fy_diag *fyd_diag;
	struct fy_document *doc;
	struct fy_diag_error *e;
	void *it = NULL;
	int any = 0;

	{
		long line, col;
		unsigned byte;

		/* libfyaml would say "malformed UTF8" in a quoted scalar, and
		 * nothing useful elsewhere */
		if (dur_utf8_check(text, len, &line, &col, &byte)) {
			scen_fail_at(c, DUR_EPARSE, file, (int)line, (int)col,
				     "not UTF-8 text (byte 0x%02X); save the "
				     "file as UTF-8",
				     byte);
			return NULL;
		}
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	fyd_diag = fy_diag_create(&dcfg);
	if (!fyd_diag) {
		scen_fail_at(c, DUR_ENOMEM, file, 0, 0,
			     "cannot create a YAML parser");
		return NULL;
	}
	/* without this libfyaml 0.7 prints nowhere and collects nothing, and
	 * every syntax error came out as a bare "invalid YAML" */
	fy_diag_set_collect_errors(fyd_diag, true);
	cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
	cfg.diag = fyd_diag;
	doc = fy_document_build_from_string(&cfg, text, len);
	if (doc) {
		fy_diag_destroy(fyd_diag);
		return doc;
	}
	while ((e = fy_diag_errors_iterate(fyd_diag, &it))) {
		/* collected positions are 1-based already; libfyaml stops at
		 * 64 levels of nesting ("Max depth") */
		scen_fail_at(c, DUR_EPARSE, file, e->line, e->column,
			     "invalid YAML: %s", e->msg);
		any = 1;
	}
	/* libfyaml gives no document and no error for a stream of nothing
	 * but blanks and comments */
	if (!any)
		scen_fail_at(c, DUR_EPARSE, file, 0, 0,
			     "the scenario is empty: no YAML document in it");
	fy_diag_destroy(fyd_diag);
	return NULL;
}

int dur_scenario_parse(struct dur_scenario *sc, const char *text, size_t len,
		       const char *file, struct dur_diag *diag,
		       struct dur_error *err)
{
	struct ctx c = { .file = file, .diag = diag, .sc = sc };
	struct fy_document *doc;

	memset(sc, 0, sizeof(*sc));
	doc = scen_build(&c, text, len, file);
	if (doc) {
		c.nparts = 1;
		snprintf(c.part[0].label, sizeof(c.part[0].label), "%s", file);
		if (!fy_document_root(doc))
			fail(&c, DUR_EPARSE, NULL, "the scenario is empty");
		else if (!scen_base_merge(&c, &doc))
			parse_root(&c, fy_document_root(doc));
		fy_document_destroy(doc);
	}
	scen_ctx_release(&c);
	if (c.nerr) {
		if (err)
			*err = c.first;
		return c.first.code;
	}
	return 0;
}

static char *read_file(const char *path, size_t *lenp, struct dur_error *err)
{
	return dur_read_file(path, "scenario", 64, lenp, err);
}


int dur_scenario_load(struct dur_scenario *sc, const char *path,
		      struct dur_diag *diag, struct dur_error *err)
{
	struct dur_error e = { 0 };
	size_t len = 0;
	char *buf = read_file(path, &len, &e);
	int rc;

	if (!buf) {
		if (diag)
			dur_diag_add(diag, e.code, e.file, 0, 0, "%s", e.msg);
		if (err)
			*err = e;
		return e.code;
	}
	rc = dur_scenario_parse(sc, buf, len, path, diag, err);
	free(buf);
	return rc;
}
