/*
 * test_number.c: number_parse() against strtod_l() bit for bit, and each
 * status on the kinds of field that produce it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

static uint64_t
next_random(uint64_t *state)
{
	uint64_t z;

	*state += 0x9E3779B97F4A7C15ULL;
	z = *state;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static enum number_status
parse(const char *s, double *out)
{
	return number_parse(s, strlen(s), out);
}

static uint64_t
bits_of(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof b);
	return b;
}

/* What number_parse() must give for a valid decimal: strtod_l's value. */
static double
reference(const char *s, locale_t c)
{
	double v = strtod_l(s, NULL, c);

	return v == 0.0 ? 0.0 : v;
}

static void
check_against_strtod(const char *s, locale_t c)
{
	double v = -42.0, ref = reference(s, c);

	if (parse(s, &v) != NUMBER_OK || bits_of(v) != bits_of(ref)) {
		print_error("\"%s\": %.17g, strtod_l %.17g\n", s, v, ref);
		fail();
	}
}

/*
 * Random decimals of every shape the fast path takes or declines: 1 to 24
 * digits, leading and trailing zeros, a point anywhere or none, with or
 * without an exponent, either sign.
 */
static void
test_number_random_decimals_match_strtod_bit_for_bit(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	uint64_t st = 12345;
	char buf[96];

	(void)state;
	assert_non_null(c);
	for (int i = 0; i < 300000; i++) {
		uint64_t r = next_random(&st);
		size_t len = 0, digits = 1 + r % 24, point = (r >> 8) % 27;
		size_t lead = (r >> 16) % 4 == 0 ? (r >> 20) % 6 : 0;
		size_t trail = (r >> 24) % 4 == 0 ? (r >> 28) % 8 : 0;

		if ((r >> 32) % 3 == 0)
			buf[len++] = (r >> 34) % 2 ? '-' : '+';
		for (size_t k = 0; k < lead + digits + trail; k++) {
			if (k == point)
				buf[len++] = '.';
			if (k < lead || k >= lead + digits)
				buf[len++] = '0';
			else
				buf[len++] = (char)('0' + next_random(&st) % 10);
		}
		if (point == lead + digits + trail)
			buf[len++] = '.';
		if ((r >> 40) % 2) {
			int ex = (int)((r >> 42) % 71) - 35;
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			    "%s%d", (r >> 50) % 2 ? "E" : "e", ex);
		}
		buf[len] = '\0';
		if (strcmp(buf, ".") == 0 || strcmp(buf, "+.") == 0 ||
		    strcmp(buf, "-.") == 0)
			continue;
		check_against_strtod(buf, c);
	}
	freelocale(c);
}

/* Every double printed as numpy and Python print them reads back. */
static void
test_number_printed_doubles_read_back_exactly(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	uint64_t st = 777;
	char buf[64];

	(void)state;
	assert_non_null(c);
	for (int i = 0; i < 100000; i++) {
		double p = (double)(next_random(&st) >> 11) * 0x1p-53;

		if (i % 7 == 0)
			p = ldexp(p, -(int)(next_random(&st) % 40));
		switch (i % 6) {
		case 0:
			snprintf(buf, sizeof buf, "%.17g", p);
			break;
		case 1:
			snprintf(buf, sizeof buf, "%.6f", p);
			break;
		case 2:
			snprintf(buf, sizeof buf, "%.18e", p);
			break;
		case 3:
			snprintf(buf, sizeof buf, "%.2f", p);
			break;
		case 4:
			snprintf(buf, sizeof buf, "%.15g", p);
			break;
		default:
			snprintf(buf, sizeof buf, "%.3g", p);
			break;
		}
		check_against_strtod(buf, c);
		if (i % 6 == 0) {
			double v;
			assert_int_equal(parse(buf, &v), NUMBER_OK);
			assert_true(v == p);
		}
	}
	freelocale(c);
}

static void
test_number_hard_cases_match_strtod(void **state)
{
	static const char *const cases[] = {
		"9007199254740993",	/* 2^53 + 1: a halfway case */
		"9007199254740992", "9007199254740994e-22",
		"1e22", "1e23", "1e-22", "1e-23", "123456789012345678",
		"1234567890123456789", "12345678901234567890",
		"0.1", "0.2", "0.3", "0.7", "0.30000000000000004",
		"0.000000000000000000000000000001", "1000000000000000000000.0",
		"2.2250738585072014e-308",
		"1.7976931348623157e308", "0e999", "0.0e-999", "00000.00000",
		"1.", "007", "-.5", "+1e+2", "1E-0",
	};
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);

	(void)state;
	assert_non_null(c);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_against_strtod(cases[i], c);
	freelocale(c);
}

