/*
 * test_scenario.c: every class of scenario error, reported with the exact
 * line and column of the offending text, all of them in one pass; and the
 * parameter paths that interventions and calibration use.
 *
 * Each bad scenario is the built-in afpak text with one defect put in by
 * text substitution; the expected position is computed from where the
 * defect was put, so the tests follow any edit of afpak.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "durand/scenario.h"
#include "durand/sim.h"
#include "testutil.h"

/* Offset of the first `b` at or after the first `a` (of `a` if b is NULL). */
static size_t find(const char *text, const char *a, const char *b)
{
	const char *p = strstr(text, a);

	if (!p)
		fail_msg("no '%s' in afpak", a);
	if (b) {
		p = strstr(p, b);
		if (!p)
			fail_msg("no '%s' after '%s' in afpak", b, a);
	}
	return (size_t)(p - text);
}

/* Length of the plain scalar at p (up to ',', '}', ']' or end of line). */
static size_t token(const char *p)
{
	return strcspn(p, ",}]\n");
}

/* A new text: text with [at, at + len) replaced by repl. */
static char *subst(const char *text, size_t at, size_t len, const char *repl)
{
	size_t n = strlen(text), r = strlen(repl);
	char *s = malloc(n - len + r + 1);

	assert_non_null(s);
	memcpy(s, text, at);
	memcpy(s + at, repl, r);
	memcpy(s + at + r, text + at + len, n - at - len + 1);
	return s;
}

/* Replace, freeing the old text. */
static char *subst_free(char *text, size_t at, size_t len, const char *repl)
{
	char *s = subst(text, at, len, repl);

	free(text);
	return s;
}

/* 1-based line and column (in characters) of offset `at`. */
static void position(const char *text, size_t at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/* The offset of the only occurrence of needle in text. */
static size_t only(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);

	assert_non_null(p);
	assert_null(strstr(p + 1, needle));
	return (size_t)(p - text);
}

static struct dur_scenario sc;

/* Parse text and expect exactly one problem, at `at`, with this code and
 * message. */
static void expect_one(const char *text, size_t at, int code, const char *msg)
{
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	int line, col;

	position(text, at, &line, &col);
	assert_int_equal(dur_scenario_parse(&sc, text, strlen(text),
					    "bad.yaml", &diag, &err),
			 code);
	for (size_t i = 0; diag.n != 1 && i < diag.n; i++)
		print_message("  %d:%d: %s\n", diag.v[i].line, diag.v[i].col,
			      diag.v[i].msg);
	assert_int_equal(diag.n, 1);
	assert_int_equal(err.code, code);
	assert_string_equal(err.file, "bad.yaml");
	assert_string_equal(err.msg, msg);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_int_equal(diag.v[0].line, line);
	assert_int_equal(diag.v[0].col, col);
	assert_string_equal(diag.v[0].msg, msg);
	dur_diag_release(&diag);
}

static const char *afpak(void)
{
	const char *t = dur_scenario_builtin_text("afpak");

	assert_non_null(t);
	return t;
}

static void test_afpak_parses(void **state)
{
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_scenario_parse(&sc, afpak(), strlen(afpak()),
					    "afpak", &diag, &err),
			 0);
	assert_int_equal(diag.n, 0);
	assert_string_equal(sc.name, "afpak");
	assert_true(sc.model.nrungs >= 2);
	assert_int_equal(dur_scenario_open(&sc, "afpak", NULL, &err), 0);
}

/* create opens like open into a new scenario, or leaves *out NULL with the
 * error; dup is an equal copy; free takes NULL. */
