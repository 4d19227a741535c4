/*
 * leaderboard.c: rows from scorecards, ranked and flagged; leaderboard.json
 * and leaderboard.csv.
 */
#include "leaderboard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scorecard.h"
#include "textbuf.h"

/* Statuses in rank order. */
enum row_status { ROW_PASS, ROW_FAIL, ROW_INVALID, ROW_ERROR };

static const char *const status_names[] = { "pass", "fail", "invalid",
					    "error" };

/* Flags, in the order they are written. */
enum {
	FLAG_DUPLICATE = 1 << 0,	/* the same zip as another row */
	FLAG_COPIED = 1 << 1,		/* a results file of another row */
	FLAG_FORBIDDEN = 1 << 2,	/* a forbidden file is present */
	FLAG_MISSING = 1 << 3,		/* a required deliverable is missing */
	FLAG_NOT_GRADED = 1 << 4,	/* the grader could not grade it */
};

static const char *const flag_names[] = { "duplicate", "copied_results",
					  "forbidden_file",
					  "missing_deliverable",
					  "not_graded" };
#define N_FLAGS (sizeof flag_names / sizeof flag_names[0])

struct lb_model {
	char *file;
	int has_auc;
	double auc;
	char sha256[65];	/* "" when unknown */
};

struct lb_row {
	char *name, *submission;
	enum row_status status;
	int has_best;
	double best;
	struct lb_model *models;
	size_t n_models;
	char sha256[65];	/* "" when unknown */
	unsigned flags;
	long rank;		/* 0: none */
};

struct leaderboard {
	struct lb_row *rows;
	size_t n, cap;
};

struct leaderboard *
leaderboard_new(void)
{
	return calloc(1, sizeof(struct leaderboard));
}

static void
row_release(struct lb_row *r)
{
	free(r->name);
	free(r->submission);
	for (size_t m = 0; m < r->n_models; m++)
		free(r->models[m].file);
	free(r->models);
}

void
leaderboard_free(struct leaderboard *lb)
{
	if (lb == NULL)
		return;
	for (size_t i = 0; i < lb->n; i++)
		row_release(&lb->rows[i]);
	free(lb->rows);
	free(lb);
}

size_t
leaderboard_rows(const struct leaderboard *lb)
{
	return lb->n;
}

int
leaderboard_has(const struct leaderboard *lb, const char *name)
{
	for (size_t i = 0; i < lb->n; i++)
		if (strcmp(lb->rows[i].name, name) == 0)
			return 1;
	return 0;
}

/* A new, zeroed row at the end, or NULL when out of memory. */
static struct lb_row *
row_push(struct leaderboard *lb)
{
	if (lb->n == lb->cap) {
		size_t cap = lb->cap ? 2 * lb->cap : 16;
		struct lb_row *rows = realloc(lb->rows, cap * sizeof *rows);

		if (rows == NULL)
			return NULL;
		lb->rows = rows;
		lb->cap = cap;
	}
	memset(&lb->rows[lb->n], 0, sizeof lb->rows[0]);
	return &lb->rows[lb->n++];
}

static const char *
string_of(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Copies a 64-digit SHA-256 in hex, or leaves "" for anything else. */
static void
copy_sha(char out[65], const char *hex)
{
	out[0] = '\0';
	if (hex != NULL && strlen(hex) == 64)
		memcpy(out, hex, 65);
}

/* Whether any element of an array has "ok": false (and, with required,
 * also "required": true). */
static int
any_not_ok(const cJSON *list, int required)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, list) {
		const cJSON *ok = cJSON_GetObjectItemCaseSensitive(item, "ok");
		const cJSON *req = cJSON_GetObjectItemCaseSensitive(item,
		    "required");

		if (cJSON_IsFalse(ok) && (!required || cJSON_IsTrue(req)))
			return 1;
	}
	return 0;
}