static void
test_number_accepted_spellings_parse(void **state)
{
	double v;

	(void)state;
	assert_int_equal(parse(".25", &v), NUMBER_OK);
	assert_true(v == 0.25);
	assert_int_equal(parse("2.500000000000000000e-01", &v), NUMBER_OK);
	assert_true(v == 0.25);
	assert_int_equal(parse("2.5e-01", &v), NUMBER_OK);
	assert_true(v == 0.25);
	assert_int_equal(parse("1", &v), NUMBER_OK);
	assert_true(v == 1.0);
	assert_int_equal(parse("0", &v), NUMBER_OK);
	assert_true(v == 0.0);
}

static void
test_number_negative_zero_reads_as_positive_zero(void **state)
{
	static const char *const zeros[] = {
		"-0", "-0.0", "-0e5", "-0.000000000000000000000000",
		"-1e-400000",
	};
	double v;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		v = -1.0;
		assert_int_equal(parse(zeros[i], &v), NUMBER_OK);
		assert_true(v == 0.0 && !signbit(v));
	}
	/* A non-zero value too small for a double is not a zero. */
	assert_int_equal(parse(zeros[4], &v), NUMBER_UNDERFLOW);
}

static void
test_number_nan_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("nan", &v), NUMBER_NAN);
	assert_int_equal(parse("NaN", &v), NUMBER_NAN);
	assert_int_equal(parse("-nan(123)", &v), NUMBER_NAN);
	assert_true(v == 7.0);
}

static void
test_number_infinity_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("inf", &v), NUMBER_INF);
	assert_int_equal(parse("-Infinity", &v), NUMBER_INF);
	assert_int_equal(parse("+INF", &v), NUMBER_INF);
	assert_true(v == 7.0);
}

static void
test_number_hexadecimal_float_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("0x1p-3", &v), NUMBER_HEX);
	assert_int_equal(parse("-0X10", &v), NUMBER_HEX);
	assert_true(v == 7.0);
}

static void
test_number_overflow_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("1e309", &v), NUMBER_OVERFLOW);
	assert_int_equal(parse("-2e308", &v), NUMBER_OVERFLOW);
	assert_true(v == 7.0);
}

/*
 * Below the normal range the status says so, and the value is strtod_l's
 * nearest double all the same: a subnormal, or 0 (never -0).
 */
static void
test_number_underflow_is_flagged_with_the_nearest_double(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	double v = 7.0;

	(void)state;
	assert_non_null(c);
	assert_int_equal(parse("1e-400", &v), NUMBER_UNDERFLOW);
	assert_true(v == 0.0 && !signbit(v));
	v = 7.0;
	assert_int_equal(parse("-1e-400", &v), NUMBER_UNDERFLOW);
	assert_true(v == 0.0 && !signbit(v));
	assert_int_equal(parse("1e-310", &v), NUMBER_UNDERFLOW);
	assert_true(bits_of(v) == bits_of(strtod_l("1e-310", NULL, c)));
	assert_true(v > 0.0);
	freelocale(c);
}

/*
 * A subnormal written in full positional form, far beyond any fixed
 * buffer: 5e-324 with 330 decimals, and 2.5e-310 written exactly (the
 * digits of the double, 800 characters and more).
 */
static void
test_number_long_positional_subnormals_are_read_exactly(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	enum number_status st;
	char text[1200];
	double v, ref;

	(void)state;
	assert_non_null(c);
	snprintf(text, sizeof text, "%.330f", 5e-324);
	assert_true(strlen(text) > 128);
	ref = strtod_l(text, NULL, c);
	assert_true(ref > 0.0);
	v = 7.0;
	assert_int_equal(parse(text, &v), NUMBER_UNDERFLOW);
	assert_true(bits_of(v) == bits_of(ref));

	/* Written exactly, the subnormal is no rounding: strtod_l does not
	 * flag it, and neither need the parser; the value is what counts. */
	snprintf(text, sizeof text, "%.1100f", 2.5e-310);
	assert_true(strlen(text) > 1000);
	v = 7.0;
	st = parse(text, &v);
	assert_true(st == NUMBER_OK || st == NUMBER_UNDERFLOW);
	assert_true(v == 2.5e-310);
	freelocale(c);
}

static void
test_number_trailing_junk_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("1e5x", &v), NUMBER_JUNK);
	assert_int_equal(parse("0.5.1", &v), NUMBER_JUNK);
	assert_int_equal(parse("1e", &v), NUMBER_JUNK);
	assert_int_equal(parse("abc", &v), NUMBER_JUNK);
	assert_int_equal(parse("0.5;0.2", &v), NUMBER_JUNK);
	assert_int_equal(parse(".", &v), NUMBER_JUNK);
	assert_int_equal(number_parse("0.5\0", 4, &v), NUMBER_JUNK);
	assert_true(v == 7.0);
}

