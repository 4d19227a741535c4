/*
 * submission.c: reading a submission, a .zip file or a folder, entirely in
 * memory and by the same rules.  This file holds the submission object,
 * the rules on the whole listing (duplicate names, the total size, no
 * file at all) and sub_stream(), the one counted read that zip entries
 * and folder files share; zipread.c reads a zip (its header says how the
 * archive is checked), folderread.c a folder, ziprecords.c the zip
 * format's own records, entryname.c the rules on names.
 *
 * Nothing is ever extracted.  Any problem found makes submission_open()
 * fail with GR_INVALID, so that a hostile archive is never scored,
 * whichever entry it touches.  Entries are read again, by the same counted
 * loop, when the caller asks for them, and hashed with SHA-256 (digest.c,
 * nettle).
 */
#include "submission.h"

#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "entryname.h"
#include "grow.h"
#include "submission_int.h"

const char SUB_HINT_REZIP[] =
	"Create the zip again with your system's standard zip tool "
	"(Windows: Send to > Compressed (zipped) folder; macOS: Compress; "
	"Linux: zip -r), without a password.";
const char SUB_HINT_RENAME[] =
	"Give every file a plain relative name inside your submission folder "
	"(no '..', no leading '/', no drive letter, no control characters, at "
	"most 255 bytes), then create the zip again.";
const char SUB_HINT_LINK[] =
	"Replace links and special files with ordinary files (copy the file "
	"itself), then create the zip again.";
const char SUB_HINT_LIMIT[] =
	"Submit only what the challenge asks for: leave out data sets, .git, "
	"virtual environments, caches and other large or numerous files.";
const char SUB_HINT_UTF8[] =
	"Rename the file with plain letters and digits, then create the zip "
	"again with your system's standard zip tool.";
const char SUB_HINT_BACKSLASH[] =
	"Nothing to do: Windows PowerShell's Compress-Archive writes '\\' "
	"between folders, and the grader reads it as '/'.  Other tools may "
	"not: prefer Send to > Compressed (zipped) folder.";
const char SUB_HINT_UNREADABLE[] =
	"Check the path and the file's permissions.";
static const char HINT_DUPLICATE[] =
	"Give each file a distinct name (names that differ only in letter case "
	"collide on Windows and macOS), then create the zip again.";

const char *
sub_fmt_bytes(char *out, size_t outlen, uint64_t v)
{
	if (v >= (1ull << 20))
		snprintf(out, outlen, "%llu bytes (%llu.%llu MiB)",
			 (unsigned long long)v, (unsigned long long)(v >> 20),
			 (unsigned long long)(((v & 0xfffff) * 10) >> 20));
	else
		snprintf(out, outlen, "%llu bytes", (unsigned long long)v);
	return out;
}

/* Reports an unsafe name; returns 1 when it was unsafe. */
int
sub_check_name(struct problem_list *pl, const char *name, const unsigned char *raw,
	   size_t rawlen, int has_nul)
{
	const char *why;
	char *shown;
	int control;

	why = entryname_unsafe(name, raw, rawlen, has_nul, &control);
	if (why == NULL)
		return 0;
	if ((shown = entryname_shown(raw, rawlen)) == NULL) {
		problems_nomem(pl);
		return 1;
	}
	if (control >= 0)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.unsafe_name", shown, SUB_HINT_RENAME,
		       "the entry name \"%s\" %s (byte 0x%02x): a submission "
		       "holding it is refused", shown, why, control);
	else if (rawlen > ENTRYNAME_MAX_BYTES)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.unsafe_name", shown, SUB_HINT_RENAME,
		       "the entry name \"%s\" is %zu bytes long; the limit is "
		       "%d", shown, rawlen, ENTRYNAME_MAX_BYTES);
	else
		problems_add_entry(pl, PROBLEM_ERROR, "zip.unsafe_name", shown, SUB_HINT_RENAME,
		       "the entry name \"%s\" %s: a submission holding it is "
		       "refused", shown, why);
	free(shown);
	return 1;
}

void
sub_set_base(struct submission_entry *e)
{
	const char *slash = strrchr(e->name, '/');

	e->base = slash ? slash + 1 : e->name;
}

struct entry *
sub_add_entry(struct submission *s)
{
	if (ALLOC_GROW(s->entries, s->count + 1, s->cap) != 0)
		return NULL;
	memset(&s->entries[s->count], 0, sizeof s->entries[0]);
	return &s->entries[s->count++];
}

static struct submission *
submission_alloc(const struct gr_limits *lim)
{
	struct submission *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->lim = lim ? *lim : gr_limits_default();
	s->root_fd = -1;
	return s;
}

