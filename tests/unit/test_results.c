/*
 * test_results.c: the results validator.  One test per rule of SPEC's
 * "Results files", per diagnosis and per warning, then every fixture of
 * fixtures/csv against its manifest, then the big inputs, generated here at
 * run time: a 5 MB line, 500 bad values, a 100 MB file.
 *
 * Run from the repository root, so that fixtures/csv/... can be found.
 */
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "problems.h"
#include "results.h"

#define MAX_LINE 4096

struct parsed {
	struct results_file r;
	struct problem_list *pl;
	enum gr_status st;
};

static void
parse_bytes(struct parsed *p, const void *data, size_t len, size_t rows)
{
	p->pl = problems_new();
	assert_non_null(p->pl);
	p->st = results_parse("results1.csv", data, len, rows, MAX_LINE, &p->r,
			      p->pl);
}

static void
parse(struct parsed *p, const char *text, size_t rows)
{
	parse_bytes(p, text, strlen(text), rows);
}

static void
release(struct parsed *p)
{
	results_release(&p->r);
	problems_free(p->pl);
}

/* Problems in the list, summaries counting as one entry. */
static size_t
entries(const struct parsed *p)
{
	return p->pl->count;
}

/*
 * Asserts that code occurs count times (summaries counting what they stand
 * for), and that its first occurrence has the severity and line.
 */
static void
expect(const struct parsed *p, const char *code, enum problem_severity sev,
       long line, size_t count)
{
	const struct problem *q = problems_find(p->pl, code);

	if (q == NULL)
		fail_msg("no %s problem", code);
	assert_int_equal(problems_count_code(p->pl, code), count);
	assert_int_equal(q->severity, sev);
	assert_int_equal(q->line, line);
	assert_string_equal(q->file, "results1.csv");
	assert_non_null(q->message);
	assert_non_null(q->hint);
}

static void
expect_message_has(const struct parsed *p, const char *code, const char *part)
{
	const struct problem *q = problems_find(p->pl, code);

	assert_non_null(q);
	if (strstr(q->message, part) == NULL)
		fail_msg("%s message \"%s\" lacks \"%s\"", code, q->message,
			 part);
}

static void
expect_hint_has(const struct parsed *p, const char *code, const char *part)
{
	const struct problem *q = problems_find(p->pl, code);

	assert_non_null(q);
	if (strstr(q->hint, part) == NULL)
		fail_msg("%s hint \"%s\" lacks \"%s\"", code, q->hint, part);
}

/* Ten distinct probabilities, one per line, so that no warning fires. */
static const char TEN[] =
    "0.91\n0.08\n0.5\n0.33\n0.72\n0.15\n0.64\n0.27\n0.99\n0.01\n";
static const double TEN_VALUES[] = {
	0.91, 0.08, 0.5, 0.33, 0.72, 0.15, 0.64, 0.27, 0.99, 0.01,
};

/* Builds "v\n" for n rows with distinct values, with line k (1-based)
 * replaced by bad when k is in lines[]. */
static char *
rows_text(size_t n, const char *sep, const size_t *lines, size_t nlines,
	  const char *bad)
{
	size_t cap = n * 32 + 64, o = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		int replaced = 0;
		for (size_t k = 0; k < nlines; k++)
			if (lines[k] == i + 1)
				replaced = 1;
		if (replaced)
			o += (size_t)snprintf(s + o, cap - o, "%s%s", bad, sep);
		else
			o += (size_t)snprintf(s + o, cap - o, "%.17g%s",
					      (double)(i + 1) / (double)(n + 1),
					      sep);
	}
	return s;
}

/* --- Accepted forms. ---------------------------------------------------- */

static void
test_plain_decimals_are_read_in_file_order(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, TEN, 10);
	assert_int_equal(p.st, GR_OK);
	assert_true(p.r.valid);
	assert_int_equal(p.r.rows, 10);
	assert_int_equal(entries(&p), 0);
	for (size_t i = 0; i < 10; i++)
		assert_true(p.r.values[i] == TEN_VALUES[i]);
	release(&p);
}

static void
test_every_accepted_number_form_is_read(void **state)
{
	struct parsed p;
	const double want[] = { 0.25, 0.25, 1, 0, 0.25, 0.25 };

	(void)state;
	parse(&p, "0.25\n.25\n1\n0\n2.5e-01\n2.500000000000000000e-01\n", 6);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	for (size_t i = 0; i < 6; i++)
		assert_true(p.r.values[i] == want[i]);
	release(&p);
}

static void
test_numpy_18e_values_are_read_bit_for_bit(void **state)
{
	char text[1024];
	size_t o = 0;
	struct parsed p;

	(void)state;
	for (size_t i = 0; i < 10; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "%.18e\n",
				      TEN_VALUES[i] / 3.0);
	parse(&p, text, 10);
	assert_int_equal(p.st, GR_OK);
	for (size_t i = 0; i < 10; i++)
		assert_memory_equal(&p.r.values[i],
				    &(double){ TEN_VALUES[i] / 3.0 },
				    sizeof(double));
	release(&p);
}

static void
test_pandas_without_index_and_header_is_accepted(void **state)
{
	struct parsed p;

	(void)state;
	/* pd.Series(p).to_csv(index=False, header=False): repr digits. */
	parse(&p, "0.9123456789012345\n0.08\n0.5\n0.3333333333333333\n0.72\n"
		  "0.15\n0.64\n0.27\n0.99\n0.01\n", 10);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	assert_true(p.r.values[3] == 1.0 / 3.0);
	release(&p);
}

static void
test_excel_crlf_with_bom_is_accepted_with_a_bom_warning(void **state)
{
	const char text[] = "\xEF\xBB\xBF" "0.91\r\n0.08\r\n0.5\r\n0.33\r\n"
			    "0.72\r\n0.15\r\n0.64\r\n0.27\r\n0.99\r\n0.01\r\n";
	struct parsed p;

	(void)state;
	parse(&p, text, 10);
	assert_int_equal(p.st, GR_OK);
	assert_true(p.r.valid);
	assert_true(p.r.bom);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.bom", PROBLEM_WARNING, 1, 1);
	assert_true(p.r.values[0] == 0.91);
	assert_true(p.r.values[9] == 0.01);
	release(&p);
}

