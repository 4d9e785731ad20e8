/*
 * utf8.h: is a byte buffer UTF-8 text?
 *
 * Scenarios and event files are read as UTF-8 (YAML 1.2 and the UCDP and
 * ACLED distributions all are). A file saved in Latin-1 or Windows-1252
 * would otherwise fail deep inside a parser with no position, or be stored
 * as bytes no reader can show; this check finds the first bad byte so the
 * message can point at it.
 */
#ifndef DURAND_UTF8_H
#define DURAND_UTF8_H

#include <stddef.h>

/*
 * Check that buf[0..len) is well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). Returns 0 if it is; otherwise -1,
 * with the 1-based line and column (in characters) of the first bad byte in
 * *line and *col and the byte itself in *byte.
 */
int dur_utf8_check(const char *buf, size_t len, long *line, long *col,
		   unsigned *byte);

#endif
