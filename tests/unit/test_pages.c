/* Unit tests of the HTML pages (grader/publish/pages.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

/* A hostile string, as JSON, and as it must appear once escaped. */
#define EVIL "\"<script>alert(\\\"x\\\")</script>&'\""
#define EVIL_ESCAPED "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"

/* A scorecard of two scored models, shaped as `grader grade` writes it. */
static const char graded_card[] =
	"{\"schema_version\": 1, \"grader_version\": \"0.1.0\","
	" \"challenge\": \"insurance-claims\","
	" \"submission\": {\"name\": \"pass.zip\", \"sha256\": \"cd87625800649eea\","
	"  \"bytes\": 48205},"
	" \"holdout_sha256\": \"2ad7f8cd0cbfc75d\", \"status\": \"pass\","
	" \"pass_auc\": 0.8,"
	" \"models\": [{\"file\": \"results1.csv\", \"path\": \"results1.csv\","
	"   \"valid\": true, \"rows\": 10000, \"auc\": 0.8720599872407769,"
	"   \"auc_se\": 0.004277026458644634,"
	"   \"auc_ci95\": [0.8636771694209086, 0.8804428050606453],"
	"   \"roc\": [[0, 0, 0.9], [5, 10, 0.5], [20, 30, 0.1]]},"
	"  {\"file\": \"results2.csv\", \"path\": \"alice/results2.csv\","
	"   \"valid\": true, \"rows\": 10000, \"auc\": 0.8185648485689648,"
	"   \"auc_se\": 0.005094947237866468,"
	"   \"auc_ci95\": [0.8085789354796147, 0.828550761658315],"
	"   \"roc\": [[0, 0, 0.9], [10, 15, 0.5], [20, 30, 0.1]]}],"
	" \"best\": {\"file\": \"results1.csv\", \"auc\": 0.8720599872407769},"
	" \"comparison\": {\"auc_difference\": 0.05349513867181217,"
	"  \"z\": 8.055819777090862, \"p_value\": 7.894788428557715e-16},"
	" \"deliverables\": [{\"name\": \"code\", \"required\": true,"
	"  \"found\": [\"model.py\"], \"ok\": true},"
	"  {\"name\": \"write-up\", \"required\": true, \"found\": [], \"ok\": false}],"
	" \"forbidden\": [{\"name\": \"original data\", \"found\": [\"train.csv\"],"
	"  \"ok\": false}],"
	" \"problems\": [{\"severity\": \"error\", \"code\": \"csv.header\","
	"  \"file\": \"results1.csv\", \"line\": 1,"
	"  \"message\": \"a header ('prediction')\", \"hint\": null}]}";

/* A leaderboard with a row of every status. */
static const char leaderboard[] =
	"{\"challenge\": \"insurance-claims\", \"rows\": ["
	" {\"rank\": 1, \"submission\": \"alice.zip\", \"name\": \"alice\","
	"  \"status\": \"pass\", \"best_auc\": 0.8720599872407769,"
	"  \"models\": [{\"file\": \"results1.csv\", \"auc\": 0.8720599872407769},"
	"   {\"file\": \"results2.csv\", \"auc\": null}],"
	"  \"flags\": [\"duplicate\"], \"sha256\": \"cd87\"},"
	" {\"rank\": 2, \"submission\": \"bob.zip\", \"name\": \"bob\","
	"  \"status\": \"fail\", \"best_auc\": 0.7,"
	"  \"models\": [{\"file\": \"results3.csv\", \"auc\": 0.6},"
	"   {\"file\": \"results1.csv\", \"auc\": 0.7}], \"flags\": []},"
	" {\"rank\": null, \"submission\": \"carol.zip\", \"name\": \"carol\","
	"  \"status\": \"invalid\", \"best_auc\": null, \"models\": [],"
	"  \"flags\": [\"missing_deliverable\"]},"
	" {\"rank\": null, \"submission\": \"dave.zip\", \"status\": \"error\","
	"  \"best_auc\": null, \"flags\": [\"not_graded\"]}]}";

