/*
 * numtext.h: numbers as people read them, without a signed zero.
 *
 * A value that rounds to zero prints as "0", "0.0" or "0.00", never "-0",
 * "-0.0" or "[-0.00, 0.00]": printf keeps the sign of a tiny negative (or of
 * -0.0) after rounding it away. Every text, CSV and report printer of a
 * number that may be negative goes through one of these.
 */
#ifndef DURAND_NUMTEXT_H
#define DURAND_NUMTEXT_H

#include <stddef.h>
#include <stdio.h>

/* Drop the '-' of every number in s that is written as zero ("-0",
 * "-0.00", "-0.0%", "-0e+00"); a '-' after a letter, digit, '.' or '_' (a
 * date, an exponent, a name) is left alone. Returns s. */
char *dur_unsign_zeros(char *s);

/* snprintf, then dur_unsign_zeros; the length it then has. */
int dur_snprintf_num(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* fprintf, with dur_unsign_zeros over what is printed. */
int dur_fprintf_num(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
