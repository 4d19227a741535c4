/*
 * layout.h: where the results files are in a submission.  A results file is
 * found at the root or under exactly one top-level folder, by its exact
 * name; anything that looks like it but is not (Results1.csv,
 * results_1.csv, results1.txt, a file two folders down) is named in the
 * hint of the "missing" problem rather than accepted.  Depends on
 * submission and problems.
 */
#ifndef GRADER_LAYOUT_H
#define GRADER_LAYOUT_H

#include <stddef.h>

#include "problems.h"
#include "submission.h"

/*
 * Finds the entry that holds the results file `name`; `expected` lists all
 * n_expected results files of the challenge, so that one expected file is
 * never offered as a near miss for another.  Returns its index,
 * or -1 when there is none or more than one; then a "results.missing" or
 * "results.ambiguous" error has been added to problems (GR_NOMEM is
 * reported through the list's nomem flag).
 */
long layout_find_results(const struct submission *s, const char *name,
			 char *const *expected, size_t n_expected,
			 struct problem_list *problems);

/* Whether an entry can be a deliverable or a results file: a file, not a
 * folder, and not __MACOSX/ or ._* junk. */
int layout_is_candidate(const struct submission_entry *e);

/*
 * Whether candidate `have` is a near miss for the expected file name
 * `want`: the same name in another case, with separators or an extension
 * changed, one letter off, or a doubled extension.
 */
int layout_is_near_miss(const char *want, const char *have);

#endif