static void
test_missing_final_newline_is_accepted(void **state)
{
	struct parsed p;

	(void)state;
	parse_bytes(&p, TEN, strlen(TEN) - 1, 10);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(p.r.rows, 10);
	assert_true(p.r.values[9] == 0.01);
	release(&p);
}

static void
test_one_trailing_blank_line_is_accepted(void **state)
{
	char text[256];
	struct parsed p;

	(void)state;
	snprintf(text, sizeof text, "%s\n", TEN);
	parse(&p, text, 10);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	assert_int_equal(p.r.rows, 10);
	release(&p);
}

static void
test_a_value_in_double_quotes_is_accepted(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"0.25\"\n\"1\"\n0.5\n", 3);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	assert_true(p.r.values[0] == 0.25);
	assert_true(p.r.values[1] == 1.0);
	release(&p);
}

static void
test_lone_cr_line_ends_are_accepted(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.25\r0.5\r0.75\r", 3);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	assert_true(p.r.values[2] == 0.75);
	release(&p);
}

static void
test_cr_cr_lf_is_one_line_end(void **state)
{
	struct parsed p;

	(void)state;
	/* Python's csv module through a Windows text-mode file. */
	parse(&p, "0.25\r\r\n0.5\r\r\n0.75\r\r\n", 3);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	release(&p);
}

static void
test_negative_zero_is_stored_as_positive_zero(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "-0\n-0.0e5\n0.5\n", 3);
	assert_int_equal(p.st, GR_OK);
	assert_true(p.r.values[0] == 0.0 && !signbit(p.r.values[0]));
	assert_true(p.r.values[1] == 0.0 && !signbit(p.r.values[1]));
	release(&p);
}

static void
test_underflow_is_accepted_as_the_nearest_double(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "1e-400\n4.940656458412465442e-324\n2.2250738585072e-310\n"
		  "0.5\n", 4);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	assert_true(p.r.values[0] == 0.0);
	assert_true(p.r.values[1] == 4.9406564584124654e-324);
	assert_true(p.r.values[2] > 0.0 && p.r.values[2] < 2.3e-310);
	release(&p);
}

static void
test_any_row_count_is_accepted_when_none_is_expected(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.25\n0.5\n0.75\n", 0);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(p.r.rows, 3);
	assert_true(p.r.values[2] == 0.75);
	release(&p);
}

static void
test_no_rows_is_rejected_even_when_none_is_expected(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "score\n", 0);
	assert_int_equal(p.st, GR_INVALID);
	expect(&p, "csv.header", PROBLEM_ERROR, 1, 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.row_count", "a header and no rows");
	release(&p);
}

/* --- Shape diagnoses. ---------------------------------------------------- */

static void
test_a_header_is_one_problem_and_the_row_count_says_so(void **state)
{
	char text[256];
	struct parsed p;

	(void)state;
	snprintf(text, sizeof text, "prediction\n%s", TEN);
	parse(&p, text, 10);
	assert_int_equal(p.st, GR_INVALID);
	assert_false(p.r.valid);
	assert_int_equal(p.r.rows, 10);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.header", PROBLEM_ERROR, 1, 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.header", "'prediction'");
	expect_message_has(&p, "csv.row_count",
			   "11 lines: a header plus 10 rows; expected 10 rows");
	assert_null(problems_find(p.pl, "csv.not_a_number"));
	release(&p);
}

static void
test_the_row_count_message_groups_thousands(void **state)
{
	char *body = rows_text(10000, "\n", NULL, 0, ""), *text;
	struct parsed p;

	(void)state;
	assert_true(asprintf(&text, "y\n%s", body) > 0);
	parse(&p, text, 10000);
	expect_message_has(&p, "csv.row_count",
			   "10,001 lines: a header plus 10,000 rows; "
			   "expected 10,000 rows");
	expect_hint_has(&p, "csv.row_count", "Remove the header line");
	release(&p);
	free(text);
	free(body);
}

static void
test_pandas_default_is_an_index_column_with_the_header_noted(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, ",0\n0,0.91\n1,0.08\n2,0.5\n3,0.33\n4,0.72\n5,0.15\n"
		  "6,0.64\n7,0.27\n8,0.99\n9,0.01\n", 10);
	assert_int_equal(p.st, GR_INVALID);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.index_column", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.index_column", "header (',0')");
	expect_hint_has(&p, "csv.index_column", "index=False, header=False");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.row_count", "a header plus 10 rows");
	/* The values column is still read and checked. */
	assert_int_equal(p.r.rows, 10);
	assert_true(p.r.values[9] == 0.01);
	release(&p);
}

static void
test_an_index_column_without_header_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0,0.91\n1,0.08\n2,0.5\n3,0.33\n4,nan\n", 5);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.index_column", PROBLEM_ERROR, 1, 1);
	/* A mistake in the values column is found in the same run. */
	expect(&p, "csv.nan", PROBLEM_ERROR, 5, 1);
	release(&p);
}

static void
test_both_class_probabilities_are_diagnosed(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.09,0.91\n0.92,0.08\n0.5,0.5\n0.67,0.33\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.two_class_columns", PROBLEM_ERROR, 1, 1);
	expect_hint_has(&p, "csv.two_class_columns", "[:, 1]");
	assert_true(p.r.values[0] == 0.91);
	release(&p);
}

static void
test_r_write_csv_output_is_diagnosed(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"\",\"x\"\n\"1\",0.91\n\"2\",0.08\n\"3\",0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.r_write_csv", PROBLEM_ERROR, 1, 1);
	expect_hint_has(&p, "csv.r_write_csv", "row.names = FALSE");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	assert_null(problems_find(p.pl, "csv.header"));
	assert_null(problems_find(p.pl, "csv.index_column"));
	release(&p);
}

static void
test_semicolons_and_decimal_commas_are_one_export_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "1;0,91\n2;0,08\n3;0,5\n4;0,33\n", 4);
	expect(&p, "csv.semicolon", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.semicolon", "decimals written with ','");
	expect(&p, "csv.index_column", PROBLEM_ERROR, 1, 1);
	assert_int_equal(entries(&p), 2);
	assert_true(p.r.values[0] == 0.91);
	release(&p);
}

static void
test_a_decimal_comma_column_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0,91\n0,08\n0,5\n1\n0,33\n", 5);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.decimal_comma", PROBLEM_ERROR, 1, 1);
	assert_true(p.r.values[1] == 0.08);
	assert_true(p.r.values[3] == 1.0);
	release(&p);
}

