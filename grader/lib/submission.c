/*
 * submission.c: reading a submission, a .zip file or a folder, entirely in
 * memory and by the same rules.
 *
 * Nothing is ever extracted.  A zip is read into memory (its size checked
 * first) and handed to libzip as a buffer source.  It is opened without
 * ZIP_CHECKCONS, which in Debian 12's libzip refuses the valid layouts of
 * bsdtar, macOS Archive Utility and `zip -fd` (data descriptors) and any
 * byte after the end record; ziprecords.c makes those checks instead,
 * honouring the data-descriptor flag: the central directory it reads must
 * be libzip's, every local header must agree with it, and no two entries
 * may share bytes.  Every entry is then checked twice over before the
 * submission is returned:
 *
 *   1. by its metadata: a safe name (after backslashes are read as folder
 *      separators), a regular file or folder type, no encryption, Store or
 *      Deflate, a declared size within the limits;
 *   2. by its content: streamed to the end with the bytes counted (libzip
 *      does not enforce the declared size, so reading stops at the declared
 *      size + 1) until zip_fread() returns 0, which is when libzip verifies
 *      the CRC, and hashed with SHA-256.
 *
 * SHA-256 comes from the digest module (nettle).  Any problem found makes
 * submission_open() fail with GR_INVALID, so that a
 * hostile archive is never scored, whichever entry it touches.  Entries are
 * read again, by the same counted loop, when the caller asks for them.
 *
 * libzip hides two facts that the rules need: a NUL byte in a name comes back
 * as a space, and a name flagged UTF-8 that is not valid UTF-8 makes the
 * whole open fail as "inconsistent".  Both are recovered by looking at the
 * central directory records in the buffer ourselves (scan_records()); that
 * scan only ever sharpens a diagnosis, it never accepts anything libzip
 * refused.
 *
 * A folder is walked with openat() and O_NOFOLLOW, never following a link,
 * and is held to the same name, type and size rules; its files are read
 * again on demand and must still hash to what was checked.
 */
#include "submission.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "digest.h"
#include "ziprecords.h"

/* The longest entry name accepted, in bytes (a common file system limit). */
#define NAME_MAX_BYTES	255
/* How much of a hostile name a message shows. */
#define SHOWN_NAME_BYTES	96
/* The unit of every read. */
#define CHUNK_BYTES	65536
/* Deep enough for any real folder; bounds the walk's recursion. */
#define FOLDER_DEPTH_MAX	64

static const char HINT_REZIP[] =
	"Create the zip again with your system's standard zip tool "
	"(Windows: Send to > Compressed (zipped) folder; macOS: Compress; "
	"Linux: zip -r), without a password.";
static const char HINT_RENAME[] =
	"Give every file a plain relative name inside your submission folder "
	"(no '..', no leading '/', no drive letter, no control characters, at "
	"most 255 bytes), then create the zip again.";
static const char HINT_PASSWORD[] =
	"Create the zip again without a password: the grader cannot open "
	"encrypted files.";
static const char HINT_METHOD[] =
	"Create the zip again with your system's standard zip tool, using its "
	"default compression (Deflate).";
static const char HINT_LINK[] =
	"Replace links and special files with ordinary files (copy the file "
	"itself), then create the zip again.";
static const char HINT_LIMIT[] =
	"Submit only what the challenge asks for: leave out data sets, .git, "
	"virtual environments, caches and other large or numerous files.";
static const char HINT_DUPLICATE[] =
	"Give each file a distinct name (names that differ only in letter case "
	"collide on Windows and macOS), then create the zip again.";
static const char HINT_UTF8[] =
	"Rename the file with plain letters and digits, then create the zip "
	"again with your system's standard zip tool.";
static const char HINT_BACKSLASH[] =
	"Nothing to do: Windows PowerShell's Compress-Archive writes '\\' "
	"between folders, and the grader reads it as '/'.  Other tools may "
	"not: prefer Send to > Compressed (zipped) folder.";
static const char HINT_UNREADABLE[] =
	"Check the path and the file's permissions.";

/* One entry as kept here: the public part first, then where it comes from. */
struct entry {
	struct submission_entry pub;
	zip_uint64_t index;	/* zip: libzip's index */
	char *path;		/* folder: the literal path below the root */
	unsigned char *kept;	/* zip: the content read at open, kept for
				 * the first submission_read(), or NULL */
	size_t kept_len;
};

/*
 * Small zip entries keep the content that verification read, so that the
 * results files are inflated once, not twice: at most KEEP_ENTRY_BYTES an
 * entry and KEEP_TOTAL_BYTES in all (a large write-up is not worth holding).
 */
#define KEEP_ENTRY_BYTES	((uint64_t)4 << 20)
#define KEEP_TOTAL_BYTES	((uint64_t)16 << 20)

struct submission {
	struct entry *entries;
	size_t count, cap;
	struct gr_limits lim;
	uint64_t bytes;
	unsigned char sha256[32];

	/* A zip: the file's bytes (libzip reads them in place), and its
	 * central directory as read from those bytes (ziprecords.h). */
	unsigned char *buf;
	size_t len;
	zip_t *za;
	struct ziprec_dir dir;

	/* A folder: the folder itself, or -1. */
	int root_fd;
};

/*
 * The problems of one open or read.  Beyond PROBLEMS_PER_KIND errors of one
 * code, entries stop being named one by one: a hostile archive of a thousand
 * bad names gives twenty messages and a count, not a thousand messages.
 */
#define TALLY_CODES 24
struct ctx {
	struct problem_list *pl;
	size_t errors;
	int nomem;
	struct {
		const char *code;
		size_t count;
	} tally[TALLY_CODES];
};

static void
ctx_init(struct ctx *c, struct problem_list *pl)
{
	memset(c, 0, sizeof *c);
	c->pl = pl;
}

