/*
 * problems.h: the one list of every error and warning found while reading,
 * validating and grading a submission.  Each problem has a stable code
 * (documented in docs/problems.md), the file and line it concerns where there
 * is one, a message complete enough to print as it is, and a hint that says
 * how to fix it.  Depends on nothing else of ours.
 */
#ifndef GRADER_PROBLEMS_H
#define GRADER_PROBLEMS_H

#include <stdarg.h>
#include <stddef.h>

/* Status codes of library calls.  Detail goes into a problem list. */
enum gr_status {
	GR_OK = 0,
	GR_INVALID,	/* the input was rejected; the problems say why */
	GR_NOMEM,	/* out of memory */
	GR_IO,		/* an input could not be opened or read */
	GR_UNUSABLE,	/* the challenge or holdout is unusable */
};

enum problem_severity {
	PROBLEM_ERROR = 0,
	PROBLEM_WARNING,
};

/* How many problems of one code in one file are kept in full; the rest are
 * counted into one summary problem of the same code. */
#define PROBLEMS_PER_KIND 20

struct problem {
	enum problem_severity severity;
	const char *code;	/* static string such as "csv.row_count" */
	char *file;		/* owned; NULL when the problem concerns no file */
	long line;		/* 1-based; 0 when there is no line */
	char *message;		/* owned; never NULL */
	char *hint;		/* owned; NULL when there is nothing to add */
	size_t more;		/* in a summary problem: how many were left out */
	int per_entry;		/* added by problems_add_entry() */
};

struct problem_list {
	struct problem *items;
	size_t count, cap;
	int nomem;		/* set when an allocation failed: the list is
				 * incomplete */
	size_t last_summary;	/* index of the summary last counted into */
};

/* Returns an empty list, or NULL when out of memory; free it with
 * problems_free(). */
struct problem_list *problems_new(void);

/* Frees the list and everything in it.  NULL is a no-op. */
void problems_free(struct problem_list *list);

/*
 * Adds a problem.  code must be a string that lives as long as the list (a
 * literal); file and hint are copied (either may be NULL); the message is
 * formatted from fmt.  Beyond PROBLEMS_PER_KIND problems of one code in one
 * file, the problem is counted into a summary instead ("and N more").
 * Returns GR_OK or GR_NOMEM (the list then has its nomem flag set).
 */
enum gr_status problems_add(struct problem_list *list,
			    enum problem_severity severity, const char *code,
			    const char *file, long line, const char *hint,
			    const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

enum gr_status problems_addv(struct problem_list *list,
			     enum problem_severity severity, const char *code,
			     const char *file, long line, const char *hint,
			     const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

/*
 * Adds a problem that names an archive or folder entry (entry may be NULL
 * for the archive itself).  Entries differ from one problem to the next, so
 * the cap counts by code alone: of one code, PROBLEMS_PER_KIND problems in
 * full, then one summary with no file, "and N more entries with the same
 * problem".  Never a line.
 */
enum gr_status problems_add_entry(struct problem_list *list,
				  enum problem_severity severity,
				  const char *code, const char *entry,
				  const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

enum gr_status problems_add_entryv(struct problem_list *list,
				   enum problem_severity severity,
				   const char *code, const char *entry,
				   const char *hint, const char *fmt,
				   va_list ap)
	__attribute__((format(printf, 6, 0)));

/*
 * Records that an allocation failed outside the list, so that the list is
 * known to be incomplete: the one record of out-of-memory that every
 * module keeps.  Returns GR_NOMEM.
 */
enum gr_status problems_nomem(struct problem_list *list);

/* Counts problems of one severity, summaries counting what they stand for. */
size_t problems_count(const struct problem_list *list,
		      enum problem_severity severity);

/* Counts problems of one code, summaries counting what they stand for. */
size_t problems_count_code(const struct problem_list *list, const char *code);

/* Returns the first problem with the code, or NULL. */
const struct problem *problems_find(const struct problem_list *list,
				    const char *code);

/* Counts errors concerning one file (NULL: problems with no file). */
size_t problems_errors_in(const struct problem_list *list, const char *file);

/* Moves every problem of src to the end of dst; src is left empty. */
enum gr_status problems_move(struct problem_list *dst,
			     struct problem_list *src);


#endif
