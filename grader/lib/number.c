/*
 * number.c: locale-independent parsing and formatting of numbers.
 *
 * The grammar is checked here, by hand, before any conversion: strtod
 * accepts far more than a results file may hold (nan, inf, hexadecimal,
 * leading white space, the locale's decimal point) and stops silently at
 * trailing junk.  Conversion itself goes through strtod_l() with the "C"
 * locale object, so that it is correctly rounded and never follows the
 * process's LC_NUMERIC.
 *
 * Most fields are short decimals such as 0.123456, and for those an exact
 * fast path (Clinger, 1990) gives the same correctly rounded double without
 * the copy and the library call: see fast_decimal().
 *
 * Formatting goes through snprintf() with the same "C" locale object made
 * the calling thread's own for the call (uselocale()), so that the decimal
 * point is '.' under any locale the program has set, and is checked by
 * reading the text back with strtod_l().
 */
#include "number.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void
make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Case-insensitive prefix test on a counted string. */
static int
has_prefix(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

/*
 * Returns the length of the longest prefix of s that is a decimal number by
 * our grammar, or 0 when there is none.  *digits counts mantissa digits.
 */
static size_t
scan_decimal(const char *s, size_t len, size_t *digits)
{
	size_t i = 0, nd = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < len && is_digit(s[i])) {
		i++;
		nd++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && is_digit(s[i])) {
			i++;
			nd++;
		}
	}
	if (nd == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < len && is_digit(s[j])) {
			while (j < len && is_digit(s[j]))
				j++;
			i = j;
		}
	}
	*digits = nd;
	return i;
}

/* Classifies a field that is not a plain decimal number. */
static enum number_status
classify(const char *s, size_t len)
{
	size_t b = 0, e = len, digits, n;
	const char *t;

	while (b < e && is_blank(s[b]))
		b++;
	while (e > b && is_blank(s[e - 1]))
		e--;
	if (b == e)
		return NUMBER_EMPTY;
	t = s + b;
	n = e - b;
	if (scan_decimal(t, n, &digits) == n)
		return NUMBER_SPACES;
	if (*t == '+' || *t == '-') {
		t++;
		n--;
	}
	if (has_prefix(t, n, "nan"))
		return NUMBER_NAN;
	if (has_prefix(t, n, "inf"))
		return NUMBER_INF;
	if (has_prefix(t, n, "0x"))
		return NUMBER_HEX;
	/* 0,25 or 1,5e-3: digits, one comma, digits. */
	{
		const char *comma = memchr(t, ',', n);
		if (comma != NULL && comma > t && is_digit(comma[-1]) &&
		    (size_t)(comma - t) + 1 < n && is_digit(comma[1]) &&
		    memchr(comma + 1, ',', n - (size_t)(comma - t) - 1) == NULL) {
			size_t k;
			for (k = 0; k < n; k++)
				if (!is_digit(t[k]) && t[k] != ',')
					break;
			if (k == n)
				return NUMBER_DECIMAL_COMMA;
		}
	}
	return NUMBER_JUNK;
}

