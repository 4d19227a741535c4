/*
 * results.c: the results validator.
 *
 * A results file is one decimal probability per line.  Lines and fields
 * come from csvline: a line without quotes is split in place, and a line
 * with quotes goes to libcsv in strict mode, a line at a time, so that an
 * open quote spoils its own line and not the rest of the file, and every
 * problem of the file is found in one run, each on its own line.  A plain
 * line of one number never reaches a splitter: it is parsed in one pass.
 *
 * The parse runs in two steps.  A survey of the first lines decides the
 * file's shape: the separator, a header, an index column, both class
 * probabilities, a decimal comma.  A shape that is wrong is reported once,
 * as one diagnosis, and then every line is checked against that shape, so
 * that one mistake gives one clear problem while every other mistake (a nan
 * on line 57) is still found in the same run.
 *
 * Numbers go through number_parse(), which never follows the locale.
 */
#include "results.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvline.h"
#include "grow.h"
#include "number.h"

#define SAMPLE_LINES	200	/* lines the survey looks at */
#define MAX_DISTINCT	10	/* "fewer than ten distinct values" */
#define NUMBER_TEXT	128	/* a decimal comma rebuilt on the stack */
#define SHOW_TEXT	40	/* longest field quoted in a message */

/*
 * Two columns are "both class probabilities" when they sum to 1 on every
 * line, allowing for values rounded to two decimals each.
 */
#define TWO_CLASS_TOLERANCE 0.011

static const char HINT_PANDAS[] =
    "Write only the probabilities, one per line: "
    "pd.Series(p).to_csv(\"results1.csv\", index=False, header=False).";

enum shape_kind {
	SHAPE_PLAIN,		/* one value per line: the good shape */
	SHAPE_DECIMAL_COMMA,	/* 0,25 read by a CSV reader as 0 and 25 */
	SHAPE_INDEX,		/* an index column and the values */
	SHAPE_TWO_CLASS,	/* both class probabilities (maybe indexed) */
	SHAPE_COLUMNS,		/* some other number of columns */
};

struct shape {
	enum shape_kind kind;
	char sep;		/* ',', ';', '\t' or ' ' */
	size_t ncols;		/* fields on a line */
	size_t value_col;	/* the field that holds the probability */
	int header;		/* line 1 is a header, not a row */
	int index;		/* the first column is an index */
	int r_style;		/* R's write.csv: quoted header and row names */
	int comma_decimals;	/* values may use a decimal comma (sep ';') */
	int saw_comma;		/* and some do */
	long first_data_line;	/* first line that is a row, 0 if none */
	int one_line;		/* the whole file is one line of values */
	int wrapped;		/* one vector wrapped over lines of ncols */
	int numpy_18e;		/* the values are in numpy's %.18e */
	int quoted_header;	/* every name of line 1 is in double quotes */
	int comment_header;	/* line 1 is a '#' line: np.savetxt(header=) */
	int r_table;		/* R's write.table(): row names, spaces */
	int r_quoted;		/* and its row names are quoted */
	int named_index;	/* the header names the index: an id column */
	char index_name[SHOW_TEXT + 8];	/* that name */
	char value_name[SHOW_TEXT + 8];	/* the values column's name */
	int printed;		/* a printed array: [0.12 0.87 ...] */
	int printed_r;		/* R's print(): [1] 0.12 0.87 */
	int printed_list;	/* a list: [0.12, 0.87] */
	int printed_2d;		/* numpy's 2-D print: [[0.09 0.91] */
	int elided;		/* numpy's "..." for values left out */
};

/* An out-of-range value, kept until the percent diagnosis is decided. */
struct range_note {
	long line;
	double v;
	int overflow;
	char text[SHOW_TEXT + 8];
};

struct ctx {
	const char *file;
	struct problem_list *problems;
	size_t expected_rows;
	size_t max_line;
	struct results_file *out;
	size_t cap;		/* doubles allocated in out->values */
	struct shape shape;
	struct csvline_fields fields;	/* the line being looked at */
	struct csvline_fields header;	/* line 1, kept by the survey */

	size_t rows;		/* rows so far (blank and bad ones too) */
	size_t blank_rows;
	size_t pending_blank;	/* blank lines not yet known to be inside */
	long first_pending;
	int blank_kind_known;	/* blank_missing is decided */
	int blank_missing;	/* blank lines stand for missing values */
	const struct csvline_scanner *scanner;	/* after the line being checked */
	long short_line;	/* a short line of a wrapped vector, if last */
	size_t short_count;	/* its number of fields */
	char line1[SHOW_TEXT + 8];	/* line 1, shown in the row count hint */
	int line1_is_zero;

	/* Values that parsed and lie in [0, 1]. */
	size_t nvalues;
	size_t value_errors;
	double distinct[MAX_DISTINCT];
	size_t ndistinct;
	int only_labels;

	/* Values outside [0, 1]. */
	struct range_note range[PROBLEMS_PER_KIND];
	size_t nrange;
	size_t above_one, negative, above_hundred;
	long first_above_one;
	double max_above_one;
};

static void report(struct ctx *, enum problem_severity, const char *, long,
		   const char *, const char *, ...)
	__attribute__((format(printf, 6, 7)));

static void
report(struct ctx *c, enum problem_severity sev, const char *code, long line,
       const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)problems_addv(c->problems, sev, code, c->file, line, hint, fmt,
			    ap);
	va_end(ap);
}

/* Splits a line into *fs (c->fields or c->header) at sep. */
static const struct csvline_fields *
split(struct ctx *c, struct csvline_fields *fs, const struct csvline *l,
      char sep)
{
	if (csvline_split(fs, l->p, l->n, sep) != 0)
		problems_nomem(c->problems);
	return fs;
}

/* Writes n with thousands separators ("10,001"), whatever the locale. */
static const char *
group(size_t n, char buf[32])
{
	char digits[24];
	int len, out = 0;

	len = snprintf(digits, sizeof digits, "%zu", n);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
	return buf;
}

/*
 * Copies a field into buf for a message: at most SHOW_TEXT bytes, with
 * bytes that are not printable ASCII written as \xNN, so that a message
 * never carries control characters or broken UTF-8 to a terminal or a JSON
 * writer.
 */
static const char *
show(const char *p, size_t n, char *buf, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (o + 8 >= size || i >= SHOW_TEXT) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (ch >= 0x20 && ch < 0x7f && ch != '\\') {
			buf[o++] = (char)ch;
		} else {
			snprintf(buf + o, size - o, "\\x%02X", ch);
			o += 4;
		}
	}
	buf[o] = '\0';
	return buf;
}

static const char *
sep_name(char sep)
{
	return sep == '\t' ? "tabs" : sep == ' ' ? "spaces" :
	       sep == ';' ? "';'" : "','";
}

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* R writes NA, Python None, JSON null: all mean a missing prediction. */
static int
is_missing_word(const char *p, size_t n)
{
	static const char *const words[] = {
		"NA", "N/A", "na", "n/a", "null", "NULL", "Null", "None",
		"none", "NaT", "missing", "#N/A", "#NUM!", "#VALUE!",
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && memcmp(words[i], p, n) == 0)
			return 1;
	return 0;
}

/*
 * A field that reads as a column name: it starts like a word, not like a
 * number, and it is neither nan, inf nor a missing-value marker (those are
 * values, reported as such).
 */
static int
field_is_text(const struct csvline_field *f)
{
	double v;
	char ch;

	if (f->n == 0)
		return 0;
	ch = f->p[0];
	if (is_digit(ch) || ch == '.' || ch == '+' || ch == '-' || ch == ' ' ||
	    ch == '\t')
		return 0;
	if (is_missing_word(f->p, f->n))
		return 0;
	return number_parse(f->p, f->n, &v) == NUMBER_JUNK;
}

static int
fields_have_text(const struct csvline_fields *fs)
{
	size_t n = fs->count < CSVLINE_MAX_FIELDS ? fs->count : CSVLINE_MAX_FIELDS;

	for (size_t i = 0; i < n; i++)
		if (field_is_text(&fs->f[i]))
			return 1;
	return 0;
}

/* Reads an unsigned integer field ("17" or "\"17\""); returns 0 if not. */
static int
field_integer(const struct csvline_field *f, unsigned long long *out)
{
	unsigned long long v = 0;

	if (f->n == 0 || f->n > 18)
		return 0;
	for (size_t i = 0; i < f->n; i++) {
		if (!is_digit(f->p[i]))
			return 0;
		v = v * 10 + (unsigned long long)(f->p[i] - '0');
	}
	*out = v;
	return 1;
}

