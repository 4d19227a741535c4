/*
 * pages.c: the HTML pages of graded submissions and of the leaderboard.
 *
 * A page is built in one growable string.  Every string that comes from the
 * input goes through put_text() (HTML escaping) or put_url() (percent
 * encoding of link targets); everything else written here is a literal or
 * a number formatted below, so no input can open a tag or an attribute.
 *
 * Numbers are formatted by number_format_as(), which never follows the
 * locale, so the bytes are the same under any locale; no format here uses
 * the ' (grouping) flag, and thousands are grouped by put_count() itself.
 * Scorecards and leaderboards are read with the scorecard's accessors,
 * which read anything (a damaged file, a built tree) without failing.
 */
#include "pages.h"

#include "grow.h"
#include "number.h"
#include "schema.h"
#include "scorecard.h"
#include "textbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DASH "—"

/*
 * Escapes & < > " ' for text and attribute values alike.  C0 controls other
 * than tab, line feed and carriage return, and DEL, are not allowed in HTML
 * text: they become U+FFFD.
 */
static void
put_text(struct textbuf *b, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7f) {
				rep = "&#xFFFD;";
				break;
			}
			continue;
		}
		textbuf_add(b, run, (size_t)(s - run));
		textbuf_puts(b, rep);
		run = s + 1;
	}
	textbuf_add(b, run, (size_t)(s - run));
}

/* Escapes s, or writes the dash when s is NULL. */
static void
put_text_or_dash(struct textbuf *b, const char *s)
{
	if (s == NULL)
		textbuf_puts(b, DASH);
	else
		put_text(b, s);
}

/*
 * Percent-encodes s for a relative link target (RFC 3986): the unreserved
 * characters A-Z a-z 0-9 - . _ ~ are kept, every other byte (UTF-8 bytes
 * included) becomes %XX.  '/' and ':' are encoded too, so that a name can
 * neither leave the folder nor become a scheme such as javascript:.
 */
static void
put_url(struct textbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[3];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			textbuf_add(b, (const char *)&c, 1);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 15];
		textbuf_add(b, esc, 3);
	}
}

/* v when it is an array, else NULL (for cJSON_ArrayForEach, which would
 * walk an object's members too). */
static const cJSON *
as_array(const cJSON *v)
{
	return cJSON_IsArray(v) ? v : NULL;
}

/* The size of the array, or 0 when v is not an array. */
static int
array_size(const cJSON *v)
{
	return cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 0;
}

/* Drops the sign of a number that reads as zero ("-0.0000"). */
static const char *
unsigned_zero(const char *s)
{
	if (s[0] == '-' && strspn(s + 1, "0.") == strlen(s + 1))
		return s + 1;
	return s;
}

/*
 * Writes a number as number_format_as() writes it, for people: "7.89e-16"
 * becomes "7.89 × 10<sup>−16</sup>".
 */
static void
put_formatted(struct textbuf *b, const char *s)
{
	const char *e = strchr(s, 'e');
	const char *d;
	int negative = 0;

	if (e == NULL) {
		textbuf_puts(b, unsigned_zero(s));
		return;
	}
	textbuf_add(b, s, (size_t)(e - s));
	textbuf_puts(b, " × 10<sup>");
	d = e + 1;
	if (*d == '-' || *d == '+')
		negative = *d++ == '-';
	while (*d == '0' && d[1] != '\0')
		d++;
	if (negative)
		textbuf_puts(b, "−");
	textbuf_puts(b, d);
	textbuf_puts(b, "</sup>");
}

/* Significant digits; scientific when %g chooses it. */
static void
put_sig(struct textbuf *b, double x, int digits)
{
	char s[NUMBER_BUF];

	put_formatted(b, number_format_as(x, NUMBER_SIG_ZEROS, digits, s));
}

/* Significant digits, always scientific. */
static void
put_sci(struct textbuf *b, double x, int digits)
{
	char s[NUMBER_BUF];

	put_formatted(b, number_format_as(x, NUMBER_SCI, digits, s));
}

/*
 * A fixed number of decimals.  Beyond 1e15 (never an AUC, z or a
 * coordinate of ours) the value is written with significant digits so
 * that the string stays short.
 */
static void
put_fixed(struct textbuf *b, double x, int decimals)
{
	char s[NUMBER_BUF];

	if (fabs(x) >= 1e15) {
		put_sig(b, x, 4);
		return;
	}
	textbuf_puts(b, unsigned_zero(number_format_as(x, NUMBER_FIXED,
	    decimals, s)));
}

/* A JSON value with 4 decimals (AUCs and CI bounds), or the dash. */
static void
put_auc(struct textbuf *b, const cJSON *v)
{
	double x;

	if (scorecard_number_of(v, &x))
		put_fixed(b, x, 4);
	else
		textbuf_puts(b, DASH);
}

/* The largest integer below which every integer is a double. */
#define EXACT_INTEGERS 9007199254740992.0

/* Whether v is a whole number that a double holds exactly. */
static int
whole_of(const cJSON *v, double *out)
{
	return scorecard_number_of(v, out) && *out == floor(*out) &&
	       fabs(*out) < EXACT_INTEGERS;
}

/*
 * A whole number, digits grouped by ',' in threes when group is set; the
 * dash when v is not a whole number.
 */
static void
put_count(struct textbuf *b, const cJSON *v, int group)
{
	char s[32];
	double x;
	size_t len, i, lead;

	if (!whole_of(v, &x)) {
		textbuf_puts(b, DASH);
		return;
	}
	snprintf(s, sizeof s, "%lld", (long long)x);
	if (!group) {
		textbuf_puts(b, s);
		return;
	}
	i = s[0] == '-';
	textbuf_add(b, s, i);
	len = strlen(s + i);
	lead = len % 3 ? len % 3 : 3;
	textbuf_add(b, s + i, lead);
	for (i += lead; s[i] != '\0'; i += 3) {
		textbuf_puts(b, ",");
		textbuf_add(b, s + i, 3);
	}
}

