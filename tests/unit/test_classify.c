/* test_classify.c: the default actor mapping and stream rules give the
 * events of both datasets their model actors and streams. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/data/classify_int.h"

static struct dur_store *open_mem(void)
{
	struct dur_store *st;

	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	return st;
}

static const char *stream(const struct dur_classifier *c,
			  struct dur_classify_in in)
{
	struct dur_classify_out o;

	dur_classifier_run(c, &in, &o);
	return o.stream ? o.stream : "-";
}

static void test_default_rules(void **state)
{
	struct dur_store *st = open_mem();
	struct dur_classifier *c;
	struct dur_classify_out o;
	struct dur_classify_in strike = {
		"acled", "Military Forces of Pakistan (2018-)",
		"TTP: Tehrik-i-Taliban Pakistan", NULL, "Afghanistan",
		"Explosions/Remote violence", "Air/drone strike"
	};

	(void)state;
	assert_int_equal(dur_classifier_create(&c, st, NULL), 0);
	assert_string_equal(stream(c, strike), "strike");
	strike.country = "Pakistan";
	assert_string_equal(stream(c, strike), "attack");
	assert_string_equal(
		stream(c, (struct dur_classify_in){
				  "acled", "Taliban",
				  "Military Forces of Pakistan (2018-)", NULL,
				  "Afghanistan", "Battles", "Armed clash" }),
		"clash");
	assert_string_equal(
		stream(c, (struct dur_classify_in){
				  "ucdp", "Government of Afghanistan",
				  "Government of Pakistan",
				  "Government of Afghanistan - Government of "
				  "Pakistan",
				  "Pakistan", "state-based", NULL }),
		"clash");
	assert_string_equal(
		stream(c, (struct dur_classify_in){
				  "ucdp", "TTP", "Civilians", "TTP - Civilians",
				  "Pakistan", "one-sided", NULL }),
		"attack");
	assert_string_equal(
		stream(c, (struct dur_classify_in){
				  "ucdp", "Government of Afghanistan",
				  "Taleban", "Government of Afghanistan - "
					     "Taleban",
				  "Pakistan", "state-based", NULL }),
		"-");
	dur_classifier_run(c,
			   &(struct dur_classify_in){ "ucdp", "BLA", NULL,
						      NULL, NULL, NULL,
						      NULL },
			   &o);
	assert_null(o.actor1);
	assert_null(o.actor2);
	dur_classifier_free(c);
	dur_store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