static char *
render_card(const char *json)
{
	cJSON *card = cJSON_Parse(json);
	char *page;

	assert_non_null(card);
	page = pages_submission(card);
	cJSON_Delete(card);
	assert_non_null(page);
	return page;
}

static char *
render_index(const char *json)
{
	cJSON *lb = cJSON_Parse(json);
	char *page;

	assert_non_null(lb);
	page = pages_index(lb);
	cJSON_Delete(lb);
	assert_non_null(page);
	return page;
}

static void
assert_self_contained(const char *page)
{
	assert_true(strncmp(page, "<!DOCTYPE html>\n", 16) == 0);
	assert_non_null(strstr(page, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(page, "<title>"));
	assert_null(strstr(page, "http://"));
	assert_null(strstr(page, "https://"));
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "<link"));
	assert_null(strstr(page, "<img"));
	assert_null(strstr(page, "url("));
	assert_null(strstr(page, "@import"));
	assert_non_null(strstr(page, "</html>\n"));
}

static void
test_pages_submission_is_a_self_contained_html5_page(void **state)
{
	char *page = render_card(graded_card);

	(void)state;
	assert_self_contained(page);
	assert_non_null(strstr(page, "<title>pass.zip — insurance-claims</title>"));
	assert_non_null(strstr(page, "<span class=\"badge b-pass\">pass</span>"));
	assert_non_null(strstr(page, "<code>2ad7f8cd0cbfc75d</code>"));
	assert_non_null(strstr(page, "<h2>Paired comparison</h2>"));
	assert_non_null(strstr(page, "<code>train.csv</code>"));
	assert_non_null(strstr(page, "<code>results1.csv:1</code>"));
	free(page);
}

/* A deliverable's documents: each found path followed by its length, or
 * "(length unknown)" when neither is known; a file that is no document
 * (model.py) and a document entry for another path change nothing. */
static void
test_pages_submission_shows_each_documents_length(void **state)
{
	static const char card[] =
		"{\"schema_version\": 1, \"challenge\": \"data-findings\","
		" \"submission\": {\"name\": \"a.zip\"}, \"status\": \"pass\","
		" \"models\": [],"
		" \"deliverables\": [{\"name\": \"write-up\", \"required\": true,"
		"  \"found\": [\"model.py\", \"report.pdf\", \"notes.md\", \"x.docx\","
		"   \"one.md\"], \"ok\": true, \"documents\": ["
		"  {\"path\": \"report.pdf\", \"format\": \"pdf\", \"pages\": 9, \"words\": null},"
		"  {\"path\": \"notes.md\", \"format\": \"md\", \"pages\": null, \"words\": 1234},"
		"  {\"path\": \"x.docx\", \"format\": \"docx\", \"pages\": null, \"words\": null},"
		"  {\"path\": \"one.md\", \"format\": \"md\", \"pages\": null, \"words\": 1},"
		"  {\"path\": \"elsewhere.pdf\", \"format\": \"pdf\", \"pages\": 7, \"words\": null}]}],"
		" \"forbidden\": [], \"problems\": []}";
	char *page = render_card(card);

	(void)state;
	assert_non_null(strstr(page, "<code>model.py</code>, <code>report.pdf</code>"
				     " <span class=\"muted\">(9 pages)</span>"));
	assert_non_null(strstr(page, "<code>notes.md</code> <span class=\"muted\">"
				     "(1,234 words)</span>"));
	assert_non_null(strstr(page, "<code>x.docx</code> <span class=\"muted\">"
				     "(length unknown)</span>"));
	assert_non_null(strstr(page, "<code>one.md</code> <span class=\"muted\">"
				     "(1 word)</span>"));
	assert_null(strstr(page, "(7 pages)"));
	free(page);
}

