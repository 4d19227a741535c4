/* Unit tests of the challenge loader (grader/lib/challenge.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "challenge.h"

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
parse(const char *json, struct challenge **c)
{
	return challenge_parse(json, strlen(json), "/ch", c, problems);
}

/* Parses json, expects GR_UNUSABLE and a first problem of `code` whose
 * message contains `fragment`. */
static void
expect_unusable(const char *json, const char *code, const char *fragment)
{
	struct challenge *c = (struct challenge *)1;

	assert_int_equal(parse(json, &c), GR_UNUSABLE);
	assert_null(c);
	assert_true(problems->count >= 1);
	assert_string_equal(problems->items[0].code, code);
	assert_string_equal(problems->items[0].file, "challenge.json");
	if (strstr(problems->items[0].message, fragment) == NULL)
		fail_msg("'%s' not in '%s'", fragment,
			 problems->items[0].message);
}

static void
test_challenge_sample_loads_with_every_field(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(challenge_load("fixtures/challenges/synthetic-claims", &c,
					problems),
			 GR_OK);
	assert_string_equal(c->id, "insurance-claims");
	assert_int_equal(c->n_result_files, 2);
	assert_string_equal(c->result_files[0], "results1.csv");
	assert_string_equal(c->result_files[1], "results2.csv");
	assert_int_equal(c->rows, 10000);
	assert_true(c->pass_auc == 0.80);
	assert_string_equal(c->holdout,
			    "fixtures/challenges/synthetic-claims/holdout.csv");
	assert_int_equal(c->n_deliverables, 2);
	assert_string_equal(c->deliverables[1].name, "write-up");
	assert_true(c->deliverables[1].required);
	assert_int_equal(c->n_forbidden, 1);
	assert_int_equal(c->forbidden[0].n_patterns, 2);
	assert_int_equal(c->limits.entries, 1000);
	assert_int_equal(c->limits.zip_bytes, 52428800);
	assert_int_equal(c->limits.line_bytes, GR_LIMIT_LINE_BYTES);
	assert_true(challenge_is_scored(c));
	assert_int_equal(problems->count, 0);
	challenge_free(c);
}

static void
test_challenge_minimal_gets_the_documented_defaults(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(parse("{\"id\": \"x\", \"results\": {\"files\": "
			       "[\"a.csv\"], \"rows\": 5}}", &c),
			 GR_OK);
	assert_true(c->pass_auc == 0.5);
	assert_null(c->holdout);
	assert_int_equal(c->n_deliverables, 0);
	assert_int_equal(c->n_forbidden, 0);
	assert_int_equal(c->limits.total_bytes, GR_LIMIT_TOTAL_BYTES);
	challenge_free(c);
}

static void
test_challenge_a_deliverables_length_is_read_and_checked(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(parse("{\"id\": \"x\", \"deliverables\": ["
			       "{\"name\": \"code\", \"patterns\": [\"*.py\"]},"
			       "{\"name\": \"w\", \"patterns\": [\"*.pdf\"],"
			       " \"length\": {\"pages\": [1, 4], \"words\": [0, 1500]}},"
			       "{\"name\": \"n\", \"patterns\": [\"*.md\"],"
			       " \"length\": {\"words\": [300, 300]}}]}", &c),
			 GR_OK);
	assert_false(c->deliverables[0].pages.set);
	assert_false(c->deliverables[0].words.set);
	assert_true(c->deliverables[1].pages.set);
	assert_int_equal(c->deliverables[1].pages.min, 1);
	assert_int_equal(c->deliverables[1].pages.max, 4);
	assert_true(c->deliverables[1].words.set);
	assert_int_equal(c->deliverables[1].words.min, 0);
	assert_int_equal(c->deliverables[1].words.max, 1500);
	assert_false(c->deliverables[2].pages.set);
	assert_int_equal(c->deliverables[2].words.min, 300);
	assert_int_equal(c->deliverables[2].words.max, 300);
	challenge_free(c);

	expect_unusable("{\"id\": \"x\", \"deliverables\": [{\"name\": \"w\","
			" \"patterns\": [\"*.pdf\"], \"length\": {\"pages\": [4, 1]}}]}",
			"challenge.value",
			"deliverables[0].length.pages: the minimum 4 is above the maximum 1");
	problems_free(problems);
	problems = problems_new();
	expect_unusable("{\"id\": \"x\", \"deliverables\": [{\"name\": \"w\","
			" \"patterns\": [\"*.pdf\"], \"length\": {\"pages\": [0, 0]}}]}",
			"challenge.value",
			"deliverables[0].length.pages[1] must be a whole number from 1 to");
	problems_free(problems);
	problems = problems_new();
	/* A length is a deliverable's: a forbidden rule has none. */
	expect_unusable("{\"id\": \"x\", \"forbidden\": [{\"name\": \"d\","
			" \"patterns\": [\"*.csv\"], \"length\": {\"words\": [1, 2]}}]}",
			"challenge.unknown_key", "unknown key \"length\"");
}

