/*
 * problems.c: the problem list.
 */
#include "problems.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

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

/* The house's destructor shape (NULL is a no-op; each owned part freed):
 * alike in every module on purpose. */
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
	if (ALLOC_GROW(list->items, list->count + 1, list->cap) != 0)
		return problems_nomem(list);
	return GR_OK;
}

/* Room for "and 18446744073709551615 more entries with the same problem". */
#define SUMMARY_MESSAGE_SIZE 72

static void
format_summary(struct problem *q)
{
	if (q->per_entry)
		snprintf(q->message, SUMMARY_MESSAGE_SIZE,
			 "and %zu more entr%s with the same problem", q->more,
			 q->more == 1 ? "y" : "ies");
	else
		snprintf(q->message, SUMMARY_MESSAGE_SIZE,
			 "and %zu more problem%s of this kind", q->more,
			 q->more == 1 ? "" : "s");
}

/* Whether q counts toward the cap of a new problem (code, file). */
static int
same_kind(const struct problem *q, const char *code, const char *file,
	  int per_entry)
{
	return q->per_entry == per_entry && strcmp(q->code, code) == 0 &&
	    (per_entry || same_file(q->file, file));
}

/*
 * Adds one problem, or counts it into its kind's summary.  A kind is a
 * code in one file; with per_entry, a code whatever the file (the file
 * names an archive entry, a different one each time).
 */
static enum gr_status
add(struct problem_list *list, enum problem_severity severity,
    const char *code, const char *file, long line, const char *hint,
    int per_entry, const char *fmt, va_list ap)
{
	struct problem p = { 0 };
	size_t seen = 0;
	int failed = 0;

	assert(list != NULL && code != NULL && fmt != NULL);

	/*
	 * A file with a million bad lines adds a million problems of one
	 * kind: the summary of the kind last counted is checked first, and a
	 * summary's message is rewritten in place, so that each such call
	 * costs a comparison and a snprintf, not a scan and an allocation.
	 */
	if (list->last_summary < list->count) {
		struct problem *q = &list->items[list->last_summary];
		if (q->more > 0 && same_kind(q, code, file, per_entry)) {
			q->more++;
			format_summary(q);
			return GR_OK;
		}
	}
	for (size_t i = list->count; i-- > 0;) {
		struct problem *q = &list->items[i];
		if (!same_kind(q, code, file, per_entry))
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
	p.per_entry = per_entry;
	if (seen >= PROBLEMS_PER_KIND) {
		/* The first one past the limit becomes the summary; one over
		 * entries names none of them. */
		p.more = 1;
		p.line = 0;
		p.file = per_entry ? NULL : dup_or_null(file, &failed);
		if ((p.message = malloc(SUMMARY_MESSAGE_SIZE)) != NULL)
			format_summary(&p);
		list->last_summary = list->count;
	} else {
		p.file = dup_or_null(file, &failed);
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
problems_addv(struct problem_list *list, enum problem_severity severity,
	      const char *code, const char *file, long line, const char *hint,
	      const char *fmt, va_list ap)
{
	return add(list, severity, code, file, line, hint, 0, fmt, ap);
}

enum gr_status
problems_add_entry(struct problem_list *list, enum problem_severity severity,
		   const char *code, const char *entry, const char *hint,
		   const char *fmt, ...)
{
	va_list ap;
	enum gr_status st;

	va_start(ap, fmt);
	st = add(list, severity, code, entry, 0, hint, 1, fmt, ap);
	va_end(ap);
	return st;
}

enum gr_status
problems_add_entryv(struct problem_list *list, enum problem_severity severity,
		    const char *code, const char *entry, const char *hint,
		    const char *fmt, va_list ap)
{
	return add(list, severity, code, entry, 0, hint, 1, fmt, ap);
}

enum gr_status
problems_nomem(struct problem_list *list)
{
	list->nomem = 1;
	return GR_NOMEM;
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