static void
test_pages_index_is_a_self_contained_html5_page(void **state)
{
	char *page = render_index(leaderboard);

	(void)state;
	assert_self_contained(page);
	assert_non_null(strstr(page,
			       "<title>insurance-claims — leaderboard</title>"));
	assert_non_null(strstr(page, "<span class=\"badge b-fail\">fail</span>"));
	assert_non_null(strstr(page, "<span class=\"badge b-bad\">invalid</span>"));
	assert_non_null(strstr(page, "<span class=\"badge b-bad\">error</span>"));
	free(page);
}

static void
test_pages_submission_escapes_every_input_string(void **state)
{
	char *page = render_card(
		"{\"challenge\": " EVIL ", \"grader_version\": " EVIL ","
		" \"submission\": {\"name\": " EVIL ", \"sha256\": " EVIL "},"
		" \"holdout_sha256\": " EVIL ", \"status\": " EVIL ","
		" \"models\": [{\"file\": " EVIL ", \"path\": " EVIL ","
		"  \"roc\": [[0, 0, 1], [1, 1, 0]]}, {\"file\": " EVIL "}],"
		" \"best\": {\"file\": " EVIL "},"
		" \"comparison\": {\"z\": null},"
		" \"deliverables\": [{\"name\": " EVIL ", \"found\": [" EVIL "]}],"
		" \"forbidden\": [{\"name\": " EVIL ", \"found\": [" EVIL "]}],"
		" \"problems\": [{\"severity\": " EVIL ", \"code\": " EVIL ","
		"  \"file\": " EVIL ", \"message\": " EVIL ", \"hint\": " EVIL "}]}");
	size_t n = 0;

	(void)state;
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "alert(\"x\")"));
	assert_null(strstr(page, "&'"));
	for (const char *s = page; (s = strstr(s, EVIL_ESCAPED)) != NULL; s++)
		n++;
	/* Title (name and challenge), heading, challenge, best, two sums,
	 * grader, status, two files (the path equals the file, so is not
	 * repeated), legend, two comparison names, two rules, two found paths
	 * and five fields of the problem. */
	assert_int_equal(n, 23);
	free(page);
}

static void
test_pages_index_escapes_every_input_string(void **state)
{
	char *page = render_index(
		"{\"challenge\": " EVIL ", \"rows\": [{\"rank\": 1,"
		" \"submission\": " EVIL ", \"name\": " EVIL ", \"status\": " EVIL ","
		" \"models\": [{\"file\": " EVIL ", \"auc\": 0.5}],"
		" \"flags\": [" EVIL "]}]}");

	(void)state;
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "alert(\"x\")"));
	assert_null(strstr(page, "&'"));
	assert_non_null(strstr(page, "<title>" EVIL_ESCAPED " — leaderboard</title>"));
	assert_non_null(strstr(page, "<th class=\"num\">" EVIL_ESCAPED "</th>"));
	assert_non_null(strstr(page, "title=\"" EVIL_ESCAPED "\">" EVIL_ESCAPED
			       "</span>"));
	assert_non_null(strstr(page, "href=\"%3Cscript%3Ealert%28%22x%22%29%3C"
			       "%2Fscript%3E%26%27.html\">" EVIL_ESCAPED "</a>"));
	free(page);
}

static void
test_pages_index_link_target_is_percent_encoded(void **state)
{
	char *page = render_index(
		"{\"rows\": [{\"submission\": \"x.zip\", \"name\": \"a b#c?\\\"<\"},"
		" {\"name\": \"caf\\u00e9/../x:y~z_1.2-3\"}]}");

	(void)state;
	assert_non_null(strstr(page, "href=\"a%20b%23c%3F%22%3C.html\""));
	assert_non_null(strstr(page,
			       "href=\"caf%C3%A9%2F..%2Fx%3Ay~z_1.2-3.html\""));
	free(page);
}

