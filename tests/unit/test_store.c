/* test_store.c: the schema and seeds, user mappings and --restream,
 * opening errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/data/store_int.h"
#include "durand/import.h"

static struct dur_store *open_mem(void)
{
	struct dur_store *st;

	assert_int_equal(dur_store_open(&st, ":memory:", DUR_STORE_CREATE,
					NULL),
			 0);
	return st;
}

static void test_user_mapping_and_restream(void **state)
{
	static const char ged[] =
		"id,date_start,side_a,side_b,type_of_violence,country,best\n"
		"1,2023-01-05,Government of Pakistan,BLA,1,Pakistan,4\n"
		"2,2023-01-06,Government of Pakistan,TTP,1,Pakistan,1\n";
	struct dur_store *st = open_mem();
	struct dur_import_result r;
	long changed = -1;

	(void)state;
	assert_int_equal(dur_import_buffer(st, DUR_IMPORT_UCDP, ged,
					   strlen(ged), "g.csv", 0, NULL, &r,
					   NULL, NULL),
			 0);
	assert_int_equal(dur_store_exec(st,
					"INSERT INTO actor_map VALUES('*', "
					"'BLA', 'ttp')",
					NULL),
			 0);
	assert_int_equal(dur_store_restream(st, &changed, NULL), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(dur_store_restream(st, &changed, NULL), 0);
	assert_int_equal(changed, 0);
	dur_store_free(st);
}

static void test_open_errors(void **state)
{
	struct dur_store *st;
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(dur_store_open(&st, "tests/data/none.db", 0, &err),
			 DUR_ENOTFOUND);
	assert_null(st);
	assert_int_equal(dur_store_open(&st, "tests/data/no/dir/x.db",
					DUR_STORE_CREATE, &err),
			 DUR_EDB);
	dur_store_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_mapping_and_restream),
		cmocka_unit_test(test_open_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
