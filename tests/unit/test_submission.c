/*
 * test_submission.c: the zip and folder reader.  Every member of the hostile
 * corpus (fixtures/hostile/EXPECTED) is opened and must give its expected
 * status and problem code; the three big members are made in memory by
 * make-big.c.  Then folders, limits, batch safety, reading entries back and
 * the SHA-256 figures.  Run from the repository's root.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "digest.h"
#include "submission.h"

#define MAKE_BIG_NO_MAIN
#include "../../fixtures/hostile/make-big.c"
#include "zipbuild.h"

#define CORPUS "fixtures/hostile"

/* The content of results1.csv in the corpus's valid archives. */
static const char R1[] =
	"0.12\n0.87\n0.45\n0.03\n0.66\n0.91\n0.28\n0.50\n0.74\n0.39\n";

struct expected {
	char name[128];
	int exit;
	char code[64];
};

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Opens one corpus member, from its file or, for the big ones, from memory. */
static enum gr_status
open_member(const char *name, const struct gr_limits *lim,
	    struct submission **s, struct problem_list *pl)
{
	struct big_buf b = { 0 };
	char path[512];
	enum gr_status st;

	snprintf(path, sizeof path, CORPUS "/%s", name);
	if (access(path, F_OK) == 0)
		return submission_open(path, lim, s, pl);
	if (strcmp(name, "deflate-bomb-200mb.zip") == 0)
		big_bomb(&b, 0);
	else if (strcmp(name, "declared-12-inflates-200mb.zip") == 0)
		big_bomb(&b, 1);
	else if (strcmp(name, "entries-70000.zip") == 0)
		big_many_entries(&b);
	else
		fail_msg("%s is in EXPECTED but neither in " CORPUS
			 " nor made by make-big.c", name);
	st = submission_open_buffer(b.p, b.len, name, lim, s, pl);
	free(b.p);
	return st;
}

/* Reads every file entry back and checks its size and terminating NUL. */
static void
read_all(struct submission *s)
{
	struct problem_list *pl = problems_new();

	for (size_t i = 0; i < submission_count(s); i++) {
		const struct submission_entry *e = submission_entry(s, i);
		unsigned char *data, sha[32];
		size_t len;

		if (e->is_dir)
			continue;
		assert_int_equal(submission_read(s, i, &data, &len, pl), GR_OK);
		assert_int_equal(len, e->size);
		assert_int_equal(data[len], '\0');
		digest_sha256(data, len, sha);
		assert_memory_equal(sha, e->sha256, 32);
		free(data);
	}
	assert_int_equal(pl->count, 0);
	problems_free(pl);
}

static void
test_corpus_member_gives_its_expected_status_and_code(void **state)
{
	const struct expected *x = *state;
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s = NULL;
	enum gr_status st;

	st = open_member(x->name, &lim, &s, pl);
	for (size_t i = 0; i < pl->count; i++)
		print_message("   %s: %s\n", pl->items[i].code,
			      pl->items[i].message);
	if (x->exit == 0) {
		assert_int_equal(st, GR_OK);
		assert_non_null(s);
		assert_int_equal(problems_count(pl, PROBLEM_ERROR), 0);
		read_all(s);
	} else {
		assert_int_equal(st, GR_INVALID);
		assert_null(s);
		assert_true(problems_count(pl, PROBLEM_ERROR) > 0);
	}
	if (strcmp(x->code, "-") == 0)
		assert_int_equal(pl->count, 0);
	else
		assert_non_null(problems_find(pl, x->code));
	/* Every message is printable as it is: no control bytes. */
	for (size_t i = 0; i < pl->count; i++) {
		const struct problem *p = &pl->items[i];

		for (const char *c = p->message; *c != '\0'; c++)
			assert_true((unsigned char)*c >= 0x20);
		for (const char *c = p->file ? p->file : ""; *c != '\0'; c++)
			assert_true((unsigned char)*c >= 0x20);
		assert_non_null(p->hint);
		assert_int_equal(p->line, 0);
	}
	submission_free(s);
	problems_free(pl);
}