static void
test_pages_roc_polyline_has_the_expected_coordinates(void **state)
{
	char *page = render_card(graded_card);

	(void)state;
	/* N = 20, P = 30; x = 56 + 320 fpr, y = 16 + 320 (1 - tpr). */
	assert_non_null(strstr(page, "<polyline points=\"56.00,336.00 "
			       "136.00,229.33 376.00,16.00\" fill=\"none\" "
			       "stroke=\"#0072B2\" stroke-width=\"2\""));
	/* The second model: another colour and a dash pattern. */
	assert_non_null(strstr(page, "<polyline points=\"56.00,336.00 "
			       "216.00,176.00 376.00,16.00\" fill=\"none\" "
			       "stroke=\"#D55E00\" stroke-width=\"2\" "
			       "stroke-dasharray=\"8 4\""));
	assert_non_null(strstr(page, "False positive rate</text>"));
	assert_non_null(strstr(page, "True positive rate</text>"));
	assert_non_null(strstr(page, ">0.75</text>"));
	/* The chance diagonal, dashed. */
	assert_non_null(strstr(page, "<line x1=\"56\" y1=\"336\" x2=\"376\" "
			       "y2=\"16\" stroke=\"#8c959f\" stroke-width=\"1.5\" "
			       "stroke-dasharray=\"6 5\"/>"));
	/* The legend: name and AUC of each model. */
	assert_non_null(strstr(page, ">results1.csv</text>\n<text x=\"436\" "
			       "y=\"48\">AUC 0.8721</text>"));
	free(page);
}

static void
test_pages_null_auc_is_a_dash_and_null_roc_omits_the_polyline(void **state)
{
	char *page = render_card(
		"{\"submission\": {\"name\": \"header-row.zip\"}, \"status\": \"fail\","
		" \"models\": [{\"file\": \"results1.csv\", \"path\": null,"
		"  \"valid\": false, \"rows\": null, \"auc\": null, \"auc_se\": null,"
		"  \"auc_ci95\": null, \"roc\": null}],"
		" \"best\": null, \"comparison\": null, \"problems\": []}");

	(void)state;
	assert_self_contained(page);
	assert_null(strstr(page, "<polyline"));
	assert_null(strstr(page, "<svg class=\"roc\""));
	assert_non_null(strstr(page, "No ROC curve"));
	assert_non_null(strstr(page, "<td class=\"num\">—</td><td class=\"num\">—"
			       "</td><td class=\"num\">—</td><td class=\"num\">—"
			       "</td></tr>"));
	assert_non_null(strstr(page, "<span class=\"no\">✘ no</span>"));
	assert_non_null(strstr(page, "<p>No problems.</p>"));
	assert_null(strstr(page, "Paired comparison"));
	free(page);
}

static void
test_pages_odd_typed_fields_still_render(void **state)
{
	static const char *const cards[] = {
		"{\"models\": 3, \"status\": null}",
		"{}", "[]", "null", "7", "\"text\"",
		"{\"submission\": \"x\", \"challenge\": 5, \"pass_auc\": \"high\","
		" \"best\": \"r\", \"comparison\": [1], \"deliverables\": {\"a\": 1},"
		" \"forbidden\": 2, \"problems\": {\"severity\": \"error\"},"
		" \"holdout_sha256\": false}",
		"{\"models\": [1, \"x\", null, [], {\"file\": 5, \"rows\": 1.5,"
		"  \"valid\": \"yes\", \"auc\": \"0.9\", \"auc_se\": [],"
		"  \"auc_ci95\": [1], \"roc\": [[1], [2, \"a\"]]},"
		"  {\"file\": \"r\", \"roc\": [[0, 0], [0, 0]]},"
		"  {\"file\": \"s\", \"roc\": {\"a\": [0, 0]}},"
		"  {\"file\": \"t\", \"roc\": [[0, 0, 1]], \"auc_ci95\": [\"a\", null]}],"
		" \"comparison\": {\"auc_difference\": \"big\", \"z\": {}, \"p_value\": -1},"
		" \"deliverables\": [3, {\"found\": [1, null, \"ok.py\"], \"ok\": 1}],"
		" \"problems\": [1, {\"line\": 7}, {\"file\": \"f\", \"line\": 2.5}]}",
	};
	cJSON *card;
	char *page;

	(void)state;
	for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
		page = render_card(cards[i]);
		assert_self_contained(page);
		assert_null(strstr(page, "<polyline"));
		free(page);
	}
	card = cJSON_CreateObject();
	assert_non_null(cJSON_AddNumberToObject(card, "pass_auc", NAN));
	page = pages_submission(card);
	assert_non_null(page);
	free(page);
	cJSON_Delete(card);
	page = pages_submission(NULL);
	assert_non_null(page);
	assert_self_contained(page);
	free(page);
}

