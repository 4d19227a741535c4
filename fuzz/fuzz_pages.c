/*
 * fuzz_pages.c: libFuzzer target for the HTML pages.  The input is parsed
 * as JSON and rendered both as a scorecard page and as a leaderboard page;
 * since a candidate names the entries of their zip (and so writes parts of
 * a scorecard), every '<' in a page must open one of the tags the
 * templates write, no page may hold "<script", and every link must be a
 * percent-encoded name ending in .html (no scheme can slip in).  Anything
 * else means an input string reached the page unescaped: abort.
 * Built and run by fuzz/run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The tags the templates write (after '<' or "</"). */
static const char *const tags[] = {
	"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main",
	"header", "section", "h1", "h2", "p", "a", "dl", "dt", "dd", "table",
	"thead", "tbody", "tr", "th", "td", "span", "code", "svg", "g",
	"line", "polyline", "path", "rect", "text", "title", "ul", "li",
	"sup", "div", "small", "strong", "em", "br", "details", "summary",
	"caption", "colgroup", "col", "circle", "desc", "tspan", "footer",
	"nav", "ol", "b", "i", "abbr", "pre", "kbd", "figure", "figcaption",
};

static int
tag_at(const char *s)
{
	if (*s == '/')
		s++;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t len = strlen(tags[i]);

		if (strncmp(s, tags[i], len) == 0 &&
		    (s[len] == '>' || s[len] == ' ' || s[len] == '\n'))
			return 1;
	}
	return 0;
}

static void
check(char *page)
{
	if (page == NULL)
		return;
	if (strstr(page, "<script") != NULL)
		abort();
	/* A link goes to a page beside this one: percent-encoded, .html. */
	for (const char *h = strstr(page, "href=\""); h != NULL;
	    h = strstr(h + 1, "href=\"")) {
		size_t len = strspn(h + 6, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789%._~-");

		if (h[6 + len] != '"' || len < 5 ||
		    strncmp(h + 6 + len - 5, ".html", 5) != 0)
			abort();
	}
	for (const char *p = strchr(page, '<'); p != NULL;
	    p = strchr(p + 1, '<'))
		if (!tag_at(p + 1))
			abort();
	free(page);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *json = cJSON_ParseWithLength((const char *)data, size);

	if (json == NULL)
		return 0;
	check(pages_submission(json));
	check(pages_index(json));
	cJSON_Delete(json);
	return 0;
}
