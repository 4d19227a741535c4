/*
 * zipread.c: a submission that is a .zip file, read in memory through
 * libzip and held to the rules of submission.c.
 *
 * The archive is opened without ZIP_CHECKCONS, which in Debian 12's libzip
 * (1.7.3) refuses the valid layouts of bsdtar, macOS Archive Utility and
 * `zip -fd` (data descriptors) and any byte after the end record;
 * ziprecords.c makes those checks instead, honouring the data-descriptor
 * flag: the central directory it reads must be libzip's, every local
 * header must agree with it, and no two entries may share bytes.  Every
 * entry is then checked twice over before the submission is returned:
 *
 *   1. by its metadata: a safe name (after backslashes are read as folder
 *      separators), a regular file, folder or FIFO type, no encryption,
 *      Store or Deflate, a declared size within the limits;
 *   2. by its content: streamed to the end with the bytes counted (libzip
 *      does not enforce the declared size, so reading stops at the declared
 *      size + 1) until zip_fread() returns 0, which is when libzip verifies
 *      the CRC, and hashed with SHA-256.
 *
 * libzip hides facts that the rules need: a NUL byte in a name comes back
 * as a space, and a name flagged UTF-8 that is not valid UTF-8 makes the
 * whole open fail as "inconsistent".  Both are recovered from the records
 * that ziprecords.c reads.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "digest.h"
#include "entryname.h"
#include "submission_int.h"
#include "ziprecords.h"

static const char HINT_PASSWORD[] =
	"Create the zip again without a password: the grader cannot open "
	"encrypted files.";
static const char HINT_TRAILING[] =
	"Nothing to do: a download or an e-mail program may add such bytes, "
	"and zip tools ignore them.  If the zip was cut or joined by hand, "
	"create it again.";
static const char HINT_METHOD[] =
	"Create the zip again with your system's standard zip tool, using its "
	"default compression (Deflate).";

/*
 * Names the entry that libzip refused the archive for, from the records
 * read from the bytes: under ZIP_ER_INCONS, a name flagged UTF-8 (general
 * purpose bit 11) that is not valid UTF-8; under ZIP_ER_NOENT ("No such
 * file", libzip's word for a missing ZIP64 field), a 32-bit size of
 * 0xFFFFFFFF with no ZIP64 field: a file of 4 GiB, or a header that claims
 * one.  Returns 1 when one was reported (or memory ran out), else 0.
 */
static int
report_refused_entry(const struct submission *s, int code,
		     struct problem_list *pl)
{
	struct ziprec_dir dir;
	struct ziprec_fault fault;
	char b1[64], b2[64], *shown = NULL;
	size_t i;
	int found;

	if (ziprec_read(s->buf, s->len, s->lim.entries, &dir, &fault) != 0) {
		if (fault.kind == ZIPREC_NOMEM)
			problems_nomem(pl);
		return fault.kind == ZIPREC_NOMEM;
	}
	for (i = 0; i < dir.count; i++) {
		const struct ziprec_entry *r = &dir.rec[i];

		if (code == ZIP_ER_NOENT ? r->size_unresolved :
		    (r->flags & 0x800) &&
		    !entryname_utf8_valid(r->name, r->name_len))
			break;
	}
	if (i < dir.count &&
	    (shown = entryname_shown(dir.rec[i].name,
				     dir.rec[i].name_len)) == NULL)
		problems_nomem(pl);
	else if (shown != NULL && code == ZIP_ER_NOENT)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_entry_bytes",
				   shown, SUB_HINT_LIMIT, "\"%s\" declares %s or "
				   "more without the ZIP64 field that sizes "
				   "from 4 GiB need; the limit per file is %s",
				   shown, sub_fmt_bytes(b1, sizeof b1,
							0xffffffffu),
				   sub_fmt_bytes(b2, sizeof b2,
						 s->lim.entry_bytes));
	else if (shown != NULL)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.bad_utf8", shown,
				   SUB_HINT_UTF8, "the entry name \"%s\" is "
				   "marked as UTF-8 but is not valid UTF-8",
				   shown);
	free(shown);
	found = i < dir.count;
	ziprec_free(&dir);
	return found;
}