static void
test_a_quoted_decimal_comma_is_found_on_its_line(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n\"0,08\"\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.decimal_comma", PROBLEM_ERROR, 2, 1);
	release(&p);
}

static void
test_a_blank_line_inside_is_located_and_counted(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.08\n\n0.5\n0.33\n", 4);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 3, 1);
	expect_message_has(&p, "csv.blank_line", "shifted");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.row_count", "5 rows; expected 4 (1 of "
			   "them blank)");
	release(&p);
}

static void
test_a_blank_line_for_a_missing_value_keeps_the_count(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 2, 1);
	release(&p);
}

static void
test_two_trailing_blank_lines_make_one_blank_row(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.5\n\n\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 3, 1);
	assert_int_equal(p.r.rows, 3);
	release(&p);
}

static void
test_values_on_one_line_are_one_columns_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91,0.08,0.5,0.33\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.columns", "all 4 values are on one line");
	release(&p);
}

static void
test_extra_columns_are_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.9,0.3,0.2\n0.1,0.2,0.3\n0.5,0.5,0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.columns", "3 columns");
	release(&p);
}

static void
test_a_stray_second_field_is_found_on_its_line(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.08,\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 2, 1);
	release(&p);
}

static void
test_percentages_are_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "91\n8\n50\n33\n0.5\n", 5);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.percent", PROBLEM_ERROR, 1, 1);
	expect_hint_has(&p, "csv.percent", "Divide every value by 100");
	assert_null(problems_find(p.pl, "csv.out_of_range"));
	release(&p);
}

static void
test_utf16_is_saved_as_unicode_text(void **state)
{
	const unsigned char le[] = { 0xFF, 0xFE, '0', 0, '.', 0, '5', 0,
				     '\r', 0, '\n', 0 };
	const unsigned char be[] = { 0xFE, 0xFF, 0, '0', 0, '.', 0, '5' };
	const unsigned char bare[] = { '0', 0, '.', 0, '5', 0, '\n', 0 };
	struct parsed p;

	(void)state;
	parse_bytes(&p, le, sizeof le, 1);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.utf16", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.utf16", "saved as Unicode text");
	release(&p);
	parse_bytes(&p, be, sizeof be, 1);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.utf16", PROBLEM_ERROR, 0, 1);
	release(&p);
	parse_bytes(&p, bare, sizeof bare, 1);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.utf16", PROBLEM_ERROR, 0, 1);
	release(&p);
}

static void
test_a_workbook_named_csv_is_not_text(void **state)
{
	const unsigned char zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0 };
	struct parsed p;

	(void)state;
	parse_bytes(&p, zip, sizeof zip, 1);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.binary", PROBLEM_ERROR, 0, 1);
	release(&p);
}

static void
test_an_empty_file_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse_bytes(&p, "", 0, 10);
	assert_int_equal(p.st, GR_INVALID);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.empty_file", PROBLEM_ERROR, 0, 1);
	release(&p);
}

static void
test_a_file_of_blank_lines_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\n\r\n  \n\n", 10);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.empty_file", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.empty_file", "only blank lines");
	release(&p);
}

/* --- Problems of one line. ---------------------------------------------- */

/* Parses TEN with line 4 replaced by bad; expects exactly one problem. */
static void
one_bad_line(const char *bad, const char *code, const char *part)
{
	char text[256];
	struct parsed p;

	snprintf(text, sizeof text, "0.91\n0.08\n0.5\n%s\n0.72\n0.15\n0.64\n"
		 "0.27\n0.99\n0.01\n", bad);
	parse(&p, text, 10);
	assert_int_equal(p.st, GR_INVALID);
	if (entries(&p) != 1)
		fail_msg("'%s': %zu problems, first %s", bad, entries(&p),
			 p.pl->items[0].code);
	expect(&p, code, PROBLEM_ERROR, 4, 1);
	if (part != NULL)
		expect_message_has(&p, code, part);
	assert_int_equal(p.r.rows, 10);
	release(&p);
}

static void
test_nan_is_a_missing_prediction(void **state)
{
	(void)state;
	one_bad_line("nan", "csv.nan", "'nan'");
	one_bad_line("NaN", "csv.nan", NULL);
	one_bad_line("nan(0x7)", "csv.nan", NULL);
	one_bad_line("NA", "csv.nan", "'NA'");
	one_bad_line("None", "csv.nan", NULL);
}

static void
test_inf_is_rejected(void **state)
{
	(void)state;
	one_bad_line("inf", "csv.inf", "'inf'");
	one_bad_line("-Infinity", "csv.inf", NULL);
}

static void
test_hexadecimal_floats_are_rejected(void **state)
{
	(void)state;
	one_bad_line("0x1p-3", "csv.hex_float", "'0x1p-3'");
}

static void
test_trailing_junk_is_named(void **state)
{
	(void)state;
	one_bad_line("1e5x", "csv.not_a_number", "'x' follows the number");
	one_bad_line("0.5%", "csv.not_a_number", "'%' follows");
	one_bad_line("high", "csv.not_a_number", "'high' is not a number");
}

static void
test_surrounding_spaces_are_rejected_with_a_hint(void **state)
{
	(void)state;
	one_bad_line(" 0.33", "csv.spaces", NULL);
	one_bad_line("0.33\t", "csv.spaces", NULL);
}

static void
test_an_empty_value_is_rejected(void **state)
{
	(void)state;
	one_bad_line("\"\"", "csv.empty_value", NULL);
}

static void
test_values_outside_zero_one_are_rejected(void **state)
{
	(void)state;
	one_bad_line("-0.2", "csv.out_of_range", "-0.2 is outside [0, 1]");
	one_bad_line("1.5", "csv.out_of_range", "1.5 is outside [0, 1]");
	one_bad_line("1e309", "csv.out_of_range", "beyond the range");
	one_bad_line("-1e309", "csv.out_of_range", NULL);
}

static void
test_a_nul_byte_is_located(void **state)
{
	const char text[] = "0.91\n0.08\n0.\0005\n";
	struct parsed p;

	(void)state;
	parse_bytes(&p, text, sizeof text - 1, 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.nul_byte", PROBLEM_ERROR, 3, 1);
	expect_message_has(&p, "csv.nul_byte", "column 3");
	release(&p);
}

static void
test_an_unterminated_quote_stays_on_its_line(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n\"0.08\n0.5\nnan\n", 4);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.unterminated_quote", PROBLEM_ERROR, 2, 1);
	/* The rest of the file is still read. */
	expect(&p, "csv.nan", PROBLEM_ERROR, 4, 1);
	assert_true(p.r.values[2] == 0.5);
	release(&p);
}

