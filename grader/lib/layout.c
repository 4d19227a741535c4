/*
 * layout.c: finding the results files.
 */
#include "layout.h"

#include "textbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
layout_is_candidate(const struct submission_entry *e)
{
	return !e->is_dir && !e->ignored;
}

/* Folder depth of an entry name: 0 at the root, 1 under one folder. */
static size_t
depth(const char *name)
{
	size_t n = 0;

	for (; *name; name++)
		n += *name == '/';
	return n;
}

/*
 * The comparable core of a file name: lower case, letters and digits only,
 * with every trailing extension (.csv, .txt, .tsv, ...) removed.  Writes at
 * most cap - 1 bytes.
 */
static void
stem(const char *name, char *out, size_t cap)
{
	char tmp[256];
	size_t n = 0;
	char *dot;

	snprintf(tmp, sizeof tmp, "%s", name);
	while ((dot = strrchr(tmp, '.')) != NULL && dot != tmp &&
	       strlen(dot) <= 5)
		*dot = '\0';
	for (const char *p = tmp; *p && n + 1 < cap; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
	}
	out[n] = '\0';
}

/* Whether a and b differ by at most one insertion, deletion or change. */
static int
within_one_edit(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
	int edits = 0;

	if (la > lb + 1 || lb > la + 1)
		return 0;
	while (i < la && j < lb) {
		if (a[i] == b[j]) {
			i++;
			j++;
			continue;
		}
		if (++edits > 1)
			return 0;
		if (la > lb)
			i++;
		else if (lb > la)
			j++;
		else {
			i++;
			j++;
		}
	}
	return edits + (int)(la - i) + (int)(lb - j) <= 1;
}

int
layout_is_near_miss(const char *want, const char *have)
{
	char a[256], b[256];

	if (strcmp(want, have) == 0)
		return 0;
	if (strcasecmp(want, have) == 0)
		return 1;
	stem(want, a, sizeof a);
	stem(have, b, sizeof b);
	if (a[0] == '\0' || b[0] == '\0')
		return 0;
	return strcmp(a, b) == 0 || within_one_edit(a, b);
}

/* Appends ", name" to a list of names; past 400 bytes, names are left out
 * (that is enough to make the point).  Returns 0 when out of memory. */
static int
append_name(struct textbuf *list, const char *name)
{
	if (list->len > 400)
		return 1;
	if (list->len > 0)
		textbuf_puts(list, ", ");
	textbuf_puts(list, name);
	return !list->failed;
}

static int
is_expected(char *const *expected, size_t n, const char *base)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(expected[i], base) == 0)
			return 1;
	return 0;
}

long
layout_find_results(const struct submission *s, const char *name,
		    char *const *expected, size_t n_expected,
		    struct problem_list *problems)
{
	size_t n = submission_count(s), found = 0;
	long index = -1;
	struct textbuf matches = { 0 }, near = { 0 }, deep = { 0 }, hint = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct submission_entry *e = submission_entry(s, i);
		int exact;
		if (!layout_is_candidate(e))
			continue;
		exact = strcmp(e->base, name) == 0;
		if (exact && depth(e->name) <= 1) {
			found++;
			index = (long)i;
			if (!append_name(&matches, e->name))
				goto nomem;
		} else if (exact) {
			if (!append_name(&deep, e->name))
				goto nomem;
		} else if (!is_expected(expected, n_expected, e->base) &&
			   layout_is_near_miss(name, e->base)) {
			if (!append_name(&near, e->name))
				goto nomem;
		}
	}

	if (found == 1)
		goto done;
	index = -1;
	if (found > 1) {
		problems_add(problems, PROBLEM_ERROR, "results.ambiguous", name,
			     0,
			     "Keep exactly one copy, at the top of the zip or in its one folder.",
			     "%s is there more than once: %s", name,
			     matches.data);
		goto done;
	}
	if (deep.len > 0)
		textbuf_printf(&hint, "It was found at %s: put it at the top of "
			       "the zip, or in a single top-level folder.",
			       deep.data);
	else if (near.len > 0)
		textbuf_printf(&hint, "Found %s: rename it to exactly %s (lower "
			       "case, .csv).", near.data, name);
	if (hint.failed)
		goto nomem;
	problems_add(problems, PROBLEM_ERROR, "results.missing", name, 0,
		     hint.len > 0 ? hint.data
				  : "Add it at the top of the zip: one probability per line, no header.",
		     "%s is missing", name);
	goto done;

nomem:
	problems_nomem(problems);
	index = -1;
done:
	free(textbuf_finish(&matches));
	free(textbuf_finish(&near));
	free(textbuf_finish(&deep));
	free(textbuf_finish(&hint));
	return index;
}