/* Every power of ten up to 10^22 is exact in a double. */
static const double exact_powers[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * Clinger's fast path.  When the decimal is m * 10^e with m <= 2^53 and
 * |e| <= 22, both m and 10^|e| are exact doubles, so one IEEE multiply or
 * divide rounds the exact value once: the result is the correctly rounded
 * double, bit for bit what strtod gives.  Leading zeros are skipped and
 * trailing zeros of the mantissa move into the exponent (so numpy's
 * 2.500000000000000000e-01 becomes 25 * 10^-2).  It checks the grammar of
 * scan_decimal() as it goes, so that a plain field is read in one pass.
 * Returns 0 when s is not such a decimal, or its value is outside the fast
 * path's reach: the caller then checks and classifies the field, and falls
 * back to strtod_l().
 */
static int
fast_decimal(const char *s, size_t len, double *out)
{
	const uint64_t limit = (uint64_t)1 << 53;
	uint64_t m = 0;
	size_t i = 0, zeros = 0, sig = 0;
	long e = 0, ex = 0;
	int neg = 0, started = 0, frac = 0, eneg = 0, digits = 0;
	double v;

	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i++;
	}
	for (; i < len; i++) {
		char c = s[i];

		if (c == '.') {
			if (frac)
				return 0;
			frac = 1;
			continue;
		}
		if (c == 'e' || c == 'E')
			break;
		if (c < '0' || c > '9')
			return 0;
		digits++;
		if (frac)
			e--;
		if (c == '0') {
			/* Zeros wait until a later digit shows they count. */
			if (started)
				zeros++;
			continue;
		}
		/* m * 10^(zeros + 1) stays below 10^19 < 2^64. */
		if (sig + zeros + 1 > 19)
			return 0;
		for (; zeros > 0; zeros--) {
			m *= 10;
			sig++;
		}
		m = m * 10 + (uint64_t)(c - '0');
		sig++;
		started = 1;
	}
	if (digits == 0)
		return 0;
	e += (long)zeros;
	if (i < len) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-')) {
			eneg = s[i] == '-';
			i++;
		}
		if (i == len)
			return 0;
		for (; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			/* Beyond this, strtod decides (zero mantissas too). */
			if (ex > 100000)
				return 0;
			ex = ex * 10 + (s[i] - '0');
		}
		e += eneg ? -ex : ex;
	}
	if (m == 0) {
		*out = 0.0;
		return 1;
	}
	if (m > limit || e < -22 || e > 22)
		return 0;
	v = (double)m;
	v = e < 0 ? v / exact_powers[-e] : v * exact_powers[e];
	*out = neg ? -v : v;
	return 1;
}

/*
 * The common case in one tight loop: [+-]digits[.digits], at most 19
 * digits, no exponent (0.8721, 0.123456, 1).  The same arithmetic as
 * fast_decimal() (m <= 2^53, 10^e with |e| <= 22, one division: correctly
 * rounded), without its bookkeeping for zeros and exponents, whose
 * branches the digits of real data keep mispredicting.  Returns 0 when the
 * field is anything else; fast_decimal() and strtod_l() then take over.
 */
static int
short_decimal(const char *s, size_t len, double *out)
{
	uint64_t m = 0;
	size_t i = 0, digits = 0, dot = SIZE_MAX;
	int neg = 0;
	double v;

	if (len > 21)
		return 0;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i = 1;
	}
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d < 10) {
			m = m * 10 + d;
			digits++;
		} else if (s[i] == '.' && dot == SIZE_MAX) {
			dot = digits;
		} else {
			return 0;
		}
	}
	/* 19 digits stay below 10^19 < 2^64; 2^53 keeps m an exact double. */
	if (digits == 0 || digits > 19 || m > ((uint64_t)1 << 53))
		return 0;
	v = (double)m;
	if (dot != SIZE_MAX)
		v /= exact_powers[digits - dot];	/* at most 19 < 22 */
	*out = neg ? -v : v;
	return 1;
}

enum number_status
number_parse(const char *s, size_t len, double *out)
{
	char buf[128];
	char *heap = NULL, *text, *end;
	size_t digits;
	double v;
	int err;

	if (len == 0)
		return NUMBER_EMPTY;
	/* The fast paths check the grammar themselves: most fields end here. */
	if (short_decimal(s, len, &v) || fast_decimal(s, len, &v))
		goto done;
	if (scan_decimal(s, len, &digits) != len)
		return classify(s, len);

	pthread_once(&c_locale_once, make_c_locale);
	if (len < sizeof buf) {
		text = buf;
	} else {
		heap = malloc(len + 1);
		if (heap == NULL)
			return NUMBER_JUNK;
		text = heap;
	}
	memcpy(text, s, len);
	text[len] = '\0';
	errno = 0;
	v = c_locale != (locale_t)0 ? strtod_l(text, &end, c_locale)
				    : strtod(text, &end);
	err = errno;
	free(heap);
	if (err == ERANGE) {
		if (isinf(v))
			return NUMBER_OVERFLOW;
		if (v == 0.0 || fabs(v) < 2.2250738585072014e-308) {
			/* strtod_l's nearest double: a subnormal, or 0. */
			*out = v == 0.0 ? 0.0 : v;
			return NUMBER_UNDERFLOW;
		}
	}
done:
	if (v == 0.0)
		v = 0.0;	/* -0 and +0 are the same probability. */
	*out = v;
	return NUMBER_OK;
}

