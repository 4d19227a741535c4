/* Unit tests of the word counter (grader/lib/words.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "words.h"

#define TEXT(s) words_text((s), strlen(s))
#define MD(s) words_markdown((s), strlen(s))
#define HTML(s) words_html((s), strlen(s))
#define DOCX(s) words_docx_xml((s), strlen(s))

static void
test_words_are_runs_between_spaces_that_hold_a_letter_or_digit(void **state)
{
	(void)state;
	assert_int_equal(TEXT(""), 0);
	assert_int_equal(TEXT("   \n\t "), 0);
	assert_int_equal(TEXT("one"), 1);
	assert_int_equal(TEXT("one two  three\n"), 3);
	assert_int_equal(TEXT("data-driven, well-known."), 2);
	/* Punctuation alone is no word, as word processors count. */
	assert_int_equal(TEXT("a - b — c ... 42 %"), 4);
	assert_int_equal(TEXT("AUC=0.87 (n=10,000)"), 2);
	/* Lines and CR line ends separate like spaces. */
	assert_int_equal(TEXT("a\r\nb\rc\fd\ve"), 5);
}

static void
test_words_unicode_spaces_separate_and_letters_count(void **state)
{
	(void)state;
	/* U+00A0 no-break space, U+2009 thin space, U+3000. */
	assert_int_equal(TEXT("10\xc2\xa0%\xe2\x80\x89of\xe3\x80\x80" "cases"),
			 3);
	/* Accented and non-Latin letters are letters. */
	assert_int_equal(TEXT("caf\xc3\xa9 na\xc3\xafve \xce\xb1\xce\xb2"), 3);
	/* An em dash between spaces is punctuation; joined, one word. */
	assert_int_equal(TEXT("before \xe2\x80\x94 after"), 2);
	assert_int_equal(TEXT("before\xe2\x80\x94" "after"), 1);
	/* Bytes that are not UTF-8 are punctuation, never letters. */
	assert_int_equal(TEXT("\xff\xfe \xc3 \xe2\x80 ok"), 1);
	/* An overlong form or a surrogate is not a letter either. */
	assert_int_equal(TEXT("\xc0\xaf \xed\xa0\x80"), 0);
}

static void
test_words_markdown_markup_is_dropped(void **state)
{
	(void)state;
	assert_int_equal(MD("# A title\n\nSome *emphasis* and **bold**.\n"), 6);
	/* A link counts its text, not its target. */
	assert_int_equal(MD("See [the two docs](https://example.com/a b).\n"),
			 4);
	assert_int_equal(MD("![a chart](chart.png)\n"), 2);
	/* Reference definitions are markup. */
	assert_int_equal(MD("Read [this][1].\n\n[1]: https://example.com\n"), 2);
	/* Tags, comments and autolinks are markup. */
	assert_int_equal(MD("one<br>two <!-- note --> <https://x.org>\n"), 2);
	/* Tables: pipes separate cells; the rule line is no word. */
	assert_int_equal(MD("| a | b |\n|---|---|\n|1|2|\n"), 4);
	/* Fences' own lines are markup (their language too); code counts. */
	assert_int_equal(MD("```python\nx = fit(y)\n```\n"), 2);
	assert_int_equal(MD("~~~\nplain words\n~~~\ntail\n"), 3);
	/* A list and a quote. */
	assert_int_equal(MD("- first item\n- second\n> quoted text\n"), 5);
}