void
submission_free(struct submission *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->count; i++) {
		free(s->entries[i].pub.name);
		free(s->entries[i].path);
		free(s->entries[i].kept);
	}
	free(s->entries);
	if (s->za != NULL)
		zip_discard(s->za);
	ziprec_free(&s->dir);
	free(s->buf);
	if (s->root_fd >= 0)
		close(s->root_fd);
	free(s);
}

uint64_t
submission_bytes(const struct submission *s)
{
	return s->bytes;
}

const unsigned char *
submission_sha256(const struct submission *s)
{
	return s->sha256;
}

size_t
submission_count(const struct submission *s)
{
	return s->count;
}

const struct submission_entry *
submission_entry(const struct submission *s, size_t i)
{
	return i < s->count ? &s->entries[i].pub : NULL;
}

static int
entry_ptr_cmp(const void *a, const void *b)
{
	const struct entry *const *x = a, *const *y = b;

	return entryname_fold_cmp((*x)->pub.name, (*y)->pub.name);
}

/* Refuses names that collide once letter case is ignored. */
static void
sub_check_duplicates(struct problem_list *pl, struct submission *s)
{
	struct entry **v;

	if (s->count < 2)
		return;
	if ((v = malloc(s->count * sizeof *v)) == NULL) {
		problems_nomem(pl);
		return;
	}
	for (size_t i = 0; i < s->count; i++)
		v[i] = &s->entries[i];
	qsort(v, s->count, sizeof *v, entry_ptr_cmp);
	for (size_t i = 1; i < s->count; i++) {
		const char *a = v[i - 1]->pub.name, *b = v[i]->pub.name;

		if (entryname_fold_cmp(a, b) != 0)
			continue;
		if (strcmp(a, b) == 0)
			problems_add_entry(pl, PROBLEM_ERROR, "zip.duplicate_name", b,
			       HINT_DUPLICATE, "the submission holds \"%s\" "
			       "twice", b);
		else
			problems_add_entry(pl, PROBLEM_ERROR, "zip.duplicate_name", b,
			       HINT_DUPLICATE, "\"%s\" and \"%s\" differ only "
			       "in letter case", a, b);
	}
	free(v);
}

void
sub_check_listing(struct problem_list *pl, struct submission *s, uint64_t declared_total,
	      const char *display)
{
	char b1[64], b2[64];
	size_t files = 0;

	sub_check_duplicates(pl, s);
	if (declared_total > s->lim.total_bytes)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_total_bytes", NULL,
		       SUB_HINT_LIMIT, "%s holds %s once uncompressed; the limit "
		       "is %s", display,
		       sub_fmt_bytes(b1, sizeof b1, declared_total),
		       sub_fmt_bytes(b2, sizeof b2, s->lim.total_bytes));
	for (size_t i = 0; i < s->count; i++)
		if (!s->entries[i].pub.is_dir)
			files++;
	if (files == 0 && sub_errors(s, pl) == 0)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.empty", NULL,
		       "Put your results files in the folder, then create "
		       "the zip again.", "%s holds no files%s", display,
		       s->count ? ", only folders" : "");
}

static enum gr_status
finish(struct problem_list *pl, enum gr_status st, struct submission *s,
       struct submission **out)
{
	if (pl->nomem)
		st = GR_NOMEM;
	if (st != GR_OK) {
		submission_free(s);
		s = NULL;
	}
	*out = s;
	return st;
}

enum gr_status
submission_open_buffer(const unsigned char *buf, size_t len,
		       const char *display_name, const struct gr_limits *lim,
		       struct submission **out, struct problem_list *pl)
{
	struct submission *s;

	*out = NULL;
	if (display_name == NULL)
		display_name = "the archive";
	if ((s = submission_alloc(lim)) == NULL)
		return problems_nomem(pl);
	s->errors0 = problems_count(pl, PROBLEM_ERROR);
	/* One spare byte so that an empty buffer still has an address. */
	if ((s->buf = malloc(len + 1)) == NULL) {
		free(s);
		return GR_NOMEM;
	}
	if (len > 0)
		memcpy(s->buf, buf, len);
	s->len = len;
	return finish(pl, zipread_load(s, display_name, pl), s, out);
}

enum gr_status
submission_open(const char *path, const struct gr_limits *lim,
		struct submission **out, struct problem_list *pl)
{
	char b1[64], b2[64];
	struct submission *s;
	struct stat sb;
	size_t got = 0;
	int fd;