static void
test_pages_index_odd_typed_fields_still_render(void **state)
{
	static const char *const boards[] = {
		"{}", "[]", "null", "{\"rows\": 3, \"challenge\": null}",
		"{\"rows\": [1, null, {\"rank\": \"first\", \"name\": 3,"
		" \"status\": 4, \"best_auc\": \"high\", \"models\": {\"file\": \"a\"},"
		" \"flags\": \"duplicate\"}, {\"models\": [1, {\"file\": null},"
		" {\"file\": \"r1\", \"auc\": \"x\"}], \"flags\": [1, null, {}],"
		" \"rank\": 1.5, \"name\": \"\"}]}",
	};
	char *page;

	(void)state;
	for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++) {
		page = render_index(boards[i]);
		assert_self_contained(page);
		assert_null(strstr(page, "href="));
		free(page);
	}
	page = pages_index(NULL);
	assert_non_null(page);
	assert_non_null(strstr(page, "<p>0 submissions: 0 pass, 0 fail, "
			       "0 invalid, 0 error</p>"));
	free(page);
}

static void
test_pages_numbers_are_rounded_for_people(void **state)
{
	char *page = render_card(graded_card);

	(void)state;
	assert_non_null(strstr(page, "<td class=\"num\">10,000</td>"
			       "<td class=\"num\">0.8721</td>"
			       "<td class=\"num\">0.004277</td>"
			       "<td class=\"num\">0.8637 – 0.8804</td>"));
	assert_non_null(strstr(page, "<dd>48,205 bytes</dd>"));
	assert_non_null(strstr(page, "<dd>AUC ≥ 0.8000</dd>"));
	assert_non_null(strstr(page, "<td class=\"num\">0.0535</td>"
			       "<td class=\"num\">8.06</td>"
			       "<td class=\"num\">7.89 × 10<sup>−16</sup></td>"));
	free(page);
	page = render_card("{\"comparison\": {\"auc_difference\": -0.00001,"
			   " \"z\": -2.345, \"p_value\": 0.012345}}");
	assert_non_null(strstr(page, "<td class=\"num\">0.0000</td>"
			       "<td class=\"num\">-2.35</td>"
			       "<td class=\"num\">0.0123</td>"));
	free(page);
	page = render_card("{\"comparison\": {\"auc_difference\": 0,"
			   " \"z\": null, \"p_value\": 0.00099949}}");
	assert_non_null(strstr(page, "<td class=\"num\">—</td>"
			       "<td class=\"num\">9.99 × 10<sup>−4</sup></td>"));
	assert_non_null(strstr(page, "no variance"));
	free(page);
	page = render_card("{\"comparison\": {\"p_value\": 0}}");
	assert_non_null(strstr(page, "&lt; 10<sup>−300</sup>"));
	free(page);
}

static void
test_pages_numbers_do_not_depend_on_the_locale(void **state)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	};
	char *in_c = render_card(graded_card), *in_other;
	char half[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	if (i == sizeof names / sizeof names[0]) {
		/* None installed: compile one into a private LOCPATH, as
		 * tests/cli/locale.sh does (Debian's "locales" package). */
		/* A test run's name, as tests/cli/hostile-corpus.sh
		 * knows them, so that a run beside it is not misled. */
		char dir[] = "/tmp/grader-tests.pages.XXXXXX", cmd[256];

		assert_non_null(mkdtemp(dir));
		snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 "
		    "%s/de_DE.UTF-8 2>/dev/null", dir);
		assert_int_equal(system(cmd), 0);
		assert_int_equal(setenv("LOCPATH", dir, 1), 0);
		assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
	/* The locale is in effect: the C library writes a decimal comma. */
	snprintf(half, sizeof half, "%.1f", 0.5);
	in_other = render_card(graded_card);
	setlocale(LC_NUMERIC, "C");
	assert_string_equal(half, "0,5");
	assert_string_equal(in_c, in_other);
	free(in_c);
	free(in_other);
}

