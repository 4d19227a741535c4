/*
 * words.c: word counts of text, Markdown, HTML and WordprocessingML, through
 * one counter fed one character class at a time (the rules are in words.h).
 */
#include "words.h"

#include <string.h>

enum char_class { CH_SPACE, CH_WORD, CH_PUNCT };

struct counter {
	uint64_t words;
	int in_token;		/* inside a run of non-space characters */
	int token_counted;	/* that run already holds a letter or digit */
};

static void
feed_class(struct counter *c, enum char_class k)
{
	if (k == CH_SPACE) {
		c->in_token = 0;
		c->token_counted = 0;
		return;
	}
	c->in_token = 1;
	if (k == CH_WORD && !c->token_counted) {
		c->token_counted = 1;
		c->words++;
	}
}

static void
feed_break(struct counter *c)
{
	feed_class(c, CH_SPACE);
}

static enum char_class
class_of(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d))
			return CH_SPACE;
		if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z'))
			return CH_WORD;
		return CH_PUNCT;
	}
	if (cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff)
		return CH_SPACE;
	if (cp <= 0xbf || (cp >= 0x2010 && cp <= 0x205e))
		return CH_PUNCT;
	return CH_WORD;
}

/*
 * Decodes one UTF-8 character at s (n > 0 bytes left) into *cp and returns
 * its length; a byte that does not start a well-formed character is read
 * alone, as U+FFFD's class would not fit: as punctuation (*cp = 0x80).
 */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2, v = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, v = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, v = s[0] & 0x07, min = 0x10000;
	} else {
		*cp = 0x80;
		return 1;
	}
	if (len > n) {
		*cp = 0x80;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0x80;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
		*cp = 0x80;
		return 1;
	}
	*cp = v;
	return len;
}

static void
feed_text(struct counter *c, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		i += utf8_next(p + i, n - i, &cp);
		feed_class(c, class_of(cp));
	}
}

uint64_t
words_text(const char *s, size_t n)
{
	struct counter c = { 0 };

	feed_text(&c, s, n);
	return c.words;
}

/* ---- Markup shared by HTML and XML ---- */

