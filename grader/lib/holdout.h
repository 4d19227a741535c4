/*
 * holdout.h: the secret labels.  One column of 0 or 1, one a row, an
 * optional first line that is a column name; lines end with LF, CRLF or a
 * lone CR, as in a results file (csvline).  No problem this
 * module reports ever quotes a line of the file or says which class a row
 * holds: the messages give line numbers and counts only.  Depends on
 * problems and number.
 */
#ifndef GRADER_HOLDOUT_H
#define GRADER_HOLDOUT_H

#include <stddef.h>
#include <stdint.h>

#include "problems.h"

struct holdout {
	uint8_t *labels;	/* rows entries, each 0 or 1 */
	size_t rows;
	size_t positives;
	unsigned char sha256[32];	/* of the file's bytes */
};

/*
 * Parses data[0..len) as a holdout named `name` (for messages).
 * expected_rows 0 accepts any count.  On GR_OK fills *out (release it with
 * holdout_release()).  GR_UNUSABLE: a line is not a label, the count is
 * wrong, or only one class is present (problems say which, without
 * revealing a label).  GR_NOMEM.
 */
enum gr_status holdout_parse(const char *name, const unsigned char *data,
			     size_t len, size_t expected_rows,
			     struct holdout *out,
			     struct problem_list *problems);

/* Reads the file at path, then holdout_parse().  GR_IO when it cannot be
 * read (a "holdout.unreadable" problem). */
enum gr_status holdout_load(const char *path, size_t expected_rows,
			    struct holdout *out,
			    struct problem_list *problems);

/* Frees the labels; a zeroed struct is a no-op. */
void holdout_release(struct holdout *h);

#endif
