/*
 * fuzz_pages.c: libFuzzer target for the HTML pages.  The input is parsed
 * as JSON and rendered both as a scorecard page and as a leaderboard page;
 * since a candidate names the entries of their zip (and so writes parts of
 * a scorecard), every '<' in a page must open one of the tags the
 * templates write, no page may hold "<script", and every link must be a
 * percent-encoded name ending in .html (no scheme can slip in).  Anything
 * else means an input string reached the page unescaped: abort.
 * Attributes are read too: every value is quoted and free of '"' and '<'.
 * An input that is not JSON is cut into strings that fill every string
 * field of a scorecard and a leaderboard.
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

/* The length of the tag name at s (after '<'), "/" included; 0 when it
 * is not one of the templates' tags. */
static size_t
tag_at(const char *s)
{
	size_t slash = *s == '/';

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t len = strlen(tags[i]);

		if (strncmp(s + slash, tags[i], len) == 0 &&
		    (s[slash + len] == '>' || s[slash + len] == ' ' ||
		    s[slash + len] == '\n'))
			return slash + len;
	}
	return 0;
}

/*
 * Reads the attributes of the tag whose name ends at p, up to its '>':
 * each must be name="value" with no '"' or '<' in the value, and an href
 * must be a percent-encoded name ending in .html.  Returns the end of the
 * tag, or NULL when it is malformed.
 */
