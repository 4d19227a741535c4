/*
 * distzip.c: a reproducible zip through libzip.
 */
#include "distzip.h"

#include <stdio.h>
#include <sys/stat.h>
#include <zip.h>

/* 2024-01-01 00:00:00 as MS-DOS date and time. */
#define DOS_DATE ((uint16_t)(((2024 - 1980) << 9) | (1 << 5) | 1))
#define DOS_TIME ((uint16_t)0)

static int
add_entry(zip_t *z, const struct distzip_entry *e)
{
	zip_source_t *src = zip_source_buffer(z, e->data, e->len, 0);
	zip_int64_t i;

	if (src == NULL)
		return -1;
	i = zip_file_add(z, e->name, src, ZIP_FL_ENC_GUESS);
	if (i < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 9) != 0 ||
	    zip_file_set_dostime(z, (zip_uint64_t)i, DOS_TIME, DOS_DATE, 0) != 0 ||
	    zip_file_set_external_attributes(z, (zip_uint64_t)i, 0,
					     ZIP_OPSYS_UNIX,
					     (zip_uint32_t)0100644 << 16) != 0)
		return -1;
	return 0;
}

int
distzip_write(const char *path, const struct distzip_entry *entries, int n,
	      char *err, size_t errlen)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	if (z == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, "%s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	for (int k = 0; k < n; k++) {
		if (add_entry(z, &entries[k]) != 0) {
			snprintf(err, errlen, "%s: %s: %s", path,
				 entries[k].name, zip_strerror(z));
			zip_discard(z);
			return -1;
		}
	}
	if (zip_close(z) != 0) {
		snprintf(err, errlen, "%s: %s", path, zip_strerror(z));
		zip_discard(z);
		return -1;
	}
	/* libzip's temporary file is created 0600; the zip is for sharing. */
	if (chmod(path, 0644) != 0) {
		snprintf(err, errlen, "%s: cannot set its mode", path);
		return -1;
	}
	return 0;
}