/*
 * Parses a field as a number, reading a decimal comma as a point when
 * comma_ok; a second field frac, when given, is the part after a decimal
 * comma that a CSV reader split off ("0,25" read as "0" and "25").  A value
 * below the normal double range comes back as NUMBER_UNDERFLOW with its
 * nearest double in *v, whatever the length of its text.  The text is
 * rebuilt in buf, or on the heap when longer; without memory the field
 * reads as NUMBER_JUNK, as in number_parse().
 */
static enum number_status
parse_number(const struct csvline_field *f, const struct csvline_field *frac, int comma_ok,
	     double *v)
{
	char buf[NUMBER_TEXT], *text;
	const char *comma = NULL;
	enum number_status st;
	size_t n;

	if (frac == NULL && comma_ok)
		comma = memchr(f->p, ',', f->n);
	if (frac == NULL && comma == NULL)
		return number_parse(f->p, f->n, v);
	n = frac != NULL ? f->n + 1 + frac->n : f->n;
	text = n <= sizeof buf ? buf : malloc(n);
	if (text == NULL)
		return NUMBER_JUNK;
	memcpy(text, f->p, f->n);
	if (frac != NULL) {
		text[f->n] = '.';
		memcpy(text + f->n + 1, frac->p, frac->n);
	} else {
		text[comma - f->p] = '.';
	}
	st = number_parse(text, n, v);
	if (text != buf)
		free(text);
	return st;
}

/* "0,25" as a CSV reader sees it: "0" and "25", unquoted. */
static int
looks_decimal_comma(const struct csvline_fields *fs)
{
	const struct csvline_field *a = &fs->f[0], *b = &fs->f[1];
	size_t i;

	if (fs->count != 2 || a->quoted || b->quoted)
		return 0;
	if (!((a->n == 1 && (a->p[0] == '0' || a->p[0] == '1')) ||
	      (a->n == 2 && a->p[0] == '-' && a->p[1] == '0')))
		return 0;
	for (i = 0; i < b->n && is_digit(b->p[i]); i++)
		continue;
	if (i == 0)
		return 0;
	if (i < b->n && (b->p[i] == 'e' || b->p[i] == 'E')) {
		i++;
		if (i < b->n && (b->p[i] == '+' || b->p[i] == '-'))
			i++;
		if (i == b->n)
			return 0;
		while (i < b->n && is_digit(b->p[i]))
			i++;
	}
	return i == b->n;
}

/* Stores the value of a row: the row just counted, or the one about to be. */
static void
store(struct ctx *c, size_t row, double v)
{
	assert(row + 1 == c->rows || row == c->rows);
	if (row >= c->cap) {
		/* With a fixed row count, rows past it are only counted. */
		if (c->expected_rows > 0 || c->problems->nomem)
			return;
		if (ALLOC_GROW(c->out->values, row + 1, c->cap) != 0) {
			problems_nomem(c->problems);
			return;
		}
	}
	c->out->values[row] = v;
}

static void reject_row(struct ctx *, size_t, const char *, long,
		       const char *, const char *, ...)
	__attribute__((format(printf, 6, 7)));

/* A row that gives no value: 0 is stored in its place (the file is
 * invalid, so it is never scored) and the error says why. */
static void
reject_row(struct ctx *c, size_t row, const char *code, long line,
	   const char *hint, const char *fmt, ...)
{
	va_list ap;

	store(c, row, 0.0);
	va_start(ap, fmt);
	(void)problems_addv(c->problems, PROBLEM_ERROR, code, c->file, line,
			    hint, fmt, ap);
	va_end(ap);
}

static void
note_value(struct ctx *c, double v)
{
	size_t i;

	c->nvalues++;
	if (v != 0.0 && v != 1.0)
		c->only_labels = 0;
	if (c->ndistinct < MAX_DISTINCT) {
		for (i = 0; i < c->ndistinct; i++)
			if (c->distinct[i] == v)
				break;
		if (i == c->ndistinct)
			c->distinct[c->ndistinct++] = v;
	}
}

static void
note_out_of_range(struct ctx *c, long line, double v, int overflow,
		  const struct csvline_field *f)
{
	if (c->nrange < PROBLEMS_PER_KIND) {
		struct range_note *r = &c->range[c->nrange];
		r->line = line;
		r->v = v;
		r->overflow = overflow;
		show(f->p, f->n, r->text, sizeof r->text);
	}
	c->nrange++;
	c->value_errors++;
	if (overflow || v > 100.0)
		c->above_hundred++;
	else if (v < 0.0)
		c->negative++;
	if (!overflow && v > 1.0) {
		c->above_one++;
		if (c->first_above_one == 0)
			c->first_above_one = line;
		if (v > c->max_above_one)
			c->max_above_one = v;
	}
	/* Percentages are in [0, 100]: they count as values for the check
	 * that decides between "percent" and "out of range". */
	c->nvalues++;
}

/*
 * Explains a field that is not a number.  For trailing junk ("1e5x"), the
 * message names what follows the number.
 */
static void
report_not_a_number(struct ctx *c, long line, const struct csvline_field *f)
{
	char text[SHOW_TEXT + 8], tail[SHOW_TEXT + 8], hint[96];
	size_t i = 0, digits = 0;

	show(f->p, f->n, text, sizeof text);
	if (memchr(f->p, ';', f->n) != NULL) {
		report(c, PROBLEM_ERROR, "csv.semicolon", line,
		       "Write one probability per line with '.' as the "
		       "decimal point and no ';'.",
		       "'%s' contains ';': a results file has one value per "
		       "line and no ';'", text);
		return;
	}
	if (memchr(f->p, '\t', f->n) != NULL) {
		report(c, PROBLEM_ERROR, "csv.columns", line,
		       "Write one probability per line, with no other columns.",
		       "'%s' contains a tab: it looks like several "
		       "tab-separated columns", text);
		return;
	}
	/* The longest prefix that is a decimal number. */
	if (i < f->n && (f->p[i] == '+' || f->p[i] == '-'))
		i++;
	while (i < f->n && is_digit(f->p[i])) {
		i++;
		digits++;
	}
	if (i < f->n && f->p[i] == '.')
		for (i++; i < f->n && is_digit(f->p[i]); i++)
			digits++;
	if (digits > 0 && i < f->n && (f->p[i] == 'e' || f->p[i] == 'E')) {
		size_t j = i + 1;
		if (j < f->n && (f->p[j] == '+' || f->p[j] == '-'))
			j++;
		if (j < f->n && is_digit(f->p[j])) {
			while (j < f->n && is_digit(f->p[j]))
				j++;
			i = j;
		}
	}
	/*
	 * A number, spaces, and another value: several values on the line,
	 * not junk after one.  Removing "what follows" would keep the first
	 * of them, the wrong one for both class probabilities.
	 */
	if (digits > 0 && i < f->n && f->p[i] == ' ') {
		size_t j = i;
		while (j < f->n && f->p[j] == ' ')
			j++;
		if (j < f->n && (is_digit(f->p[j]) || f->p[j] == '.' ||
				 f->p[j] == '-' || f->p[j] == '"')) {
			report(c, PROBLEM_ERROR, "csv.columns", line,
			       "Write one probability per line, with no other "
			       "columns.",
			       "'%s' holds several values separated by spaces; "
			       "expected one value", text);
			return;
		}
	}
	if (digits > 0 && i < f->n) {
		show(f->p + i, f->n - i, tail, sizeof tail);
		snprintf(hint, sizeof hint, "Remove '%s' after the number.",
			 tail);
		report(c, PROBLEM_ERROR, "csv.not_a_number", line, hint,
		       "'%s' is not a number: '%s' follows the number",
		       text, tail);
		return;
	}
	report(c, PROBLEM_ERROR, "csv.not_a_number", line,
	       "Write a decimal probability such as 0.25.",
	       "'%s' is not a number", text);
}

/*
 * The values that are numbers in a form a results file does not take: one
 * problem each, all worded "'TEXT' <why>".  Spaces are refused with a hint
 * rather than skipped, because no CSV writer adds them by default (they
 * come from hand edits or fixed-width printf), and a results file keeps
 * one exact form, the one that the holdout loader and other tools read too.
 */
static const struct {
	enum number_status st;
	const char *code, *hint, *why;
} FORMS[] = {
	{ NUMBER_INF, "csv.inf", "Write probabilities in [0, 1].",
	  "is infinite; values must be probabilities in [0, 1]" },
	{ NUMBER_HEX, "csv.hex_float",
	  "Write decimals such as 0.125, not float.hex() output.",
	  "is a hexadecimal float" },
	{ NUMBER_DECIMAL_COMMA, "csv.decimal_comma",
	  "Write the decimal point as '.' (0.25, not 0,25).",
	  "uses a decimal comma" },
	{ NUMBER_SPACES, "csv.spaces", "Remove the spaces around the value.",
	  "has spaces around the value" },
};

