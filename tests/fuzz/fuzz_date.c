/*
 * fuzz_date.c: libFuzzer target for the date parser (dur_date_parse) and
 * the calendar arithmetic: a parsed date formats back to the same text, and
 * a day number survives the round trip through year, month and day.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "durand/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why = NULL;
	int32_t day;
	char buf[11];

	if (!dur_date_parse(s, size, &day, &why)) {
		dur_date_format(day, buf);
		assert(!memcmp(buf, s, 10));
	} else {
		assert(why && why[0]);
	}
	if (size >= 4) {
		int32_t d;
		int y, m, dd;

		memcpy(&d, data, 4);
		/* +-5.8 million years: within int32 day numbers */
		d %= 2000000000;
		dur_date_to_ymd(d, &y, &m, &dd);
		assert(dur_date_valid(y, m, dd));
		assert(dur_date_from_ymd(y, m, dd) == d);
	}
	return 0;
}
