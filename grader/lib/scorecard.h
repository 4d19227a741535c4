/*
 * scorecard.h: the JSON scorecard (schema_version 1) of a graded or checked
 * submission, as SPEC and docs/scorecard.md describe it: how it is built,
 * and how it is read back.  Numbers are written by number_format() so that
 * they read back as the same double, in any locale; nothing in it depends
 * on time, so the same inputs give the same bytes.  Its names are
 * schema.h's.  The one JSON-building style of the program (a builder that
 * remembers a failed allocation) and the one set of accessors that read a
 * scorecard, or any file of its schema, are here too.  Depends on grade,
 * number and schema.
 */
#ifndef GRADER_SCORECARD_H
#define GRADER_SCORECARD_H

#include <cjson/cJSON.h>

#include "grade.h"
#include "schema.h"

#define SCORECARD_SCHEMA_VERSION SCHEMA_VERSION

/*
 * Builds the scorecard of a report.  with_scores 0 gives the check form:
 * the same fields without holdout_sha256, scores, best and comparison.
 * Returns a new cJSON tree that the caller frees with cJSON_Delete(), or
 * NULL when out of memory.
 */
cJSON *scorecard_build(const struct grade_report *r, int with_scores);

/* A JSON number that reads back as exactly d (null for NaN or infinity);
 * NULL when out of memory. */
cJSON *scorecard_number(double d);

/*
 * Building.  cJSON's item constructors return NULL when out of memory and
 * its Add functions ignore a NULL item, so a tree is built without a check
 * after each call: scorecard_add() remembers a failure in the builder, and
 * the caller checks `ok` once at the end.  Start from { 1 }.
 */
struct scorecard_builder {
	int ok;
};

/* Adds item to parent under key (to an array when key is NULL); returns
 * item, or NULL (ok cleared, item freed) when item is NULL or cannot be
 * added. */
cJSON *scorecard_add(struct scorecard_builder *b, cJSON *parent,
		     const char *key, cJSON *item);

/* Adds a string, or null when s is NULL. */
void scorecard_add_string(struct scorecard_builder *b, cJSON *parent,
			  const char *key, const char *s);

/*
 * Reading.  Every accessor tolerates anything: a missing key, a null, a
 * value of the wrong type or a parent that is not an object all read as
 * absent, so that a damaged or foreign file is shown, not crashed on.
 */

/* obj's member key, or NULL when obj is not an object or has none. */
const cJSON *scorecard_get(const cJSON *obj, const char *key);

/* v's string when it is one, else NULL. */
const char *scorecard_string_of(const cJSON *v);

/* obj's member key when it is a string, else NULL. */
const char *scorecard_get_string(const cJSON *obj, const char *key);

/*
 * Whether v is a finite number, stored in *out: a cJSON number (a parsed
 * file), or raw text that reads as one (a tree built here, which holds
 * numbers as raw text so that they print exactly; read by number_parse(),
 * so not by the locale either).
 */
int scorecard_number_of(const cJSON *v, double *out);

/* scorecard_number_of() of obj's member key. */
int scorecard_get_number(const cJSON *obj, const char *key, double *out);

/* What the leaderboard, merge and the pages read of a scorecard's top
 * level.  Pointers point into the tree. */
struct scorecard_view {
	const char *challenge, *grader_version, *holdout_sha256;
	const char *status;		/* as written; status_of: its value */
	int status_of;			/* enum schema_status, or -1 */
	const cJSON *submission;	/* the object, or NULL */
	const char *name, *sha256;	/* the submission's */
	int has_pass_auc;
	double pass_auc;
	const cJSON *best;		/* the object, or NULL */
	const char *best_file;
	int has_best_auc;
	double best_auc;
	const cJSON *models;		/* each NULL unless an array */
	const cJSON *deliverables, *forbidden, *problems;
	const cJSON *comparison;	/* the object, or NULL */
};

/*
 * Reads card's top level into *v (any of it may be absent).  Returns 1
 * when card is a graded or checked scorecard as far as a leaderboard needs:
 * a challenge, a submission's name, a status of pass, fail or invalid and
 * an array of models; else 0 (*v is filled all the same).
 */
int scorecard_view(const cJSON *card, struct scorecard_view *v);

/* Adds the problem list as an array under `key` of obj; returns 0 when out
 * of memory. */
int scorecard_add_problems(cJSON *obj, const char *key,
			   const struct problem_list *problems);

/* The AUC figures of one model (auc, auc_se, auc_ci95), as a scorecard's
 * model carries them, added to obj; returns 0 when out of memory. */
int scorecard_add_auc(cJSON *obj, const struct auc_model *m);

/* The paired test as the scorecard's "comparison" object, or NULL. */
cJSON *scorecard_comparison(const struct auc_comparison *c);

#endif