static void
report_form(struct ctx *c, long line, const char *text,
	    enum number_status st)
{
	size_t i;

	for (i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++)
		if (FORMS[i].st == st)
			break;
	/* Precondition: st is one of FORMS. */
	assert(i < sizeof FORMS / sizeof FORMS[0]);
	report(c, PROBLEM_ERROR, FORMS[i].code, line, FORMS[i].hint,
	       "'%s' %s", text, FORMS[i].why);
}

/*
 * Explains a field that does not hold a number in [0, 1] (st is what
 * parse_number() said of it, neither NUMBER_OK nor NUMBER_UNDERFLOW).
 */
static void
report_bad_value(struct ctx *c, long line, const struct csvline_field *f,
		 enum number_status st)
{
	char text[SHOW_TEXT + 8];

	assert(st != NUMBER_OK && st != NUMBER_UNDERFLOW);
	c->value_errors++;
	show(f->p, f->n, text, sizeof text);
	switch (st) {
	case NUMBER_EMPTY:
		/*
		 * pandas writes NaN as an empty field: "" on a line of its
		 * own (Python's csv module quotes a lone empty field), and
		 * "3," after an index.
		 */
		if (f->n == 0)
			report(c, PROBLEM_ERROR, "csv.empty_value", line,
			       "Every row needs a probability: fill the missing "
			       "predictions before writing (np.nan_to_num, or a "
			       "default probability).",
			       "%s: a missing prediction (pandas writes NaN as "
			       "an empty value)",
			       f->quoted ? "empty value (\"\")" : "empty value");
		else
			report(c, PROBLEM_ERROR, "csv.empty_value", line,
			       "Write a probability on every line.",
			       "the value is only spaces");
		break;
	case NUMBER_NAN:
		report(c, PROBLEM_ERROR, "csv.nan", line,
		       "Every row needs a probability: fill the missing "
		       "predictions (np.nan_to_num, or a default probability).",
		       "'%s' is not a number: a missing prediction", text);
		break;
	case NUMBER_INF:
	case NUMBER_HEX:
	case NUMBER_DECIMAL_COMMA:
	case NUMBER_SPACES:
		report_form(c, line, text, st);
		break;
	case NUMBER_JUNK:
		if (is_missing_word(f->p, f->n))
			report(c, PROBLEM_ERROR, "csv.nan", line,
			       "Every row needs a probability: fill the "
			       "missing predictions.",
			       "'%s' is not a number: a missing prediction",
			       text);
		else
			report_not_a_number(c, line, f);
		break;
	default:
		report_not_a_number(c, line, f);
		break;
	}
}

/*
 * Checks one value field and stores its value in the row.  frac is the part
 * after a decimal comma in SHAPE_DECIMAL_COMMA, else NULL.
 */
static void
check_value(struct ctx *c, long line, size_t row, const struct csvline_field *f,
	    const struct csvline_field *frac)
{
	double v = 0.0;
	enum number_status st;
	int comma_ok = c->shape.comma_decimals ||
		       c->shape.kind == SHAPE_DECIMAL_COMMA;

	st = parse_number(f, frac, comma_ok, &v);
	if (st == NUMBER_UNDERFLOW) {
		/*
		 * Below the normal double range (1e-400, 4.9e-324, or 0.000...
		 * written in full): a probability, accepted and rounded to the
		 * nearest double like every other value (a subnormal, or 0).
		 * numpy writes subnormals when a model outputs them (a sigmoid
		 * of a very negative logit), so refusing them would refuse
		 * files that numpy wrote from real models.  A negative one,
		 * -1e-400, is -0: that is 0.
		 */
		if (v < 0.0)
			v = 0.0;
		st = NUMBER_OK;
	}
	if (st == NUMBER_OK) {
		if (v < 0.0 || v > 1.0) {
			note_out_of_range(c, line, v, 0, f);
			v = 0.0;
		} else {
			note_value(c, v);
		}
		store(c, row, v);
		return;
	}
	store(c, row, 0.0);
	if (st == NUMBER_OVERFLOW)
		note_out_of_range(c, line, 0.0, 1, f);
	else
		report_bad_value(c, line, f, st);
}

/*
 * Rows from the scanner's position to the end of the file, counted as
 * results_parse() counts them: every line, less one blank line at the end.
 */
static size_t
rows_ahead(const struct csvline_scanner *rest)
{
	struct csvline_scanner s = *rest;
	struct csvline l;
	size_t n = 0, trailing = 0;

	while (csvline_next(&s, &l)) {
		n++;
		trailing = csvline_is_blank(&l) ? trailing + 1 : 0;
	}
	return trailing > 0 ? n - 1 : n;
}

/*
 * Counts n blank lines as rows and reports each.  A blank line is a
 * missing prediction when, with the blank lines counted, the file has the
 * expected number of rows (a writer that prints a missing value as
 * nothing); otherwise it is a stray line that shifts the rows after it.
 * Which one is decided once, at the first blank line, by counting the
 * rows still ahead (rest, NULL at the end of the file): files without
 * blank lines never pay for it.
 */
static void
flush_blank_rows(struct ctx *c, size_t n, const struct csvline_scanner *rest)
{
	char a[32];

	if (!c->blank_kind_known) {
		size_t total = c->rows + n;

		if (rest != NULL)
			total += 1 + rows_ahead(rest);
		c->blank_missing = c->expected_rows > 0 &&
				   total == c->expected_rows;
		c->blank_kind_known = 1;
	}
	for (size_t i = 0; i < n; i++) {
		store(c, c->rows, 0.0);
		c->rows++;
		c->blank_rows++;
		if (c->blank_missing)
			report(c, PROBLEM_ERROR, "csv.blank_line",
			       c->first_pending + (long)i,
			       "Write a probability on this line: every row "
			       "needs one (fill missing predictions before "
			       "writing, e.g. np.nan_to_num).",
			       "blank line: a missing prediction (with it, the "
			       "file has the expected %s rows)",
			       group(c->expected_rows, a));
		else
			report(c, PROBLEM_ERROR, "csv.blank_line",
			       c->first_pending + (long)i,
			       "Remove the blank line; if it stands for a "
			       "missing prediction, fill it in.",
			       "blank line: every row after it is shifted by "
			       "one");
	}
	c->pending_blank = 0;
}

static void
report_short_line(struct ctx *c, long line, size_t count)
{
	report(c, PROBLEM_ERROR, "csv.columns", line,
	       "Write one probability per line, with no other columns.",
	       "%zu fields; the other lines have %zu", count, c->shape.ncols);
}

/* A line of several fields in a file of one value a line. */
static void
report_plain_fields(struct ctx *c, const struct csvline *l,
		    const struct csvline_fields *fs)
{
	char text[SHOW_TEXT + 8];

	if (looks_decimal_comma(fs))
		report(c, PROBLEM_ERROR, "csv.decimal_comma", l->no,
		       "Write the decimal point as '.' (0.25, not 0,25).",
		       "'%s' uses a decimal comma",
		       show(l->p, l->n, text, sizeof text));
	else
		report(c, PROBLEM_ERROR, "csv.columns", l->no,
		       "Write one probability per line, with no other "
		       "columns.",
		       "%zu fields separated by %s; expected one value",
		       fs->count, sep_name(c->shape.sep));
}

/*
 * Checks a line that is not one plain value against the file's shape, and
 * its value field.  row is its row, already counted.
 */
