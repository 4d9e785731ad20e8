/*
 * sha256.h: the SHA-256 digest (FIPS 180-4), to fingerprint imported files.
 *
 * durand records each imported file's SHA-256 so that importing the same
 * file again adds nothing. None of the libraries durand links provides the
 * digest, so this is a short implementation of the standard.
 */
#ifndef DURAND_SHA256_H
#define DURAND_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct dur_sha256 {
	uint32_t h[8];      /* chaining state */
	uint64_t nbytes;    /* bytes hashed so far */
	unsigned char buf[64]; /* a partial block */
	size_t nbuf;        /* bytes used in buf */
};

/* Start a digest. */
void dur_sha256_init(struct dur_sha256 *s);

/* Hash len more bytes. */
void dur_sha256_update(struct dur_sha256 *s, const void *data, size_t len);

/* Finish: write the 32-byte digest into out. s must be re-initialised to
 * be used again. */
void dur_sha256_final(struct dur_sha256 *s, unsigned char out[32]);

/* Digest of a buffer as 64 lower-case hex digits and a NUL into hex. */
void dur_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