static struct expected *
load_expected(size_t *n)
{
	FILE *f = fopen(CORPUS "/EXPECTED", "r");
	struct expected *v = NULL;
	char line[512];
	size_t cap = 0;

	*n = 0;
	if (f == NULL)
		return NULL;
	while (fgets(line, sizeof line, f) != NULL) {
		struct expected x;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%127s %d %63s", x.name, &x.exit, x.code) != 3)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(v, cap * sizeof *v);
		}
		v[(*n)++] = x;
	}
	fclose(f);
	return v;
}

static void
test_expected_lists_every_zip_of_the_corpus(void **state)
{
	size_t n;
	struct expected *v = load_expected(&n);
	FILE *ls = popen("ls " CORPUS "/*.zip", "r");
	char line[512];
	int found;

	(void)state;
	assert_non_null(v);
	assert_true(n >= 40);
	assert_non_null(ls);
	while (fgets(line, sizeof line, ls) != NULL) {
		const char *base = strrchr(line, '/') + 1;

		line[strcspn(line, "\n")] = '\0';
		found = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].name, base) == 0)
				found = 1;
		if (!found)
			fail_msg("%s has no line in EXPECTED", base);
	}
	pclose(ls);
	free(v);
}

static void
test_a_hostile_zip_then_a_good_zip_in_one_process_leaves_no_trace(void **state)
{
	struct gr_limits lim = gr_limits_default();
	size_t n;
	struct expected *v = load_expected(&n);
	unsigned char first[32];

	(void)state;
	for (size_t round = 0; round < n; round++) {
		struct problem_list *pl = problems_new();
		struct submission *s = NULL;

		/* One hostile member, then the good archive. */
		(void)open_member(v[round].name, &lim, &s, pl);
		submission_free(s);
		problems_free(pl);
		pl = problems_new();
		s = NULL;
		assert_int_equal(submission_open(CORPUS "/valid-submission.zip",
						 &lim, &s, pl), GR_OK);
		assert_int_equal(pl->count, 0);
		assert_int_equal(submission_count(s), 2);
		assert_string_equal(submission_entry(s, 0)->name,
				    "results1.csv");
		if (round == 0)
			memcpy(first, submission_sha256(s), 32);
		assert_memory_equal(first, submission_sha256(s), 32);
		read_all(s);
		submission_free(s);
		problems_free(pl);
	}
	free(v);
}

static void
test_submission_read_returns_the_content_nul_terminated(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	unsigned char *data;
	size_t len;

	(void)state;
	assert_int_equal(submission_open(CORPUS "/valid-submission.zip", &lim,
					 &s, pl), GR_OK);
	assert_int_equal(submission_read(s, 0, &data, &len, pl), GR_OK);
	assert_int_equal(len, strlen(R1));
	assert_memory_equal(data, R1, len);
	assert_int_equal(data[len], '\0');
	free(data);
	/* Reading twice gives the same bytes: entries are re-read on demand. */
	assert_int_equal(submission_read(s, 0, &data, &len, pl), GR_OK);
	assert_string_equal((char *)data, R1);
	free(data);
	/* Out of range: refused, with a problem. */
	assert_int_equal(submission_read(s, 99, &data, &len, pl), GR_INVALID);
	assert_null(data);
	assert_int_equal(problems_count(pl, PROBLEM_ERROR), 1);
	submission_free(s);
	problems_free(pl);
}

static void
test_the_sha256_of_a_zip_is_that_of_its_bytes(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s, *t;
	unsigned char want[32];
	unsigned char *buf;
	size_t len = 0;

	(void)state;
	buf = slurp(CORPUS "/valid-submission.zip", &len);
	assert_non_null(buf);
	digest_sha256(buf, len, want);
	assert_int_equal(submission_open(CORPUS "/valid-submission.zip", &lim,
					 &s, pl), GR_OK);
	assert_memory_equal(submission_sha256(s), want, 32);
	assert_int_equal(submission_bytes(s), len);
	/* The same bytes from memory: the same figures. */
	assert_int_equal(submission_open_buffer(buf, len, "x.zip", &lim, &t, pl),
			 GR_OK);
	assert_memory_equal(submission_sha256(t), want, 32);
	submission_free(s);
	submission_free(t);
	free(buf);
	problems_free(pl);
}

