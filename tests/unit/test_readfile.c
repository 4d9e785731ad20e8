/*
 * test_readfile.c: a whole file read back byte for byte (past the first
 * buffer), and each failure with its code and a message naming the file's
 * kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "durand/readfile.h"

static void test_reads_whole_file(void **state)
{
	char path[] = "/tmp/test_readfileXXXXXX";
	int fd = mkstemp(path);
	size_t n = 200000, len = 0;
	char *want = malloc(n), *got;
	struct dur_error err = { 0 };
	FILE *f;

	(void)state;
	assert_true(fd >= 0 && want);
	for (size_t i = 0; i < n; i++)
		want[i] = (char)('a' + i % 26);
	f = fdopen(fd, "wb");
	assert_int_equal(fwrite(want, 1, n, f), n);
	fclose(f);
	got = dur_read_file(path, "scenario", 64, &len, &err);
	assert_non_null(got);
	assert_int_equal(len, n);
	assert_memory_equal(got, want, n);
	assert_int_equal(got[n], 0);
	free(got);
	/* a limit it exceeds */
	assert_null(dur_read_file(path, "record", 0, &len, &err));
	assert_int_equal(err.code, DUR_ELIMIT);
	assert_string_equal(err.msg, "record larger than 0 MiB");
	unlink(path);
	free(want);
}

static void test_missing_file(void **state)
{
	struct dur_error err = { 0 };
	size_t len = 7;

	(void)state;
	assert_null(dur_read_file("/nonexistent/x.yaml", "scenario", 64, &len,
				  &err));
	assert_int_equal(err.code, DUR_ENOTFOUND);
	assert_string_equal(err.file, "/nonexistent/x.yaml");
	assert_string_equal(err.msg,
			    "cannot open scenario: No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_whole_file),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
