/*
 * digest.c: SHA-256 through libmd.
 */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>
#include <sha2.h>

void
digest_sha256(const void *data, size_t len, unsigned char out[32])
{
	SHA2_CTX ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, data, len);
	SHA256Final(out, &ctx);
}

void
digest_hex(const unsigned char sum[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[sum[i] >> 4];
		out[2 * i + 1] = hex[sum[i] & 15];
	}
	out[64] = '\0';
}

int
digest_file(const char *path, unsigned char out[32], uint64_t *bytes)
{
	unsigned char buf[1 << 16];
	SHA2_CTX ctx;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	*bytes = 0;
	if (fd < 0)
		return errno;
	SHA256Init(&ctx);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		SHA256Update(&ctx, buf, (size_t)n);
		*bytes += (uint64_t)n;
	}
	close(fd);
	SHA256Final(out, &ctx);
	return err;
}
