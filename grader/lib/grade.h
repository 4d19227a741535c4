/*
 * grade.h: one submission, end to end.  Reads the submission (zip or
 * folder), finds and validates the results files, checks deliverables and
 * forbidden files, and, given a holdout, scores each valid model and decides
 * the status.  Without a holdout it is the candidate's self-check: the same
 * findings, no scores.  Depends on every module below it.
 */
#ifndef GRADER_GRADE_H
#define GRADER_GRADE_H

#include <stddef.h>
#include <stdint.h>

#include "auc.h"
#include "challenge.h"
#include "document.h"
#include "holdout.h"
#include "problems.h"

enum grade_status {
	GRADE_PASS = 0,		/* grade: passes; check: ready to submit */
	GRADE_FAIL,		/* valid, but below the bar or deliverables
				 * wrong */
	GRADE_INVALID,		/* cannot be scored */
};

struct grade_options {
	const char *submission;		/* path of a .zip or a folder */
	const struct challenge *challenge;
	const struct holdout *holdout;	/* NULL: check, no scores */
	int pass_auc_set;		/* pass_auc overrides the challenge */
	double pass_auc;
};

struct grade_model {
	char *file;		/* the expected name, e.g. results1.csv */
	char *path;		/* where it was found in the submission, or
				 * NULL */
	unsigned char sha256[32];	/* of the file's bytes, when path is
					 * set */
	int valid;
	size_t rows;
	int scored;		/* auc holds figures */
	struct auc_model auc;
};

/* A document among a deliverable's files, and its length. */
struct grade_document {
	const char *path;	/* points into the rule's found list */
	struct document_measure measure;
};

/* At most this many documents are measured in one submission (a PDF may
 * cost a child process and PDF_DEADLINE_MS); any more are listed with
 * their format and unknown lengths. */
#define GRADE_MAX_MEASURED_DOCUMENTS 20

struct grade_rule_result {
	const char *name;	/* the challenge's rule name */
	int required;
	char **found;		/* entry paths that matched */
	size_t n_found;
	int ok;
	/* Deliverables only: the found files that are documents
	 * (document.h), in the order of found. */
	struct grade_document *documents;
	size_t n_documents;
};

struct grade_report {
	char *submission_name;	/* base name of the input, e.g. alice.zip */
	int opened;		/* the submission could be read */
	int identified;		/* bytes and sha256 are known */
	int examined;		/* the archive was sound, and its results
				 * files were looked for */
	uint64_t bytes;
	unsigned char sha256[32];
	const char *challenge_id;	/* owned by the challenge */
	int has_holdout;
	unsigned char holdout_sha256[32];
	enum grade_status status;
	double pass_auc;
	struct grade_model *models;
	size_t n_models;
	int best;		/* index into models, or -1 */
	int has_comparison;
	struct auc_comparison comparison;
	struct grade_rule_result *deliverables;
	size_t n_deliverables;
	struct grade_rule_result *forbidden;
	size_t n_forbidden;
	struct problem_list *problems;
};

/*
 * Grades (or, with no holdout, checks) one submission.  On GR_OK or GR_IO
 * sets *out to a report that the caller frees with grade_report_free():
 * GR_IO means the submission itself could not be opened (the report's
 * problems say why, opened is 0).  Archive and results problems are not
 * errors of the call: they are in the report, with the status.  GR_NOMEM
 * leaves *out NULL.
 */
enum gr_status grade_run(const struct grade_options *opt,
			 struct grade_report **out);

/* Frees the report; NULL is a no-op. */
void grade_report_free(struct grade_report *r);

/* The status as the scorecard spells it: "pass", "fail", "invalid". */
const char *grade_status_name(enum grade_status s);

#endif
