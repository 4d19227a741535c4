/*
 * grow.h: growing an array, the one way (Git's ALLOC_GROW).
 *
 *	struct item *v = NULL;
 *	size_t n = 0, cap = 0;
 *
 *	if (ALLOC_GROW(v, n + 1, cap) != 0)
 *		return problems_nomem(pl);
 *	v[n++] = x;
 *
 * The capacity grows by half again (at least 16 elements), so appending n
 * elements costs O(n).  On failure v and cap are left as they were, so the
 * caller still owns and frees what it had.  Depends on nothing of ours.
 */
#ifndef GRADER_GROW_H
#define GRADER_GROW_H

#include <stddef.h>

/*
 * Makes room for need elements of elem bytes in the array whose address is
 * pp (a T **), of capacity *cap.  Returns 0, or -1 when out of memory or
 * when the size would overflow.  Use ALLOC_GROW.
 */
int alloc_grow(void *pp, size_t need, size_t *cap, size_t elem);

#define ALLOC_GROW(p, need, cap) \
	((size_t)(need) <= (cap) ? 0 : \
	 alloc_grow(&(p), (size_t)(need), &(cap), sizeof *(p)))

#endif
