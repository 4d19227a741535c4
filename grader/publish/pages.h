/*
 * pages.h: the HTML pages that `grader batch` and `grader merge` write, one
 * per graded submission and an index (the leaderboard).  Each page is a
 * self-contained HTML5 document: inline CSS and SVG, no script, no external
 * resource of any kind.  Every string taken from the input is HTML-escaped,
 * and the same input always gives the same bytes (no time, no locale).
 * Numbers are read from cJSON numbers (a parsed file) or from raw items
 * holding a number's text (a tree built with scorecard_number()), through
 * the scorecard's accessors.  Part of the publisher (grader/publish):
 * depends on the library's scorecard, schema, number and textbuf, and on
 * cJSON; never prints, never exits.
 */
#ifndef GRADER_PAGES_H
#define GRADER_PAGES_H

#include <cjson/cJSON.h>

/*
 * The page of one submission from its scorecard (schema_version 1, as
 * docs/scorecard.md describes; `check` scorecards too).  Any field may be
 * missing, null or of the wrong type: it is then shown as "—", or its
 * section is left out.  scorecard may be NULL (a page of dashes).  The
 * page links back to "index.html", the leaderboard beside it.
 * Returns a malloc'd NUL-terminated string that the caller frees with
 * free(), or NULL when out of memory.
 */
char *pages_submission(const cJSON *scorecard);

/*
 * The index page from a leaderboard object:
 *   {"challenge": ID, "rows": [{"rank", "submission", "name", "status",
 *    "best_auc", "models": [{"file", "auc"}], "flags": [...], "sha256"}]}
 * Rows are shown in the given order; each links to "<name>.html" (the name
 * percent-encoded) when it has a name.  The columns of model AUCs are the
 * union of the rows' model files, in order of first appearance.
 * leaderboard may be NULL.  Returns a malloc'd NUL-terminated string that
 * the caller frees with free(), or NULL when out of memory.
 */
char *pages_index(const cJSON *leaderboard);

#endif
