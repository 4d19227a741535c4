/*
 * scorecard.c: the JSON scorecard, built and read.
 *
 * Numbers: cJSON 1.7.15's own printing tries 15 digits and accepts them
 * when they read back within DBL_EPSILON, which can lose the last bit, and
 * follows the locale; SPEC promises the same double, so number_format()
 * chooses the digits and cJSON is given them raw.
 */
#include "scorecard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "number.h"

cJSON *
scorecard_number(double d)
{
	char buf[NUMBER_BUF];

	if (!isfinite(d))	/* not JSON */
		return cJSON_CreateNull();
	return cJSON_CreateRaw(number_format(d, buf));
}

cJSON *
scorecard_add(struct scorecard_builder *b, cJSON *parent, const char *key,
	      cJSON *item)
{
	if (item == NULL) {
		b->ok = 0;
		return NULL;
	}
	if (key == NULL ? !cJSON_AddItemToArray(parent, item)
			: !cJSON_AddItemToObject(parent, key, item)) {
		cJSON_Delete(item);
		b->ok = 0;
		return NULL;
	}
	return item;
}

void
scorecard_add_string(struct scorecard_builder *b, cJSON *parent,
		     const char *key, const char *s)
{
	scorecard_add(b, parent, key,
	    s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static void
add_sha(struct scorecard_builder *b, cJSON *parent, const char *key,
	const unsigned char sum[32])
{
	char hex[65];

	digest_hex(sum, hex);
	scorecard_add_string(b, parent, key, hex);
}

int
scorecard_add_auc(cJSON *obj, const struct auc_model *m)
{
	struct scorecard_builder b = { 1 };
	cJSON *ci;

	scorecard_add(&b, obj, SCHEMA_KEY_AUC, scorecard_number(m->auc));
	if (!m->se_valid) {
		scorecard_add(&b, obj, SCHEMA_KEY_AUC_SE, cJSON_CreateNull());
		scorecard_add(&b, obj, SCHEMA_KEY_AUC_CI95, cJSON_CreateNull());
		return b.ok;
	}
	scorecard_add(&b, obj, SCHEMA_KEY_AUC_SE, scorecard_number(m->se));
	ci = scorecard_add(&b, obj, SCHEMA_KEY_AUC_CI95, cJSON_CreateArray());
	if (ci != NULL) {
		scorecard_add(&b, ci, NULL, scorecard_number(m->ci95[0]));
		scorecard_add(&b, ci, NULL, scorecard_number(m->ci95[1]));
	}
	return b.ok;
}

cJSON *
scorecard_comparison(const struct auc_comparison *c)
{
	struct scorecard_builder b = { 1 };
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	scorecard_add(&b, o, SCHEMA_KEY_AUC_DIFFERENCE,
	    scorecard_number(c->difference));
	if (c->valid) {
		scorecard_add(&b, o, SCHEMA_KEY_Z, scorecard_number(c->z));
		scorecard_add(&b, o, SCHEMA_KEY_P_VALUE,
		    scorecard_number(c->p_value));
	} else {
		scorecard_add(&b, o, SCHEMA_KEY_Z, cJSON_CreateNull());
		scorecard_add(&b, o, SCHEMA_KEY_P_VALUE, cJSON_CreateNull());
	}
	if (!b.ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int
scorecard_add_problems(cJSON *obj, const char *key,
		       const struct problem_list *problems)
{
	struct scorecard_builder b = { 1 };
	cJSON *list = scorecard_add(&b, obj, key, cJSON_CreateArray());

	for (size_t i = 0; list != NULL && i < problems->count; i++) {
		const struct problem *p = &problems->items[i];
		cJSON *o = scorecard_add(&b, list, NULL, cJSON_CreateObject());
		if (o == NULL)
			break;
		scorecard_add_string(&b, o, SCHEMA_KEY_SEVERITY,
			   p->severity == PROBLEM_ERROR ? SCHEMA_SEVERITY_ERROR :
			   SCHEMA_SEVERITY_WARNING);
		scorecard_add_string(&b, o, SCHEMA_KEY_CODE, p->code);
		scorecard_add_string(&b, o, SCHEMA_KEY_FILE, p->file);
		scorecard_add(&b, o, SCHEMA_KEY_LINE,
		    p->line > 0 ? scorecard_number((double)p->line)
				: cJSON_CreateNull());
		scorecard_add_string(&b, o, SCHEMA_KEY_MESSAGE, p->message);
		scorecard_add_string(&b, o, SCHEMA_KEY_HINT, p->hint);
		if (p->more > 0)
			scorecard_add(&b, o, SCHEMA_KEY_MORE,
			    scorecard_number((double)p->more));
	}
	return b.ok;
}

static void
add_roc(struct scorecard_builder *b, cJSON *model, const struct auc_model *m)
{
	cJSON *roc = scorecard_add(b, model, SCHEMA_KEY_ROC, cJSON_CreateArray());

	for (size_t i = 0; roc != NULL && i < m->roc_count; i++) {
		cJSON *pt = scorecard_add(b, roc, NULL, cJSON_CreateArray());
		if (pt == NULL)
			return;
		scorecard_add(b, pt, NULL, scorecard_number((double)m->roc[i].fp));
		scorecard_add(b, pt, NULL, scorecard_number((double)m->roc[i].tp));
		scorecard_add(b, pt, NULL, scorecard_number(m->roc[i].threshold));
	}
}

/* A measure, or null when it is not known. */
static cJSON *
measure_value(uint64_t v)
{
	return v == DOCUMENT_UNKNOWN ? cJSON_CreateNull()
				     : cJSON_CreateNumber((double)v);
}

/* documents: [{path, format, pages, words}], one per document found. */
static void
add_documents(struct scorecard_builder *b, cJSON *rule,
	      const struct grade_rule_result *r)
{
	cJSON *list = scorecard_add(b, rule, SCHEMA_KEY_DOCUMENTS,
				    cJSON_CreateArray());

	for (size_t j = 0; list != NULL && j < r->n_documents; j++) {
		const struct grade_document *d = &r->documents[j];
		cJSON *o = scorecard_add(b, list, NULL, cJSON_CreateObject());

		if (o == NULL)
			return;
		scorecard_add_string(b, o, SCHEMA_KEY_PATH, d->path);
		scorecard_add_string(b, o, SCHEMA_KEY_FORMAT,
		    document_format_name(d->measure.format));
		scorecard_add(b, o, SCHEMA_KEY_PAGES,
		    measure_value(d->measure.pages));
		scorecard_add(b, o, SCHEMA_KEY_WORDS,
		    measure_value(d->measure.words));
	}
}

static void
add_rules(struct scorecard_builder *b, cJSON *root, const char *key,
	  const struct grade_rule_result *rules, size_t n, int deliverable)
{
	cJSON *list = scorecard_add(b, root, key, cJSON_CreateArray());

	for (size_t i = 0; list != NULL && i < n; i++) {
		cJSON *o = scorecard_add(b, list, NULL, cJSON_CreateObject());
		cJSON *found;

		if (o == NULL)
			return;
		scorecard_add_string(b, o, SCHEMA_KEY_NAME, rules[i].name);
		if (deliverable)
			scorecard_add(b, o, SCHEMA_KEY_REQUIRED,
			    cJSON_CreateBool(rules[i].required));
		found = scorecard_add(b, o, SCHEMA_KEY_FOUND, cJSON_CreateArray());
		for (size_t j = 0; found != NULL && j < rules[i].n_found; j++)
			scorecard_add_string(b, found, NULL, rules[i].found[j]);
		scorecard_add(b, o, SCHEMA_KEY_OK, cJSON_CreateBool(rules[i].ok));
		if (deliverable)
			add_documents(b, o, &rules[i]);
	}
}

/* submission: {name, sha256, bytes}. */
static void
add_submission(struct scorecard_builder *b, cJSON *root,
	       const struct grade_report *r)
{
	cJSON *sub = scorecard_add(b, root, SCHEMA_KEY_SUBMISSION,
	    cJSON_CreateObject());

	if (sub == NULL)
		return;
	scorecard_add_string(b, sub, SCHEMA_KEY_NAME, r->submission_name);
	if (r->identified) {
		add_sha(b, sub, SCHEMA_KEY_SHA256, r->sha256);
		scorecard_add(b, sub, SCHEMA_KEY_BYTES,
		    scorecard_number((double)r->bytes));
	} else {
		scorecard_add(b, sub, SCHEMA_KEY_SHA256, cJSON_CreateNull());
		scorecard_add(b, sub, SCHEMA_KEY_BYTES, cJSON_CreateNull());
	}
}

/* One model: file, path, sha256, valid, rows, and with scores its AUC
 * figures and ROC curve (null when it was not scored). */
static void
add_model(struct scorecard_builder *b, cJSON *models,
	  const struct grade_model *m, int with_scores)
{
	cJSON *o = scorecard_add(b, models, NULL, cJSON_CreateObject());

	if (o == NULL)
		return;
	scorecard_add_string(b, o, SCHEMA_KEY_FILE, m->file);
	scorecard_add_string(b, o, SCHEMA_KEY_PATH, m->path);
	if (m->path != NULL)
		add_sha(b, o, SCHEMA_KEY_SHA256, m->sha256);
	else
		scorecard_add(b, o, SCHEMA_KEY_SHA256, cJSON_CreateNull());
	scorecard_add(b, o, SCHEMA_KEY_VALID, cJSON_CreateBool(m->valid));
	scorecard_add(b, o, SCHEMA_KEY_ROWS, m->path != NULL ?
	    scorecard_number((double)m->rows) : cJSON_CreateNull());
	if (!with_scores)
		return;
	if (m->scored) {
		if (!scorecard_add_auc(o, &m->auc))
			b->ok = 0;
		add_roc(b, o, &m->auc);
	} else {
		scorecard_add(b, o, SCHEMA_KEY_AUC, cJSON_CreateNull());
		scorecard_add(b, o, SCHEMA_KEY_AUC_SE, cJSON_CreateNull());
		scorecard_add(b, o, SCHEMA_KEY_AUC_CI95, cJSON_CreateNull());
		scorecard_add(b, o, SCHEMA_KEY_ROC, cJSON_CreateNull());
	}
}

/* best and comparison, each null when it cannot be computed. */
static void
add_best(struct scorecard_builder *b, cJSON *root,
	 const struct grade_report *r)
{
	cJSON *best;

	if (r->best >= 0) {
		best = scorecard_add(b, root, SCHEMA_KEY_BEST,
		    cJSON_CreateObject());
		if (best != NULL) {
			scorecard_add_string(b, best, SCHEMA_KEY_FILE,
			    r->models[r->best].file);
			scorecard_add(b, best, SCHEMA_KEY_AUC,
			    scorecard_number(r->models[r->best].auc.auc));
		}
	} else {
		scorecard_add(b, root, SCHEMA_KEY_BEST, cJSON_CreateNull());
	}
	scorecard_add(b, root, SCHEMA_KEY_COMPARISON, r->has_comparison ?
	    scorecard_comparison(&r->comparison) : cJSON_CreateNull());
}

cJSON *
scorecard_build(const struct grade_report *r, int with_scores)
{
	struct scorecard_builder b = { 1 };
	cJSON *root = cJSON_CreateObject(), *models;

	if (root == NULL)
		return NULL;
	scorecard_add(&b, root, SCHEMA_KEY_SCHEMA_VERSION,
	    scorecard_number(SCORECARD_SCHEMA_VERSION));
	scorecard_add_string(&b, root, SCHEMA_KEY_GRADER_VERSION,
	    GRADER_VERSION);
	scorecard_add_string(&b, root, SCHEMA_KEY_CHALLENGE, r->challenge_id);
	add_submission(&b, root, r);
	if (with_scores && r->has_holdout)
		add_sha(&b, root, SCHEMA_KEY_HOLDOUT_SHA256, r->holdout_sha256);
	else if (with_scores)
		scorecard_add(&b, root, SCHEMA_KEY_HOLDOUT_SHA256,
		    cJSON_CreateNull());
	scorecard_add_string(&b, root, SCHEMA_KEY_STATUS,
	    grade_status_name(r->status));
	if (with_scores)
		scorecard_add(&b, root, SCHEMA_KEY_PASS_AUC,
		    scorecard_number(r->pass_auc));
	models = scorecard_add(&b, root, SCHEMA_KEY_MODELS,
	    cJSON_CreateArray());
	for (size_t i = 0; models != NULL && i < r->n_models; i++)
		add_model(&b, models, &r->models[i], with_scores);
	if (with_scores)
		add_best(&b, root, r);
	add_rules(&b, root, SCHEMA_KEY_DELIVERABLES, r->deliverables,
	    r->n_deliverables, 1);
	add_rules(&b, root, SCHEMA_KEY_FORBIDDEN, r->forbidden,
	    r->n_forbidden, 0);
	if (!scorecard_add_problems(root, SCHEMA_KEY_PROBLEMS, r->problems))
		b.ok = 0;
	if (!b.ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

const cJSON *
scorecard_get(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const char *
scorecard_string_of(const cJSON *v)
{
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

const char *
scorecard_get_string(const cJSON *obj, const char *key)
{
	return scorecard_string_of(scorecard_get(obj, key));
}

int
scorecard_number_of(const cJSON *v, double *out)
{
	double x;

	if (cJSON_IsNumber(v)) {
		x = v->valuedouble;
	} else if (cJSON_IsRaw(v) && v->valuestring != NULL) {
		switch (number_parse(v->valuestring, strlen(v->valuestring),
				     &x)) {
		case NUMBER_OK:
			break;
		case NUMBER_UNDERFLOW:
			x = 0;
			break;
		default:
			return 0;
		}
	} else {
		return 0;
	}
	if (!isfinite(x))
		return 0;
	*out = x;
	return 1;
}

int
scorecard_get_number(const cJSON *obj, const char *key, double *out)
{
	return scorecard_number_of(scorecard_get(obj, key), out);
}

/* v when it is an array, else NULL. */
static const cJSON *
array_or_null(const cJSON *v)
{
	return cJSON_IsArray(v) ? v : NULL;
}

/* v when it is an object, else NULL. */
static const cJSON *
object_or_null(const cJSON *v)
{
	return cJSON_IsObject(v) ? v : NULL;
}

int
scorecard_view(const cJSON *card, struct scorecard_view *v)
{
	memset(v, 0, sizeof *v);
	v->challenge = scorecard_get_string(card, SCHEMA_KEY_CHALLENGE);
	v->grader_version = scorecard_get_string(card,
	    SCHEMA_KEY_GRADER_VERSION);
	v->holdout_sha256 = scorecard_get_string(card,
	    SCHEMA_KEY_HOLDOUT_SHA256);
	v->status = scorecard_get_string(card, SCHEMA_KEY_STATUS);
	v->status_of = schema_status_of(v->status);
	v->submission = object_or_null(scorecard_get(card,
	    SCHEMA_KEY_SUBMISSION));
	v->name = scorecard_get_string(v->submission, SCHEMA_KEY_NAME);
	v->sha256 = scorecard_get_string(v->submission, SCHEMA_KEY_SHA256);
	v->has_pass_auc = scorecard_get_number(card, SCHEMA_KEY_PASS_AUC,
	    &v->pass_auc);
	v->best = object_or_null(scorecard_get(card, SCHEMA_KEY_BEST));
	v->best_file = scorecard_get_string(v->best, SCHEMA_KEY_FILE);
	v->has_best_auc = scorecard_get_number(v->best, SCHEMA_KEY_AUC,
	    &v->best_auc);
	v->models = array_or_null(scorecard_get(card, SCHEMA_KEY_MODELS));
	v->deliverables = array_or_null(scorecard_get(card,
	    SCHEMA_KEY_DELIVERABLES));
	v->forbidden = array_or_null(scorecard_get(card,
	    SCHEMA_KEY_FORBIDDEN));
	v->problems = array_or_null(scorecard_get(card, SCHEMA_KEY_PROBLEMS));
	v->comparison = object_or_null(scorecard_get(card,
	    SCHEMA_KEY_COMPARISON));
	/* "error" is a leaderboard's status, never a scorecard's. */
	return v->challenge != NULL && v->name != NULL &&
	    v->status_of >= SCHEMA_PASS && v->status_of <= SCHEMA_INVALID &&
	    v->models != NULL;
}
