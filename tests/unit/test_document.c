/*
 * Unit tests of document lengths (grader/lib/document.c, pdfpages.c): the
 * format by extension, a DOCX read through the submission reader, a
 * notebook's Markdown cells, and PDF page counts taken by libqpdf in its
 * child process.  Real producers' documents are tested from the CLI
 * (tests/cli/documents.sh); here the inputs are built field by field.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "document.h"
#include "pdfpages.h"
#include "zipbuild.h"

static void
test_document_format_comes_from_the_extension(void **state)
{
	(void)state;
	assert_int_equal(document_format_of("a/Write-Up.PDF"), DOCUMENT_PDF);
	assert_int_equal(document_format_of("findings.docx"), DOCUMENT_DOCX);
	assert_int_equal(document_format_of("README.md"), DOCUMENT_MD);
	assert_int_equal(document_format_of("notes.markdown"), DOCUMENT_MD);
	assert_int_equal(document_format_of("notes.txt"), DOCUMENT_TXT);
	assert_int_equal(document_format_of("report.htm"), DOCUMENT_HTML);
	assert_int_equal(document_format_of("report.html"), DOCUMENT_HTML);
	assert_int_equal(document_format_of("analysis.ipynb"), DOCUMENT_IPYNB);
	assert_int_equal(document_format_of("model.py"), DOCUMENT_NONE);
	assert_int_equal(document_format_of("write-up.doc"), DOCUMENT_NONE);
	assert_int_equal(document_format_of(".pdf"), DOCUMENT_NONE);
	assert_string_equal(document_format_name(DOCUMENT_IPYNB), "ipynb");
	assert_null(document_format_name(DOCUMENT_NONE));
}

/* Adds a stored entry with honest fields (zb_one() would also finish). */
static void
add(struct zb *z, const char *name, const char *content)
{
	struct zb_entry e = zb_stored(name, content);

	zb_add(z, &e);
}

static void
measure(const void *buf, size_t len, enum document_format f,
	struct document_measure *m)
{
	assert_int_equal(document_measure(buf, len, "doc", f, m), GR_OK);
	assert_int_equal(m->format, f);
}

static void
test_document_text_formats_count_words_and_no_pages(void **state)
{
	static const char md[] = "# Findings\n\nThree [short](x.html) words.\n";
	struct document_measure m;

	(void)state;
	measure(md, strlen(md), DOCUMENT_MD, &m);
	assert_int_equal(m.words, 4);
	assert_true(m.pages == DOCUMENT_UNKNOWN);
	assert_false(m.unreadable);
	measure("<p>a</p><p>b</p>", 16, DOCUMENT_HTML, &m);
	assert_int_equal(m.words, 2);
	measure("<p>a</p>", 8, DOCUMENT_TXT, &m);
	assert_int_equal(m.words, 1);
}

static const char docx_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:body>"
	"<w:p><w:r><w:t>Claims rose in</w:t></w:r><w:r><w:t xml:space="
	"\"preserve\"> the north</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>after 2019.</w:t></w:r></w:p>"
	"</w:body></w:document>";

static void
test_document_docx_words_come_from_word_document_xml(void **state)
{
	struct zb z = { 0 };
	struct document_measure m;

	(void)state;
	add(&z, "[Content_Types].xml", "<Types/>");
	add(&z, "_rels/.rels", "<Relationships/>");
	add(&z, "word/document.xml", docx_xml);
	zb_finish(&z);
	measure(z.p, z.len, DOCUMENT_DOCX, &m);
	assert_false(m.unreadable);
	assert_int_equal(m.words, 7);
	assert_true(m.pages == DOCUMENT_UNKNOWN);
	free(z.p);
}

static void
test_document_a_docx_that_is_not_one_is_unreadable(void **state)
{
	static const char text[] = "This is plain text saved as .docx\n";
	struct zb z = { 0 };
	struct document_measure m;

	(void)state;
	measure(text, strlen(text), DOCUMENT_DOCX, &m);
	assert_true(m.unreadable);
	assert_true(m.words == DOCUMENT_UNKNOWN);
	assert_non_null(strstr(m.why, "it is not a readable DOCX ("));

	zb_one(&z, "content.xml", "<office:document/>");
	measure(z.p, z.len, DOCUMENT_DOCX, &m);
	assert_true(m.unreadable);
	assert_string_equal(m.why, "it is a zip without word/document.xml, "
				   "so not a DOCX");
	free(z.p);
}