static void
test_a_powershell_zip_is_read_with_slashes_and_one_warning(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;

	(void)state;
	assert_int_equal(submission_open(CORPUS "/powershell-backslash.zip",
					 &lim, &s, pl), GR_OK);
	assert_int_equal(pl->count, 1);
	assert_int_equal(pl->items[0].severity, PROBLEM_WARNING);
	assert_string_equal(pl->items[0].code, "zip.backslash_name");
	assert_string_equal(submission_entry(s, 0)->name,
			    "submission/results1.csv");
	assert_string_equal(submission_entry(s, 0)->base, "results1.csv");
	submission_free(s);
	problems_free(pl);
}

static void
test_macos_junk_is_marked_ignored(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	size_t ignored = 0;

	(void)state;
	assert_int_equal(submission_open(CORPUS "/macos-archive-utility.zip",
					 &lim, &s, pl), GR_OK);
	for (size_t i = 0; i < submission_count(s); i++) {
		const struct submission_entry *e = submission_entry(s, i);

		if (e->ignored) {
			ignored++;
			assert_true(strncmp(e->name, "__MACOSX", 8) == 0 ||
				    strncmp(e->base, "._", 2) == 0);
		} else {
			assert_true(strstr(e->name, "._") == NULL);
		}
	}
	assert_int_equal(ignored, 4);
	submission_free(s);
	problems_free(pl);
}

/* Opens a corpus member with one limit changed; returns the problem list. */
static struct problem_list *
open_limited(const char *file, const struct gr_limits *lim,
	     enum gr_status want)
{
	struct problem_list *pl = problems_new();
	struct submission *s = NULL;

	assert_int_equal(submission_open(file, lim, &s, pl), want);
	submission_free(s);
	return pl;
}

static void
test_each_limit_refuses_with_the_figure_and_the_limit(void **state)
{
	const char *valid = CORPUS "/valid-submission.zip";
	struct gr_limits lim;
	struct problem_list *pl;
	const struct problem *p;

	(void)state;
	lim = gr_limits_default();
	lim.zip_bytes = 100;
	pl = open_limited(valid, &lim, GR_INVALID);
	assert_non_null(p = problems_find(pl, "zip.limit_zip_bytes"));
	assert_non_null(strstr(p->message, "the limit is 100 bytes"));
	problems_free(pl);

	lim = gr_limits_default();
	lim.entries = 1;
	pl = open_limited(valid, &lim, GR_INVALID);
	assert_non_null(p = problems_find(pl, "zip.limit_entries"));
	assert_string_equal(p->message,
			    "the archive holds 2 entries; the limit is 1");
	problems_free(pl);

	lim = gr_limits_default();
	lim.entry_bytes = 49;
	pl = open_limited(valid, &lim, GR_INVALID);
	assert_non_null(p = problems_find(pl, "zip.limit_entry_bytes"));
	assert_string_equal(p->file, "results1.csv");
	assert_non_null(strstr(p->message, "50 bytes"));
	assert_non_null(strstr(p->message, "49 bytes"));
	problems_free(pl);

	lim = gr_limits_default();
	lim.total_bytes = 99;
	pl = open_limited(valid, &lim, GR_INVALID);
	assert_non_null(p = problems_find(pl, "zip.limit_total_bytes"));
	assert_non_null(strstr(p->message, "holds 100 bytes"));
	problems_free(pl);

	/* Exactly at every limit: accepted. */
	lim = gr_limits_default();
	lim.entries = 2;
	lim.entry_bytes = 50;
	lim.total_bytes = 100;
	pl = open_limited(valid, &lim, GR_OK);
	assert_int_equal(pl->count, 0);
	problems_free(pl);
}

