/*
 * folderread.c: a submission that is a folder, the one a candidate checks
 * before zipping it, held to the rules of submission.c.
 *
 * The folder is walked with openat() and O_NOFOLLOW, never following a
 * link, and its files are held to the same name, type and size rules as a
 * zip's entries; they are read again on demand, one component at a time
 * from the root, and must still hash to what was checked.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "entryname.h"
#include "submission_int.h"

/* Deep enough for any real folder; bounds the walk's recursion. */
#define FOLDER_DEPTH_MAX	64

/*
 * Opens path below dirfd one component at a time, never following a link,
 * so that a folder swapped for a link after the walk cannot lead outside.
 * Returns a descriptor or -1 with errno set.
 */
static int
open_beneath(int dirfd, const char *path)
{
	char *copy, *p, *slash;
	int fd, next;

	if ((copy = strdup(path)) == NULL)
		return -1;
	fd = dirfd;
	for (p = copy; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		*slash = '\0';
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			      O_CLOEXEC);
		if (fd != dirfd)
			close(fd);
		if (next < 0) {
			free(copy);
			return -1;
		}
		fd = next;
	}
	next = openat(fd, p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd != dirfd) {
		int saved = errno;

		close(fd);
		errno = saved;
	}
	free(copy);
	return next;
}

static long long
fd_read(void *p, unsigned char *buf, size_t n)
{
	int fd = *(int *)p;
	ssize_t got;

	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	/* A read error ends the file early: the size check then says that
	 * the file changed. */
	return got < 0 ? 0 : got;
}

/*
 * Reads folder file k with sub_stream().  A file that changed since it was
 * listed (its type, its size, or, when its content is asked for, its
 * SHA-256) is refused.
 */
enum gr_status
folderread_stream(struct submission *s, size_t k, unsigned char **data,
		  size_t *len, unsigned char sha[32], struct problem_list *pl)
{
	struct entry *e = &s->entries[k];
	uint64_t total = 0;
	enum gr_status st;
	struct stat sb;
	int fd;

	if ((fd = open_beneath(s->root_fd, e->path)) < 0) {
		problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable",
				   e->pub.name, SUB_HINT_UNREADABLE, "\"%s\" "
				   "cannot be read: %s", e->pub.name,
				   strerror(errno));
		return GR_IO;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		st = GR_IO;
	else
		st = sub_stream(s, k, fd_read, &fd, data, len, sha, &total,
				pl);
	close(fd);
	if (st == GR_NOMEM)
		return st;
	if (st == GR_OK && total == e->pub.size &&
	    (data == NULL || memcmp(sha, e->pub.sha256, 32) == 0))
		return GR_OK;
	if (data != NULL) {
		free(*data);
		*data = NULL;
	}
	problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable", e->pub.name,
			   SUB_HINT_UNREADABLE, "\"%s\" changed while it was "
			   "being read", e->pub.name);
	return GR_IO;
}

/* The state of one folder walk. */
struct walk {
	struct submission *s;
	struct problem_list *pl;
	uint64_t total;		/* the files' sizes, saturated */
	size_t backslashes;	/* names with a '\\', read as '/' */
};

static enum gr_status walk_folder(struct walk *w, int dirfd,
				  const char *prefix, int depth);

/*
 * Sets *name to the name under which path (below the root) is listed,
 * '\\' read as '/'.  Returns GR_OK, GR_INVALID when the name is refused (a
 * problem was added; *name is NULL) or GR_NOMEM.
 */
static enum gr_status
listed_name(struct walk *w, const char *path, char **name)
{
	size_t plen = strlen(path);
	char *shown;
	int backslash;

	*name = NULL;
	if (!entryname_utf8_valid((const unsigned char *)path, plen)) {
		if ((shown = entryname_shown((const unsigned char *)path,
					     plen)) == NULL)
			return problems_nomem(w->pl);
		problems_add_entry(w->pl, PROBLEM_ERROR, "zip.bad_utf8", shown,
				   SUB_HINT_UTF8, "the name \"%s\" is not valid "
				   "UTF-8", shown);
		free(shown);
		return GR_INVALID;
	}
	if ((*name = entryname_from_stored(path, &backslash)) == NULL)
		return problems_nomem(w->pl);
	w->backslashes += (size_t)backslash;
	if (sub_check_name(w->pl, *name, (const unsigned char *)path, plen,
			   0)) {
		free(*name);
		*name = NULL;
		return GR_INVALID;
	}
	return GR_OK;
}

