/*
 * distzip.h: the zip a team sends candidates, byte for byte the same from
 * the same inputs: entries in the order given, deflated at level 9, each
 * stamped 2024-01-01 00:00 (a DOS date and time, set as such so that the
 * time zone plays no part) with mode 0644.
 */
#ifndef CDATA_DISTZIP_H
#define CDATA_DISTZIP_H

#include <stddef.h>

struct distzip_entry {
	const char *name;	/* its path in the archive */
	const void *data;
	size_t len;
};

/*
 * Writes entries[0..n) to the zip at path, replacing it (libzip writes a
 * temporary file beside it and renames it).  Returns 0, or -1 with a
 * message in err[0..errlen).
 */
int distzip_write(const char *path, const struct distzip_entry *entries,
		  int n, char *err, size_t errlen);

#endif
