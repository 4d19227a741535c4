/*
 * holdout.c: the secret labels.
 *
 * A line scanner rather than libcsv: the format is one bare token a line,
 * and a scanner of our own can promise what matters most here, that no
 * byte of the file ever reaches a message.
 */
#include "holdout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "number.h"
#include "readfile.h"

/* A holdout of 2^31 one-digit labels is 4 GiB; refuse anything larger. */
#define HOLDOUT_MAX_BYTES (8ull << 30)

void
holdout_release(struct holdout *h)
{
	if (h == NULL)
		return;
	free(h->labels);
	h->labels = NULL;
	h->rows = h->positives = 0;
}

/* A column name: letters, digits, '_', '.', '-' or spaces, in optional
 * double quotes, starting with a letter or '_'. */
static int
is_column_name(const char *s, size_t len)
{
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
		s++;
		len -= 2;
	}
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

enum gr_status
holdout_parse(const char *name, const unsigned char *data, size_t len,
	      size_t expected_rows, struct holdout *out,
	      struct problem_list *problems)
{
	const char *p = (const char *)data, *end = p + len;
	size_t cap = expected_rows ? expected_rows : 1024, bad = 0;
	long line = 0;
	int trailing_blank = 0;
	enum gr_status st = GR_OK;

	memset(out, 0, sizeof *out);
	digest_sha256(data, len, out->sha256);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	out->labels = malloc(cap);
	if (out->labels == NULL)
		return GR_NOMEM;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		size_t n = (size_t)((eol ? eol : end) - p);
		double v;

		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0) {
			/* Only a blank last line is forgiven. */
			if (next >= end) {
				trailing_blank = 1;
				break;
			}
			bad++;
			if (unusable(problems, "holdout.blank_line", name,
				     line, "Remove blank lines: every line must hold one label.",
				     "blank line inside the holdout") ==
			    GR_NOMEM)
				goto nomem;
			p = next;
			continue;
		}
		if (line == 1 && is_column_name(p, n)) {
			p = next;
			continue;
		}
		if (n == 1 && (p[0] == '0' || p[0] == '1'))
			v = p[0] - '0';	/* nearly every line: no parse */
		else if (memchr(p, '\0', n) != NULL ||
			 number_parse(p, n, &v) != NUMBER_OK ||
			 (v != 0.0 && v != 1.0)) {
			bad++;
			if (unusable(problems, "holdout.not_a_label", name, line,
				     "Every line of a holdout must be 0 or 1.",
				     "this line is not a label 0 or 1") ==
			    GR_NOMEM)
				goto nomem;
			p = next;
			continue;
		}
		if (out->rows == cap) {
			uint8_t *grown;
			if (cap > SIZE_MAX / 2)
				goto nomem;
			grown = realloc(out->labels, cap * 2);
			if (grown == NULL)
				goto nomem;
			out->labels = grown;
			cap *= 2;
		}
		out->labels[out->rows++] = v == 1.0;
		out->positives += v == 1.0;
		p = next;
	}
	(void)trailing_blank;

	if (bad > 0)
		st = GR_UNUSABLE;
	if (out->rows == 0 && bad == 0) {
		st = unusable(problems, "holdout.empty", name, 0,
			      "The holdout must hold one label a line.",
			      "the holdout holds no labels");
	} else if (expected_rows != 0 && out->rows + bad != expected_rows) {
		if (problems_add(problems, PROBLEM_ERROR, "holdout.row_count",
				 name, 0,
				 "The holdout must have exactly one label per row of the test set.",
				 "the holdout has %zu rows; the challenge expects %zu",
				 out->rows + bad, expected_rows) != GR_OK)
			goto nomem;
		st = GR_UNUSABLE;
	}
	if (st == GR_OK &&
	    (out->positives == 0 || out->positives == out->rows))
		st = unusable(problems, "holdout.one_class", name, 0,
			      "An AUC needs both classes; check that this is the right holdout file.",
			      "the holdout holds only one class");
	if (st != GR_OK) {
		holdout_release(out);
		return st;
	}
	return GR_OK;

nomem:
	holdout_release(out);
	return GR_NOMEM;
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
