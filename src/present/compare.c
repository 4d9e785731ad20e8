/*
 * compare.c: two run results side by side, each figure of A and of B and
 * their difference B minus A, as JSON (the reference) and as text and CSV
 * read back from that JSON. The results hold summaries, not runs, so every
 * interval of a difference treats the sides as independent (compare.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "durand/numtext.h"
#include "durand/compare.h"
#include "durand/report.h"
#include "durand/result.h"
#include "durand/scenario.h"

/* The z of a two-sided 95% interval. */
#define Z95 1.959963984540054

/* A number member, NAN if absent or not a number. */
static double num(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *str(const json_t *o, const char *key, const char *def)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

/* Wilson's 95% score interval of a share k of n, as run writes it. */
static void wilson(double k, double n, double *lo, double *hi)
{
	double p = k / n, z2 = Z95 * Z95, c, h;

	c = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
	h = Z95 * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
	*lo = k <= 0 ? 0 : (c - h < 0 ? 0 : c - h);
	*hi = k >= n ? 1 : (c + h > 1 ? 1 : c + h);
}

/*
 * The difference pb - pa of two independent shares ka of na and kb of nb
 * with Newcombe's hybrid score interval (his method 10, Statistics in
 * Medicine 17, 1998): each side's Wilson interval, combined.
 */
static void newcombe(double ka, double na, double kb, double nb, double *d,
		     double *lo, double *hi)
{
	double pa = ka / na, pb = kb / nb, la, ua, lb, ub;

	wilson(ka, na, &la, &ua);
	wilson(kb, nb, &lb, &ub);
	*d = pb - pa;
	*lo = *d - sqrt((pb - lb) * (pb - lb) + (ua - pa) * (ua - pa));
	*hi = *d + sqrt((ub - pb) * (ub - pb) + (pa - la) * (pa - la));
}

/* ---- reading a side ------------------------------------------------- */

struct side {
	const json_t *r;   /* the whole result */
	const json_t *v;   /* the variant compared (r itself: the baseline) */
	const char *name;  /* its file, for messages */
	const char *variant;
	double runs;
};

static int open_side(struct side *s, const json_t *r, const char *name,
		     const char *variant, struct dur_error *err)
{
	enum dur_report_kind kind;
	const json_t *wi;
	struct dur_error kerr = { 0 };
	char have[512] = "";

	s->r = r;
	s->name = name ? name : "";
	s->variant = variant && strcmp(variant, "baseline") ? variant : NULL;
	if (dur_report_kind(r, &kind, &kerr))
		return dur_error_set(err, DUR_EINVAL, s->name, 0, 0,
				     "not a result of durand: %s", kerr.msg);
	if (kind != DUR_REPORT_RUN)
		return dur_error_set(err, DUR_EINVAL, s->name, 0, 0,
				     "a %s result; compare holds two results "
				     "of durand run (or merge), written with "
				     "--format json",
				     str(r, "kind", "other"));
	s->runs = num(r, "runs");
	if (!(s->runs >= 1) || !json_is_object(json_object_get(r, "outcomes")))
		return dur_error_set(err, DUR_EINVAL, s->name, 0, 0,
				     "a run result needs 'runs' (at least 1) "
				     "and 'outcomes'");
	s->v = r;
	if (!s->variant)
		return 0;
	wi = json_object_get(r, "what_if");
	for (size_t i = 0; i < json_array_size(wi); i++) {
		const json_t *e = json_array_get(wi, i);
		const char *n = str(e, "name", "");

		if (!strcmp(n, s->variant) &&
		    json_is_object(json_object_get(e, "outcomes"))) {
			s->v = e;
			return 0;
		}
		if (strlen(have) + strlen(n) + 4 < sizeof(have))
			strcat(strcat(have, " "), n);
	}
	return dur_error_set(err, DUR_EINVAL, s->name, 0, 0,
			     "no what-if '%s' in this result; it has: "
			     "baseline%s",
			     s->variant, have);
}

static json_t *side_json(const struct side *s)
{
	json_t *o = json_object(), *names = json_array();
	const json_t *wi = json_object_get(s->r, "what_if"), *x;

	json_object_set_new(o, "file", json_string(s->name));
	json_object_set_new(o, "variant",
			    json_string(s->variant ? s->variant : "baseline"));
	json_object_set_new(o, "scenario",
			    json_string(str(s->r, "scenario", "")));
	json_object_set_new(o, "start", json_string(str(s->r, "start", "")));
	json_object_set_new(o, "days", dur_json_number(num(s->r, "days")));
	json_object_set_new(o, "runs", dur_json_number(s->runs));
	json_object_set_new(o, "seed", dur_json_number(num(s->r, "seed")));
	x = json_object_get(s->r, "starting_state");
	if (json_is_object(x))
		json_object_set_new(o, "starting_state", json_deep_copy(x));
	for (size_t i = 0; i < json_array_size(wi); i++)
		json_array_append_new(
			names,
			json_string(str(json_array_get(wi, i), "name", "")));
	json_object_set_new(o, "what_ifs", names);
	return o;
}

/* Whether a and b share runs: run i of each drew the same random numbers.
 * Names what differs in why. */
static int paired(const struct side *a, const struct side *b, char *why,
		  size_t len)
{
	static const char *const keys[] = { "seed", "runs", "start", "days",
					    "starting_state" };
	size_t at = 0;

	why[0] = 0;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const json_t *x = json_object_get(a->r, keys[k]);
		const json_t *y = json_object_get(b->r, keys[k]);

		if (x && y && json_equal((json_t *)x, (json_t *)y))
			continue;
		at += (size_t)snprintf(why + at, len - at, "%s%s",
				       at ? ", " : "", keys[k]);
		if (at >= len)
			break;
	}
	return !why[0];
}