/* The page's style: system fonts only, nothing fetched. */
static const char css[] =
	"*{box-sizing:border-box}"
	"body{margin:0;background:#f4f5f7;color:#1f2328;"
	"font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif}\n"
	"main{max-width:1100px;margin:0 auto;padding:24px 20px 48px}\n"
	"header,section{background:#fff;border:1px solid #d8dee4;"
	"border-radius:8px;padding:16px 20px;margin:0 0 16px}\n"
	"h1{font-size:24px;line-height:1.3;margin:0;overflow-wrap:anywhere}\n"
	"h1 .badge{vertical-align:4px;margin-left:4px}\n"
	"h2{font-size:17px;margin:0 0 12px}\n"
	"p{margin:0 0 8px}\n"
	"p.back{font-size:13px;margin:0 0 6px}\n"
	".muted{color:#57606a}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;"
	"gap:4px 20px;margin:14px 0 0}\n"
	"dl.meta dt{color:#57606a}\n"
	"dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eaeef2;"
	"vertical-align:top}\n"
	"th{font-size:13px;font-weight:600;color:#57606a;background:#f6f8fa;"
	"white-space:nowrap}\n"
	"tbody tr:nth-child(even){background:#fafbfc}\n"
	"tbody tr:hover{background:#f0f6ff}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"td.msg{min-width:16em}\n"
	".nowrap{white-space:nowrap}\n"
	"sup{line-height:0}\n"
	"code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"
	"monospace;overflow-wrap:anywhere}\n"
	"a{color:#0550ae}\n"
	".badge,.flag,.tag{display:inline-block;border:1px solid;"
	"border-radius:999px;font-weight:600;white-space:nowrap}\n"
	".badge{padding:0 10px;font-size:13px}\n"
	".flag,.tag{padding:0 8px;font-size:12px;margin:1px 4px 1px 0}\n"
	".b-pass{background:#dafbe1;color:#116329;border-color:#4ac26b}\n"
	".b-fail{background:#fff8c5;color:#7d4e00;border-color:#d4a72c}\n"
	".b-bad{background:#ffebe9;color:#a40e26;border-color:#ff8182}\n"
	".b-none{background:#eaeef2;color:#424a53;border-color:#afb8c1}\n"
	".tag{background:#ddf4ff;color:#0550ae;border-color:#80ccff}\n"
	".yes{color:#116329;font-weight:600}\n"
	".no{color:#a40e26;font-weight:600}\n"
	".swatch{vertical-align:middle;margin-right:6px}\n"
	"svg.roc{display:block;max-width:100%;height:auto}\n"
	"svg.roc text{font-family:system-ui,-apple-system,\"Segoe UI\","
	"Roboto,Arial,sans-serif;font-size:12px;fill:#57606a}\n"
	"svg.roc text.legend{font-size:13px;fill:#1f2328}\n"
	"svg.roc text.title{font-size:13px;fill:#1f2328}\n"
	"dl.flags{display:grid;grid-template-columns:max-content 1fr;"
	"gap:2px 12px;margin:12px 0 0;font-size:13px}\n"
	"dl.flags dd{margin:0;color:#57606a}\n";

/* Everything up to the title's text, which the caller escapes. */
static void
put_head_start(struct textbuf *b)
{
	textbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, "
		 "initial-scale=1\">\n<title>");
}

static void
put_head_end(struct textbuf *b)
{
	textbuf_puts(b, "</title>\n<style>\n");
	textbuf_puts(b, css);
	textbuf_puts(b, "</style>\n</head>\n<body>\n<main>\n");
}

static void
put_foot(struct textbuf *b)
{
	textbuf_puts(b, "</main>\n</body>\n</html>\n");
}

/* The statuses of schema.h, and one more for any other text. */
#define STATUS_OTHER SCHEMA_N_STATUSES

/* The status of a name, or STATUS_OTHER. */
static int
status_kind(const char *status)
{
	int s = schema_status_of(status);

	return s < 0 ? STATUS_OTHER : s;
}

/*
 * A status badge: the colour says it at a glance and the text says it to
 * everyone (colour-blind readers, print).  The class comes from a fixed
 * set, never from the input.
 */
static void
put_badge(struct textbuf *b, const char *status)
{
	static const char *const classes[] = {
		[SCHEMA_PASS] = "b-pass", [SCHEMA_FAIL] = "b-fail",
		[SCHEMA_INVALID] = "b-bad", [SCHEMA_ERROR] = "b-bad",
		[STATUS_OTHER] = "b-none",
	};

	textbuf_puts(b, "<span class=\"badge ");
	textbuf_puts(b, classes[status_kind(status)]);
	textbuf_puts(b, "\">");
	put_text_or_dash(b, status);
	textbuf_puts(b, "</span>");
}

/* true, false, or the dash for anything else. */
static void
put_yes_no(struct textbuf *b, const cJSON *v)
{
	if (cJSON_IsTrue(v))
		textbuf_puts(b, "<span class=\"yes\">✔ yes</span>");
	else if (cJSON_IsFalse(v))
		textbuf_puts(b, "<span class=\"no\">✘ no</span>");
	else
		textbuf_puts(b, DASH);
}

