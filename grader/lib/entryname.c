/*
 * entryname.c: entry names, as entryname.h describes.
 */
#include "entryname.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a hostile name a message shows. */
#define SHOWN_NAME_BYTES	96

/*
 * Returns the length of the valid UTF-8 sequence at s (at most n bytes
 * long), or 0 when there is none: no overlong forms, no surrogates, nothing
 * above U+10FFFF.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

int
entryname_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = utf8_seq(s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

char *
entryname_shown(const unsigned char *s, size_t n)
{
	char *out, *p;
	size_t i = 0, k;

	/* Four bytes out per byte in, at most, plus the length note. */
	if ((out = malloc(SHOWN_NAME_BYTES * 4 + 64)) == NULL)
		return NULL;
	p = out;
	while (i < n && (size_t)(p - out) < SHOWN_NAME_BYTES) {
		k = utf8_seq(s + i, n - i);
		if (k == 1 && (s[i] < 0x20 || s[i] == 0x7f))
			k = 0;
		/* C1 controls (U+0080 to U+009F) move terminals too. */
		if (k == 2 && s[i] == 0xc2 && s[i + 1] < 0xa0)
			k = 0;
		if (k == 0) {
			p += sprintf(p, "\\x%02x", s[i]);
			i++;
		} else {
			memcpy(p, s + i, k);
			p += k;
			i += k;
		}
	}
	if (i < n)
		p += sprintf(p, "... (%zu bytes)", n);
	*p = '\0';
	return out;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
entryname_fold_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = ascii_lower((unsigned char)*a);
		int y = ascii_lower((unsigned char)*b);

		if (x != y || x == 0)
			return x - y;
	}
}

const char *
entryname_unsafe(const char *name, const unsigned char *raw, size_t rawlen,
	      int has_nul, int *control)
{
	const char *p, *q;

	assert(name != NULL && (raw != NULL || rawlen == 0));
	*control = -1;
	if (has_nul)
		return "contains a NUL byte (shown as a space)";
	if (rawlen == 0 || name[0] == '\0')
		return "is empty";
	if (rawlen > ENTRYNAME_MAX_BYTES)
		return "is longer than 255 bytes";
	for (size_t i = 0; i < rawlen; i++) {
		if (raw[i] < 0x20 || raw[i] == 0x7f) {
			*control = raw[i];
			return "contains a control character";
		}
	}
	if (name[0] == '/')
		return "is an absolute path";
	if (ascii_lower((unsigned char)name[0]) >= 'a' &&
	    ascii_lower((unsigned char)name[0]) <= 'z' && name[1] == ':')
		return "starts with a drive letter";
	for (p = name; *p != '\0'; p = q + 1) {
		size_t len;

		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		len = (size_t)(q - p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return "climbs out of its folder with '..'";
		/* A trailing '/' marks a folder; any other empty part is
		 * not something a zip tool writes. */
		if ((len == 0 && *q != '\0') || (len == 1 && p[0] == '.'))
			return "has an empty or '.' part";
		if (*q == '\0')
			break;
	}
	return NULL;
}

int
entryname_ignored(const char *name, const char *base)
{
	return strncmp(name, "__MACOSX/", 9) == 0 ||
	    strcmp(name, "__MACOSX") == 0 || strncmp(base, "._", 2) == 0;
}

char *
entryname_from_stored(const char *stored, int *backslash)
{
	char *name = strdup(stored);

	*backslash = 0;
	if (name == NULL)
		return NULL;
	for (char *p = name; *p != '\0'; p++) {
		if (*p == '\\') {
			*p = '/';
			*backslash = 1;
		}
	}
	return name;
}
