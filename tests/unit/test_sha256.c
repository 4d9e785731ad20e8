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

static void test_pieces_match_whole(void **state)
{
	unsigned char data[1000], a[32], b[32];
	struct dur_sha256 s;

	(void)state;
	for (int i = 0; i < 1000; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	dur_sha256_init(&s);
	dur_sha256_update(&s, data, 1000);
	dur_sha256_final(&s, a);
	dur_sha256_init(&s);
	for (size_t off = 0, step = 1; off < 1000; off += step, step += 3)
		dur_sha256_update(&s, data + off,
				  off + step > 1000 ? 1000 - off : step);
	dur_sha256_final(&s, b);
	assert_memory_equal(a, b, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_pieces_match_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