static void
check_fields(struct ctx *c, const struct csvline *l, size_t row)
{
	const struct shape *sh = &c->shape;
	const struct csvline_fields *fs;
	const char *nul;

	if (c->short_line != 0) {
		report_short_line(c, c->short_line, c->short_count);
		c->short_line = 0;
	}
	if ((nul = memchr(l->p, '\0', l->n)) != NULL) {
		reject_row(c, row, "csv.nul_byte", l->no,
		       "Save the file as plain text (CSV), not in a binary "
		       "or UTF-16 format.",
		       "NUL byte at column %zu", (size_t)(nul - l->p) + 1);
		return;
	}
	fs = split(c, &c->fields, l, sh->sep);
	if (fs->unterminated) {
		reject_row(c, row, "csv.unterminated_quote", l->no,
		       "Close the quote or remove it.",
		       "the '\"' at column %zu is not closed on this line",
		       fs->quote_col);
		return;
	}

	switch (sh->kind) {
	case SHAPE_PLAIN:
		if (fs->count == 1)
			break;
		store(c, row, 0.0);
		report_plain_fields(c, l, fs);
		return;
	case SHAPE_DECIMAL_COMMA:
		if (fs->count == 1)
			break;
		if (fs->count == 2) {
			check_value(c, l->no, row, &fs->f[0], &fs->f[1]);
			return;
		}
		reject_row(c, row, "csv.columns", l->no,
		       "Write one probability per line, with no other columns.",
		       "%zu fields separated by ','; expected one value",
		       fs->count);
		return;
	case SHAPE_INDEX:
	case SHAPE_TWO_CLASS:
	case SHAPE_COLUMNS:
		if (fs->count == sh->ncols && sh->kind != SHAPE_COLUMNS)
			break;
		store(c, row, 0.0);
		if (fs->count < sh->ncols && sh->wrapped) {
			/* The end of the vector, if no line follows. */
			c->short_line = l->no;
			c->short_count = fs->count;
		} else if (fs->count != sh->ncols) {
			report_short_line(c, l->no, fs->count);
		}
		return;
	}
	/* Precondition: the shape's value column is a kept field of a line
	 * of ncols fields. */
	assert(sh->value_col < fs->count && sh->value_col < CSVLINE_MAX_FIELDS);
	check_value(c, l->no, row, &fs->f[sh->value_col], NULL);
}

static void
check_line(struct ctx *c, const struct csvline *l)
{
	const struct shape *sh = &c->shape;
	char a[32], b[32];
	size_t row;
	double v;

	if (l->no == 1 && sh->header)
		return;
	if (csvline_is_blank(l)) {
		if (c->pending_blank++ == 0)
			c->first_pending = l->no;
		return;
	}
	if (c->pending_blank > 0)
		flush_blank_rows(c, c->pending_blank, c->scanner);
	row = c->rows++;

	if (c->max_line > 0 && l->n > c->max_line) {
		reject_row(c, row, "csv.line_too_long", l->no,
		       "Write one probability per line.",
		       "line of %s bytes; the limit is %s",
		       group(l->n, a), group(c->max_line, b));
		return;
	}
	/*
	 * The common line of a plain file is one decimal probability: taken
	 * here in one pass.  It is what check_fields() would make of it; anything else (quotes, separators, NUL, values
	 * outside [0, 1], underflow) goes the whole way below.
	 */
	if (sh->kind == SHAPE_PLAIN &&
	    number_parse(l->p, l->n, &v) == NUMBER_OK && v >= 0.0 &&
	    v <= 1.0) {
		note_value(c, v);
		store(c, row, v);
		return;
	}
	check_fields(c, l, row);
}

/* numpy's default np.savetxt() format, %.18e: 2.500000000000000000e-01. */
static int
is_numpy_18e(const struct csvline_field *f)
{
	const char *s = f->p;
	size_t n = f->n, i = 0, k;

	if (n > 0 && s[0] == '-')
		i = 1;
	/* d.dddddddddddddddddde+dd, 24 characters, or 25 for e-310. */
	if (n - i != 24 && n - i != 25)
		return 0;
	if (!is_digit(s[i]) || s[i + 1] != '.')
		return 0;
	for (k = i + 2; k < i + 20; k++)
		if (!is_digit(s[k]))
			return 0;
	if (s[i + 20] != 'e' || (s[i + 21] != '+' && s[i + 21] != '-'))
		return 0;
	for (k = i + 22; k < n; k++)
		if (!is_digit(s[k]))
			return 0;
	return 1;
}

/*
 * A line of values separated by single spaces, as np.savetxt() and R's
 * write.table() and write() write them: two fields or more, each a number
 * (or nan, NA), or a quoted name such as R's row names, and at least one
 * unquoted number.  A lone value with spaces around it is not one: its
 * empty fields are no numbers.  *values counts the unquoted numbers seen
 * and *e18 those in numpy's %.18e.
 */
static int
is_spaced_values(struct ctx *c, const struct csvline *l, size_t *values,
		 size_t *e18)
{
	const struct csvline_fields *fs;
	size_t n, numbers = 0, i;
	double v;

	if (memchr(l->p, ' ', l->n) == NULL || memchr(l->p, ',', l->n) != NULL)
		return 0;
	fs = split(c, &c->fields, l, ' ');
	if (fs->count < 2 || fs->unterminated)
		return 0;
	n = fs->count < CSVLINE_MAX_FIELDS ? fs->count : CSVLINE_MAX_FIELDS;
	for (i = 0; i < n; i++) {
		const struct csvline_field *f = &fs->f[i];

		if (f->quoted)
			continue;
		switch (number_parse(f->p, f->n, &v)) {
		case NUMBER_OK:
		case NUMBER_UNDERFLOW:
		case NUMBER_OVERFLOW:
			numbers++;
			break;
		case NUMBER_NAN:
		case NUMBER_INF:
			break;
		default:
			if (!is_missing_word(f->p, f->n))
				return 0;
		}
	}
	if (numbers == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!fs->f[i].quoted) {
			(*values)++;
			*e18 += is_numpy_18e(&fs->f[i]);
		}
	return 1;
}

/*
 * A printed array: numpy's str() or print() ("[0.12 0.87 ...", wrapped
 * over lines, "[[...]]" for two columns), R's print() ("[1] 0.12 0.87"),
 * or a Python list or JSON array ("[0.12, 0.87]").
 */
static int
is_printed_array(const struct csvline *l)
{
	size_t i = 0;

	while (i < l->n && l->p[i] == ' ')
		i++;
	return i < l->n && l->p[i] == '[';
}

/*
 * The first lines of the file, which decide its shape.  Lines that are
 * blank, too long, or hold NUL bytes say nothing about the shape and are
 * left out.
 */
struct sample {
	struct csvline line[SAMPLE_LINES];
	size_t n;
	size_t seen;		/* lines with content, up to the sample's end */
	int more;		/* lines with content follow the sample */
	size_t semicolons, tabs;	/* lines that hold one */
	const struct csvline *line1;	/* line 1, when in the sample */
};

static void
take_sample(struct ctx *c, struct sample *sm, const char *p, const char *end)
{
	struct csvline_scanner sc;
	struct csvline l;

	csvline_scanner_init(&sc, p, (size_t)(end - p));
	while (csvline_next(&sc, &l)) {
		if (csvline_is_blank(&l))
			continue;
		sm->seen++;
		if (c->max_line > 0 && l.n > c->max_line)
			continue;
		if (memchr(l.p, '\0', l.n) != NULL)
			continue;
		if (sm->n == SAMPLE_LINES) {
			sm->more = 1;
			break;
		}
		if (l.no == 1)
			sm->line1 = &sm->line[sm->n];
		sm->line[sm->n++] = l;
		if (memchr(l.p, ';', l.n) != NULL)
			sm->semicolons++;
		if (memchr(l.p, '\t', l.n) != NULL)
			sm->tabs++;
		if (memchr(l.p, ',', l.n) != NULL)
			c->shape.saw_comma = 1;
	}
}

/* Whether sample line i is a row (not the header). */
static int
is_row(const struct ctx *c, const struct sample *sm, size_t i)
{
	return !(sm->line[i].no == 1 && c->shape.header);
}

/*
 * A printed array is one diagnosis for the whole file: its lines are no
 * rows, and "[0.12" is no value.  Returns whether the file is one.
 */
static int
detect_printed(struct ctx *c, const struct sample *sm)
{
	struct shape *sh = &c->shape;
	const struct csvline *s0 = &sm->line[0];

	if (!is_printed_array(s0))
		return 0;
	sh->printed = 1;
	sh->first_data_line = s0->no;
	show(s0->p, s0->n, c->line1, sizeof c->line1);
	sh->printed_r = s0->n >= 3 && memcmp(s0->p, "[1]", 3) == 0;
	sh->printed_list = sh->saw_comma;
	sh->printed_2d = memmem(s0->p, s0->n, "[[", 2) != NULL;
	for (size_t i = 0; i < sm->n && !sh->elided; i++)
		sh->elided = memmem(sm->line[i].p, sm->line[i].n, "...",
				    3) != NULL;
	return 1;
}

/*
 * The separator.  ';' goes with decimal commas.  A tab-separated file is
 * read with its own separator, so that its columns are diagnosed like
 * those of a comma-separated one; so is a file of values separated by
 * spaces (np.savetxt() of two columns, R's write.table() and write()).
 */
