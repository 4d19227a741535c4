/*
 * digest.h: SHA-256 sums, from libmd (never hand-rolled).
 */
#ifndef GRADER_DIGEST_H
#define GRADER_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_SHA256_LEN 32
#define DIGEST_SHA256_HEX_LEN 64

/* SHA-256 of data[0..len) into out[32]. */
void digest_sha256(const void *data, size_t len, unsigned char out[32]);

/* Lower-case hexadecimal of a sum into out[65], NUL-terminated. */
void digest_hex(const unsigned char sum[32], char out[65]);

/*
 * SHA-256 and size of the file at path, read in pieces (the file is never
 * held whole).  Returns 0 or an errno value.
 */
int digest_file(const char *path, unsigned char out[32], uint64_t *bytes);

#endif