/* A DOCX gets the submission reader's defences: a link entry is refused. */
static void
test_document_a_docx_with_a_link_entry_is_unreadable(void **state)
{
	struct zb z = { 0 };
	struct zb_entry e = zb_stored("word/document.xml", "/etc/passwd");
	struct document_measure m;

	(void)state;
	e.made_by = 3 << 8 | 30;		/* Unix */
	e.external = (uint32_t)0120777 << 16;	/* a symbolic link */
	zb_add(&z, &e);
	zb_finish(&z);
	measure(z.p, z.len, DOCUMENT_DOCX, &m);
	assert_true(m.unreadable);
	assert_non_null(strstr(m.why, "it is not a readable DOCX ("));
	assert_non_null(strstr(m.why, "link"));
	free(z.p);
}

/* A part over DOCUMENT_DOCX_PART_BYTES is refused before it is counted. */
static void
test_document_a_docx_part_over_the_limit_is_unreadable(void **state)
{
	size_t n = (size_t)DOCUMENT_DOCX_PART_BYTES + 1;
	char *big = malloc(n + 1);
	struct zb z = { 0 };
	struct document_measure m;

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	big[n] = '\0';
	zb_one(&z, "word/document.xml", big);
	free(big);
	measure(z.p, z.len, DOCUMENT_DOCX, &m);
	assert_true(m.unreadable);
	assert_non_null(strstr(m.why, "it is not a readable DOCX ("));
	free(z.p);
}

static void
test_document_notebook_words_are_its_markdown_cells(void **state)
{
	static const char nb[] =
		"{\"cells\": ["
		"{\"cell_type\": \"markdown\", \"source\": [\"# Findings\\n\", "
		"\"Claims rose.\"]},"
		"{\"cell_type\": \"code\", \"source\": \"x = 1 + 2\"},"
		"{\"cell_type\": \"markdown\", \"source\": \"Two *words*\"},"
		"{\"cell_type\": \"raw\", \"source\": \"not counted\"}],"
		"\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}";
	struct document_measure m;

	(void)state;
	measure(nb, strlen(nb), DOCUMENT_IPYNB, &m);
	assert_false(m.unreadable);
	assert_int_equal(m.words, 5);

	measure("{\"cells\": ", 10, DOCUMENT_IPYNB, &m);
	assert_true(m.unreadable);
	assert_string_equal(m.why, "it is not a notebook (not JSON)");
	measure("{\"worksheets\": []}", 18, DOCUMENT_IPYNB, &m);
	assert_true(m.unreadable);
	assert_string_equal(m.why, "it is not a notebook of nbformat 4 "
				   "(no \"cells\" list)");
}

/*
 * A PDF of the given objects ("1 0 obj ... endobj" each, numbered from 1),
 * with a correct cross-reference table and /Root 1 0 R.  The caller frees
 * the result.
 */
static char *
pdf_of(const char *const *objects, size_t n, size_t *len)
{
	size_t cap = 4096, at = 0, *offsets = calloc(n + 1, sizeof *offsets);
	char *p = malloc(cap);

	assert_non_null(p);
	assert_non_null(offsets);
	for (size_t i = 0; i < n; i++)
		cap += strlen(objects[i]) + 32 + 20;	/* and its xref line */
	p = realloc(p, cap);
	assert_non_null(p);
	at += (size_t)sprintf(p + at, "%%PDF-1.4\n");
	for (size_t i = 0; i < n; i++) {
		offsets[i] = at;
		at += (size_t)sprintf(p + at, "%zu 0 obj\n%s\nendobj\n", i + 1,
				      objects[i]);
	}
	{
		size_t xref = at;
		at += (size_t)sprintf(p + at, "xref\n0 %zu\n0000000000 65535 f \n",
				      n + 1);
		for (size_t i = 0; i < n; i++)
			at += (size_t)sprintf(p + at, "%010zu 00000 n \n",
					      offsets[i]);
		at += (size_t)sprintf(p + at, "trailer\n<< /Size %zu /Root 1 0 R "
				      ">>\nstartxref\n%zu\n%%%%EOF\n", n + 1, xref);
	}
	free(offsets);
	*len = at;
	return p;
}

static void
test_document_pdf_pages_are_counted_in_the_page_tree(void **state)
{
	static const char *const three[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>",
	};
	/* /Count says 100,000; the tree holds one page. */
	static const char *const claims[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 100000 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
	};
	struct document_measure m;
	size_t len;
	char *pdf;

	(void)state;
	pdf = pdf_of(three, 6, &len);
	measure(pdf, len, DOCUMENT_PDF, &m);
	free(pdf);
	assert_false(m.unreadable);
	assert_int_equal(m.pages, 3);
	assert_true(m.words == DOCUMENT_UNKNOWN);

	pdf = pdf_of(claims, 3, &len);
	measure(pdf, len, DOCUMENT_PDF, &m);
	free(pdf);
	assert_false(m.unreadable);
	assert_int_equal(m.pages, 1);
}