static void
detect_separator(struct ctx *c, const struct sample *sm)
{
	struct shape *sh = &c->shape;
	size_t spaced = 0, values = 0, e18 = 0;

	if (sm->semicolons * 2 > sm->n) {
		sh->sep = ';';
		sh->comma_decimals = 1;
		return;
	}
	if (sm->tabs * 2 > sm->n) {
		sh->sep = '\t';
		return;
	}
	for (size_t i = 0; i < sm->n; i++)
		spaced += (size_t)is_spaced_values(c, &sm->line[i], &values,
						   &e18);
	if (spaced * 2 > sm->n) {
		sh->sep = ' ';
		sh->numpy_18e = e18 == values;
	}
}

/*
 * A header: line 1 reads as names while most other lines do not.  R quotes
 * every name, so a line 1 of two or more quoted names over unquoted values
 * is a header too, even when the names read as numbers (caret's class
 * probabilities "0","1").  One quoted value over unquoted ones stays a
 * value.  Line 1's fields stay in c->header.
 */
static void
detect_header(struct ctx *c, const struct sample *sm)
{
	struct shape *sh = &c->shape;
	const struct csvline_fields *h, *fs;
	size_t data = 0, text = 0, empty_first = 0, quoted_values = 0, i, k;
	int quoted_names;

	if (sm->line1 == NULL)
		return;
	h = split(c, &c->header, sm->line1, sh->sep);
	quoted_names = !h->unterminated;
	for (i = 0; i < h->count && i < CSVLINE_MAX_FIELDS; i++)
		if (!h->f[i].quoted)
			quoted_names = 0;
	for (i = 0; i < sm->n; i++) {
		if (sm->line[i].no == 1)
			continue;
		fs = split(c, &c->fields, &sm->line[i], sh->sep);
		data++;
		/* R quotes row names: the first of several fields. */
		for (k = fs->count >= 2 ? 1 : 0;
		     k < fs->count && k < CSVLINE_MAX_FIELDS; k++)
			if (fs->f[k].quoted) {
				quoted_values++;
				break;
			}
		if (fs->unterminated)
			continue;
		text += (size_t)fields_have_text(fs);
		empty_first += fs->count >= 2 && fs->f[0].n == 0;
	}
	if (h->unterminated || text * 2 > data ||
	    !(fields_have_text(h) ||
	      (h->count >= 2 && h->f[0].n == 0 && data > 0 &&
	       empty_first * 2 < data) ||
	      (quoted_names && h->count >= 2 && data > 0 &&
	       quoted_values == 0)))
		return;
	sh->header = 1;
	sh->quoted_header = quoted_names;
	sh->comment_header = sm->line1->p[0] == '#';
	sh->r_style = sh->sep != ' ' && quoted_names && h->count >= 2 &&
		      h->f[0].n == 0;
}

/*
 * The number of columns: the most common count of fields on a row, the
 * smaller on a tie.  Sets first_data_line too.
 */
static void
detect_columns(struct ctx *c, const struct sample *sm)
{
	struct shape *sh = &c->shape;
	size_t counts_n[SAMPLE_LINES], counts_c[SAMPLE_LINES], ncounts = 0;
	size_t i, k;

	for (i = 0; i < sm->n; i++) {
		if (!is_row(c, sm, i))
			continue;
		if (sh->first_data_line == 0)
			sh->first_data_line = sm->line[i].no;
		split(c, &c->fields, &sm->line[i], sh->sep);
		for (k = 0; k < ncounts; k++)
			if (counts_n[k] == c->fields.count)
				break;
		if (k == ncounts) {
			counts_n[ncounts] = c->fields.count;
			counts_c[ncounts++] = 0;
		}
		counts_c[k]++;
	}
	if (ncounts == 0)
		return;
	for (i = 1, sh->ncols = counts_n[0]; i < ncounts; i++)
		if (counts_c[i] > counts_c[0] ||
		    (counts_c[i] == counts_c[0] && counts_n[i] < sh->ncols)) {
			counts_c[0] = counts_c[i];
			sh->ncols = counts_n[i];
		}
}

/* What detect_index() counts over the rows. */
struct index_scan {
	size_t ints;		/* rows whose first field is an integer */
	size_t quoted0;		/* of them, quoted (R's row names) */
	size_t two;		/* rows of two fields */
	size_t decimal;		/* of them, "0,25" split in two */
};

/*
 * An index column: integers in the first column, counting up from 0 or 1,
 * or ids larger than any probability.
 */
static void
detect_index(struct ctx *c, const struct sample *sm, struct index_scan *ix)
{
	struct shape *sh = &c->shape;
	const struct csvline_fields *fs;
	unsigned long long first = 0, v;
	size_t lines = 0, seq = 0, big = 0;

	for (size_t i = 0; i < sm->n; i++) {
		if (!is_row(c, sm, i))
			continue;
		fs = split(c, &c->fields, &sm->line[i], sh->sep);
		if (fs->count == 2) {
			ix->two++;
			if (sh->sep == ',' && looks_decimal_comma(fs))
				ix->decimal++;
		}
		if (fs->count != sh->ncols || fs->unterminated)
			continue;
		if (field_integer(&fs->f[0], &v)) {
			if (ix->ints == 0)
				first = v;
			if (v == first + lines && first <= 1)
				seq++;
			if (v > 1)
				big++;
			ix->ints++;
			if (fs->f[0].quoted)
				ix->quoted0++;
		}
		lines++;
	}
	sh->index = lines > 0 && ix->ints == lines && (seq == lines || big > 0);
}

/*
 * Both class probabilities: the columns vc and vc + 1 sum to 1 on every
 * row.  Returns whether they do, and then notes whether every pair is in
 * numpy's %.18e.
 */
static int
detect_class_columns(struct ctx *c, const struct sample *sm, size_t vc)
{
	struct shape *sh = &c->shape;
	const struct csvline_fields *fs;
	size_t pairs = 0, sums = 0, e18 = 0;
	double x, y;

	assert(vc + 1 < CSVLINE_MAX_FIELDS && vc + 1 < sh->ncols);
	for (size_t i = 0; i < sm->n; i++) {
		if (!is_row(c, sm, i))
			continue;
		fs = split(c, &c->fields, &sm->line[i], sh->sep);
		if (fs->count != sh->ncols || fs->unterminated)
			continue;
		pairs++;
		e18 += is_numpy_18e(&fs->f[vc]) && is_numpy_18e(&fs->f[vc + 1]);
		if (parse_number(&fs->f[vc], NULL, sh->comma_decimals, &x) ==
			NUMBER_OK &&
		    parse_number(&fs->f[vc + 1], NULL, sh->comma_decimals,
				 &y) == NUMBER_OK &&
		    x >= 0 && x <= 1 && y >= 0 && y <= 1 &&
		    fabs(x + y - 1.0) <= TWO_CLASS_TOLERANCE)
			sums++;
	}
	if (pairs == 0 || sums != pairs)
		return 0;
	sh->numpy_18e = e18 == pairs;
	return 1;
}

/*
 * The kind of a file of several columns: both class probabilities (with
 * or without an index), a decimal comma, an index and the values, or
 * other columns; and whether R's write.table() wrote it.
 */
static void
detect_kind(struct ctx *c, const struct sample *sm)
{
	struct shape *sh = &c->shape;
	struct index_scan ix = { 0, 0, 0, 0 };
	size_t vc = SIZE_MAX;

	detect_index(c, sm, &ix);
	if (sh->index && sh->ncols == 3)
		vc = 1;
	else if (!sh->index && sh->ncols == 2)
		vc = 0;
	if (vc != SIZE_MAX && detect_class_columns(c, sm, vc)) {
		sh->kind = SHAPE_TWO_CLASS;
		sh->value_col = vc + 1;
	} else if (!sh->index && sh->ncols == 2 && ix.decimal * 2 > ix.two) {
		sh->kind = SHAPE_DECIMAL_COMMA;
		sh->value_col = 0;
		sh->ncols = 1;
	} else if (sh->index && sh->ncols == 2) {
		sh->kind = SHAPE_INDEX;
		sh->value_col = 1;
	} else {
		sh->kind = SHAPE_COLUMNS;
	}
	if (!sh->index || ix.quoted0 != ix.ints)
		sh->r_style = 0;
	/*
	 * R's write.table() with its defaults: quoted row names, values
	 * separated by spaces, and a header of quoted names with none for the
	 * row names ("x" over "1" 0.12); with quote = FALSE, a header one name
	 * short tells it.
	 */
	sh->r_table = sh->sep == ' ' && sh->index &&
		      ((ix.quoted0 == ix.ints &&
			(!sh->header || sh->quoted_header)) ||
		       (sh->header && c->header.count + 1 == sh->ncols));
	sh->r_quoted = ix.quoted0 == ix.ints;
}

