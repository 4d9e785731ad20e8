/*
 * sha256.c: SHA-256 as hex, through libcrypto's EVP digests (sha256.h).
 */
#include <stdlib.h>

#include <openssl/evp.h>

#include "durand/sha256.h"

struct dur_sha256 {
	EVP_MD_CTX *ctx;
	int failed; /* a call into libcrypto failed */
};

struct dur_sha256 *dur_sha256_begin(void)
{
	struct dur_sha256 *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->ctx = EVP_MD_CTX_new();
	if (!s->ctx || !EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(s->ctx);
		free(s);
		return NULL;
	}
	return s;
}

void dur_sha256_add(struct dur_sha256 *s, const void *data, size_t len)
{
	if (!s->failed && !EVP_DigestUpdate(s->ctx, data, len))
		s->failed = 1;
}

int dur_sha256_end(struct dur_sha256 *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int rc = -1;

	if (hex)
		hex[0] = '\0';
	if (!s)
		return -1;
	if (!s->failed && EVP_DigestFinal_ex(s->ctx, md, &n) && n == 32) {
		rc = 0;
		for (unsigned i = 0; hex && i < 32; i++) {
			hex[2 * i] = digits[md[i] >> 4];
			hex[2 * i + 1] = digits[md[i] & 15];
		}
		if (hex)
			hex[64] = '\0';
	}
	EVP_MD_CTX_free(s->ctx);
	free(s);
	return rc;
}

int dur_sha256_hex(const void *data, size_t len, char hex[65])
{
	struct dur_sha256 *s = dur_sha256_begin();

	if (s)
		dur_sha256_add(s, data, len);
	return dur_sha256_end(s, hex);
}