/*
 * The ROC chart's geometry: a square plot of PLOT_SIZE pixels, margins for
 * the tick labels and axis titles, and the legend at the right.  A point
 * (fpr, tpr) is drawn at x = MARGIN_LEFT + PLOT_SIZE * fpr,
 * y = MARGIN_TOP + PLOT_SIZE * (1 - tpr), with 2 decimals.
 */
#define PLOT_SIZE 320
#define MARGIN_LEFT 56
#define MARGIN_TOP 16
#define MARGIN_RIGHT 16
#define MARGIN_BOTTOM 48
#define LEGEND_WIDTH 232
#define LEGEND_STEP 40
#define CHART_WIDTH (MARGIN_LEFT + PLOT_SIZE + MARGIN_RIGHT + LEGEND_WIDTH)
#define LEGEND_LEFT (MARGIN_LEFT + PLOT_SIZE + MARGIN_RIGHT + 8)

/*
 * Line styles by model index: colours of the Okabe-Ito palette (told apart
 * with any colour vision) and dash patterns, in cycles of co-prime lengths
 * so that the first 42 models never share both.
 */
static const char *const line_colours[] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00",
	"#56B4E9",
};
static const char *const line_dashes[] = {
	"", "8 4", "2 3", "12 4 3 4", "5 5", "1 4",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The stroke attributes of model i's line. */
static void
put_line_style(struct textbuf *b, size_t i)
{
	const char *dash = line_dashes[i % COUNT(line_dashes)];

	textbuf_puts(b, " fill=\"none\" stroke=\"");
	textbuf_puts(b, line_colours[i % COUNT(line_colours)]);
	textbuf_puts(b, "\" stroke-width=\"2\"");
	if (dash[0] != '\0') {
		textbuf_puts(b, " stroke-dasharray=\"");
		textbuf_puts(b, dash);
		textbuf_puts(b, "\"");
	}
}

/* The first two numbers of a point [fp, tp, threshold]. */
static int
roc_point(const cJSON *point, double *fp, double *tp)
{
	const cJSON *a, *c;

	if (!cJSON_IsArray(point))
		return 0;
	a = point->child;
	c = a != NULL ? a->next : NULL;
	return scorecard_number_of(a, fp) && scorecard_number_of(c, tp);
}

/*
 * Whether a model's roc can be drawn: an array of at least two points,
 * each with numeric counts, the last one giving N > 0 negatives and P > 0
 * positives.  Stores N and P.
 */
static int
roc_plottable(const cJSON *roc, double *n, double *p)
{
	const cJSON *point, *last = NULL;
	double fp, tp;

	if (array_size(roc) < 2)
		return 0;
	cJSON_ArrayForEach(point, roc) {
		if (!roc_point(point, &fp, &tp))
			return 0;
		last = point;
	}
	return roc_point(last, n, p) && *n > 0 && *p > 0;
}

static double
clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static void
put_xy(struct textbuf *b, double fpr, double tpr)
{
	put_fixed(b, MARGIN_LEFT + PLOT_SIZE * clamp01(fpr), 2);
	textbuf_puts(b, ",");
	put_fixed(b, MARGIN_TOP + PLOT_SIZE * (1 - clamp01(tpr)), 2);
}

static void
put_polyline(struct textbuf *b, const cJSON *roc, size_t style)
{
	const cJSON *point;
	double n, p, fp, tp;
	int first = 1;

	if (!roc_plottable(roc, &n, &p))
		return;
	textbuf_puts(b, "<polyline points=\"");
	cJSON_ArrayForEach(point, roc) {
		roc_point(point, &fp, &tp);
		if (!first)
			textbuf_puts(b, " ");
		put_xy(b, fp / n, tp / p);
		first = 0;
	}
	textbuf_puts(b, "\"");
	put_line_style(b, style);
	textbuf_puts(b, " stroke-linejoin=\"round\"/>\n");
}

/* A short sample of model i's line, for the models table. */
static void
put_swatch(struct textbuf *b, size_t i)
{
	textbuf_puts(b, "<svg class=\"swatch\" width=\"28\" height=\"10\" "
		 "aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\"");
	put_line_style(b, i);
	textbuf_puts(b, "/></svg>");
}

/* A legend entry: the line of model `style`, the file's name and its AUC;
 * or, when attrs is set, the chance line drawn with those attributes. */
static void
put_legend_entry(struct textbuf *b, int k, const char *attrs, size_t style,
		 const char *name, const cJSON *auc)
{
	int y = MARGIN_TOP + 12 + LEGEND_STEP * k;

	textbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"",
		   LEGEND_LEFT, y, LEGEND_LEFT + 28, y);
	if (attrs != NULL)
		textbuf_puts(b, attrs);
	else
		put_line_style(b, style);
	textbuf_printf(b, "/>\n<text class=\"legend\" x=\"%d\" y=\"%d\">",
		   LEGEND_LEFT + 36, y + 4);
	put_text_or_dash(b, name);
	textbuf_printf(b, "</text>\n<text x=\"%d\" y=\"%d\">AUC ",
		   LEGEND_LEFT + 36, y + 20);
	if (attrs != NULL)
		textbuf_puts(b, "0.5000");
	else
		put_auc(b, auc);
	textbuf_puts(b, "</text>\n");
}

#define CHANCE_STYLE " stroke=\"#8c959f\" stroke-width=\"1.5\" " \
	"stroke-dasharray=\"6 5\""