static void report(struct ctx *c, enum problem_severity severity,
		   const char *code, const char *file, const char *hint,
		   const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void
report(struct ctx *c, enum problem_severity severity, const char *code,
       const char *file, const char *hint, const char *fmt, ...)
{
	va_list ap;
	size_t i;

	if (severity == PROBLEM_ERROR)
		c->errors++;
	for (i = 0; i < TALLY_CODES; i++) {
		if (c->tally[i].code == NULL)
			c->tally[i].code = code;
		if (c->tally[i].code == code)
			break;
	}
	if (i < TALLY_CODES && ++c->tally[i].count > PROBLEMS_PER_KIND)
		return;
	va_start(ap, fmt);
	if (problems_addv(c->pl, severity, code, file, 0, hint, fmt, ap) !=
	    GR_OK)
		c->nomem = 1;
	va_end(ap);
}

/* Adds the "and N more" line for every code that overflowed. */
static void
ctx_finish(struct ctx *c)
{
	for (size_t i = 0; i < TALLY_CODES && c->tally[i].code != NULL; i++) {
		size_t more;

		if (c->tally[i].count <= PROBLEMS_PER_KIND)
			continue;
		more = c->tally[i].count - PROBLEMS_PER_KIND;
		if (problems_add(c->pl, PROBLEM_ERROR, c->tally[i].code, NULL,
		    0, NULL, "and %zu more entries with the same problem",
		    more) != GR_OK)
			c->nomem = 1;
	}
}

/* Formats a byte count for a message, without the locale's decimal point. */
static const char *
fmt_bytes(char *out, size_t outlen, uint64_t v)
{
	if (v >= (1ull << 20))
		snprintf(out, outlen, "%llu bytes (%llu.%llu MiB)",
			 (unsigned long long)v, (unsigned long long)(v >> 20),
			 (unsigned long long)(((v & 0xfffff) * 10) >> 20));
	else
		snprintf(out, outlen, "%llu bytes", (unsigned long long)v);
	return out;
}

/*
 * Returns the length of the valid UTF-8 sequence at s (at most n bytes
 * long), or 0 when there is none: no overlong forms, no surrogates, nothing
 * above U+10FFFF.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = utf8_seq(s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

/*
 * Returns a copy of a name that is safe to print and to put in JSON: valid
 * UTF-8 kept, control characters and stray bytes written as \xNN, and a long
 * name cut short with its length.  The caller frees it; NULL when out of
 * memory.
 */
static char *
shown_name(const unsigned char *s, size_t n)
{
	char *out, *p;
	size_t i = 0, k;

	/* Four bytes out per byte in, at most, plus the length note. */
	if ((out = malloc(SHOWN_NAME_BYTES * 4 + 64)) == NULL)
		return NULL;
	p = out;
	while (i < n && (size_t)(p - out) < SHOWN_NAME_BYTES) {
		k = utf8_seq(s + i, n - i);
		if (k == 1 && (s[i] < 0x20 || s[i] == 0x7f))
			k = 0;
		/* C1 controls (U+0080 to U+009F) move terminals too. */
		if (k == 2 && s[i] == 0xc2 && s[i + 1] < 0xa0)
			k = 0;
		if (k == 0) {
			p += sprintf(p, "\\x%02x", s[i]);
			i++;
		} else {
			memcpy(p, s + i, k);
			p += k;
			i += k;
		}
	}
	if (i < n)
		p += sprintf(p, "... (%zu bytes)", n);
	*p = '\0';
	return out;
}

char *
submission_shown_name(const char *name)
{
	return shown_name((const unsigned char *)name, strlen(name));
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compares names as Windows and macOS would, ignoring ASCII letter case. */
static int
fold_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = ascii_lower((unsigned char)*a);
		int y = ascii_lower((unsigned char)*b);

		if (x != y || x == 0)
			return x - y;
	}
}

/*
 * Checks one name, '/'-separated, whose stored form was raw[0..rawlen).
 * has_nul: the stored name held a NUL byte (libzip shows it as a space).
 * Returns the reason it is unsafe, or NULL.
 */
static const char *
unsafe_reason(const char *name, const unsigned char *raw, size_t rawlen,
	      int has_nul, int *control)
{
	const char *p, *q;

	*control = -1;
	if (has_nul)
		return "contains a NUL byte (shown as a space)";
	if (rawlen == 0 || name[0] == '\0')
		return "is empty";
	if (rawlen > NAME_MAX_BYTES)
		return "is longer than 255 bytes";
	for (size_t i = 0; i < rawlen; i++) {
		if (raw[i] < 0x20 || raw[i] == 0x7f) {
			*control = raw[i];
			return "contains a control character";
		}
	}
	if (name[0] == '/')
		return "is an absolute path";
	if (ascii_lower((unsigned char)name[0]) >= 'a' &&
	    ascii_lower((unsigned char)name[0]) <= 'z' && name[1] == ':')
		return "starts with a drive letter";
	for (p = name; *p != '\0'; p = q + 1) {
		size_t len;

		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		len = (size_t)(q - p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return "climbs out of its folder with '..'";
		/* A trailing '/' marks a folder; any other empty part is
		 * not something a zip tool writes. */
		if ((len == 0 && *q != '\0') || (len == 1 && p[0] == '.'))
			return "has an empty or '.' part";
		if (*q == '\0')
			break;
	}
	return NULL;
}

/* Reports an unsafe name; returns 1 when it was unsafe. */
static int
check_name(struct ctx *c, const char *name, const unsigned char *raw,
	   size_t rawlen, int has_nul)
{
	const char *why;
	char *shown;
	int control;

	why = unsafe_reason(name, raw, rawlen, has_nul, &control);
	if (why == NULL)
		return 0;
	if ((shown = shown_name(raw, rawlen)) == NULL) {
		c->nomem = 1;
		return 1;
	}
	if (control >= 0)
		report(c, PROBLEM_ERROR, "zip.unsafe_name", shown, HINT_RENAME,
		       "the entry name \"%s\" %s (byte 0x%02x): a submission "
		       "holding it is refused", shown, why, control);
	else if (rawlen > NAME_MAX_BYTES)
		report(c, PROBLEM_ERROR, "zip.unsafe_name", shown, HINT_RENAME,
		       "the entry name \"%s\" is %zu bytes long; the limit is "
		       "%d", shown, rawlen, NAME_MAX_BYTES);
	else
		report(c, PROBLEM_ERROR, "zip.unsafe_name", shown, HINT_RENAME,
		       "the entry name \"%s\" %s: a submission holding it is "
		       "refused", shown, why);
	free(shown);
	return 1;
}

static int
is_ignored(const char *name, const char *base)
{
	return strncmp(name, "__MACOSX/", 9) == 0 ||
	    strcmp(name, "__MACOSX") == 0 || strncmp(base, "._", 2) == 0;
}

static void
set_base(struct submission_entry *e)
{
	const char *slash = strrchr(e->name, '/');

	e->base = slash ? slash + 1 : e->name;
}

static struct entry *
add_entry(struct submission *s)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct entry *n = realloc(s->entries, cap * sizeof *n);

		if (n == NULL)
			return NULL;
		s->entries = n;
		s->cap = cap;
	}
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

/*
 * Central directory records, found by their signature anywhere in the
 * buffer.  Only used to sharpen what libzip already decided, and only
 * matched against names libzip itself returned, so a signature that happens
 * to sit in compressed data changes nothing.
 */
struct record {
	const unsigned char *name;
	size_t len;
	unsigned flags;
};

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Returns the next record at or after *pos, or 0 when there is none. */
static int
next_record(const unsigned char *buf, size_t len, size_t *pos,
	    struct record *r)
{
	static const unsigned char sig[4] = { 'P', 'K', 1, 2 };
	const unsigned char *p;

