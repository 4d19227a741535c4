/*
 * scorecard.h: the JSON scorecard (schema_version 1) of a graded or checked
 * submission, as SPEC and docs/scorecard.md describe it.  Numbers are
 * printed by cJSON so that they read back as the same double; nothing in it
 * depends on time, so the same inputs give the same bytes.  Depends on
 * grade.
 */
#ifndef GRADER_SCORECARD_H
#define GRADER_SCORECARD_H

#include <cjson/cJSON.h>

#include "grade.h"

#define SCORECARD_SCHEMA_VERSION 1

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

/* The shortest text of a finite d that reads back as exactly d, as
 * scorecard_number() prints it; "-0" is written "0". */
void scorecard_format_number(double d, char buf[32]);

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