/* The axes, the grid, the ticks and their labels, the chance line. */
static void
put_axes(struct textbuf *b)
{
	static const char *const labels[] = { "0", "0.25", "0.5", "0.75", "1" };
	const int left = MARGIN_LEFT, top = MARGIN_TOP;
	const int right = left + PLOT_SIZE, bottom = top + PLOT_SIZE;

	textbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		   "fill=\"#fff\" stroke=\"#8c959f\"/>\n",
		   left, top, PLOT_SIZE, PLOT_SIZE);
	for (int i = 0; i < 5; i++) {
		int x = left + PLOT_SIZE * i / 4, y = bottom - PLOT_SIZE * i / 4;

		if (i > 0 && i < 4)
			textbuf_printf(b, "<path d=\"M%d %dV%dM%d %dH%d\" "
				   "stroke=\"#eaeef2\"/>\n",
				   x, top, bottom, left, y, right);
		textbuf_printf(b, "<path d=\"M%d %dv5M%d %dh-5\" "
			   "stroke=\"#8c959f\"/>\n", x, bottom, left, y);
		textbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
			   "%s</text>\n", x, bottom + 19, labels[i]);
		textbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
			   "%s</text>\n", left - 8, y + 4, labels[i]);
	}
	textbuf_printf(b, "<text class=\"title\" x=\"%d\" y=\"%d\" "
		   "text-anchor=\"middle\">False positive rate</text>\n",
		   left + PLOT_SIZE / 2, bottom + 40);
	textbuf_printf(b, "<text class=\"title\" transform=\"rotate(-90)\" "
		   "x=\"%d\" y=\"16\" text-anchor=\"middle\">"
		   "True positive rate</text>\n", -(top + PLOT_SIZE / 2));
	textbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
		   CHANCE_STYLE "/>\n", left, bottom, right, top);
}

/*
 * The ROC section: one polyline per model with a plottable roc.  Left out
 * when no model has a roc field at all (a `check` scorecard).
 */
static void
put_roc(struct textbuf *b, const cJSON *models)
{
	const cJSON *m;
	int any_field = 0, plotted = 0, height;
	size_t i = 0;
	double n, p;

	cJSON_ArrayForEach(m, as_array(models)) {
		if (scorecard_get(m, SCHEMA_KEY_ROC) != NULL)
			any_field = 1;
		if (roc_plottable(scorecard_get(m, SCHEMA_KEY_ROC), &n, &p))
			plotted++;
	}
	if (!any_field)
		return;
	textbuf_puts(b, "<section>\n<h2>ROC curves</h2>\n");
	if (plotted == 0) {
		textbuf_puts(b, "<p class=\"muted\">No ROC curve: no results file "
			 "could be scored.</p>\n</section>\n");
		return;
	}
	height = MARGIN_TOP + PLOT_SIZE + MARGIN_BOTTOM;
	if (MARGIN_TOP + LEGEND_STEP * (plotted + 1) > height)
		height = MARGIN_TOP + LEGEND_STEP * (plotted + 1);
	textbuf_printf(b, "<svg class=\"roc\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\" role=\"img\" "
		   "aria-label=\"ROC curves of the models\">\n",
		   CHART_WIDTH, height, CHART_WIDTH, height);
	put_axes(b);
	cJSON_ArrayForEach(m, models) {
		put_polyline(b, scorecard_get(m, SCHEMA_KEY_ROC), i);
		i++;
	}
	i = 0;
	plotted = 0;
	cJSON_ArrayForEach(m, models) {
		if (roc_plottable(scorecard_get(m, SCHEMA_KEY_ROC), &n, &p))
			put_legend_entry(b, plotted++, NULL, i,
					 scorecard_get_string(m, SCHEMA_KEY_FILE),
					 scorecard_get(m, SCHEMA_KEY_AUC));
		i++;
	}
	put_legend_entry(b, plotted, CHANCE_STYLE, 0, "Chance",
			 NULL);
	textbuf_puts(b, "</svg>\n</section>\n");
}

/* One row of the header's description list; the value follows. */
static void
put_meta(struct textbuf *b, const char *term)
{
	textbuf_puts(b, "<dt>");
	textbuf_puts(b, term);
	textbuf_puts(b, "</dt><dd>");
}

/* The SHA-256 of the zip or the holdout, or the dash. */
static void
put_sha(struct textbuf *b, const char *sha)
{
	if (sha == NULL) {
		textbuf_puts(b, DASH);
		return;
	}
	textbuf_puts(b, "<code>");
	put_text(b, sha);
	textbuf_puts(b, "</code>");
}

static void
put_card_header(struct textbuf *b, const struct scorecard_view *v)
{
	const cJSON *bytes = scorecard_get(v->submission, SCHEMA_KEY_BYTES);
	double whole;

	/* Batch and merge write each page beside index.html. */
	textbuf_puts(b, "<header>\n<p class=\"back\"><a href=\"index.html\">"
	    "&larr; Leaderboard</a></p>\n<h1>");
	put_text_or_dash(b, v->name);
	textbuf_puts(b, " ");
	put_badge(b, v->status);
	textbuf_puts(b, "</h1>\n<dl class=\"meta\">\n");
	put_meta(b, "Challenge");
	put_text_or_dash(b, v->challenge);
	textbuf_puts(b, "</dd>\n");
	if (v->has_pass_auc) {
		put_meta(b, "Pass mark");
		textbuf_puts(b, "AUC ≥ ");
		put_fixed(b, v->pass_auc, 4);
		textbuf_puts(b, "</dd>\n");
	}
	if (v->best != NULL) {
		put_meta(b, "Best model");
		put_text_or_dash(b, v->best_file);
		textbuf_puts(b, ", AUC ");
		put_auc(b, scorecard_get(v->best, SCHEMA_KEY_AUC));
		textbuf_puts(b, "</dd>\n");
	}
	put_meta(b, "Size");
	put_count(b, bytes, 1);
	if (whole_of(bytes, &whole))
		textbuf_puts(b, " bytes");
	textbuf_puts(b, "</dd>\n");
	put_meta(b, "SHA-256");
	put_sha(b, v->sha256);
	textbuf_puts(b, "</dd>\n");
	if (v->holdout_sha256 != NULL) {
		put_meta(b, "Holdout SHA-256");
		put_sha(b, v->holdout_sha256);
		textbuf_puts(b, "</dd>\n");
	}
	put_meta(b, "Grader");
	put_text_or_dash(b, v->grader_version);
	textbuf_puts(b, "</dd>\n</dl>\n</header>\n");
}

