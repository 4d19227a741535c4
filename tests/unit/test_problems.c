/* Unit tests of the problem list (grader/lib/problems.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "problems.h"

static void
test_problems_add_keeps_code_file_line_hint_and_message(void **state)
{
	struct problem_list *l = problems_new();
	const struct problem *p;

	(void)state;
	assert_int_equal(problems_add(l, PROBLEM_ERROR, "csv.header",
				      "results1.csv", 1, "Delete it.",
				      "line %d is a header", 1),
			 GR_OK);
	assert_int_equal(l->count, 1);
	p = &l->items[0];
	assert_int_equal(p->severity, PROBLEM_ERROR);
	assert_string_equal(p->code, "csv.header");
	assert_string_equal(p->file, "results1.csv");
	assert_int_equal(p->line, 1);
	assert_string_equal(p->hint, "Delete it.");
	assert_string_equal(p->message, "line 1 is a header");
	assert_int_equal(p->more, 0);
	problems_free(l);
}

static void
test_problems_null_file_and_hint_stay_null(void **state)
{
	struct problem_list *l = problems_new();

	(void)state;
	problems_add(l, PROBLEM_WARNING, "zip.backslash_name", NULL, 0, NULL,
		     "x");
	assert_null(l->items[0].file);
	assert_null(l->items[0].hint);
	assert_int_equal(problems_count(l, PROBLEM_WARNING), 1);
	assert_int_equal(problems_count(l, PROBLEM_ERROR), 0);
	problems_free(l);
}

static void
test_problems_more_than_twenty_of_a_kind_fold_into_one_summary(void **state)
{
	struct problem_list *l = problems_new();
	const struct problem *last;

	(void)state;
	for (int i = 1; i <= 500; i++)
		problems_add(l, PROBLEM_ERROR, "csv.not_a_number",
			     "results1.csv", i, "hint", "line %d", i);
	/* The same code in another file has its own 20. */
	for (int i = 1; i <= 3; i++)
		problems_add(l, PROBLEM_ERROR, "csv.not_a_number",
			     "results2.csv", i, NULL, "line %d", i);
	assert_int_equal(l->count, PROBLEMS_PER_KIND + 1 + 3);
	assert_int_equal(l->items[19].line, 20);
	last = &l->items[20];
	assert_int_equal(last->more, 480);
	assert_int_equal(last->line, 0);
	assert_string_equal(last->message,
			    "and 480 more problems of this kind");
	assert_int_equal(problems_count_code(l, "csv.not_a_number"), 503);
	assert_int_equal(problems_count(l, PROBLEM_ERROR), 503);
	assert_int_equal(problems_errors_in(l, "results1.csv"), 500);
	assert_int_equal(problems_errors_in(l, "results2.csv"), 3);
	problems_free(l);
}

static void
test_problems_find_returns_the_first_of_a_code_or_null(void **state)
{
	struct problem_list *l = problems_new();

	(void)state;
	problems_add(l, PROBLEM_ERROR, "a.b", NULL, 0, NULL, "first");
	problems_add(l, PROBLEM_ERROR, "a.b", NULL, 0, NULL, "second");
	assert_string_equal(problems_find(l, "a.b")->message, "first");
	assert_null(problems_find(l, "c.d"));
	problems_free(l);
}

static void
test_problems_move_appends_and_empties_the_source(void **state)
{
	struct problem_list *a = problems_new(), *b = problems_new();

	(void)state;
	problems_add(a, PROBLEM_ERROR, "x.one", NULL, 0, NULL, "1");
	problems_add(b, PROBLEM_WARNING, "x.two", NULL, 0, NULL, "2");
	problems_add(b, PROBLEM_WARNING, "x.three", NULL, 0, NULL, "3");
	assert_int_equal(problems_move(a, b), GR_OK);
	assert_int_equal(a->count, 3);
	assert_int_equal(b->count, 0);
	assert_string_equal(a->items[2].code, "x.three");
	problems_free(a);
	problems_free(b);
}

static void
test_problems_free_null_is_a_no_op(void **state)
{
	/* Run under ASan and valgrind: a free of NULL must not crash, and a
	 * list freed with its problems must leave nothing behind. */
	struct problem_list *pl = problems_new();

	(void)state;
	problems_free(NULL);
	assert_non_null(pl);
	assert_int_equal(problems_add(pl, PROBLEM_ERROR, "a.b", "f", 1, "h",
				      "m"), GR_OK);
	assert_int_equal(pl->count, 1);
	problems_free(pl);
}

static void
test_entry_problems_are_capped_by_code_whatever_the_entry(void **state)
{
	struct problem_list *pl = problems_new();
	char name[16];

	(void)state;
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "../%d", i);
		assert_int_equal(problems_add_entry(pl, PROBLEM_ERROR,
			"zip.unsafe_name", name, "fix", "bad %s", name), GR_OK);
	}
	/* A per-file problem of the same code is a kind of its own. */
	problems_add(pl, PROBLEM_ERROR, "zip.unsafe_name", "../0", 0, NULL,
		     "other");
	assert_int_equal(pl->count, PROBLEMS_PER_KIND + 2);
	assert_string_equal(pl->items[PROBLEMS_PER_KIND].message,
			    "and 10 more entries with the same problem");
	assert_null(pl->items[PROBLEMS_PER_KIND].file);
	assert_null(pl->items[PROBLEMS_PER_KIND].hint);
	assert_int_equal(pl->items[PROBLEMS_PER_KIND].line, 0);
	assert_string_equal(pl->items[PROBLEMS_PER_KIND - 1].file, "../19");
	assert_int_equal(problems_count(pl, PROBLEM_ERROR), 31);
	assert_int_equal(problems_count_code(pl, "zip.unsafe_name"), 31);
	problems_free(pl);

	/* One past the cap: "1 more entry". */
	pl = problems_new();
	for (int i = 0; i <= PROBLEMS_PER_KIND; i++)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.link", "x", NULL,
				   "link");
	assert_string_equal(pl->items[PROBLEMS_PER_KIND].message,
			    "and 1 more entry with the same problem");
	problems_free(pl);
}

static void
test_nomem_is_recorded_in_the_list(void **state)
{
	struct problem_list *pl = problems_new();

	(void)state;
	assert_int_equal(pl->nomem, 0);
	assert_int_equal(problems_nomem(pl), GR_NOMEM);
	assert_int_equal(pl->nomem, 1);
	problems_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problems_add_keeps_code_file_line_hint_and_message),
		cmocka_unit_test(test_problems_null_file_and_hint_stay_null),
		cmocka_unit_test(test_problems_more_than_twenty_of_a_kind_fold_into_one_summary),
		cmocka_unit_test(test_problems_find_returns_the_first_of_a_code_or_null),
		cmocka_unit_test(test_problems_move_appends_and_empties_the_source),
		cmocka_unit_test(test_problems_free_null_is_a_no_op),
		cmocka_unit_test(test_entry_problems_are_capped_by_code_whatever_the_entry),
		cmocka_unit_test(test_nomem_is_recorded_in_the_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