	*out = NULL;
	if ((s = submission_alloc(lim)) == NULL)
		return problems_nomem(pl);
	s->errors0 = problems_count(pl, PROBLEM_ERROR);
	/* O_NONBLOCK: a FIFO given as the submission must not hang us. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable", NULL,
		       SUB_HINT_UNREADABLE, "%s cannot be opened: %s", path,
		       strerror(errno));
		if (fd >= 0)
			close(fd);
		return finish(pl, GR_IO, s, out);
	}
	if (S_ISDIR(sb.st_mode)) {
		s->root_fd = fd;
		return finish(pl, folderread_load(s, path, pl), s, out);
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable", NULL,
		       SUB_HINT_UNREADABLE, "%s is neither a file nor a folder",
		       path);
		return finish(pl, GR_IO, s, out);
	}
	/* The size limit is checked before a byte is read. */
	if ((uint64_t)sb.st_size > s->lim.zip_bytes) {
		close(fd);
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_zip_bytes", NULL,
		       SUB_HINT_LIMIT, "%s is %s; the limit is %s", path,
		       sub_fmt_bytes(b1, sizeof b1, (uint64_t)sb.st_size),
		       sub_fmt_bytes(b2, sizeof b2, s->lim.zip_bytes));
		return finish(pl, GR_INVALID, s, out);
	}
	if ((s->buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		close(fd);
		return finish(pl, GR_NOMEM, s, out);
	}
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, s->buf + got, (size_t)sb.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable", NULL,
			       SUB_HINT_UNREADABLE, "%s cannot be read: %s", path,
			       n < 0 ? strerror(errno) :
			       "it shrank while it was being read");
			close(fd);
			return finish(pl, GR_IO, s, out);
		}
		got += (size_t)n;
	}
	close(fd);
	s->len = got;
	return finish(pl, zipread_load(s, path, pl), s, out);
}

enum gr_status
submission_read(struct submission *s, size_t i, unsigned char **data,
		size_t *len, struct problem_list *pl)
{
	unsigned char sha[32];
	enum gr_status st;

	*data = NULL;
	*len = 0;
	if (i >= s->count || s->entries[i].pub.is_dir) {
		return problems_add_entry(pl, PROBLEM_ERROR, "input.unreadable",
					  NULL, NULL, "entry %zu is not a file "
					  "of the submission", i) == GR_OK ?
		       GR_INVALID : GR_NOMEM;
	}
	if (s->entries[i].kept != NULL) {
		/* Verified at open: hand it over (a later read inflates). */
		*data = s->entries[i].kept;
		*len = s->entries[i].kept_len;
		s->entries[i].kept = NULL;
		return GR_OK;
	}
	if (s->root_fd >= 0)
		st = folderread_stream(s, i, data, len, sha, pl);
	else
		st = zipread_stream(s, i, data, len, sha, pl);
	if (st == GR_NOMEM) {
		free(*data);
		*data = NULL;
		*len = 0;
		return GR_NOMEM;
	}
	/* A changed folder file is an I/O failure at open; once open, the
	 * header promises only GR_INVALID. */
	return st == GR_IO ? GR_INVALID : st;
}

char *
submission_shown_name(const char *name)
{
	return entryname_shown((const unsigned char *)name, strlen(name));
}

size_t
sub_errors(const struct submission *s, const struct problem_list *pl)
{
	size_t n = problems_count(pl, PROBLEM_ERROR);

	assert(n >= s->errors0);
	return n - s->errors0;
}

enum gr_status
sub_stream(struct submission *s, size_t k, sub_read_fn *read, void *src,
	   unsigned char **data, size_t *len, unsigned char sha[32],
	   uint64_t *total, struct problem_list *pl)
{
	uint64_t size = s->entries[k].pub.size;
	unsigned char *out = NULL, *chunk = NULL;
	struct digest_ctx h;

	/* Precondition: size <= the per-entry limit, checked at open. */
	assert(size <= s->lim.entry_bytes);
	*total = 0;
	if (data != NULL) {
		if (size >= SIZE_MAX || (out = malloc((size_t)size + 1)) == NULL)
			return problems_nomem(pl);
	} else if ((chunk = malloc(SUB_CHUNK_BYTES)) == NULL) {
		return problems_nomem(pl);
	}
	digest_init(&h);
	for (;;) {
		uint64_t want = size + 1 - *total;
		unsigned char *dst = out ? out + *total : chunk;
		long long n;

		if (want > SUB_CHUNK_BYTES)
			want = SUB_CHUNK_BYTES;
		if ((n = read(src, dst, (size_t)want)) < 0) {
			free(out);
			free(chunk);
			return GR_INVALID;
		}
		if (n == 0)
			break;
		*total += (uint64_t)n;
		if (*total > size)
			break;
		digest_update(&h, dst, (size_t)n);
	}
	digest_final(&h, sha);
	free(chunk);
	if (data != NULL) {
		if (*total <= size) {
			out[*total] = '\0';
			*data = out;
			*len = (size_t)*total;
		} else {
			free(out);
		}
	}
	return GR_OK;
}