static void
put_models(struct textbuf *b, const struct scorecard_view *v)
{
	const cJSON *models = v->models, *m;
	const char *best = v->best_file;
	size_t i = 0;
	int any_plotted = 0;
	double n, p;

	if (!cJSON_IsArray(models))
		return;
	cJSON_ArrayForEach(m, models)
		if (roc_plottable(scorecard_get(m, SCHEMA_KEY_ROC), &n, &p))
			any_plotted = 1;
	textbuf_puts(b, "<section>\n<h2>Models</h2>\n");
	if (array_size(models) == 0) {
		textbuf_puts(b, "<p class=\"muted\">This challenge scores no results "
			 "file.</p>\n</section>\n");
		return;
	}
	textbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>File</th>"
		 "<th>Valid</th><th class=\"num\">Rows</th>"
		 "<th class=\"num\">AUC</th><th class=\"num\">SE</th>"
		 "<th class=\"num\">95% CI</th></tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(m, models) {
		const char *file = scorecard_get_string(m, SCHEMA_KEY_FILE);
		const char *path = scorecard_get_string(m, SCHEMA_KEY_PATH);
		const cJSON *ci = scorecard_get(m, SCHEMA_KEY_AUC_CI95);
		double se;

		textbuf_puts(b, "<tr><td>");
		/* An empty swatch keeps the names of the table aligned. */
		if (roc_plottable(scorecard_get(m, SCHEMA_KEY_ROC), &n, &p))
			put_swatch(b, i);
		else if (any_plotted)
			textbuf_puts(b, "<svg class=\"swatch\" width=\"28\" "
				 "height=\"10\" aria-hidden=\"true\"></svg>");
		put_text_or_dash(b, file);
		if (best != NULL && file != NULL && strcmp(best, file) == 0)
			textbuf_puts(b, " <span class=\"tag\">best</span>");
		if (cJSON_IsNull(scorecard_get(m, SCHEMA_KEY_PATH))) {
			textbuf_puts(b, "<br><span class=\"muted\">missing</span>");
		} else if (path != NULL && (file == NULL ||
					    strcmp(path, file) != 0)) {
			textbuf_puts(b, "<br><span class=\"muted\">at <code>");
			put_text(b, path);
			textbuf_puts(b, "</code></span>");
		}
		textbuf_puts(b, "</td><td>");
		put_yes_no(b, scorecard_get(m, SCHEMA_KEY_VALID));
		textbuf_puts(b, "</td><td class=\"num\">");
		put_count(b, scorecard_get(m, SCHEMA_KEY_ROWS), 1);
		textbuf_puts(b, "</td><td class=\"num\">");
		put_auc(b, scorecard_get(m, SCHEMA_KEY_AUC));
		textbuf_puts(b, "</td><td class=\"num\">");
		if (scorecard_get_number(m, SCHEMA_KEY_AUC_SE, &se))
			put_sig(b, se, 4);
		else
			textbuf_puts(b, DASH);
		textbuf_puts(b, "</td><td class=\"num\">");
		if (array_size(ci) == 2) {
			put_auc(b, cJSON_GetArrayItem(ci, 0));
			textbuf_puts(b, " – ");
			put_auc(b, cJSON_GetArrayItem(ci, 1));
		} else {
			textbuf_puts(b, DASH);
		}
		textbuf_puts(b, "</td></tr>\n");
		i++;
	}
	textbuf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

/* p-values: 3 significant digits, scientific below 0.001. */
static void
put_p_value(struct textbuf *b, const cJSON *v)
{
	double p;

	if (!scorecard_number_of(v, &p) || p < 0)
		textbuf_puts(b, DASH);
	else if (p == 0)
		/* The smallest p a double holds is about 1e-308. */
		textbuf_puts(b, "&lt; 10<sup>−300</sup>");
	else if (p < 0.001)
		put_sci(b, p, 3);
	else
		put_sig(b, p, 3);
}

static void
put_comparison(struct textbuf *b, const struct scorecard_view *v)
{
	const cJSON *cmp = v->comparison;
	const cJSON *models = v->models;
	const char *first = scorecard_get_string(cJSON_GetArrayItem(models, 0),
	    SCHEMA_KEY_FILE);
	const char *second = scorecard_get_string(cJSON_GetArrayItem(models, 1),
	    SCHEMA_KEY_FILE);
	double z;

	if (!cJSON_IsObject(cmp))
		return;
	textbuf_puts(b, "<section>\n<h2>Paired comparison</h2>\n"
		 "<p class=\"muted\">DeLong test of the first two models on the "
		 "same holdout rows.</p>\n<table>\n<thead><tr>"
		 "<th>Models</th><th class=\"num\">AUC difference</th>"
		 "<th class=\"num\">z</th><th class=\"num\">p</th></tr></thead>\n"
		 "<tbody><tr><td>");
	/* A row of figures, cell by cell, as put_models() writes its rows:
	 * one writer a figure, each with its own precision. */
	put_text_or_dash(b, first);
	textbuf_puts(b, " − ");
	put_text_or_dash(b, second);
	textbuf_puts(b, "</td><td class=\"num\">");
	put_auc(b, scorecard_get(cmp, SCHEMA_KEY_AUC_DIFFERENCE));
	textbuf_puts(b, "</td><td class=\"num\">");
	if (scorecard_get_number(cmp, SCHEMA_KEY_Z, &z))
		put_fixed(b, z, 2);
	else
		textbuf_puts(b, DASH);
	textbuf_puts(b, "</td><td class=\"num\">");
	put_p_value(b, scorecard_get(cmp, SCHEMA_KEY_P_VALUE));
	textbuf_puts(b, "</td></tr></tbody>\n</table>\n");
	if (cJSON_IsNull(scorecard_get(cmp, SCHEMA_KEY_Z)))
		textbuf_puts(b, "<p class=\"muted\">The difference has no variance: "
			 "no test.</p>\n");
	textbuf_puts(b, "</section>\n");
}

