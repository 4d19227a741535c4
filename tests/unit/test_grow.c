/*
 * test_grow.c: ALLOC_GROW, the one way arrays grow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "grow.h"

static void
test_appending_keeps_every_element_and_grows_by_half(void **state)
{
	double *v = NULL;
	size_t n = 0, cap = 0, grows = 0, last = 0;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		assert_int_equal(ALLOC_GROW(v, n + 1, cap), 0);
		assert_true(cap >= n + 1);
		if (cap != last) {
			grows++;
			last = cap;
		}
		v[n++] = i;
	}
	for (int i = 0; i < 100000; i++)
		assert_true(v[i] == i);
	assert_int_equal(n, 100000);
	/* 16, then by half again: about 23 steps to 100,000, not 100,000. */
	assert_true(grows < 30);
	free(v);
}

static void
test_a_size_that_would_overflow_fails_and_keeps_the_array(void **state)
{
	int *v = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(ALLOC_GROW(v, 4, cap), 0);
	assert_int_equal(cap, 16);
	v[3] = 7;
	assert_int_equal(ALLOC_GROW(v, SIZE_MAX / 2, cap), -1);
	assert_int_equal(cap, 16);
	assert_int_equal(v[3], 7);
	assert_int_equal(ALLOC_GROW(v, 16, cap), 0);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appending_keeps_every_element_and_grows_by_half),
		cmocka_unit_test(test_a_size_that_would_overflow_fails_and_keeps_the_array),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