static void
test_pages_index_summary_counts_every_status(void **state)
{
	char *page = render_index(leaderboard);

	(void)state;
	assert_non_null(strstr(page, "<p>4 submissions: 1 pass, 1 fail, "
			       "1 invalid, 1 error</p>"));
	free(page);
	page = render_index("{\"rows\": [{\"status\": \"pass\"}]}");
	assert_non_null(strstr(page, "<p>1 submission: 1 pass, 0 fail, "
			       "0 invalid, 0 error</p>"));
	free(page);
	page = render_index("{\"rows\": [{\"status\": \"pass\"},"
			    " {\"status\": \"queued\"}, {\"status\": null}]}");
	assert_non_null(strstr(page, "<p>3 submissions: 1 pass, 0 fail, "
			       "0 invalid, 0 error, 2 other</p>"));
	assert_non_null(strstr(page, "<span class=\"badge b-none\">queued</span>"));
	free(page);
}

static void
test_pages_index_has_a_column_per_model_file_in_order_of_first_appearance(
	void **state)
{
	char *page = render_index(leaderboard);

	(void)state;
	assert_non_null(strstr(page, "<th class=\"num\">Best AUC</th>"
			       "<th class=\"num\">results1.csv</th>"
			       "<th class=\"num\">results2.csv</th>"
			       "<th class=\"num\">results3.csv</th><th>Flags</th>"));
	/* Bob's AUCs land under their files, not in his order. */
	assert_non_null(strstr(page, "<a href=\"bob.html\">bob.zip</a></td>"
			       "<td><span class=\"badge b-fail\">fail</span></td>"
			       "<td class=\"num\">0.7000</td>"
			       "<td class=\"num\">0.7000</td>"
			       "<td class=\"num\">—</td>"
			       "<td class=\"num\">0.6000</td>"));
	/* Rows keep the given order. */
	assert_true(strstr(page, "alice.zip") < strstr(page, "bob.zip"));
	assert_true(strstr(page, "bob.zip") < strstr(page, "carol.zip"));
	assert_true(strstr(page, "carol.zip") < strstr(page, "dave.zip"));
	free(page);
}

static void
test_pages_index_row_without_name_has_no_link(void **state)
{
	char *page = render_index(leaderboard);

	(void)state;
	assert_non_null(strstr(page, "<tr><td class=\"num\">—</td>"
			       "<td>dave.zip</td>"));
	assert_non_null(strstr(page, "<a href=\"carol.html\">carol.zip</a>"));
	assert_null(strstr(page, "dave.html"));
	free(page);
}

static void
test_pages_index_flags_are_badges_that_explain_themselves(void **state)
{
	char *page = render_index(leaderboard);

	(void)state;
	assert_non_null(strstr(page, "<span class=\"flag b-bad\" title=\"The same "
			       "zip bytes as another submission.\">duplicate"
			       "</span>"));
	assert_non_null(strstr(page, "title=\"The grader could not grade this "
			       "submission.\">not graded</span>"));
	assert_non_null(strstr(page, ">missing deliverable</span>"));
	free(page);
	page = render_index("{\"rows\": [{\"name\": \"a\", \"flags\": "
			    "[\"copied_results\", \"forbidden_file\", \"brand_new\"]}]}");
	assert_non_null(strstr(page, "another submission&#39;s.\">copied results"
			       "</span>"));
	assert_non_null(strstr(page, ">forbidden file</span>"));
	assert_non_null(strstr(page, "<span class=\"flag b-none\" title=\"brand_new\">"
			       "brand_new</span>"));
	free(page);
}

/*
 * Turns every number of a parsed tree into raw text, as scorecard_number()
 * builds them (batch renders the trees it builds, not files read back).
 */
