/* Unit tests of the grade pipeline (grader/lib/grade.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "grade.h"

#define CHALLENGE "fixtures/challenges/synthetic-claims"
#define SUBS "fixtures/submissions/"

static struct challenge *challenge;
static struct holdout holdout;

static int
setup(void **state)
{
	struct problem_list *p = problems_new();

	(void)state;
	if (challenge_load(CHALLENGE, &challenge, p) != GR_OK ||
	    holdout_load(challenge->holdout, challenge->rows, &holdout, p) !=
		GR_OK)
		return -1;
	problems_free(p);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	challenge_free(challenge);
	holdout_release(&holdout);
	return 0;
}

static struct grade_report *
run(const char *path, int scoring, const struct challenge *c)
{
	struct grade_options opt = { 0 };
	struct grade_report *r;

	opt.submission = path;
	opt.challenge = c ? c : challenge;
	opt.holdout = scoring ? &holdout : NULL;
	assert_int_equal(grade_run(&opt, &r), GR_OK);
	assert_non_null(r);
	return r;
}

static void
test_grade_pass_scores_both_models_like_scikit_learn(void **state)
{
	struct grade_report *r = run(SUBS "pass.zip", 1, NULL);
	unsigned char sum[32];
	uint64_t bytes;

	(void)state;
	assert_int_equal(r->status, GRADE_PASS);
	assert_string_equal(r->submission_name, "pass.zip");
	assert_int_equal(digest_file(SUBS "pass.zip", sum, &bytes), 0);
	assert_memory_equal(r->sha256, sum, 32);
	assert_int_equal(r->bytes, bytes);
	assert_int_equal(r->n_models, 2);
	assert_true(r->models[0].scored && r->models[1].scored);
	/* sklearn.metrics.roc_auc_score, fixtures/make-submissions.py */
	assert_true(fabs(r->models[0].auc.auc - 0.872059987240777) < 1e-12);
	assert_true(fabs(r->models[1].auc.auc - 0.8185648485689649) < 1e-12);
	assert_int_equal(r->best, 0);
	assert_true(r->has_comparison);
	assert_true(r->comparison.valid);
	assert_true(r->comparison.p_value < 1e-10);
	assert_int_equal(r->problems->count, 0);
	grade_report_free(r);
}

static void
test_grade_low_auc_fails_and_a_lower_bar_passes(void **state)
{
	struct grade_report *r = run(SUBS "fail-low-auc.zip", 1, NULL);
	struct grade_options opt = { 0 };

	(void)state;
	assert_int_equal(r->status, GRADE_FAIL);
	assert_true(r->pass_auc == 0.80);
	grade_report_free(r);
	opt.submission = SUBS "fail-low-auc.zip";
	opt.challenge = challenge;
	opt.holdout = &holdout;
	opt.pass_auc_set = 1;
	opt.pass_auc = 0.6859390349184483;	/* exactly the best AUC */
	assert_int_equal(grade_run(&opt, &r), GR_OK);
	assert_int_equal(r->status, GRADE_PASS);
	grade_report_free(r);
}

static void
test_grade_one_invalid_file_scores_the_other_and_fails(void **state)
{
	struct grade_report *r = run(SUBS "header-row.zip", 1, NULL);

	(void)state;
	assert_int_equal(r->status, GRADE_FAIL);
	assert_false(r->models[0].valid);
	assert_false(r->models[0].scored);
	assert_true(r->models[1].scored);
	assert_int_equal(r->best, 1);
	assert_false(r->has_comparison);
	assert_string_equal(r->problems->items[0].code, "csv.header");
	grade_report_free(r);
}

static void
test_check_with_an_invalid_file_is_invalid(void **state)
{
	struct grade_report *r = run(SUBS "header-row.zip", 0, NULL);

	(void)state;
	assert_int_equal(r->status, GRADE_INVALID);
	assert_false(r->models[1].scored);
	assert_int_equal(r->best, -1);
	grade_report_free(r);
}

static void
test_grade_missing_results2_names_no_expected_file_as_near_miss(void **state)
{
	struct grade_report *r = run(SUBS "missing-results2.zip", 1, NULL);
	const struct problem *p;

	(void)state;
	assert_int_equal(r->status, GRADE_FAIL);
	p = problems_find(r->problems, "results.missing");
	assert_non_null(p);
	assert_string_equal(p->file, "results2.csv");
	assert_string_equal(p->hint,
			    "Add it at the top of the zip: one probability per line, no header.");
	grade_report_free(r);
}

static void
test_grade_missing_writeup_fails_with_the_deliverable_named(void **state)
{
	struct grade_report *r = run(SUBS "fail-missing-writeup.zip", 1, NULL);

	(void)state;
	assert_int_equal(r->status, GRADE_FAIL);
	assert_int_equal(r->n_deliverables, 2);
	assert_true(r->deliverables[0].ok);
	assert_string_equal(r->deliverables[0].found[0], "model.py");
	assert_false(r->deliverables[1].ok);
	assert_int_equal(r->deliverables[1].n_found, 0);
	assert_string_equal(r->problems->items[0].code, "deliverable.missing");
	grade_report_free(r);
}

static void
test_grade_forbidden_file_fails(void **state)
{
	struct grade_report *r = run(SUBS "forbidden-train-csv.zip", 1, NULL);

	(void)state;
	assert_int_equal(r->status, GRADE_FAIL);
	assert_false(r->forbidden[0].ok);
	assert_string_equal(r->forbidden[0].found[0], "train.csv");
	grade_report_free(r);
}

