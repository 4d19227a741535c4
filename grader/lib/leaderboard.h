/*
 * leaderboard.h: the leaderboard of a batch of graded submissions, built
 * from their scorecards (as `grader grade` writes them, parsed with cJSON),
 * so that `grader batch` and `grader merge` make it the same way.  Rows are
 * ranked passes first, then fails, invalid and ungraded submissions, each
 * by best AUC, and flagged when two submissions share a zip or a results
 * file.  Deterministic: the same scorecards, in any order, give the same
 * bytes.  Depends on scorecard (for number printing).
 */
#ifndef GRADER_LEADERBOARD_H
#define GRADER_LEADERBOARD_H

#include <cjson/cJSON.h>

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
 * leaderboard.json: {"challenge": id, "rows": [...]} in rank order, each
 * row {rank, submission, name, status, best_auc, models: [{file, auc}],
 * flags, sha256}.  challenge is the challenge's id.  Returns a new cJSON
 * tree (cJSON_Delete), or NULL when out of memory.
 */
cJSON *leaderboard_json(struct leaderboard *lb, const char *challenge);

/*
 * leaderboard.csv: a header row, then one row a submission in rank order:
 * rank,submission,status,best_auc,auc_1..auc_K,flags,sha256 (K the most
 * models of any row; flags joined by ';').  Fields are quoted as RFC 4180
 * says when they need it, and a submission name that a spreadsheet would
 * run as a formula (=, +, -, @ first) is prefixed with '.  Returns a new
 * string (free), or NULL when out of memory.
 */
char *leaderboard_csv(struct leaderboard *lb);

#endif
