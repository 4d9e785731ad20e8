/* test_result.c: the one table of outcomes (result.h): each outcome's
 * label, unit, kind and chart group, by name, for the fixed outcomes and
 * the per-crossing and per-mediator families; and the groups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "durand/result.h"
#include "durand/scenario.h"

static void check(const char *name, const char *label, const char *unit,
		  const char *kind, const char *group)
{
	struct dur_outcome_info in;
	char buf[160];

	assert_int_equal(dur_result_outcome_info(name, &in, buf, sizeof(buf)),
			 1);
	assert_string_equal(in.label, label);
	assert_string_equal(in.unit, unit);
	assert_string_equal(in.kind, kind);
	assert_string_equal(in.group, group);
}

static void test_fixed(void **state)
{
	(void)state;
	check("attacks", "militant attacks", "events", "count", "violence");
	check("fatalities_pakistan_civilians", "killed in Pakistan: civilians",
	      "people", "count", "killed");
	check("closure_days", "crossing-days closed", "crossing-days",
	      "duration", "days");
	check("trade_lost_usd", "trade lost (US$)", "US$", "money", "trade");
	/* not guessed from a suffix: returns are people, not events */
	check("returns", "people returned (not deported)", "people", "count",
	      "moved");
	check("ceasefire_days", "days under a ceasefire", "days", "duration",
	      "days");
	check("max_rung", "highest rung reached", "rung", "rung", "rung");
}

static void test_families(void **state)
{
	(void)state;
	check("closure_days.torkham", "days torkham closed", "days",
	      "duration", "days");
	check("trade_lost_usd.ghulam_khan", "trade lost at ghulam khan (US$)",
	      "US$", "money", "trade");
	check("mediation_rounds.saudi_arabia",
	      "rounds mediated by Saudi Arabia", "events", "count",
	      "diplomacy");
}

static void test_unknown(void **state)
{
	struct dur_outcome_info in = { "x", "x", "x", "x" };
	char buf[64];

	(void)state;
	assert_int_equal(dur_result_outcome_info("fatalities", &in, buf,
						 sizeof(buf)),
			 0);
	assert_int_equal(dur_result_outcome_info("closure_days.", &in, buf,
						 sizeof(buf)),
			 0);
	assert_int_equal(dur_result_outcome_info("war_days", &in, buf,
						 sizeof(buf)),
			 0);
	assert_string_equal(in.unit, "x"); /* untouched */
}

/* Every fixed outcome is in the table, in a group that exists, whose unit
 * is the outcome's own: one axis per chart, one unit per axis. */
static void test_every_outcome(void **state)
{
	(void)state;
	for (int i = 0; i < DUR_OUT_FIXED_COUNT; i++) {
		const char *name = dur_outcome_fixed_name(i), *id, *title,
			   *unit;
		struct dur_outcome_info in;
		char buf[160];
		int found = 0;

		assert_int_equal(dur_result_outcome_info(name, &in, buf,
							 sizeof(buf)),
				 1);
		for (size_t g = 0;
		     dur_result_outcome_group(g, &id, &title, &unit); g++)
			if (!strcmp(id, in.group)) {
				found = 1;
				/* crossing-days are days */
				assert_non_null(strstr(in.unit, unit));
			}
		if (!found)
			fail_msg("%s: group '%s' is no group", name, in.group);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_families),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_every_outcome),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