/* Refuses a link or a special file; returns 1 when it was one. */
static int
refuse_kind(struct walk *w, const char *name, mode_t mode)
{
	if (S_ISLNK(mode))
		problems_add_entry(w->pl, PROBLEM_ERROR, "zip.link", name,
				   SUB_HINT_LINK, "\"%s\" is a symbolic link; a "
				   "submission may hold only files and folders",
				   name);
	else if (!S_ISREG(mode) && !S_ISDIR(mode))
		problems_add_entry(w->pl, PROBLEM_ERROR, "zip.file_type", name,
				   SUB_HINT_LINK, "\"%s\" is a special file, not "
				   "a file or folder", name);
	else
		return 0;
	return 1;
}

/*
 * Walks the subfolder entry of dirfd, listed as name with the path path,
 * never through a link.
 */
static enum gr_status
walk_subfolder(struct walk *w, int dirfd, const char *entry,
	       const char *name, const char *path, int depth)
{
	enum gr_status st;
	char *sub;
	int subfd;

	if (depth >= FOLDER_DEPTH_MAX) {
		problems_add_entry(w->pl, PROBLEM_ERROR, "zip.unsafe_name",
				   name, SUB_HINT_RENAME, "\"%s\" is "
				   "nested more than %d folders deep",
				   name, FOLDER_DEPTH_MAX);
		return GR_OK;
	}
	subfd = openat(dirfd, entry, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		       O_CLOEXEC);
	if (subfd < 0) {
		problems_add_entry(w->pl, PROBLEM_ERROR, "input.unreadable",
				   name, SUB_HINT_UNREADABLE, "the "
				   "folder \"%s\" cannot be read: %s",
				   name, strerror(errno));
		return GR_IO;
	}
	if (asprintf(&sub, "%s/", path) < 0) {
		close(subfd);
		return problems_nomem(w->pl);
	}
	st = walk_folder(w, subfd, sub, depth + 1);
	free(sub);
	close(subfd);
	return st;
}

/*
 * Lists the entry named entry of the folder open as dirfd, whose path
 * below the root is prefix + entry.  Returns GR_OK to go on (also after a
 * problem with this entry alone), or what stops the walk.
 */
static enum gr_status
walk_entry(struct walk *w, int dirfd, const char *entry, const char *prefix,
	   int depth)
{
	struct submission *s = w->s;
	char b1[64], b2[64], *path, *name;
	enum gr_status st;
	struct stat sb;
	struct entry *e = NULL;

	if (s->count >= s->lim.entries) {
		problems_add_entry(w->pl, PROBLEM_ERROR, "zip.limit_entries",
				   NULL, SUB_HINT_LIMIT, "the folder holds more "
				   "than %llu entries; the limit is %llu",
				   (unsigned long long)s->lim.entries,
				   (unsigned long long)s->lim.entries);
		return GR_INVALID;
	}
	if (asprintf(&path, "%s%s", prefix, entry) < 0)
		return problems_nomem(w->pl);
	if (fstatat(dirfd, entry, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		problems_add_entry(w->pl, PROBLEM_ERROR, "input.unreadable",
				   path, SUB_HINT_UNREADABLE, "\"%s\" cannot be "
				   "read: %s", path, strerror(errno));
		free(path);
		return GR_IO;
	}
	st = listed_name(w, path, &name);
	if (st == GR_OK && refuse_kind(w, name, sb.st_mode))
		st = GR_INVALID;
	if (st == GR_OK && (e = sub_add_entry(s)) == NULL)
		st = problems_nomem(w->pl);
	if (st != GR_OK) {
		free(name);
		free(path);
		/* A refused entry stops nothing: every one is reported. */
		return st == GR_INVALID ? GR_OK : st;
	}
	e->pub.name = name;
	e->path = path;
	sub_set_base(&e->pub);
	e->pub.ignored = entryname_ignored(name, e->pub.base);
	if (S_ISDIR(sb.st_mode)) {
		e->pub.is_dir = 1;
		return walk_subfolder(w, dirfd, entry, name, path, depth);
	}
	e->pub.size = (uint64_t)sb.st_size;
	if (e->pub.size > s->lim.entry_bytes)
		problems_add_entry(w->pl, PROBLEM_ERROR,
				   "zip.limit_entry_bytes", name,
				   SUB_HINT_LIMIT, "\"%s\" is %s; the limit per "
				   "file is %s", name,
				   sub_fmt_bytes(b1, sizeof b1, e->pub.size),
				   sub_fmt_bytes(b2, sizeof b2,
						 s->lim.entry_bytes));
	w->total = sub_add_sat(w->total, e->pub.size);
	return GR_OK;
}

/*
 * Lists the folder open as dirfd, whose entries are named prefix + name,
 * into w->s.  Stops early, with a problem, once the entry limit is passed.
 */
static enum gr_status
walk_folder(struct walk *w, int dirfd, const char *prefix, int depth)
{
	struct dirent *d = NULL;
	enum gr_status st = GR_OK;
	DIR *dir;
	int fd;

	if ((fd = dup(dirfd)) < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		problems_add_entry(w->pl, PROBLEM_ERROR, "input.unreadable",
				   prefix, SUB_HINT_UNREADABLE, "the folder "
				   "\"%s\" cannot be read: %s", prefix,
				   strerror(errno));
		return GR_IO;
	}
	while (st == GR_OK && (errno = 0, d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			st = walk_entry(w, dirfd, d->d_name, prefix, depth);
	}
	if (st == GR_OK && errno != 0 && d == NULL) {
		problems_add_entry(w->pl, PROBLEM_ERROR, "input.unreadable",
				   prefix, SUB_HINT_UNREADABLE, "the folder "
				   "\"%s\" cannot be read: %s", prefix,
				   strerror(errno));
		st = GR_IO;
	}
	closedir(dir);
	return st;
}

static int
entry_name_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->pub.name, y->pub.name);
}

