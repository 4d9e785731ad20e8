/* test_sha256.c: the digest against FIPS 180-4 test vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "durand/sha256.h"

static void test_vectors(void **state)
{
	char hex[65];

	(void)state;
	dur_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
				 "27ae41e4649b934ca495991b7852b855");
	dur_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	dur_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		       56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
				 "a33ce45964ff2167f6ecedd419db06c1");
}

/* FIPS 180-4's long message: a million 'a's, many blocks in one call. */
static void test_million(void **state)
{
	static char data[1000000];
	char hex[65];

	(void)state;
	memset(data, 'a', sizeof(data));
	assert_int_equal(dur_sha256_hex(data, sizeof(data), hex), 0);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
				 "f1809a48a497200e046d39ccc7112cd0");
}

/* A digest made of pieces of every size equals the digest of the whole. */
static void test_pieces(void **state)
{
	unsigned char data[1000];
	char whole[65], parts[65];
	struct dur_sha256 *s;

	(void)state;
	for (int i = 0; i < 1000; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	assert_int_equal(dur_sha256_hex(data, sizeof(data), whole), 0);
	s = dur_sha256_begin();
	assert_non_null(s);
	for (size_t off = 0, step = 1; off < 1000; off += step, step += 3)
		dur_sha256_add(s, data + off,
			       off + step > 1000 ? 1000 - off : step);
	assert_int_equal(dur_sha256_end(s, parts), 0);
	assert_string_equal(parts, whole);
	assert_int_equal(dur_sha256_end(NULL, parts), -1);
	assert_string_equal(parts, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_million),
		cmocka_unit_test(test_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