static void
test_number_decimal_comma_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("0,5", &v), NUMBER_DECIMAL_COMMA);
	assert_int_equal(parse("12,25", &v), NUMBER_DECIMAL_COMMA);
	assert_true(v == 7.0);
}

static void
test_number_surrounding_spaces_are_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse(" 0.5", &v), NUMBER_SPACES);
	assert_int_equal(parse("0.5\t", &v), NUMBER_SPACES);
	assert_true(v == 7.0);
}

static void
test_number_empty_field_is_rejected(void **state)
{
	double v = 7.0;

	(void)state;
	assert_int_equal(parse("", &v), NUMBER_EMPTY);
	assert_int_equal(parse("   ", &v), NUMBER_EMPTY);
	assert_true(v == 7.0);
}

/* The parser reads only len bytes: no terminator is needed. */
static void
test_number_reads_only_the_counted_bytes(void **state)
{
	const char field[] = { '0', '.', '2', '5', '7' };
	double v;

	(void)state;
	assert_int_equal(number_parse(field, 4, &v), NUMBER_OK);
	assert_true(v == 0.25);
	assert_int_equal(number_parse("1e5x", 3, &v), NUMBER_OK);
	assert_true(v == 1e5);
}

/* number_format(): the shortest text that reads back as the same double. */
static void
test_number_format_reads_back_as_the_same_double(void **state)
{
	static const double values[] = {
		0.25, 0.1, 1.0 / 3, 0.8720599872407769, 7.894788428557715e-16,
		1e-300, 5e-324, 0.9999999999999999, 123456.789, -2.5,
	};
	char buf[NUMBER_BUF];
	enum number_status st;
	double back;

	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		number_format(values[i], buf);
		/* 5e-324 is subnormal: read exactly, as an underflow. */
		st = number_parse(buf, strlen(buf), &back);
		assert_true(st == NUMBER_OK || st == NUMBER_UNDERFLOW);
		assert_true(back == values[i]);
	}
	assert_string_equal(number_format(0.25, buf), "0.25");
	assert_string_equal(number_format(-0.0, buf), "0");
	assert_string_equal(number_format(10000, buf), "10000");
	assert_string_equal(number_format(0.1, buf), "0.1");
}

/* number_format_as(): printf's conversions, as people read them. */
static void
test_number_format_as_writes_printf_conversions(void **state)
{
	char buf[NUMBER_BUF];

	(void)state;
	assert_string_equal(number_format_as(0.87206, NUMBER_FIXED, 4, buf),
	    "0.8721");
	assert_string_equal(number_format_as(8.0558, NUMBER_FIXED, 2, buf),
	    "8.06");
	assert_string_equal(number_format_as(0.0271, NUMBER_SIG, 3, buf),
	    "0.0271");
	assert_string_equal(number_format_as(0.5, NUMBER_SIG_ZEROS, 4, buf),
	    "0.5000");
	/* A trailing point is dropped: "1234", not "1234.". */
	assert_string_equal(number_format_as(1234, NUMBER_SIG_ZEROS, 4, buf),
	    "1234");
	assert_string_equal(number_format_as(7.894788e-16, NUMBER_SCI, 3, buf),
	    "7.89e-16");
	assert_string_equal(number_format_as(0.1, NUMBER_SIG, 17, buf),
	    "0.10000000000000001");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_number_random_decimals_match_strtod_bit_for_bit),
		cmocka_unit_test(test_number_printed_doubles_read_back_exactly),
		cmocka_unit_test(test_number_hard_cases_match_strtod),
		cmocka_unit_test(test_number_accepted_spellings_parse),
		cmocka_unit_test(
		    test_number_negative_zero_reads_as_positive_zero),
		cmocka_unit_test(test_number_nan_is_rejected),
		cmocka_unit_test(test_number_infinity_is_rejected),
		cmocka_unit_test(test_number_hexadecimal_float_is_rejected),
		cmocka_unit_test(test_number_overflow_is_rejected),
		cmocka_unit_test(
		    test_number_underflow_is_flagged_with_the_nearest_double),
		cmocka_unit_test(
		    test_number_long_positional_subnormals_are_read_exactly),
		cmocka_unit_test(test_number_trailing_junk_is_rejected),
		cmocka_unit_test(test_number_decimal_comma_is_rejected),
		cmocka_unit_test(test_number_surrounding_spaces_are_rejected),
		cmocka_unit_test(test_number_empty_field_is_rejected),
		cmocka_unit_test(test_number_reads_only_the_counted_bytes),
		cmocka_unit_test(
		    test_number_format_reads_back_as_the_same_double),
		cmocka_unit_test(
		    test_number_format_as_writes_printf_conversions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
