/*
 * grow.c: ALLOC_GROW's slow path.  The array's pointer is read and written
 * through memcpy, so that one function serves arrays of any type without
 * accessing a T * as a void *.
 */
#include "grow.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
alloc_grow(void *pp, size_t need, size_t *cap, size_t elem)
{
	size_t n = *cap + *cap / 2;
	void *p, *q;

	/* Precondition: ALLOC_GROW calls only when the array is full. */
	assert(need > *cap);
	if (n < 16)
		n = 16;
	if (n < need)
		n = need;
	if (elem != 0 && n > SIZE_MAX / elem)
		return -1;
	memcpy(&p, pp, sizeof p);
	if ((q = realloc(p, n * elem)) == NULL)
		return -1;
	memcpy(pp, &q, sizeof q);
	*cap = n;
	return 0;
}