static int
is_alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The end of a tag that starts at s[i] == '<': the index after its '>',
 * skipping quoted attribute values; n when it does not end. */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
	char quote = 0;

	for (i++; i < n; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

/* The index after the first occurrence of needle at or after i, or n. */
static size_t
skip_past(const char *s, size_t n, size_t i, const char *needle)
{
	size_t k = strlen(needle);

	for (; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return i + k;
	return n;
}

/* Whether the tag at s[i] == '<' is named name (ASCII, case ignored),
 * closing when closing is set: "<p>", "<p class=x>", "</p>", "<br/>". */
static int
tag_is(const char *s, size_t n, size_t i, const char *name, int closing)
{
	size_t k = strlen(name);

	i++;
	if (closing) {
		if (i >= n || s[i] != '/')
			return 0;
		i++;
	}
	if (i + k > n || strncasecmp(s + i, name, k) != 0)
		return 0;
	return i + k == n || !(is_alpha(s[i + k]) || s[i + k] == '-' ||
			       s[i + k] == ':' ||
			       (s[i + k] >= '0' && s[i + k] <= '9'));
}

/*
 * A character reference at s[i] == '&': feeds the character it names and
 * returns the index after it, or feeds '&' as punctuation and returns i + 1
 * when it is not one.  The no-break spaces are spaces; other named
 * references are letters unless they name punctuation.
 */
static size_t
feed_reference(struct counter *c, const char *s, size_t n, size_t i)
{
	static const char *const spaces[] = {
		"nbsp", "ensp", "emsp", "thinsp", "hairsp", NULL
	};
	static const char *const punct[] = {
		"amp", "lt", "gt", "quot", "apos", "mdash", "ndash", "hellip",
		"laquo", "raquo", "lsquo", "rsquo", "ldquo", "rdquo", "bull",
		"middot", "copy", "reg", "trade", "deg", "sect", "para",
		"dagger", "Dagger", "times", "divide", "plusmn", NULL
	};
	size_t j = i + 1, start;

	if (j < n && s[j] == '#') {
		uint32_t cp = 0;
		int hex = 0, digits = 0;

		j++;
		if (j < n && (s[j] == 'x' || s[j] == 'X'))
			hex = 1, j++;
		for (; j < n && digits < 8; j++, digits++) {
			int d = s[j];
			if (d >= '0' && d <= '9')
				d -= '0';
			else if (hex && d >= 'a' && d <= 'f')
				d -= 'a' - 10;
			else if (hex && d >= 'A' && d <= 'F')
				d -= 'A' - 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0 || j >= n || s[j] != ';') {
			feed_class(c, CH_PUNCT);
			return i + 1;
		}
		feed_class(c, class_of(cp));
		return j + 1;
	}
	start = j;
	while (j < n && j - start < 32 && (is_alpha(s[j]) ||
					  (s[j] >= '0' && s[j] <= '9')))
		j++;
	if (j == start || j >= n || s[j] != ';') {
		feed_class(c, CH_PUNCT);
		return i + 1;
	}
	for (size_t k = 0; spaces[k] != NULL; k++)
		if (strlen(spaces[k]) == j - start &&
		    memcmp(spaces[k], s + start, j - start) == 0) {
			feed_break(c);
			return j + 1;
		}
	for (size_t k = 0; punct[k] != NULL; k++)
		if (strlen(punct[k]) == j - start &&
		    memcmp(punct[k], s + start, j - start) == 0) {
			feed_class(c, CH_PUNCT);
			return j + 1;
		}
	feed_class(c, CH_WORD);
	return j + 1;
}

/* ---- HTML ---- */

/* Elements whose start or end separates words. */
static const char *const html_blocks[] = {
	"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "td", "th",
	"tr", "table", "thead", "tbody", "tfoot", "caption", "h1", "h2", "h3",
	"h4", "h5", "h6", "hr", "pre", "blockquote", "section", "article",
	"header", "footer", "nav", "aside", "main", "figure", "figcaption",
	"address", "body", "html", "img", "form", "fieldset", "legend",
	"details", "summary", "option", "button", "input", "textarea",
	"svg", "text", "tspan", "title", NULL
};

/* Elements whose whole content is not shown. */
static const char *const html_hidden[] = {
	"head", "script", "style", "template", NULL
};

/* Whether the tag at s[i] == '<' starts or ends a block element. */
static int
is_block_tag(const char *s, size_t n, size_t i)
{
	for (size_t k = 0; html_blocks[k] != NULL; k++)
		if (tag_is(s, n, i, html_blocks[k], 0) ||
		    tag_is(s, n, i, html_blocks[k], 1))
			return 1;
	return 0;
}

uint64_t
words_html(const char *s, size_t n)
{
	struct counter c = { 0 };
	size_t i = 0;

	while (i < n) {
		size_t hid;

		if (s[i] == '&') {
			i = feed_reference(&c, s, n, i);
			continue;
		}
		if (s[i] != '<' || i + 1 >= n ||
		    !(is_alpha(s[i + 1]) || s[i + 1] == '/' ||
		      s[i + 1] == '!' || s[i + 1] == '?')) {
			size_t j = i;
			while (j < n && s[j] != '<' && s[j] != '&')
				j++;
			if (j == i)
				j++;
			feed_text(&c, s + i, j - i);
			i = j;
			continue;
		}
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			i = skip_past(s, n, i + 4, "-->");
			continue;
		}
		for (hid = 0; html_hidden[hid] != NULL; hid++)
			if (tag_is(s, n, i, html_hidden[hid], 0))
				break;
		if (html_hidden[hid] != NULL) {
			/* Up to the matching end tag, whatever lies between
			 * (a script's "<" is not a tag). */
			size_t j = tag_end(s, n, i);
			while (j < n && !(s[j] == '<' &&
					  tag_is(s, n, j, html_hidden[hid], 1)))
				j++;
			i = j < n ? tag_end(s, n, j) : n;
			feed_break(&c);
			continue;
		}
		if (is_block_tag(s, n, i))
			feed_break(&c);
		i = tag_end(s, n, i);
	}
	return c.words;
}

/* ---- Markdown ---- */

/* The length of the line at s (n bytes), without its line end. */
static size_t
line_length(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);

	return nl != NULL ? (size_t)(nl - s) : n;
}

/* Whether the line (after up to three spaces) opens or closes a code fence. */
static int
is_fence(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	return n - i >= 3 && ((s[i] == '`' && s[i + 1] == '`' &&
			       s[i + 2] == '`') ||
			      (s[i] == '~' && s[i + 1] == '~' &&
			       s[i + 2] == '~'));
}