/*
 * Rewrites, in place, what snprintf wrote for a finite value to the C
 * locale's form: digits, signs and 'e' are kept and any other run of bytes,
 * which can only be a decimal point, becomes one '.'.  Only for the case
 * where no "C" locale object could be made (out of memory at the first
 * call), so that the text is right even then.
 */
static void
c_point(char *s)
{
	char *out = s;
	int in_point = 0;

	for (; *s != '\0'; s++) {
		char c = *s;

		if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e') {
			*out++ = c;
			in_point = 0;
		} else if (!in_point) {
			*out++ = '.';
			in_point = 1;
		}
	}
	*out = '\0';
}

/* snprintf of one double in the C locale, as number_format_as() says;
 * NUMBER_SCI takes the precision of %e (digits after the point). */
static void
format_c(char buf[NUMBER_BUF], enum number_style style, int prec, double d)
{
	locale_t old = (locale_t)0;

	pthread_once(&c_locale_once, make_c_locale);
	if (c_locale != (locale_t)0)
		old = uselocale(c_locale);
	/* One snprintf a style: formats stay literals, so that -Wformat
	 * checks each. */
	switch (style) {
	case NUMBER_FIXED:
		snprintf(buf, NUMBER_BUF, "%.*f", prec, d);
		break;
	case NUMBER_SIG:
		snprintf(buf, NUMBER_BUF, "%.*g", prec, d);
		break;
	case NUMBER_SIG_ZEROS:
		snprintf(buf, NUMBER_BUF, "%#.*g", prec, d);
		break;
	case NUMBER_SCI:
		snprintf(buf, NUMBER_BUF, "%.*e", prec, d);
		break;
	}
	if (c_locale != (locale_t)0)
		uselocale(old);
	else if (isfinite(d))
		c_point(buf);
}

/* strtod in the C locale, for reading back what format_c() wrote. */
static double
read_c(const char *s)
{
	return c_locale != (locale_t)0 ? strtod_l(s, NULL, c_locale) :
	    strtod(s, NULL);
}

char *
number_format(double d, char buf[NUMBER_BUF])
{
	if (d == 0)
		d = 0;	/* no "-0" */
	if (d == (double)(int64_t)d && d > -9007199254740992.0 &&
	    d < 9007199254740992.0) {
		/* Whole numbers (counts, sizes) print exactly, and fast. */
		snprintf(buf, NUMBER_BUF, "%" PRId64, (int64_t)d);
		return buf;
	}
	/* NaN and infinities come out as %g writes them ("inf"): a caller
	 * that writes JSON writes null for them instead. */
	for (int prec = 15; prec <= 17; prec++) {
		format_c(buf, NUMBER_SIG, prec, d);
		if (!isfinite(d) || read_c(buf) == d)
			break;
	}
	return buf;
}

char *
number_format_as(double d, enum number_style style, int n,
		 char buf[NUMBER_BUF])
{
	size_t len;

	assert(n >= 0 && n <= 17);
	/* %f of a huge value would not fit: no figure of ours is one. */
	assert(style != NUMBER_FIXED || !(fabs(d) >= 1e40));
	if (style == NUMBER_SCI)
		n = n > 0 ? n - 1 : 0;
	format_c(buf, style, n, d);
	len = strlen(buf);
	/* %#g keeps the point of "1234.": a person reads "1234". */
	if (style == NUMBER_SIG_ZEROS && len > 0 && buf[len - 1] == '.')
		buf[len - 1] = '\0';
	return buf;
}