	while (*pos + 46 <= len) {
		p = memmem(buf + *pos, len - *pos, sig, sizeof sig);
		if (p == NULL || (size_t)(p - buf) + 46 > len)
			return 0;
		*pos = (size_t)(p - buf) + 4;
		r->flags = le16(p + 8);
		r->len = le16(p + 28);
		r->name = p + 46;
		if ((size_t)(p - buf) + 46 + r->len <= len)
			return 1;
	}
	return 0;
}

/*
 * Reports an entry whose 32-bit size is 0xFFFFFFFF with no ZIP64 field:
 * a file of 4 GiB, or a header that claims one.  Returns 1 when one was
 * found (or memory ran out), 0 otherwise.
 */
static int
report_unresolved_size(struct ctx *c, const struct submission *s)
{
	struct ziprec_dir dir;
	struct ziprec_fault fault;
	char b1[64], b2[64], *shown;
	int found = 0;

	if (ziprec_read(s->buf, s->len, s->lim.entries, &dir, &fault) != 0) {
		if (fault.kind == ZIPREC_NOMEM)
			c->nomem = 1;
		return c->nomem;
	}
	for (size_t i = 0; i < dir.count && !found; i++) {
		if (!dir.rec[i].size_unresolved)
			continue;
		found = 1;
		if ((shown = shown_name(dir.rec[i].name,
		    dir.rec[i].name_len)) == NULL) {
			c->nomem = 1;
			break;
		}
		report(c, PROBLEM_ERROR, "zip.limit_entry_bytes", shown,
		       HINT_LIMIT, "\"%s\" declares %s or more without the "
		       "ZIP64 field that sizes from 4 GiB need; the limit per "
		       "file is %s", shown,
		       fmt_bytes(b1, sizeof b1, 0xffffffffu),
		       fmt_bytes(b2, sizeof b2, s->lim.entry_bytes));
		free(shown);
	}
	ziprec_free(&dir);
	return found;
}

/* Why libzip refused to open the archive, as precisely as we can say. */
static void
report_open_error(struct ctx *c, const struct submission *s,
		  const char *display, zip_error_t *err)
{
	int code = zip_error_code_zip(err);
	static const unsigned char eocd[4] = { 'P', 'K', 5, 6 };
	struct record r;
	size_t pos;
	char *shown;

	switch (code) {
	case ZIP_ER_MEMORY:
		c->nomem = 1;
		return;
	case ZIP_ER_MULTIDISK:
		report(c, PROBLEM_ERROR, "zip.multidisk", NULL,
		       "Create one single zip file, not a split or spanned "
		       "archive.",
		       "%s is part of a multi-disk (split or spanned) zip "
		       "archive; only single-file archives are read", display);
		return;
	case ZIP_ER_NOZIP:
		/* No end record at all and no zip signature in front: some
		 * other file that was renamed.  Otherwise a cut-off zip. */
		if (memcmp(s->buf, "PK\3\4", s->len < 4 ? s->len : 4) != 0 &&
		    memmem(s->buf, s->len, eocd, 4) == NULL) {
			report(c, PROBLEM_ERROR, "zip.not_zip", NULL,
			       "Submit a .zip archive of your folder (renaming "
			       "a file to .zip does not make it one).",
			       "%s is not a zip archive", display);
			return;
		}
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged zip archive: it is truncated, has "
		       "data in front of it, or its end record is missing",
		       display);
		return;
	case ZIP_ER_INCONS:
		/* libzip refuses a name flagged UTF-8 that is not UTF-8 as
		 * an inconsistency; say which name it was. */
		for (pos = 0; next_record(s->buf, s->len, &pos, &r);) {
			if (!(r.flags & 0x800) || utf8_valid(r.name, r.len))
				continue;
			if ((shown = shown_name(r.name, r.len)) == NULL) {
				c->nomem = 1;
				return;
			}
			report(c, PROBLEM_ERROR, "zip.bad_utf8", shown,
			       HINT_UTF8, "the entry name \"%s\" is marked as "
			       "UTF-8 but is not valid UTF-8", shown);
			free(shown);
			return;
		}
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged zip archive: its headers contradict "
		       "each other (libzip: %s)", display,
		       zip_error_strerror(err));
		return;
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
		report(c, PROBLEM_ERROR, "zip.encrypted", NULL, HINT_PASSWORD,
		       "%s is password protected", display);
		return;
	case ZIP_ER_NOENT:
		/* libzip looks for the ZIP64 field of a saturated size and
		 * says "No such file" when there is none. */
		if (report_unresolved_size(c, s))
			return;
		/* FALLTHROUGH */
	default:
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged zip archive (libzip: %s)", display,
		       zip_error_strerror(err));
		return;
	}
}

/* Why zip_fread() failed on an entry. */
static enum gr_status
report_read_error(struct ctx *c, const char *name, zip_error_t *err)
{
	switch (zip_error_code_zip(err)) {
	case ZIP_ER_MEMORY:
		c->nomem = 1;
		return GR_NOMEM;
	case ZIP_ER_CRC:
		report(c, PROBLEM_ERROR, "zip.crc", name, HINT_REZIP,
		       "\"%s\" does not match its checksum (CRC): the archive "
		       "is damaged", name);
		break;
	case ZIP_ER_INCONS:
		report(c, PROBLEM_ERROR, "zip.size_mismatch", name, HINT_REZIP,
		       "\"%s\" holds a different number of bytes than its "
		       "header declares", name);
		break;
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP:
		report(c, PROBLEM_ERROR, "zip.encrypted", name, HINT_PASSWORD,
		       "\"%s\" is encrypted: the zip is password protected",
		       name);
		break;
	case ZIP_ER_COMPNOTSUPP:
		report(c, PROBLEM_ERROR, "zip.method", name, HINT_METHOD,
		       "\"%s\" uses a compression method the grader does not "
		       "read", name);
		break;
	default:
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "the compressed data of \"%s\" is damaged (libzip: %s)",
		       name, zip_error_strerror(err));
		break;
	}
	return GR_INVALID;
}

/*
 * Streams zip entry k to its end: counts the bytes, stopping at the
 * declared size + 1, reads until zip_fread() returns 0 so that libzip checks
 * the CRC, and hashes the content.  With data non-NULL, the content is also
 * returned in a new NUL-terminated buffer that the caller frees.
 */