/* R1 and the corpus's results2.csv, raw Deflate (zlib level 9, -15 bits). */
static const unsigned char R1_DEFLATED[37] = {
	0x0d, 0xc4, 0x37, 0x11, 0x00, 0x30, 0x0c, 0x00, 0xb1, 0x3d, 0x60,
	0x7c, 0xee, 0x85, 0x3f, 0xb1, 0xbc, 0x06, 0xa9, 0x98, 0x3f, 0x95,
	0x1d, 0xca, 0x22, 0x0d, 0xea, 0xa6, 0x33, 0xf2, 0xa5, 0x52, 0x9a,
	0xa4, 0xb8, 0xf7, 0x01,
};
static const char R2[] =
	"0.15\n0.80\n0.41\n0.09\n0.62\n0.95\n0.22\n0.57\n0.70\n0.33\n";
static const unsigned char R2_DEFLATED[38] = {
	0x33, 0xd0, 0x33, 0x34, 0xe5, 0x32, 0xd0, 0xb3, 0x30, 0x00, 0x12,
	0x26, 0x86, 0x40, 0xc2, 0xc0, 0x12, 0x48, 0x98, 0x19, 0x01, 0x09,
	0x4b, 0x90, 0x84, 0x11, 0x88, 0x65, 0x6a, 0x0e, 0x24, 0xcc, 0x41,
	0x4a, 0x8c, 0x8d, 0xb9, 0x00,
};

/*
 * One entry as macOS Archive Utility (Finder's Compress) writes it:
 *
 *   local header   version needed 20, flags 0x0008 (bit 3: sizes and CRC
 *                  follow the data), method 8 (Deflate), CRC 0,
 *                  compressed size FILLED IN, uncompressed size 0, no
 *                  extra field;
 *   data           the Deflate stream;
 *   descriptor     signature PK\7\8, CRC, 4-byte compressed and
 *                  uncompressed sizes;
 *   central header made by 0x0315 (Unix, 2.1), flags 0x0008, the real CRC
 *                  and sizes, external attributes 0100644 << 16.
 *
 * libzip 1.7.3's ZIP_CHECKCONS refused this (a local compressed size that
 * is neither 0 nor ignored under bit 3); APPNOTE 4.4.4 allows it.
 */
static struct zb_entry
archive_utility_entry(const char *name, const char *content,
		      const unsigned char *deflated, size_t deflated_len)
{
	struct zb_entry e = { 0 };

	e.name = name;
	e.flags = 0x0008;
	e.method = 8;
	e.comp = deflated;
	e.comp_len = deflated_len;
	e.crc = e.descriptor_crc = zb_crc32(content, strlen(content));
	e.usize = (uint32_t)strlen(content);
	e.local_crc = 0;
	e.local_csize = (uint32_t)deflated_len;
	e.local_usize = 0;
	e.descriptor = ZB_DESCRIPTOR_SIG32;
	e.made_by = 0x0315;
	e.external = 0100644u << 16;
	return e;
}

