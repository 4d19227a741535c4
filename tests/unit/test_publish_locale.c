/*
 * test_publish_locale.c: what the library and the publisher write does not
 * depend on the locale.  A program that links them may call
 * setlocale(LC_ALL, "de_DE.UTF-8"), whose decimal point is ','; the
 * scorecard, leaderboard.json, leaderboard.csv and both pages must still
 * have '.' decimals, byte for byte what they are in the C locale.
 *
 * The comma locale is taken from the system when one is installed, else
 * compiled into a private LOCPATH with localedef (Debian's "locales"
 * package, which make deps installs), as tests/cli/locale.sh does; when
 * neither works the tests are skipped, saying why.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "leaderboard.h"
#include "leaderboard_out.h"
#include "number.h"
#include "pages.h"
#include "scorecard.h"

#define CHALLENGE "fixtures/challenges/synthetic-claims"

/* Everything a batch publishes about two submissions. */
struct outputs {
	char *card;		/* pass.zip's scorecard, as grade prints it */
	char *board_json, *board_csv;
	char *page, *index;
};

static void
outputs_free(struct outputs *o)
{
	cJSON_free(o->card);
	cJSON_free(o->board_json);
	free(o->board_csv);
	free(o->page);
	free(o->index);
}

/* The scorecard of a fixture, graded now (under the current locale). */
static cJSON *
graded(const char *zip)
{
	struct problem_list *p = problems_new();
	struct grade_options opt = { 0 };
	struct grade_report *r;
	struct challenge *c;
	struct holdout h = { 0 };
	cJSON *card;

	assert_non_null(p);
	assert_int_equal(challenge_load(CHALLENGE, &c, p), GR_OK);
	assert_int_equal(holdout_load(c->holdout, c->rows, &h, p), GR_OK);
	opt.submission = zip;
	opt.challenge = c;
	opt.holdout = &h;
	assert_int_equal(grade_run(&opt, &r), GR_OK);
	card = scorecard_build(r, 1);
	assert_non_null(card);
	grade_report_free(r);
	holdout_release(&h);
	challenge_free(c);
	problems_free(p);
	return card;
}

/* Grades, ranks and renders, as grade, batch and merge do. */
static void
render_all(struct outputs *o)
{
	cJSON *pass = graded("fixtures/submissions/pass.zip");
	cJSON *low = graded("fixtures/submissions/fail-low-auc.zip");
	struct leaderboard *lb = leaderboard_new();
	cJSON *board;

	assert_non_null(lb);
	assert_int_equal(leaderboard_add(lb, "pass", pass), LEADERBOARD_OK);
	assert_int_equal(leaderboard_add(lb, "fail-low-auc", low),
	    LEADERBOARD_OK);
	leaderboard_rank(lb);
	board = leaderboard_out_json(lb, "insurance-claims");
	assert_non_null(board);
	o->card = cJSON_Print(pass);
	o->board_json = cJSON_Print(board);
	o->board_csv = leaderboard_out_csv(lb);
	o->page = pages_submission(pass);
	o->index = pages_index(board);
	assert_non_null(o->card);
	assert_non_null(o->board_json);
	assert_non_null(o->board_csv);
	assert_non_null(o->page);
	assert_non_null(o->index);
	cJSON_Delete(board);
	cJSON_Delete(pass);
	cJSON_Delete(low);
	leaderboard_free(lb);
}

/*
 * Sets LC_ALL to a locale whose decimal point is ','.  Returns 0 when none
 * can be had (the caller skips).
 */
static int
set_comma_locale(void)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	};
	/* A name that tests/cli/hostile-corpus.sh knows for a test run's, so
	 * that a run beside it does not take it for a hostile write. */
	char dir[] = "/tmp/grader-tests.locale.XXXXXX", cmd[256];
	int ok;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_ALL, names[i]) != NULL)
			return 1;
	if (mkdtemp(dir) == NULL)
		return 0;
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 "
	    "%s/de_DE.UTF-8 2>/dev/null", dir);
	ok = system(cmd) == 0 && setenv("LOCPATH", dir, 1) == 0 &&
	    setlocale(LC_ALL, "de_DE.UTF-8") != NULL;
	/* The locale is loaded: its files are no longer needed. */
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		ok = 0;
	return ok;
}

/* Renders under the comma locale, then goes back to C.  Skips the test
 * when no comma locale can be had. */
static void
render_in_comma_locale(struct outputs *o)
{
	char half[8];

	if (!set_comma_locale()) {
		print_message("skip: no decimal-comma locale (de_DE.UTF-8) is "
		    "installed and localedef cannot compile one (Debian "
		    "package 'locales')\n");
		setlocale(LC_ALL, "C");
		skip();
	}
	/* The locale is in effect: the C library writes a decimal comma. */
	snprintf(half, sizeof half, "%.2f", 0.25);
	render_all(o);
	setlocale(LC_ALL, "C");
	assert_string_equal(half, "0,25");
}