static void
test_a_line_over_the_limit_is_rejected(void **state)
{
	char text[MAX_LINE + 64];
	struct parsed p;

	(void)state;
	memset(text, '5', sizeof text);
	memcpy(text, "0.91\n0.", 7);
	memcpy(text + 7 + MAX_LINE, "\n0.5\n", 6);
	parse(&p, text, 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.line_too_long", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.line_too_long", "the limit is 4,096");
	release(&p);
}

static void
test_a_five_megabyte_line_is_one_problem(void **state)
{
	size_t big = 5u << 20;
	char *text = malloc(big + 32);
	struct parsed p;

	(void)state;
	assert_non_null(text);
	memcpy(text, "0.5\n", 4);
	memset(text + 4, '7', big);
	memcpy(text + 4 + big, "\n0.25\n", 7);
	parse(&p, text, 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.line_too_long", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.line_too_long", "5,242,880 bytes");
	assert_true(p.r.values[2] == 0.25);
	release(&p);
	free(text);
}

static void
test_wrong_row_counts_say_how_many(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.08\n0.5\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.row_count", "3 rows; expected 4");
	release(&p);
	parse(&p, "0.91\n0.08\n0.5\n", 2);
	expect_message_has(&p, "csv.row_count", "3 rows; expected 2");
	release(&p);
}

static void
test_a_zero_header_is_suspected_from_the_row_count(void **state)
{
	struct parsed p;

	(void)state;
	/* pandas' header for an unnamed column is 0: a valid value. */
	parse(&p, "0\n0.91\n0.08\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_hint_has(&p, "csv.row_count", "header=False");
	release(&p);
}

static void
test_every_problem_of_a_file_is_reported_in_one_run(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.08\nnan\n0.33\n-0.2\n0.15\n\n0.27\n0x1p-3\n1e5x\n"
		  " 0.5\n\"0.4\n", 12);
	expect(&p, "csv.nan", PROBLEM_ERROR, 3, 1);
	expect(&p, "csv.out_of_range", PROBLEM_ERROR, 5, 1);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 7, 1);
	expect(&p, "csv.hex_float", PROBLEM_ERROR, 9, 1);
	expect(&p, "csv.not_a_number", PROBLEM_ERROR, 10, 1);
	expect(&p, "csv.spaces", PROBLEM_ERROR, 11, 1);
	expect(&p, "csv.unterminated_quote", PROBLEM_ERROR, 12, 1);
	assert_int_equal(entries(&p), 7);
	release(&p);
}

/* 500 copies of bad among 10,000 rows: 20 in full and one summary of 480. */
static void
five_hundred_bad(const char *bad, const char *code)
{
	size_t lines[500];
	char *text;
	struct parsed p;
	size_t full = 0;
	const struct problem *summary = NULL;

	for (size_t i = 0; i < 500; i++)
		lines[i] = 7 + i * 19;
	text = rows_text(10000, "\n", lines, 500, bad);
	parse(&p, text, 10000);
	assert_int_equal(p.st, GR_INVALID);
	assert_int_equal(problems_count_code(p.pl, code), 500);
	for (size_t i = 0; i < p.pl->count; i++) {
		const struct problem *q = &p.pl->items[i];
		assert_string_equal(q->code, code);
		if (q->more > 0)
			summary = q;
		else
			assert_int_equal(q->line, (long)lines[full++]);
	}
	assert_int_equal(full, PROBLEMS_PER_KIND);
	assert_non_null(summary);
	assert_int_equal(summary->more, 480);
	assert_int_equal(entries(&p), PROBLEMS_PER_KIND + 1);
	release(&p);
	free(text);
}

static void
test_500_bad_values_list_20_and_count_the_rest(void **state)
{
	(void)state;
	five_hundred_bad("nan", "csv.nan");
}

static void
test_500_values_out_of_range_list_20_and_count_the_rest(void **state)
{
	(void)state;
	five_hundred_bad("-3.5", "csv.out_of_range");
}

/* --- Warnings. ---------------------------------------------------------- */

static void
test_labels_instead_of_probabilities_warn(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "1\n0\n0\n1\n1\n0\n0\n0\n1\n0\n", 10);
	assert_int_equal(p.st, GR_OK);
	assert_true(p.r.valid);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.labels_not_probabilities", PROBLEM_WARNING, 0, 1);
	release(&p);
}

static void
test_constant_values_warn(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.5\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5\n", 10);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.constant", PROBLEM_WARNING, 0, 1);
	release(&p);
}

static void
test_fewer_than_ten_distinct_values_warn(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.2\n0.4\n0.6\n0.2\n0.4\n0.6\n0.8\n0.2\n0.4\n0.6\n", 10);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.few_distinct", PROBLEM_WARNING, 0, 1);
	expect_message_has(&p, "csv.few_distinct", "only 4 distinct values");
	release(&p);
}

static void
test_a_byte_order_mark_warns(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\xEF\xBB\xBF" "0.5\n", 1);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.bom", PROBLEM_WARNING, 1, 1);
	release(&p);
}

static void
test_identical_results_files_warn(void **state)
{
	const char *b = "9.1e-1\n8e-2\n0.5\n0.33\n0.72\n0.15\n0.64\n0.27\n"
			"0.99\n0.01\n";
	const char *c = "0.91\n0.08\n0.5\n0.33\n0.72\n0.15\n0.64\n0.27\n"
			"0.99\n0.02\n";
	struct parsed pa, pb, pc;
	struct problem_list *pl = problems_new();

	(void)state;
	parse(&pa, TEN, 10);
	parse(&pb, b, 10);
	parse(&pc, c, 10);
	assert_int_equal(results_compare("results1.csv",
		(const unsigned char *)TEN, strlen(TEN), &pa.r, "results2.csv",
		(const unsigned char *)TEN, strlen(TEN), &pa.r, pl), GR_OK);
	assert_int_equal(pl->count, 1);
	assert_string_equal(pl->items[0].code, "csv.identical_files");
	assert_int_equal(pl->items[0].severity, PROBLEM_WARNING);
	assert_string_equal(pl->items[0].file, "results2.csv");
	assert_non_null(strstr(pl->items[0].message, "byte-identical"));
	problems_free(pl);

	pl = problems_new();
	results_compare("results1.csv", (const unsigned char *)TEN,
			strlen(TEN), &pa.r, "results2.csv",
			(const unsigned char *)b, strlen(b), &pb.r, pl);
	assert_int_equal(pl->count, 1);
	assert_non_null(strstr(pl->items[0].message, "the same values"));
	problems_free(pl);

	pl = problems_new();
	results_compare("results1.csv", (const unsigned char *)TEN,
			strlen(TEN), &pa.r, "results2.csv",
			(const unsigned char *)c, strlen(c), &pc.r, pl);
	assert_int_equal(pl->count, 0);
	problems_free(pl);
	release(&pa);
	release(&pb);
	release(&pc);
}