static void
test_words_html_shows_what_a_browser_shows(void **state)
{
	(void)state;
	assert_int_equal(HTML("<html><head><title>Not counted</title>"
			      "<style>p { x: y }</style></head>"
			      "<body><h1>Findings</h1><p>Two words</p>"
			      "<script>var a = '<p>no</p>';</script>"
			      "</body></html>"), 3);
	/* Block tags separate words, inline tags do not. */
	assert_int_equal(HTML("<p>one</p><p>two</p>"), 2);
	assert_int_equal(HTML("<b>in</b>line and a<br>b"), 4);
	assert_int_equal(HTML("<td>1</td><td>2</td>"), 2);
	/* References: no-break spaces separate; others are characters. */
	assert_int_equal(HTML("a&nbsp;b&#160;c&#xA0;d"), 4);
	assert_int_equal(HTML("caf&eacute; &amp; bar &mdash; x"), 3);
	assert_int_equal(HTML("R&amp;D"), 1);
	/* Comments and quoted '>' in attributes are markup. */
	assert_int_equal(HTML("<!-- a b c --><a title=\"x > y\">link</a>"), 1);
	/* A '<' that starts no tag is text; an unclosed tag ends the text. */
	assert_int_equal(HTML("1 < 2 and <p"), 3);
}

static void
test_words_docx_reads_the_runs_of_text(void **state)
{
	(void)state;
	/* A word split across runs is one word; paragraphs separate. */
	assert_int_equal(DOCX("<w:body><w:p><w:r><w:t>Hel</w:t></w:r>"
			      "<w:r><w:t>lo</w:t></w:r></w:p>"
			      "<w:p><w:r><w:t xml:space=\"preserve\">big "
			      "world</w:t></w:r></w:p></w:body>"), 3);
	/* Tabs and breaks separate; attributes' text is not counted. */
	assert_int_equal(DOCX("<w:p w:rsidR=\"00AB\"><w:r><w:t>a</w:t><w:tab/>"
			      "<w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"),
			 3);
	/* Deleted text, field codes and fallback copies are not counted. */
	assert_int_equal(DOCX("<w:p><w:r><w:delText>gone</w:delText>"
			      "<w:instrText>PAGE</w:instrText>"
			      "<w:t>kept</w:t></w:r></w:p>"
			      "<mc:AlternateContent><mc:Choice><w:p><w:r>"
			      "<w:t>box text</w:t></w:r></w:p></mc:Choice>"
			      "<mc:Fallback><w:p><w:r><w:t>box text</w:t>"
			      "</w:r></w:p></mc:Fallback>"
			      "</mc:AlternateContent>"), 3);
	/* Entities are characters; &#160; is a space. */
	assert_int_equal(DOCX("<w:p><w:t>R&amp;D&#160;team &lt;3</w:t></w:p>"),
			 3);
	/* Text outside w:t (w:tbl, w:tab's names) is markup. */
	assert_int_equal(DOCX("<w:tbl><w:tblPr>x</w:tblPr></w:tbl>"), 0);
	assert_int_equal(DOCX("<w:t/>none<w:t>one</w:t>"), 1);
}

static void
test_words_truncated_markup_ends_without_reading_past_the_end(void **state)
{
	static const char *const cuts[] = {
		"<p class=\"open", "<!-- never closed", "&#x", "&amp",
		"<script>alert(1)", "<w:t>abc", "<![CDATA[x", "](",
		"[ref]", "```",
	};

	(void)state;
	/* Each is counted from a heap copy of exactly its length, so that
	 * ASan sees any read past it. */
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		size_t n = strlen(cuts[i]);
		char *copy = test_malloc(n);
		memcpy(copy, cuts[i], n);
		(void)words_text(copy, n);
		(void)words_markdown(copy, n);
		(void)words_html(copy, n);
		(void)words_docx_xml(copy, n);
		test_free(copy);
	}
	assert_int_equal(DOCX("<w:t>abc"), 1);
	assert_int_equal(HTML("word <script>never closed"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_are_runs_between_spaces_that_hold_a_letter_or_digit),
		cmocka_unit_test(test_words_unicode_spaces_separate_and_letters_count),
		cmocka_unit_test(test_words_markdown_markup_is_dropped),
		cmocka_unit_test(test_words_html_shows_what_a_browser_shows),
		cmocka_unit_test(test_words_docx_reads_the_runs_of_text),
		cmocka_unit_test(test_words_truncated_markup_ends_without_reading_past_the_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