/* After a found path: its length when it is one of the deliverable's
 * documents ({path, format, pages, words}), as "(2 pages)". */
static void
put_document_length(struct textbuf *b, const cJSON *documents,
		    const char *path)
{
	const cJSON *d;

	if (!cJSON_IsArray(documents))
		return;
	cJSON_ArrayForEach(d, documents) {
		const char *p = scorecard_get_string(d, SCHEMA_KEY_PATH);
		const cJSON *pages = scorecard_get(d, SCHEMA_KEY_PAGES);
		const cJSON *words = scorecard_get(d, SCHEMA_KEY_WORDS);
		const cJSON *v = NULL;
		double x;

		if (p == NULL || strcmp(p, path) != 0)
			continue;
		if (whole_of(pages, &x))
			v = pages;
		else if (whole_of(words, &x))
			v = words;
		if (v == NULL) {
			textbuf_puts(b, " <span class=\"muted\">(length unknown)</span>");
			return;
		}
		textbuf_puts(b, " <span class=\"muted\">(");
		put_count(b, v, 1);
		textbuf_puts(b, v == pages ? " page" : " word");
		textbuf_puts(b, x == 1 ? ")</span>" : "s)</span>");
		return;
	}
}

/* The paths of a `found` array, each in <code>, with the lengths of those
 * that are documents (NULL: none); "none" when empty. */
static void
put_found(struct textbuf *b, const cJSON *found, const cJSON *documents)
{
	const cJSON *f;
	int n = 0;

	if (!cJSON_IsArray(found)) {
		textbuf_puts(b, DASH);
		return;
	}
	cJSON_ArrayForEach(f, found) {
		if (scorecard_string_of(f) == NULL)
			continue;
		textbuf_puts(b, n++ ? ", <code>" : "<code>");
		put_text(b, scorecard_string_of(f));
		textbuf_puts(b, "</code>");
		put_document_length(b, documents, scorecard_string_of(f));
	}
	if (n == 0)
		textbuf_puts(b, "<span class=\"muted\">none</span>");
}

/*
 * Deliverables ({name, required, found, ok}) and forbidden rules ({name,
 * found, ok}) share one table shape; `required` is a column of the first
 * only.
 */
