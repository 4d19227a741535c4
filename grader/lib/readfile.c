/*
 * readfile.c: one regular file into memory, one written whole, and the
 * folders to write it in.
 */
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
readfile(const char *path, uint64_t max_bytes, unsigned char **data,
	 size_t *len)
{
	unsigned char *buf;
	struct stat st;
	size_t have = 0, size;
	int fd, err;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	if ((uint64_t)st.st_size > max_bytes) {
		close(fd);
		return EFBIG;
	}
	size = (size_t)st.st_size;
	buf = malloc(size + 1);
	if (buf == NULL) {
		close(fd);
		return ENOMEM;
	}
	/* The file may change under us: read what fstat promised, no more. */
	while (have < size) {
		ssize_t n = read(fd, buf + have, size - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			free(buf);
			close(fd);
			return err;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	buf[have] = '\0';
	*data = buf;
	*len = have;
	return 0;
}

int
writefile_atomic(const char *path, const void *data, size_t len)
{
	char *tmp;
	int fd, err = 0;

	if (asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0)
		return ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return err;
	}
	for (size_t done = 0; done < len && err == 0;) {
		ssize_t w = write(fd, (const char *)data + done, len - done);

		if (w < 0 && errno != EINTR)
			err = errno;
		else if (w == 0)
			err = EIO;	/* no progress: never loop */
		else if (w > 0)
			done += (size_t)w;
	}
	/* mkstemp makes the file 0600; a report is as readable as any file
	 * the user writes. */
	if (err == 0) {
		mode_t mask = umask(0);

		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0)
			err = errno;
	}
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) != 0)
		err = errno;
	if (err != 0)
		unlink(tmp);
	free(tmp);
	return err;
}

int
makedirs(const char *dir)
{
	char *copy = strdup(dir);
	int err = 0;

	if (copy == NULL)
		return ENOMEM;
	/* Every missing folder on the way, like mkdir -p. */
	for (char *p = copy + 1; err == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			err = errno;
		*p = c;
		if (c == '\0')
			break;
	}
	if (err == 0) {
		struct stat st;

		if (stat(dir, &st) != 0)
			err = errno;
		else if (!S_ISDIR(st.st_mode))
			err = ENOTDIR;
	}
	free(copy);
	return err;
}
