/*
 * test_leaderboard.c: ranking, flags, leaderboard.json and leaderboard.csv
 * from scorecards (the files through the publisher, which renders a ranked
 * leaderboard).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaderboard.h"
#include "leaderboard_out.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define SHA_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"

/*
 * A scorecard with what the leaderboard reads: name, zip sha, status, the
 * two models' AUCs and results shas (auc < 0: null), deliverables and
 * forbidden ok.
 */
static cJSON *
card(const char *name, const char *sha, const char *status, double auc1,
     const char *sha1, double auc2, const char *sha2, int deliverables_ok,
     int forbidden_ok)
{
	char text[2048], a1[32], a2[32], best[64];
	double b = auc1 > auc2 ? auc1 : auc2;
	cJSON *c;

	snprintf(a1, sizeof a1, auc1 < 0 ? "null" : "%.17g", auc1);
	snprintf(a2, sizeof a2, auc2 < 0 ? "null" : "%.17g", auc2);
	if (b < 0)
		snprintf(best, sizeof best, "null");
	else
		snprintf(best, sizeof best, "{\"file\": \"x\", \"auc\": %.17g}",
		    b);
	snprintf(text, sizeof text,
	    "{\"schema_version\": 1, \"challenge\": \"ch\","
	    " \"submission\": {\"name\": \"%s\", \"sha256\": \"%s\"},"
	    " \"status\": \"%s\", \"models\": ["
	    "{\"file\": \"results1.csv\", \"auc\": %s, \"sha256\": \"%s\"},"
	    "{\"file\": \"results2.csv\", \"auc\": %s, \"sha256\": \"%s\"}],"
	    " \"best\": %s,"
	    " \"deliverables\": [{\"name\": \"code\", \"required\": true,"
	    " \"ok\": %s}, {\"name\": \"extra\", \"required\": false,"
	    " \"ok\": false}],"
	    " \"forbidden\": [{\"name\": \"data\", \"ok\": %s}]}",
	    name, sha, status, a1, sha1, a2, sha2, best,
	    deliverables_ok ? "true" : "false", forbidden_ok ? "true" : "false");
	c = cJSON_Parse(text);
	assert_non_null(c);
	return c;
}

static void
add(struct leaderboard *lb, const char *stem, cJSON *c)
{
	assert_int_equal(leaderboard_add(lb, stem, c), LEADERBOARD_OK);
	cJSON_Delete(c);
}

/* The files of a leaderboard, ranked first as the commands rank it. */
static cJSON *
json_of(struct leaderboard *lb, const char *challenge)
{
	leaderboard_rank(lb);
	return leaderboard_out_json(lb, challenge);
}

static char *
csv_of(struct leaderboard *lb)
{
	leaderboard_rank(lb);
	return leaderboard_out_csv(lb);
}

/* leaderboard.json as a reader sees it: printed, then parsed. */
static cJSON *
printed(struct leaderboard *lb)
{
	cJSON *tree = json_of(lb, "ch"), *back;
	char *text;

	assert_non_null(tree);
	text = cJSON_Print(tree);
	assert_non_null(text);
	back = cJSON_Parse(text);
	assert_non_null(back);
	cJSON_free(text);
	cJSON_Delete(tree);
	return back;
}

static const cJSON *
row(const cJSON *lbj, int i, const char *key)
{
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(lbj, "rows");

	return cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rows, i),
	    key);
}

static char *
flags_of(const cJSON *lbj, int i)
{
	char *s = cJSON_PrintUnformatted(row(lbj, i, "flags"));

	assert_non_null(s);
	return s;
}

/* Passes first by best AUC, then fails, invalid, errors; equal AUCs of one
 * status share a rank; rows without an AUC have none. */