static void test_create_dup_free(void **state)
{
	struct dur_scenario *made = NULL, *copy;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_scenario_create("afpak-2021", NULL, &made, &err), 0);
	assert_non_null(made);
	assert_string_equal(made->name, "afpak-2021");
	copy = dur_scenario_dup(made);
	assert_non_null(copy);
	assert_memory_equal(copy, made, sizeof(*made));
	dur_scenario_free(copy);
	dur_scenario_free(made);
	made = (struct dur_scenario *)&err; /* must be reset */
	assert_int_equal(dur_scenario_create("no/such/file.yaml", NULL, &made,
					     &err),
			 DUR_ENOTFOUND);
	assert_int_equal(err.code, DUR_ENOTFOUND);
	assert_null(made);
	assert_non_null(strstr(err.file, "no/such/file.yaml"));
	dur_scenario_free(NULL);
}

static void test_unknown_key(void **state)
{
	size_t at = find(afpak(), "\nstate:\n", NULL) + strlen("\nstate:\n");
	char *t = subst(afpak(), at, 0, "  capacityy: 1.0\n");

	(void)state;
	expect_one(t, at + 2, DUR_EPARSE,
		   "unknown key 'capacityy' in 'state' (expected one of: "
		   "capacity, sanctuary, grievance, rung, enforcement, "
		   "resentment, trust, ceasefire, fence, closed, excitation, "
		   "crisis, campaign, source)");
	free(t);
}

static void test_wrong_type(void **state)
{
	size_t at = find(afpak(), "\ndays: ", NULL) + strlen("\ndays: ");
	char *t = subst(afpak(), at, token(afpak() + at), "many");

	(void)state;
	expect_one(t, at, DUR_EINVAL, "days: expected a number, got 'many'");
	free(t);
	/* a quoted number is a string; the position is the opening quote */
	t = subst(afpak(), at, token(afpak() + at), "\"180\"");
	expect_one(t, at, DUR_EINVAL, "days: expected a number, got a string");
	free(t);
	/* a sequence where a number belongs */
	at = find(afpak(), "\nstate:", "\n  trust: ") + strlen("\n  trust: ");
	t = subst(afpak(), at, token(afpak() + at), "[0.2, 0.3]");
	expect_one(t, at + 1, DUR_EPARSE, "expected a number, got a sequence");
	free(t);
}

static void test_missing_field(void **state)
{
	size_t at = find(afpak(), "{id: kharlachi, ", NULL);
	size_t from = at + strlen("{id: kharlachi, ");
	const char *p = afpak() + from;
	char *t;

	(void)state;
	assert_true(!strncmp(p, "trade_usd_per_day: ", 19));
	t = subst(afpak(), from, (size_t)(strstr(p, ", ") + 2 - p), "");
	/* a mapping's position is that of its first key */
	expect_one(t, at + 1, DUR_EPARSE,
		   "missing key 'trade_usd_per_day' in 'crossings'");
	free(t);
}

static void test_out_of_range(void **state)
{
	size_t at = find(afpak(), "afg.erosion: {value: ", NULL) +
		    strlen("afg.erosion: {value: ");
	char *t = subst(afpak(), at, token(afpak() + at), "1.5");

	(void)state;
	expect_one(t, at, DUR_EINVAL,
		   "afg.erosion: expected a value from 0 to 1, got 1.5");
	free(t);
	at = find(afpak(), "\nstate:", "\n  sanctuary: ") +
	     strlen("\n  sanctuary: ");
	t = subst(afpak(), at, token(afpak() + at), "-0.125");
	expect_one(t, at, DUR_EINVAL,
		   "sanctuary: expected a value from 0 to 1, got -0.125");
	free(t);
}

static void test_non_finite(void **state)
{
	static const char *const bad[] = { ".nan", ".NaN", "nan", "1e999",
					   "-1e999", ".inf", "-.inf", "+.Inf" };
	size_t at = find(afpak(), "clash.mu: {value: ", NULL) +
		    strlen("clash.mu: {value: ");

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *t = subst(afpak(), at, token(afpak() + at), bad[i]);
		char msg[128];

		snprintf(msg, sizeof(msg),
			 "clash.mu: expected a finite number, got '%s'",
			 bad[i]);
		expect_one(t, at, DUR_EINVAL, msg);
		free(t);
	}
}

