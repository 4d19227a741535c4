/* Unit tests of finding the results files (grader/lib/layout.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"

static char *expected[] = { "results1.csv", "results2.csv" };

static void
test_layout_near_misses_are_recognised(void **state)
{
	(void)state;
	assert_true(layout_is_near_miss("results1.csv", "Results1.csv"));
	assert_true(layout_is_near_miss("results1.csv", "RESULTS1.CSV"));
	assert_true(layout_is_near_miss("results1.csv", "results_1.csv"));
	assert_true(layout_is_near_miss("results1.csv", "results-1.csv"));
	assert_true(layout_is_near_miss("results1.csv", "results1.txt"));
	assert_true(layout_is_near_miss("results1.csv", "result1.csv"));
	assert_true(layout_is_near_miss("results1.csv", "results1.csv.csv"));
	assert_true(layout_is_near_miss("results1.csv", "results 1.csv"));
	assert_false(layout_is_near_miss("results1.csv", "results1.csv"));
	assert_false(layout_is_near_miss("results1.csv", "model.py"));
	assert_false(layout_is_near_miss("results1.csv", "predictions.csv"));
}

/* Makes a folder submission of the given files (empty content). */
static struct submission *
folder(const char *const *files, size_t n, char *dir)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *p = problems_new();
	struct submission *s;

	strcpy(dir, "/tmp/grader-layout-XXXXXX");
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < n; i++) {
		char path[512], cmd[600];
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
		assert_int_equal(system(cmd), 0);
		assert_non_null(f = fopen(path, "w"));
		fputs("0.5\n", f);
		fclose(f);
	}
	assert_int_equal(submission_open(dir, &lim, &s, p), GR_OK);
	problems_free(p);
	return s;
}

static void
remove_folder(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
test_layout_finds_a_file_at_the_root_or_in_one_folder(void **state)
{
	static const char *const files[] = { "results1.csv", "sub/results2.csv" };
	char dir[64];
	struct submission *s = folder(files, 2, dir);
	struct problem_list *p = problems_new();
	long i;

	(void)state;
	i = layout_find_results(s, "results1.csv", expected, 2, p);
	assert_true(i >= 0);
	assert_string_equal(submission_entry(s, (size_t)i)->name, "results1.csv");
	i = layout_find_results(s, "results2.csv", expected, 2, p);
	assert_true(i >= 0);
	assert_string_equal(submission_entry(s, (size_t)i)->name,
			    "sub/results2.csv");
	assert_int_equal(p->count, 0);
	problems_free(p);
	submission_free(s);
	remove_folder(dir);
}

static void
test_layout_two_copies_are_ambiguous(void **state)
{
	static const char *const files[] = { "a/results1.csv", "b/results1.csv" };
	char dir[64];
	struct submission *s = folder(files, 2, dir);
	struct problem_list *p = problems_new();

	(void)state;
	assert_int_equal(layout_find_results(s, "results1.csv", expected, 2, p), -1);
	assert_string_equal(p->items[0].code, "results.ambiguous");
	assert_string_equal(p->items[0].message,
			    "results1.csv is there more than once: a/results1.csv, b/results1.csv");
	problems_free(p);
	submission_free(s);
	remove_folder(dir);
}

static void
test_layout_too_deep_is_missing_with_where_it_was(void **state)
{
	static const char *const files[] = { "a/b/results1.csv" };
	char dir[64];
	struct submission *s = folder(files, 1, dir);
	struct problem_list *p = problems_new();

	(void)state;
	assert_int_equal(layout_find_results(s, "results1.csv", expected, 2, p), -1);
	assert_string_equal(p->items[0].code, "results.missing");
	assert_string_equal(p->items[0].hint,
			    "It was found at a/b/results1.csv: put it at the top of the zip, or in a single top-level folder.");
	problems_free(p);
	submission_free(s);
	remove_folder(dir);
}

static void
test_layout_near_miss_is_named_in_the_hint(void **state)
{
	static const char *const files[] = { "Results_1.txt", "results2.csv" };
	char dir[64];
	struct submission *s = folder(files, 2, dir);
	struct problem_list *p = problems_new();

	(void)state;
	assert_int_equal(layout_find_results(s, "results1.csv", expected, 2, p), -1);
	assert_string_equal(p->items[0].code, "results.missing");
	assert_string_equal(p->items[0].message, "results1.csv is missing");
	assert_string_equal(p->items[0].hint,
			    "Found Results_1.txt: rename it to exactly results1.csv (lower case, .csv).");
	problems_free(p);
	submission_free(s);
	remove_folder(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_near_misses_are_recognised),
		cmocka_unit_test(test_layout_finds_a_file_at_the_root_or_in_one_folder),
		cmocka_unit_test(test_layout_two_copies_are_ambiguous),
		cmocka_unit_test(test_layout_too_deep_is_missing_with_where_it_was),
		cmocka_unit_test(test_layout_near_miss_is_named_in_the_hint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
