/*
 * test_scenario_base.c: scenarios that name a `base:`. The merge rules
 * (mappings key by key, null removes, sequences and scalars replaced, the
 * named records of interventions and targets merged by name), bases that
 * are files found relative to the file that names them, bases of bases,
 * cycles refused, problems named at the base's or the child's file and
 * line, the flattened text parsing to the same scenario, and the parts
 * with their SHA-256s.
 *
 * Files are written under a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "durand/scenario.h"
#include "durand/sha256.h"
#include "testutil.h"

static char dir[] = "/tmp/durand-test-base-XXXXXX";

/* Write text to dir/name; the path into path. */
static void put(const char *name, const char *text, char *path, size_t len)
{
	FILE *fp;

	snprintf(path, len, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static double param(const struct dur_scenario *sc, const char *path)
{
	size_t off = dur_scenario_param_find(sc, path);

	assert_true(off != (size_t)-1);
	return *dur_model_at((struct dur_model *)&sc->model, off);
}

static struct dur_scenario *load_ok(const char *path)
{
	struct dur_scenario *sc = NULL;
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	int rc = dur_scenario_create(path, &diag, &sc, &err);

	if (rc)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	assert_int_equal(diag.n, 0);
	dur_diag_release(&diag);
	return sc;
}

/* The one problem of path: its code, file, line and message part. */
static void load_bad(const char *path, int code, const char *file, int line,
		     const char *msg)
{
	struct dur_scenario *sc = NULL;
	struct dur_error err = { 0 };

	assert_int_equal(dur_scenario_create(path, NULL, &sc, &err), code);
	assert_null(sc);
	assert_string_equal(err.file, file);
	assert_int_equal(err.line, line);
	if (!strstr(err.msg, msg))
		fail_msg("'%s' does not say '%s'", err.msg, msg);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* Each rule on the built-in afpak as base. */
static void test_merge_rules(void **state)
{
	struct dur_scenario *base = afpak_load(), *sc;
	char path[256];
	int i, r;

	(void)state;
	put("rules.yaml",
	    "name: rules\n"
	    "base: afpak\n"
	    "days: 90\n"                                  /* scalar */
	    "params:\n"
	    "  ttp.mu: {value: 2.385}\n"                  /* key by key */
	    "factions: [{id: haqqani, weight: 0.7, affinity: 0.5},\n" /* replaced */
	    "           {id: kandahar, weight: 0.3, affinity: 0.5}]\n"
	    "targets: ~\n"                                /* removed */
	    "interventions:\n"                            /* by name */
	    "  - {name: monitoring, description: changed, changes: [{set: "
	    "{afg.base: 1.5}}]}\n"
	    "  - {name: brand_new, changes: [{state: {ceasefire: 0}}]}\n",
	    path, sizeof(path));
	sc = load_ok(path);
	assert_string_equal(sc->name, "rules");
	assert_string_equal(sc->description, base->description);
	assert_int_equal(sc->start, base->start);
	assert_int_equal(sc->days, 90);
	assert_true(param(sc, "ttp.mu") == 2.385);
	/* the value changed, the range kept from the base */
	r = dur_scenario_range_find(sc, "ttp.mu");
	assert_true(r >= 0);
	i = dur_scenario_range_find(base, "ttp.mu");
	assert_true(i >= 0);
	assert_true(sc->range[r].lo == base->range[i].lo &&
		    sc->range[r].hi == base->range[i].hi);
	assert_true(param(sc, "ttp.sanctuary_floor") ==
		    param(base, "ttp.sanctuary_floor"));
	assert_int_equal(sc->model.nfactions, 2);
	assert_string_equal(sc->model.faction[0].name, "haqqani");
	assert_true(sc->model.faction[0].weight == 0.7);
	assert_int_equal(sc->ntargets, 0);
	assert_int_equal(sc->ninterventions, base->ninterventions + 1);
	i = dur_scenario_intervention_find(sc, "monitoring");
	assert_int_equal(i, dur_scenario_intervention_find(base, "monitoring"));
	assert_string_equal(sc->intervention[i].description, "changed");
	assert_int_equal(dur_scenario_intervention_find(sc, "brand_new"),
			 base->ninterventions);
	assert_int_equal(dur_scenario_intervention_find(sc, "joint_mechanism"),
			 0);
	dur_scenario_free(sc);
	dur_scenario_free(base);
}

/* A child that changes nothing but its name is its base renamed; its
 * flattened text parses to the very same scenario. */
static void test_same_as_base_and_flattened(void **state)
{
	struct dur_scenario *base = NULL, *sc, flat;
	struct dur_error err = { 0 };
	char path[256], *text;

	(void)state;
	/* afpak as shipped, its parameter ensemble included */
	assert_int_equal(dur_scenario_create("afpak", NULL, &base, &err), 0);
	put("same.yaml", "name: afpak\nbase: afpak\n", path, sizeof(path));
	sc = load_ok(path);
	assert_memory_equal(sc, base, sizeof(*sc));
	dur_scenario_free(sc);

	put("flat.yaml",
	    "name: flat\nbase: afpak\nparams: {ttp.mu: {value: 2.385}}\n"
	    "interventions: [{name: monitoring, changes: [{set: {afg.base: "
	    "1.5}}]}]\n",
	    path, sizeof(path));
	sc = load_ok(path);
	text = dur_scenario_text(path, &err);
	assert_non_null(text);
	assert_null(strstr(text, "\nbase:"));
	assert_int_equal(dur_scenario_parse(&flat, text, strlen(text), "flat",
					    NULL, &err),
			 0);
	assert_memory_equal(&flat, sc, sizeof(flat));
	free(text);
	dur_scenario_free(sc);
	dur_scenario_free(base);
}

/* Bases of bases, found relative to the file naming them; the parts with
 * their SHA-256s; a problem in the base is named at the base's line, one
 * in the child at the child's. */
static void test_chain_and_positions(void **state)
{
	static const char mid[] = "name: mid\n"
				  "base: afpak\n"
				  "days: 120\n"
				  "params:\n"
				  "  ttp.mu: {value: 1.5}\n";
	static const char child[] = "name: child\n"
				    "base: ../mid.yaml\n"
				    "params:\n"
				    "  ttp.growth: {value: 0.002}\n";
	struct dur_scenario_part part[DUR_MAX_BASES + 1];
	struct dur_error err = { 0 };
	struct dur_scenario *sc;
	char mpath[256], cpath[256], sub[256], hex[65];
	int n;

	(void)state;
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	put("mid.yaml", mid, mpath, sizeof(mpath));
	put("sub/child.yaml", child, cpath, sizeof(cpath));
	sc = load_ok(cpath);
	assert_string_equal(sc->name, "child");
	assert_int_equal(sc->days, 120);
	assert_true(param(sc, "ttp.mu") == 1.5);
	assert_true(param(sc, "ttp.growth") == 0.002);
	dur_scenario_free(sc);

	assert_int_equal(dur_scenario_parts(cpath, part, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(part[0].file, cpath);
	dur_sha256_hex(child, strlen(child), hex);
	assert_string_equal(part[0].sha256, hex);
	assert_string_equal(part[1].file, strcat(strcpy(mpath, sub),
						 "/../mid.yaml"));
	dur_sha256_hex(mid, strlen(mid), hex);
	assert_string_equal(part[1].sha256, hex);
	assert_string_equal(part[2].file, "");
	assert_string_equal(part[2].builtin, "afpak");
	dur_sha256_hex(dur_scenario_builtin_text("afpak"),
		       strlen(dur_scenario_builtin_text("afpak")), hex);
	assert_string_equal(part[2].sha256, hex);

	/* a wrong number in the base, at its line 5 */
	put("mid.yaml",
	    "name: mid\nbase: afpak\ndays: 120\nparams:\n"
	    "  ttp.mu: {value: -3}\n",
	    mpath, sizeof(mpath));
	load_bad(cpath, DUR_EINVAL, part[1].file, 5, "ttp.mu");
	/* and one in the child, at its line 4 */
	put("mid.yaml", mid, mpath, sizeof(mpath));
	put("sub/child.yaml",
	    "name: child\nbase: ../mid.yaml\nparams:\n"
	    "  ttp.growth: {value: 1e9}\n",
	    cpath, sizeof(cpath));
	load_bad(cpath, DUR_EINVAL, cpath, 4, "ttp.growth");
	/* an unknown key the child adds */
	put("sub/child.yaml", "name: child\nbase: ../mid.yaml\n\nstart_: 1\n",
	    cpath, sizeof(cpath));
	load_bad(cpath, DUR_EPARSE, cpath, 4, "unknown key 'start_'");
	/* YAML broken in the base: the base's file and line */
	put("mid.yaml", "name: mid\nbase: afpak\nparams: [\n", mpath,
	    sizeof(mpath));
	put("sub/child.yaml", child, cpath, sizeof(cpath));
	load_bad(cpath, DUR_EPARSE, part[1].file, 4, "invalid YAML");
}

/* Cycles, a missing base, a base that is not a name, a child without a
 * name: refused at the child's `base:` line. */
static void test_refused(void **state)
{
	char a[256], b[256], c[256];

	(void)state;
	put("a.yaml", "name: a\n\nbase: b.yaml\n", a, sizeof(a));
	put("b.yaml", "name: b\nbase: a.yaml\n", b, sizeof(b));
	load_bad(a, DUR_EINVAL, b, 2, "makes a cycle");
	put("self.yaml", "name: self\nbase: self.yaml\n", c, sizeof(c));
	load_bad(c, DUR_EINVAL, c, 2, "base 'self.yaml' makes a cycle");
	put("c.yaml", "name: c\nbase: nowhere.yaml\n", c, sizeof(c));
	load_bad(c, DUR_ENOTFOUND, c, 2, "base 'nowhere.yaml': no built-in");
	put("c.yaml", "name: c\nbase: [afpak]\n", c, sizeof(c));
	load_bad(c, DUR_EPARSE, c, 2, "base: expected the name");
	put("c.yaml", "description: x\nbase: afpak\n", c, sizeof(c));
	load_bad(c, DUR_EPARSE, c, 1, "missing key 'name'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_rules),
		cmocka_unit_test(test_same_as_base_and_flattened),
		cmocka_unit_test(test_chain_and_positions),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
