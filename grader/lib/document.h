/*
 * document.h: the length of a write-up (or any deliverable document): pages
 * of a PDF, words of a DOCX, Markdown, text, HTML page or notebook.  The
 * format comes from the file's extension.  A PDF's pages are counted by
 * libqpdf under limits (pdfpages.h); a DOCX is a zip and is opened by the
 * submission reader itself, with every defence and tighter limits
 * (DOCUMENT_DOCX_LIMITS), then its word/document.xml is read; a notebook's
 * Markdown cells are its prose.  A document that cannot be read is a
 * measure with a reason, never an error of the call.  Depends on
 * submission, pdfpages and words.
 */
#ifndef GRADER_DOCUMENT_H
#define GRADER_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "problems.h"

enum document_format {
	DOCUMENT_NONE = 0,	/* not a document: code, data, images */
	DOCUMENT_PDF,
	DOCUMENT_DOCX,
	DOCUMENT_MD,
	DOCUMENT_TXT,
	DOCUMENT_HTML,
	DOCUMENT_IPYNB,
};

/* What a DOCX may cost: its own bytes are already bounded by the
 * submission's entry limit; inside, at most this much inflated in all and
 * in one part, and this many parts. */
#define DOCUMENT_DOCX_TOTAL_BYTES	((uint64_t)64 << 20)
#define DOCUMENT_DOCX_PART_BYTES	((uint64_t)32 << 20)
#define DOCUMENT_DOCX_PARTS		2000

/* A measure that is not known. */
#define DOCUMENT_UNKNOWN	UINT64_MAX

struct document_measure {
	enum document_format format;
	uint64_t pages;		/* PDF only; else DOCUMENT_UNKNOWN */
	uint64_t words;		/* where text can be read; else
				 * DOCUMENT_UNKNOWN */
	int unreadable;		/* why says why */
	char why[240];
};

/* The format of a file by the extension of its name, case ignored:
 * .pdf, .docx, .md and .markdown, .txt, .html and .htm, .ipynb. */
enum document_format document_format_of(const char *name);

/* The format as the scorecard spells it: "pdf", "docx", ...; NULL for
 * DOCUMENT_NONE. */
const char *document_format_name(enum document_format f);

/*
 * Measures the document held in buf (len bytes, of format f, which is not
 * DOCUMENT_NONE); name is how reasons name it (a DOCX's archive problems
 * say "NAME is not a zip archive").  Fills *out; an unreadable document
 * sets out->unreadable and out->why.  Returns GR_OK, or GR_NOMEM.
 */
enum gr_status document_measure(const unsigned char *buf, size_t len,
				const char *name, enum document_format f,
				struct document_measure *out);

#endif
