/* Unit tests of whole-file reading (grader/lib/readfile.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"

static void
test_readfile_reads_a_file_whole_with_a_terminating_nul(void **state)
{
	unsigned char *data;
	size_t len;

	(void)state;
	assert_int_equal(readfile("fixtures/challenges/ten-rows/challenge.json",
				  1 << 20, &data, &len), 0);
	assert_true(len > 0);
	assert_int_equal(data[len], '\0');
	assert_int_equal(strlen((char *)data), len);
	assert_memory_equal(data, "{", 1);
	free(data);
}

static void
test_readfile_refuses_missing_folders_and_oversized_files(void **state)
{
	unsigned char *data;
	size_t len;

	(void)state;
	assert_int_equal(readfile("fixtures/none", 10, &data, &len), ENOENT);
	assert_null(data);
	assert_int_equal(readfile("fixtures", 10, &data, &len), EISDIR);
	assert_int_equal(readfile("fixtures/submissions/pass.zip", 10, &data, &len), EFBIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readfile_reads_a_file_whole_with_a_terminating_nul),
		cmocka_unit_test(test_readfile_refuses_missing_folders_and_oversized_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