/* Whether the line is a link reference definition: "[id]: target". */
static int
is_reference_definition(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '[')
		return 0;
	for (i++; i < n && s[i] != ']'; i++)
		;
	return i + 1 < n && s[i + 1] == ':';
}

/* One line outside code fences: inline markup dropped, the rest fed. */
static void
feed_markdown_line(struct counter *c, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] == '<' && i + 1 < n &&
		    (is_alpha(s[i + 1]) || s[i + 1] == '/' ||
		     s[i + 1] == '!')) {
			size_t end = tag_end(s, n, i);
			if (end <= n && s[end - 1] == '>') {
				/* A tag, an autolink or a comment on one
				 * line: markup, which separates words where
				 * HTML's would. */
				if (is_block_tag(s, n, i))
					feed_break(c);
				i = end;
				continue;
			}
		}
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
			const char *close = memchr(s + i + 2, ')', n - i - 2);
			if (close != NULL) {
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (s[i] == '|') {
			feed_break(c);
			i++;
			continue;
		}
		{
			size_t j = i + 1;
			while (j < n && s[j] != '<' && s[j] != ']' &&
			       s[j] != '|')
				j++;
			feed_text(c, s + i, j - i);
			i = j;
		}
	}
	feed_break(c);
}

uint64_t
words_markdown(const char *s, size_t n)
{
	struct counter c = { 0 };
	int in_fence = 0;
	size_t i = 0;

	while (i < n) {
		size_t len = line_length(s + i, n - i);

		if (is_fence(s + i, len)) {
			in_fence = !in_fence;
			feed_break(&c);
		} else if (in_fence) {
			feed_text(&c, s + i, len);
			feed_break(&c);
		} else if (!is_reference_definition(s + i, len)) {
			feed_markdown_line(&c, s + i, len);
		}
		i += len + 1;
	}
	return c.words;
}

/* ---- WordprocessingML ---- */

uint64_t
words_docx_xml(const char *s, size_t n)
{
	struct counter c = { 0 };
	int in_text = 0;	/* inside <w:t> */
	size_t fallback = 0;	/* depth of <mc:Fallback> */
	size_t i = 0;

	while (i < n) {
		if (s[i] != '<') {
			size_t j = i;
			while (j < n && s[j] != '<' && s[j] != '&')
				j++;
			if (in_text && fallback == 0) {
				if (j > i)
					feed_text(&c, s + i, j - i);
				if (j < n && s[j] == '&') {
					j = feed_reference(&c, s, n, j);
				}
			} else if (j < n && s[j] == '&') {
				j++;
			}
			i = j;
			continue;
		}
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			i = skip_past(s, n, i + 4, "-->");
			continue;
		}
		if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			size_t end = skip_past(s, n, i + 9, "]]>");
			if (in_text && fallback == 0)
				feed_text(&c, s + i + 9,
					  (end == n ? n : end - 3) - (i + 9));
			i = end;
			continue;
		}
		if (tag_is(s, n, i, "w:t", 0)) {
			size_t end = tag_end(s, n, i);
			/* <w:t/> holds nothing. */
			in_text = !(end >= 2 && s[end - 2] == '/');
			i = end;
			continue;
		}
		if (tag_is(s, n, i, "w:t", 1))
			in_text = 0;
		else if (tag_is(s, n, i, "mc:Fallback", 0)) {
			size_t end = tag_end(s, n, i);
			if (!(end >= 2 && s[end - 2] == '/'))
				fallback++;
		} else if (tag_is(s, n, i, "mc:Fallback", 1)) {
			if (fallback > 0)
				fallback--;
		} else if (fallback == 0 &&
			   (tag_is(s, n, i, "w:p", 1) ||
			    tag_is(s, n, i, "w:tab", 0) ||
			    tag_is(s, n, i, "w:br", 0) ||
			    tag_is(s, n, i, "w:cr", 0) ||
			    tag_is(s, n, i, "w:ptab", 0))) {
			feed_break(&c);
		} else if (fallback == 0 &&
			   tag_is(s, n, i, "w:noBreakHyphen", 0)) {
			feed_class(&c, CH_PUNCT);
		}
		i = tag_end(s, n, i);
	}
	return c.words;
}