static void
test_an_archive_utility_layout_is_read_without_a_problem(void **state)
{
	/* AppleDouble "._" companion, stored: its content does not matter. */
	static const char apple_double[] = "\0\5\26\7\0\2\0\0Mac OS X";
	struct zb z = { 0 };
	struct zb_entry e[3] = {
		archive_utility_entry("results1.csv", R1, R1_DEFLATED,
				      sizeof R1_DEFLATED),
		archive_utility_entry("results2.csv", R2, R2_DEFLATED,
				      sizeof R2_DEFLATED),
		zb_stored("__MACOSX/._results1.csv", "x"),
	};
	struct problem_list *pl = problems_new();
	struct submission *s = NULL;
	unsigned char *data;
	size_t len;

	(void)state;
	e[2].comp = (const unsigned char *)apple_double;
	e[2].comp_len = sizeof apple_double - 1;
	e[2].crc = e[2].local_crc = zb_crc32(apple_double,
					     sizeof apple_double - 1);
	e[2].usize = e[2].local_usize = e[2].local_csize =
		(uint32_t)(sizeof apple_double - 1);
	for (int i = 0; i < 3; i++)
		zb_add(&z, &e[i]);
	zb_finish(&z);
	assert_int_equal(submission_open_buffer(z.p, z.len, "mac.zip", NULL,
						&s, pl), GR_OK);
	assert_int_equal(pl->count, 0);
	assert_int_equal(submission_count(s), 3);
	assert_true(submission_entry(s, 2)->ignored);
	assert_int_equal(submission_read(s, 1, &data, &len, pl), GR_OK);
	assert_int_equal(len, strlen(R2));
	assert_memory_equal(data, R2, len);
	free(data);
	read_all(s);
	submission_free(s);

	/* The same archive whose second descriptor gives another CRC. */
	problems_free(pl);
	pl = problems_new();
	free(z.p);
	memset(&z, 0, sizeof z);
	e[1].descriptor_crc ^= 1;
	for (int i = 0; i < 3; i++)
		zb_add(&z, &e[i]);
	zb_finish(&z);
	assert_int_equal(submission_open_buffer(z.p, z.len, "mac.zip", NULL,
						&s, pl), GR_INVALID);
	assert_null(s);
	assert_int_equal(pl->count, 1);
	assert_string_equal(pl->items[0].code, "zip.damaged");
	assert_string_equal(pl->items[0].message,
			    "mac.zip is a damaged zip archive: no data "
			    "descriptor after \"results2.csv\" matches the CRC "
			    "and sizes of the central directory");
	free(z.p);
	problems_free(pl);
}

static void
test_bytes_after_the_archive_are_one_warning(void **state)
{
	struct zb z = { 0 };
	struct problem_list *pl = problems_new();
	struct submission *s = NULL;
	unsigned char *p;

	(void)state;
	zb_one(&z, "results1.csv", R1);
	p = zb_with_tail(&z, "\r\n", 2);
	assert_int_equal(submission_open_buffer(p, z.len + 2, "a.zip", NULL,
						&s, pl), GR_OK);
	assert_int_equal(pl->count, 1);
	assert_int_equal(pl->items[0].severity, PROBLEM_WARNING);
	assert_string_equal(pl->items[0].code, "zip.trailing_bytes");
	assert_string_equal(pl->items[0].message,
			    "a.zip ends with 2 bytes after the zip archive (a "
			    "line end); they were ignored");
	read_all(s);
	submission_free(s);
	free(p);
	free(z.p);
	problems_free(pl);
}

/* Opens buf as "z.zip" and expects exactly one problem: code, message. */
static void
expect_refusal(const unsigned char *buf, size_t len, const char *code,
	       const char *message)
{
	struct problem_list *pl = problems_new();
	struct submission *s = NULL;

	assert_int_equal(submission_open_buffer(buf, len, "z.zip", NULL, &s,
						pl), GR_INVALID);
	assert_null(s);
	for (size_t i = 0; i < pl->count; i++)
		print_message("   %s: %s\n", pl->items[i].code,
			      pl->items[i].message);
	assert_int_equal(pl->count, 1);
	assert_string_equal(pl->items[0].code, code);
	assert_string_equal(pl->items[0].message, message);
	assert_int_equal(pl->items[0].line, 0);
	problems_free(pl);
}

