/*
 * number.c: locale-independent parsing of one decimal number.
 *
 * The grammar is checked here, by hand, before any conversion: strtod
 * accepts far more than a results file may hold (nan, inf, hexadecimal,
 * leading white space, the locale's decimal point) and stops silently at
 * trailing junk.  Conversion itself goes through strtod_l() with the "C"
 * locale object, so that it is correctly rounded and never follows the
 * process's LC_NUMERIC.
 */
#include "number.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
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
		if (v == 0.0 || fabs(v) < 2.2250738585072014e-308)
			return NUMBER_UNDERFLOW;
	}
	if (v == 0.0)
		v = 0.0;	/* -0 and +0 are the same probability. */
	*out = v;
	return NUMBER_OK;
}
