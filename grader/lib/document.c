/*
 * document.c: a document's length by its format (document.h).
 */
#include "document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "limits.h"
#include "pdfpages.h"
#include "submission.h"
#include "words.h"

static const struct {
	const char *ext;
	enum document_format format;
} extensions[] = {
	{ ".pdf", DOCUMENT_PDF },	{ ".docx", DOCUMENT_DOCX },
	{ ".md", DOCUMENT_MD },		{ ".markdown", DOCUMENT_MD },
	{ ".txt", DOCUMENT_TXT },	{ ".html", DOCUMENT_HTML },
	{ ".htm", DOCUMENT_HTML },	{ ".ipynb", DOCUMENT_IPYNB },
};

enum document_format
document_format_of(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
		size_t k = strlen(extensions[i].ext);
		if (n > k && strcasecmp(name + n - k, extensions[i].ext) == 0)
			return extensions[i].format;
	}
	return DOCUMENT_NONE;
}

const char *
document_format_name(enum document_format f)
{
	switch (f) {
	case DOCUMENT_PDF:
		return "pdf";
	case DOCUMENT_DOCX:
		return "docx";
	case DOCUMENT_MD:
		return "md";
	case DOCUMENT_TXT:
		return "txt";
	case DOCUMENT_HTML:
		return "html";
	case DOCUMENT_IPYNB:
		return "ipynb";
	case DOCUMENT_NONE:
		break;
	}
	return NULL;
}

static void unreadable(struct document_measure *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Makes a reason safe to print and to put in JSON: qpdf's messages may
 * quote the file's own bytes.  Control characters and bytes that are not
 * well-formed UTF-8 become '?'; a character cut by the buffer's end too.
 */
static void
scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p != '\0') {
		size_t len = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2
			   : (*p & 0xf0) == 0xe0 ? 3
			   : (*p & 0xf8) == 0xf0 ? 4 : 0;
		size_t k;

		if (len == 1) {
			if (*p < 0x20 || *p == 0x7f)
				*p = '?';
			p++;
			continue;
		}
		for (k = 1; len > 1 && k < len; k++)
			if ((p[k] & 0xc0) != 0x80)
				break;
		if (len == 0 || k < len || (len == 2 && *p < 0xc2)) {
			*p++ = '?';
			continue;
		}
		p += len;
	}
}

static void
unreadable(struct document_measure *out, const char *fmt, ...)
{
	va_list ap;

	out->unreadable = 1;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
	scrub(out->why);
}

static enum gr_status
measure_pdf(const unsigned char *buf, size_t len, struct document_measure *out)
{
	uint64_t pages;
	char why[sizeof out->why];

	if (pdf_count_pages(buf, len, &pages, why, sizeof why) == PDF_READ)
		out->pages = pages;
	else
		unreadable(out, "%s", why);
	return GR_OK;
}

/*
 * A DOCX through the submission reader: the same checks of every entry as
 * a submission gets (names, links, encryption, overlaps, sizes that lie),
 * under DOCUMENT_DOCX_* limits.  The first error found is the reason.
 */
static enum gr_status
measure_docx(const unsigned char *buf, size_t len, const char *name,
	     struct document_measure *out)
{
	struct gr_limits lim = gr_limits_default();
	struct problem_list *p = problems_new();
	struct submission *s = NULL;
	enum gr_status st;
	size_t i, n;

