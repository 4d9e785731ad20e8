/*
 * numtext.c: numbers as people read them, without a signed zero
 * (numtext.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "durand/numtext.h"

char *dur_unsign_zeros(char *s)
{
	char *o = s;

	for (const char *p = s; *p; p++) {
		if (*p == '-' && (p == s || (!isalnum((unsigned char)p[-1]) &&
					      p[-1] != '.' && p[-1] != '_'))) {
			const char *q = p + 1;

			while (*q == '0' || *q == '.')
				q++;
			/* a zero: digits, all of them 0, and no more digits */
			if (q > p + 1 && p[1] == '0' &&
			    !isdigit((unsigned char)*q))
				continue;
		}
		*o++ = *p;
	}
	*o = 0;
	return s;
}

static int vformat(char **out, char *buf, size_t len, const char *fmt,
		   va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(buf, len, fmt, aq);
	va_end(aq);
	*out = buf;
	if (n >= 0 && (size_t)n >= len) {
		*out = malloc((size_t)n + 1);
		if (!*out)
			return -1;
		n = vsnprintf(*out, (size_t)n + 1, fmt, ap);
	}
	return n;
}

int dur_snprintf_num(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (len)
		dur_unsign_zeros(buf);
	return n >= 0 && (size_t)n < len ? (int)strlen(buf) : n;
}

int dur_fprintf_num(FILE *fp, const char *fmt, ...)
{
	char buf[1024], *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(&s, buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	dur_unsign_zeros(s);
	n = fputs(s, fp) < 0 ? -1 : (int)strlen(s);
	if (s != buf)
		free(s);
	return n;
}