static void
test_each_contradiction_of_the_records_is_named(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e[2];
	unsigned char *p;

	(void)state;
	/* A central header that points at no local header. */
	e[0] = zb_stored("results1.csv", R1);
	e[1] = zb_stored("results2.csv", R2);
	e[1].at_offset = 1;
	e[1].offset = 7;
	zb_add(&z, &e[0]);
	zb_add(&z, &e[1]);
	zb_finish(&z);
	expect_refusal(z.p, z.len, "zip.damaged", "z.zip is a damaged zip "
		       "archive: the local header of \"results2.csv\" is not "
		       "where the central directory says");
	free(z.p);

	/* Encrypted in the local header, not in the central one. */
	memset(&z, 0, sizeof z);
	e[0] = zb_stored("results1.csv", R1);
	zb_add(&z, &e[0]);
	zb_finish(&z);
	z.p[6] |= 1;
	expect_refusal(z.p, z.len, "zip.damaged", "z.zip is a damaged or "
		       "hostile zip archive: the encryption flag of "
		       "\"results1.csv\" differs between its local header and "
		       "the central directory");
	free(z.p);

	/* Bytes between the central directory and its end record. */
	memset(&z, 0, sizeof z);
	zb_one(&z, "results1.csv", R1);
	p = malloc(z.len + 4);
	memcpy(p, z.p, z.len - 22);
	memcpy(p + z.len - 22, "gap!", 4);
	memcpy(p + z.len - 18, z.p + z.len - 22, 22);
	expect_refusal(p, z.len + 4, "zip.damaged", "z.zip is a damaged zip "
		       "archive: its central directory is not where its end "
		       "record says");
	free(p);
	free(z.p);
}

static void
test_a_missing_path_is_an_io_error(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s = (struct submission *)pl;

	(void)state;
	assert_int_equal(submission_open(CORPUS "/no-such-file.zip", &lim, &s,
					 pl), GR_IO);
	assert_null(s);
	assert_non_null(problems_find(pl, "input.unreadable"));
	submission_free(NULL);
	problems_free(pl);
}

/* A scratch folder for the folder tests, removed by teardown. */
static char scratch[64];

static int
make_scratch(void **state)
{
	(void)state;
	strcpy(scratch, "/tmp/test_submission.XXXXXX");
	return mkdtemp(scratch) == NULL ? -1 : 0;
}

static int
remove_scratch(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
	return system(cmd) == 0 ? 0 : -1;
}

static void
put(const char *rel, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", scratch, rel);
	assert_non_null(f = fopen(path, "wb"));
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
}

static void
sub(const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", scratch, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void
test_a_folder_is_read_recursively_in_name_order(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	unsigned char *data;
	size_t len;

	(void)state;
	put("notes.txt", "abc");
	sub("model");
	put("model/results2.csv", "0.5\n");
	put("model/results1.csv", R1);
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_OK);
	assert_int_equal(pl->count, 0);
	assert_int_equal(submission_count(s), 4);
	assert_string_equal(submission_entry(s, 0)->name, "model");
	assert_true(submission_entry(s, 0)->is_dir);
	assert_string_equal(submission_entry(s, 1)->name, "model/results1.csv");
	assert_string_equal(submission_entry(s, 1)->base, "results1.csv");
	assert_string_equal(submission_entry(s, 2)->name, "model/results2.csv");
	assert_string_equal(submission_entry(s, 3)->name, "notes.txt");
	assert_int_equal(submission_entry(s, 3)->size, 3);
	assert_int_equal(submission_bytes(s), strlen(R1) + 4 + 3);
	assert_int_equal(submission_read(s, 1, &data, &len, pl), GR_OK);
	assert_string_equal((char *)data, R1);
	free(data);
	read_all(s);
	submission_free(s);
	problems_free(pl);
}

static void
test_the_sha256_of_abc_is_the_standard_one(void **state)
{
	static const unsigned char abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	unsigned char want[32];
	char listing[256];
	int n;

	(void)state;
	put("abc.txt", "abc");
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_OK);
	assert_memory_equal(submission_entry(s, 0)->sha256, abc, 32);
	/* The folder's own digest: of "name\0size\0sha256hex\n" per file. */
	n = snprintf(listing, sizeof listing, "abc.txt%c3%c%s\n", 0, 0,
		     "ba7816bf8f01cfea414140de5dae2223"
		     "b00361a396177a9cb410ff61f20015ad");
	digest_sha256(listing, (size_t)n, want);
	assert_memory_equal(submission_sha256(s), want, 32);
	submission_free(s);
	problems_free(pl);
}

