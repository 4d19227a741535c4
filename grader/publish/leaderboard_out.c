/*
 * leaderboard_out.c: leaderboard.json and leaderboard.csv.
 */
#include "leaderboard_out.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "number.h"
#include "schema.h"
#include "scorecard.h"
#include "textbuf.h"

/* A string, or null when s is NULL or empty (an unknown SHA-256). */
static cJSON *
string_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? cJSON_CreateString(s) :
	    cJSON_CreateNull();
}

/* A number, or null when there is none. */
static cJSON *
number_or_null(int has, double d)
{
	return has ? scorecard_number(d) : cJSON_CreateNull();
}

/* One row of leaderboard.json. */
static void
add_row(struct scorecard_builder *b, cJSON *rows,
	const struct leaderboard_row *r)
{
	cJSON *o = scorecard_add(b, rows, NULL, cJSON_CreateObject()), *list;

	if (o == NULL)
		return;
	scorecard_add(b, o, SCHEMA_KEY_RANK,
	    number_or_null(r->rank > 0, (double)r->rank));
	scorecard_add_string(b, o, SCHEMA_KEY_SUBMISSION, r->submission);
	scorecard_add_string(b, o, SCHEMA_KEY_NAME, r->name);
	scorecard_add_string(b, o, SCHEMA_KEY_STATUS,
	    schema_status_name(r->status));
	scorecard_add(b, o, SCHEMA_KEY_BEST_AUC,
	    number_or_null(r->has_best, r->best));
	list = scorecard_add(b, o, SCHEMA_KEY_MODELS, cJSON_CreateArray());
	for (size_t m = 0; list != NULL && m < r->n_models; m++) {
		cJSON *mo = scorecard_add(b, list, NULL, cJSON_CreateObject());

		if (mo == NULL)
			break;
		scorecard_add_string(b, mo, SCHEMA_KEY_FILE,
		    r->models[m].file);
		scorecard_add(b, mo, SCHEMA_KEY_AUC,
		    number_or_null(r->models[m].has_auc, r->models[m].auc));
	}
	list = scorecard_add(b, o, SCHEMA_KEY_FLAGS, cJSON_CreateArray());
	for (size_t f = 0; list != NULL && f < SCHEMA_N_FLAGS; f++)
		if (r->flags & (1u << f))
			scorecard_add_string(b, list, NULL,
			    schema_flag_name(f));
	scorecard_add(b, o, SCHEMA_KEY_SHA256, string_or_null(r->sha256));
}

cJSON *
leaderboard_out_json(const struct leaderboard *lb, const char *challenge)
{
	struct scorecard_builder b = { 1 };
	cJSON *root, *rows;

	assert(leaderboard_is_ranked(lb));
	if ((root = cJSON_CreateObject()) == NULL)
		return NULL;
	scorecard_add(&b, root, SCHEMA_KEY_CHALLENGE,
	    string_or_null(challenge));
	rows = scorecard_add(&b, root, SCHEMA_KEY_ROWS, cJSON_CreateArray());
	for (size_t i = 0; rows != NULL && i < leaderboard_rows(lb); i++)
		add_row(&b, rows, leaderboard_row(lb, i));
	if (!b.ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/*
 * One CSV field: as it is, or, when it holds a comma, a quote or a line
 * end, quoted by libcsv's writer (quotes doubled).  Returns 0 when out of
 * memory.
 */
static int
put_field(struct textbuf *t, const char *s)
{
	size_t len = strlen(s), need;
	char *quoted;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		textbuf_add(t, s, len);
		return 1;
	}
	need = csv_write(NULL, 0, s, len);
	if (need == (size_t)-1 || (quoted = malloc(need)) == NULL)
		return 0;
	csv_write(quoted, need, s, len);
	textbuf_add(t, quoted, need);
	free(quoted);
	return 1;
}

/*
 * The submission's field.  A name a spreadsheet would run as a formula is
 * prefixed with ': '=cmd|...' stays text.  Returns 0 when out of memory.
 */
static int
put_submission(struct textbuf *t, const char *submission)
{
	char *safe;
	int ok;

	if (submission[0] == '\0' ||
	    strchr("=+-@\t\r", submission[0]) == NULL)
		return put_field(t, submission);
	if ((safe = malloc(strlen(submission) + 2)) == NULL)
		return 0;
	safe[0] = '\'';
	strcpy(safe + 1, submission);
	ok = put_field(t, safe);
	free(safe);
	return ok;
}

/* A number, or nothing when there is none. */
static void
put_number(struct textbuf *t, int has, double d)
{
	char buf[NUMBER_BUF];

	if (has)
		textbuf_puts(t, number_format(d, buf));
}

/* One row: rank,submission,status,best_auc,auc_1..auc_k,flags,sha256. */
static int
put_row(struct textbuf *t, const struct leaderboard_row *r, size_t k)
{
	const char *sep = "";
	char buf[NUMBER_BUF];

	if (r->rank > 0)
		textbuf_puts(t, number_format((double)r->rank, buf));
	textbuf_puts(t, ",");
	if (!put_submission(t, r->submission))
		return 0;
	textbuf_puts(t, ",");
	textbuf_puts(t, schema_status_name(r->status));
	textbuf_puts(t, ",");
	put_number(t, r->has_best, r->best);
	for (size_t m = 0; m < k; m++) {
		textbuf_puts(t, ",");
		if (m < r->n_models)
			put_number(t, r->models[m].has_auc, r->models[m].auc);
	}
	textbuf_puts(t, ",");
	for (size_t f = 0; f < SCHEMA_N_FLAGS; f++) {
		if (r->flags & (1u << f)) {
			textbuf_puts(t, sep);
			textbuf_puts(t, schema_flag_name(f));
			sep = SCHEMA_CSV_FLAG_SEPARATOR;
		}
	}
	textbuf_puts(t, ",");
	textbuf_puts(t, r->sha256);
	textbuf_puts(t, "\r\n");
	return 1;
}

char *
leaderboard_out_csv(const struct leaderboard *lb)
{
	struct textbuf t = { 0 };
	size_t k = 2, n = leaderboard_rows(lb);

	assert(leaderboard_is_ranked(lb));
	for (size_t i = 0; i < n; i++)
		if (leaderboard_row(lb, i)->n_models > k)
			k = leaderboard_row(lb, i)->n_models;
	textbuf_puts(&t, SCHEMA_CSV_LEAD);
	for (size_t m = 0; m < k; m++)
		textbuf_printf(&t, "," SCHEMA_CSV_AUC_PREFIX "%zu", m + 1);
	textbuf_puts(&t, "," SCHEMA_CSV_TAIL "\r\n");
	for (size_t i = 0; i < n; i++) {
		if (!put_row(&t, leaderboard_row(lb, i), k)) {
			free(textbuf_finish(&t));
			return NULL;
		}
	}
	return textbuf_finish(&t);
}
