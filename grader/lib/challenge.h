/*
 * challenge.h: loading a challenge definition (challenge.json) and the
 * default rules that `grader check` applies without one.  Unknown keys are
 * an error, so that a typo never silently changes grading.  Depends on
 * problems and limits.
 */
#ifndef GRADER_CHALLENGE_H
#define GRADER_CHALLENGE_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "problems.h"

/* An inclusive range [min, max] of a deliverable's "length". */
struct challenge_range {
	int set;
	uint64_t min, max;
};

struct challenge_rule {
	char *name;
	char **patterns;	/* shell globs on base names, case ignored */
	size_t n_patterns;
	int required;		/* deliverables only */
	unsigned char (*sha256)[32];	/* forbidden only: content sums */
	size_t n_sha256;
	/* Deliverables only: "length", the range each document found must
	 * fall in; a measure absent from "length" is not checked. */
	struct challenge_range pages, words;
};

struct challenge {
	char *id;
	char *title;		/* may be NULL */
	char *dir;		/* the folder it was loaded from; NULL for the
				 * default challenge */
	char **result_files;	/* empty for a deliverables-only challenge */
	size_t n_result_files;
	size_t rows;
	double pass_auc;
	char *holdout;		/* path joined to dir; NULL when absent */
	struct challenge_rule *deliverables;
	size_t n_deliverables;
	struct challenge_rule *forbidden;
	size_t n_forbidden;
	struct gr_limits limits;
};

#define CHALLENGE_DEFAULT_ROWS 10000
#define CHALLENGE_DEFAULT_PASS_AUC 0.5

/*
 * Loads dir/challenge.json.  Returns GR_OK and sets *out (free it with
 * challenge_free()), GR_IO when the folder or file cannot be read, or
 * GR_UNUSABLE when the definition is wrong (problems say what, with the
 * JSON path of the key).  GR_NOMEM.
 */
enum gr_status challenge_load(const char *dir, struct challenge **out,
			      struct problem_list *problems);

/* Parses a challenge definition held in memory (dir may be NULL). */
enum gr_status challenge_parse(const char *json, size_t len, const char *dir,
			       struct challenge **out,
			       struct problem_list *problems);

/* The rules of `grader check` without --challenge: results1.csv and
 * results2.csv of 10,000 rows, nothing else.  NULL when out of memory. */
struct challenge *challenge_default(void);

/* Frees everything; NULL is a no-op. */
void challenge_free(struct challenge *c);

/* Whether the challenge scores results files (else deliverables only). */
static inline int
challenge_is_scored(const struct challenge *c)
{
	return c->n_result_files > 0;
}

#endif