/*
 * An index whose column the header names ("id,prediction") is an id
 * column written on purpose; pandas' own default leaves the name empty
 * (",0"), and reading such a file back and writing it again names it
 * "Unnamed: 0".
 */
static void
detect_named_index(struct ctx *c)
{
	struct shape *sh = &c->shape;
	const struct csvline_fields *h = &c->header;

	if (!sh->header || !sh->index || h->count != sh->ncols ||
	    h->f[0].n == 0 ||
	    (h->f[0].n == 10 && memcmp(h->f[0].p, "Unnamed: 0", 10) == 0))
		return;
	sh->named_index = 1;
	show(h->f[0].p, h->f[0].n, sh->index_name, sizeof sh->index_name);
	if (sh->value_col < CSVLINE_MAX_FIELDS &&
	    h->f[sh->value_col].n > 0 && !h->f[sh->value_col].quoted)
		show(h->f[sh->value_col].p, h->f[sh->value_col].n,
		     sh->value_name, sizeof sh->value_name);
}

/*
 * Looks at the first lines and decides the shape of the file, one
 * detector after the other.  Returns the number of lines with content
 * seen.
 */
static size_t
survey(struct ctx *c, const char *p, const char *end)
{
	struct shape *sh = &c->shape;
	struct sample sample, *sm = &sample;
	const struct csvline *line1;

	memset(sh, 0, sizeof *sh);
	memset(sm, 0, sizeof *sm);
	sh->sep = ',';
	sh->ncols = 1;
	take_sample(c, sm, p, end);
	if (sm->n == 0)
		return sm->seen;
	if ((line1 = sm->line1) != NULL) {
		show(line1->p, line1->n, c->line1, sizeof c->line1);
		/* pandas names an unnamed column 0: a header "0" reads as
		 * a valid value, and only the row count can tell. */
		c->line1_is_zero = line1->n == 1 && line1->p[0] == '0';
	}
	if (detect_printed(c, sm))
		return sm->seen;
	detect_separator(c, sm);
	detect_header(c, sm);
	detect_columns(c, sm);
	if (sh->ncols == 1) {
		sh->r_style = 0;
		return sm->seen;
	}
	sh->one_line = !sm->more && sm->seen - (size_t)sh->header == 1;
	detect_kind(c, sm);
	/*
	 * One vector wrapped over lines of ncols values, the last line maybe
	 * shorter: R's write() (5 a line), or cat() with fill.  numpy writes
	 * the rows of a 2-D array, whose columns are columns.
	 */
	sh->wrapped = sh->kind == SHAPE_COLUMNS && sh->sep == ' ' &&
		      !sh->numpy_18e && !sh->header && !sh->index &&
		      !sh->one_line;
	detect_named_index(c);
	return sm->seen;
}

/*
 * The two class columns, told for the tool that wrote them, so that the
 * fix names the call to change.
 */
static void
report_two_class(struct ctx *c, long first)
{
	const struct shape *sh = &c->shape;
	static const char both[] =
	    "two columns that sum to 1 on every line: the probabilities of "
	    "both classes";
	const char *hint, *lead = "", *tool = "", *msg = both;
	char header[SHOW_TEXT + 32] = "";

	/* What wrote the file: the fix names the call to change. */
	if (sh->r_table) {
		/* csv.r_write_table has told the header and the row names. */
		hint = "Keep only the probability of the positive class, the "
		       "last column (probs[, 2] in R).";
	} else if (sh->header && !sh->index && sh->quoted_header) {
		hint = "Keep only the probability of the positive class, the "
		       "last column, with no header: write.table(probs[, 2], "
		       "\"results1.csv\", row.names = FALSE, col.names = "
		       "FALSE).";
		lead = "R's ";
		tool = sh->sep == ' ' ? "write.table() output: " :
					"write.csv() output: ";
	} else if (sh->header && !sh->index && sh->comment_header) {
		hint = "Keep only the probability of the positive class, the "
		       "last column, and drop header=: proba = "
		       "model.predict_proba(X); np.savetxt(\"results1.csv\", "
		       "proba[:, 1]).";
		tool = "np.savetxt() output with header=: ";
	} else if (sh->header && !sh->index) {
		hint = "Keep only the probability of the positive class, the "
		       "last column, with no header: "
		       "pd.Series(model.predict_proba(X)[:, 1])"
		       ".to_csv(\"results1.csv\", index=False, header=False).";
	} else if (sh->sep == ' ' && sh->numpy_18e) {
		hint = "Keep only the probability of the positive class, the "
		       "last column: proba = model.predict_proba(X); "
		       "np.savetxt(\"results1.csv\", proba[:, 1]).";
		tool = "np.savetxt() output of predict_proba(X): ";
	} else if (sh->sep == ' ') {
		hint = "Keep only the probability of the positive class, the "
		       "last column: in Python predict_proba(X)[:, 1], "
		       "written with np.savetxt(\"results1.csv\", "
		       "proba[:, 1]); in R, write.table(probs[, 2], "
		       "\"results1.csv\", row.names = FALSE, col.names = "
		       "FALSE).";
		msg = "two columns separated by spaces that sum to 1 on every "
		      "line: the probabilities of both classes";
	} else {
		hint = "Keep only the probability of the positive class, the "
		       "last column (predict_proba(X)[:, 1]).";
	}
	if (sh->header && !sh->index && !sh->r_table)
		snprintf(header, sizeof header, "a header (%s) and ",
			 c->line1);
	report(c, PROBLEM_ERROR, "csv.two_class_columns", first, hint,
	       "%s%s%s%s", lead, tool, header, msg);
}

/* A printed array: one problem for the file, whose lines are no rows. */
static void
report_printed(struct ctx *c)
{
	const struct shape *sh = &c->shape;
	long line = sh->first_data_line;

	if (sh->printed_r)
		report(c, PROBLEM_ERROR, "csv.numpy_str", line,
		       "Write one value per line: "
		       "writeLines(format(p, digits = 17), \"results1.csv\").",
		       "R's print() output ('%s'), not one value per line: "
		       "print() rounds to 7 digits and numbers the lines",
		       c->line1);
	else if (sh->printed_list)
		report(c, PROBLEM_ERROR, "csv.numpy_str", line,
		       "Write one value per line: np.savetxt(\"results1.csv\", "
		       "p), or pd.Series(p).to_csv(\"results1.csv\", "
		       "index=False, header=False).",
		       "a list in brackets ('%s'), as str(list) or json.dump() "
		       "writes it, not one value per line", c->line1);
	else if (sh->printed_2d)
		report(c, PROBLEM_ERROR, "csv.numpy_str", line,
		       "Write the positive class's column itself, one value per "
		       "line in full precision: np.savetxt(\"results1.csv\", "
		       "proba[:, 1]), not f.write(str(proba)).",
		       "a printed 2-D numpy array ('%s'), not one value per "
		       "line: str() and print() round to 8 digits%s", c->line1,
		       sh->elided ? ", and '...' stands for rows left out" :
				    "");
	else
		report(c, PROBLEM_ERROR, "csv.numpy_str", line,
		       "Write the array itself, one value per line in full "
		       "precision: np.savetxt(\"results1.csv\", p), not "
		       "f.write(str(p)) or print(p, file=f).",
		       "a printed numpy array ('%s'), not one value per line: "
		       "str() and print() round to 8 digits and wrap "
		       "lines%s", c->line1,
		       sh->elided ? ", and '...' stands for values left out, "
				    "so the file does not hold every "
				    "prediction" : "");
}

/* The separator and the decimal comma of a spreadsheet export. */
static void
report_separator(struct ctx *c, long first)
{
	const struct shape *sh = &c->shape;

	if (sh->sep == ';')
		report(c, PROBLEM_ERROR, "csv.semicolon", first,
		       "Write one probability per line with '.' as the "
		       "decimal point, e.g. pandas: to_csv(index=False, "
		       "header=False); in a spreadsheet, change the list "
		       "separator and decimal symbol in the regional settings.",
		       "fields are separated by ';'%s: a spreadsheet export "
		       "with European regional settings",
		       sh->saw_comma ? " and decimals written with ','" : "");
	if (sh->kind == SHAPE_DECIMAL_COMMA)
		report(c, PROBLEM_ERROR, "csv.decimal_comma", first,
		       "Write the decimal point as '.' (0.25, not 0,25).",
		       "values are written with a decimal comma (0,25), so "
		       "each line reads as two fields: a spreadsheet export "
		       "with European regional settings");
}

/* R's write.table() and write.csv(), told as such.  Returns whether the
 * file is one of them. */
