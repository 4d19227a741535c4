/*
 * leaderboard.c: rows from scorecards, ranked and flagged.
 */
#include "leaderboard.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "scorecard.h"

struct leaderboard {
	struct leaderboard_row *rows;
	size_t n, cap;
	int ranked;
};

struct leaderboard *
leaderboard_new(void)
{
	return calloc(1, sizeof(struct leaderboard));
}

static void
row_release(struct leaderboard_row *r)
{
	free(r->name);
	free(r->submission);
	for (size_t m = 0; m < r->n_models; m++)
		free(r->models[m].file);
	free(r->models);
}

/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
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
static struct leaderboard_row *
row_push(struct leaderboard *lb)
{
	if (ALLOC_GROW(lb->rows, lb->n + 1, lb->cap) != 0)
		return NULL;
	memset(&lb->rows[lb->n], 0, sizeof lb->rows[0]);
	lb->ranked = 0;
	return &lb->rows[lb->n++];
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
		const cJSON *ok = scorecard_get(item, SCHEMA_KEY_OK);
		const cJSON *req = scorecard_get(item, SCHEMA_KEY_REQUIRED);

		if (cJSON_IsFalse(ok) && (!required || cJSON_IsTrue(req)))
			return 1;
	}
	return 0;
}

/* Copies the models of a scorecard into a row; returns 0 when out of
 * memory (what was copied is the row's, for row_release()). */
static int
copy_models(struct leaderboard_row *r, const cJSON *models)
{
	const cJSON *item;

	r->models = calloc((size_t)cJSON_GetArraySize(models) + 1,
	    sizeof *r->models);
	if (r->models == NULL)
		return 0;
	cJSON_ArrayForEach(item, models) {
		struct leaderboard_model *m = &r->models[r->n_models];
		const char *file = scorecard_get_string(item, SCHEMA_KEY_FILE);

		m->file = strdup(file != NULL ? file : "");
		if (m->file == NULL)
			return 0;
		r->n_models++;
		m->has_auc = scorecard_get_number(item, SCHEMA_KEY_AUC,
		    &m->auc);
		copy_sha(m->sha256, scorecard_get_string(item,
		    SCHEMA_KEY_SHA256));
	}
	return 1;
}

enum leaderboard_status
leaderboard_add(struct leaderboard *lb, const char *name, const cJSON *card)
{
	struct scorecard_view v;
	struct leaderboard_row *r;

	if (!scorecard_view(card, &v))
		return LEADERBOARD_NOT_A_SCORECARD;
	if ((r = row_push(lb)) == NULL)
		return LEADERBOARD_NOMEM;
	r->status = (enum schema_status)v.status_of;
	r->name = strdup(name);
	r->submission = strdup(v.name);
	copy_sha(r->sha256, v.sha256);
	r->has_best = v.has_best_auc;
	r->best = v.best_auc;
	if (any_not_ok(v.forbidden, 0))
		r->flags |= SCHEMA_FLAG_FORBIDDEN_FILE;
	if (any_not_ok(v.deliverables, 1))
		r->flags |= SCHEMA_FLAG_MISSING_DELIVERABLE;
	if (r->name == NULL || r->submission == NULL ||
	    !copy_models(r, v.models)) {
		row_release(r);
		lb->n--;
		return LEADERBOARD_NOMEM;
	}
	return LEADERBOARD_OK;
}

enum leaderboard_status
leaderboard_add_error(struct leaderboard *lb, const char *name,
		      const char *submission)
{
	struct leaderboard_row *r = row_push(lb);

	if (r == NULL)
		return LEADERBOARD_NOMEM;
	r->status = SCHEMA_ERROR;
	r->flags = SCHEMA_FLAG_NOT_GRADED;
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

	cJSON_ArrayForEach(row, scorecard_get(leaderboard, SCHEMA_KEY_ROWS)) {
		const char *status = scorecard_get_string(row,
		    SCHEMA_KEY_STATUS);
		const char *name = scorecard_get_string(row, SCHEMA_KEY_NAME);
		const char *submission = scorecard_get_string(row,
		    SCHEMA_KEY_SUBMISSION);

		if (schema_status_of(status) != SCHEMA_ERROR ||
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
	const struct leaderboard_row *a = pa, *b = pb;

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
share_results(const struct leaderboard_row *a, const struct leaderboard_row *b)
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

/* Ranks sorted rows: a rank is shared by rows of equal status and best
 * AUC; rows without a best AUC have none. */
static void
assign_ranks(struct leaderboard *lb)
{
	for (size_t i = 0; i < lb->n; i++) {
		struct leaderboard_row *r = &lb->rows[i];
		const struct leaderboard_row *prev = i > 0 ? &lb->rows[i - 1] :
		    NULL;

		r->rank = 0;
		if (!r->has_best)
			continue;
		r->rank = prev != NULL && prev->has_best &&
		    prev->status == r->status && prev->best == r->best ?
		    prev->rank : (long)i + 1;
	}
}

/* Flags every pair of rows of one zip, or that share a results file. */
static void
assign_copy_flags(struct leaderboard *lb)
{
	const unsigned mine = SCHEMA_FLAG_DUPLICATE |
	    SCHEMA_FLAG_COPIED_RESULTS;

	for (size_t i = 0; i < lb->n; i++)
		lb->rows[i].flags &= ~mine;
	for (size_t i = 0; i < lb->n; i++) {
		for (size_t j = i + 1; j < lb->n; j++) {
			struct leaderboard_row *a = &lb->rows[i];
			struct leaderboard_row *b = &lb->rows[j];

			if (a->sha256[0] != '\0' &&
			    strcmp(a->sha256, b->sha256) == 0) {
				a->flags |= SCHEMA_FLAG_DUPLICATE;
				b->flags |= SCHEMA_FLAG_DUPLICATE;
			} else if (share_results(a, b)) {
				a->flags |= SCHEMA_FLAG_COPIED_RESULTS;
				b->flags |= SCHEMA_FLAG_COPIED_RESULTS;
			}
		}
	}
}

void
leaderboard_rank(struct leaderboard *lb)
{
	if (lb->n > 0)
		qsort(lb->rows, lb->n, sizeof lb->rows[0], compare_rows);
	assign_ranks(lb);
	assign_copy_flags(lb);
	lb->ranked = 1;
}

int
leaderboard_is_ranked(const struct leaderboard *lb)
{
	return lb->ranked;
}

const struct leaderboard_row *
leaderboard_row(const struct leaderboard *lb, size_t i)
{
	assert(i < lb->n);
	return &lb->rows[i];
}