static void
test_a_symlink_in_a_folder_is_refused_and_never_followed(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	char path[512];
	const struct problem *p;

	(void)state;
	put("results1.csv", R1);
	snprintf(path, sizeof path, "%s/results2.csv", scratch);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_null(s);
	assert_non_null(p = problems_find(pl, "zip.link"));
	assert_string_equal(p->file, "results2.csv");
	problems_free(pl);
}

static void
test_a_fifo_in_a_folder_is_refused_as_a_special_file(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	char path[512];

	(void)state;
	put("results1.csv", R1);
	snprintf(path, sizeof path, "%s/pipe", scratch);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_non_null(problems_find(pl, "zip.file_type"));
	problems_free(pl);
}

static void
test_a_folder_over_its_limits_is_refused(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl;
	struct submission *s;
	char name[32];

	(void)state;
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "f%d.txt", i);
		put(name, "0123456789");
	}
	lim.entries = 3;
	pl = problems_new();
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_non_null(problems_find(pl, "zip.limit_entries"));
	problems_free(pl);

	lim = gr_limits_default();
	lim.entry_bytes = 9;
	pl = problems_new();
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_int_equal(problems_count_code(pl, "zip.limit_entry_bytes"), 5);
	problems_free(pl);

	lim = gr_limits_default();
	lim.total_bytes = 49;
	pl = problems_new();
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_non_null(problems_find(pl, "zip.limit_total_bytes"));
	problems_free(pl);
}

static void
test_a_folder_with_no_files_is_empty(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;

	(void)state;
	sub("only-a-folder");
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_non_null(problems_find(pl, "zip.empty"));
	problems_free(pl);
}

static void
test_a_folder_names_collide_ignoring_case(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;

	(void)state;
	put("results1.csv", R1);
	put("RESULTS1.CSV", R1);
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_INVALID);
	assert_non_null(problems_find(pl, "zip.duplicate_name"));
	problems_free(pl);
}

static void
test_a_folder_file_changed_after_open_is_refused_on_read(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;
	unsigned char *data;
	size_t len;

	(void)state;
	put("results1.csv", R1);
	assert_int_equal(submission_open(scratch, &lim, &s, pl), GR_OK);
	/* Same size, other bytes: only the digest can tell. */
	put("results1.csv", "0.99\n0.87\n0.45\n0.03\n0.66\n0.91\n0.28\n0.50\n"
	    "0.74\n0.39\n");
	assert_int_equal(submission_read(s, 0, &data, &len, pl), GR_INVALID);
	assert_null(data);
	assert_non_null(problems_find(pl, "input.unreadable"));
	submission_free(s);
	problems_free(pl);
}

static void
test_an_empty_buffer_is_an_empty_zip(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct submission *s;

	(void)state;
	assert_int_equal(submission_open_buffer((const unsigned char *)"", 0,
						"empty.zip", &lim, &s, pl),
			 GR_INVALID);
	assert_non_null(problems_find(pl, "zip.empty"));
	problems_free(pl);
}