static int
report_r_writer(struct ctx *c)
{
	const struct shape *sh = &c->shape;

	if (sh->r_table) {
		report(c, PROBLEM_ERROR, "csv.r_write_table", 1,
		       sh->kind == SHAPE_TWO_CLASS ?
		       "Write only the positive class's probabilities, with no "
		       "header or row names: write.table(probs[, 2], "
		       "\"results1.csv\", row.names = FALSE, col.names = "
		       "FALSE)." :
		       "Write only the probabilities: write.table(p, "
		       "\"results1.csv\", row.names = FALSE, col.names = "
		       "FALSE).",
		       "R's write.table() output with its defaults: %s%s%s"
		       "%s row names in the first column, and values "
		       "separated by spaces",
		       sh->header ? "a header (" : "",
		       sh->header ? c->line1 : "",
		       sh->header ? "), " : "",
		       sh->r_quoted ? "quoted" : "the");
		return 1;
	}
	if (sh->r_style && sh->header) {
		report(c, PROBLEM_ERROR, "csv.r_write_csv", 1,
		       "Write only the probabilities: write.table(p, "
		       "\"results1.csv\", row.names = FALSE, col.names = "
		       "FALSE, sep = \",\").",
		       "R's write.csv() output: a header (%s) and quoted row "
		       "names in the first column", c->line1);
		return 1;
	}
	return 0;
}

/* An index or id column, with or without a header.  Returns whether the
 * file has one. */
static int
report_index(struct ctx *c, long first)
{
	const struct shape *sh = &c->shape;
	char hint[256];

	if (!sh->index ||
	    (sh->kind != SHAPE_INDEX && sh->kind != SHAPE_TWO_CLASS))
		return 0;
	if (sh->header && sh->named_index) {
		if (sh->value_name[0] != '\0')
			snprintf(hint, sizeof hint, "Drop the id column and the "
				 "header: rows are matched by their order, e.g. "
				 "df[\"%s\"].to_csv(\"results1.csv\", "
				 "index=False, header=False).",
				 sh->value_name);
		else
			snprintf(hint, sizeof hint, "Drop the id column and the "
				 "header: rows are matched by their order. %s",
				 HINT_PANDAS);
		report(c, PROBLEM_ERROR, "csv.index_column", first, hint,
		       "the first column ('%s') is an id column written with "
		       "the predictions, and line 1 is a header ('%s'): "
		       "results files hold only the probabilities",
		       sh->index_name, c->line1);
	} else if (sh->header) {
		report(c, PROBLEM_ERROR, "csv.index_column", first,
		       HINT_PANDAS,
		       "the first column is an index and line 1 is a "
		       "header ('%s'), as pandas' to_csv() writes by "
		       "default", c->line1);
	} else {
		report(c, PROBLEM_ERROR, "csv.index_column", first,
		       HINT_PANDAS,
		       "the first column is an index (row numbers or "
		       "ids), not a probability");
	}
	return 1;
}

/* A header line, where nothing above has told it. */
static void
report_header(struct ctx *c)
{
	const struct shape *sh = &c->shape;

	/* With the two class columns, the header is told with them. */
	if (!sh->header || sh->kind == SHAPE_TWO_CLASS)
		return;
	if (sh->comment_header)
		report(c, PROBLEM_ERROR, "csv.header", 1,
		       "Remove header= from np.savetxt(): numpy writes it as "
		       "a '# ' comment line; np.savetxt(\"results1.csv\", p) "
		       "writes only the values.",
		       "a header ('%s'), the comment line that "
		       "np.savetxt(..., header=...) writes: results files have "
		       "no header", c->line1);
	else
		report(c, PROBLEM_ERROR, "csv.header", 1,
		       "Remove the first line (pandas: to_csv(..., "
		       "header=False); R: write.table(..., col.names = "
		       "FALSE)).",
		       "a header ('%s'): results files have no "
		       "header", c->line1);
}

/* Columns other than an index and the values. */
static void
report_columns(struct ctx *c, long first)
{
	const struct shape *sh = &c->shape;
	char a[32];

	if (sh->kind == SHAPE_TWO_CLASS)
		report_two_class(c, first);
	else if (sh->kind != SHAPE_COLUMNS)
		return;
	else if (sh->one_line)
		report(c, PROBLEM_ERROR, "csv.columns", first,
		       "Write one probability per line (a column, not a row).",
		       "all %s values are on one line, separated by %s; "
		       "expected one value per line",
		       group(sh->ncols, a), sep_name(sh->sep));
	else if (sh->wrapped && sh->ncols == 5 && !sh->numpy_18e)
		report(c, PROBLEM_ERROR, "csv.columns", first,
		       "Write one value per line: "
		       "writeLines(format(p, digits = 17), \"results1.csv\").",
		       "5 values on each line, separated by spaces: R's write() "
		       "writes 5 values a line; expected one value per line");
	else if (sh->wrapped)
		report(c, PROBLEM_ERROR, "csv.columns", first,
		       "Write one probability per line, with no other columns.",
		       "%zu values on each line, separated by spaces; expected "
		       "one value per line", sh->ncols);
	else
		report(c, PROBLEM_ERROR, "csv.columns", first,
		       "Write one probability per line, with no other columns.",
		       "%zu columns separated by %s on each line; expected "
		       "one probability per line", sh->ncols,
		       sep_name(sh->sep));
}

/*
 * The shape's diagnosis, once for the file: the separator, then who wrote
 * the extra lines and columns (R, an index, a header), then the columns.
 */
static void
report_shape(struct ctx *c)
{
	const struct shape *sh = &c->shape;
	long first = sh->first_data_line ? sh->first_data_line : 1;

	report_separator(c, first);
	if (!report_r_writer(c) && !report_index(c, first))
		report_header(c);
	report_columns(c, first);
}

static void
report_range(struct ctx *c)
{
	char a[32], g[NUMBER_BUF];

	if (c->nrange == 0)
		return;
	if (c->negative == 0 && c->above_hundred == 0 && c->above_one >= 2 &&
	    c->above_one * 10 >= c->nvalues) {
		report(c, PROBLEM_ERROR, "csv.percent", c->first_above_one,
		       "Divide every value by 100: probabilities are in "
		       "[0, 1].",
		       "%s values are above 1 and none above 100 (the "
		       "largest is %s): they look like percentages",
		       group(c->above_one, a),
		       number_format_as(c->max_above_one, NUMBER_SIG, 6, g));
		return;
	}
	for (size_t i = 0; i < c->nrange; i++) {
		const struct range_note *r = &c->range[i < PROBLEMS_PER_KIND ?
						       i : 0];
		const char *hint = "Write probabilities in [0, 1]: "
				   "predict_proba(X)[:, 1], not "
				   "decision_function(X) or a logit.";
		if (i >= PROBLEMS_PER_KIND)
			/* Counted into the summary; the text is not shown. */
			report(c, PROBLEM_ERROR, "csv.out_of_range", 0, hint,
			       "value outside [0, 1]");
		else if (r->overflow)
			report(c, PROBLEM_ERROR, "csv.out_of_range", r->line,
			       hint, "'%s' is outside [0, 1] (and beyond the "
			       "range of a double)", r->text);
		else
			report(c, PROBLEM_ERROR, "csv.out_of_range", r->line,
			       hint, "%s is outside [0, 1]", r->text);
	}
}

static void
report_row_count(struct ctx *c)
{
	char a[32], b[32], d[32], msg[160];
	size_t lines = c->rows + (size_t)c->shape.header;
	const char *hint;

	if (c->expected_rows == 0) {
		if (c->rows > 0)
			return;
		report(c, PROBLEM_ERROR, "csv.row_count", 0,
		       "Write one probability per line.",
		       c->shape.header ? "a header and no rows" : "no rows");
		return;
	}
	if (lines == c->expected_rows && !c->shape.header)
		return;
	/* All the values on one line: csv.columns already said it. */
	if (c->shape.one_line && c->shape.ncols == c->expected_rows &&
	    c->rows == 1)
		return;
	/* So did csv.r_write of values wrapped over lines, when they are
	 * all there. */
	if (c->shape.wrapped && c->rows > 0 && c->blank_rows == 0 &&
	    (c->rows - 1) * c->shape.ncols < c->expected_rows &&
	    c->expected_rows <= c->rows * c->shape.ncols)
		return;
	group(c->expected_rows, b);
	if (c->shape.header) {
		snprintf(msg, sizeof msg, "%s line%s: a header plus %s row%s; "
			 "expected %s rows", group(lines, a),
			 lines == 1 ? "" : "s", group(c->rows, d),
			 c->rows == 1 ? "" : "s", b);
		hint = c->rows == c->expected_rows ?
		       "Remove the header line: the rows are right." :
		       "Remove the header line, and write one probability for "
		       "each row of the test set, in its order.";
	} else {
		snprintf(msg, sizeof msg, "%s row%s; expected %s",
			 group(c->rows, a), c->rows == 1 ? "" : "s", b);
		hint = "Write one probability for each row of the test set, "
		       "in its order.";
	}
	if (c->blank_rows > 0) {
		size_t n = strlen(msg);
		snprintf(msg + n, sizeof msg - n, " (%s of them blank)",
			 group(c->blank_rows, a));
	}
	if (c->blank_rows > 0)
		hint = "Remove the blank lines: each one shifts the rows after "
		       "it.";
	if (!c->shape.header && c->rows == c->expected_rows + 1 &&
	    c->blank_rows == 0 && c->line1_is_zero) {
		char h[200];
		snprintf(h, sizeof h, "One row too many: if line 1 ('%s') is "
			 "a column name (pandas names an unnamed column 0), "
			 "write the file with header=False.", c->line1);
		report(c, PROBLEM_ERROR, "csv.row_count", 0, h, "%s", msg);
		return;
	}
	report(c, PROBLEM_ERROR, "csv.row_count", 0, hint, "%s", msg);
}