/* Why libzip refused to open the archive, as precisely as we can say. */
static void
report_open_error(struct problem_list *pl, const struct submission *s,
		  const char *display, zip_error_t *err)
{
	int code = zip_error_code_zip(err);
	static const unsigned char eocd[4] = { 'P', 'K', 5, 6 };

	switch (code) {
	case ZIP_ER_MEMORY:
		problems_nomem(pl);
		return;
	case ZIP_ER_MULTIDISK:
		problems_add_entry(pl, PROBLEM_ERROR, "zip.multidisk", NULL,
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
			problems_add_entry(pl, PROBLEM_ERROR, "zip.not_zip", NULL,
			       "Submit a .zip archive of your folder (renaming "
			       "a file to .zip does not make it one).",
			       "%s is not a zip archive", display);
			return;
		}
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "%s is a damaged zip archive: it is truncated, has "
		       "data in front of it, or its end record is missing",
		       display);
		return;
	case ZIP_ER_INCONS:
		/* libzip refuses a name flagged UTF-8 that is not UTF-8 as
		 * an inconsistency; say which name it was. */
		if (report_refused_entry(s, ZIP_ER_INCONS, pl))
			return;
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL,
				   SUB_HINT_REZIP, "%s is a damaged zip archive: "
				   "its headers contradict each other (libzip: "
				   "%s)", display, zip_error_strerror(err));
		return;
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
		problems_add_entry(pl, PROBLEM_ERROR, "zip.encrypted", NULL, HINT_PASSWORD,
		       "%s is password protected", display);
		return;
	case ZIP_ER_NOENT:
		/* libzip looks for the ZIP64 field of a saturated size and
		 * says "No such file" when there is none. */
		if (report_refused_entry(s, ZIP_ER_NOENT, pl))
			return;
		/* FALLTHROUGH */
	default:
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "%s is a damaged zip archive (libzip: %s)", display,
		       zip_error_strerror(err));
		return;
	}
}

/* What libzip's read errors mean for an entry: "\"NAME\" <why>". */
static const struct {
	int zip_error;
	const char *code, *hint, *why;
} READ_ERRORS[] = {
	{ ZIP_ER_CRC, "zip.crc", SUB_HINT_REZIP,
	  "does not match its checksum (CRC): the archive is damaged" },
	{ ZIP_ER_INCONS, "zip.size_mismatch", SUB_HINT_REZIP,
	  "holds a different number of bytes than its header declares" },
	{ ZIP_ER_NOPASSWD, "zip.encrypted", HINT_PASSWORD,
	  "is encrypted: the zip is password protected" },
	{ ZIP_ER_WRONGPASSWD, "zip.encrypted", HINT_PASSWORD,
	  "is encrypted: the zip is password protected" },
	{ ZIP_ER_ENCRNOTSUPP, "zip.encrypted", HINT_PASSWORD,
	  "is encrypted: the zip is password protected" },
	{ ZIP_ER_COMPNOTSUPP, "zip.method", HINT_METHOD,
	  "uses a compression method the grader does not read" },
};

/* Why zip_fread() failed on an entry. */
static enum gr_status
report_read_error(struct problem_list *pl, const char *name, zip_error_t *err)
{
	int code = zip_error_code_zip(err);

	if (code == ZIP_ER_MEMORY)
		return problems_nomem(pl);
	for (size_t i = 0; i < sizeof READ_ERRORS / sizeof READ_ERRORS[0];
	     i++) {
		if (READ_ERRORS[i].zip_error != code)
			continue;
		problems_add_entry(pl, PROBLEM_ERROR, READ_ERRORS[i].code,
				   name, READ_ERRORS[i].hint, "\"%s\" %s", name,
				   READ_ERRORS[i].why);
		return GR_INVALID;
	}
	problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name,
			   SUB_HINT_REZIP, "the compressed data of \"%s\" is "
			   "damaged (libzip: %s)", name,
			   zip_error_strerror(err));
	return GR_INVALID;
}

