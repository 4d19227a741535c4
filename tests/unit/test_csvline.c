/* Unit tests of the line scanner and field splitter (grader/lib/csvline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "csvline.h"

/* Scans text and writes its lines into out as "a|b|c|". */
static void
lines_of(const char *text, char *out, size_t size)
{
	struct csvline_scanner sc;
	struct csvline l;
	size_t o = 0;

	csvline_scanner_init(&sc, text, strlen(text));
	while (csvline_next(&sc, &l)) {
		assert_true(o + l.n + 1 < size);
		memcpy(out + o, l.p, l.n);
		o += l.n;
		out[o++] = '|';
	}
	out[o] = '\0';
}

static void
test_csvline_every_line_end_ends_a_line_the_same_way(void **state)
{
	static const char *const files[] = {
		"0.1\n0.2\n0.3\n",		/* LF */
		"0.1\r\n0.2\r\n0.3\r\n",	/* CRLF */
		"0.1\r0.2\r0.3\r",		/* lone CR */
		"0.1\r\r\n0.2\r\r\n0.3\r\r\n",	/* CR CR LF */
		"0.1\n0.2\r\n0.3",		/* mixed, no final end */
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		lines_of(files[i], out, sizeof out);
		assert_string_equal(out, "0.1|0.2|0.3|");
	}
}

static void
test_csvline_blank_lines_are_lines_and_a_final_end_is_not(void **state)
{
	char out[64];

	(void)state;
	lines_of("a\n\nb\n", out, sizeof out);
	assert_string_equal(out, "a||b|");
	lines_of("a\r\rb\r", out, sizeof out);
	assert_string_equal(out, "a||b|");
	lines_of("a\n\n", out, sizeof out);
	assert_string_equal(out, "a||");
	lines_of("", out, sizeof out);
	assert_string_equal(out, "");
}

static void
test_csvline_lines_are_numbered_from_one(void **state)
{
	struct csvline_scanner sc;
	struct csvline l;

	(void)state;
	csvline_scanner_init(&sc, "x\r\ny\rz", 6);
	assert_true(csvline_next(&sc, &l));
	assert_int_equal(l.no, 1);
	assert_true(csvline_next(&sc, &l));
	assert_int_equal(l.no, 2);
	assert_true(csvline_next(&sc, &l));
	assert_int_equal(l.no, 3);
	assert_int_equal(l.n, 1);
	assert_false(csvline_next(&sc, &l));
}

static void
test_csvline_blank_means_only_spaces_and_tabs(void **state)
{
	struct csvline a = { " \t ", 3, 1 }, b = { " x", 2, 1 };
	struct csvline e = { "", 0, 1 };

	(void)state;
	assert_true(csvline_is_blank(&a));
	assert_true(csvline_is_blank(&e));
	assert_false(csvline_is_blank(&b));
}

static void
split(struct csvline_fields *fs, const char *line, char sep)
{
	assert_int_equal(csvline_split(fs, line, strlen(line), sep), 0);
}

static void
assert_field(const struct csvline_fields *fs, size_t i, const char *text,
	     int quoted)
{
	assert_true(i < fs->count);
	assert_int_equal(fs->f[i].n, strlen(text));
	assert_memory_equal(fs->f[i].p, text, fs->f[i].n);
	assert_int_equal(fs->f[i].quoted, quoted);
}

static void
test_csvline_plain_fields_keep_their_spaces(void **state)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;

	(void)state;
	split(&fs, "1, 0.5 ,", ',');
	assert_int_equal(fs.count, 3);
	assert_field(&fs, 0, "1", 0);
	assert_field(&fs, 1, " 0.5 ", 0);
	assert_field(&fs, 2, "", 0);
	split(&fs, "", ',');
	assert_int_equal(fs.count, 1);
	assert_field(&fs, 0, "", 0);
	csvline_fields_release(&fs);
}

static void
test_csvline_quoted_fields_are_read_by_libcsv(void **state)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;

	(void)state;
	split(&fs, "\"\",\"x\"", ',');
	assert_int_equal(fs.count, 2);
	assert_field(&fs, 0, "", 1);
	assert_field(&fs, 1, "x", 1);
	/* The separator inside quotes, and "" for a quote. */
	split(&fs, "\"0,5\";\"say \"\"hi\"\"\";7", ';');
	assert_int_equal(fs.count, 3);
	assert_field(&fs, 0, "0,5", 1);
	assert_field(&fs, 1, "say \"hi\"", 1);
	assert_field(&fs, 2, "7", 0);
	/* R's write.table(): spaces between quoted row names and values. */
	split(&fs, "\"1\" 0.25 0.75", ' ');
	assert_int_equal(fs.count, 3);
	assert_field(&fs, 0, "1", 1);
	assert_field(&fs, 2, "0.75", 0);
	csvline_fields_release(&fs);
}

static void
test_csvline_an_open_quote_is_flagged_with_its_column(void **state)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;

	(void)state;
	split(&fs, "1,\"0.5", ',');
	assert_true(fs.unterminated);
	assert_int_equal(fs.quote_col, 3);
	assert_int_equal(fs.count, 2);
	/* The next line starts afresh. */
	split(&fs, "\"0.5\"", ',');
	assert_false(fs.unterminated);
	assert_field(&fs, 0, "0.5", 1);
	csvline_fields_release(&fs);
}

static void
test_csvline_text_after_a_closing_quote_stands_as_it_is(void **state)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;

	(void)state;
	split(&fs, "\"0.5\"x,2", ',');
	assert_false(fs.unterminated);
	assert_int_equal(fs.count, 2);
	assert_field(&fs, 0, "\"0.5\"x", 0);
	assert_field(&fs, 1, "2", 0);
	/* A quote inside an unquoted field is text. */
	split(&fs, "a\"b", ',');
	assert_field(&fs, 0, "a\"b", 0);
	csvline_fields_release(&fs);
}

static void
test_csvline_fields_past_the_kept_ones_are_counted(void **state)
{
	struct csvline_fields fs = CSVLINE_FIELDS_INIT;

	(void)state;
	split(&fs, "0,1,2,3,4,5,6,7,8,9", ',');
	assert_int_equal(fs.count, 10);
	assert_field(&fs, 7, "7", 0);
	split(&fs, "\"0\",1,2,3,4,5,6,7,8,\"9\"", ',');
	assert_int_equal(fs.count, 10);
	assert_field(&fs, 0, "0", 1);
	assert_field(&fs, 7, "7", 0);
	csvline_fields_release(&fs);
}

static void
test_csvline_release_of_a_zeroed_struct_is_a_no_op(void **state)
{
	struct csvline_fields fs;

	(void)state;
	memset(&fs, 0, sizeof fs);
	csvline_fields_release(&fs);
	csvline_fields_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvline_every_line_end_ends_a_line_the_same_way),
		cmocka_unit_test(test_csvline_blank_lines_are_lines_and_a_final_end_is_not),
		cmocka_unit_test(test_csvline_lines_are_numbered_from_one),
		cmocka_unit_test(test_csvline_blank_means_only_spaces_and_tabs),
		cmocka_unit_test(test_csvline_plain_fields_keep_their_spaces),
		cmocka_unit_test(test_csvline_quoted_fields_are_read_by_libcsv),
		cmocka_unit_test(test_csvline_an_open_quote_is_flagged_with_its_column),
		cmocka_unit_test(test_csvline_text_after_a_closing_quote_stands_as_it_is),
		cmocka_unit_test(test_csvline_fields_past_the_kept_ones_are_counted),
		cmocka_unit_test(test_csvline_release_of_a_zeroed_struct_is_a_no_op),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