static void
report_warnings(struct ctx *c)
{
	char g[NUMBER_BUF];

	/* The values say something only when every row gave one, and one
	 * row is not enough to call constant. */
	if (c->nvalues < 2 || c->value_errors > 0 || c->nvalues != c->rows)
		return;
	if (c->ndistinct == 1)
		report(c, PROBLEM_WARNING, "csv.constant", 0,
		       "A constant prediction scores an AUC of 0.5: check that "
		       "the model's output was written.",
		       "every value is %s",
		       number_format_as(c->distinct[0], NUMBER_SIG, 17, g));
	else if (c->only_labels)
		report(c, PROBLEM_WARNING, "csv.labels_not_probabilities", 0,
		       "Submit probabilities (predict_proba(X)[:, 1]), not "
		       "predicted labels (predict(X)): labels lose the ranking "
		       "and lower the AUC.",
		       "every value is 0 or 1: labels, not probabilities");
	else if (c->ndistinct < MAX_DISTINCT && c->rows >= MAX_DISTINCT)
		report(c, PROBLEM_WARNING, "csv.few_distinct", 0,
		       "Probabilities usually take many values: check for "
		       "rounding to few decimals or hard labels.",
		       "only %zu distinct values", c->ndistinct);
}

/*
 * UTF-16 as Windows writes it ("Unicode text", PowerShell's > and
 * Out-File): a byte order mark FF FE or FE FF, or, without one, ASCII text
 * with every other byte NUL.
 */
static int
is_utf16(const unsigned char *d, size_t len)
{
	size_t n = len < 1024 ? len : 1024, odd = 0, even = 0;

	if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) ||
			 (d[0] == 0xFE && d[1] == 0xFF)))
		return 1;
	n &= ~(size_t)1;
	if (n < 4)
		return 0;
	for (size_t i = 0; i < n; i += 2) {
		even += d[i] == 0;
		odd += d[i + 1] == 0;
	}
	return (odd == n / 2 && even == 0) || (even == n / 2 && odd == 0);
}

/* A zip (an .xlsx workbook) or an OLE2 file (an .xls) named .csv. */
static int
is_binary_document(const unsigned char *d, size_t len)
{
	return len >= 4 && ((memcmp(d, "PK\003\004", 4) == 0) ||
			    memcmp(d, "\320\317\021\340", 4) == 0);
}

/*
 * Refuses a file that is no text of lines at all (empty, UTF-16, a
 * workbook) and notes a byte order mark, stepping *p over it.  Returns
 * whether the file was refused.
 */
static int
sniff(struct ctx *c, const unsigned char *data, size_t len, const char **p)
{
	if (len == 0) {
		report(c, PROBLEM_ERROR, "csv.empty_file", 0,
		       "Write one probability per line.",
		       "the file is empty");
		return 1;
	}
	if (is_utf16(data, len)) {
		report(c, PROBLEM_ERROR, "csv.utf16", 0,
		       "Save it as UTF-8 or plain text: Excel's \"CSV (Comma "
		       "delimited)\", or in PowerShell Out-File -Encoding "
		       "ascii (its > writes UTF-16).",
		       "saved as Unicode text (UTF-16), not as plain text");
		return 1;
	}
	if (is_binary_document(data, len)) {
		report(c, PROBLEM_ERROR, "csv.binary", 0,
		       "Export the predictions as CSV text, one per line.",
		       "not a text file: it starts like a zip archive or an "
		       "Excel workbook saved under a .csv name");
		return 1;
	}
	if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
		c->out->bom = 1;
		*p += 3;
		report(c, PROBLEM_WARNING, "csv.bom", 1,
		       "Nothing to fix: Excel's \"CSV UTF-8\" writes one.",
		       "the file starts with a UTF-8 byte order mark");
	}
	return 0;
}

/* Decides the shape, then checks every line against it. */
static void
check_file(struct ctx *c, const char *p, const char *end)
{
	struct csvline_scanner sc;
	struct csvline l;

	if (survey(c, p, end) == 0) {
		report(c, PROBLEM_ERROR, "csv.empty_file", 0,
		       "Write one probability per line.",
		       p == end ? "the file holds only a byte order mark" :
				  "the file holds only blank lines");
		return;
	}
	if (c->shape.printed) {
		/* Its lines are no rows: nothing more to say about them. */
		report_printed(c);
		return;
	}
	report_shape(c);

	csvline_scanner_init(&sc, p, (size_t)(end - p));
	c->scanner = &sc;
	while (csvline_next(&sc, &l))
		check_line(c, &l);
	/* One blank line at the end is accepted; the others are rows. */
	if (c->pending_blank > 0)
		flush_blank_rows(c, c->pending_blank - 1, NULL);

	report_range(c);
	report_row_count(c);
	report_warnings(c);
}

enum gr_status
results_parse(const char *file, const unsigned char *data, size_t len,
	      size_t expected_rows, size_t max_line, struct results_file *out,
	      struct problem_list *problems)
{
	struct ctx *c;
	const char *p = (const char *)data;
	enum gr_status st = GR_OK;
	size_t errors_before;

	assert(file != NULL && problems != NULL && out != NULL);
	assert(data != NULL || len == 0);
	memset(out, 0, sizeof *out);
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return problems_nomem(problems);
	c->file = file;
	c->problems = problems;
	c->expected_rows = expected_rows;
	c->max_line = max_line;
	c->out = out;
	c->only_labels = 1;
	if (expected_rows > 0) {
		out->values = calloc(expected_rows, sizeof *out->values);
		if (out->values == NULL) {
			free(c);
			return problems_nomem(problems);
		}
		c->cap = expected_rows;
	}

	errors_before = problems_errors_in(problems, file);
	if (!sniff(c, data, len, &p))
		check_file(c, p, (const char *)data + len);
	out->rows = c->rows;
	if (problems->nomem)
		st = GR_NOMEM;
	else if (problems_errors_in(problems, file) > errors_before)
		st = GR_INVALID;
	else
		out->valid = 1;
	csvline_fields_release(&c->fields);
	csvline_fields_release(&c->header);
	free(c);
	return st;
}

/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
void
results_release(struct results_file *r)
{
	if (r == NULL)
		return;
	free(r->values);
	r->values = NULL;
	r->rows = 0;
	r->valid = 0;
}

enum gr_status
results_compare(const char *file_a, const unsigned char *data_a,
		size_t len_a, const struct results_file *a,
		const char *file_b, const unsigned char *data_b,
		size_t len_b, const struct results_file *b,
		struct problem_list *problems)
{
	const char *hint = "Submit the two different models' predictions.";
	size_t i;

	if (a == NULL || b == NULL || !a->valid || !b->valid)
		return GR_OK;
	if (len_a == len_b && len_a > 0 && memcmp(data_a, data_b, len_a) == 0)
		return problems_add(problems, PROBLEM_WARNING,
				    "csv.identical_files", file_b, 0, hint,
				    "%s is byte-identical to %s", file_b,
				    file_a);
	if (a->rows != b->rows || a->rows == 0)
		return GR_OK;
	for (i = 0; i < a->rows; i++)
		if (a->values[i] != b->values[i])
			return GR_OK;
	return problems_add(problems, PROBLEM_WARNING, "csv.identical_files",
			    file_b, 0, hint, "%s holds the same values as %s",
			    file_b, file_a);
}