static void
test_many_bad_names_give_twenty_messages_and_a_count(void **state)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *pl = problems_new();
	struct big_buf b = { 0 }, cd = { 0 };
	struct submission *s;
	size_t cd_offset;
	char name[32];

	(void)state;
	/* 30 stored empty entries named ../N. */
	for (int i = 0; i < 30; i++) {
		size_t offset = b.len;
		size_t nlen = (size_t)snprintf(name, sizeof name, "../%d", i);
		const unsigned char lh[30] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0,
			0, 0x60, 0x21, 0x58, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			(unsigned char)nlen, 0, 0, 0 };

		big_put(&b, lh, sizeof lh);
		big_put(&b, name, nlen);
		big_le(&cd, 0x02014b50, 4);
		big_le(&cd, 20, 2);
		big_le(&cd, 20, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0x6000, 2);
		big_le(&cd, 0x5821, 2);
		big_le(&cd, 0, 4);
		big_le(&cd, 0, 4);
		big_le(&cd, 0, 4);
		big_le(&cd, nlen, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0, 2);
		big_le(&cd, 0, 4);
		big_le(&cd, offset, 4);
		big_put(&cd, name, nlen);
	}
	cd_offset = b.len;
	big_put(&b, cd.p, cd.len);
	big_le(&b, 0x06054b50, 4);
	big_le(&b, 0, 4);
	big_le(&b, 30, 2);
	big_le(&b, 30, 2);
	big_le(&b, cd.len, 4);
	big_le(&b, cd_offset, 4);
	big_le(&b, 0, 2);
	assert_int_equal(submission_open_buffer(b.p, b.len, "many.zip", &lim,
						&s, pl), GR_INVALID);
	assert_int_equal(pl->count, PROBLEMS_PER_KIND + 1);
	assert_non_null(strstr(pl->items[PROBLEMS_PER_KIND].message,
			       "10 more"));
	free(b.p);
	free(cd.p);
	problems_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expected_lists_every_zip_of_the_corpus),
		cmocka_unit_test(test_a_hostile_zip_then_a_good_zip_in_one_process_leaves_no_trace),
		cmocka_unit_test(test_submission_read_returns_the_content_nul_terminated),
		cmocka_unit_test(test_the_sha256_of_a_zip_is_that_of_its_bytes),
		cmocka_unit_test(test_a_powershell_zip_is_read_with_slashes_and_one_warning),
		cmocka_unit_test(test_macos_junk_is_marked_ignored),
		cmocka_unit_test(test_each_limit_refuses_with_the_figure_and_the_limit),
		cmocka_unit_test(test_a_missing_path_is_an_io_error),
		cmocka_unit_test(test_an_archive_utility_layout_is_read_without_a_problem),
		cmocka_unit_test(test_bytes_after_the_archive_are_one_warning),
		cmocka_unit_test(test_each_contradiction_of_the_records_is_named),
		cmocka_unit_test(test_an_empty_buffer_is_an_empty_zip),
		cmocka_unit_test(test_many_bad_names_give_twenty_messages_and_a_count),
		cmocka_unit_test_setup_teardown(test_a_folder_is_read_recursively_in_name_order, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_the_sha256_of_abc_is_the_standard_one, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_symlink_in_a_folder_is_refused_and_never_followed, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_fifo_in_a_folder_is_refused_as_a_special_file, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_folder_over_its_limits_is_refused, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_folder_with_no_files_is_empty, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_folder_names_collide_ignoring_case, make_scratch, remove_scratch),
		cmocka_unit_test_setup_teardown(test_a_folder_file_changed_after_open_is_refused_on_read, make_scratch, remove_scratch),
	};
	struct CMUnitTest *corpus;
	struct expected *v;
	size_t n;
	int failed;

	/* One test per corpus member, named for it, built from EXPECTED. */
	v = load_expected(&n);
	if (v == NULL) {
		fprintf(stderr, "cannot read " CORPUS "/EXPECTED: %s "
			"(run from the repository's root)\n", strerror(errno));
		return 1;
	}
	corpus = calloc(n, sizeof *corpus);
	for (size_t i = 0; i < n; i++) {
		char *name;

		if (asprintf(&name, "corpus %s gives %s", v[i].name,
			     v[i].code) < 0)
			return 1;
		corpus[i].name = name;
		corpus[i].test_func =
			test_corpus_member_gives_its_expected_status_and_code;
		corpus[i].initial_state = &v[i];
	}
	failed = _cmocka_run_group_tests("hostile corpus", corpus, n, NULL,
					 NULL);
	failed += cmocka_run_group_tests(tests, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free((char *)corpus[i].name);
	free(corpus);
	free(v);
	return failed != 0;
}