/* ---- the comparison ------------------------------------------------- */

static json_t *share(double p, double n)
{
	json_t *o = json_object();
	double lo, hi;

	wilson(p * n, n, &lo, &hi);
	json_object_set_new(o, "p", dur_json_number(p));
	json_object_set_new(o, "lo", dur_json_number(lo));
	json_object_set_new(o, "hi", dur_json_number(hi));
	json_object_set_new(o, "runs", dur_json_number(n));
	return o;
}

/* A probability row, from shares pa of a's runs and pb of b's. */
static void add_prob(json_t *list, const char *name, const char *label,
		     double pa, const struct side *a, double pb,
		     const struct side *b)
{
	json_t *o = json_object(), *d = json_object();
	double ka = round(pa * a->runs), kb = round(pb * b->runs), x, lo, hi;

	if (!(pa >= 0 && pa <= 1 && pb >= 0 && pb <= 1)) {
		json_decref(o);
		json_decref(d);
		return;
	}
	newcombe(ka, a->runs, kb, b->runs, &x, &lo, &hi);
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "label", json_string(label));
	json_object_set_new(o, "a", share(ka / a->runs, a->runs));
	json_object_set_new(o, "b", share(kb / b->runs, b->runs));
	json_object_set_new(d, "d", dur_json_number(x));
	json_object_set_new(d, "lo", dur_json_number(lo));
	json_object_set_new(d, "hi", dur_json_number(hi));
	json_object_set_new(o, "difference", d);
	json_array_append_new(list, o);
}

static const char *const op_words[][2] = {
	{ ">=", "at least" }, { "<=", "at most" },
	{ ">", "more than" }, { "<", "fewer than" },
};

