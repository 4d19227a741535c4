/*
 * The PDF reader when libqpdf dies in the child: pdfpages.c compiled here
 * with its page count replaced by one that raises SIGILL (a signal the
 * sanitizers leave alone), linked with libqpdf for every other call.  The
 * grader must say the reader stopped, with the signal, and count nothing.
 */
#define qpdf_get_num_pages crashing_get_num_pages
#include "../../grader/lib/pdfpages.c"
#undef qpdf_get_num_pages

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

int
crashing_get_num_pages(qpdf_data q)
{
	(void)q;
	raise(SIGILL);
	return 1;
}

/* A well-formed one-page PDF: qpdf reads it, then the count crashes. */
static const char pdf[] =
	"%PDF-1.4\n"
	"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
	"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
	"3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n"
	"trailer\n<< /Root 1 0 R >>\n%%EOF\n";

static void
test_pdfpages_a_reader_that_dies_is_said_with_its_signal(void **state)
{
	uint64_t pages = 7;
	char why[240];

	(void)state;
	assert_int_equal(pdf_count_pages((const unsigned char *)pdf,
					 sizeof pdf - 1, &pages, why,
					 sizeof why),
			 PDF_DAMAGED);
	assert_int_equal(pages, 7);
	assert_string_equal(why, "the PDF reader stopped on it (signal 4)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdfpages_a_reader_that_dies_is_said_with_its_signal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
