/*
 * fuzz_number.c: libFuzzer target for the command line's number parsers
 * (parse_long, parse_double in cli/util.c): whatever the text, the result is
 * in range and finite, or the parser says no. Run with -close_fd_mask=3:
 * each refusal is explained on stderr.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	long l;
	double d;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	if (!parse_long("fuzz", "--n", s, -1000, 1000000000L, &l))
		assert(l >= -1000 && l <= 1000000000L);
	if (!parse_double("fuzz", "--p", s, 0, 1, &d))
		assert(isfinite(d) && d >= 0 && d <= 1);
	if (!parse_double("fuzz", "--x", s, -1e300, 1e300, &d))
		assert(isfinite(d));
	free(s);
	return 0;
}