static void test_impossible_date(void **state)
{
	size_t at = find(afpak(), "{id: border_fence", "start: ") +
		    strlen("start: ");
	char *t = subst(afpak(), at, token(afpak() + at), "2026-02-30");

	(void)state;
	expect_one(t, at, DUR_EINVAL,
		   "start: no such day in the calendar, got '2026-02-30'");
	free(t);
	at = find(afpak(), "\nstart: ", NULL) + strlen("\nstart: ");
	t = subst(afpak(), at, token(afpak() + at), "2023-02-29");
	expect_one(t, at, DUR_EINVAL,
		   "start: no such day in the calendar, got '2023-02-29'");
	free(t);
}

static void test_dangling_references(void **state)
{
	size_t at = find(afpak(), "{actor: saudi_arabia", NULL) +
		    strlen("{actor: ");
	char *t = subst(afpak(), at, strlen("saudi_arabia"), "saudi_arbia");

	(void)state;
	expect_one(t, at, DUR_ENOTFOUND,
		   "actor: no actor 'saudi_arbia' in 'actors'");
	free(t);
	at = find(afpak(), "\nstate:", "chaman");
	t = subst(afpak(), at, strlen("chaman"), "chamann");
	expect_one(t, at, DUR_ENOTFOUND,
		   "closed: no crossing 'chamann' in 'crossings'");
	free(t);
	at = find(afpak(), "open: [", "chaman");
	t = subst(afpak(), at, strlen("chaman"), "chamman");
	expect_one(t, at, DUR_ENOTFOUND,
		   "open: no crossing 'chamman' in 'crossings'");
	free(t);
	at = find(afpak(), "\nstate:", "\n  rung: ") + strlen("\n  rung: ");
	t = subst(afpak(), at, token(afpak() + at), "coersion");
	expect_one(t, at, DUR_ENOTFOUND, "rung: no rung 'coersion' in 'ladder'");
	free(t);
}

static void test_alias(void **state)
{
	size_t a = find(afpak(), "ttp.mu: {value: ", NULL) +
		   strlen("ttp.mu: {value: ");
	char *t = subst(afpak(), a, 0, "&mu ");
	size_t at;

	(void)state;
	at = find(t, "clash.mu: {value: ", NULL) + strlen("clash.mu: {value: ");
	t = subst_free(t, at, token(t + at), "*mu");
	expect_one(t, at, DUR_EPARSE, "aliases are not allowed in scenarios");
	free(t);
}

static void test_all_errors_reported(void **state)
{
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	char *t = strdup(afpak());
	size_t at;
	int line, col;
	struct {
		const char *needle;
		size_t skip;
		const char *msg;
	} want[3] = {
		{ "\ndays: many", 7, "days: expected a number, got 'many'" },
		{ "saudi_arbia", 0, "actor: no actor 'saudi_arbia' in 'actors'" },
		{ "chamann", 0, "closed: no crossing 'chamann' in 'crossings'" },
	};

	(void)state;
	at = find(t, "\ndays: ", NULL) + strlen("\ndays: ");
	t = subst_free(t, at, token(t + at), "many");
	at = find(t, "{actor: saudi_arabia", NULL) + strlen("{actor: ");
	t = subst_free(t, at, strlen("saudi_arabia"), "saudi_arbia");
	at = find(t, "\nstate:", "chaman");
	t = subst_free(t, at, strlen("chaman"), "chamann");
	assert_int_equal(dur_scenario_parse(&sc, t, strlen(t), "bad.yaml",
					    &diag, &err),
			 DUR_EINVAL);
	assert_int_equal(diag.n, 3);
	for (int i = 0; i < 3; i++) {
		position(t, only(t, want[i].needle) + want[i].skip, &line,
			 &col);
		assert_int_equal(diag.v[i].line, line);
		assert_int_equal(diag.v[i].col, col);
		assert_string_equal(diag.v[i].msg, want[i].msg);
	}
	/* err is the first of them */
	assert_string_equal(err.msg, want[0].msg);
	assert_int_equal(err.line, diag.v[0].line);
	dur_diag_release(&diag);
	free(t);
}