static void
put_rules(struct textbuf *b, const cJSON *rules, int deliverables)
{
	const cJSON *r;

	if (!cJSON_IsArray(rules))
		return;
	textbuf_puts(b, deliverables ? "<section>\n<h2>Deliverables</h2>\n"
		 : "<section>\n<h2>Forbidden files</h2>\n");
	if (array_size(rules) == 0) {
		textbuf_puts(b, "<p class=\"muted\">None examined.</p>\n</section>\n");
		return;
	}
	textbuf_puts(b, deliverables
		 ? "<table>\n<thead><tr><th>Deliverable</th><th>Required</th>"
		   "<th>Found</th><th>OK</th></tr></thead>\n<tbody>\n"
		 : "<table>\n<thead><tr><th>Rule</th><th>Found</th>"
		   "<th>OK</th></tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(r, rules) {
		textbuf_puts(b, "<tr><td>");
		put_text_or_dash(b, scorecard_get_string(r, SCHEMA_KEY_NAME));
		if (deliverables) {
			textbuf_puts(b, "</td><td>");
			put_yes_no(b, scorecard_get(r, SCHEMA_KEY_REQUIRED));
		}
		textbuf_puts(b, "</td><td>");
		put_found(b, scorecard_get(r, SCHEMA_KEY_FOUND),
			  scorecard_get(r, SCHEMA_KEY_DOCUMENTS));
		textbuf_puts(b, "</td><td>");
		put_yes_no(b, scorecard_get(r, SCHEMA_KEY_OK));
		textbuf_puts(b, "</td></tr>\n");
	}
	textbuf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void
put_problems(struct textbuf *b, const cJSON *problems)
{
	const cJSON *p;

	if (!cJSON_IsArray(problems))
		return;
	textbuf_puts(b, "<section>\n<h2>Problems</h2>\n");
	if (array_size(problems) == 0) {
		textbuf_puts(b, "<p>No problems.</p>\n</section>\n");
		return;
	}
	textbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr>"
		 "<th>Severity</th><th>Code</th><th>Where</th>"
		 "<th>Message</th><th>Hint</th></tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(p, problems) {
		const char *severity = scorecard_get_string(p, SCHEMA_KEY_SEVERITY);
		const char *file = scorecard_get_string(p, SCHEMA_KEY_FILE);
		const cJSON *line = scorecard_get(p, SCHEMA_KEY_LINE);
		const char *hint = scorecard_get_string(p, SCHEMA_KEY_HINT);
		double n;

		textbuf_puts(b, "<tr><td>");
		if (severity == NULL)
			textbuf_puts(b, DASH);
		else {
			textbuf_puts(b, strcmp(severity, SCHEMA_SEVERITY_ERROR) == 0
				 ? "<span class=\"badge b-bad\">"
				 : strcmp(severity, SCHEMA_SEVERITY_WARNING) == 0
				 ? "<span class=\"badge b-fail\">"
				 : "<span class=\"badge b-none\">");
			put_text(b, severity);
			textbuf_puts(b, "</span>");
		}
		textbuf_puts(b, "</td><td class=\"nowrap\"><code>");
		put_text_or_dash(b, scorecard_get_string(p, SCHEMA_KEY_CODE));
		textbuf_puts(b, "</code></td><td>");
		if (file != NULL) {
			textbuf_puts(b, "<code>");
			put_text(b, file);
			if (whole_of(line, &n)) {
				textbuf_puts(b, ":");
				put_count(b, line, 0);
			}
			textbuf_puts(b, "</code>");
		} else if (whole_of(line, &n)) {
			textbuf_puts(b, "line ");
			put_count(b, line, 0);
		} else {
			textbuf_puts(b, DASH);
		}
		textbuf_puts(b, "</td><td class=\"msg\">");
		put_text_or_dash(b, scorecard_get_string(p, SCHEMA_KEY_MESSAGE));
		textbuf_puts(b, "</td><td class=\"msg\">");
		if (hint != NULL)
			put_text(b, hint);
		else
			textbuf_puts(b, "<span class=\"muted\">" DASH "</span>");
		textbuf_puts(b, "</td></tr>\n");
	}
	textbuf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

char *
pages_submission(const cJSON *scorecard)
{
	struct textbuf b = { 0 };
	struct scorecard_view v;

	/* Any scorecard is shown, whatever it lacks. */
	(void)scorecard_view(scorecard, &v);
	put_head_start(&b);
	put_text(&b, v.name != NULL ? v.name : "Submission");
	if (v.challenge != NULL) {
		textbuf_puts(&b, " — ");
		put_text(&b, v.challenge);
	}
	put_head_end(&b);
	put_card_header(&b, &v);
	put_models(&b, &v);
	put_roc(&b, v.models);
	put_comparison(&b, &v);
	put_rules(&b, v.deliverables, 1);
	put_rules(&b, v.forbidden, 0);
	put_problems(&b, v.problems);
	put_foot(&b);
	return textbuf_finish(&b);
}

/* The flags the leaderboard knows: the badge's label and what it means. */
static const struct flag_info {
	const char *flag, *label, *title, *class;
} known_flags[] = {
	{ SCHEMA_FLAG_NAME_DUPLICATE, "duplicate",
	  "The same zip bytes as another submission.",
	  "b-bad" },
	{ SCHEMA_FLAG_NAME_COPIED_RESULTS, "copied results",
	  "A results file byte-identical to another submission's.", "b-bad" },
	{ SCHEMA_FLAG_NAME_FORBIDDEN_FILE, "forbidden file",
	  "A file the challenge forbids (such as the original data) is present.",
	  "b-bad" },
	{ SCHEMA_FLAG_NAME_MISSING_DELIVERABLE, "missing deliverable",
	  "A required deliverable (such as the code or the write-up) is missing.",
	  "b-fail" },
	{ SCHEMA_FLAG_NAME_NOT_GRADED, "not graded",
	  "The grader could not grade this submission.", "b-none" },
};

static const struct flag_info *
flag_info(const char *flag)
{
	for (size_t i = 0; i < COUNT(known_flags); i++)
		if (strcmp(known_flags[i].flag, flag) == 0)
			return &known_flags[i];
	return NULL;
}

static void
put_flags(struct textbuf *b, const cJSON *flags, unsigned *seen)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, as_array(flags)) {
		const char *flag = scorecard_string_of(f);
		const struct flag_info *info;

		if (flag == NULL)
			continue;
		info = flag_info(flag);
		if (info == NULL) {
			textbuf_puts(b, "<span class=\"flag b-none\" title=\"");
			put_text(b, flag);
			textbuf_puts(b, "\">");
			put_text(b, flag);
			textbuf_puts(b, "</span>");
			continue;
		}
		*seen |= 1u << (info - known_flags);
		textbuf_puts(b, "<span class=\"flag ");
		textbuf_puts(b, info->class);
		textbuf_puts(b, "\" title=\"");
		put_text(b, info->title);
		textbuf_puts(b, "\">");
		textbuf_puts(b, info->label);
		textbuf_puts(b, "</span>");
	}
}

/*
 * The model files of every row, each once, in order of first appearance.
 * The strings belong to the leaderboard.  Returns 0 when out of memory.
 */
static int
model_columns(const cJSON *rows, const char ***files, size_t *count)
{
	const cJSON *row, *m;
	size_t cap = 0;

	*files = NULL;
	*count = 0;
	cJSON_ArrayForEach(row, as_array(rows)) {
		const cJSON *models = scorecard_get(row, SCHEMA_KEY_MODELS);

		cJSON_ArrayForEach(m, as_array(models)) {
			const char *file = scorecard_get_string(m, SCHEMA_KEY_FILE);
			size_t i;

			if (file == NULL)
				continue;
			for (i = 0; i < *count; i++)
				if (strcmp((*files)[i], file) == 0)
					break;
			if (i < *count)
				continue;
			if (ALLOC_GROW(*files, *count + 1, cap) != 0) {
				free(*files);
				*files = NULL;
				return 0;
			}
			(*files)[(*count)++] = file;
		}
	}
	return 1;
}