static void
test_grade_forbidden_content_is_found_under_any_name(void **state)
{
	/* train.csv's content, renamed: found by its SHA-256. */
	static const char json[] =
	    "{\"id\": \"t\", \"results\": {\"files\": [\"results1.csv\", "
	    "\"results2.csv\"], \"rows\": 10000}, \"forbidden\": [{\"name\": "
	    "\"data\", \"patterns\": [\"nothing-matches\"], \"sha256\": [\"%s\"]}]}";
	const char *content = "id,x,y\n1,0.5,0\n";
	unsigned char sum[32];
	char hex[65], buf[512];
	struct problem_list *p = problems_new();
	struct challenge *c;
	struct grade_report *r;

	(void)state;
	digest_sha256(content, strlen(content), sum);
	digest_hex(sum, hex);
	snprintf(buf, sizeof buf, json, hex);
	assert_int_equal(challenge_parse(buf, strlen(buf), NULL, &c, p), GR_OK);
	r = run(SUBS "forbidden-train-csv.zip", 0, c);
	assert_int_equal(r->status, GRADE_FAIL);
	assert_string_equal(r->forbidden[0].found[0], "train.csv");
	assert_non_null(strstr(problems_find(r->problems, "forbidden.present")->message,
			       "has the content of data"));
	grade_report_free(r);
	challenge_free(c);
	problems_free(p);
}

static void
test_grade_files_under_one_folder_with_macos_junk_pass(void **state)
{
	struct grade_report *r = run(SUBS "one-folder-with-macosx.zip", 1, NULL);

	(void)state;
	assert_int_equal(r->status, GRADE_PASS);
	assert_string_equal(r->models[0].path, "alice/results1.csv");
	assert_int_equal(r->deliverables[0].n_found, 1);
	grade_report_free(r);
}

static void
test_grade_auc_below_half_warns_with_the_flipped_auc(void **state)
{
	struct grade_report *r = run(SUBS "inverted-probabilities.zip", 1, NULL);
	const struct problem *p = problems_find(r->problems, "auc.below_half");

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->severity, PROBLEM_WARNING);
	assert_string_equal(p->file, "results1.csv");
	assert_string_equal(p->message,
			    "AUC 0.1279 is below 0.5: with 1 - p this model would score 0.8721");
	assert_int_equal(r->status, GRADE_PASS);
	grade_report_free(r);
}

static void
test_grade_unreadable_submission_is_an_io_error_with_a_report(void **state)
{
	struct grade_options opt = { 0 };
	struct grade_report *r;

	(void)state;
	opt.submission = "fixtures/no-such.zip";
	opt.challenge = challenge;
	assert_int_equal(grade_run(&opt, &r), GR_IO);
	assert_non_null(r);
	assert_false(r->opened);
	assert_int_equal(r->status, GRADE_INVALID);
	assert_non_null(problems_find(r->problems, "input.unreadable"));
	grade_report_free(r);
}

static void
test_grade_deliverables_only_challenge_passes_on_deliverables(void **state)
{
	static const char json[] =
	    "{\"id\": \"essay\", \"deliverables\": [{\"name\": \"essay\", "
	    "\"patterns\": [\"*.MD\"]}, {\"name\": \"slides\", \"patterns\": "
	    "[\"*.pptx\"], \"required\": false}]}";
	struct problem_list *p = problems_new();
	struct challenge *c;
	struct grade_report *r;

	(void)state;
	assert_int_equal(challenge_parse(json, strlen(json), NULL, &c, p), GR_OK);
	r = run(SUBS "pass.zip", 1, c);
	assert_int_equal(r->status, GRADE_PASS);
	assert_int_equal(r->n_models, 0);
	assert_string_equal(r->deliverables[0].found[0], "write-up.md");
	assert_true(r->deliverables[1].ok);	/* optional */
	assert_int_equal(problems_find(r->problems, "deliverable.missing")->severity,
			 PROBLEM_WARNING);
	grade_report_free(r);
	challenge_free(c);
	problems_free(p);
}

static void
test_grade_status_names_are_the_scorecards(void **state)
{
	(void)state;
	assert_string_equal(grade_status_name(GRADE_PASS), "pass");
	assert_string_equal(grade_status_name(GRADE_FAIL), "fail");
	assert_string_equal(grade_status_name(GRADE_INVALID), "invalid");
	grade_report_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grade_pass_scores_both_models_like_scikit_learn),
		cmocka_unit_test(test_grade_low_auc_fails_and_a_lower_bar_passes),
		cmocka_unit_test(test_grade_one_invalid_file_scores_the_other_and_fails),
		cmocka_unit_test(test_check_with_an_invalid_file_is_invalid),
		cmocka_unit_test(test_grade_missing_results2_names_no_expected_file_as_near_miss),
		cmocka_unit_test(test_grade_missing_writeup_fails_with_the_deliverable_named),
		cmocka_unit_test(test_grade_forbidden_file_fails),
		cmocka_unit_test(test_grade_forbidden_content_is_found_under_any_name),
		cmocka_unit_test(test_grade_files_under_one_folder_with_macos_junk_pass),
		cmocka_unit_test(test_grade_auc_below_half_warns_with_the_flipped_auc),
		cmocka_unit_test(test_grade_unreadable_submission_is_an_io_error_with_a_report),
		cmocka_unit_test(test_grade_deliverables_only_challenge_passes_on_deliverables),
		cmocka_unit_test(test_grade_status_names_are_the_scorecards),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