/* "killed in Pakistan: more than 1000" for a threshold of a result. */
static void threshold_label(const json_t *t, char *buf, size_t len)
{
	const char *op = str(t, "op", ""), *w = op;
	char lab[128];

	for (size_t k = 0; k < sizeof(op_words) / sizeof(op_words[0]); k++)
		if (!strcmp(op, op_words[k][0]))
			w = op_words[k][1];
	if (!dur_result_outcome_label(str(t, "outcome", ""), lab, sizeof(lab)))
		snprintf(lab, sizeof(lab), "%s", str(t, "outcome", "?"));
	if (json_is_string(json_object_get(t, "by")))
		snprintf(buf, len, "%s: %s %g by %s", lab, w, num(t, "value"),
			 str(t, "by", ""));
	else
		snprintf(buf, len, "%s: %s %g", lab, w, num(t, "value"));
}

static void probabilities(json_t *list, json_t *skipped,
			  const struct side *a, const struct side *b)
{
	const json_t *ea = json_object_get(a->v, "escalation");
	const json_t *eb = json_object_get(b->v, "escalation");
	const json_t *ta = json_object_get(a->v, "probabilities");
	const json_t *tb = json_object_get(b->v, "probabilities");
	char label[200], name[160];

	add_prob(list, "first_strike", "a new strike in Afghanistan",
		 num(json_object_get(a->v, "first_strike"), "p"), a,
		 num(json_object_get(b->v, "first_strike"), "p"), b);
	for (size_t i = 0; i < json_array_size(ea); i++) {
		const json_t *x = json_array_get(ea, i);
		const json_t *y = json_array_get(eb, i);
		const char *n = str(x, "name", "");
		char words[64];

		if (!y || strcmp(n, str(y, "name", "")))
			continue;
		snprintf(words, sizeof(words), "%s", n);
		for (char *c = words; *c; c++)
			if (*c == '_')
				*c = ' ';
		snprintf(name, sizeof(name), "rung.%s", n);
		snprintf(label, sizeof(label), "the ladder reaches rung %zu, %s",
			 i, words);
		add_prob(list, name, label, num(x, "p_reach"), a,
			 num(y, "p_reach"), b);
	}
	for (size_t i = 0; i < json_array_size(ta); i++) {
		const json_t *x = json_array_get(ta, i), *y = NULL;
		const char *t = str(x, "threshold", "");

		for (size_t j = 0; !y && j < json_array_size(tb); j++)
			if (!strcmp(t, str(json_array_get(tb, j), "threshold",
					   "")))
				y = json_array_get(tb, j);
		if (!y) {
			threshold_label(x, name, sizeof(name));
			snprintf(label, sizeof(label), "%s (only in A)", name);
			json_array_append_new(skipped, json_string(label));
			continue;
		}
		threshold_label(x, label, sizeof(label));
		add_prob(list, t, label, num(x, "p"), a, num(y, "p"), b);
	}
	for (size_t j = 0; j < json_array_size(tb); j++) {
		const char *t = str(json_array_get(tb, j), "threshold", "");
		int found = 0;

		for (size_t i = 0; !found && i < json_array_size(ta); i++)
			found = !strcmp(t, str(json_array_get(ta, i),
					       "threshold", ""));
		if (!found) {
			threshold_label(json_array_get(tb, j), name,
					sizeof(name));
			snprintf(label, sizeof(label), "%s (only in B)", name);
			json_array_append_new(skipped, json_string(label));
		}
	}
}

static json_t *figures(const json_t *st)
{
	static const char *const k[] = { "q50", "q05", "q95", "mean", "se" };
	json_t *o = json_object();

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		json_object_set_new(o, k[i], dur_json_number(num(st, k[i])));
	return o;
}