static enum gr_status
zip_stream(struct submission *s, size_t k, unsigned char **data,
	   size_t *len, unsigned char sha[32], struct ctx *c)
{
	struct entry *e = &s->entries[k];
	const char *name = e->pub.name;
	uint64_t declared = e->pub.size, total = 0;
	unsigned char *out = NULL, *chunk = NULL;
	enum gr_status st = GR_OK;
	struct digest_ctx h;
	zip_file_t *f;

	/* Precondition: declared <= the per-entry limit, checked at open. */
	if (data != NULL) {
		if (declared >= SIZE_MAX ||
		    (out = malloc((size_t)declared + 1)) == NULL) {
			c->nomem = 1;
			return GR_NOMEM;
		}
	} else if ((chunk = malloc(CHUNK_BYTES)) == NULL) {
		c->nomem = 1;
		return GR_NOMEM;
	}
	if ((f = zip_fopen_index(s->za, e->index, 0)) == NULL) {
		st = report_read_error(c, name, zip_get_error(s->za));
		goto done;
	}
	digest_init(&h);
	for (;;) {
		uint64_t want = declared + 1 - total;
		unsigned char *dst = out ? out + total : chunk;
		zip_int64_t n;

		if (want > CHUNK_BYTES)
			want = CHUNK_BYTES;
		n = zip_fread(f, dst, want);
		if (n < 0) {
			st = report_read_error(c, name, zip_file_get_error(f));
			break;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (total > declared) {
			report(c, PROBLEM_ERROR, "zip.size_mismatch", name,
			       HINT_REZIP, "\"%s\" declares %llu bytes but "
			       "holds more: the archive is damaged or "
			       "hostile", name, (unsigned long long)declared);
			st = GR_INVALID;
			break;
		}
		digest_update(&h, dst, (size_t)n);
	}
	zip_fclose(f);
	if (st == GR_OK && total != declared) {
		report(c, PROBLEM_ERROR, "zip.size_mismatch", name, HINT_REZIP,
		       "\"%s\" declares %llu bytes but holds %llu: the "
		       "archive is damaged", name,
		       (unsigned long long)declared,
		       (unsigned long long)total);
		st = GR_INVALID;
	}
	if (st == GR_OK) {
		digest_final(&h, sha);
		if (data != NULL) {
			out[total] = '\0';
			*data = out;
			*len = (size_t)total;
			out = NULL;
		}
	}
done:
	free(out);
	free(chunk);
	return st;
}

/* Sums sizes without overflow: a sum past UINT64_MAX is over any limit. */
static uint64_t
add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static int
entry_ptr_cmp(const void *a, const void *b)
{
	const struct entry *const *x = a, *const *y = b;

	return fold_cmp((*x)->pub.name, (*y)->pub.name);
}

/* Refuses names that collide once letter case is ignored. */
static void
check_duplicates(struct ctx *c, struct submission *s)
{
	struct entry **v;

	if (s->count < 2)
		return;
	if ((v = malloc(s->count * sizeof *v)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < s->count; i++)
		v[i] = &s->entries[i];
	qsort(v, s->count, sizeof *v, entry_ptr_cmp);
	for (size_t i = 1; i < s->count; i++) {
		const char *a = v[i - 1]->pub.name, *b = v[i]->pub.name;

		if (fold_cmp(a, b) != 0)
			continue;
		if (strcmp(a, b) == 0)
			report(c, PROBLEM_ERROR, "zip.duplicate_name", b,
			       HINT_DUPLICATE, "the submission holds \"%s\" "
			       "twice", b);
		else
			report(c, PROBLEM_ERROR, "zip.duplicate_name", b,
			       HINT_DUPLICATE, "\"%s\" and \"%s\" differ only "
			       "in letter case", a, b);
	}
	free(v);
}

/* The checks shared by zips and folders once every entry is listed. */
static void
check_listing(struct ctx *c, struct submission *s, uint64_t declared_total,
	      const char *display)
{
	char b1[64], b2[64];
	size_t files = 0;

	check_duplicates(c, s);
	if (declared_total > s->lim.total_bytes)
		report(c, PROBLEM_ERROR, "zip.limit_total_bytes", NULL,
		       HINT_LIMIT, "%s holds %s once uncompressed; the limit "
		       "is %s", display,
		       fmt_bytes(b1, sizeof b1, declared_total),
		       fmt_bytes(b2, sizeof b2, s->lim.total_bytes));
	for (size_t i = 0; i < s->count; i++)
		if (!s->entries[i].pub.is_dir)
			files++;
	if (files == 0 && c->errors == 0)
		report(c, PROBLEM_ERROR, "zip.empty", NULL,
		       "Put your results files in the folder, then create "
		       "the zip again.", "%s holds no files%s", display,
		       s->count ? ", only folders" : "");
}

/* Metadata checks of zip entry i, which becomes entries[s->count]. */
static void
zip_check_entry(struct ctx *c, struct submission *s, zip_uint64_t i,
		int has_nul, uint64_t *declared_total, size_t *backslashes,
		char **first_backslash)
{
	const char *raw, *guessed;
	zip_uint8_t opsys;
	zip_uint32_t attr;
	struct entry *e;
	zip_stat_t st;
	char *name, b1[64], b2[64];
	size_t rawlen, n;

	zip_stat_init(&st);
	raw = zip_get_name(s->za, i, ZIP_FL_ENC_RAW);
	guessed = zip_get_name(s->za, i, ZIP_FL_ENC_GUESS);
	if (raw == NULL || guessed == NULL ||
	    zip_stat_index(s->za, i, 0, &st) != 0) {
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "entry %llu of the archive cannot be read (libzip: %s)",
		       (unsigned long long)i,
		       zip_error_strerror(zip_get_error(s->za)));
		return;
	}
	rawlen = strlen(raw);
	if ((name = strdup(guessed)) == NULL) {
		c->nomem = 1;
		return;
	}
	if (strchr(name, '\\') != NULL) {
		for (char *p = name; *p != '\0'; p++)
			if (*p == '\\')
				*p = '/';
		if ((*backslashes)++ == 0 &&
		    (*first_backslash = strdup(guessed)) == NULL)
			c->nomem = 1;
	}
	if (check_name(c, name, (const unsigned char *)raw, rawlen,
	    has_nul)) {
		free(name);
		return;
	}
	if ((e = add_entry(s)) == NULL) {
		free(name);
		c->nomem = 1;
		return;
	}
	e->index = i;
	e->pub.name = name;
	n = strlen(name);
	if (n > 0 && name[n - 1] == '/') {
		e->pub.is_dir = 1;
		name[n - 1] = '\0';
	}
	set_base(&e->pub);
	e->pub.ignored = is_ignored(name, e->pub.base);
	e->pub.size = st.size;

	if (zip_file_get_external_attributes(s->za, i, 0, &opsys, &attr) == 0 &&
	    opsys == ZIP_OPSYS_UNIX) {
		/* Python's zipfile writes permissions with no type bits: only
		 * a type that is present and neither file nor folder is
		 * refused.  A FIFO is what Info-ZIP records for data it read
		 * from a pipe (zip out.zip - , zip -FI): the entry holds the
		 * bytes like any file, and nothing is ever extracted, so it
		 * is read as a file. */
		unsigned type = (attr >> 16) & S_IFMT;

		if (type == S_IFLNK)
			report(c, PROBLEM_ERROR, "zip.link", name, HINT_LINK,
			       "\"%s\" is a symbolic link; a submission may "
			       "hold only files and folders", name);
		else if (type != 0 && type != S_IFREG && type != S_IFDIR &&
			 type != S_IFIFO)
			report(c, PROBLEM_ERROR, "zip.file_type", name,
			       HINT_LINK, "\"%s\" is a special file (type "
			       "0%o), not a file or folder", name, type);
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE) {
		report(c, PROBLEM_ERROR, "zip.encrypted", name, HINT_PASSWORD,
		       "the zip is password protected: \"%s\" is encrypted "
		       "(%s)", name,
		       st.encryption_method == ZIP_EM_TRAD_PKWARE ?
		       "PKWARE ZipCrypto" :
		       st.encryption_method >= ZIP_EM_AES_128 &&
		       st.encryption_method <= ZIP_EM_AES_256 ? "AES" :
		       "strong encryption");
	} else if ((st.valid & ZIP_STAT_COMP_METHOD) &&
	    st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
		const char *m;

		switch (st.comp_method) {
		case ZIP_CM_DEFLATE64: m = "Deflate64"; break;
		case ZIP_CM_BZIP2: m = "bzip2"; break;
		case ZIP_CM_LZMA: m = "LZMA"; break;
		case ZIP_CM_XZ: m = "XZ"; break;
		case ZIP_CM_PPMD: m = "PPMd"; break;
		case 93: m = "Zstandard"; break;
		default: m = "an unknown method"; break;
		}
		report(c, PROBLEM_ERROR, "zip.method", name, HINT_METHOD,
		       "\"%s\" is compressed with %s (method %u); only Store "
		       "and Deflate are read", name, m,
		       (unsigned)st.comp_method);
	}
	if (e->pub.is_dir && st.size != 0)
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "the folder entry \"%s/\" has content: the archive is "
		       "damaged", name);
	if (st.size > s->lim.entry_bytes)
		report(c, PROBLEM_ERROR, "zip.limit_entry_bytes", name,
		       HINT_LIMIT, "\"%s\" is %s once uncompressed; the "
		       "limit per file is %s", name,
		       fmt_bytes(b1, sizeof b1, st.size),
		       fmt_bytes(b2, sizeof b2, s->lim.entry_bytes));
	*declared_total = add_sat(*declared_total, st.size);
}