static void
test_challenge_deliverables_only_is_not_scored(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(parse("{\"id\": \"essay\", \"deliverables\": [{\"name\":"
			       " \"essay\", \"patterns\": [\"*.pdf\"]}]}", &c),
			 GR_OK);
	assert_false(challenge_is_scored(c));
	assert_true(c->deliverables[0].required);	/* the default */
	challenge_free(c);
}

static void
test_challenge_forbidden_sha256_is_decoded(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(parse("{\"id\": \"x\", \"deliverables\": [], \"forbidden\": "
			       "[{\"name\": \"data\", \"sha256\": [\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"]}]}",
			       &c),
			 GR_OK);
	assert_int_equal(c->forbidden[0].n_sha256, 1);
	assert_int_equal(c->forbidden[0].sha256[0][0], 0xe3);
	assert_int_equal(c->forbidden[0].sha256[0][31], 0x55);
	challenge_free(c);
}

static void
test_challenge_unknown_top_level_key_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"pass_acu\": 0.9, \"deliverables\": []}",
			"challenge.unknown_key", "\"pass_acu\"");
}

static void
test_challenge_unknown_nested_key_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"results\": {\"files\": [\"a\"], "
			"\"rows\": 3, \"row\": 4}}",
			"challenge.unknown_key", "in results");
}

static void
test_challenge_without_id_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"deliverables\": []}", "challenge.missing", "\"id\"");
}

static void
test_challenge_without_results_or_deliverables_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\"}", "challenge.missing",
			"neither \"results\" nor \"deliverables\"");
}

static void
test_challenge_pass_auc_out_of_range_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"deliverables\": [], \"pass_auc\": 1.5}",
			"challenge.value", "pass_auc must be from 0 to 1");
}

static void
test_challenge_pass_auc_of_the_wrong_type_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"deliverables\": [], \"pass_auc\": \"0.8\"}",
			"challenge.type", "pass_auc must be a number, not a string");
}

static void
test_challenge_fractional_rows_are_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"results\": {\"files\": [\"a\"], \"rows\": 2.5}}",
			"challenge.value", "results.rows must be a whole number");
}

static void
test_challenge_results_file_with_a_folder_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"results\": {\"files\": [\"a/b.csv\"], \"rows\": 5}}",
			"challenge.value", "without a folder");
}

static void
test_challenge_repeated_results_file_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"results\": {\"files\": [\"a\", \"a\"], \"rows\": 5}}",
			"challenge.value", "repeats \"a\"");
}

static void
test_challenge_bad_sha256_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"deliverables\": [], \"forbidden\": "
			"[{\"name\": \"d\", \"sha256\": [\"abc\"]}]}",
			"challenge.value", "is not a SHA-256 sum");
}

static void
test_challenge_zero_limit_is_refused(void **state)
{
	(void)state;
	expect_unusable("{\"id\": \"x\", \"deliverables\": [], \"limits\": {\"entries\": 0}}",
			"challenge.value", "limits.entries");
}

static void
test_challenge_invalid_json_names_the_line(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(parse("{\n\"id\": \"x\",\n\"deliverables\": [],\n}", &c),
			 GR_UNUSABLE);
	assert_string_equal(problems->items[0].code, "challenge.syntax");
	assert_int_equal(problems->items[0].line, 4);
}

static void
test_challenge_missing_folder_is_an_io_error(void **state)
{
	struct challenge *c;

	(void)state;
	assert_int_equal(challenge_load("fixtures/no-such-folder", &c, problems),
			 GR_IO);
	assert_null(c);
	assert_string_equal(problems->items[0].code, "challenge.unreadable");
}

static void
test_challenge_default_is_two_files_of_ten_thousand_rows(void **state)
{
	struct challenge *c = challenge_default();

	(void)state;
	assert_non_null(c);
	assert_string_equal(c->id, "default");
	assert_int_equal(c->n_result_files, 2);
	assert_int_equal(c->rows, 10000);
	assert_null(c->dir);
	challenge_free(c);
	challenge_free(NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_challenge_sample_loads_with_every_field),
		T(test_challenge_minimal_gets_the_documented_defaults),
		T(test_challenge_a_deliverables_length_is_read_and_checked),
		T(test_challenge_deliverables_only_is_not_scored),
		T(test_challenge_forbidden_sha256_is_decoded),
		T(test_challenge_unknown_top_level_key_is_refused),
		T(test_challenge_unknown_nested_key_is_refused),
		T(test_challenge_without_id_is_refused),
		T(test_challenge_without_results_or_deliverables_is_refused),
		T(test_challenge_pass_auc_out_of_range_is_refused),
		T(test_challenge_pass_auc_of_the_wrong_type_is_refused),
		T(test_challenge_fractional_rows_are_refused),
		T(test_challenge_results_file_with_a_folder_is_refused),
		T(test_challenge_repeated_results_file_is_refused),
		T(test_challenge_bad_sha256_is_refused),
		T(test_challenge_zero_limit_is_refused),
		T(test_challenge_invalid_json_names_the_line),
		T(test_challenge_missing_folder_is_an_io_error),
		T(test_challenge_default_is_two_files_of_ten_thousand_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
