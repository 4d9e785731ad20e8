/*
 * grow.h: the one way the library grows an array as it fills.
 */
#ifndef DURAND_GROW_H
#define DURAND_GROW_H

#include <stddef.h>

/*
 * Make room for at least `need` elements of `size` bytes in the array *pp
 * (pp is the address of the array's pointer, e.g. &v->items) whose capacity,
 * in elements, is *cap. The capacity at least doubles (from 16), so n
 * appends cost O(n). Returns 0, or DUR_ENOMEM (also when the byte count
 * would overflow) with *pp and *cap untouched. New elements are not cleared.
 */
int dur_grow(void *pp, size_t *cap, size_t need, size_t size);

#endif
