/*
 * grow.c: growing an array by doubling (grow.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "durand/error.h"
#include "durand/grow.h"

int dur_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return DUR_ENOMEM;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return DUR_ENOMEM;
	memcpy(&p, pp, sizeof(p));
	p = realloc(p, n * size);
	if (!p)
		return DUR_ENOMEM;
	memcpy(pp, &p, sizeof(p));
	*cap = n;
	return 0;
}