/*
 * True when the central directory read from the bytes (dir) is the one
 * libzip read: as many entries, each with the same name, byte for byte.
 * libzip shows a NUL byte in a stored name as a space, and the Info-ZIP
 * Unicode Path field's name instead of the stored one; has_nul[i] is set
 * for the entries whose stored name held a NUL byte.
 */
static int
same_entries(zip_t *za, const struct ziprec_dir *dir, zip_uint64_t n,
	     unsigned char *has_nul)
{
	if (dir->count != n)
		return 0;
	for (zip_uint64_t i = 0; i < n; i++) {
		const struct ziprec_entry *r = &dir->rec[i];
		const char *raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
		size_t len, k;

		if (raw == NULL)
			return 0;
		len = strlen(raw);
		if (r->uname != NULL && len == r->uname_len &&
		    memcmp(raw, r->uname, len) == 0)
			continue;
		if (len != r->name_len)
			return 0;
		for (k = 0; k < len; k++) {
			if (r->name[k] == '\0' && raw[k] == ' ')
				has_nul[i] = 1;
			else if ((unsigned char)raw[k] != r->name[k])
				return 0;
		}
	}
	return 1;
}

/*
 * Describes the bytes after the end record for a message: what tools and
 * transfers add (a line end, zero padding) said as such.
 */
static const char *
trailing_kind(const unsigned char *p, size_t n)
{
	size_t zeros = 0, ends = 0;

	for (size_t i = 0; i < n; i++) {
		zeros += p[i] == 0;
		ends += p[i] == '\r' || p[i] == '\n';
	}
	if (ends == n)
		return "a line end";
	if (zeros == n)
		return "zero padding";
	return "unknown bytes";
}

/* Reports what ziprec_check() found; the archive is refused. */
static void
report_fault(struct ctx *c, const struct ziprec_dir *dir,
	     const struct ziprec_fault *f, const char *display)
{
	const struct ziprec_entry *r = &dir->rec[f->entry];
	char *name, *other = NULL;

	if (f->kind == ZIPREC_NOMEM) {
		c->nomem = 1;
		return;
	}
	name = shown_name(r->name, r->name_len);
	if (f->kind == ZIPREC_OVERLAP)
		other = shown_name(dir->rec[f->other].name,
				   dir->rec[f->other].name_len);
	if (name == NULL || (f->kind == ZIPREC_OVERLAP && other == NULL)) {
		c->nomem = 1;
	} else if (f->kind == ZIPREC_LOCAL_MISSING) {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged zip archive: the local header of "
		       "\"%s\" is not where the central directory says",
		       display, name);
	} else if (f->kind == ZIPREC_LOCAL_NAME) {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged or hostile zip archive: the entry "
		       "\"%s\" has another name in its local header, so "
		       "different tools would read different files", display,
		       name);
	} else if (f->kind == ZIPREC_LOCAL_FIELD) {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged or hostile zip archive: the %s of "
		       "\"%s\" differs between its local header and the "
		       "central directory", display, f->field, name);
	} else if (f->kind == ZIPREC_DESCRIPTOR) {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged zip archive: no data descriptor "
		       "after \"%s\" matches the CRC and sizes of the central "
		       "directory", display, name);
	} else if (f->kind == ZIPREC_OVERLAP) {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged or hostile zip archive: \"%s\" and "
		       "\"%s\" share bytes (overlapping entries, as in a zip "
		       "bomb)", display, other, name);
	} else {
		report(c, PROBLEM_ERROR, "zip.damaged", name, HINT_REZIP,
		       "%s is a damaged zip archive: the data of \"%s\" run "
		       "into the central directory", display, name);
	}
	free(name);
	free(other);
}

/*
 * True when more than one end record could end the file: one hidden in the
 * comment of another.  Tools that pick differently (libzip takes the last,
 * others the first that checks out) then see different files, which is how
 * a submission shows a reviewer one thing and the grader another.
 */
static int
several_end_records(const unsigned char *buf, size_t len)
{
	static const unsigned char sig[4] = { 'P', 'K', 5, 6 };
	const unsigned char *p;
	size_t pos, found = 0;

	if (len < 22)
		return 0;
	pos = len > 22 + 65535 ? len - 22 - 65535 : 0;
	while (pos + 22 <= len &&
	    (p = memmem(buf + pos, len - pos, sig, sizeof sig)) != NULL) {
		pos = (size_t)(p - buf);
		if (pos + 22 > len)
			break;
		if (pos + 22 + le16(p + 20) == len)
			found++;
		pos++;
	}
	return found > 1;
}

/* True when the archive comment hides zip records. */
static int
comment_hides_records(zip_t *za)
{
	static const char *const sigs[] = { "PK\5\6", "PK\6\6", "PK\6\7",
					    "PK\1\2", "PK\3\4" };
	const char *comment;
	int len = 0;

	comment = zip_get_archive_comment(za, &len, ZIP_FL_ENC_RAW);
	if (comment == NULL || len < 4)
		return 0;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (memmem(comment, (size_t)len, sigs[i], 4) != NULL)
			return 1;
	return 0;
}