/* A line of 3,000 unknown keys is one entry, counting the rest, and the
 * next bad line has its own. */
static void test_one_line_one_entry(void **state)
{
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	size_t at = find(afpak(), "\n  ttp.growth: {", NULL) +
		    strlen("\n  ttp.growth: {");
	char *keys = malloc(3000 * 16), *t;
	size_t l = 0;

	(void)state;
	for (int i = 0; i < 3000; i++)
		l += (size_t)sprintf(keys + l, "k%d: 1, ", i);
	t = subst(afpak(), at, 0, keys);
	at = find(t, "\ndays: ", NULL) + strlen("\ndays: ");
	t = subst_free(t, at, token(t + at), "many");
	assert_int_equal(dur_scenario_parse(&sc, t, strlen(t), "bad.yaml",
					    &diag, &err),
			 DUR_EINVAL);
	assert_int_equal(diag.n, 2);
	assert_string_equal(diag.v[0].msg, "days: expected a number, got "
					   "'many'");
	assert_non_null(strstr(diag.v[1].msg, "unknown key 'k0' in "
					      "'ttp.growth'"));
	assert_non_null(strstr(diag.v[1].msg, "(and 2999 more on this "
					      "line)"));
	dur_diag_release(&diag);
	free(keys);
	free(t);
}

static void test_unknown_parameter_suggests(void **state)
{
	size_t at = find(afpak(), "\n  ttp.growth:", NULL) + 3;
	char *t = subst(afpak(), at, strlen("ttp.growth"), "ttp.grwoth");
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	int line, col;

	(void)state;
	assert_int_equal(dur_scenario_parse(&sc, t, strlen(t), "bad.yaml",
					    &diag, &err),
			 DUR_EPARSE);
	assert_int_equal(diag.n, 2);
	position(t, at, &line, &col);
	assert_int_equal(diag.v[0].line, line);
	assert_int_equal(diag.v[0].col, col);
	{
		const char *want = "unknown parameter 'ttp.grwoth' in 'params' "
				   "(nearest: 'ttp.growth'";

		assert_true(!strncmp(diag.v[0].msg, want, strlen(want)));
	}
	assert_string_equal(diag.v[1].msg,
			    "missing parameter 'ttp.growth' in 'params'");
	dur_diag_release(&diag);
	free(t);
}

