/*
 * csvline.h: the lines and fields of a CSV file held in memory, read the
 * one way that the results validator and the holdout loader share.
 *
 * Lines end with LF, CRLF, a lone CR (classic Mac OS, Excel's "CSV
 * (Macintosh)"; libcsv reads it the same way), or a run of CRs and then LF
 * (Python's csv module writing through a Windows text-mode file gives
 * CR CR LF), which is one line end, not blank lines.  A final line end does
 * not start a line.
 *
 * Fields: a line without a double quote is split with memchr, every field
 * a span of the line; a line with one is read by libcsv in strict mode
 * (RFC 4180: a quoted field may hold the separator and "" for a quote),
 * fields decoded.  A line that libcsv refuses in strict mode (a quote left
 * open, text after a closing quote, a quote inside an unquoted field) is
 * split leniently instead, so that the caller can say what is wrong with
 * it: an open quote is flagged with its column, and a field with text after
 * its closing quote is returned as it stands, quotes and all, unquoted.
 *
 * Depends on libcsv and grow.
 */
#ifndef GRADER_CSVLINE_H
#define GRADER_CSVLINE_H

#include <csv.h>
#include <stddef.h>
#include <string.h>

struct csvline {
	const char *p;		/* the line, without its line end */
	size_t n;
	long no;		/* 1-based line number */
};

struct csvline_scanner {
	const char *p;		/* start of the next line */
	const char *end;
	const char *nl;		/* next LF at or after p, NULL when none */
	const char *cr;		/* next CR at or after p, NULL when none */
	long no;		/* number of the last line returned */
};

/* Starts a scan of p[0..len). */
void csvline_scanner_init(struct csvline_scanner *s, const char *p,
			  size_t len);

/*
 * Stores the next line in *l and returns 1, or returns 0 at the end.  The
 * scanner may be copied to look ahead.  Inline: it runs once a line on the
 * one-pass path of a plain file, where a call would cost more than the
 * work.  The next LF and CR are remembered, so that a line costs a memchr
 * only where one of them is.
 */
static inline int
csvline_next(struct csvline_scanner *s, struct csvline *l)
{
	const char *p = s->p, *stop, *cr, *q;

	if (p >= s->end)
		return 0;
	if (s->nl != NULL && s->nl < p)
		s->nl = memchr(p, '\n', (size_t)(s->end - p));
	stop = s->nl != NULL ? s->nl : s->end;
	if (s->cr != NULL && s->cr < p)
		s->cr = memchr(p, '\r', (size_t)(s->end - p));
	cr = s->cr != NULL && s->cr < stop ? s->cr : NULL;
	l->p = p;
	if (cr == NULL) {
		l->n = (size_t)(stop - p);
		s->p = stop < s->end ? stop + 1 : stop;
	} else {
		for (q = cr; q < stop && *q == '\r'; q++)
			continue;
		l->n = (size_t)(cr - p);
		if (q == stop && s->nl != NULL)
			s->p = stop + 1;	/* CR... LF */
		else
			s->p = cr + 1;		/* a lone CR */
	}
	l->no = ++s->no;
	return 1;
}

/* Whether the line holds nothing but spaces and tabs.  Inline, for the
 * same reason as csvline_next(). */
static inline int
csvline_is_blank(const struct csvline *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->p[i] != ' ' && l->p[i] != '\t')
			return 0;
	return 1;
}

#define CSVLINE_MAX_FIELDS 8	/* fields kept per line; more are counted */

struct csvline_field {
	const char *p;		/* valid until the next split into the same
				 * struct csvline_fields, or its release */
	size_t n;
	int quoted;		/* the field was in double quotes */
};

/*
 * The fields of one line.  Start from a zeroed struct (or
 * CSVLINE_FIELDS_INIT), reuse it for any number of lines, and release it
 * with csvline_fields_release().
 */
struct csvline_fields {
	struct csvline_field f[CSVLINE_MAX_FIELDS];
	size_t count;		/* every field, also those not kept */
	int unterminated;	/* a quote is not closed on the line */
	size_t quote_col;	/* 1-based column of that quote */

	/* Private: the decoded text of libcsv's fields. */
	char *text;
	size_t text_len, text_cap;
	size_t off[CSVLINE_MAX_FIELDS];
	struct csv_parser csv;
	int csv_ready;
	char sep;
};

#define CSVLINE_FIELDS_INIT { .count = 0 }

/*
 * Splits p[0..n) (one line, no line end) at sep into *fs.  Returns 0, or -1
 * when out of memory: the line is then split leniently, as a line that
 * libcsv refuses is, and *fs is still filled.
 */
int csvline_split(struct csvline_fields *fs, const char *p, size_t n,
		  char sep);

/* Frees what the fields hold; a zeroed struct is a no-op. */
void csvline_fields_release(struct csvline_fields *fs);

#endif