	if (p == NULL)
		return GR_NOMEM;
	lim.zip_bytes = len > 0 ? len : 1;
	lim.total_bytes = DOCUMENT_DOCX_TOTAL_BYTES;
	lim.entry_bytes = DOCUMENT_DOCX_PART_BYTES;
	lim.entries = DOCUMENT_DOCX_PARTS;
	st = submission_open_buffer(buf, len, name, &lim, &s, p);
	if (st == GR_NOMEM || p->nomem) {
		submission_free(s);
		problems_free(p);
		return GR_NOMEM;
	}
	if (st != GR_OK) {
		const char *first = "it is not a zip archive";
		for (i = 0; i < p->count; i++)
			if (p->items[i].severity == PROBLEM_ERROR) {
				first = p->items[i].message;
				break;
			}
		unreadable(out, "it is not a readable DOCX (%s)", first);
		problems_free(p);
		return GR_OK;
	}
	n = submission_count(s);
	for (i = 0; i < n; i++)
		if (strcmp(submission_entry(s, i)->name,
			   "word/document.xml") == 0)
			break;
	if (i == n) {
		unreadable(out, "%s", "it is a zip without word/document.xml, "
				      "so not a DOCX");
	} else {
		unsigned char *xml;
		size_t xml_len;

		st = submission_read(s, i, &xml, &xml_len, p);
		if (st == GR_OK) {
			out->words = words_docx_xml((const char *)xml,
						    xml_len);
			free(xml);
		} else if (st != GR_NOMEM) {
			unreadable(out, "its word/document.xml cannot be "
					"read (%s)",
				   p->count > 0 ? p->items[p->count - 1].message
						: "unknown");
		}
	}
	submission_free(s);
	problems_free(p);
	return st == GR_NOMEM ? GR_NOMEM : GR_OK;
}

/* A Jupyter notebook: the words of its Markdown cells (nbformat 4). */
static enum gr_status
measure_ipynb(const unsigned char *buf, size_t len,
	      struct document_measure *out)
{
	cJSON *nb = cJSON_ParseWithLength((const char *)buf, len);
	const cJSON *cells, *cell;
	uint64_t words = 0;

	if (nb == NULL) {
		unreadable(out, "%s", "it is not a notebook (not JSON)");
		return GR_OK;
	}
	cells = cJSON_GetObjectItemCaseSensitive(nb, "cells");
	if (!cJSON_IsArray(cells)) {
		cJSON_Delete(nb);
		unreadable(out, "%s", "it is not a notebook of nbformat 4 "
				      "(no \"cells\" list)");
		return GR_OK;
	}
	cJSON_ArrayForEach(cell, cells) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(cell,
							     "cell_type");
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(cell,
							    "source");
		const cJSON *line;

		if (!cJSON_IsString(type) ||
		    strcmp(type->valuestring, "markdown") != 0)
			continue;
		if (cJSON_IsString(src)) {
			words += words_markdown(src->valuestring,
						strlen(src->valuestring));
			continue;
		}
		/* A list of lines, each with its own line end: counted as
		 * the text they join into. */
		if (!cJSON_IsArray(src))
			continue;
		{
			size_t total = 0, at = 0;
			char *text;

			cJSON_ArrayForEach(line, src)
				if (cJSON_IsString(line))
					total += strlen(line->valuestring);
			if ((text = malloc(total + 1)) == NULL) {
				cJSON_Delete(nb);
				return GR_NOMEM;
			}
			cJSON_ArrayForEach(line, src)
				if (cJSON_IsString(line)) {
					size_t k = strlen(line->valuestring);
					memcpy(text + at, line->valuestring, k);
					at += k;
				}
			words += words_markdown(text, at);
			free(text);
		}
	}
	cJSON_Delete(nb);
	out->words = words;
	return GR_OK;
}

enum gr_status
document_measure(const unsigned char *buf, size_t len, const char *name,
		 enum document_format f, struct document_measure *out)
{
	memset(out, 0, sizeof *out);
	out->format = f;
	out->pages = DOCUMENT_UNKNOWN;
	out->words = DOCUMENT_UNKNOWN;
	switch (f) {
	case DOCUMENT_PDF:
		return measure_pdf(buf, len, out);
	case DOCUMENT_DOCX:
		return measure_docx(buf, len, name, out);
	case DOCUMENT_IPYNB:
		return measure_ipynb(buf, len, out);
	case DOCUMENT_MD:
		out->words = words_markdown((const char *)buf, len);
		return GR_OK;
	case DOCUMENT_HTML:
		out->words = words_html((const char *)buf, len);
		return GR_OK;
	case DOCUMENT_TXT:
		out->words = words_text((const char *)buf, len);
		return GR_OK;
	case DOCUMENT_NONE:
		break;
	}
	return GR_OK;
}