static void test_param_paths(void **state)
{
	struct dur_model m;
	int strikes, haq = -1, china = -1, torkham = -1, kabul = -1;
	char buf[256];
	size_t off;

	(void)state;
	assert_int_equal(dur_scenario_parse(&sc, afpak(), strlen(afpak()),
					    "afpak", NULL, NULL),
			 0);
	strikes = afpak_rung(&sc, "strikes");
	for (int i = 0; i < sc.model.nfactions; i++)
		if (!strcmp(sc.model.faction[i].name, "haqqani"))
			haq = i;
	for (int i = 0; i < sc.model.nmediators; i++)
		if (!strcmp(sc.actor[sc.model.mediator[i].actor].name, "china"))
			china = i;
	for (int i = 0; i < sc.model.ncrossings; i++)
		if (!strcmp(sc.model.crossing[i].name, "torkham"))
			torkham = i;
	for (int i = 0; i < sc.model.nregions; i++)
		if (!strcmp(sc.model.region[i].name, "kabul"))
			kabul = i;
	assert_true(haq >= 0 && china >= 0 && torkham >= 0 && kabul >= 0);

	m = sc.model;
	*dur_model_at(&m, dur_scenario_param_find(&sc, "ttp.mu")) = 0.731;
	assert_true(m.p.ttp_mu == 0.731);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "ladder.strikes.rate.strike")) = 0.0173;
	assert_true(m.rung[strikes].rate[DUR_ACT_STRIKE] == 0.0173);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "ladder.strikes.per_attack.strike")) = 0.029;
	assert_true(m.rung[strikes].per_attack[DUR_ACT_STRIKE] == 0.029);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "ladder.strikes.threshold")) = 123.5;
	assert_true(m.rung[strikes].threshold == 123.5);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "faction.haqqani.affinity")) = 0.385;
	assert_true(m.faction[haq].affinity == 0.385);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "mediator.china.leverage")) = 0.615;
	assert_true(m.mediator[china].leverage == 0.615);
	*dur_model_at(&m, dur_scenario_param_find(
				  &sc, "crossing.torkham.trade_usd_per_day")) = 2385;
	assert_true(m.crossing[torkham].trade_usd_per_day == 2385);
	*dur_model_at(&m, dur_scenario_param_find(&sc, "region.kabul.share")) =
		0.655;
	assert_true(m.region[kabul].share == 0.655);
	off = dur_scenario_param_find(&sc, "cbm.joint_border_mechanism.on");
	assert_true(off != (size_t)-1);
	*dur_model_at(&m, off) = 1;
	assert_true(m.cbm[0].on == 1);

	assert_true(dur_scenario_param_find(&sc, "ttp.mux") == (size_t)-1);
	assert_true(dur_scenario_param_find(&sc, "ladder.nope.rate.strike") ==
		    (size_t)-1);
	assert_true(dur_scenario_param_find(&sc, "") == (size_t)-1);

	/* every listed path resolves, each to its own number */
	{
		size_t seen[2048];
		int n = 0;

		while (dur_scenario_param_path(&sc, n, buf, sizeof(buf))) {
			off = dur_scenario_param_find(&sc, buf);
			assert_true(off != (size_t)-1);
			assert_true(off + sizeof(double) <= sizeof(struct dur_model));
			for (int k = 0; k < n; k++)
				if (seen[k] == off)
					fail_msg("'%s' shares an offset", buf);
			assert_true(n < 2048);
			seen[n++] = off;
		}
		assert_true(n > 90);
	}

	/* suggestions name the nearest path first */
	dur_scenario_param_suggest(&sc, "ttp.mux", buf, sizeof(buf));
	assert_true(!strncmp(buf, "'ttp.mu'", 8));
	dur_scenario_param_suggest(&sc, "afg.erosoin", buf, sizeof(buf));
	assert_true(!strncmp(buf, "'afg.erosion'", 13));
	dur_scenario_param_suggest(&sc, "mediator.chna.leverage", buf,
				   sizeof(buf));
	assert_true(!strncmp(buf, "'mediator.china.leverage'", 25));
}

static void test_missing_file(void **state)
{
	struct dur_error err = { 0 };
	struct dur_diag diag = { 0 };

	(void)state;
	assert_int_equal(dur_scenario_load(&sc, "/nonexistent/x.yaml", &diag,
					   &err),
			 DUR_ENOTFOUND);
	assert_string_equal(err.file, "/nonexistent/x.yaml");
	assert_int_equal(diag.n, 1);
	dur_diag_release(&diag);
	/* regression (fuzz_scenario): blanks and comments gave a bare
	 * "invalid YAML" */
	{
		static const char *const empty[] = { "", "\n", "# c\n",
						     "  \n\n" };

		for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
			assert_int_equal(dur_scenario_parse(&sc, empty[i],
							    strlen(empty[i]),
							    "empty.yaml", NULL,
							    &err),
					 DUR_EPARSE);
			assert_string_equal(err.msg,
					    "the scenario is empty: no YAML "
					    "document in it");
		}
	}
}

/* A YAML syntax error is reported where libfyaml found it, not as a bare
 * "invalid YAML" (regression: errors were not collected). */