/* A zip entry open for sub_stream(). */
struct zip_src {
	zip_file_t *f;
	const char *name;
	struct problem_list *pl;
	enum gr_status st;
};

static long long
zip_src_read(void *p, unsigned char *buf, size_t n)
{
	struct zip_src *z = p;
	zip_int64_t got = zip_fread(z->f, buf, n);

	if (got < 0) {
		z->st = report_read_error(z->pl, z->name,
					  zip_file_get_error(z->f));
		return -1;
	}
	return got;
}

/*
 * Streams zip entry k to its end with sub_stream(): reading until
 * zip_fread() returns 0 is what makes libzip check the CRC, and a size
 * that differs from the declared one is refused.
 */
enum gr_status
zipread_stream(struct submission *s, size_t k, unsigned char **data,
	       size_t *len, unsigned char sha[32], struct problem_list *pl)
{
	struct entry *e = &s->entries[k];
	struct zip_src src = { NULL, e->pub.name, pl, GR_OK };
	uint64_t declared = e->pub.size, total = 0;
	enum gr_status st;

	if ((src.f = zip_fopen_index(s->za, e->index, 0)) == NULL)
		return report_read_error(pl, src.name, zip_get_error(s->za));
	st = sub_stream(s, k, zip_src_read, &src, data, len, sha, &total, pl);
	zip_fclose(src.f);
	if (src.st != GR_OK)
		return src.st;
	if (st != GR_OK)
		return st;
	if (total > declared) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.size_mismatch",
				   src.name, SUB_HINT_REZIP, "\"%s\" declares "
				   "%llu bytes but holds more: the archive is "
				   "damaged or hostile", src.name,
				   (unsigned long long)declared);
		return GR_INVALID;
	}
	if (total != declared) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.size_mismatch",
				   src.name, SUB_HINT_REZIP, "\"%s\" declares "
				   "%llu bytes but holds %llu: the archive is "
				   "damaged", src.name,
				   (unsigned long long)declared,
				   (unsigned long long)total);
		return GR_INVALID;
	}
	return GR_OK;
}

/*
 * The checks of zip entry i that its kind decides: a link or a special file
 * by its Unix type bits, encryption, a compression method other than Store
 * and Deflate.
 */
static void
check_kind(struct problem_list *pl, struct submission *s, zip_uint64_t i,
	   const char *name, const zip_stat_t *st)
{
	zip_uint8_t opsys;
	zip_uint32_t attr;

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
				problems_add_entry(pl, PROBLEM_ERROR, "zip.link", name,
			       SUB_HINT_LINK, "\"%s\" is a symbolic link; a submission may "
			       "hold only files and folders", name);
		else if (type != 0 && type != S_IFREG && type != S_IFDIR &&
			 type != S_IFIFO)
			problems_add_entry(pl, PROBLEM_ERROR, "zip.file_type", name,
			       SUB_HINT_LINK, "\"%s\" is a special file (type "
			       "0%o), not a file or folder", name, type);
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.encrypted", name, HINT_PASSWORD,
		       "the zip is password protected: \"%s\" is encrypted "
		       "(%s)", name,
		       st->encryption_method == ZIP_EM_TRAD_PKWARE ?
		       "PKWARE ZipCrypto" :
		       st->encryption_method >= ZIP_EM_AES_128 &&
		       st->encryption_method <= ZIP_EM_AES_256 ? "AES" :
		       "strong encryption");
	} else if ((st->valid & ZIP_STAT_COMP_METHOD) &&
	    st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE) {
		const char *m;

		switch (st->comp_method) {
		case ZIP_CM_DEFLATE64: m = "Deflate64"; break;
		case ZIP_CM_BZIP2: m = "bzip2"; break;
		case ZIP_CM_LZMA: m = "LZMA"; break;
		case ZIP_CM_XZ: m = "XZ"; break;
		case ZIP_CM_PPMD: m = "PPMd"; break;
		case 93: m = "Zstandard"; break;
		default: m = "an unknown method"; break;
		}
		problems_add_entry(pl, PROBLEM_ERROR, "zip.method", name, HINT_METHOD,
		       "\"%s\" is compressed with %s (method %u); only Store "
		       "and Deflate are read", name, m,
		       (unsigned)st->comp_method);
	}
}

