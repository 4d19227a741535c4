/*
 * leaderboard.h: the leaderboard of a batch of graded submissions, built
 * from their scorecards (as `grader grade` writes them, parsed with cJSON),
 * so that `grader batch` and `grader merge` make it the same way.  Once
 * every row is added, leaderboard_rank() ranks them passes first, then
 * fails, invalid and ungraded submissions, each by best AUC, and flags
 * them when two submissions share a zip or a results file.  Deterministic:
 * the same scorecards, in any order, give the same rows.  Its files
 * (leaderboard.json, leaderboard.csv, index.html) are the publisher's
 * (grader/publish).  Depends on scorecard (its reader) and schema.
 */
#ifndef GRADER_LEADERBOARD_H
#define GRADER_LEADERBOARD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "schema.h"

struct leaderboard;

/* A new, empty leaderboard, or NULL when out of memory. */
struct leaderboard *leaderboard_new(void);

/* Frees it; NULL is a no-op. */
void leaderboard_free(struct leaderboard *lb);

enum leaderboard_status {
	LEADERBOARD_OK = 0,
	LEADERBOARD_NOT_A_SCORECARD,	/* a field that every scorecard has is
					 * missing or of the wrong type */
	LEADERBOARD_NOMEM,
};

/*
 * Adds the row of one graded submission.  name is the stem its files are
 * written under (alice for alice.json and alice.html); card is its
 * scorecard, of which the leaderboard copies what it needs.  A scorecard
 * without its challenge, submission name, status or models is refused.
 */
enum leaderboard_status leaderboard_add(struct leaderboard *lb,
					const char *name, const cJSON *card);

/*
 * Adds a row for a submission the grader could not grade (it has no
 * scorecard): status "error", flag "not_graded".  submission is the input's
 * file name.
 */
enum leaderboard_status leaderboard_add_error(struct leaderboard *lb,
					      const char *name,
					      const char *submission);

/*
 * Adds the rows of an earlier leaderboard.json (its "error" rows: the
 * others are rebuilt from their scorecards) whose names are not already on
 * this leaderboard.  For `grader merge`.
 */
enum leaderboard_status leaderboard_add_errors_from(struct leaderboard *lb,
						    const cJSON *leaderboard);

/* The number of rows. */
size_t leaderboard_rows(const struct leaderboard *lb);

/* Whether a row of that name is there. */
int leaderboard_has(const struct leaderboard *lb, const char *name);

/*
 * Sorts, ranks and flags the rows, as the header says.  A rank is shared
 * by rows of equal status and best AUC ("1, 2, 2, 4"); rows without a best
 * AUC have none.  Identical zips are flagged duplicate; rows that share a
 * results file without being the same zip, copied_results.  Call it after
 * the last row is added and before the rows are read; adding a row undoes
 * it.
 */
void leaderboard_rank(struct leaderboard *lb);

/* Whether the rows are ranked (leaderboard_rank() since the last add). */
int leaderboard_is_ranked(const struct leaderboard *lb);

/* One model of a row. */
struct leaderboard_model {
	char *file;
	int has_auc;
	double auc;
	char sha256[65];	/* "" when unknown */
};

/* One row: a submission. */
struct leaderboard_row {
	char *name;		/* the stem of its files */
	char *submission;	/* the input's file name */
	enum schema_status status;
	int has_best;
	double best;
	struct leaderboard_model *models;
	size_t n_models;
	char sha256[65];	/* of the zip; "" when unknown */
	unsigned flags;		/* enum schema_flag bits */
	long rank;		/* 0: none */
};

/* Row i (i < leaderboard_rows()), in rank order once ranked.  Owned by the
 * leaderboard; valid until the next add or free. */
const struct leaderboard_row *leaderboard_row(const struct leaderboard *lb,
					      size_t i);

#endif
