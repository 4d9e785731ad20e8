/*
 * json.c: numbers and documents written the one way every JSON result of
 * durand writes them (docs/output.md).
 */
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "durand/json.h"

/* Integers print as integers, the rest with up to 6 significant digits. */
json_t *dur_json_number(double v)
{
	char buf[32];

	if (!isfinite(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	snprintf(buf, sizeof(buf), "%.6g", v);
	return json_real(strtod(buf, NULL));
}

int dur_json_write(const json_t *j, FILE *fp, struct dur_error *err)
{
	if (json_dumpf(j, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
				      JSON_REAL_PRECISION(12)) ||
	    fputc('\n', fp) == EOF)
		return dur_error_set(err, DUR_EIO, "", 0, 0,
				     "cannot write JSON output: %s",
				     strerror(errno ? errno : EIO));
	return 0;
}
