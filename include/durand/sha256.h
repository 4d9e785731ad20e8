/*
 * sha256.h: the SHA-256 digest (FIPS 180-4), to fingerprint imported files.
 *
 * durand records each imported file's SHA-256 so that importing the same
 * file again adds nothing. The digest is OpenSSL's (libcrypto), which uses
 * the CPU's SHA instructions where it has them: on this project's machines
 * about ten times the speed of portable C, and hashing is a pass over every
 * byte an import reads.
 */
#ifndef DURAND_SHA256_H
#define DURAND_SHA256_H

#include <stddef.h>

/* A digest being computed (opaque). */
struct dur_sha256;

/* Start a digest; NULL if out of memory. */
struct dur_sha256 *dur_sha256_begin(void);

/* Hash len more bytes. */
void dur_sha256_add(struct dur_sha256 *s, const void *data, size_t len);

/* Finish: the digest as 64 lower-case hex digits and a NUL into hex (if
 * hex is not NULL), and free s. Returns 0, or -1 if libcrypto failed (hex
 * is then the empty string). s may be NULL (returns -1). */
int dur_sha256_end(struct dur_sha256 *s, char hex[65]);

/* The digest of one buffer, as dur_sha256_end writes it. */
int dur_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