static void
test_leaderboard_ranks_passes_first_then_by_auc(void **state)
{
	struct leaderboard *lb = leaderboard_new();
	cJSON *j;
	static const char *order[] = { "carol", "alice", "bob", "dave",
				       "erin", "frank" };
	static const int ranks[] = { 1, 2, 2, 4, 0, 0 };

	(void)state;
	assert_non_null(lb);
	add(lb, "dave", card("dave.zip", SHA_D, "fail", 0.95, "", 0.5, "", 0, 1));
	add(lb, "bob", card("bob.zip", SHA_B, "pass", 0.81, "", 0.7, "", 1, 1));
	add(lb, "alice", card("alice.zip", SHA_A, "pass", 0.7, "", 0.81, "", 1, 1));
	add(lb, "erin", card("erin.zip", SHA_C, "invalid", -1, "", -1, "", 1, 1));
	add(lb, "carol", card("carol.zip", "", "pass", 0.9, "", 0.2, "", 1, 1));
	assert_int_equal(leaderboard_add_error(lb, "frank", "frank.zip"),
	    LEADERBOARD_OK);
	assert_int_equal(leaderboard_rows(lb), 6);
	j = printed(lb);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(j,
	    "challenge")->valuestring, "ch");
	for (int i = 0; i < 6; i++) {
		const cJSON *rank = row(j, i, "rank");

		assert_string_equal(row(j, i, "name")->valuestring, order[i]);
		if (ranks[i] == 0)
			assert_true(cJSON_IsNull(rank));
		else
			assert_int_equal(rank->valueint, ranks[i]);
	}
	assert_string_equal(row(j, 5, "status")->valuestring, "error");
	assert_true(cJSON_IsNull(row(j, 5, "best_auc")));
	assert_true(cJSON_IsNull(row(j, 0, "sha256")));
	assert_string_equal(row(j, 1, "sha256")->valuestring, SHA_A);
	assert_true(row(j, 3, "best_auc")->valuedouble == 0.95);
	cJSON_Delete(j);
	leaderboard_free(lb);
	leaderboard_free(NULL);
}

static void
test_leaderboard_flags_shared_zips_and_results(void **state)
{
	struct leaderboard *lb = leaderboard_new();
	cJSON *j;
	char *f;

	(void)state;
	/* a and a2 are the same zip; b copied a's results2 as its results1;
	 * c shares nothing, misses a deliverable and holds a forbidden file. */
	add(lb, "a", card("a.zip", SHA_A, "pass", 0.9, SHA_C, 0.8, SHA_D, 1, 1));
	add(lb, "a2", card("a2.zip", SHA_A, "pass", 0.9, SHA_C, 0.8, SHA_D, 1, 1));
	add(lb, "b", card("b.zip", SHA_B, "pass", 0.8, SHA_D, 0.6, SHA_B, 1, 1));
	add(lb, "c", card("c.zip", "", "fail", 0.7, "", 0.6, "", 0, 0));
	assert_int_equal(leaderboard_add_error(lb, "z", "z.zip"),
	    LEADERBOARD_OK);
	j = printed(lb);
	f = flags_of(j, 0);
	assert_string_equal(f, "[\"duplicate\",\"copied_results\"]");
	free(f);
	f = flags_of(j, 1);
	assert_string_equal(f, "[\"duplicate\",\"copied_results\"]");
	free(f);
	f = flags_of(j, 2);
	assert_string_equal(f, "[\"copied_results\"]");
	free(f);
	f = flags_of(j, 3);
	assert_string_equal(f, "[\"forbidden_file\",\"missing_deliverable\"]");
	free(f);
	f = flags_of(j, 4);
	assert_string_equal(f, "[\"not_graded\"]");
	free(f);
	cJSON_Delete(j);
	leaderboard_free(lb);
}

static void
test_leaderboard_csv_is_rfc4180_and_formula_safe(void **state)
{
	struct leaderboard *lb = leaderboard_new();
	char *csv;

	(void)state;
	add(lb, "q", card("a,\\\"b\\\".zip", SHA_A, "pass", 0.875, "", 0.5, "",
	    1, 1));
	add(lb, "f", card("=HYPERLINK(1).zip", SHA_B, "fail", 0.1, "", -1, "",
	    1, 0));
	add(lb, "n", card("n.zip", "", "invalid", -1, "", -1, "", 1, 1));
	csv = csv_of(lb);
	assert_non_null(csv);
	assert_string_equal(csv,
	    "rank,submission,status,best_auc,auc_1,auc_2,flags,sha256\r\n"
	    "1,\"a,\"\"b\"\".zip\",pass,0.875,0.875,0.5,," SHA_A "\r\n"
	    "2,'=HYPERLINK(1).zip,fail,0.1,0.1,,forbidden_file," SHA_B "\r\n"
	    ",n.zip,invalid,,,,,\r\n");
	free(csv);
	leaderboard_free(lb);
}