/* Metadata checks of zip entry i, which becomes entries[s->count]. */
static void
zip_check_entry(struct problem_list *pl, struct submission *s, zip_uint64_t i,
		int has_nul, uint64_t *declared_total, size_t *backslashes,
		char **first_backslash)
{
	const char *raw, *guessed;
	struct entry *e;
	zip_stat_t st;
	char *name, b1[64], b2[64];
	size_t rawlen, n;
	int backslash;

	zip_stat_init(&st);
	raw = zip_get_name(s->za, i, ZIP_FL_ENC_RAW);
	guessed = zip_get_name(s->za, i, ZIP_FL_ENC_GUESS);
	if (raw == NULL || guessed == NULL ||
	    zip_stat_index(s->za, i, 0, &st) != 0) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "entry %llu of the archive cannot be read (libzip: %s)",
		       (unsigned long long)i,
		       zip_error_strerror(zip_get_error(s->za)));
		return;
	}
	rawlen = strlen(raw);
	if ((name = entryname_from_stored(guessed, &backslash)) == NULL) {
		problems_nomem(pl);
		return;
	}
	if (backslash && (*backslashes)++ == 0 &&
	    (*first_backslash = strdup(guessed)) == NULL)
		problems_nomem(pl);
	if (sub_check_name(pl, name, (const unsigned char *)raw, rawlen,
	    has_nul)) {
		free(name);
		return;
	}
	if ((e = sub_add_entry(s)) == NULL) {
		free(name);
		problems_nomem(pl);
		return;
	}
	e->index = i;
	e->pub.name = name;
	n = strlen(name);
	if (n > 0 && name[n - 1] == '/') {
		e->pub.is_dir = 1;
		name[n - 1] = '\0';
	}
	sub_set_base(&e->pub);
	e->pub.ignored = entryname_ignored(name, e->pub.base);
	e->pub.size = st.size;

	check_kind(pl, s, i, name, &st);
	if (e->pub.is_dir && st.size != 0)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "the folder entry \"%s/\" has content: the archive is "
		       "damaged", name);
	if (st.size > s->lim.entry_bytes)
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_entry_bytes", name,
		       SUB_HINT_LIMIT, "\"%s\" is %s once uncompressed; the "
		       "limit per file is %s", name,
		       sub_fmt_bytes(b1, sizeof b1, st.size),
		       sub_fmt_bytes(b2, sizeof b2, s->lim.entry_bytes));
	*declared_total = sub_add_sat(*declared_total, st.size);
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
report_fault(struct problem_list *pl, const struct ziprec_dir *dir,
	     const struct ziprec_fault *f, const char *display)
{
	const struct ziprec_entry *r = &dir->rec[f->entry];
	char *name, *other = NULL;

	if (f->kind == ZIPREC_NOMEM) {
		problems_nomem(pl);
		return;
	}
	name = entryname_shown(r->name, r->name_len);
	if (f->kind == ZIPREC_OVERLAP)
		other = entryname_shown(dir->rec[f->other].name,
				   dir->rec[f->other].name_len);
	if (name == NULL || (f->kind == ZIPREC_OVERLAP && other == NULL)) {
		problems_nomem(pl);
	} else if (f->kind == ZIPREC_LOCAL_MISSING) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged zip archive: the local header of "
		       "\"%s\" is not where the central directory says",
		       display, name);
	} else if (f->kind == ZIPREC_LOCAL_NAME) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged or hostile zip archive: the entry "
		       "\"%s\" has another name in its local header, so "
		       "different tools would read different files", display,
		       name);
	} else if (f->kind == ZIPREC_LOCAL_FIELD) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged or hostile zip archive: the %s of "
		       "\"%s\" differs between its local header and the "
		       "central directory", display, f->field, name);
	} else if (f->kind == ZIPREC_DESCRIPTOR) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged zip archive: no data descriptor "
		       "after \"%s\" matches the CRC and sizes of the central "
		       "directory", display, name);
	} else if (f->kind == ZIPREC_OVERLAP) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged or hostile zip archive: \"%s\" and "
		       "\"%s\" share bytes (overlapping entries, as in a zip "
		       "bomb)", display, other, name);
	} else {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", name, SUB_HINT_REZIP,
		       "%s is a damaged zip archive: the data of \"%s\" run "
		       "into the central directory", display, name);
	}
	free(name);
	free(other);
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

