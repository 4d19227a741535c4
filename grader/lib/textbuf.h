/*
 * textbuf.h: a growable NUL-terminated string.  When an allocation fails
 * the data is freed at once and `failed` is set; every later append is a
 * no-op, so that a document is written to its end without a check after
 * each call and textbuf_finish() returns NULL.  Start from a zeroed
 * struct.  Depends on nothing else of ours.
 */
#ifndef GRADER_TEXTBUF_H
#define GRADER_TEXTBUF_H

#include <stddef.h>

struct textbuf {
	char *data;
	size_t len, cap;
	int failed;
};

/* Appends s[0..n). */
void textbuf_add(struct textbuf *b, const char *s, size_t n);

/* Appends a NUL-terminated string. */
void textbuf_puts(struct textbuf *b, const char *s);

/* Appends printf output.  Only for integers and literals: input strings
 * go through an escaping writer instead, and a double through number.h's
 * formatters (printf follows the locale's decimal point). */
void textbuf_printf(struct textbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The string, which the caller frees with free(), or NULL when an
 * allocation failed (nothing is left to free then). */
char *textbuf_finish(struct textbuf *b);

#endif
