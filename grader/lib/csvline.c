/*
 * csvline.c: lines and fields.
 *
 * The file is in memory, so the line scanner returns spans of it: nothing
 * is copied, and memchr finds the line ends.  Fields of a line without a
 * quote are spans too (the one-pass path of a plain file).  A line with a
 * quote goes to libcsv, the general CSV reader, set up for one line of one
 * record: strict (CSV_STRICT, CSV_STRICT_FINI), no space trimming (a field
 * keeps its spaces, for the caller to judge), no line ends inside the line
 * (the scanner owns them), and one entry buffer the size of the line
 * (libcsv grows by blk_size, so the buffer never exceeds the line).
 * Reading line by line keeps errors local: an open quote spoils its own
 * line, never the rest of the file.
 */
#include "csvline.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

void
csvline_scanner_init(struct csvline_scanner *s, const char *p, size_t len)
{
	assert(p != NULL || len == 0);
	s->p = p;
	s->end = p + len;
	s->nl = len > 0 ? memchr(p, '\n', len) : NULL;
	s->cr = len > 0 ? memchr(p, '\r', len) : NULL;
	s->no = 0;
}

static void
keep(struct csvline_fields *fs, struct csvline_field f)
{
	if (fs->count < CSVLINE_MAX_FIELDS)
		fs->f[fs->count] = f;
	fs->count++;
}

/* A line without quotes: every field a span of the line. */
static void
split_plain(struct csvline_fields *fs, const char *p, size_t n, char sep)
{
	const char *s, *end = p + n;

	for (;;) {
		struct csvline_field f = { p, 0, 0 };

		s = memchr(p, sep, (size_t)(end - p));
		f.n = (size_t)((s != NULL ? s : end) - p);
		keep(fs, f);
		if (s == NULL)
			break;
		p = s + 1;
	}
}

/*
 * The lenient split, for a line that libcsv refuses: RFC 4180 where it
 * holds, and where it does not, fields as they stand.  A quoted field's
 * text is the span inside its quotes, "" left doubled.
 */
static void
split_lenient(struct csvline_fields *fs, const char *p, size_t n, char sep)
{
	size_t i = 0, j, k;
	const char *s, *q;

	for (;;) {
		struct csvline_field f = { p + i, 0, 0 };

		if (i < n && p[i] == '"') {
			for (j = i + 1;; j += 2) {
				q = memchr(p + j, '"', n - j);
				if (q == NULL)
					break;
				j = (size_t)(q - p);
				if (j + 1 >= n || p[j + 1] != '"')
					break;
			}
			if (q == NULL) {
				fs->unterminated = 1;
				fs->quote_col = i + 1;
				f.n = n - i;
				k = n;
			} else if (j + 1 == n || p[j + 1] == sep) {
				f.p = p + i + 1;
				f.n = j - i - 1;
				f.quoted = 1;
				k = j + 1;
			} else {
				/* Text after the closing quote: the field,
				 * quotes and all, stands as it is. */
				s = memchr(p + j + 1, sep, n - j - 1);
				k = s != NULL ? (size_t)(s - p) : n;
				f.n = k - i;
			}
		} else {
			s = memchr(p + i, sep, n - i);
			k = s != NULL ? (size_t)(s - p) : n;
			f.n = k - i;
		}
		keep(fs, f);
		if (k >= n)
			break;
		i = k + 1;
	}
}

static int
never(unsigned char c)
{
	(void)c;
	return 0;
}

/* libcsv's field callback: the text is copied, its buffer being reused. */
static void
on_field(void *s, size_t len, void *data)
{
	struct csvline_fields *fs = data;

	if (fs->count < CSVLINE_MAX_FIELDS) {
		/* Precondition: csvline_split() reserved the line's length,
		 * which no field's decoded text exceeds. */
		assert(fs->text_len + len <= fs->text_cap);
		if (len > 0)
			memcpy(fs->text + fs->text_len, s, len);
		fs->off[fs->count] = fs->text_len;
		fs->f[fs->count].n = len;
		fs->text_len += len;
	}
	fs->count++;
}

static int
csv_ready(struct csvline_fields *fs, char sep, size_t n)
{
	if (!fs->csv_ready) {
		if (csv_init(&fs->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
			return -1;
		csv_set_space_func(&fs->csv, never);
		csv_set_term_func(&fs->csv, never);
		fs->csv_ready = 1;
		fs->sep = '\0';
	}
	if (fs->sep != sep) {
		csv_set_delim(&fs->csv, (unsigned char)sep);
		fs->sep = sep;
	}
	csv_set_blk_size(&fs->csv, n + 1);
	return 0;
}

/* After an error the parser's state is undefined: start a new one. */
static void
csv_drop(struct csvline_fields *fs)
{
	if (fs->csv_ready)
		csv_free(&fs->csv);
	fs->csv_ready = 0;
}

/*
 * Marks the quoted fields and points the kept ones at their text.  In a
 * line that libcsv read strictly, a field is quoted exactly when it starts
 * with a quote, and it then takes its text's length, two quotes, and one
 * more quote for each quote in the text (written doubled).
 */
static void
locate(struct csvline_fields *fs, const char *p, size_t n)
{
	size_t pos = 0, kept = fs->count < CSVLINE_MAX_FIELDS ?
			       fs->count : CSVLINE_MAX_FIELDS;

	for (size_t i = 0; i < kept; i++) {
		struct csvline_field *f = &fs->f[i];

		f->p = fs->text + fs->off[i];
		f->quoted = pos < n && p[pos] == '"';
		pos += f->n + 1;
		if (f->quoted) {
			pos += 2;
			for (size_t k = 0; k < f->n; k++)
				pos += f->p[k] == '"';
		}
	}
	assert(fs->count > CSVLINE_MAX_FIELDS || pos == n + 1);
	(void)n;
}

/* Reads the line with libcsv.  Returns 0, 1 when libcsv refuses it (in
 * strict mode), or -1 when out of memory. */
static int
split_csv(struct csvline_fields *fs, const char *p, size_t n, char sep)
{
	if (ALLOC_GROW(fs->text, n + 1, fs->text_cap) != 0 ||
	    csv_ready(fs, sep, n) != 0)
		return -1;
	fs->text_len = 0;
	if (csv_parse(&fs->csv, p, n, on_field, NULL, fs) != n) {
		int err = csv_error(&fs->csv);
		csv_drop(fs);
		return err == CSV_EPARSE ? 1 : -1;
	}
	if (csv_fini(&fs->csv, on_field, NULL, fs) != 0) {
		csv_drop(fs);
		return 1;
	}
	locate(fs, p, n);
	return 0;
}

int
csvline_split(struct csvline_fields *fs, const char *p, size_t n, char sep)
{
	int st = 0;

	assert(p != NULL || n == 0);
	assert(sep != '"' && sep != '\0');
	fs->count = 0;
	fs->unterminated = 0;
	fs->quote_col = 0;
	if (memchr(p, '"', n) == NULL) {
		split_plain(fs, p, n, sep);
		return 0;
	}
	st = split_csv(fs, p, n, sep);
	if (st != 0) {
		fs->count = 0;
		split_lenient(fs, p, n, sep);
	}
	return st < 0 ? -1 : 0;
}

void
csvline_fields_release(struct csvline_fields *fs)
{
	if (fs == NULL)
		return;
	csv_drop(fs);
	free(fs->text);
	fs->text = NULL;
	fs->text_len = fs->text_cap = 0;
}
