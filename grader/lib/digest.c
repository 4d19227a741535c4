/*
 * digest.c: SHA-256 through nettle.
 */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

void
digest_init(struct digest_ctx *ctx)
{
	sha256_init(&ctx->sha);
}

void
digest_update(struct digest_ctx *ctx, const void *data, size_t len)
{
	sha256_update(&ctx->sha, len, data);
}

void
digest_final(struct digest_ctx *ctx, unsigned char out[32])
{
	sha256_digest(&ctx->sha, SHA256_DIGEST_SIZE, out);
}

void
digest_sha256(const void *data, size_t len, unsigned char out[32])
{
	struct digest_ctx ctx;

	digest_init(&ctx);
	digest_update(&ctx, data, len);
	digest_final(&ctx, out);
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
	struct digest_ctx ctx;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	*bytes = 0;
	if (fd < 0)
		return errno;
	digest_init(&ctx);
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		digest_update(&ctx, buf, (size_t)n);
		*bytes += (uint64_t)n;
	}
	close(fd);
	digest_final(&ctx, out);
	return err;
}