/* --- What real tools write. --------------------------------------------- */

/* No problem of the file suggests removing what follows a number. */
static void
expect_no_remove_fix(const struct parsed *p)
{
	for (size_t i = 0; i < p->pl->count; i++) {
		const char *h = p->pl->items[i].hint;
		if (h != NULL && strstr(h, "Remove '") != NULL)
			fail_msg("%s: fix \"%s\"", p->pl->items[i].code, h);
	}
}

static void
test_numpy_savetxt_of_predict_proba_is_one_two_class_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "8.999999999999996891e-02 9.100000000000000311e-01\n"
		  "9.200000000000000400e-01 8.000000000000000167e-02\n"
		  "5.000000000000000000e-01 5.000000000000000000e-01\n"
		  "6.699999999999999289e-01 3.300000000000000155e-01\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.two_class_columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.two_class_columns", "np.savetxt()");
	expect_hint_has(&p, "csv.two_class_columns", "last column");
	expect_hint_has(&p, "csv.two_class_columns", "predict_proba(X)");
	expect_hint_has(&p, "csv.two_class_columns",
			"np.savetxt(\"results1.csv\", proba[:, 1])");
	expect_no_remove_fix(&p);
	/* The positive class, the last column, is the one read. */
	assert_true(p.r.values[0] == 0.91);
	assert_true(p.r.values[3] == 0.33);
	release(&p);
}

static void
test_r_write_table_of_both_classes_names_the_call(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"\" \"p\"\n\"1\" 0.09 0.91\n\"2\" 0.92 0.08\n"
		  "\"3\" 0.5 0.5\n", 3);
	assert_int_equal(entries(&p), 3);
	expect(&p, "csv.r_write_table", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.r_write_table", "R's write.table()");
	expect_message_has(&p, "csv.r_write_table", "(\"\" \"p\")");
	expect_hint_has(&p, "csv.r_write_table", "write.table(probs[, 2], "
			"\"results1.csv\", row.names = FALSE, col.names = "
			"FALSE)");
	expect(&p, "csv.two_class_columns", PROBLEM_ERROR, 2, 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	assert_null(problems_find(p.pl, "csv.index_column"));
	assert_null(problems_find(p.pl, "csv.header"));
	assert_true(p.r.values[0] == 0.91);
	release(&p);
}

static void
test_r_write_table_without_names_is_two_class_columns(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.09 0.91\n0.92 0.08\n0.5 0.5\n0.67 0.33\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.two_class_columns", PROBLEM_ERROR, 1, 1);
	expect_hint_has(&p, "csv.two_class_columns", "[:, 1]");
	expect_hint_has(&p, "csv.two_class_columns", "write.table(probs[, 2]");
	expect_no_remove_fix(&p);
	assert_true(p.r.values[1] == 0.08);
	release(&p);
}

static void
test_r_write_table_defaults_are_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"x\"\n\"1\" 0.91\n\"2\" 0.08\n\"3\" 0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.r_write_table", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.r_write_table", "a header (\"x\")");
	expect_message_has(&p, "csv.r_write_table", "quoted row names");
	expect_hint_has(&p, "csv.r_write_table", "write.table(p, "
			"\"results1.csv\", row.names = FALSE, col.names = "
			"FALSE)");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	assert_true(p.r.values[0] == 0.91 && p.r.values[2] == 0.5);
	release(&p);

	/* quote = FALSE: the header is one name short of the rows. */
	parse(&p, "x\n1 0.91\n2 0.08\n3 0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.r_write_table", PROBLEM_ERROR, 1, 1);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	release(&p);
}

static void
test_r_write_five_values_a_line_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91 0.08 0.5 0.33 0.72\n0.15 0.64 0.27 0.99 0.01\n", 10);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.columns", "R's write() writes 5");
	expect_hint_has(&p, "csv.columns",
			"writeLines(format(p, digits = 17), \"results1.csv\")");
	expect_no_remove_fix(&p);
	release(&p);

	/* Twelve values: the last line holds two, and that is no problem. */
	parse(&p, "0.91 0.08 0.5 0.33 0.72\n0.15 0.64 0.27 0.99 0.01\n"
		  "0.2 0.3\n", 12);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	release(&p);

	/* A short line that is not the last is one. */
	parse(&p, "0.91 0.08 0.5 0.33 0.72\n0.2 0.3\n"
		  "0.15 0.64 0.27 0.99 0.01\n0.4 0.6 0.7 0.8 0.9\n", 17);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 2);
	assert_int_equal(p.pl->items[1].line, 2);
	release(&p);
}

static void
test_values_on_one_line_separated_by_spaces_are_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91 0.08 0.5 0.33\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.columns", "all 4 values are on one line, "
			   "separated by spaces");
	release(&p);
}

static void
test_several_values_on_a_line_never_get_a_remove_fix(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n0.08\n0.5 0.3\n0.33\n", 4);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 3, 1);
	expect_message_has(&p, "csv.columns", "several values separated by "
			   "spaces");
	expect_no_remove_fix(&p);
	release(&p);

	/* Three numpy columns: columns, not junk after a number. */
	parse(&p, "1.000000000000000000e+00 2.000000000000000000e-01 "
		  "3.000000000000000000e-01\n"
		  "2.000000000000000000e+00 4.000000000000000000e-01 "
		  "5.000000000000000000e-01\n", 2);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.columns", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.columns", "3 columns separated by spaces");
	expect_no_remove_fix(&p);
	release(&p);

	/* Junk that is no number still names what follows. */
	parse(&p, "0.91\n0.08 x\n0.5\n", 3);
	expect(&p, "csv.not_a_number", PROBLEM_ERROR, 2, 1);
	release(&p);
}

