/*
 * schema.h: the names that the scorecard (schema_version 1), the
 * leaderboard (leaderboard.json, leaderboard.csv) and the pages share,
 * spelled once.  SPEC "Scorecard" and "Other outputs" and docs/scorecard.md
 * are the contract; every writer and reader of these files takes its
 * strings from here, so that a name cannot be spelled two ways.
 * Depends on nothing.
 */
#ifndef GRADER_SCHEMA_H
#define GRADER_SCHEMA_H

#include <stddef.h>
#include <string.h>

#define SCHEMA_VERSION 1

/*
 * Statuses, in rank order: a scorecard's status is one of the first three;
 * "error" is the leaderboard's status of a submission that could not be
 * graded (it has no scorecard).
 */
enum schema_status {
	SCHEMA_PASS,
	SCHEMA_FAIL,
	SCHEMA_INVALID,
	SCHEMA_ERROR,
};
#define SCHEMA_N_STATUSES 4

#define SCHEMA_STATUS_PASS "pass"
#define SCHEMA_STATUS_FAIL "fail"
#define SCHEMA_STATUS_INVALID "invalid"
#define SCHEMA_STATUS_ERROR "error"

/* The name of a status. */
static inline const char *
schema_status_name(enum schema_status s)
{
	static const char *const names[SCHEMA_N_STATUSES] = {
		SCHEMA_STATUS_PASS, SCHEMA_STATUS_FAIL, SCHEMA_STATUS_INVALID,
		SCHEMA_STATUS_ERROR,
	};

	return names[s];
}

/* The status of a name; -1 when it is none of them (or NULL). */
static inline int
schema_status_of(const char *name)
{
	for (int s = 0; name != NULL && s < SCHEMA_N_STATUSES; s++)
		if (strcmp(name, schema_status_name((enum schema_status)s)) == 0)
			return s;
	return -1;
}

/* A problem's severity. */
#define SCHEMA_SEVERITY_ERROR "error"
#define SCHEMA_SEVERITY_WARNING "warning"

/*
 * Leaderboard flags, as bits, in the order they are written (flags of a
 * row are listed in this order in leaderboard.json and leaderboard.csv).
 */
enum schema_flag {
	SCHEMA_FLAG_DUPLICATE = 1 << 0,		/* the same zip as another row */
	SCHEMA_FLAG_COPIED_RESULTS = 1 << 1,	/* a results file of another */
	SCHEMA_FLAG_FORBIDDEN_FILE = 1 << 2,	/* a forbidden file present */
	SCHEMA_FLAG_MISSING_DELIVERABLE = 1 << 3, /* a required one missing */
	SCHEMA_FLAG_NOT_GRADED = 1 << 4,	/* the grader could not grade */
};
#define SCHEMA_N_FLAGS 5

#define SCHEMA_FLAG_NAME_DUPLICATE "duplicate"
#define SCHEMA_FLAG_NAME_COPIED_RESULTS "copied_results"
#define SCHEMA_FLAG_NAME_FORBIDDEN_FILE "forbidden_file"
#define SCHEMA_FLAG_NAME_MISSING_DELIVERABLE "missing_deliverable"
#define SCHEMA_FLAG_NAME_NOT_GRADED "not_graded"

/* The name of flag bit i (0 <= i < SCHEMA_N_FLAGS). */
static inline const char *
schema_flag_name(size_t i)
{
	static const char *const names[SCHEMA_N_FLAGS] = {
		SCHEMA_FLAG_NAME_DUPLICATE, SCHEMA_FLAG_NAME_COPIED_RESULTS,
		SCHEMA_FLAG_NAME_FORBIDDEN_FILE,
		SCHEMA_FLAG_NAME_MISSING_DELIVERABLE,
		SCHEMA_FLAG_NAME_NOT_GRADED,
	};

	return names[i];
}

/* Scorecard fields (docs/scorecard.md), top level. */
#define SCHEMA_KEY_SCHEMA_VERSION "schema_version"
#define SCHEMA_KEY_GRADER_VERSION "grader_version"
#define SCHEMA_KEY_CHALLENGE "challenge"
#define SCHEMA_KEY_SUBMISSION "submission"
#define SCHEMA_KEY_HOLDOUT_SHA256 "holdout_sha256"
#define SCHEMA_KEY_STATUS "status"
#define SCHEMA_KEY_PASS_AUC "pass_auc"
#define SCHEMA_KEY_MODELS "models"
#define SCHEMA_KEY_BEST "best"
#define SCHEMA_KEY_COMPARISON "comparison"
#define SCHEMA_KEY_DELIVERABLES "deliverables"
#define SCHEMA_KEY_FORBIDDEN "forbidden"
#define SCHEMA_KEY_PROBLEMS "problems"

/* submission: name, sha256, bytes. */
#define SCHEMA_KEY_NAME "name"
#define SCHEMA_KEY_SHA256 "sha256"
#define SCHEMA_KEY_BYTES "bytes"

/* A model: file, path, sha256, valid, rows, auc, auc_se, auc_ci95, roc;
 * best: file, auc. */
#define SCHEMA_KEY_FILE "file"
#define SCHEMA_KEY_PATH "path"
#define SCHEMA_KEY_VALID "valid"
#define SCHEMA_KEY_ROWS "rows"
#define SCHEMA_KEY_AUC "auc"
#define SCHEMA_KEY_AUC_SE "auc_se"
#define SCHEMA_KEY_AUC_CI95 "auc_ci95"
#define SCHEMA_KEY_ROC "roc"

/* comparison: auc_difference, z, p_value. */
#define SCHEMA_KEY_AUC_DIFFERENCE "auc_difference"
#define SCHEMA_KEY_Z "z"
#define SCHEMA_KEY_P_VALUE "p_value"

/* A deliverable or forbidden rule: name, required, found, ok; a
 * deliverable also documents, each {path, format, pages, words}. */
#define SCHEMA_KEY_REQUIRED "required"
#define SCHEMA_KEY_FOUND "found"
#define SCHEMA_KEY_OK "ok"
#define SCHEMA_KEY_DOCUMENTS "documents"
#define SCHEMA_KEY_FORMAT "format"
#define SCHEMA_KEY_PAGES "pages"
#define SCHEMA_KEY_WORDS "words"

/* A problem: severity, code, file, line, message, hint, more. */
#define SCHEMA_KEY_SEVERITY "severity"
#define SCHEMA_KEY_CODE "code"
#define SCHEMA_KEY_LINE "line"
#define SCHEMA_KEY_MESSAGE "message"
#define SCHEMA_KEY_HINT "hint"
#define SCHEMA_KEY_MORE "more"

/* grader auc --json: rows and positives of the labels, then the AUC
 * figures of a model as above. */
#define SCHEMA_KEY_POSITIVES "positives"

/*
 * leaderboard.json: {challenge, rows: [{rank, submission, name, status,
 * best_auc, models: [{file, auc}], flags, sha256}]}; "rows" is
 * SCHEMA_KEY_ROWS, the others are above or here.
 */
#define SCHEMA_KEY_RANK "rank"
#define SCHEMA_KEY_BEST_AUC "best_auc"
#define SCHEMA_KEY_FLAGS "flags"

/* leaderboard.csv's columns: rank,submission,status,best_auc,auc_1..auc_K,
 * flags,sha256 (the auc_N columns are numbered from 1). */
#define SCHEMA_CSV_LEAD "rank,submission,status,best_auc"
#define SCHEMA_CSV_AUC_PREFIX "auc_"
#define SCHEMA_CSV_TAIL "flags,sha256"
#define SCHEMA_CSV_FLAG_SEPARATOR ";"

#endif