/* The same scorecards in another order give the same bytes. */
static void
test_leaderboard_does_not_depend_on_input_order(void **state)
{
	struct leaderboard *x = leaderboard_new(), *y = leaderboard_new();
	char *cx, *cy, *jx, *jy;
	cJSON *tx, *ty;

	(void)state;
	add(x, "a", card("a.zip", SHA_A, "pass", 0.8, "", 0.8, "", 1, 1));
	add(x, "b", card("b.zip", SHA_B, "pass", 0.8, "", 0.7, "", 1, 1));
	add(x, "c", card("c.zip", SHA_C, "invalid", -1, "", -1, "", 1, 1));
	add(y, "c", card("c.zip", SHA_C, "invalid", -1, "", -1, "", 1, 1));
	add(y, "b", card("b.zip", SHA_B, "pass", 0.8, "", 0.7, "", 1, 1));
	add(y, "a", card("a.zip", SHA_A, "pass", 0.8, "", 0.8, "", 1, 1));
	cx = csv_of(x);
	cy = csv_of(y);
	assert_string_equal(cx, cy);
	tx = json_of(x, "ch");
	ty = json_of(y, "ch");
	jx = cJSON_Print(tx);
	jy = cJSON_Print(ty);
	assert_string_equal(jx, jy);
	free(cx);
	free(cy);
	cJSON_free(jx);
	cJSON_free(jy);
	cJSON_Delete(tx);
	cJSON_Delete(ty);
	leaderboard_free(x);
	leaderboard_free(y);
}

static void
test_leaderboard_refuses_what_is_not_a_scorecard(void **state)
{
	static const char *bad[] = {
		"{}",
		"{\"challenge\": \"ch\", \"submission\": {\"name\": \"a\"},"
		" \"status\": \"pass\"}",
		"{\"challenge\": \"ch\", \"submission\": {\"name\": \"a\"},"
		" \"status\": \"great\", \"models\": []}",
		"{\"challenge\": \"ch\", \"submission\": {}, \"status\": \"pass\","
		" \"models\": []}",
		"{\"submission\": {\"name\": \"a\"}, \"status\": \"pass\","
		" \"models\": []}",
		"[1, 2]",
	};
	struct leaderboard *lb = leaderboard_new();

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON *c = cJSON_Parse(bad[i]);

		assert_non_null(c);
		assert_int_equal(leaderboard_add(lb, "a", c),
		    LEADERBOARD_NOT_A_SCORECARD);
		cJSON_Delete(c);
	}
	assert_int_equal(leaderboard_rows(lb), 0);
	leaderboard_free(lb);
}

/* merge carries an earlier leaderboard's ungraded rows, once. */
static void
test_leaderboard_keeps_error_rows_of_an_earlier_leaderboard(void **state)
{
	struct leaderboard *lb = leaderboard_new();
	cJSON *old = cJSON_Parse("{\"challenge\": \"ch\", \"rows\": ["
	    "{\"name\": \"a\", \"submission\": \"a.zip\", \"status\": \"pass\"},"
	    "{\"name\": \"e\", \"submission\": \"e.zip\", \"status\": \"error\"},"
	    "{\"name\": \"b\", \"submission\": \"b.zip\", \"status\": \"error\"}"
	    "]}");

	(void)state;
	assert_non_null(old);
	add(lb, "b", card("b.zip", SHA_B, "pass", 0.8, "", 0.7, "", 1, 1));
	assert_int_equal(leaderboard_add_errors_from(lb, old), LEADERBOARD_OK);
	assert_int_equal(leaderboard_rows(lb), 2);
	assert_true(leaderboard_has(lb, "e"));
	assert_false(leaderboard_has(lb, "a"));
	cJSON_Delete(old);
	leaderboard_free(lb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_leaderboard_ranks_passes_first_then_by_auc),
		cmocka_unit_test(test_leaderboard_flags_shared_zips_and_results),
		cmocka_unit_test(
		    test_leaderboard_csv_is_rfc4180_and_formula_safe),
		cmocka_unit_test(
		    test_leaderboard_does_not_depend_on_input_order),
		cmocka_unit_test(
		    test_leaderboard_refuses_what_is_not_a_scorecard),
		cmocka_unit_test(
		    test_leaderboard_keeps_error_rows_of_an_earlier_leaderboard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