enum leaderboard_status
leaderboard_add(struct leaderboard *lb, const char *name, const cJSON *card)
{
	const cJSON *sub = cJSON_GetObjectItemCaseSensitive(card, "submission");
	const cJSON *models = cJSON_GetObjectItemCaseSensitive(card, "models");
	const cJSON *best = cJSON_GetObjectItemCaseSensitive(card, "best");
	const char *status = string_of(card, "status");
	const char *subname = string_of(sub, "name");
	const cJSON *item;
	struct lb_row *r;
	int st = -1;

	for (int s = ROW_PASS; s <= ROW_INVALID; s++)
		if (status != NULL && strcmp(status, status_names[s]) == 0)
			st = s;
	if (string_of(card, "challenge") == NULL || subname == NULL ||
	    st < 0 || !cJSON_IsArray(models))
		return LEADERBOARD_NOT_A_SCORECARD;
	if ((r = row_push(lb)) == NULL)
		return LEADERBOARD_NOMEM;
	r->status = (enum row_status)st;
	r->name = strdup(name);
	r->submission = strdup(subname);
	copy_sha(r->sha256, string_of(sub, "sha256"));
	item = cJSON_GetObjectItemCaseSensitive(best, "auc");
	if (cJSON_IsNumber(item)) {
		r->has_best = 1;
		r->best = item->valuedouble;
	}
	if (any_not_ok(cJSON_GetObjectItemCaseSensitive(card, "forbidden"), 0))
		r->flags |= FLAG_FORBIDDEN;
	if (any_not_ok(cJSON_GetObjectItemCaseSensitive(card, "deliverables"),
	    1))
		r->flags |= FLAG_MISSING;
	r->models = calloc((size_t)cJSON_GetArraySize(models) + 1,
	    sizeof *r->models);
	if (r->name == NULL || r->submission == NULL || r->models == NULL)
		goto nomem;
	cJSON_ArrayForEach(item, models) {
		struct lb_model *m = &r->models[r->n_models];
		const cJSON *auc = cJSON_GetObjectItemCaseSensitive(item, "auc");
		const char *file = string_of(item, "file");

		m->file = strdup(file != NULL ? file : "");
		if (m->file == NULL)
			goto nomem;
		r->n_models++;
		if (cJSON_IsNumber(auc)) {
			m->has_auc = 1;
			m->auc = auc->valuedouble;
		}
		copy_sha(m->sha256, string_of(item, "sha256"));
	}
	return LEADERBOARD_OK;
nomem:
	row_release(r);
	lb->n--;
	return LEADERBOARD_NOMEM;
}

enum leaderboard_status
leaderboard_add_error(struct leaderboard *lb, const char *name,
		      const char *submission)
{
	struct lb_row *r = row_push(lb);

	if (r == NULL)
		return LEADERBOARD_NOMEM;
	r->status = ROW_ERROR;
	r->flags = FLAG_NOT_GRADED;
	r->name = strdup(name);
	r->submission = strdup(submission);
	if (r->name == NULL || r->submission == NULL) {
		row_release(r);
		lb->n--;
		return LEADERBOARD_NOMEM;
	}
	return LEADERBOARD_OK;
}

enum leaderboard_status
leaderboard_add_errors_from(struct leaderboard *lb, const cJSON *leaderboard)
{
	const cJSON *row;

	cJSON_ArrayForEach(row,
	    cJSON_GetObjectItemCaseSensitive(leaderboard, "rows")) {
		const char *status = string_of(row, "status");
		const char *name = string_of(row, "name");
		const char *submission = string_of(row, "submission");

		if (status == NULL || strcmp(status, "error") != 0 ||
		    name == NULL || submission == NULL ||
		    leaderboard_has(lb, name))
			continue;
		if (leaderboard_add_error(lb, name, submission) != LEADERBOARD_OK)
			return LEADERBOARD_NOMEM;
	}
	return LEADERBOARD_OK;
}