static void
test_a_value_with_spaces_around_it_stays_a_spaces_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, " 0.91 \n 0.08 \n 0.5 \n", 3);
	assert_int_equal(entries(&p), 3);
	expect(&p, "csv.spaces", PROBLEM_ERROR, 1, 3);
	release(&p);
}

static void
test_pandas_nan_is_an_empty_value_that_is_a_missing_prediction(void **state)
{
	struct parsed p;

	(void)state;
	/* pd.Series(...).to_csv(f, index=False, header=False) */
	parse(&p, "0.91\n\"\"\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.empty_value", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.empty_value", "a missing prediction");
	expect_message_has(&p, "csv.empty_value", "pandas writes NaN");
	release(&p);

	/* The same with index=True. */
	parse(&p, "0,0.91\n1,\n2,0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.index_column", PROBLEM_ERROR, 1, 1);
	expect(&p, "csv.empty_value", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.empty_value", "a missing prediction");
	release(&p);
}

static void
test_a_blank_line_is_a_missing_value_only_when_the_count_says_so(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "0.91\n\n0.5\n", 3);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.blank_line", "a missing prediction");
	release(&p);

	/* One row too many with it: a stray line. */
	parse(&p, "0.91\n\n0.5\n", 2);
	expect(&p, "csv.blank_line", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.blank_line", "shifted by one");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	release(&p);
}

/*
 * A probability below the normal range written in full, 330 decimals and
 * more than a thousand: read as strtod_l reads it in the C locale, not as
 * 0, so that the order of the values, and the AUC, survive.
 */
static void
test_long_positional_subnormals_are_read_exactly(void **state)
{
	static const double tiny[] = { 2.5e-310, 1e-311, 5e-324, 7.3e-309 };
	static const int decimals[] = { 330, 330, 330, 1200 };
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	char *text = malloc(8192), one[1300];
	size_t o = 0;
	struct parsed p;

	(void)state;
	assert_non_null(c);
	assert_non_null(text);
	for (size_t i = 0; i < 4; i++) {
		snprintf(one, sizeof one, "%.*f", decimals[i], tiny[i]);
		assert_true(strlen(one) > 128);
		o += (size_t)snprintf(text + o, 8192 - o, "%s\n", one);
	}
	parse(&p, text, 4);
	assert_int_equal(p.st, GR_OK);
	assert_int_equal(entries(&p), 0);
	for (size_t i = 0; i < 4; i++) {
		double want;
		snprintf(one, sizeof one, "%.*f", decimals[i], tiny[i]);
		want = strtod_l(one, NULL, c);
		assert_true(want > 0.0);
		assert_true(p.r.values[i] == want);
	}
	assert_true(p.r.values[0] > p.r.values[1]);
	assert_true(p.r.values[1] > p.r.values[2]);
	release(&p);
	free(text);
	freelocale(c);
}

static void
test_a_printed_numpy_array_is_one_problem(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "[0.89876543 0.07901235 0.49382716 0.32592593 0.71111111 "
		  "0.14814815\n 0.63209877 0.26666667 0.97777778 0.00987654]\n",
		  10);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.numpy_str", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.numpy_str", "printed numpy array");
	expect_hint_has(&p, "csv.numpy_str", "np.savetxt(\"results1.csv\", p)");
	release(&p);

	parse(&p, "[0.91 0.08 0.5  ... 0.27 0.99 0.01]\n", 10);
	assert_int_equal(entries(&p), 1);
	expect(&p, "csv.numpy_str", PROBLEM_ERROR, 1, 1);
	expect_message_has(&p, "csv.numpy_str", "'...' stands for values "
			   "left out");
	release(&p);

	parse(&p, "[[0.09 0.91]\n [0.92 0.08]\n [0.5  0.5 ]]\n", 3);
	assert_int_equal(entries(&p), 1);
	expect_message_has(&p, "csv.numpy_str", "2-D numpy array");
	expect_hint_has(&p, "csv.numpy_str", "proba[:, 1]");
	release(&p);

	parse(&p, "[1] 0.91 0.08 0.50 0.33\n[5] 0.72\n", 5);
	assert_int_equal(entries(&p), 1);
	expect_message_has(&p, "csv.numpy_str", "R's print()");
	release(&p);

	parse(&p, "[0.91, 0.08, 0.5]\n", 3);
	assert_int_equal(entries(&p), 1);
	expect_message_has(&p, "csv.numpy_str", "a list in brackets");
	release(&p);
}

static void
test_a_numpy_header_names_numpy(void **state)
{
	struct parsed p;
	const struct problem *q;

	(void)state;
	parse(&p, "# p\n9.100000000000000311e-01\n8.000000000000000167e-02\n"
		  "5.000000000000000000e-01\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.header", PROBLEM_ERROR, 1, 1);
	expect_hint_has(&p, "csv.header", "header= from np.savetxt()");
	q = problems_find(p.pl, "csv.header");
	assert_null(strstr(q->hint, "pandas"));
	assert_null(strstr(q->hint, "write.table"));
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	release(&p);
}

static void
test_an_explicit_id_column_is_not_blamed_on_pandas(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "id,prediction\n1001,0.91\n1002,0.08\n1003,0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.index_column", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.index_column", "('id') is an id column");
	assert_null(strstr(problems_find(p.pl, "csv.index_column")->message,
			   "pandas"));
	expect_hint_has(&p, "csv.index_column", "Drop the id column");
	expect_hint_has(&p, "csv.index_column", "df[\"prediction\"]");
	assert_true(p.r.values[0] == 0.91);
	release(&p);

	parse(&p, "id,p\n0,0.91\n1,0.08\n2,0.5\n", 3);
	expect(&p, "csv.index_column", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.index_column", "id column");
	release(&p);

	/* pandas' own index keeps the pandas wording: an empty name, or
	 * "Unnamed: 0" once read back and written again. */
	parse(&p, ",0\n0,0.91\n1,0.08\n2,0.5\n", 3);
	expect_message_has(&p, "csv.index_column", "pandas' to_csv()");
	release(&p);
	parse(&p, "Unnamed: 0,0\n0,0.91\n1,0.08\n2,0.5\n", 3);
	expect_message_has(&p, "csv.index_column", "pandas' to_csv()");
	release(&p);
}

static void
test_r_quoted_numeric_class_names_are_a_header(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"0\",\"1\"\n0.09,0.91\n0.92,0.08\n0.5,0.5\n", 3);
	assert_int_equal(entries(&p), 2);
	expect(&p, "csv.two_class_columns", PROBLEM_ERROR, 2, 1);
	expect_message_has(&p, "csv.two_class_columns", "R's write.csv()");
	expect_message_has(&p, "csv.two_class_columns", "(\"0\",\"1\")");
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	expect_message_has(&p, "csv.row_count", "a header plus 3 rows");
	assert_true(p.r.values[0] == 0.91);
	release(&p);

	/* One quoted value over unquoted ones stays a value. */
	parse(&p, "\"0.91\"\n0.08\n0.5\n", 3);
	assert_int_equal(p.st, GR_OK);
	release(&p);
}

