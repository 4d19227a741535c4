/*
 * readfile.h: reading one regular file whole into memory, with a size
 * bound, for the loaders of the grader's file inputs; and replacing one
 * file whole, for the program's outputs and the challenges' data.
 */
#ifndef GRADER_READFILE_H
#define GRADER_READFILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Reads the regular file at path into a new buffer of *len bytes plus a
 * terminating NUL (not counted).  Refuses files larger than max_bytes.
 * Returns 0, or an errno value: EFBIG over the bound, EISDIR (or another
 * errno) when the path is not a readable regular file.  The caller frees
 * *data with free().
 */
int readfile(const char *path, uint64_t max_bytes, unsigned char **data,
	     size_t *len);

/*
 * Replaces the file at path with data[0..len), through a temporary file
 * beside it (mode 0666 less the umask) and rename(): readers see the old
 * file or the new one, never part of one, and on failure the old one is
 * left alone.  Returns 0 or an errno value.
 */
int writefile_atomic(const char *path, const void *data, size_t len);

/* Makes dir and any missing parent (mode 0777 less the umask), like
 * mkdir -p; a dir that exists already is fine.  Returns 0 or an errno
 * value (ENOTDIR when dir exists and is not a folder). */
int makedirs(const char *dir);

#endif
