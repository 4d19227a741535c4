/* Unit tests of the holdout loader (grader/lib/holdout.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "digest.h"
#include "holdout.h"

static struct problem_list *problems;

static int
setup(void **state)
{
	(void)state;
	problems = problems_new();
	return problems == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	problems_free(problems);
	return 0;
}

static enum gr_status
parse(const char *text, size_t rows, struct holdout *h)
{
	return holdout_parse("h.csv", (const unsigned char *)text, strlen(text),
			     rows, h, problems);
}

/* No problem message may quote the file or name a class. */
static void
assert_no_label_revealed(void)
{
	for (size_t i = 0; i < problems->count; i++) {
		const char *m = problems->items[i].message;
		assert_null(strchr(m, '0'));
		assert_null(strchr(m, '1'));
		assert_null(strstr(m, "positive"));
		assert_null(strstr(m, "negative"));
	}
}

static void
test_holdout_plain_labels_are_read_in_order(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("0\n1\n1\n0\n", 4, &h), GR_OK);
	assert_int_equal(h.rows, 4);
	assert_int_equal(h.positives, 2);
	assert_memory_equal(h.labels, "\0\1\1\0", 4);
	holdout_release(&h);
}

static void
test_holdout_header_crlf_bom_and_no_final_newline_are_accepted(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("\xef\xbb\xbfy\r\n1\r\n0\r\n1", 3, &h), GR_OK);
	assert_int_equal(h.rows, 3);
	assert_int_equal(h.positives, 2);
	holdout_release(&h);
}

/*
 * The labels end their lines by the rule of the results files: a lone CR
 * (classic Mac OS, Excel's "CSV (Macintosh)") and CR CR LF end a line too.
 */
static void
test_holdout_cr_only_line_ends_are_accepted_like_the_scores(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("y\r0\r1\r1\r0\r", 4, &h), GR_OK);
	assert_int_equal(h.rows, 4);
	assert_int_equal(h.positives, 2);
	assert_memory_equal(h.labels, "\0\1\1\0", 4);
	holdout_release(&h);
	assert_int_equal(parse("0\r\r\n1\r\r\n", 2, &h), GR_OK);
	assert_int_equal(h.rows, 2);
	holdout_release(&h);
	assert_int_equal(problems->count, 0);
}

static void
test_holdout_quoted_column_name_is_a_header(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("\"y\"\n0\n1\n", 2, &h), GR_OK);
	assert_int_equal(h.rows, 2);
	holdout_release(&h);
	/* Two names are no column name. */
	assert_int_equal(parse("y,z\n0\n1\n", 2, &h), GR_UNUSABLE);
	assert_non_null(problems_find(problems, "holdout.not_a_label"));
}

static void
test_holdout_sha256_is_of_the_file_bytes(void **state)
{
	struct holdout h;
	unsigned char want[32];

	(void)state;
	digest_sha256("0\n1\n", 4, want);
	assert_int_equal(parse("0\n1\n", 0, &h), GR_OK);
	assert_memory_equal(h.sha256, want, 32);
	holdout_release(&h);
}

static void
test_holdout_one_class_is_unusable_without_saying_which(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("1\n1\n1\n", 3, &h), GR_UNUSABLE);
	assert_string_equal(problems->items[0].code, "holdout.one_class");
	assert_null(h.labels);
	assert_no_label_revealed();
}

static void
test_holdout_wrong_row_count_is_unusable(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("y\n0\n1\n0\n", 4, &h), GR_UNUSABLE);
	assert_string_equal(problems->items[0].code, "holdout.row_count");
	assert_string_equal(problems->items[0].message,
			    "the holdout has 3 rows; the challenge expects 4");
}

static void
test_holdout_value_other_than_a_label_gives_its_line_not_its_content(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("0\n1\n0.5\n2\n", 4, &h), GR_UNUSABLE);
	assert_int_equal(problems->count, 2);
	assert_string_equal(problems->items[0].code, "holdout.not_a_label");
	assert_int_equal(problems->items[0].line, 3);
	assert_int_equal(problems->items[1].line, 4);
	assert_null(strstr(problems->items[0].message, "0.5"));
}

static void
test_holdout_blank_line_inside_is_unusable(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("0\n\n1\n", 0, &h), GR_UNUSABLE);
	assert_string_equal(problems->items[0].code, "holdout.blank_line");
	assert_int_equal(problems->items[0].line, 2);
}

static void
test_holdout_empty_file_is_unusable(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(parse("", 0, &h), GR_UNUSABLE);
	assert_string_equal(problems->items[0].code, "holdout.empty");
}

static void
test_holdout_missing_file_is_an_io_error(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(holdout_load("fixtures/no-such-holdout.csv", 0, &h,
				      problems),
			 GR_IO);
	assert_string_equal(problems->items[0].code, "holdout.unreadable");
	holdout_release(&h);
}

static void
test_holdout_demo_file_loads(void **state)
{
	struct holdout h;

	(void)state;
	assert_int_equal(holdout_load("fixtures/challenges/synthetic-claims/holdout.csv",
				      10000, &h, problems),
			 GR_OK);
	assert_int_equal(h.rows, 10000);
	assert_int_equal(h.positives, 2033);
	holdout_release(&h);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_holdout_plain_labels_are_read_in_order),
		T(test_holdout_header_crlf_bom_and_no_final_newline_are_accepted),
		T(test_holdout_cr_only_line_ends_are_accepted_like_the_scores),
		T(test_holdout_quoted_column_name_is_a_header),
		T(test_holdout_sha256_is_of_the_file_bytes),
		T(test_holdout_one_class_is_unusable_without_saying_which),
		T(test_holdout_wrong_row_count_is_unusable),
		T(test_holdout_value_other_than_a_label_gives_its_line_not_its_content),
		T(test_holdout_blank_line_inside_is_unusable),
		T(test_holdout_empty_file_is_unusable),
		T(test_holdout_missing_file_is_an_io_error),
		T(test_holdout_demo_file_loads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