/* The row's model of that file (the first, if several), or NULL. */
static const cJSON *
row_model(const cJSON *row, const char *file)
{
	const cJSON *models = scorecard_get(row, SCHEMA_KEY_MODELS), *m;

	cJSON_ArrayForEach(m, as_array(models)) {
		const char *f = scorecard_get_string(m, SCHEMA_KEY_FILE);

		if (f != NULL && strcmp(f, file) == 0)
			return m;
	}
	return NULL;
}

/* "4 submissions: 1 pass, 1 fail, 1 invalid, 1 error", then ", N other"
 * when some status is none of these. */
static void
put_summary(struct textbuf *b, const cJSON *rows)
{
	size_t counts[STATUS_OTHER + 1] = { 0 }, total = 0;
	const cJSON *row;

	cJSON_ArrayForEach(row, as_array(rows)) {
		if (!cJSON_IsObject(row))
			continue;
		counts[status_kind(scorecard_get_string(row, SCHEMA_KEY_STATUS))]++;
		total++;
	}
	textbuf_printf(b, "<p>%zu submission%s: %zu pass, %zu fail, %zu invalid, "
		   "%zu error", total, total == 1 ? "" : "s",
		   counts[SCHEMA_PASS], counts[SCHEMA_FAIL],
		   counts[SCHEMA_INVALID], counts[SCHEMA_ERROR]);
	if (counts[STATUS_OTHER] > 0)
		textbuf_printf(b, ", %zu other", counts[STATUS_OTHER]);
	textbuf_puts(b, "</p>\n");
}

static void
put_row(struct textbuf *b, const cJSON *row, const char **files, size_t n_files,
	unsigned *seen)
{
	const char *name = scorecard_get_string(row, SCHEMA_KEY_NAME);
	const char *shown = scorecard_get_string(row, SCHEMA_KEY_SUBMISSION);

	if (shown == NULL)
		shown = name;
	textbuf_puts(b, "<tr><td class=\"num\">");
	put_count(b, scorecard_get(row, SCHEMA_KEY_RANK), 0);
	textbuf_puts(b, "</td><td>");
	if (name != NULL && name[0] != '\0') {
		textbuf_puts(b, "<a href=\"");
		put_url(b, name);
		textbuf_puts(b, ".html\">");
		put_text(b, shown);
		textbuf_puts(b, "</a>");
	} else {
		put_text_or_dash(b, shown);
	}
	textbuf_puts(b, "</td><td>");
	put_badge(b, scorecard_get_string(row, SCHEMA_KEY_STATUS));
	textbuf_puts(b, "</td><td class=\"num\">");
	put_auc(b, scorecard_get(row, SCHEMA_KEY_BEST_AUC));
	textbuf_puts(b, "</td>");
	for (size_t i = 0; i < n_files; i++) {
		textbuf_puts(b, "<td class=\"num\">");
		put_auc(b, scorecard_get(row_model(row, files[i]), SCHEMA_KEY_AUC));
		textbuf_puts(b, "</td>");
	}
	textbuf_puts(b, "<td>");
	put_flags(b, scorecard_get(row, SCHEMA_KEY_FLAGS), seen);
	textbuf_puts(b, "</td></tr>\n");
}

/* What each flag on the page means, for readers who cannot hover. */
static void
put_flag_key(struct textbuf *b, unsigned seen)
{
	if (seen == 0)
		return;
	textbuf_puts(b, "<dl class=\"flags\">\n");
	for (size_t i = 0; i < COUNT(known_flags); i++) {
		if (!(seen & 1u << i))
			continue;
		textbuf_puts(b, "<dt><span class=\"flag ");
		textbuf_puts(b, known_flags[i].class);
		textbuf_puts(b, "\">");
		textbuf_puts(b, known_flags[i].label);
		textbuf_puts(b, "</span></dt><dd>");
		put_text(b, known_flags[i].title);
		textbuf_puts(b, "</dd>\n");
	}
	textbuf_puts(b, "</dl>\n");
}

char *
pages_index(const cJSON *leaderboard)
{
	struct textbuf b = { 0 };
	const char *challenge = scorecard_get_string(leaderboard,
	    SCHEMA_KEY_CHALLENGE);
	const cJSON *rows = scorecard_get(leaderboard, SCHEMA_KEY_ROWS), *row;
	const char **files;
	size_t n_files;
	unsigned seen = 0;

	if (!model_columns(rows, &files, &n_files))
		return NULL;
	put_head_start(&b);
	put_text(&b, challenge != NULL ? challenge : "Challenge");
	textbuf_puts(&b, " — leaderboard");
	put_head_end(&b);
	textbuf_puts(&b, "<header>\n<h1>");
	put_text(&b, challenge != NULL ? challenge : "Challenge");
	textbuf_puts(&b, " — leaderboard</h1>\n</header>\n<section>\n");
	put_summary(&b, rows);
	textbuf_puts(&b, "<div class=\"scroll\"><table>\n<thead><tr>"
		 "<th class=\"num\">Rank</th><th>Submission</th><th>Status</th>"
		 "<th class=\"num\">Best AUC</th>");
	for (size_t i = 0; i < n_files; i++) {
		textbuf_puts(&b, "<th class=\"num\">");
		put_text(&b, files[i]);
		textbuf_puts(&b, "</th>");
	}
	textbuf_puts(&b, "<th>Flags</th></tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(row, as_array(rows))
		if (cJSON_IsObject(row))
			put_row(&b, row, files, n_files, &seen);
	textbuf_puts(&b, "</tbody>\n</table></div>\n");
	put_flag_key(&b, seen);
	textbuf_puts(&b, "</section>\n");
	put_foot(&b);
	free(files);
	return textbuf_finish(&b);
}
