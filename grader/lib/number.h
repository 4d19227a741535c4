/*
 * number.h: locale-independent parsing and formatting of numbers, in one
 * place.  The results validator and the holdout loader parse with it; the
 * scorecard, the leaderboard, the pages and the text reports format with
 * it.  Nothing here depends on the C library's locale (a program that
 * links the library may call setlocale(LC_ALL, "de_DE.UTF-8")) or on errno
 * left by a caller.
 */
#ifndef GRADER_NUMBER_H
#define GRADER_NUMBER_H

#include <stddef.h>

enum number_status {
	NUMBER_OK = 0,
	NUMBER_EMPTY,		/* nothing but (possibly) spaces */
	NUMBER_NAN,		/* nan, NaN, nan(...) */
	NUMBER_INF,		/* inf, infinity, with or without a sign */
	NUMBER_HEX,		/* a hexadecimal float such as 0x1p-3 */
	NUMBER_DECIMAL_COMMA,	/* 0,25: a decimal comma */
	NUMBER_SPACES,		/* surrounding spaces or tabs around a number */
	NUMBER_JUNK,		/* not a number, or a number with trailing junk */
	NUMBER_OVERFLOW,	/* finite in decimal but beyond the double range */
	NUMBER_UNDERFLOW,	/* non-zero but below the normal double range */
};

/*
 * Parses s[0..len) as a whole: optional sign, digits with at most one '.',
 * optional exponent.  No leading or trailing characters of any kind are
 * accepted.  On NUMBER_OK stores the correctly rounded double in *out
 * (-0 is returned as +0).  On NUMBER_UNDERFLOW, too, *out gets the nearest
 * double, a subnormal or 0 (never -0), so that a caller that accepts tiny
 * values reads them exactly, whatever their length.  Otherwise *out is
 * untouched and the status says what the field looked like, so that the
 * caller can explain it.
 */
enum number_status number_parse(const char *s, size_t len, double *out);

/* Room for any text the formatters below write, NUL included. */
#define NUMBER_BUF 64

/*
 * Writes the shortest decimal text of a finite d that reads back as exactly
 * d (whole numbers below 2^53 as integers, others with 15 to 17 significant
 * digits in printf's %g form); "-0" is written "0".  The decimal point is
 * always '.', whatever the locale.  Returns buf.
 */
char *number_format(double d, char buf[NUMBER_BUF]);

/* The printf conversions that reports show to people. */
enum number_style {
	NUMBER_FIXED,		/* %.Nf: N decimals */
	NUMBER_SIG,		/* %.Ng: N significant digits */
	NUMBER_SIG_ZEROS,	/* %#.Ng: the same, trailing zeros kept
				 * (but not a trailing point: "1234") */
	NUMBER_SCI,		/* %.(N-1)e: N significant digits, always
				 * with an exponent */
};

/*
 * Writes d as printf would in the C locale with the conversion of style and
 * precision n.  Preconditions: 0 <= n <= 17, and |d| < 1e40 for
 * NUMBER_FIXED (so that the text fits; no figure of ours comes near).
 * Returns buf.
 */
char *number_format_as(double d, enum number_style style, int n,
		       char buf[NUMBER_BUF]);

#endif
