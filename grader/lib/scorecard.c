/*
 * scorecard.c: the JSON scorecard.
 *
 * cJSON's item constructors return NULL when out of memory and the Add
 * functions ignore a NULL item, so every construction is checked once, at
 * the end, through the `ok` flag of a small builder.
 */
#include "scorecard.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

struct builder {
	int ok;
};

/*
 * A number as the shortest decimal that reads back as the same double.
 * cJSON 1.7.15's own printing tries 15 digits and accepts them when they
 * read back within DBL_EPSILON, which can lose the last bit; SPEC promises
 * the same double, so the digits are chosen here and given to cJSON raw.
 * LC_NUMERIC is never changed by this program, so '.' is the decimal point.
 */
void
scorecard_format_number(double d, char buf[32])
{
	if (d == 0)
		d = 0;	/* no "-0" */
	if (d == (double)(int64_t)d && d > -9007199254740992.0 &&
	    d < 9007199254740992.0) {
		/* Whole numbers (counts, sizes) print exactly, and fast. */
		snprintf(buf, 32, "%" PRId64, (int64_t)d);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
}

cJSON *
scorecard_number(double d)
{
	char buf[32];

	if (d != d || d - d != 0)	/* NaN or infinite: not JSON */
		return cJSON_CreateNull();
	scorecard_format_number(d, buf);
	return cJSON_CreateRaw(buf);
}

static cJSON *
add(struct builder *b, cJSON *parent, const char *key, cJSON *item)
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

static void
add_string(struct builder *b, cJSON *parent, const char *key, const char *s)
{
	add(b, parent, key, s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static void
add_sha(struct builder *b, cJSON *parent, const char *key,
	const unsigned char sum[32])
{
	char hex[65];

	digest_hex(sum, hex);
	add_string(b, parent, key, hex);
}

int
scorecard_add_auc(cJSON *obj, const struct auc_model *m)
{
	struct builder b = { 1 };
	cJSON *ci;

	add(&b, obj, "auc", scorecard_number(m->auc));
	if (!m->se_valid) {
		add(&b, obj, "auc_se", cJSON_CreateNull());
		add(&b, obj, "auc_ci95", cJSON_CreateNull());
		return b.ok;
	}
	add(&b, obj, "auc_se", scorecard_number(m->se));
	ci = add(&b, obj, "auc_ci95", cJSON_CreateArray());
	if (ci != NULL) {
		add(&b, ci, NULL, scorecard_number(m->ci95[0]));
		add(&b, ci, NULL, scorecard_number(m->ci95[1]));
	}
	return b.ok;
}

cJSON *
scorecard_comparison(const struct auc_comparison *c)
{
	struct builder b = { 1 };
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	add(&b, o, "auc_difference", scorecard_number(c->difference));
	if (c->valid) {
		add(&b, o, "z", scorecard_number(c->z));
		add(&b, o, "p_value", scorecard_number(c->p_value));
	} else {
		add(&b, o, "z", cJSON_CreateNull());
		add(&b, o, "p_value", cJSON_CreateNull());
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
	struct builder b = { 1 };
	cJSON *list = add(&b, obj, key, cJSON_CreateArray());

	for (size_t i = 0; list != NULL && i < problems->count; i++) {
		const struct problem *p = &problems->items[i];
		cJSON *o = add(&b, list, NULL, cJSON_CreateObject());
		if (o == NULL)
			break;
		add_string(&b, o, "severity",
			   p->severity == PROBLEM_ERROR ? "error" : "warning");
		add_string(&b, o, "code", p->code);
		add_string(&b, o, "file", p->file);
		add(&b, o, "line",
		    p->line > 0 ? scorecard_number((double)p->line)
				: cJSON_CreateNull());
		add_string(&b, o, "message", p->message);
		add_string(&b, o, "hint", p->hint);
		if (p->more > 0)
			add(&b, o, "more", scorecard_number((double)p->more));
	}
	return b.ok;
}

static void
add_roc(struct builder *b, cJSON *model, const struct auc_model *m)
{
	cJSON *roc = add(b, model, "roc", cJSON_CreateArray());

	for (size_t i = 0; roc != NULL && i < m->roc_count; i++) {
		cJSON *pt = add(b, roc, NULL, cJSON_CreateArray());
		if (pt == NULL)
			return;
		add(b, pt, NULL, scorecard_number((double)m->roc[i].fp));
		add(b, pt, NULL, scorecard_number((double)m->roc[i].tp));
		add(b, pt, NULL, scorecard_number(m->roc[i].threshold));
	}
}

static void
add_rules(struct builder *b, cJSON *root, const char *key,
	  const struct grade_rule_result *rules, size_t n, int deliverable)
{
	cJSON *list = add(b, root, key, cJSON_CreateArray());

	for (size_t i = 0; list != NULL && i < n; i++) {
		cJSON *o = add(b, list, NULL, cJSON_CreateObject()), *found;
		if (o == NULL)
			return;
		add_string(b, o, "name", rules[i].name);
		if (deliverable)
			add(b, o, "required", cJSON_CreateBool(rules[i].required));
		found = add(b, o, "found", cJSON_CreateArray());
		for (size_t j = 0; found != NULL && j < rules[i].n_found; j++)
			add_string(b, found, NULL, rules[i].found[j]);
		add(b, o, "ok", cJSON_CreateBool(rules[i].ok));
	}
}

cJSON *
scorecard_build(const struct grade_report *r, int with_scores)
{
	struct builder b = { 1 };
	cJSON *root = cJSON_CreateObject(), *sub, *models, *best;

	if (root == NULL)
		return NULL;
	add(&b, root, "schema_version",
	    scorecard_number(SCORECARD_SCHEMA_VERSION));
	add_string(&b, root, "grader_version", GRADER_VERSION);
	add_string(&b, root, "challenge", r->challenge_id);
	sub = add(&b, root, "submission", cJSON_CreateObject());
	if (sub != NULL) {
		add_string(&b, sub, "name", r->submission_name);
		if (r->identified) {
			add_sha(&b, sub, "sha256", r->sha256);
			add(&b, sub, "bytes", scorecard_number((double)r->bytes));
		} else {
			add(&b, sub, "sha256", cJSON_CreateNull());
			add(&b, sub, "bytes", cJSON_CreateNull());
		}
	}
	if (with_scores) {
		if (r->has_holdout)
			add_sha(&b, root, "holdout_sha256", r->holdout_sha256);
		else
			add(&b, root, "holdout_sha256", cJSON_CreateNull());
	}
	add_string(&b, root, "status", grade_status_name(r->status));
	if (with_scores)
		add(&b, root, "pass_auc", scorecard_number(r->pass_auc));

	models = add(&b, root, "models", cJSON_CreateArray());
	for (size_t i = 0; models != NULL && i < r->n_models; i++) {
		const struct grade_model *m = &r->models[i];
		cJSON *o = add(&b, models, NULL, cJSON_CreateObject());
		if (o == NULL)
			break;
		add_string(&b, o, "file", m->file);
		add_string(&b, o, "path", m->path);
		if (m->path != NULL)
			add_sha(&b, o, "sha256", m->sha256);
		else
			add(&b, o, "sha256", cJSON_CreateNull());
		add(&b, o, "valid", cJSON_CreateBool(m->valid));
		add(&b, o, "rows",
		    m->path != NULL ? scorecard_number((double)m->rows)
				    : cJSON_CreateNull());
		if (!with_scores)
			continue;
		if (m->scored) {
			if (!scorecard_add_auc(o, &m->auc))
				b.ok = 0;
			add_roc(&b, o, &m->auc);
		} else {
			add(&b, o, "auc", cJSON_CreateNull());
			add(&b, o, "auc_se", cJSON_CreateNull());
			add(&b, o, "auc_ci95", cJSON_CreateNull());
			add(&b, o, "roc", cJSON_CreateNull());
		}
	}
	if (with_scores) {
		if (r->best >= 0) {
			best = add(&b, root, "best", cJSON_CreateObject());
			if (best != NULL) {
				add_string(&b, best, "file",
					   r->models[r->best].file);
				add(&b, best, "auc",
				    scorecard_number(r->models[r->best].auc.auc));
			}
		} else {
			add(&b, root, "best", cJSON_CreateNull());
		}
		add(&b, root, "comparison",
		    r->has_comparison ? scorecard_comparison(&r->comparison)
				      : cJSON_CreateNull());
	}
	add_rules(&b, root, "deliverables", r->deliverables, r->n_deliverables,
		  1);
	add_rules(&b, root, "forbidden", r->forbidden, r->n_forbidden, 0);
	if (!scorecard_add_problems(root, "problems", r->problems))
		b.ok = 0;
	if (!b.ok) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}