/*
 * Bytes after the end record and its comment: padding that a transfer
 * added is a warning; zip records there are a second archive that another
 * tool might read instead.
 */
static enum gr_status
check_trailing(const struct submission *s, const char *display,
	       struct problem_list *pl)
{
	const unsigned char *t = s->buf + s->len - s->dir.trailing;
	size_t tn = (size_t)s->dir.trailing;

	if (tn == 0)
		return GR_OK;
	if (ziprec_has_signature(t, tn)) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL,
		       SUB_HINT_REZIP, "%s is a damaged or hostile zip "
		       "archive: zip records follow its end record, "
		       "so different tools would read different files",
		       display);
		return GR_INVALID;
	}
	problems_add_entry(pl, PROBLEM_WARNING, "zip.trailing_bytes", NULL,
	       HINT_TRAILING, "%s ends with %zu byte%s after the zip "
	       "archive (%s); they were ignored", display, tn,
	       tn == 1 ? "" : "s", trailing_kind(t, tn));
	return GR_OK;
}

/*
 * Opens s->buf with libzip, without ZIP_CHECKCONS, and reads the same
 * central directory from the bytes into s->dir; both must agree.  Sets *n
 * to the number of entries and *has_nul to a new array (the caller frees
 * it) marking names that held a NUL byte.  Returns GR_OK or the failure.
 */
static enum gr_status
zip_open_both(struct problem_list *pl, struct submission *s, const char *display,
	      zip_int64_t *n, unsigned char **has_nul)
{
	struct ziprec_fault fault;
	zip_source_t *src;
	zip_error_t err;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(s->buf, s->len, 0, &err)) == NULL) {
		zip_error_fini(&err);
		problems_nomem(pl);
		return GR_NOMEM;
	}
	s->za = zip_open_from_source(src, ZIP_RDONLY, &err);
	if (s->za == NULL) {
		zip_source_free(src);
		report_open_error(pl, s, display, &err);
		zip_error_fini(&err);
		return pl->nomem ? GR_NOMEM : GR_INVALID;
	}
	zip_error_fini(&err);

	if (ziprec_several_ends(s->buf, s->len) ||
	    comment_hides_records(s->za)) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "%s is a damaged or hostile zip archive: it holds "
		       "more than one end record (one hidden in its "
		       "comment), so different tools would read different "
		       "files", display);
		return GR_INVALID;
	}
	*n = zip_get_num_entries(s->za, 0);
	if (*n < 0 || (uint64_t)*n > s->lim.entries) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_entries", NULL, SUB_HINT_LIMIT,
		       "the archive holds %lld entries; the limit is %llu",
		       (long long)*n, (unsigned long long)s->lim.entries);
		return GR_INVALID;
	}
	if (ziprec_read(s->buf, s->len, s->lim.entries, &s->dir, &fault) !=
	    0) {
		if (fault.kind == ZIPREC_NOMEM) {
			problems_nomem(pl);
			return GR_NOMEM;
		}
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "%s is a damaged zip archive: its central directory "
		       "is not where its end record says", display);
		return GR_INVALID;
	}
	if ((*has_nul = calloc((size_t)*n + 1, 1)) == NULL) {
		problems_nomem(pl);
		return GR_NOMEM;
	}
	if (!same_entries(s->za, &s->dir, (zip_uint64_t)*n, *has_nul)) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.damaged", NULL, SUB_HINT_REZIP,
		       "%s is a damaged or hostile zip archive: its central "
		       "directory reads differently to different tools",
		       display);
		return GR_INVALID;
	}
	return check_trailing(s, display, pl);
}