static void test_yaml_syntax(void **state)
{
	size_t at = find(afpak(), "name: ", NULL) + strlen("name: ");
	char *t = subst(afpak(), at, 0, "\"");

	(void)state;
	/* the unterminated quote swallows the rest: the error is at its end
	 * or at the quote; either way it has a line and says why */
	{
		struct dur_error err = { 0 };

		assert_int_equal(dur_scenario_parse(&sc, t, strlen(t),
						    "bad.yaml", NULL, &err),
				 DUR_EPARSE);
		assert_true(err.line > 0);
		assert_non_null(strstr(err.msg, "invalid YAML: "));
		assert_true(strlen(err.msg) > strlen("invalid YAML: "));
	}
	free(t);
	expect_one("a: [1, 2\n", 9, DUR_EPARSE,
		   "invalid YAML: flow sequence without a closing bracket");
}

/* A file in Latin-1 is named as such, at its first bad byte. */
static void test_not_utf8(void **state)
{
	size_t at = find(afpak(), "description: ", NULL) +
		    strlen("description: ");
	char *t = subst(afpak(), at, 0, "Pe\xF1" "a ");

	(void)state;
	expect_one(t, at + 2, DUR_EPARSE,
		   "not UTF-8 text (byte 0xF1); save the file as UTF-8");
	free(t);
}

/* A YAML bomb: deep nesting stops at libfyaml's 64 levels; an alias
 * "billion laughs" is never expanded (aliases are refused), so both end
 * at once with an error. */
static void test_yaml_bomb(void **state)
{
	size_t n = 100000;
	char *t = malloc(2 * n + 2);
	struct dur_error err = { 0 };
	char laughs[2048] = "name: x\nsource: &a [lol, lol, lol, lol, lol]\n";

	(void)state;
	assert_non_null(t);
	memset(t, '[', n);
	memset(t + n, ']', n);
	t[2 * n] = '\n';
	t[2 * n + 1] = 0;
	assert_int_equal(dur_scenario_parse(&sc, t, 2 * n + 1, "deep.yaml",
					    NULL, &err),
			 DUR_EPARSE);
	assert_string_equal(err.msg, "invalid YAML: Max depth (64) exceeded");
	assert_int_equal(err.line, 1);
	free(t);
	for (char k = 'b', prev = 'a'; k <= 'j'; prev = k++) {
		size_t l = strlen(laughs);

		l += (size_t)snprintf(laughs + l, sizeof(laughs) - l,
				      "%c: &%c [", k, k);
		for (int i = 0; i < 10; i++)
			l += (size_t)snprintf(laughs + l, sizeof(laughs) - l,
					      "%s*%c", i ? ", " : "", prev);
		snprintf(laughs + l, sizeof(laughs) - l, "]\n");
	}
	strcat(laughs, "description: *j\n");
	assert_true(dur_scenario_parse(&sc, laughs, strlen(laughs),
				       "laughs.yaml", NULL, &err) != 0);
}

/* Thousands of actors (after afpak's eight): one DUR_ELIMIT error at the
 * first one too many. */
static void test_too_many_actors(void **state)
{
	size_t at = find(afpak(), "actors:\n", "role: other}\n") +
		    strlen("role: other}\n");
	size_t cap = 3000 * 40, used = 0;
	char *many = malloc(cap), *t;
	char want[160];

	(void)state;
	assert_non_null(many);
	for (int i = 0; i < 3000; i++)
		used += (size_t)snprintf(many + used, cap - used,
					 "  - {id: extra%d, role: other}\n", i);
	t = subst(afpak(), at, 0, many);
	snprintf(want, sizeof(want),
		 "more than %d actors, the most a scenario may have; give "
		 "minor actors role 'other' in one entry",
		 DUR_MAX_ACTORS);
	expect_one(t, at + only(many, "  - {id: extra24,") + 5, DUR_ELIMIT,
		   want);
	free(many);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_afpak_parses),
		cmocka_unit_test(test_create_dup_free),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_non_finite),
		cmocka_unit_test(test_impossible_date),
		cmocka_unit_test(test_dangling_references),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_one_line_one_entry),
		cmocka_unit_test(test_unknown_parameter_suggests),
		cmocka_unit_test(test_param_paths),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_yaml_syntax),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_yaml_bomb),
		cmocka_unit_test(test_too_many_actors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
