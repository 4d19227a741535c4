/*
 * submission_int.h: what the submission reader's three files share, and
 * nothing outside them includes: submission.c (the object, the rules on the
 * whole listing, the counted read), zipread.c (a .zip, through libzip and
 * ziprecords.c) and folderread.c (a folder, never following a link).
 */
#ifndef GRADER_SUBMISSION_INT_H
#define GRADER_SUBMISSION_INT_H

#include <stddef.h>
#include <stdint.h>

#include <zip.h>

#include "problems.h"
#include "submission.h"
#include "ziprecords.h"

/* The unit of every read. */
#define SUB_CHUNK_BYTES		65536

/*
 * Small zip entries keep the content that verification read, so that the
 * results files are inflated once, not twice: at most SUB_KEEP_ENTRY_BYTES
 * an entry and SUB_KEEP_TOTAL_BYTES in all (a large write-up is not worth
 * holding).
 */
#define SUB_KEEP_ENTRY_BYTES	((uint64_t)4 << 20)
#define SUB_KEEP_TOTAL_BYTES	((uint64_t)16 << 20)

/* The fixes that both readers give. */
extern const char SUB_HINT_REZIP[];
extern const char SUB_HINT_RENAME[];
extern const char SUB_HINT_LINK[];
extern const char SUB_HINT_LIMIT[];
extern const char SUB_HINT_UTF8[];
extern const char SUB_HINT_BACKSLASH[];
extern const char SUB_HINT_UNREADABLE[];

/* One entry as kept here: the public part first, then where it comes from. */
struct entry {
	struct submission_entry pub;
	zip_uint64_t index;	/* zip: libzip's index */
	char *path;		/* folder: the literal path below the root */
	unsigned char *kept;	/* zip: the content read at open, kept for
				 * the first submission_read(), or NULL */
	size_t kept_len;
};

struct submission {
	struct entry *entries;
	size_t count, cap;
	struct gr_limits lim;
	uint64_t bytes;
	unsigned char sha256[32];
	size_t errors0;		/* errors in the caller's list at open */

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
 * A source of an entry's bytes for sub_stream(): reads at most n bytes into
 * buf and returns how many (0 at the end), or -1 after reporting why it
 * failed.
 */
typedef long long sub_read_fn(void *src, unsigned char *buf, size_t n);

/*
 * The counted read that zip entries and folder files share: reads entry k
 * from src, at most its size + 1 bytes (so that a size that lies is seen
 * without reading on), until the source says it ended, hashing what it
 * read into sha.  With data non-NULL the content is also returned in a new
 * NUL-terminated buffer that the caller frees.  *total is the number of
 * bytes read.  Returns GR_OK, GR_INVALID (the source failed) or GR_NOMEM;
 * whether *total is right is the caller's to judge.
 */
enum gr_status sub_stream(struct submission *s, size_t k, sub_read_fn *read,
			  void *src, unsigned char **data, size_t *len,
			  unsigned char sha[32], uint64_t *total,
			  struct problem_list *pl);

/* Errors added to pl since the submission was opened. */
size_t sub_errors(const struct submission *s, const struct problem_list *pl);

/* A new zeroed entry at the end of s, or NULL when out of memory. */
struct entry *sub_add_entry(struct submission *s);

/* Points e->base at the last component of e->name. */
void sub_set_base(struct submission_entry *e);

/* Reports an unsafe name (entryname_unsafe()); returns 1 when it was. */
int sub_check_name(struct problem_list *pl, const char *name,
		   const unsigned char *raw, size_t rawlen, int has_nul);

/* The checks on the whole listing: duplicates, the total, no file. */
void sub_check_listing(struct problem_list *pl, struct submission *s,
		       uint64_t declared_total, const char *display);

/* A byte count for a message, without the locale's decimal point. */
const char *sub_fmt_bytes(char *out, size_t outlen, uint64_t v);

/* Sums sizes without overflow: a sum past UINT64_MAX is over any limit. */
static inline uint64_t
sub_add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

/* The readers: load checks every entry; stream reads entry k again. */
enum gr_status zipread_load(struct submission *s, const char *display,
			    struct problem_list *pl);
enum gr_status zipread_stream(struct submission *s, size_t k,
			      unsigned char **data, size_t *len,
			      unsigned char sha[32], struct problem_list *pl);
enum gr_status folderread_load(struct submission *s, const char *display,
			       struct problem_list *pl);
enum gr_status folderread_stream(struct submission *s, size_t k,
				 unsigned char **data, size_t *len,
				 unsigned char sha[32],
				 struct problem_list *pl);

#endif