/* --- Locale, memory, fixtures. ------------------------------------------ */

static void
test_parsing_ignores_the_numeric_locale(void **state)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8",
	};
	const char *text = "0.25\n2.500000000000000000e-01\n0.1\n"
			   "0.30000000000000004\n\"0.75\"\n";
	struct parsed c_parse, de_parse;
	const char *used = NULL;

	(void)state;
	parse(&c_parse, text, 5);
	assert_int_equal(c_parse.st, GR_OK);
	for (size_t i = 0; i < sizeof names / sizeof names[0] && !used; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			used = names[i];
	if (used == NULL) {
		used = setlocale(LC_NUMERIC, "C.UTF-8") ? "C.UTF-8" : "C";
		print_message("note: no locale with a decimal comma is "
			      "installed; checked with %s only\n", used);
	} else {
		/* The test means something only if the locale's decimal
		 * point really is a comma. */
		assert_string_equal(localeconv()->decimal_point, ",");
	}
	parse(&de_parse, text, 5);
	setlocale(LC_NUMERIC, "C");
	assert_int_equal(de_parse.st, GR_OK);
	assert_int_equal(entries(&de_parse), 0);
	assert_memory_equal(c_parse.r.values, de_parse.r.values,
			    5 * sizeof(double));
	assert_true(de_parse.r.values[3] == 0.1 + 0.2);
	release(&c_parse);
	release(&de_parse);
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
test_a_100_megabyte_file_grows_memory_only_by_the_values(void **state)
{
	const char row[] = "0.123456789\n";
	size_t big = 100u << 20, n = big / (sizeof row - 1), len;
	char *text = malloc(big);
	struct parsed p;
	long before, after;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * (sizeof row - 1), row, sizeof row - 1);
	len = n * (sizeof row - 1);
	before = max_rss_kb();
	parse_bytes(&p, text, len, 10000);
	after = max_rss_kb();
	assert_int_equal(p.st, GR_INVALID);
	assert_int_equal(p.r.rows, n);
	expect(&p, "csv.row_count", PROBLEM_ERROR, 0, 1);
	/* 10,000 doubles are 80 kB; allow for the allocator and sanitizers,
	 * far below what storing 8.7 million values would take (70 MB). */
	if (after - before > 8 * 1024)
		fail_msg("memory grew by %ld kB", after - before);
	release(&p);
	free(text);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

struct manifest_row {
	char file[128];
	char validity[16];
	char code[64];
	char line[16];
};

static void
check_fixture(const char *name, const struct manifest_row *rows, size_t n)
{
	char path[256];
	char *data;
	size_t len, listed = 0;
	struct parsed p;
	int valid = 0;

	if (snprintf(path, sizeof path, "fixtures/csv/%s", name) >=
	    (int)sizeof path)
		fail_msg("name too long: %s", name);
	data = read_file(path, &len);
	parse_bytes(&p, data, len, 10);
	for (size_t i = 0; i < n; i++) {
		const struct problem *q;

		if (strcmp(rows[i].file, name) != 0)
			continue;
		valid = strcmp(rows[i].validity, "valid") == 0;
		if (strcmp(rows[i].code, "-") == 0)
			continue;
		listed++;
		q = problems_find(p.pl, rows[i].code);
		if (q == NULL)
			fail_msg("%s: no %s", name, rows[i].code);
		if (q->line != atol(rows[i].line))
			fail_msg("%s: %s at line %ld, expected %s", name,
				 rows[i].code, q->line, rows[i].line);
		if (valid && q->severity != PROBLEM_WARNING)
			fail_msg("%s: %s is not a warning", name, q->code);
	}
	if (valid != (p.st == GR_OK) || valid != p.r.valid)
		fail_msg("%s: status %d, expected %s", name, p.st,
			 valid ? "valid" : "invalid");
	/* No code beyond those listed. */
	for (size_t k = 0; k < p.pl->count; k++) {
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(rows[i].file, name) == 0 &&
			    strcmp(rows[i].code, p.pl->items[k].code) == 0)
				break;
		if (i == n)
			fail_msg("%s: unexpected %s at line %ld: %s", name,
				 p.pl->items[k].code, p.pl->items[k].line,
				 p.pl->items[k].message);
	}
	(void)listed;
	release(&p);
	free(data);
}