/* Passes first, then fails, invalid, errors; each by best AUC (none
 * last), then by name, so that the order never depends on input order. */
static int
compare_rows(const void *pa, const void *pb)
{
	const struct lb_row *a = pa, *b = pb;

	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	if (a->has_best != b->has_best)
		return a->has_best ? -1 : 1;
	if (a->has_best && a->best != b->best)
		return a->best > b->best ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Two rows share a results file when one file's bytes are another's. */
static int
share_results(const struct lb_row *a, const struct lb_row *b)
{
	for (size_t i = 0; i < a->n_models; i++) {
		if (a->models[i].sha256[0] == '\0')
			continue;
		for (size_t j = 0; j < b->n_models; j++)
			if (strcmp(a->models[i].sha256,
			    b->models[j].sha256) == 0)
				return 1;
	}
	return 0;
}

/*
 * Sorts, ranks and flags.  A rank is shared by rows of equal status and
 * best AUC ("1, 2, 2, 4"); rows without a best AUC have none.  Identical
 * zips are flagged "duplicate"; rows that share a results file without
 * being the same zip, "copied_results".
 */
static void
finish(struct leaderboard *lb)
{
	qsort(lb->rows, lb->n, sizeof lb->rows[0], compare_rows);
	for (size_t i = 0; i < lb->n; i++) {
		struct lb_row *r = &lb->rows[i];

		r->flags &= ~(unsigned)(FLAG_DUPLICATE | FLAG_COPIED);
		r->rank = 0;
		if (r->has_best)
			r->rank = (i > 0 && lb->rows[i - 1].has_best &&
			    lb->rows[i - 1].status == r->status &&
			    lb->rows[i - 1].best == r->best) ?
			    lb->rows[i - 1].rank : (long)i + 1;
	}
	for (size_t i = 0; i < lb->n; i++) {
		for (size_t j = i + 1; j < lb->n; j++) {
			struct lb_row *a = &lb->rows[i], *b = &lb->rows[j];

			if (a->sha256[0] != '\0' &&
			    strcmp(a->sha256, b->sha256) == 0) {
				a->flags |= FLAG_DUPLICATE;
				b->flags |= FLAG_DUPLICATE;
			} else if (share_results(a, b)) {
				a->flags |= FLAG_COPIED;
				b->flags |= FLAG_COPIED;
			}
		}
	}
}

/* cJSON helpers that remember a failed allocation. */
static cJSON *
put(int *ok, cJSON *parent, const char *key, cJSON *item)
{
	if (item == NULL) {
		*ok = 0;
		return NULL;
	}
	if (key != NULL)
		cJSON_AddItemToObject(parent, key, item);
	else
		cJSON_AddItemToArray(parent, item);
	return item;
}

static cJSON *
string_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? cJSON_CreateString(s) :
	    cJSON_CreateNull();
}

