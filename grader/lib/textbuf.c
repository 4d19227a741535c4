/*
 * textbuf.c: a growable NUL-terminated string that remembers a failed
 * allocation, for the writers of pages and leaderboards (the publisher).
 */
#include "textbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
textbuf_fail(struct textbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 1;
}

/* Makes room for n more bytes and the terminating NUL. */
static int
textbuf_reserve(struct textbuf *b, size_t n)
{
	size_t need, cap;
	char *data;

	if (b->failed)
		return 0;
	if (n > SIZE_MAX - 1 - b->len) {
		textbuf_fail(b);
		return 0;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 1;
	cap = b->cap ? b->cap : 8192;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	data = realloc(b->data, cap);
	if (data == NULL) {
		textbuf_fail(b);
		return 0;
	}
	b->data = data;
	b->cap = cap;
	return 1;
}

void
textbuf_add(struct textbuf *b, const char *s, size_t n)
{
	if (!textbuf_reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
textbuf_puts(struct textbuf *b, const char *s)
{
	textbuf_add(b, s, strlen(s));
}

void
textbuf_printf(struct textbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		textbuf_fail(b);
		return;
	}
	if (!textbuf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
textbuf_finish(struct textbuf *b)
{
	if (b->failed || !textbuf_reserve(b, 0))
		return NULL;
	b->data[b->len] = '\0';
	return b->data;
}

