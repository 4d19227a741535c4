/*
 * pdfpages.h: the page count of a PDF, read by libqpdf in a child process
 * that cannot outlive its limits.  qpdf decodes the streams that hold the
 * page tree (object and cross-reference streams) with no bound of its own,
 * and its recovery from damage scans the whole file; a stranger's PDF can
 * make either cost gigabytes or minutes.  So the count is taken in a forked
 * child with an address-space limit (PDF_MEMORY_BYTES above what the
 * process already maps), a CPU limit, and a wall-clock deadline after which
 * the parent kills it; the child sends back one fixed-size answer through a
 * pipe and leaves with _exit().  A crash of the reader is a PDF that cannot
 * be read, never a crash of the grader.  Depends on nothing else of ours.
 */
#ifndef GRADER_PDFPAGES_H
#define GRADER_PDFPAGES_H

#include <stddef.h>
#include <stdint.h>

#define PDF_MEMORY_BYTES	((uint64_t)128 << 20)	/* 128 MiB */
#define PDF_DEADLINE_MS		1500

/* Why a PDF has no page count. */
enum pdf_failure {
	PDF_READ = 0,		/* read: *pages is set */
	PDF_ENCRYPTED,		/* needs a password */
	PDF_DAMAGED,		/* not a PDF, or damaged beyond recovery */
	PDF_TOO_COSTLY,		/* over the time or memory limit */
	PDF_NO_READER,		/* the child could not be started */
};

/* What the child may spend. */
struct pdf_limits {
	uint64_t memory_bytes;	/* above what the process maps at fork */
	int deadline_ms;	/* wall clock, from fork to the answer */
};

/*
 * Counts the pages of the PDF in buf (len bytes) within PDF_MEMORY_BYTES
 * and PDF_DEADLINE_MS.  Returns PDF_READ and sets *pages, or the failure,
 * with a sentence saying why written to why (NUL-terminated, cut to
 * whylen).
 */
enum pdf_failure pdf_count_pages(const unsigned char *buf, size_t len,
				 uint64_t *pages, char *why, size_t whylen);

/* The same within other limits (the tests' way to reach each one). */
enum pdf_failure pdf_count_pages_within(const unsigned char *buf, size_t len,
					const struct pdf_limits *lim,
					uint64_t *pages, char *why,
					size_t whylen);

#endif
