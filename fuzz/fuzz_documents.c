/*
 * fuzz_documents.c: libFuzzer target for the document readers
 * (grader/lib/document.c, words.c, pdfpages.c).  The first byte picks the
 * format, the rest is the document: a DOCX goes through the submission
 * reader and the WordprocessingML counter, a notebook through cJSON and
 * the Markdown counter, Markdown, HTML and text through theirs, a PDF
 * through the child process that runs libqpdf (whose own parser OSS-Fuzz
 * fuzzes; here the pipe, the limits and the answer are what is tried).
 * A measure must be consistent: an unreadable document says why and has
 * no lengths; a readable one has the measure of its format; no count of
 * words exceeds the bytes.  Built and run by fuzz/run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A PDF costs a fork of this (sanitized, so large) process: one
	 * input in sixteen, so that the readers of our own get the time. */
	static const enum document_format formats[16] = {
		DOCUMENT_DOCX, DOCUMENT_IPYNB, DOCUMENT_MD, DOCUMENT_HTML,
		DOCUMENT_TXT, DOCUMENT_DOCX, DOCUMENT_IPYNB, DOCUMENT_PDF,
		DOCUMENT_DOCX, DOCUMENT_IPYNB, DOCUMENT_MD, DOCUMENT_HTML,
		DOCUMENT_TXT, DOCUMENT_DOCX, DOCUMENT_IPYNB, DOCUMENT_MD,
	};
	struct document_measure m;
	enum document_format f;

	if (size < 1)
		return 0;
	f = formats[data[0] % (sizeof formats / sizeof formats[0])];
	data++;
	size--;
	if (document_measure(data, size, "fuzz", f, &m) != GR_OK)
		return 0;	/* out of memory: nothing to check */
	if (m.format != f)
		abort();
	if (m.unreadable) {
		if (m.why[0] == '\0' || m.pages != DOCUMENT_UNKNOWN ||
		    m.words != DOCUMENT_UNKNOWN)
			abort();
		return 0;
	}
	if (f == DOCUMENT_PDF) {
		if (m.pages == DOCUMENT_UNKNOWN || m.words != DOCUMENT_UNKNOWN)
			abort();
		return 0;
	}
	if (m.pages != DOCUMENT_UNKNOWN || m.words == DOCUMENT_UNKNOWN)
		abort();
	/* A DOCX inflates: its words are bounded by the inflated part. */
	if (f != DOCUMENT_DOCX && m.words > size)
		abort();
	return 0;
}