cJSON *
leaderboard_json(struct leaderboard *lb, const char *challenge)
{
	cJSON *root = cJSON_CreateObject(), *rows;
	int ok = 1;

	if (root == NULL)
		return NULL;
	finish(lb);
	put(&ok, root, "challenge", string_or_null(challenge));
	rows = put(&ok, root, "rows", cJSON_CreateArray());
	for (size_t i = 0; rows != NULL && i < lb->n; i++) {
		const struct lb_row *r = &lb->rows[i];
		cJSON *o = put(&ok, rows, NULL, cJSON_CreateObject()), *list;

		if (o == NULL)
			break;
		put(&ok, o, "rank", r->rank > 0 ?
		    scorecard_number((double)r->rank) : cJSON_CreateNull());
		put(&ok, o, "submission", cJSON_CreateString(r->submission));
		put(&ok, o, "name", cJSON_CreateString(r->name));
		put(&ok, o, "status",
		    cJSON_CreateString(status_names[r->status]));
		put(&ok, o, "best_auc", r->has_best ?
		    scorecard_number(r->best) : cJSON_CreateNull());
		list = put(&ok, o, "models", cJSON_CreateArray());
		for (size_t m = 0; list != NULL && m < r->n_models; m++) {
			cJSON *mo = put(&ok, list, NULL, cJSON_CreateObject());

			if (mo == NULL)
				break;
			put(&ok, mo, "file",
			    cJSON_CreateString(r->models[m].file));
			put(&ok, mo, "auc", r->models[m].has_auc ?
			    scorecard_number(r->models[m].auc) :
			    cJSON_CreateNull());
		}
		list = put(&ok, o, "flags", cJSON_CreateArray());
		for (size_t f = 0; list != NULL && f < N_FLAGS; f++)
			if (r->flags & (1u << f))
				put(&ok, list, NULL,
				    cJSON_CreateString(flag_names[f]));
		put(&ok, o, "sha256", string_or_null(r->sha256));
	}
	if (!ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* One CSV field, quoted when it holds a comma, a quote or a line end. */
static void
csv_field(struct textbuf *t, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		textbuf_puts(t, s);
		return;
	}
	textbuf_add(t, "\"", 1);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			textbuf_add(t, "\"", 1);
		textbuf_add(t, p, 1);
	}
	textbuf_add(t, "\"", 1);
}

static void
csv_number(struct textbuf *t, int has, double d)
{
	char buf[32];

	if (!has)
		return;
	scorecard_format_number(d, buf);
	textbuf_puts(t, buf);
}

char *
leaderboard_csv(struct leaderboard *lb)
{
	struct textbuf t = { 0 };
	size_t k = 2;
	char buf[32];

	finish(lb);
	for (size_t i = 0; i < lb->n; i++)
		if (lb->rows[i].n_models > k)
			k = lb->rows[i].n_models;
	textbuf_puts(&t, "rank,submission,status,best_auc");
	for (size_t m = 0; m < k; m++) {
		snprintf(buf, sizeof buf, ",auc_%zu", m + 1);
		textbuf_puts(&t, buf);
	}
	textbuf_puts(&t, ",flags,sha256\r\n");
	for (size_t i = 0; i < lb->n; i++) {
		const struct lb_row *r = &lb->rows[i];
		const char *sep = "";

		if (r->rank > 0) {
			snprintf(buf, sizeof buf, "%ld", r->rank);
			textbuf_puts(&t, buf);
		}
		textbuf_puts(&t, ",");
		/* A name a spreadsheet would run as a formula is quoted
		 * out: '=cmd|...' stays text. */
		if (strchr("=+-@\t\r", r->submission[0]) != NULL &&
		    r->submission[0] != '\0') {
			char *safe = malloc(strlen(r->submission) + 2);

			if (safe == NULL) {
				free(textbuf_finish(&t));
				return NULL;
			}
			safe[0] = '\'';
			strcpy(safe + 1, r->submission);
			csv_field(&t, safe);
			free(safe);
		} else {
			csv_field(&t, r->submission);
		}
		textbuf_puts(&t, ",");
		textbuf_puts(&t, status_names[r->status]);
		textbuf_puts(&t, ",");
		csv_number(&t, r->has_best, r->best);
		for (size_t m = 0; m < k; m++) {
			textbuf_puts(&t, ",");
			if (m < r->n_models)
				csv_number(&t, r->models[m].has_auc,
				    r->models[m].auc);
		}
		textbuf_puts(&t, ",");
		for (size_t f = 0; f < N_FLAGS; f++) {
			if (r->flags & (1u << f)) {
				textbuf_puts(&t, sep);
				textbuf_puts(&t, flag_names[f]);
				sep = ";";
			}
		}
		textbuf_puts(&t, ",");
		textbuf_puts(&t, r->sha256);
		textbuf_puts(&t, "\r\n");
	}
	return textbuf_finish(&t);
}