/*
 * The SHA-256 of a folder: of its listing, files only, in name order, one
 * "name\0size\0sha256hex\n" per file (size in decimal, hex in lower case).
 * Two folders with the same files by name and content hash the same.
 */
static void
folder_digest(struct submission *s)
{
	static const char hex[] = "0123456789abcdef";
	char line[128];
	struct digest_ctx h;

	digest_init(&h);
	s->bytes = 0;
	for (size_t i = 0; i < s->count; i++) {
		const struct submission_entry *e = &s->entries[i].pub;
		int n;

		if (e->is_dir)
			continue;
		s->bytes += e->size;
		digest_update(&h, (const unsigned char *)e->name,
			     strlen(e->name) + 1);
		n = snprintf(line, sizeof line, "%llu",
			     (unsigned long long)e->size);
		digest_update(&h, (const unsigned char *)line, (size_t)n + 1);
		for (int k = 0; k < 32; k++) {
			line[2 * k] = hex[e->sha256[k] >> 4];
			line[2 * k + 1] = hex[e->sha256[k] & 15];
		}
		line[64] = '\n';
		digest_update(&h, (const unsigned char *)line, 65);
	}
	digest_final(&h, s->sha256);
}

/* Opens the folder open as fd, which s owns from now on. */
enum gr_status
folderread_load(struct submission *s, const char *display,
		struct problem_list *pl)
{
	struct walk w = { s, pl, 0, 0 };
	enum gr_status st;

	st = walk_folder(&w, s->root_fd, "", 0);
	if (st != GR_OK || pl->nomem)
		return pl->nomem ? GR_NOMEM : st;
	if (s->count > 1)
		qsort(s->entries, s->count, sizeof s->entries[0],
		      entry_name_cmp);
	/* The entries moved: each base must point into its own name again. */
	for (size_t i = 0; i < s->count; i++)
		sub_set_base(&s->entries[i].pub);
	if (w.backslashes > 0)
		problems_add_entry(pl, PROBLEM_WARNING, "zip.backslash_name", NULL,
		       SUB_HINT_BACKSLASH, "%zu name%s in the folder contain%s "
		       "'\\', read as '/' as in a zip made on Windows",
		       w.backslashes, w.backslashes == 1 ? "" : "s",
		       w.backslashes == 1 ? "s" : "");
	sub_check_listing(pl, s, w.total, display);
	for (size_t k = 0; k < s->count && sub_errors(s, pl) == 0 && !pl->nomem; k++) {
		if (s->entries[k].pub.is_dir)
			continue;
		st = folderread_stream(s, k, NULL, NULL,
				       s->entries[k].pub.sha256, pl);
		if (st != GR_OK)
			return pl->nomem ? GR_NOMEM : st;
	}
	if (pl->nomem)
		return GR_NOMEM;
	if (sub_errors(s, pl))
		return GR_INVALID;
	folder_digest(s);
	return GR_OK;
}
