/*
 * words.h: counting the words of a write-up the way a word processor does,
 * after dropping markup.  A word is a run of characters between spaces that
 * holds at least one letter or digit: "data-driven" is one word, "—" or "#"
 * on its own is none.  Spaces are ASCII white space and Unicode's spaces
 * (no-break, em, thin, ideographic, the line and paragraph separators, the
 * zero-width space); letters and digits are ASCII's and every character
 * above U+00BF outside Unicode's General Punctuation block.  Text is read as
 * UTF-8; a byte that is not part of UTF-8 is punctuation.  Depends on
 * nothing else of ours.
 */
#ifndef GRADER_WORDS_H
#define GRADER_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* Plain text. */
uint64_t words_text(const char *s, size_t n);

/*
 * Markdown: code fences' own lines, link and image targets, reference
 * definitions, HTML tags and comments and table pipes are markup; the text
 * of links, emphasis, headings and code is counted.
 */
uint64_t words_markdown(const char *s, size_t n);

/*
 * HTML: what a browser shows of the body.  Tags, comments, and the
 * contents of head, script, style and template are dropped; block tags
 * (p, div, br, li, td, h1 ...) separate words, inline tags (b, a, span ...)
 * do not; character references count as the character they name.
 */
uint64_t words_html(const char *s, size_t n);

/*
 * A DOCX's word/document.xml: the text of the w:t elements, with w:p, w:tab,
 * w:br and w:cr separating words.  Deleted text (w:delText), field codes
 * (w:instrText) and mc:Fallback copies of content are not counted, as Word
 * does not count them.
 */
uint64_t words_docx_xml(const char *s, size_t n);

#endif