static const char HINT_TRAILING[] =
	"Nothing to do: a download or an e-mail program may add such bytes, "
	"and zip tools ignore them.  If the zip was cut or joined by hand, "
	"create it again.";

/*
 * Opens s->buf with libzip, without ZIP_CHECKCONS, and reads the same
 * central directory from the bytes into s->dir; both must agree.  Sets *n
 * to the number of entries and *has_nul to a new array (the caller frees
 * it) marking names that held a NUL byte.  Returns GR_OK or the failure.
 */
static enum gr_status
zip_open_both(struct ctx *c, struct submission *s, const char *display,
	      zip_int64_t *n, unsigned char **has_nul)
{
	struct ziprec_fault fault;
	zip_source_t *src;
	zip_error_t err;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(s->buf, s->len, 0, &err)) == NULL) {
		zip_error_fini(&err);
		c->nomem = 1;
		return GR_NOMEM;
	}
	s->za = zip_open_from_source(src, ZIP_RDONLY, &err);
	if (s->za == NULL) {
		zip_source_free(src);
		report_open_error(c, s, display, &err);
		zip_error_fini(&err);
		return c->nomem ? GR_NOMEM : GR_INVALID;
	}
	zip_error_fini(&err);

	if (several_end_records(s->buf, s->len) ||
	    comment_hides_records(s->za)) {
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged or hostile zip archive: it holds "
		       "more than one end record (one hidden in its "
		       "comment), so different tools would read different "
		       "files", display);
		return GR_INVALID;
	}
	*n = zip_get_num_entries(s->za, 0);
	if (*n < 0 || (uint64_t)*n > s->lim.entries) {
		report(c, PROBLEM_ERROR, "zip.limit_entries", NULL, HINT_LIMIT,
		       "the archive holds %lld entries; the limit is %llu",
		       (long long)*n, (unsigned long long)s->lim.entries);
		return GR_INVALID;
	}
	if (ziprec_read(s->buf, s->len, s->lim.entries, &s->dir, &fault) !=
	    0) {
		if (fault.kind == ZIPREC_NOMEM) {
			c->nomem = 1;
			return GR_NOMEM;
		}
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged zip archive: its central directory "
		       "is not where its end record says", display);
		return GR_INVALID;
	}
	if ((*has_nul = calloc((size_t)*n + 1, 1)) == NULL) {
		c->nomem = 1;
		return GR_NOMEM;
	}
	if (!same_entries(s->za, &s->dir, (zip_uint64_t)*n, *has_nul)) {
		report(c, PROBLEM_ERROR, "zip.damaged", NULL, HINT_REZIP,
		       "%s is a damaged or hostile zip archive: its central "
		       "directory reads differently to different tools",
		       display);
		return GR_INVALID;
	}
	if (s->dir.trailing > 0) {
		const unsigned char *t = s->buf + s->len - s->dir.trailing;
		size_t tn = (size_t)s->dir.trailing;

		/* Padding is harmless; records after the end are a second
		 * archive that another tool might read instead. */
		if (ziprec_has_signature(t, tn)) {
			report(c, PROBLEM_ERROR, "zip.damaged", NULL,
			       HINT_REZIP, "%s is a damaged or hostile zip "
			       "archive: zip records follow its end record, "
			       "so different tools would read different files",
			       display);
			return GR_INVALID;
		}
		report(c, PROBLEM_WARNING, "zip.trailing_bytes", NULL,
		       HINT_TRAILING, "%s ends with %zu byte%s after the zip "
		       "archive (%s); they were ignored", display, tn,
		       tn == 1 ? "" : "s", trailing_kind(t, tn));
	}
	return GR_OK;
}

/*
 * Opens the zip in buf[0..len), which s owns from now on.  Returns GR_OK
 * with every entry checked, or the failure (problems reported to c).
 */
static enum gr_status
zip_load(struct ctx *c, struct submission *s, const char *display)
{
	uint64_t kept = 0;
	char b1[64], b2[64];
	zip_int64_t n = 0;
	unsigned char *has_nul = NULL;
	uint64_t declared_total = 0;
	size_t backslashes = 0;
	char *first_backslash = NULL;
	struct ziprec_fault fault;
	struct digest_ctx h;
	enum gr_status st;

	if (s->len == 0) {
		report(c, PROBLEM_ERROR, "zip.empty", NULL, HINT_REZIP,
		       "%s is empty (0 bytes)", display);
		return GR_INVALID;
	}
	if (s->len > s->lim.zip_bytes) {
		report(c, PROBLEM_ERROR, "zip.limit_zip_bytes", NULL,
		       HINT_LIMIT, "%s is %s; the limit is %s", display,
		       fmt_bytes(b1, sizeof b1, s->len),
		       fmt_bytes(b2, sizeof b2, s->lim.zip_bytes));
		return GR_INVALID;
	}
	digest_init(&h);
	digest_update(&h, s->buf, s->len);
	digest_final(&h, s->sha256);
	s->bytes = s->len;

	if ((st = zip_open_both(c, s, display, &n, &has_nul)) != GR_OK) {
		free(has_nul);
		return st;
	}
	for (zip_uint64_t i = 0; i < (zip_uint64_t)n && !c->nomem; i++)
		zip_check_entry(c, s, i, has_nul[i], &declared_total,
				&backslashes, &first_backslash);
	free(has_nul);
	if (backslashes > 0 && first_backslash != NULL)
		report(c, PROBLEM_WARNING, "zip.backslash_name", NULL,
		       HINT_BACKSLASH, "%zu entry name%s use%s '\\' between "
		       "folders (\"%s\"%s), as Windows PowerShell writes "
		       "them; '\\' was read as '/'", backslashes,
		       backslashes == 1 ? "" : "s",
		       backslashes == 1 ? "s" : "", first_backslash,
		       backslashes == 1 ? "" : ", ...");
	free(first_backslash);
	check_listing(c, s, declared_total, display);

	/* The records' own agreement, for an archive whose metadata passed
	 * (one diagnosis is enough for an archive already refused). */
	if (c->errors == 0 && !c->nomem &&
	    ziprec_check(s->buf, s->len, &s->dir, &fault) != 0)
		report_fault(c, &s->dir, &fault, display);

	/* Content checks only for an archive whose metadata passed: its
	 * declared sizes bound what reading can cost. */
	for (size_t k = 0; k < s->count && c->errors == 0 && !c->nomem; k++) {
		struct entry *e = &s->entries[k];
		int keep = e->pub.size <= KEEP_ENTRY_BYTES &&
			   kept + e->pub.size <= KEEP_TOTAL_BYTES;

		if (e->pub.is_dir)
			continue;
		if (zip_stream(s, k, keep ? &e->kept : NULL,
			       keep ? &e->kept_len : NULL, e->pub.sha256, c) ==
			    GR_OK &&
		    keep)
			kept += e->pub.size;
	}
	if (c->nomem)
		return GR_NOMEM;
	return c->errors ? GR_INVALID : GR_OK;
}