static void
test_every_fixture_matches_the_manifest(void **state)
{
	FILE *f = fopen("fixtures/csv/EXPECTED", "r");
	struct manifest_row rows[256];
	size_t n = 0, checked = 0;
	char buf[512];
	DIR *dir;
	struct dirent *e;

	(void)state;
	if (f == NULL)
		fail_msg("fixtures/csv/EXPECTED not found: run from the "
			 "repository root");
	while (fgets(buf, sizeof buf, f) != NULL) {
		struct manifest_row *r = &rows[n];
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		assert_true(n < sizeof rows / sizeof rows[0]);
		if (sscanf(buf, "%127s %15s %63s %15s", r->file, r->validity,
			   r->code, r->line) != 4)
			fail_msg("bad manifest line: %s", buf);
		n++;
	}
	fclose(f);

	/* Every fixture is listed, and every listed file exists. */
	dir = opendir("fixtures/csv");
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		size_t i, len = strlen(e->d_name);
		if (len < 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(rows[i].file, e->d_name) == 0)
				break;
		if (i == n)
			fail_msg("fixtures/csv/%s is not in EXPECTED",
				 e->d_name);
		check_fixture(e->d_name, rows, n);
		checked++;
	}
	closedir(dir);
	for (size_t i = 0; i < n; i++) {
		char path[256];
		FILE *g;
		if (snprintf(path, sizeof path, "fixtures/csv/%s",
			     rows[i].file) >= (int)sizeof path)
			fail_msg("name too long: %s", rows[i].file);
		g = fopen(path, "rb");
		if (g == NULL)
			fail_msg("EXPECTED lists %s, which is missing",
				 rows[i].file);
		fclose(g);
	}
	assert_true(checked >= 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_decimals_are_read_in_file_order),
		cmocka_unit_test(test_every_accepted_number_form_is_read),
		cmocka_unit_test(test_numpy_18e_values_are_read_bit_for_bit),
		cmocka_unit_test(test_pandas_without_index_and_header_is_accepted),
		cmocka_unit_test(test_excel_crlf_with_bom_is_accepted_with_a_bom_warning),
		cmocka_unit_test(test_missing_final_newline_is_accepted),
		cmocka_unit_test(test_one_trailing_blank_line_is_accepted),
		cmocka_unit_test(test_a_value_in_double_quotes_is_accepted),
		cmocka_unit_test(test_lone_cr_line_ends_are_accepted),
		cmocka_unit_test(test_cr_cr_lf_is_one_line_end),
		cmocka_unit_test(test_negative_zero_is_stored_as_positive_zero),
		cmocka_unit_test(test_underflow_is_accepted_as_the_nearest_double),
		cmocka_unit_test(test_any_row_count_is_accepted_when_none_is_expected),
		cmocka_unit_test(test_no_rows_is_rejected_even_when_none_is_expected),
		cmocka_unit_test(test_a_header_is_one_problem_and_the_row_count_says_so),
		cmocka_unit_test(test_the_row_count_message_groups_thousands),
		cmocka_unit_test(test_pandas_default_is_an_index_column_with_the_header_noted),
		cmocka_unit_test(test_an_index_column_without_header_is_one_problem),
		cmocka_unit_test(test_both_class_probabilities_are_diagnosed),
		cmocka_unit_test(test_r_write_csv_output_is_diagnosed),
		cmocka_unit_test(test_semicolons_and_decimal_commas_are_one_export_problem),
		cmocka_unit_test(test_a_decimal_comma_column_is_one_problem),
		cmocka_unit_test(test_a_quoted_decimal_comma_is_found_on_its_line),
		cmocka_unit_test(test_a_blank_line_inside_is_located_and_counted),
		cmocka_unit_test(test_a_blank_line_for_a_missing_value_keeps_the_count),
		cmocka_unit_test(test_two_trailing_blank_lines_make_one_blank_row),
		cmocka_unit_test(test_values_on_one_line_are_one_columns_problem),
		cmocka_unit_test(test_extra_columns_are_one_problem),
		cmocka_unit_test(test_a_stray_second_field_is_found_on_its_line),
		cmocka_unit_test(test_percentages_are_one_problem),
		cmocka_unit_test(test_utf16_is_saved_as_unicode_text),
		cmocka_unit_test(test_a_workbook_named_csv_is_not_text),
		cmocka_unit_test(test_an_empty_file_is_one_problem),
		cmocka_unit_test(test_a_file_of_blank_lines_is_one_problem),
		cmocka_unit_test(test_nan_is_a_missing_prediction),
		cmocka_unit_test(test_inf_is_rejected),
		cmocka_unit_test(test_hexadecimal_floats_are_rejected),
		cmocka_unit_test(test_trailing_junk_is_named),
		cmocka_unit_test(test_surrounding_spaces_are_rejected_with_a_hint),
		cmocka_unit_test(test_an_empty_value_is_rejected),
		cmocka_unit_test(test_values_outside_zero_one_are_rejected),
		cmocka_unit_test(test_a_nul_byte_is_located),
		cmocka_unit_test(test_an_unterminated_quote_stays_on_its_line),
		cmocka_unit_test(test_a_line_over_the_limit_is_rejected),
		cmocka_unit_test(test_a_five_megabyte_line_is_one_problem),
		cmocka_unit_test(test_wrong_row_counts_say_how_many),
		cmocka_unit_test(test_a_zero_header_is_suspected_from_the_row_count),
		cmocka_unit_test(test_every_problem_of_a_file_is_reported_in_one_run),
		cmocka_unit_test(test_500_bad_values_list_20_and_count_the_rest),
		cmocka_unit_test(test_500_values_out_of_range_list_20_and_count_the_rest),
		cmocka_unit_test(test_labels_instead_of_probabilities_warn),
		cmocka_unit_test(test_constant_values_warn),
		cmocka_unit_test(test_fewer_than_ten_distinct_values_warn),
		cmocka_unit_test(test_a_byte_order_mark_warns),
		cmocka_unit_test(test_identical_results_files_warn),
		cmocka_unit_test(test_parsing_ignores_the_numeric_locale),
		cmocka_unit_test(test_a_100_megabyte_file_grows_memory_only_by_the_values),
		cmocka_unit_test(test_numpy_savetxt_of_predict_proba_is_one_two_class_problem),
		cmocka_unit_test(test_r_write_table_of_both_classes_names_the_call),
		cmocka_unit_test(test_r_write_table_without_names_is_two_class_columns),
		cmocka_unit_test(test_r_write_table_defaults_are_one_problem),
		cmocka_unit_test(test_r_write_five_values_a_line_is_one_problem),
		cmocka_unit_test(test_values_on_one_line_separated_by_spaces_are_one_problem),
		cmocka_unit_test(test_several_values_on_a_line_never_get_a_remove_fix),
		cmocka_unit_test(test_a_value_with_spaces_around_it_stays_a_spaces_problem),
		cmocka_unit_test(test_pandas_nan_is_an_empty_value_that_is_a_missing_prediction),
		cmocka_unit_test(test_a_blank_line_is_a_missing_value_only_when_the_count_says_so),
		cmocka_unit_test(test_long_positional_subnormals_are_read_exactly),
		cmocka_unit_test(test_a_printed_numpy_array_is_one_problem),
		cmocka_unit_test(test_a_numpy_header_names_numpy),
		cmocka_unit_test(test_an_explicit_id_column_is_not_blamed_on_pandas),
		cmocka_unit_test(test_r_quoted_numeric_class_names_are_a_header),
		cmocka_unit_test(test_every_fixture_matches_the_manifest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
