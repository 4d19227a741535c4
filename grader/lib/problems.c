/*
 * problems.c: the problem list.
 */
#include "problems.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct problem_list *
problems_new(void)
{
	return calloc(1, sizeof(struct problem_list));
}

static void
problem_release(struct problem *p)
{
	free(p->file);
	free(p->message);
	free(p->hint);
}

void
problems_free(struct problem_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->count; i++)
		problem_release(&list->items[i]);
	free(list->items);
	free(list);
}

static int
same_file(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static char *
dup_or_null(const char *s, int *failed)
{
	char *d;

	if (s == NULL)
		return NULL;
	d = strdup(s);
	if (d == NULL)
		*failed = 1;
	return d;
}

static enum gr_status
grow(struct problem_list *list)
{
	size_t cap;
	struct problem *items;

	if (list->count < list->cap)
		return GR_OK;
	cap = list->cap ? list->cap * 2 : 16;
	items = realloc(list->items, cap * sizeof *items);
	if (items == NULL) {
		list->nomem = 1;
		return GR_NOMEM;
	}
	list->items = items;
	list->cap = cap;
	return GR_OK;
}

/* Room for "and 18446744073709551615 more problems of this kind". */
#define SUMMARY_MESSAGE_SIZE 64

static void
format_summary(struct problem *q)
{
	snprintf(q->message, SUMMARY_MESSAGE_SIZE,
		 "and %zu more problem%s of this kind", q->more,
		 q->more == 1 ? "" : "s");
}

enum gr_status
problems_addv(struct problem_list *list, enum problem_severity severity,
	      const char *code, const char *file, long line, const char *hint,
	      const char *fmt, va_list ap)
{
	struct problem p = { 0 };
	size_t seen = 0;
	int failed = 0;

	/*
	 * A file with a million bad lines adds a million problems of one
	 * kind: the summary of the kind last counted is checked first, and a
	 * summary's message is rewritten in place, so that each such call
	 * costs a comparison and a snprintf, not a scan and an allocation.
	 */
	if (list->last_summary < list->count) {
		struct problem *q = &list->items[list->last_summary];
		if (q->more > 0 && strcmp(q->code, code) == 0 &&
		    same_file(q->file, file)) {
			q->more++;
			format_summary(q);
			return GR_OK;
		}
	}
	for (size_t i = list->count; i-- > 0;) {
		struct problem *q = &list->items[i];
		if (strcmp(q->code, code) != 0 || !same_file(q->file, file))
			continue;
		if (q->more > 0) {
			q->more++;
			format_summary(q);
			list->last_summary = i;
			return GR_OK;
		}
		seen++;
	}
	if (grow(list) != GR_OK)
		return GR_NOMEM;

	p.severity = severity;
	p.code = code;
	p.line = line;
	p.file = dup_or_null(file, &failed);
	if (seen >= PROBLEMS_PER_KIND) {
		/* The first one past the limit becomes the summary. */
		p.more = 1;
		p.line = 0;
		if ((p.message = malloc(SUMMARY_MESSAGE_SIZE)) != NULL)
			format_summary(&p);
		list->last_summary = list->count;
	} else {
		p.hint = dup_or_null(hint, &failed);
		if (vasprintf(&p.message, fmt, ap) < 0)
			p.message = NULL;
	}
	if (failed || p.message == NULL) {
		problem_release(&p);
		list->nomem = 1;
		return GR_NOMEM;
	}
	list->items[list->count++] = p;
	return GR_OK;
}

enum gr_status
problems_add(struct problem_list *list, enum problem_severity severity,
	     const char *code, const char *file, long line, const char *hint,
	     const char *fmt, ...)
{
	va_list ap;
	enum gr_status st;

	va_start(ap, fmt);
	st = problems_addv(list, severity, code, file, line, hint, fmt, ap);
	va_end(ap);
	return st;
}

static size_t
weight(const struct problem *p)
{
	return p->more > 0 ? p->more : 1;
}

size_t
problems_count(const struct problem_list *list, enum problem_severity severity)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].severity == severity)
			n += weight(&list->items[i]);
	return n;
}

size_t
problems_count_code(const struct problem_list *list, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].code, code) == 0)
			n += weight(&list->items[i]);
	return n;
}

const struct problem *
problems_find(const struct problem_list *list, const char *code)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].code, code) == 0)
			return &list->items[i];
	return NULL;
}

size_t
problems_errors_in(const struct problem_list *list, const char *file)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++) {
		const struct problem *p = &list->items[i];
		if (p->severity == PROBLEM_ERROR && same_file(p->file, file))
			n += weight(p);
	}
	return n;
}

enum gr_status
problems_move(struct problem_list *dst, struct problem_list *src)
{
	for (size_t i = 0; i < src->count; i++) {
		if (grow(dst) != GR_OK) {
			/* Keep what could not be moved in src. */
			memmove(src->items, src->items + i,
				(src->count - i) * sizeof *src->items);
			src->count -= i;
			return GR_NOMEM;
		}
		dst->items[dst->count++] = src->items[i];
	}
	src->count = 0;
	dst->nomem |= src->nomem;
	return GR_OK;
}
