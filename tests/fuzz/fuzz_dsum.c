/*
 * fuzz_dsum.c: libFuzzer target for the .dsum reader (dur_dsum_decode).
 * The input's check digest is made again before decoding (docs/dsum.md),
 * so that mutations reach the header's numbers and the summaries rather
 * than stop at the digest: any bytes must give a part or an error naming
 * the file, never a crash, a leak or a read past the end.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "durand/dsum.h"
#include "durand/sha256.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dur_error err = { 0 };
	struct dur_dsum *d = NULL;
	unsigned char *b = malloc(size ? size : 1);
	char hex[65];
	int rc;

	if (!b)
		return 0;
	memcpy(b, data, size);
	if (size >= DUR_DSUM_HEADER_SIZE) {
		memset(b + 24, 0, 64);
		if (!dur_sha256_hex(b, size, hex))
			memcpy(b + 24, hex, 64);
	}
	rc = dur_dsum_decode(b, size, "fuzz.dsum", &d, &err);
	assert(rc ? !d && err.code == rc && err.msg[0] : d && d->res);
	assert(!rc || strstr(err.file, "fuzz.dsum")); /* the file is named */
	dur_dsum_free(d);
	free(b);
	return 0;
}
