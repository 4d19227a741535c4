/* Unit tests of whole-file reading and writing (grader/lib/readfile.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The entries of dir other than . and ..: a temporary file left behind
 * would be one. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
test_writefile_atomic_replaces_a_file_whole_and_leaves_nothing_else(void **state)
{
	char dir[] = "/tmp/grader-writefile.XXXXXX", path[64], bad[96];
	unsigned char *data;
	size_t len;
	struct stat st;
	mode_t mask = umask(022);

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.json", dir);
	assert_int_equal(writefile_atomic(path, "first", 5), 0);
	assert_int_equal(writefile_atomic(path, "second", 6), 0);
	assert_int_equal(readfile(path, 64, &data, &len), 0);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "second", 6);
	free(data);
	/* 0666 less the umask, not mkstemp's 0600. */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_entries(dir), 1);
	/* A folder that is not there: the errno, nothing written. */
	snprintf(bad, sizeof bad, "%s/missing/out.json", dir);
	assert_int_equal(writefile_atomic(bad, "x", 1), ENOENT);
	assert_int_equal(count_entries(dir), 1);
	umask(mask);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_makedirs_makes_every_missing_folder_once(void **state)
{
	char dir[] = "/tmp/grader-makedirs.XXXXXX", deep[96], file[96];
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(deep, sizeof deep, "%s/a/b/c", dir);
	assert_int_equal(makedirs(deep), 0);
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(makedirs(deep), 0);		/* there already */
	snprintf(file, sizeof file, "%s/a/f", dir);
	assert_int_equal(writefile_atomic(file, "x", 1), 0);
	assert_int_equal(makedirs(file), ENOTDIR);	/* a file, not a folder */
	snprintf(deep, sizeof deep, "%s/a/f/g", dir);
	assert_int_equal(makedirs(deep), ENOTDIR);	/* through a file */
	assert_int_equal(unlink(file), 0);
	snprintf(deep, sizeof deep, "%s/a/b/c", dir);
	assert_int_equal(rmdir(deep), 0);
	snprintf(deep, sizeof deep, "%s/a/b", dir);
	assert_int_equal(rmdir(deep), 0);
	snprintf(deep, sizeof deep, "%s/a", dir);
	assert_int_equal(rmdir(deep), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readfile_reads_a_file_whole_with_a_terminating_nul),
		cmocka_unit_test(test_readfile_refuses_missing_folders_and_oversized_files),
		cmocka_unit_test(test_writefile_atomic_replaces_a_file_whole_and_leaves_nothing_else),
		cmocka_unit_test(test_makedirs_makes_every_missing_folder_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
