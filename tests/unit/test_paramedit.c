/* test_paramedit.c: new parameter values spliced into scenario YAML, every
 * other byte kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/paramedit.h"

static const char base[] =
	"# a test scenario\n"
	"name: test\n"
	"params:\n"
	"  ttp.mu: 0.31          # attacks a day\n"
	"  attack.alpha_self: { value: 0.2, range: [0, 0.25], source: \"guess\" }\n"
	"  attack.alpha_strike:\n"
	"    value: 0.1\n"
	"    range: [0, 1]\n"
	"  clash.mu: {value: 0.01}\n"
	"  other.thing: 7\n"
	"interventions: {}\n";

static const char want[] =
	"# a test scenario\n"
	"name: test\n"
	"params:\n"
	"  ttp.mu: { value: 0.42, source: \"fit \\\"x\\\"\" }          # attacks a day\n"
	"  attack.alpha_self: { value: 0.3, range: [0, 0.3], source: \"fit \\\"x\\\"\" }\n"
	"  attack.alpha_strike:\n"
	"    value: 0.125\n"
	"    source: \"fit \\\"x\\\"\"\n"
	"    range: [0, 1]\n"
	"  clash.mu: {value: 0.0172, source: \"fit \\\"x\\\"\" }\n"
	"  other.thing: 7\n"
	"  hawkes.halflife_attack: { value: 2.5, source: \"fit \\\"x\\\"\" }\n"
	"interventions: {}\n";

static void test_rewrite(void **state)
{
	const struct dur_paramedit ed[] = {
		{ "ttp.mu", 0.42 },
		{ "attack.alpha_self", 0.3 },
		{ "attack.alpha_strike", 0.125 },
		{ "clash.mu", 0.0172 },
		{ "hawkes.halflife_attack", 2.5 },
	};
	char *out;

	(void)state;
	assert_int_equal(dur_paramedit_apply(base, strlen(base), "t.yaml", ed,
					     5, "fit \"x\"", &out, NULL),
			 0);
	assert_string_equal(out, want);
	free(out);
}

static void test_no_params(void **state)
{
	const struct dur_paramedit ed[] = { { "clash.mu", 0.5 } };
	const char *b = "name: x";
	char *out;

	(void)state;
	assert_int_equal(dur_paramedit_apply(b, strlen(b), "t.yaml", ed, 1,
					     "s", &out, NULL),
			 0);
	assert_string_equal(out, "name: x\nparams:\n  clash.mu: { value: 0.5, "
				 "source: \"s\" }\n");
	free(out);
}

static void test_bad_yaml(void **state)
{
	const struct dur_paramedit ed[] = { { "clash.mu", 0.5 } };
	const char *b = "params: [\n  a: b";
	struct dur_error err = { 0 };
	char *out;

	(void)state;
	assert_int_equal(dur_paramedit_apply(b, strlen(b), "t.yaml", ed, 1,
					     "s", &out, &err),
			 DUR_EPARSE);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite),
		cmocka_unit_test(test_no_params),
		cmocka_unit_test(test_bad_yaml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
