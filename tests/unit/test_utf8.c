/* test_utf8.c: well-formed UTF-8 passes; each kind of bad byte is found
 * at its line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "durand/utf8.h"

static void test_good(void **state)
{
	static const char *const good[] = {
		"", "afpak", "Peña\nKhyber Pakhtunkhwa", "پاکستان",
		"\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xEF\xBB\xBFid,date",
	};
	long line = -1, col = -1;
	unsigned byte = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(dur_utf8_check(good[i], strlen(good[i]),
						&line, &col, &byte),
				 0);
	assert_int_equal(line, -1);
}

static void check_bad(const char *s, size_t len, long want_line,
		      long want_col, unsigned want_byte)
{
	long line = 0, col = 0;
	unsigned byte = 0;

	assert_int_equal(dur_utf8_check(s, len, &line, &col, &byte), -1);
	assert_int_equal(line, want_line);
	assert_int_equal(col, want_col);
	assert_int_equal(byte, want_byte);
}

static void test_bad(void **state)
{
	(void)state;
	check_bad("Pe\xF1" "a", 4, 1, 3, 0xF1);           /* Latin-1 */
	check_bad("a\nb\nPe\xF1" "a", 7, 3, 3, 0xF1);    /* line count */
	check_bad("\xC3\xB1\xC3", 3, 1, 2, 0xC3);        /* cut short */
	check_bad("\xC0\xAF", 2, 1, 1, 0xC0);            /* overlong */
	check_bad("\xE0\x80\xAF", 3, 1, 1, 0xE0);        /* overlong */
	check_bad("\xED\xA0\x80", 3, 1, 1, 0xED);        /* surrogate */
	check_bad("\xF4\x90\x80\x80", 4, 1, 1, 0xF4);    /* > U+10FFFF */
	check_bad("x\xF0\x9F\x98" "x", 5, 1, 2, 0xF0);   /* bad tail */
	check_bad("\x80", 1, 1, 1, 0x80);                /* stray tail */
	check_bad("ab\xFF", 3, 1, 3, 0xFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
