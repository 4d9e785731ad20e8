/*
 * utf8.c: finds the first byte of a buffer that is not well-formed UTF-8,
 * counting lines on the way so a message can say where it is (utf8.h).
 * The table of valid sequences is the one in RFC 3629, section 4.
 */
#include "durand/utf8.h"

/* Length of the sequence starting at p (at most n bytes), 0 if invalid. */
static size_t seq_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

int dur_utf8_check(const char *buf, size_t len, long *line, long *col,
		   unsigned *byte)
{
	const unsigned char *p = (const unsigned char *)buf;
	long ln = 1, cl = 1;
	size_t i = 0;

	while (i < len) {
		size_t k = seq_len(p + i, len - i);

		if (!k) {
			*line = ln;
			*col = cl;
			*byte = p[i];
			return -1;
		}
		if (p[i] == '\n') {
			ln++;
			cl = 1;
		} else {
			cl++;
		}
		i += k;
	}
	return 0;
}