static const char *
check_attributes(const char *p)
{
	for (;;) {
		const char *name, *value;
		size_t nlen, vlen;

		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '>')
			return p;
		if (p[0] == '/' && p[1] == '>')
			return p + 1;
		name = p;
		nlen = strspn(p, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:");
		if (nlen == 0 || p[nlen] != '=' || p[nlen + 1] != '"')
			return NULL;
		value = p + nlen + 2;
		vlen = strcspn(value, "\"<");
		if (value[vlen] != '"')
			return NULL;
		if (nlen == 4 && strncmp(name, "href", 4) == 0 &&
		    (vlen < 5 || strncmp(value + vlen - 5, ".html", 5) != 0 ||
		    strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789%._~-") != vlen))
			return NULL;
		p = value + vlen + 1;
	}
}

static void
check(char *page)
{
	if (page == NULL)
		return;
	if (strstr(page, "<script") != NULL)
		abort();
	for (const char *p = strchr(page, '<'); p != NULL;
	    p = strchr(p + 1, '<')) {
		size_t len = tag_at(p + 1);

		if (len == 0)
			abort();
		/* Opening tags carry attributes; the doctype and closing
		 * tags none. */
		if (p[1] != '/' && p[1] != '!' &&
		    check_attributes(p + 1 + len) == NULL)
			abort();
	}
	free(page);
}

/*
 * Inputs that are not JSON become a scorecard and a leaderboard whose every
 * string is a piece of the input (split at newlines), so that any bytes,
 * quotes and angle brackets among them, reach every place a string goes.
 */
#define PIECES 12

static cJSON *
synthetic_card(char *const *s)
{
	cJSON *c = cJSON_CreateObject(), *sub, *models, *m, *roc, *pt, *list;
	cJSON *o, *found;

	sub = cJSON_AddObjectToObject(c, "submission");
	cJSON_AddStringToObject(sub, "name", s[0]);
	cJSON_AddStringToObject(sub, "sha256", s[1]);
	cJSON_AddStringToObject(c, "status", s[2]);
	cJSON_AddStringToObject(c, "challenge", s[3]);
	cJSON_AddStringToObject(c, "grader_version", s[11]);
	models = cJSON_AddArrayToObject(c, "models");
	for (int k = 0; k < 2; k++) {
		m = cJSON_CreateObject();
		cJSON_AddItemToArray(models, m);
		cJSON_AddStringToObject(m, "file", s[4 + k]);
		cJSON_AddStringToObject(m, "path", s[5 + k]);
		cJSON_AddBoolToObject(m, "valid", k == 0);
		cJSON_AddNumberToObject(m, "auc", 0.75);
		roc = cJSON_AddArrayToObject(m, "roc");
		for (int q = 0; q < 3; q++) {
			pt = cJSON_CreateArray();
			cJSON_AddItemToArray(pt, cJSON_CreateNumber(q * 5));
			cJSON_AddItemToArray(pt, cJSON_CreateNumber(q * 7));
			cJSON_AddItemToArray(pt, cJSON_CreateNumber(1 - q));
			cJSON_AddItemToArray(roc, pt);
		}
	}
	list = cJSON_AddArrayToObject(c, "deliverables");
	o = cJSON_CreateObject();
	cJSON_AddItemToArray(list, o);
	cJSON_AddStringToObject(o, "name", s[6]);
	cJSON_AddBoolToObject(o, "required", 1);
	found = cJSON_AddArrayToObject(o, "found");
	cJSON_AddItemToArray(found, cJSON_CreateString(s[7]));
	cJSON_AddBoolToObject(o, "ok", 0);
	list = cJSON_AddArrayToObject(c, "forbidden");
	o = cJSON_CreateObject();
	cJSON_AddItemToArray(list, o);
	cJSON_AddStringToObject(o, "name", s[8]);
	found = cJSON_AddArrayToObject(o, "found");
	cJSON_AddItemToArray(found, cJSON_CreateString(s[9]));
	cJSON_AddBoolToObject(o, "ok", 0);
	list = cJSON_AddArrayToObject(c, "problems");
	o = cJSON_CreateObject();
	cJSON_AddItemToArray(list, o);
	cJSON_AddStringToObject(o, "severity", s[10]);
	cJSON_AddStringToObject(o, "code", s[11]);
	cJSON_AddStringToObject(o, "file", s[4]);
	cJSON_AddNumberToObject(o, "line", 3);
	cJSON_AddStringToObject(o, "message", s[6]);
	cJSON_AddStringToObject(o, "hint", s[7]);
	return c;
}

static cJSON *
synthetic_board(char *const *s)
{
	cJSON *b = cJSON_CreateObject(), *rows, *r, *models, *m, *flags;

	cJSON_AddStringToObject(b, "challenge", s[3]);
	rows = cJSON_AddArrayToObject(b, "rows");
	for (int k = 0; k < 2; k++) {
		r = cJSON_CreateObject();
		cJSON_AddItemToArray(rows, r);
		cJSON_AddNumberToObject(r, "rank", 1);
		cJSON_AddStringToObject(r, "submission", s[0 + k]);
		cJSON_AddStringToObject(r, "name", s[1 + k]);
		cJSON_AddStringToObject(r, "status", s[2 + k]);
		cJSON_AddNumberToObject(r, "best_auc", 0.5);
		models = cJSON_AddArrayToObject(r, "models");
		m = cJSON_CreateObject();
		cJSON_AddItemToArray(models, m);
		cJSON_AddStringToObject(m, "file", s[4 + k]);
		cJSON_AddNumberToObject(m, "auc", 0.5);
		flags = cJSON_AddArrayToObject(r, "flags");
		cJSON_AddItemToArray(flags, cJSON_CreateString(s[6 + k]));
		cJSON_AddItemToArray(flags, cJSON_CreateString(s[8]));
		cJSON_AddStringToObject(r, "sha256", s[9]);
	}
	return b;
}

static void
check_synthetic(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *s[PIECES], *p;
	cJSON *card, *board;
	int k = 0;

	if (text == NULL)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	for (p = text; k < PIECES; k++) {
		char *nl = strchr(p, '\n');

		s[k] = p;
		if (nl != NULL) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p = text + strlen(text);
		}
	}
	card = synthetic_card(s);
	board = synthetic_board(s);
	check(pages_submission(card));
	check(pages_index(board));
	cJSON_Delete(card);
	cJSON_Delete(board);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *json = cJSON_ParseWithLength((const char *)data, size);

	if (json == NULL) {
		check_synthetic(data, size);
		return 0;
	}
	check(pages_submission(json));
	check(pages_index(json));
	cJSON_Delete(json);
	return 0;
}
