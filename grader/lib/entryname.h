/*
 * entryname.h: the names of a submission's entries, as the rules see them:
 * whether a name is safe, how it is shown in a message, how two names
 * compare on a case-insensitive file system, and which entries are macOS
 * junk.  Zip entries and folder files go through the same functions.
 * Depends on nothing of ours.
 */
#ifndef GRADER_ENTRYNAME_H
#define GRADER_ENTRYNAME_H

#include <stddef.h>

/* The longest entry name accepted, in bytes (a common file system limit). */
#define ENTRYNAME_MAX_BYTES	255

/* True when s[0..n) is valid UTF-8 (no overlong forms, no surrogates). */
int entryname_utf8_valid(const unsigned char *s, size_t n);

/*
 * Returns a copy of s[0..n) that is safe to print and to put in JSON:
 * valid UTF-8 kept, control characters (C0, DEL, C1) and stray bytes
 * written as \xNN, a long name cut short with its length.  The caller
 * frees it; NULL when out of memory.
 */
char *entryname_shown(const unsigned char *s, size_t n);

/* Compares names as Windows and macOS would, ignoring ASCII letter case. */
int entryname_fold_cmp(const char *a, const char *b);

/*
 * Returns a copy of a stored name with every '\' read as '/' (Windows
 * PowerShell writes them; Info-ZIP and libarchive read them so), and sets
 * *backslash when there was one.  The caller frees it; NULL when out of
 * memory.
 */
char *entryname_from_stored(const char *stored, int *backslash);

/*
 * Why the name (already '/'-separated) whose stored form was raw[0..rawlen)
 * is unsafe, or NULL when it is safe.  has_nul: the stored name held a NUL
 * byte.  *control is set to the control byte found, or -1.
 */
const char *entryname_unsafe(const char *name, const unsigned char *raw,
			     size_t rawlen, int has_nul, int *control);

/* True for macOS junk: __MACOSX/ and its content, and ._* files. */
int entryname_ignored(const char *name, const char *base);

#endif
