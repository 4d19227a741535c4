/*
 * number.h: locale-independent parsing of one decimal number.  The results
 * validator and the holdout loader use it; nothing here depends on the C
 * library's locale or on errno left by a caller.
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

#endif