static void add_outcome(json_t *list, const char *name, const char *group,
			const char *label, const json_t *x, const json_t *y)
{
	json_t *o = json_object(), *d = json_object();
	double ma = num(x, "mean"), mb = num(y, "mean");
	double sa = num(x, "se"), sb = num(y, "se"), se;
	struct dur_outcome_info in;
	char buf[160];

	se = sqrt(sa * sa + sb * sb);
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "group", json_string(group));
	json_object_set_new(o, "label", json_string(label));
	/* the table of outcomes' unit and kind (result.h) */
	if (dur_result_outcome_info(name, &in, buf, sizeof(buf))) {
		json_object_set_new(o, "unit", json_string(in.unit));
		json_object_set_new(o, "kind", json_string(in.kind));
	}
	json_object_set_new(o, "a", figures(x));
	json_object_set_new(o, "b", figures(y));
	json_object_set_new(o, "median_difference",
			    dur_json_number(num(y, "q50") - num(x, "q50")));
	json_object_set_new(d, "d", dur_json_number(mb - ma));
	json_object_set_new(d, "lo", dur_json_number(mb - ma - Z95 * se));
	json_object_set_new(d, "hi", dur_json_number(mb - ma + Z95 * se));
	json_object_set_new(o, "mean_difference", d);
	json_array_append_new(list, o);
}

/* DUR_EINVAL if x holds an outcome y does not (x is the result `name`). */
static int only_in(const json_t *x, const json_t *y, const char *name,
		   struct dur_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)x, key, v)
		if (!json_object_get(y, key))
			return dur_error_set(err, DUR_EINVAL, "", 0, 0,
					     "the two results hold different "
					     "outcomes: '%s' is in %s only "
					     "(A and B must come from "
					     "scenarios with the same "
					     "crossings and mediators)",
					     key, name);
	return 0;
}

/* The outcomes, in the table's order then the result's; DUR_EINVAL when
 * one side holds an outcome the other does not. */
static int outcomes(json_t *list, const struct side *a, const struct side *b,
		    struct dur_error *err)
{
	const json_t *oa = json_object_get(a->v, "outcomes");
	const json_t *ob = json_object_get(b->v, "outcomes");
	const char *group = "", *label, *key;
	json_t *done = json_object(), *x;
	char buf[160];
	int i;

	int rc = only_in(oa, ob, a->name, err);

	if (!rc)
		rc = only_in(ob, oa, b->name, err);
	if (rc) {
		json_decref(done);
		return rc;
	}
	for (size_t k = 0; dur_result_outcome_row(k, &i, &label); k++) {
		const char *n = dur_outcome_fixed_name(i);

		if (i < 0) {
			group = label;
			continue;
		}
		if (!n || !json_object_get(oa, n))
			continue;
		add_outcome(list, n, group, label, json_object_get(oa, n),
			    json_object_get(ob, n));
		json_object_set_new(done, n, json_true());
	}
	json_object_foreach((json_t *)oa, key, x) {
		if (json_object_get(done, key))
			continue;
		if (!dur_result_outcome_label(key, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "%s", key);
		add_outcome(list, key,
			    strcmp(key, "max_rung") ? "Per crossing and mediator"
						    : "Ladder",
			    buf, x,
			    json_object_get(ob, key));
	}
	json_decref(done);
	return 0;
}

int dur_compare_build(const json_t *ra, const json_t *rb,
		      const struct dur_compare_opts *o, json_t **out,
		      struct dur_error *err)
{
	struct side a, b;
	json_t *c, *probs, *outs, *skipped;
	char why[128], text[600];
	int rc, pair;