/*
 * Opens the zip in buf[0..len), which s owns from now on.  Returns GR_OK
 * with every entry checked, or the failure (problems reported to pl).
 */
enum gr_status
zipread_load(struct submission *s, const char *display, struct problem_list *pl)
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
		problems_add_entry(pl, PROBLEM_ERROR, "zip.empty", NULL, SUB_HINT_REZIP,
		       "%s is empty (0 bytes)", display);
		return GR_INVALID;
	}
	if (s->len > s->lim.zip_bytes) {
		problems_add_entry(pl, PROBLEM_ERROR, "zip.limit_zip_bytes", NULL,
		       SUB_HINT_LIMIT, "%s is %s; the limit is %s", display,
		       sub_fmt_bytes(b1, sizeof b1, s->len),
		       sub_fmt_bytes(b2, sizeof b2, s->lim.zip_bytes));
		return GR_INVALID;
	}
	digest_init(&h);
	digest_update(&h, s->buf, s->len);
	digest_final(&h, s->sha256);
	s->bytes = s->len;

	if ((st = zip_open_both(pl, s, display, &n, &has_nul)) != GR_OK) {
		free(has_nul);
		return st;
	}
	for (zip_uint64_t i = 0; i < (zip_uint64_t)n && !pl->nomem; i++)
		zip_check_entry(pl, s, i, has_nul[i], &declared_total,
				&backslashes, &first_backslash);
	free(has_nul);
	if (backslashes > 0 && first_backslash != NULL)
		problems_add_entry(pl, PROBLEM_WARNING, "zip.backslash_name", NULL,
		       SUB_HINT_BACKSLASH, "%zu entry name%s use%s '\\' between "
		       "folders (\"%s\"%s), as Windows PowerShell writes "
		       "them; '\\' was read as '/'", backslashes,
		       backslashes == 1 ? "" : "s",
		       backslashes == 1 ? "s" : "", first_backslash,
		       backslashes == 1 ? "" : ", ...");
	free(first_backslash);
	sub_check_listing(pl, s, declared_total, display);

	/* The records' own agreement, for an archive whose metadata passed
	 * (one diagnosis is enough for an archive already refused). */
	if (sub_errors(s, pl) == 0 && !pl->nomem &&
	    ziprec_check(s->buf, s->len, &s->dir, &fault) != 0)
		report_fault(pl, &s->dir, &fault, display);

	/* Content checks only for an archive whose metadata passed: its
	 * declared sizes bound what reading can cost. */
	for (size_t k = 0; k < s->count && sub_errors(s, pl) == 0 && !pl->nomem; k++) {
		struct entry *e = &s->entries[k];
		int keep = e->pub.size <= SUB_KEEP_ENTRY_BYTES &&
			   kept + e->pub.size <= SUB_KEEP_TOTAL_BYTES;

		if (e->pub.is_dir)
			continue;
		if (zipread_stream(s, k, keep ? &e->kept : NULL,
			       keep ? &e->kept_len : NULL, e->pub.sha256, pl) ==
			    GR_OK &&
		    keep)
			kept += e->pub.size;
	}
	if (pl->nomem)
		return GR_NOMEM;
	return sub_errors(s, pl) ? GR_INVALID : GR_OK;
}
