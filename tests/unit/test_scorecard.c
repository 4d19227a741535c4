/* Unit tests of the JSON scorecard (grader/lib/scorecard.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "scorecard.h"

static struct grade_report *
grade(const char *zip, int scoring, struct challenge **c, struct holdout *h)
{
	struct problem_list *p = problems_new();
	struct grade_options opt = { 0 };
	struct grade_report *r;

	assert_int_equal(challenge_load("fixtures/challenges/synthetic-claims", c, p), GR_OK);
	if (scoring)
		assert_int_equal(holdout_load((*c)->holdout, 10000, h, p), GR_OK);
	opt.submission = zip;
	opt.challenge = *c;
	opt.holdout = scoring ? h : NULL;
	assert_int_equal(grade_run(&opt, &r), GR_OK);
	problems_free(p);
	return r;
}

static void
test_scorecard_has_every_spec_field(void **state)
{
	static const char *const keys[] = {
		"schema_version", "grader_version", "challenge", "submission",
		"holdout_sha256", "status", "pass_auc", "models", "best",
		"comparison", "deliverables", "forbidden", "problems",
	};
	struct challenge *c;
	struct holdout h;
	struct grade_report *r = grade("fixtures/submissions/header-row.zip", 1, &c, &h);
	cJSON *built = scorecard_build(r, 1), *card, *m, *p;
	char *text;

	(void)state;
	/* Numbers are raw in the built tree: read the printed text back. */
	assert_non_null(built);
	text = cJSON_Print(built);
	card = cJSON_Parse(text);
	cJSON_free(text);
	cJSON_Delete(built);
	assert_non_null(card);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_non_null(cJSON_GetObjectItemCaseSensitive(card, keys[i]));
	assert_int_equal(cJSON_GetObjectItem(card, "schema_version")->valueint, 1);
	m = cJSON_GetArrayItem(cJSON_GetObjectItem(card, "models"), 0);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(m, "valid")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(m, "auc")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(m, "auc_ci95")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(card, "comparison")));
	p = cJSON_GetArrayItem(cJSON_GetObjectItem(card, "problems"), 0);
	assert_string_equal(cJSON_GetObjectItem(p, "severity")->valuestring, "error");
	assert_string_equal(cJSON_GetObjectItem(p, "code")->valuestring, "csv.header");
	assert_int_equal(cJSON_GetObjectItem(p, "line")->valueint, 1);
	cJSON_Delete(card);
	grade_report_free(r);
	holdout_release(&h);
	challenge_free(c);
}

static void
test_scorecard_numbers_read_back_as_the_same_double(void **state)
{
	struct challenge *c;
	struct holdout h;
	struct grade_report *r = grade("fixtures/submissions/pass.zip", 1, &c, &h);
	cJSON *card = scorecard_build(r, 1), *back, *m;
	char *text = cJSON_Print(card);

	(void)state;
	back = cJSON_Parse(text);
	m = cJSON_GetArrayItem(cJSON_GetObjectItem(back, "models"), 0);
	assert_true(cJSON_GetObjectItem(m, "auc")->valuedouble == r->models[0].auc.auc);
	assert_true(cJSON_GetObjectItem(m, "auc_se")->valuedouble == r->models[0].auc.se);
	cJSON_free(text);
	cJSON_Delete(back);
	cJSON_Delete(card);
	grade_report_free(r);
	holdout_release(&h);
	challenge_free(c);
}

static void
test_scorecard_check_form_has_no_scores_and_no_holdout(void **state)
{
	struct challenge *c;
	struct grade_report *r = grade("fixtures/submissions/pass.zip", 0, &c, NULL);
	cJSON *card = scorecard_build(r, 0), *m;

	(void)state;
	assert_null(cJSON_GetObjectItem(card, "holdout_sha256"));
	assert_null(cJSON_GetObjectItem(card, "best"));
	assert_null(cJSON_GetObjectItem(card, "comparison"));
	m = cJSON_GetArrayItem(cJSON_GetObjectItem(card, "models"), 0);
	assert_null(cJSON_GetObjectItem(m, "auc"));
	assert_string_equal(cJSON_GetObjectItem(card, "status")->valuestring, "pass");
	cJSON_Delete(card);
	grade_report_free(r);
	challenge_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scorecard_has_every_spec_field),
		cmocka_unit_test(test_scorecard_numbers_read_back_as_the_same_double),
		cmocka_unit_test(test_scorecard_check_form_has_no_scores_and_no_holdout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