static void
test_scorecard_leaderboard_and_pages_are_the_same_bytes_in_a_comma_locale(
    void **state)
{
	struct outputs c = { 0 }, de = { 0 };

	(void)state;
	/* The comma locale first: a skip then leaves nothing allocated. */
	render_in_comma_locale(&de);
	setlocale(LC_ALL, "C");
	render_all(&c);
	assert_string_equal(c.card, de.card);
	assert_string_equal(c.board_json, de.board_json);
	assert_string_equal(c.board_csv, de.board_csv);
	assert_string_equal(c.page, de.page);
	assert_string_equal(c.index, de.index);
	outputs_free(&c);
	outputs_free(&de);
}

/* Whether s has a digit, a comma and a digit in a row: a decimal comma
 * (cJSON separates array items with ", "). */
static int
has_decimal_comma(const char *s)
{
	for (; *s != '\0'; s++)
		if (s[0] >= '0' && s[0] <= '9' && s[1] == ',' &&
		    s[2] >= '0' && s[2] <= '9')
			return 1;
	return 0;
}

/* The figures themselves: '.' decimals, and JSON that parses. */
static void
test_comma_locale_outputs_have_point_decimals(void **state)
{
	struct outputs de = { 0 };
	cJSON *card, *best, *board;

	(void)state;
	render_in_comma_locale(&de);
	card = cJSON_Parse(de.card);
	assert_non_null(card);
	best = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(card, "best"), "auc");
	assert_true(cJSON_IsNumber(best));
	assert_non_null(strstr(de.card, "\"pass_auc\":\t0.8"));
	assert_false(has_decimal_comma(de.card));
	board = cJSON_Parse(de.board_json);
	assert_non_null(board);
	cJSON_Delete(board);
	assert_false(has_decimal_comma(de.board_json));
	/* leaderboard.csv: "1,pass.zip,pass,0.87..." */
	assert_non_null(strstr(de.board_csv, ",pass,0."));
	assert_non_null(strstr(de.page, "AUC ≥ 0.8000"));
	assert_non_null(strstr(de.index, ">0.8"));
	cJSON_Delete(card);
	outputs_free(&de);
}

/*
 * Problem messages carry figures too: the inverted fixture's auc.below_half
 * warning ("AUC 0.1279 is below 0.5: with 1 - p ...") must read the same,
 * with its points, in a comma locale.
 */
static void
test_problem_messages_keep_their_points_in_a_comma_locale(void **state)
{
	cJSON *c_card, *de_card;
	char *c_text, *de_text;

	(void)state;
	if (!set_comma_locale()) {
		print_message("skip: no decimal-comma locale\n");
		setlocale(LC_ALL, "C");
		skip();
	}
	de_card = graded("fixtures/submissions/inverted-probabilities.zip");
	setlocale(LC_ALL, "C");
	c_card = graded("fixtures/submissions/inverted-probabilities.zip");
	c_text = cJSON_Print(c_card);
	de_text = cJSON_Print(de_card);
	assert_non_null(strstr(c_text, "auc.below_half"));
	assert_non_null(strstr(de_text, "is below 0.5: with 1 - p this model "
			       "would score 0."));
	assert_string_equal(c_text, de_text);
	cJSON_free(c_text);
	cJSON_free(de_text);
	cJSON_Delete(c_card);
	cJSON_Delete(de_card);
}

/* number.c's formatters alone. */
static void
test_number_format_ignores_a_comma_locale(void **state)
{
	char buf[NUMBER_BUF];

	(void)state;
	if (!set_comma_locale()) {
		print_message("skip: no decimal-comma locale\n");
		skip();
	}
	assert_string_equal(number_format(0.25, buf), "0.25");
	assert_string_equal(number_format(0.1, buf), "0.1");
	assert_string_equal(number_format(1.0 / 3, buf), "0.3333333333333333");
	assert_string_equal(number_format_as(0.87206, NUMBER_FIXED, 4, buf),
	    "0.8721");
	assert_string_equal(number_format_as(0.000123, NUMBER_SIG_ZEROS, 3,
	    buf), "0.000123");
	assert_string_equal(number_format_as(7.894788e-16, NUMBER_SCI, 3, buf),
	    "7.89e-16");
	assert_string_equal(number_format_as(0.8720599872407769, NUMBER_SIG,
	    17, buf), "0.87205998724077693");
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_scorecard_leaderboard_and_pages_are_the_same_bytes_in_a_comma_locale),
		cmocka_unit_test(test_comma_locale_outputs_have_point_decimals),
		cmocka_unit_test(test_number_format_ignores_a_comma_locale),
		cmocka_unit_test(test_problem_messages_keep_their_points_in_a_comma_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
