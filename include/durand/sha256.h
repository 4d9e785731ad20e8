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

/* Digest of a buffer as 64 lower-case hex digits and a NUL into hex.
 * Returns 0, or -1 if libcrypto fails (it does not for SHA-256 unless it
 * is out of memory); hex is then the empty string. */
int dur_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
