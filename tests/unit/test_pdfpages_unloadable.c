/*
 * The PDF reader when libqpdf cannot be loaded: pdfpages.c compiled here
 * with a soname that no system has, so that the child's dlopen() fails.
 * This object's pdf_count_pages() is the one linked (libgrader.a's member
 * is not pulled in), and document_measure() reaches it as in the program.
 */
#define GRADER_QPDF_SONAME "libqpdf-grader-test-absent.so.0"
#include "../../grader/lib/pdfpages.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "document.h"

static void
test_pdfpages_an_unloadable_reader_is_said_and_nothing_is_counted(void **state)
{
	static const char pdf[] = "%PDF-1.4\n%%EOF\n";
	struct document_measure m;
	uint64_t pages = 7;
	char why[240];

	(void)state;
	assert_int_equal(pdf_count_pages((const unsigned char *)pdf,
					 sizeof pdf - 1, &pages, why,
					 sizeof why),
			 PDF_NO_READER);
	assert_int_equal(pages, 7);
	assert_non_null(strstr(why, "the PDF reader (libqpdf) cannot be "
				    "loaded: libqpdf-grader-test-absent.so.0: "));
	/* Through the document reader: unreadable, with that reason. */
	assert_int_equal(document_measure((const unsigned char *)pdf,
					  sizeof pdf - 1, "a.pdf", DOCUMENT_PDF,
					  &m), GR_OK);
	assert_true(m.unreadable);
	assert_true(m.pages == DOCUMENT_UNKNOWN);
	assert_non_null(strstr(m.why, "the PDF reader (libqpdf) cannot be "
				      "loaded"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdfpages_an_unloadable_reader_is_said_and_nothing_is_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
