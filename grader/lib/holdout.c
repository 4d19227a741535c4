/*
 * holdout.c: the secret labels.
 *
 * Lines come from csvline, the scanner that reads results files, so that
 * both files end their lines by one rule (LF, CRLF, lone CR).  A label is
 * one bare token a line, checked here without libcsv; line 1 may instead
 * be a column name, whose quotes csvline reads.  What matters most here is
 * that no byte of the file ever reaches a message: the messages give line
 * numbers and counts only.
 */
#include "holdout.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvline.h"
#include "digest.h"
#include "grow.h"
#include "number.h"
#include "readfile.h"

/* A holdout of 2^31 one-digit labels is 4 GiB; refuse anything larger. */
#define HOLDOUT_MAX_BYTES (8ull << 30)

/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
void
holdout_release(struct holdout *h)
{
	if (h == NULL)
		return;
	free(h->labels);
	h->labels = NULL;
	h->rows = h->positives = 0;
}

/*
 * A column name: letters, digits, '_', '.', '-' or spaces, starting with a
 * letter or '_', the line's one field (in double quotes or not).
 */
static int
is_column_name(const struct csvline *l, struct csvline_fields *fs)
{
	const char *s;
	size_t len;

	if (csvline_split(fs, l->p, l->n, ',') != 0 || fs->count != 1 ||
	    fs->unterminated)
		return 0;
	s = fs->f[0].p;
	len = fs->f[0].n;
	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
			  (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-' || c == ' '))
			return 0;
	}
	return 1;
}

static enum gr_status
unusable(struct problem_list *problems, const char *code, const char *name,
	 long line, const char *hint, const char *what)
{
	if (problems_add(problems, PROBLEM_ERROR, code, name, line, hint,
			 "%s", what) != GR_OK)
		return GR_NOMEM;
	return GR_UNUSABLE;
}

/* One parse: where labels and problems go. */
struct reader {
	const char *name;
	struct problem_list *problems;
	struct holdout *out;
	size_t cap;		/* labels allocated */
	size_t bad;		/* lines that are no label */
};

/* Reads the label on line l (not blank).  GR_OK, GR_UNUSABLE (a problem
 * says so) or GR_NOMEM. */
static enum gr_status
read_label(struct reader *r, const struct csvline *l)
{
	double v;

	if (l->n == 1 && (l->p[0] == '0' || l->p[0] == '1'))
		v = l->p[0] - '0';	/* nearly every line: no parse */
	else if (memchr(l->p, '\0', l->n) != NULL ||
		 number_parse(l->p, l->n, &v) != NUMBER_OK ||
		 (v != 0.0 && v != 1.0)) {
		r->bad++;
		return unusable(r->problems, "holdout.not_a_label", r->name,
				l->no, "Every line of a holdout must be 0 or 1.",
				"this line is not a label 0 or 1");
	}
	if (ALLOC_GROW(r->out->labels, r->out->rows + 1, r->cap) != 0)
		return problems_nomem(r->problems);
	r->out->labels[r->out->rows++] = v == 1.0;
	r->out->positives += v == 1.0;
	return GR_OK;
}

/* Reads every line.  GR_OK (bad lines counted in r->bad) or GR_NOMEM. */
static enum gr_status
read_lines(struct reader *r, const char *p, size_t len)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;
	struct csvline_scanner sc;
	struct csvline l;
	enum gr_status st = GR_OK;

	csvline_scanner_init(&sc, p, len);
	while (st != GR_NOMEM && csvline_next(&sc, &l)) {
		if (l.n == 0) {
			/* Only a blank last line is forgiven. */
			if (sc.p >= sc.end)
				break;
			r->bad++;
			st = unusable(r->problems, "holdout.blank_line",
				      r->name, l.no,
				      "Remove blank lines: every line must hold one label.",
				      "blank line inside the holdout");
		} else if (l.no == 1 && is_column_name(&l, &fs)) {
			continue;
		} else {
			st = read_label(r, &l);
		}
	}
	csvline_fields_release(&fs);
	return st == GR_NOMEM ? GR_NOMEM : GR_OK;
}

/* The counts: some labels, the expected number, both classes. */
static enum gr_status
check_counts(struct reader *r, size_t expected_rows)
{
	const struct holdout *out = r->out;

	if (out->rows == 0 && r->bad == 0)
		return unusable(r->problems, "holdout.empty", r->name, 0,
				"The holdout must hold one label a line.",
				"the holdout holds no labels");
	if (expected_rows != 0 && out->rows + r->bad != expected_rows)
		return problems_add(r->problems, PROBLEM_ERROR,
				    "holdout.row_count", r->name, 0,
				    "The holdout must have exactly one label per row of the test set.",
				    "the holdout has %zu rows; the challenge expects %zu",
				    out->rows + r->bad, expected_rows) == GR_OK
			   ? GR_UNUSABLE
			   : GR_NOMEM;
	if (r->bad > 0)
		return GR_UNUSABLE;
	if (out->positives == 0 || out->positives == out->rows)
		return unusable(r->problems, "holdout.one_class", r->name, 0,
				"An AUC needs both classes; check that this is the right holdout file.",
				"the holdout holds only one class");
	return GR_OK;
}

enum gr_status
holdout_parse(const char *name, const unsigned char *data, size_t len,
	      size_t expected_rows, struct holdout *out,
	      struct problem_list *problems)
{
	const char *p = (const char *)data;
	struct reader r = { name, problems, out, 0, 0 };
	enum gr_status st;

	assert(problems != NULL && out != NULL);
	assert(data != NULL || len == 0);
	memset(out, 0, sizeof *out);
	digest_sha256(data, len, out->sha256);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
	}
	if (expected_rows > 0 &&
	    ALLOC_GROW(out->labels, expected_rows, r.cap) != 0)
		return problems_nomem(problems);
	st = read_lines(&r, p, len);
	if (st == GR_OK)
		st = check_counts(&r, expected_rows);
	if (st != GR_OK)
		holdout_release(out);
	return st;
}

enum gr_status
holdout_load(const char *path, size_t expected_rows, struct holdout *out,
	     struct problem_list *problems)
{
	unsigned char *data;
	size_t len;
	enum gr_status st;
	int err;

	memset(out, 0, sizeof *out);
	err = readfile(path, HOLDOUT_MAX_BYTES, &data, &len);
	if (err == ENOMEM)
		return GR_NOMEM;
	if (err != 0)
		return problems_add(problems, PROBLEM_ERROR,
				    "holdout.unreadable", NULL, 0,
				    "Check the path given by --holdout or the challenge's \"holdout\" key.",
				    "cannot read the holdout %s: %s", path,
				    strerror(err)) == GR_OK
			   ? GR_IO
			   : GR_NOMEM;
	st = holdout_parse(path, data, len, expected_rows, out, problems);
	free(data);
	return st;
}
