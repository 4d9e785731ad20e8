/*
 * test_numtext.c: no signed zero in what durand prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "durand/numtext.h"

static void test_unsign_zeros(void **state)
{
	static const char *const cases[][2] = {
		{ "-0", "0" },
		{ "-0.0", "0.0" },
		{ "[-0.00, 0.00]", "[0.00, 0.00]" },
		{ "-0.0%", "0.0%" },
		{ "a,-0,-0.000,x", "a,0,0.000,x" },
		{ "-0e+00", "0e+00" },
		{ "-0,5", "0,5" }, /* CSV: the fields -0 and 5 */
		/* not zeros, or not a sign: left alone */
		{ "-0.05", "-0.05" },
		{ "-10", "-10" },
		{ "-0.0001", "-0.0001" },
		{ "1e-05", "1e-05" },
		{ "2025-01-01", "2025-01-01" },
		{ "what-0", "what-0" },
		{ "x_-0", "x_-0" },
		{ "--0", "-0" },
		{ "-", "-" },
		{ "- 0", "- 0" },
		{ "", "" },
	};
	char buf[64];

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(buf, sizeof(buf), "%s", cases[k][0]);
		assert_string_equal(dur_unsign_zeros(buf), cases[k][1]);
	}
}

static void test_printf_num(void **state)
{
	char buf[64], big[3000];
	FILE *fp = tmpfile();
	long n;

	(void)state;
	assert_int_equal(dur_snprintf_num(buf, sizeof(buf), "%+.1f [%.2f, %.2f]",
					  -0.04, -0.001, 0.001),
			 16);
	assert_string_equal(buf, "0.0 [0.00, 0.00]");
	dur_snprintf_num(buf, sizeof(buf), "%.0f %g", -0.0, -0.0);
	assert_string_equal(buf, "0 0");
	dur_snprintf_num(buf, sizeof(buf), "%.1f", -0.06);
	assert_string_equal(buf, "-0.1");
	/* a line longer than the stack buffer */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	assert_non_null(fp);
	assert_int_equal(dur_fprintf_num(fp, "%s %.2f\n", big, -0.001),
			 (int)sizeof(big) - 1 + 6);
	n = ftell(fp);
	assert_int_equal(n, (long)sizeof(big) - 1 + 6);
	rewind(fp);
	assert_non_null(fgets(big, sizeof(big), fp));
	assert_non_null(fgets(buf, sizeof(buf), fp));
	assert_string_equal(buf, " 0.00\n");
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unsign_zeros),
		cmocka_unit_test(test_printf_num),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