static void
test_document_a_pdf_that_cannot_be_read_says_why(void **state)
{
	static const char garbage[] = "%PDF-1.7\n\x01\x02 not a PDF at all";
	uint64_t pages = 42;
	char why[240];

	(void)state;
	assert_int_equal(pdf_count_pages((const unsigned char *)garbage,
					 sizeof garbage - 1, &pages, why,
					 sizeof why),
			 PDF_DAMAGED);
	assert_int_equal(pages, 42);
	assert_non_null(strstr(why, "it is damaged ("));
	assert_int_equal(pdf_count_pages((const unsigned char *)"", 0, &pages,
					 why, sizeof why),
			 PDF_DAMAGED);
}

/* A reason quotes nothing that a terminal or a JSON reader would take for
 * more than text: a DOCX whose inner name holds an escape is refused, the
 * name shown with the escape spelled \x1b, and no control byte reaches
 * the reason. */
static void
test_document_reasons_hold_no_control_bytes(void **state)
{
	struct zb z = { 0 };
	struct document_measure m;

	(void)state;
	zb_one(&z, "word/\x1b[2Jdocument.xml", "<w:t>x</w:t>");
	measure(z.p, z.len, DOCUMENT_DOCX, &m);
	free(z.p);
	assert_true(m.unreadable);
	assert_non_null(strstr(m.why, "word/\\x1b[2Jdocument.xml"));
	for (const char *c = m.why; *c != '\0'; c++)
		assert_true((unsigned char)*c >= 0x20 && *c != 0x7f);
}

/* A PDF of n pages, each its own object under one /Pages node. */
static char *
many_pages(size_t n, size_t *len)
{
	const char **objects = calloc(n + 2, sizeof *objects);
	char *kids = malloc(n * 16 + 64), *pages, *pdf;
	size_t at = 0;

	assert_non_null(objects);
	assert_non_null(kids);
	for (size_t i = 0; i < n; i++)
		at += (size_t)sprintf(kids + at, "%zu 0 R ", i + 3);
	pages = malloc(at + 64);
	assert_non_null(pages);
	sprintf(pages, "<< /Type /Pages /Kids [%s] /Count %zu >>", kids, n);
	objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objects[1] = pages;
	for (size_t i = 0; i < n; i++)
		objects[i + 2] = "<< /Type /Page /Parent 2 0 R >>";
	pdf = pdf_of(objects, n + 2, len);
	free(pages);
	free(kids);
	free(objects);
	return pdf;
}

/* Each limit is reached by lowering it: the deadline, and (where the
 * address space may be limited: not under the sanitizers) the memory. */
static void
test_document_the_pdf_reader_stops_at_its_limits(void **state)
{
	struct pdf_limits no_time = { PDF_MEMORY_BYTES, 0 };
	struct pdf_limits little = { (uint64_t)4 << 20, PDF_DEADLINE_MS };
	uint64_t pages = 0;
	size_t len;
	char why[240], *pdf;

	(void)state;
	pdf = many_pages(20000, &len);
	assert_int_equal(pdf_count_pages((const unsigned char *)pdf, len,
					 &pages, why, sizeof why),
			 PDF_READ);
	assert_int_equal(pages, 20000);
	assert_int_equal(pdf_count_pages_within((const unsigned char *)pdf,
						len, &no_time, &pages, why,
						sizeof why),
			 PDF_TOO_COSTLY);
	assert_string_equal(why, "reading it takes longer than 0 ms");
#if !defined(__SANITIZE_ADDRESS__) && !defined(__has_feature)
	assert_int_equal(pdf_count_pages_within((const unsigned char *)pdf,
						len, &little, &pages, why,
						sizeof why),
			 PDF_TOO_COSTLY);
	assert_string_equal(why, "reading it needs more than 4 MiB of memory");
#else
	(void)little;
#endif
	free(pdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_format_comes_from_the_extension),
		cmocka_unit_test(test_document_text_formats_count_words_and_no_pages),
		cmocka_unit_test(test_document_docx_words_come_from_word_document_xml),
		cmocka_unit_test(test_document_a_docx_that_is_not_one_is_unreadable),
		cmocka_unit_test(test_document_a_docx_with_a_link_entry_is_unreadable),
		cmocka_unit_test(test_document_a_docx_part_over_the_limit_is_unreadable),
		cmocka_unit_test(test_document_notebook_words_are_its_markdown_cells),
		cmocka_unit_test(test_document_pdf_pages_are_counted_in_the_page_tree),
		cmocka_unit_test(test_document_a_pdf_that_cannot_be_read_says_why),
		cmocka_unit_test(test_document_the_pdf_reader_stops_at_its_limits),
		cmocka_unit_test(test_document_reasons_hold_no_control_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
