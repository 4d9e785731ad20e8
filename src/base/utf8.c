/*
 * utf8.c: finds the first byte of a buffer that is not well-formed UTF-8
 * (utf8.h). The table of valid sequences is the one in RFC 3629, section 4.
 * Event files are almost all ASCII, so eight bytes at a time are tested for
 * a high bit and only the rest is decoded; the line and column are counted
 * afterwards, and only when there is a bad byte to point at.
 */
#include <stdint.h>
#include <string.h>

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

/* Offset of the first bad byte, or len. */
static size_t first_bad(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (len - i >= 32) {
			uint64_t w[4];

			memcpy(w, p + i, sizeof(w));
			if (!((w[0] | w[1] | w[2] | w[3]) &
			      0x8080808080808080u)) {
				i += 32;
				continue;
			}
		}
		size_t k = seq_len(p + i, len - i);

		if (!k)
			return i;
		i += k;
	}
	return len;
}

int dur_utf8_check(const char *buf, size_t len, long *line, long *col,
		   unsigned *byte)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t bad = first_bad(p, len), start = 0;
	long ln = 1, cl = 1;

	if (bad == len)
		return 0;
	for (size_t i = 0; i < bad; i++)
		if (p[i] == '\n') {
			ln++;
			start = i + 1;
		}
	/* the column counts characters: every byte but continuation bytes */
	for (size_t i = start; i < bad; i++)
		cl += (p[i] & 0xC0) != 0x80;
	*line = ln;
	*col = cl;
	*byte = p[bad];
	return -1;
}
