/*
 * results.h: validating one results file (one decimal probability per line,
 * no header) and the warnings that concern a results file or a pair of
 * them.  Every problem of a file is reported in one run.  Depends on
 * problems and number.
 */
#ifndef GRADER_RESULTS_H
#define GRADER_RESULTS_H

#include <stddef.h>

#include "problems.h"

struct results_file {
	double *values;		/* owned; rows values when valid */
	size_t rows;		/* data rows found (valid or not) */
	int valid;		/* no error: values may be scored */
	int bom;		/* the file started with a UTF-8 BOM */
};

/*
 * Parses and validates data[0..len) as the results file `file` (the name used
 * in problems).  expected_rows is the row count the challenge demands, or 0
 * to accept any count of at least one row (grader auc).  max_line is the
 * longest line accepted (bytes), 0 for no limit.  Fills *out (release it
 * with results_release()), adds every problem found and the per-file
 * warnings (labels instead of probabilities, constant values, fewer than ten
 * distinct values, a byte order mark).  Returns GR_OK when the file is
 * valid, GR_INVALID when it is not, GR_NOMEM.
 *
 * Values are stored in file order, -0 as +0, and a number below the double
 * range (1e-400) as the nearest double.  With expected_rows > 0 the values
 * array holds expected_rows doubles and rows beyond it are only counted, so
 * memory does not grow with the file; with 0 it grows with the rows.  When
 * the file is invalid, out->rows still counts its rows (the header and one
 * final blank line excluded) and out->values is unspecified.  The codes of
 * the problems are listed in docs/problems.md, "Results file problems".
 */
enum gr_status results_parse(const char *file, const unsigned char *data,
			     size_t len, size_t expected_rows, size_t max_line,
			     struct results_file *out,
			     struct problem_list *problems);

/* Frees the values; NULL or a zeroed struct is a no-op. */
void results_release(struct results_file *r);

/*
 * Warns when two valid results files are byte-identical or hold the same
 * values (the same model submitted twice).
 */
enum gr_status results_compare(const char *file_a, const unsigned char *data_a,
			       size_t len_a, const struct results_file *a,
			       const char *file_b, const unsigned char *data_b,
			       size_t len_b, const struct results_file *b,
			       struct problem_list *problems);

#endif
