/*
 * submission.h: reading a submission, a .zip file or a folder, by the same
 * rules and entirely in memory.  A zip is never extracted: libzip reads it
 * from a memory buffer, and each entry is read into memory with its bytes
 * counted and its CRC checked.  Every archive problem (docs/hostile.md) is
 * found when the submission is opened, so that a hostile archive is never
 * scored, whichever entry it touches.  Depends on problems and limits.
 */
#ifndef GRADER_SUBMISSION_H
#define GRADER_SUBMISSION_H

#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "problems.h"

struct submission;

struct submission_entry {
	char *name;		/* path inside the submission, '/'-separated,
				 * backslashes already read as separators */
	const char *base;	/* points into name: the last component */
	uint64_t size;		/* uncompressed bytes, as counted */
	unsigned char sha256[32];	/* of the content */
	int is_dir;
	int ignored;		/* __MACOSX/ or ._* junk: not a deliverable */
};

/*
 * Opens a submission: a .zip file, or a folder read recursively.  The path
 * decides which (a folder is a folder; anything else is read as a zip).
 * On GR_OK *out is set and must be freed with submission_free(); archive
 * problems may still have been added as warnings (a backslash name, say).
 * GR_INVALID: the archive is unusable or hostile (errors added to problems;
 * *out is NULL).  GR_IO: the path cannot be opened or read (*out NULL, an
 * "input.unreadable" error added).  GR_NOMEM: out of memory.
 */
enum gr_status submission_open(const char *path, const struct gr_limits *lim,
			       struct submission **out,
			       struct problem_list *problems);

/* The same for a zip already in memory; buf is copied, not kept. */
enum gr_status submission_open_buffer(const unsigned char *buf, size_t len,
				      const char *display_name,
				      const struct gr_limits *lim,
				      struct submission **out,
				      struct problem_list *problems);

/* Frees everything.  NULL is a no-op. */
void submission_free(struct submission *s);

/* The submission's own size and SHA-256: of the .zip file's bytes, or for a
 * folder, of its canonical listing (documented in docs/scorecard.md). */
/*
 * For a folder, precisely: the SHA-256 of, for each file (not folder) in
 * byte order of name, the name, a NUL, the size in decimal, a NUL, the 64
 * lower-case hex digits of the file's SHA-256 and a newline; and the bytes
 * are the sum of the files' sizes (docs/hostile.md).  A .zip inside the
 * submission is an ordinary entry, never opened.  The problem codes are
 * zip.* and input.unreadable, listed in docs/problems.md.
 */
uint64_t submission_bytes(const struct submission *s);
const unsigned char *submission_sha256(const struct submission *s);

/* Entries, in the archive's (or, for a folder, name-sorted) order. */
size_t submission_count(const struct submission *s);
const struct submission_entry *submission_entry(const struct submission *s,
						size_t i);

/*
 * Reads entry i into a new buffer of *len bytes plus a terminating NUL
 * (not counted).  The caller frees *data with free().  Returns GR_OK,
 * GR_INVALID (with a problem added) or GR_NOMEM.
 */
enum gr_status submission_read(struct submission *s, size_t i,
			       unsigned char **data, size_t *len,
			       struct problem_list *problems);

/*
 * A name made safe to print: valid UTF-8 kept, control characters (C0,
 * DEL, C1) and stray bytes written as \xNN, a long name cut short with its
 * length, as entry names are shown in problems.  The caller frees it; NULL
 * when out of memory.
 */
char *submission_shown_name(const char *name);

#endif