	*out = NULL;
	rc = open_side(&a, ra, o->name_a ? o->name_a : "A", o->variant_a, err);
	if (!rc)
		rc = open_side(&b, rb, o->name_b ? o->name_b : "B",
			       o->variant_b, err);
	if (rc)
		return rc;
	c = json_object();
	probs = json_array();
	outs = json_array();
	skipped = json_array();
	if (!c || !probs || !outs || !skipped)
		goto oom;
	rc = outcomes(outs, &a, &b, err);
	if (rc)
		goto fail;
	probabilities(probs, skipped, &a, &b);
	pair = paired(&a, &b, why, sizeof(why));
	if (pair)
		snprintf(text, sizeof(text),
			 "paired: A and B share their runs (same seed, runs, "
			 "start, horizon and starting state), so run i of "
			 "each drew the same random numbers; the intervals "
			 "below do not use that (a result holds no per-run "
			 "values) and treat A and B as independent, which "
			 "with shared runs usually makes them wider than a "
			 "paired interval; for that, run both as what-ifs of "
			 "one run (--what-if) or write --samples");
	else
		snprintf(text, sizeof(text),
			 "not paired: their %s differ, so the runs of A and B "
			 "are independent samples and the intervals below "
			 "treat them so",
			 why);
	json_object_set_new(c, "kind", json_string("compare"));
	json_object_set_new(c, "durand", json_string(DURAND_VERSION));
	json_object_set_new(c, "difference", json_string("B minus A"));
	json_object_set_new(c, "a", side_json(&a));
	json_object_set_new(c, "b", side_json(&b));
	json_object_set_new(c, "paired", json_boolean(pair));
	json_object_set_new(c, "pairing", json_string(text));
	json_object_set_new(
		c, "intervals",
		json_string("a share: Wilson's 95% interval; the difference "
			    "of two shares: Newcombe's hybrid score 95% "
			    "interval (method 10), from the two Wilson "
			    "intervals; the difference of two means: "
			    "+-1.96 times the root of the sum of the squared "
			    "standard errors; medians: the range of 90% of "
			    "each side's runs, their difference without an "
			    "interval"));
	json_object_set_new(c, "probabilities", probs);
	json_object_set_new(c, "outcomes", outs);
	json_object_set_new(c, "not_compared", skipped);
	*out = c;
	return 0;
oom:
	rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
fail:
	json_decref(c);
	json_decref(probs);
	json_decref(outs);
	json_decref(skipped);
	return rc;
}

/* ---- text and CSV --------------------------------------------------- */

/* A figure as the text prints it: whole numbers as they are up to 99,999,
 * then 197.1k, 715.1m, 1.23bn; others to 1 decimal (3 significant digits
 * below 10); "-0" never. */
static const char *fmt(char *buf, size_t len, double v)
{
	double a = fabs(v);

	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (a >= 1e9)
		snprintf(buf, len, "%.2fbn", v / 1e9);
	else if (a >= 1e6)
		snprintf(buf, len, "%.1fm", v / 1e6);
	else if (a >= 1e5)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else if (v == round(v) || a >= 100)
		snprintf(buf, len, "%.0f", v);
	else if (a >= 10)
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.3g", v);
	if (!strcmp(buf, "-0"))
		snprintf(buf, len, "0");
	return buf;
}

static const char *pct(char *buf, size_t len, double p, int sign)
{
	snprintf(buf, len, sign ? "%+.1f" : "%.1f", 100.0 * p);
	if (!strcmp(buf, "-0.0") || !strcmp(buf, "+0.0"))
		snprintf(buf, len, sign ? "0.0" : "0.0");
	return buf;
}

static void side_line(FILE *fp, const char *tag, const json_t *s)
{
	const json_t *st = json_object_get(s, "starting_state");
	const char *var = str(s, "variant", "baseline");
	char b1[32], b2[32], b3[32];

	dur_fprintf_num(fp, "  %s  %s: scenario '%s'", tag, str(s, "file", ""),
		str(s, "scenario", ""));
	if (strcmp(var, "baseline"))
		dur_fprintf_num(fp, ", what-if '%s'", var);
	dur_fprintf_num(fp, " from %s, %s days, %s runs, seed %s", str(s, "start", ""),
		fmt(b1, sizeof(b1), num(s, "days")),
		fmt(b2, sizeof(b2), num(s, "runs")),
		fmt(b3, sizeof(b3), num(s, "seed")));
	if (!strcmp(str(st, "from", ""), "filtered record"))
		dur_fprintf_num(fp, "; starting state filtered through '%s' "
			    "(%s facts)",
			str(st, "record", ""),
			fmt(b2, sizeof(b2), num(st, "facts_used")));
	else
		dur_fprintf_num(fp, "; starting state: the scenario's");
	dur_fprintf_num(fp, "\n");
}

/* A column of w display characters (labels are ASCII; "−" is not used). */
static void col(FILE *fp, const char *s, int w)
{
	dur_fprintf_num(fp, "%-*s ", w - 1, s);
}

/* A difference: its sign always shown, except on zero. */
static const char *sfmt(char *buf, size_t len, double v)
{
	size_t at = 0;

	if (v > 0 && len > 1) {
		buf[0] = '+';
		at = 1;
	}
	fmt(buf + at, len - at, v);
	if (!strcmp(buf, "+0"))
		snprintf(buf, len, "0");
	return buf;
}

int dur_compare_write_text(const json_t *c, FILE *fp, struct dur_error *err)
{
	const json_t *probs = json_object_get(c, "probabilities");
	const json_t *outs = json_object_get(c, "outcomes");
	const json_t *skipped = json_object_get(c, "not_compared");
	const char *group = "";
	char cell[96], x[32], y[32], z[32];

	dur_fprintf_num(fp, "Two results side by side; the difference is B minus A\n");
	side_line(fp, "A", json_object_get(c, "a"));
	side_line(fp, "B", json_object_get(c, "b"));
	dur_fprintf_num(fp, "%s.\n", str(c, "pairing", ""));
	if (num(json_object_get(c, "a"), "days") !=
		    num(json_object_get(c, "b"), "days"))
		dur_fprintf_num(fp, "The horizons differ: each side's totals and "
			    "probabilities are over its own days.\n");

	dur_fprintf_num(fp, "\n%-46s %-25s %-25s %s\n", "Probability (% of runs)",
		"A [95% interval]", "B [95% interval]",
		"B - A, points [95% interval]");
	for (size_t i = 0; i < json_array_size(probs); i++) {
		const json_t *p = json_array_get(probs, i);
		const json_t *a = json_object_get(p, "a");
		const json_t *b = json_object_get(p, "b");
		const json_t *d = json_object_get(p, "difference");

		dur_fprintf_num(fp, "  ");
		col(fp, str(p, "label", ""), 45);
		snprintf(cell, sizeof(cell), "%s [%s, %s]",
			 pct(x, sizeof(x), num(a, "p"), 0),
			 pct(y, sizeof(y), num(a, "lo"), 0),
			 pct(z, sizeof(z), num(a, "hi"), 0));
		col(fp, cell, 26);
		snprintf(cell, sizeof(cell), "%s [%s, %s]",
			 pct(x, sizeof(x), num(b, "p"), 0),
			 pct(y, sizeof(y), num(b, "lo"), 0),
			 pct(z, sizeof(z), num(b, "hi"), 0));
		col(fp, cell, 26);
		dur_fprintf_num(fp, "%s [%s, %s]\n", pct(x, sizeof(x), num(d, "d"), 1),
			pct(y, sizeof(y), num(d, "lo"), 1),
			pct(z, sizeof(z), num(d, "hi"), 1));
	}
	for (size_t i = 0; i < json_array_size(skipped); i++)
		dur_fprintf_num(fp, "  not compared: %s\n",
			json_string_value(json_array_get(skipped, i)));

	dur_fprintf_num(fp, "\n%-38s %-25s %-25s %-9s %s\n",
		"Outcome over the horizon", "A median [90% of runs]",
		"B median [90% of runs]", "B - A", "B - A, means [95% interval]");
	dur_fprintf_num(fp, "%-38s %-25s %-25s %s\n", "", "", "", "medians");
	for (size_t i = 0; i < json_array_size(outs); i++) {
		const json_t *o = json_array_get(outs, i);
		const json_t *a = json_object_get(o, "a");
		const json_t *b = json_object_get(o, "b");
		const json_t *d = json_object_get(o, "mean_difference");
		const char *g = str(o, "group", "");

		if (strcmp(g, group)) {
			dur_fprintf_num(fp, "%s\n", g);
			group = g;
		}
		dur_fprintf_num(fp, "  ");
		col(fp, str(o, "label", ""), 37);
		snprintf(cell, sizeof(cell), "%s [%s, %s]",
			 fmt(x, sizeof(x), num(a, "q50")),
			 fmt(y, sizeof(y), num(a, "q05")),
			 fmt(z, sizeof(z), num(a, "q95")));
		col(fp, cell, 26);
		snprintf(cell, sizeof(cell), "%s [%s, %s]",
			 fmt(x, sizeof(x), num(b, "q50")),
			 fmt(y, sizeof(y), num(b, "q05")),
			 fmt(z, sizeof(z), num(b, "q95")));
		col(fp, cell, 26);
		col(fp, sfmt(x, sizeof(x), num(o, "median_difference")), 10);
		dur_fprintf_num(fp, "%s [%s, %s]\n", sfmt(x, sizeof(x), num(d, "d")),
			sfmt(y, sizeof(y), num(d, "lo")),
			sfmt(z, sizeof(z), num(d, "hi")));
	}
	dur_fprintf_num(fp, "\nIntervals: %s.\n", str(c, "intervals", ""));
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the comparison");
	return 0;
}

/* A CSV field: always quoted, with quotes doubled (libcsv's). */
static void csv_str(FILE *fp, const char *s)
{
	csv_fwrite(fp, s, strlen(s));
}

static void csv_num(FILE *fp, double v)
{
	if (isfinite(v) && v == round(v) && fabs(v) < 1e15)
		dur_fprintf_num(fp, ",%.0f", v == 0 ? 0.0 : v);
	else if (isfinite(v))
		dur_fprintf_num(fp, ",%.6g", v);
	else
		dur_fprintf_num(fp, ",");
}

static void csv_row(FILE *fp, const char *measure, const json_t *o,
		    const double v[9])
{
	dur_fprintf_num(fp, "%s,", measure);
	csv_str(fp, str(o, "name", ""));
	fputc(',', fp);
	csv_str(fp, str(o, "label", ""));
	for (int k = 0; k < 9; k++)
		csv_num(fp, v[k]);
	fputc('\n', fp);
}

int dur_compare_write_csv(const json_t *c, FILE *fp, struct dur_error *err)
{
	const json_t *probs = json_object_get(c, "probabilities");
	const json_t *outs = json_object_get(c, "outcomes");

	dur_fprintf_num(fp, "measure,name,label,a,a_lo,a_hi,b,b_lo,b_hi,difference,"
		    "difference_lo,difference_hi\n");
	for (size_t i = 0; i < json_array_size(probs); i++) {
		const json_t *p = json_array_get(probs, i);
		const json_t *a = json_object_get(p, "a");
		const json_t *b = json_object_get(p, "b");
		const json_t *d = json_object_get(p, "difference");
		double v[9] = { num(a, "p"),  num(a, "lo"), num(a, "hi"),
				num(b, "p"),  num(b, "lo"), num(b, "hi"),
				num(d, "d"),  num(d, "lo"), num(d, "hi") };

		csv_row(fp, "probability", p, v);
	}
	for (size_t i = 0; i < json_array_size(outs); i++) {
		const json_t *o = json_array_get(outs, i);
		const json_t *a = json_object_get(o, "a");
		const json_t *b = json_object_get(o, "b");
		const json_t *d = json_object_get(o, "mean_difference");
		double sa = Z95 * num(a, "se"), sb = Z95 * num(b, "se");
		double med[9] = { num(a, "q50"), num(a, "q05"), num(a, "q95"),
				  num(b, "q50"), num(b, "q05"), num(b, "q95"),
				  num(o, "median_difference"), NAN, NAN };
		double mean[9] = { num(a, "mean"), num(a, "mean") - sa,
				   num(a, "mean") + sa, num(b, "mean"),
				   num(b, "mean") - sb, num(b, "mean") + sb,
				   num(d, "d"), num(d, "lo"), num(d, "hi") };

		csv_row(fp, "median", o, med);
		csv_row(fp, "mean", o, mean);
	}
	if (ferror(fp))
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write the comparison");
	return 0;
}