static void
numbers_to_raw(cJSON *node)
{
	cJSON *c, *next, *raw;
	char text[32];

	for (c = node->child; c != NULL; c = next) {
		next = c->next;
		if (!cJSON_IsNumber(c)) {
			numbers_to_raw(c);
			continue;
		}
		snprintf(text, sizeof text, "%.17g", c->valuedouble);
		raw = cJSON_CreateRaw(text);
		assert_non_null(raw);
		if (cJSON_IsObject(node))
			assert_true(cJSON_ReplaceItemInObjectCaseSensitive(
				node, c->string, raw));
		else
			assert_true(cJSON_ReplaceItemViaPointer(node, c, raw));
	}
}

static void
test_pages_read_the_raw_numbers_of_built_trees(void **state)
{
	cJSON *card = cJSON_Parse(graded_card), *lb = cJSON_Parse(leaderboard);
	cJSON *model;
	char *parsed_card = render_card(graded_card);
	char *parsed_index = render_index(leaderboard);
	char *page;

	(void)state;
	numbers_to_raw(card);
	numbers_to_raw(lb);
	assert_true(cJSON_IsRaw(cJSON_GetObjectItem(card, "pass_auc")));
	page = pages_submission(card);
	assert_non_null(page);
	assert_string_equal(page, parsed_card);
	free(page);
	page = pages_index(lb);
	assert_non_null(page);
	assert_string_equal(page, parsed_index);
	free(page);
	/* Raw text that is no number reads as absent. */
	model = cJSON_GetArrayItem(cJSON_GetObjectItem(card, "models"), 0);
	assert_true(cJSON_ReplaceItemInObjectCaseSensitive(model, "auc",
		cJSON_CreateRaw("true")));
	assert_true(cJSON_ReplaceItemInObjectCaseSensitive(model, "rows",
		cJSON_CreateRaw("1e99999")));
	page = pages_submission(card);
	assert_non_null(page);
	assert_non_null(strstr(page, "<td class=\"num\">—</td>"
			       "<td class=\"num\">—</td>"
			       "<td class=\"num\">0.004277</td>"));
	free(page);
	free(parsed_card);
	free(parsed_index);
	cJSON_Delete(card);
	cJSON_Delete(lb);
}

static void
test_pages_rendering_is_deterministic(void **state)
{
	char *a = render_card(graded_card), *b = render_card(graded_card);
	char *c = render_index(leaderboard), *d = render_index(leaderboard);

	(void)state;
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	free(a);
	free(b);
	free(c);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_submission_is_a_self_contained_html5_page),
		cmocka_unit_test(test_pages_submission_shows_each_documents_length),
		cmocka_unit_test(test_pages_index_is_a_self_contained_html5_page),
		cmocka_unit_test(test_pages_submission_escapes_every_input_string),
		cmocka_unit_test(test_pages_index_escapes_every_input_string),
		cmocka_unit_test(test_pages_index_link_target_is_percent_encoded),
		cmocka_unit_test(test_pages_roc_polyline_has_the_expected_coordinates),
		cmocka_unit_test(test_pages_null_auc_is_a_dash_and_null_roc_omits_the_polyline),
		cmocka_unit_test(test_pages_odd_typed_fields_still_render),
		cmocka_unit_test(test_pages_index_odd_typed_fields_still_render),
		cmocka_unit_test(test_pages_numbers_are_rounded_for_people),
		cmocka_unit_test(test_pages_numbers_do_not_depend_on_the_locale),
		cmocka_unit_test(test_pages_index_summary_counts_every_status),
		cmocka_unit_test(test_pages_index_has_a_column_per_model_file_in_order_of_first_appearance),
		cmocka_unit_test(test_pages_index_row_without_name_has_no_link),
		cmocka_unit_test(test_pages_index_flags_are_badges_that_explain_themselves),
		cmocka_unit_test(test_pages_read_the_raw_numbers_of_built_trees),
		cmocka_unit_test(test_pages_rendering_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