static enum gr_status
finish(struct ctx *c, enum gr_status st, struct submission *s,
       struct submission **out)
{
	ctx_finish(c);
	if (c->nomem)
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
		       struct submission **out, struct problem_list *problems)
{
	struct submission *s;
	struct ctx c;

	*out = NULL;
	ctx_init(&c, problems);
	if (display_name == NULL)
		display_name = "the archive";
	if ((s = submission_alloc(lim)) == NULL)
		return GR_NOMEM;
	/* One spare byte so that an empty buffer still has an address. */
	if ((s->buf = malloc(len + 1)) == NULL) {
		free(s);
		return GR_NOMEM;
	}
	if (len > 0)
		memcpy(s->buf, buf, len);
	s->len = len;
	return finish(&c, zip_load(&c, s, display_name), s, out);
}

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

/*
 * Reads folder file k: at most its listed size + 1 bytes, hashed.  With
 * data non-NULL the content is returned, NUL-terminated, for the caller to
 * free.  A file that changed since it was listed is refused.
 */
static enum gr_status
folder_stream(struct submission *s, size_t k, unsigned char **data,
	      size_t *len, unsigned char sha[32], struct ctx *c)
{
	struct entry *e = &s->entries[k];
	uint64_t size = e->pub.size, total = 0;
	unsigned char *out = NULL, *chunk = NULL;
	struct stat st;
	struct digest_ctx h;
	int fd;

	if ((fd = open_beneath(s->root_fd, e->path)) < 0) {
		report(c, PROBLEM_ERROR, "input.unreadable", e->pub.name,
		       HINT_UNREADABLE, "\"%s\" cannot be read: %s",
		       e->pub.name, strerror(errno));
		return GR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		report(c, PROBLEM_ERROR, "input.unreadable", e->pub.name,
		       HINT_UNREADABLE, "\"%s\" changed while it was being "
		       "read", e->pub.name);
		return GR_IO;
	}
	if (data != NULL)
		out = malloc((size_t)size + 1);
	else
		chunk = malloc(CHUNK_BYTES);
	if (out == NULL && chunk == NULL) {
		close(fd);
		c->nomem = 1;
		return GR_NOMEM;
	}
	digest_init(&h);
	for (;;) {
		uint64_t want = size + 1 - total;
		unsigned char *dst = out ? out + total : chunk;
		ssize_t n;

		if (want > CHUNK_BYTES)
			want = CHUNK_BYTES;
		n = read(fd, dst, (size_t)want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += (uint64_t)n;
		if (total > size)
			break;
		digest_update(&h, dst, (size_t)n);
	}
	close(fd);
	digest_final(&h, sha);
	if (total != size ||
	    (data != NULL && memcmp(sha, e->pub.sha256, 32) != 0)) {
		free(out);
		free(chunk);
		report(c, PROBLEM_ERROR, "input.unreadable", e->pub.name,
		       HINT_UNREADABLE, "\"%s\" changed while it was being "
		       "read", e->pub.name);
		return GR_IO;
	}
	free(chunk);
	if (data != NULL) {
		out[total] = '\0';
		*data = out;
		*len = (size_t)total;
	}
	return GR_OK;
}

/*
 * Lists the folder open as dirfd, whose entries are named prefix + name,
 * into s.  Stops early, with a problem, once the entry limit is passed.
 */
static enum gr_status
folder_walk(struct ctx *c, struct submission *s, int dirfd,
	    const char *prefix, int depth, uint64_t *total, size_t *backslashes)
{
	char b1[64], b2[64];
	struct dirent *d = NULL;
	DIR *dir;
	int fd;
	enum gr_status st = GR_OK;

	if ((fd = dup(dirfd)) < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		report(c, PROBLEM_ERROR, "input.unreadable", prefix,
		       HINT_UNREADABLE, "the folder \"%s\" cannot be read: %s",
		       prefix, strerror(errno));
		return GR_IO;
	}
	while (st == GR_OK && !c->nomem && (errno = 0, d = readdir(dir))) {
		struct stat sb;
		struct entry *e;
		char *path, *name;
		size_t plen;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (asprintf(&path, "%s%s", prefix, d->d_name) < 0) {
			c->nomem = 1;
			break;
		}
		if (s->count >= s->lim.entries) {
			report(c, PROBLEM_ERROR, "zip.limit_entries", NULL,
			       HINT_LIMIT, "the folder holds more than %llu "
			       "entries; the limit is %llu",
			       (unsigned long long)s->lim.entries,
			       (unsigned long long)s->lim.entries);
			free(path);
			st = GR_INVALID;
			break;
		}
		if (fstatat(dirfd, d->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
			report(c, PROBLEM_ERROR, "input.unreadable", path,
			       HINT_UNREADABLE, "\"%s\" cannot be read: %s",
			       path, strerror(errno));
			free(path);
			st = GR_IO;
			break;
		}
		plen = strlen(path);
		if (!utf8_valid((unsigned char *)path, plen)) {
			char *shown = shown_name((unsigned char *)path, plen);

			if (shown == NULL) {
				c->nomem = 1;
			} else {
				report(c, PROBLEM_ERROR, "zip.bad_utf8", shown,
				       HINT_UTF8, "the name \"%s\" is not valid "
				       "UTF-8", shown);
				free(shown);
			}
			free(path);
			continue;
		}
		if ((name = strdup(path)) == NULL) {
			free(path);
			c->nomem = 1;
			break;
		}
		if (strchr(name, '\\') != NULL) {
			for (char *p = name; *p != '\0'; p++)
				if (*p == '\\')
					*p = '/';
			(*backslashes)++;
		}
		if (check_name(c, name, (unsigned char *)path, plen, 0)) {
			free(name);
			free(path);
			continue;
		}
		if (S_ISLNK(sb.st_mode) ||
		    (!S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))) {
			if (S_ISLNK(sb.st_mode))
				report(c, PROBLEM_ERROR, "zip.link", name,
				       HINT_LINK, "\"%s\" is a symbolic link; "
				       "a submission may hold only files and "
				       "folders", name);
			else
				report(c, PROBLEM_ERROR, "zip.file_type",
				       name, HINT_LINK, "\"%s\" is a special "
				       "file, not a file or folder", name);
			free(name);
			free(path);
			continue;
		}
		if ((e = add_entry(s)) == NULL) {
			free(name);
			free(path);
			c->nomem = 1;
			break;
		}
		e->pub.name = name;
		e->path = path;
		set_base(&e->pub);
		e->pub.ignored = is_ignored(name, e->pub.base);
		if (S_ISDIR(sb.st_mode)) {
			char *sub;
			int subfd;

			e->pub.is_dir = 1;
			if (depth >= FOLDER_DEPTH_MAX) {
				report(c, PROBLEM_ERROR, "zip.unsafe_name",
				       name, HINT_RENAME, "\"%s\" is nested "
				       "more than %d folders deep", name,
				       FOLDER_DEPTH_MAX);
				continue;
			}
			subfd = openat(dirfd, d->d_name, O_RDONLY |
				       O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (subfd < 0) {
				report(c, PROBLEM_ERROR, "input.unreadable",
				       name, HINT_UNREADABLE, "the folder "
				       "\"%s\" cannot be read: %s", name,
				       strerror(errno));
				st = GR_IO;
				break;
			}
			if (asprintf(&sub, "%s/", path) < 0) {
				close(subfd);
				c->nomem = 1;
				break;
			}
			st = folder_walk(c, s, subfd, sub, depth + 1, total,
					 backslashes);
			free(sub);
			close(subfd);
			continue;
		}
		e->pub.size = (uint64_t)sb.st_size;
		if (e->pub.size > s->lim.entry_bytes)
			report(c, PROBLEM_ERROR, "zip.limit_entry_bytes", name,
			       HINT_LIMIT, "\"%s\" is %s; the limit per file "
			       "is %s", name,
			       fmt_bytes(b1, sizeof b1, e->pub.size),
			       fmt_bytes(b2, sizeof b2, s->lim.entry_bytes));
		*total = add_sat(*total, e->pub.size);
	}
	if (st == GR_OK && errno != 0 && d == NULL) {
		report(c, PROBLEM_ERROR, "input.unreadable", prefix,
		       HINT_UNREADABLE, "the folder \"%s\" cannot be read: %s",
		       prefix, strerror(errno));
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
static enum gr_status
folder_load(struct ctx *c, struct submission *s, const char *display)
{
	uint64_t total = 0;
	size_t backslashes = 0;
	enum gr_status st;

	st = folder_walk(c, s, s->root_fd, "", 0, &total, &backslashes);
	if (st != GR_OK || c->nomem)
		return c->nomem ? GR_NOMEM : st;
	if (s->count > 1)
		qsort(s->entries, s->count, sizeof s->entries[0],
		      entry_name_cmp);
	/* The entries moved: each base must point into its own name again. */
	for (size_t i = 0; i < s->count; i++)
		set_base(&s->entries[i].pub);
	if (backslashes > 0)
		report(c, PROBLEM_WARNING, "zip.backslash_name", NULL,
		       HINT_BACKSLASH, "%zu name%s in the folder contain%s "
		       "'\\', read as '/' as in a zip made on Windows",
		       backslashes, backslashes == 1 ? "" : "s",
		       backslashes == 1 ? "s" : "");
	check_listing(c, s, total, display);
	for (size_t k = 0; k < s->count && c->errors == 0 && !c->nomem; k++) {
		if (s->entries[k].pub.is_dir)
			continue;
		st = folder_stream(s, k, NULL, NULL, s->entries[k].pub.sha256,
				   c);
		if (st != GR_OK)
			return c->nomem ? GR_NOMEM : st;
	}
	if (c->nomem)
		return GR_NOMEM;
	if (c->errors)
		return GR_INVALID;
	folder_digest(s);
	return GR_OK;
}

enum gr_status
submission_open(const char *path, const struct gr_limits *lim,
		struct submission **out, struct problem_list *problems)
{
	char b1[64], b2[64];
	struct submission *s;
	struct stat sb;
	struct ctx c;
	size_t got = 0;
	int fd;

	*out = NULL;
	ctx_init(&c, problems);
	if ((s = submission_alloc(lim)) == NULL)
		return GR_NOMEM;
	/* O_NONBLOCK: a FIFO given as the submission must not hang us. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		report(&c, PROBLEM_ERROR, "input.unreadable", NULL,
		       HINT_UNREADABLE, "%s cannot be opened: %s", path,
		       strerror(errno));
		if (fd >= 0)
			close(fd);
		return finish(&c, GR_IO, s, out);
	}
	if (S_ISDIR(sb.st_mode)) {
		s->root_fd = fd;
		return finish(&c, folder_load(&c, s, path), s, out);
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		report(&c, PROBLEM_ERROR, "input.unreadable", NULL,
		       HINT_UNREADABLE, "%s is neither a file nor a folder",
		       path);
		return finish(&c, GR_IO, s, out);
	}
	/* The size limit is checked before a byte is read. */
	if ((uint64_t)sb.st_size > s->lim.zip_bytes) {
		close(fd);
		report(&c, PROBLEM_ERROR, "zip.limit_zip_bytes", NULL,
		       HINT_LIMIT, "%s is %s; the limit is %s", path,
		       fmt_bytes(b1, sizeof b1, (uint64_t)sb.st_size),
		       fmt_bytes(b2, sizeof b2, s->lim.zip_bytes));
		return finish(&c, GR_INVALID, s, out);
	}
	if ((s->buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		close(fd);
		return finish(&c, GR_NOMEM, s, out);
	}
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, s->buf + got, (size_t)sb.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			report(&c, PROBLEM_ERROR, "input.unreadable", NULL,
			       HINT_UNREADABLE, "%s cannot be read: %s", path,
			       n < 0 ? strerror(errno) :
			       "it shrank while it was being read");
			close(fd);
			return finish(&c, GR_IO, s, out);
		}
		got += (size_t)n;
	}
	close(fd);
	s->len = got;
	return finish(&c, zip_load(&c, s, path), s, out);
}

enum gr_status
submission_read(struct submission *s, size_t i, unsigned char **data,
		size_t *len, struct problem_list *problems)
{
	unsigned char sha[32];
	enum gr_status st;
	struct ctx c;

	*data = NULL;
	*len = 0;
	ctx_init(&c, problems);
	if (i >= s->count || s->entries[i].pub.is_dir) {
		report(&c, PROBLEM_ERROR, "input.unreadable", NULL, NULL,
		       "entry %zu is not a file of the submission", i);
		return c.nomem ? GR_NOMEM : GR_INVALID;
	}
	if (s->entries[i].kept != NULL) {
		/* Verified at open: hand it over (a later read inflates). */
		*data = s->entries[i].kept;
		*len = s->entries[i].kept_len;
		s->entries[i].kept = NULL;
		return GR_OK;
	}
	if (s->root_fd >= 0)
		st = folder_stream(s, i, data, len, sha, &c);
	else
		st = zip_stream(s, i, data, len, sha, &c);
	ctx_finish(&c);
	if (c.nomem) {
		free(*data);
		*data = NULL;
		*len = 0;
		return GR_NOMEM;
	}
	/* A changed folder file is an I/O failure at open; once open, the
	 * header promises only GR_INVALID. */
	return st == GR_IO ? GR_INVALID : st;
}
