/*
 * report.c: the findings of `check` and `grade` for a person (text), for
 * GitHub Actions (workflow-command annotations, the job summary in Markdown
 * and the step's outputs) and for CI systems that read JUnit XML.  The JSON
 * form is the scorecard (lib/scorecard).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "number.h"
#include "submission.h"

/* Whether a problem belongs under the line of results file `file`. */
static int
concerns(const struct problem *p, const char *file)
{
	return p->file != NULL && file != NULL && strcmp(p->file, file) == 0;
}

static int
is_results_file(const struct grade_report *r, const char *file)
{
	for (size_t i = 0; i < r->n_models; i++)
		if (file != NULL && strcmp(r->models[i].file, file) == 0)
			return 1;
	return 0;
}

static void
print_problem(FILE *f, const struct problem *p, const struct cli_style *st,
	      int show_file)
{
	const char *color = p->severity == PROBLEM_ERROR ? st->red : st->yellow;

	fprintf(f, "      %s", color);
	/* Archive messages name their entry already: no need to say it twice. */
	if (show_file && p->file != NULL && strstr(p->message, p->file) == NULL)
		fprintf(f, "%s: ", p->file);
	if (p->line > 0)
		fprintf(f, "line %ld: ", p->line);
	fprintf(f, "%s%s %s[%s]%s\n", p->message, st->reset, st->dim, p->code,
		st->reset);
	if (p->hint != NULL)
		fprintf(f, "        fix: %s\n", p->hint);
}

static size_t
count_in(const struct grade_report *r, const char *file,
	 enum problem_severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < r->problems->count; i++) {
		const struct problem *p = &r->problems->items[i];
		if (p->severity == sev && concerns(p, file))
			n += p->more ? p->more : 1;
	}
	return n;
}

/* Prints a rule's patterns as "*.py, *.ipynb". */
static void
print_patterns(FILE *f, const struct challenge_rule *rule)
{
	for (size_t i = 0; i < rule->n_patterns; i++)
		fprintf(f, "%s%s", i ? ", " : "", rule->patterns[i]);
}

/*
 * The length of a found file that is a document, as " (2 pages)",
 * " (1 word)", " (length unknown)", written to buf; "" for a
 * file that is not a document.  Returns buf.
 */
static const char *
document_length(const struct grade_rule_result *g, const char *path,
		char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t k = 0; k < g->n_documents; k++) {
		const struct document_measure *m = &g->documents[k].measure;
		uint64_t v = m->pages != DOCUMENT_UNKNOWN ? m->pages : m->words;
		const char *unit = m->pages != DOCUMENT_UNKNOWN ? "page" : "word";

		if (strcmp(g->documents[k].path, path) != 0)
			continue;
		if (v == DOCUMENT_UNKNOWN)
			snprintf(buf, len, " (length unknown)");
		else
			snprintf(buf, len, " (%llu %s%s)",
				 (unsigned long long)v, unit,
				 v == 1 ? "" : "s");
		break;
	}
	return buf;
}

/* Whether a problem is about a document's length (deliverable.length,
 * deliverable.unreadable): shown under the deliverable that found it. */
static int
is_document_problem(const struct problem *p)
{
	return p->file != NULL &&
	       (strcmp(p->code, "deliverable.length") == 0 ||
		strcmp(p->code, "deliverable.unreadable") == 0);
}

/* Whether rule i is the first of rules that found path. */
static int
first_to_find(const struct grade_rule_result *rules, size_t i,
	      const char *path)
{
	for (size_t k = 0; k <= i; k++)
		for (size_t j = 0; j < rules[k].n_found; j++)
			if (strcmp(rules[k].found[j], path) == 0)
				return k == i;
	return 0;
}

static void
print_rules(FILE *f, const struct grade_rule_result *rules,
	    const struct challenge_rule *defs, size_t n, int deliverable,
	    const struct problem_list *problems, const struct cli_style *st)
{
	for (size_t i = 0; i < n; i++) {
		const struct grade_rule_result *g = &rules[i];
		const char *mark = g->ok ? st->ok : st->bad;
		const char *color = g->ok ? st->green : st->red;

		if (deliverable && !g->required && g->n_found == 0) {
			mark = st->warn;
			color = st->yellow;
		}
		for (size_t k = 0; deliverable && g->ok && k < problems->count;
		     k++)
			if (is_document_problem(&problems->items[k]) &&
			    first_to_find(rules, i, problems->items[k].file)) {
				mark = st->warn;
				color = st->yellow;
			}
		fprintf(f, "  %s%s%s %-16s ", color, mark, st->reset, g->name);
		if (g->n_found == 0 && !deliverable) {
			fprintf(f, "none found\n");
			continue;
		}
		if (g->n_found == 0) {
			fprintf(f, "missing: add a file matching ");
			print_patterns(f, &defs[i]);
			fprintf(f, "%s\n", g->required ? "" : " (optional)");
			continue;
		}
		fprintf(f, "%s", deliverable ? "" : "present: ");
		for (size_t j = 0; j < g->n_found && j < 5; j++) {
			char len[64];
			fprintf(f, "%s%s%s", j ? ", " : "", g->found[j],
				document_length(g, g->found[j], len,
						sizeof len));
		}
		if (g->n_found > 5)
			fprintf(f, " and %zu more", g->n_found - 5);
		fputc('\n', f);
		for (size_t k = 0; deliverable && k < problems->count; k++) {
			const struct problem *p = &problems->items[k];
			if (is_document_problem(p) &&
			    first_to_find(rules, i, p->file))
				print_problem(f, p, st, 0);
		}
		if (!deliverable)
			fprintf(f, "        fix: remove %s from the submission: it must not be sent back\n",
				g->n_found == 1 ? "it" : "them");
	}
}

/* Says why a scored submission fails, when it is not (only) the AUC. */
static void
print_fail_reasons(FILE *f, const struct grade_report *r)
{
	const char *sep = " (";
	size_t invalid = 0;

	for (size_t i = 0; i < r->n_models; i++)
		invalid += !r->models[i].valid;
	if (invalid > 0) {
		fprintf(f, "%s%zu results file%s not valid", sep, invalid,
			invalid == 1 ? "" : "s");
		sep = "; ";
	}
	for (size_t i = 0; i < r->n_deliverables; i++)
		if (!r->deliverables[i].ok) {
			fprintf(f, "%s%s missing", sep, r->deliverables[i].name);
			sep = "; ";
		}
	for (size_t i = 0; i < r->n_forbidden; i++)
		if (!r->forbidden[i].ok) {
			fprintf(f, "%s%s present", sep, r->forbidden[i].name);
			sep = "; ";
		}
	if (r->best >= 0 && !(r->models[r->best].auc.auc >= r->pass_auc)) {
		fprintf(f, "%sbelow the pass mark", sep);
		sep = "; ";
	}
	if (sep[0] == ';')
		fputc(')', f);
}

/* d with n decimals, in any locale: the text reports' figures. */
static const char *
fixed(double d, int n, char buf[NUMBER_BUF])
{
	return number_format_as(d, NUMBER_FIXED, n, buf);
}

/* One line a results file, with its problems under it.  A refused archive
 * was never read far enough to look for files. */
static void
print_models(FILE *f, const struct grade_report *r,
	     const struct cli_style *st)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF], b3[NUMBER_BUF];

	for (size_t i = 0; r->examined && i < r->n_models; i++) {
		const struct grade_model *m = &r->models[i];
		size_t e = count_in(r, m->file, PROBLEM_ERROR);
		size_t w = count_in(r, m->file, PROBLEM_WARNING);
		const char *mark = !m->valid ? st->bad : w ? st->warn : st->ok;
		const char *color = !m->valid ? st->red : w ? st->yellow
							    : st->green;

		fprintf(f, "  %s%s%s %-16s ", color, mark, st->reset, m->file);
		if (m->path == NULL)
			fprintf(f, "missing\n");
		else if (!m->valid)
			fprintf(f, "%zu error%s\n", e, e == 1 ? "" : "s");
		else if (m->scored)
			fprintf(f, "%zu rows, AUC %s%s\n", m->rows,
				fixed(m->auc.auc, 4, b1),
				(int)i == r->best ? " (best)" : "");
		else
			fprintf(f, "%zu rows of probabilities\n", m->rows);
		if (m->scored && m->auc.se_valid)
			fprintf(f, "      95%% CI %s to %s (DeLong SE %s)\n",
				fixed(m->auc.ci95[0], 4, b1),
				fixed(m->auc.ci95[1], 4, b2),
				fixed(m->auc.se, 4, b3));
		for (size_t k = 0; k < r->problems->count; k++)
			if (concerns(&r->problems->items[k], m->file))
				print_problem(f, &r->problems->items[k], st, 0);
	}
}

/* The paired test of the first two models, when it could be made. */
static void
print_comparison(FILE *f, const struct grade_report *r)
{
	const struct auc_comparison *cmp = &r->comparison;
	char b1[NUMBER_BUF], b2[NUMBER_BUF], b3[NUMBER_BUF];

	if (!r->has_comparison || !cmp->valid)
		return;
	fprintf(f, "    paired test %s vs %s: difference %s, z %s, ",
		r->models[0].file, r->models[1].file,
		fixed(cmp->difference, 4, b1), fixed(cmp->z, 2, b2));
	/* The smallest p a double holds is about 1e-308. */
	if (cmp->p_value > 0)
		fprintf(f, "p %s\n",
			number_format_as(cmp->p_value, NUMBER_SIG, 3, b3));
	else
		fprintf(f, "p < 1e-300\n");
}

/* The problems of neither a results file nor a rule, under one header. */
static void
print_other_problems(FILE *f, const struct grade_report *r, size_t errors,
		     const struct cli_style *st)
{
	int header = 0;

	for (size_t k = 0; k < r->problems->count; k++) {
		const struct problem *p = &r->problems->items[k];
		if ((r->examined && is_results_file(r, p->file)) ||
		    strcmp(p->code, "deliverable.missing") == 0 ||
		    strcmp(p->code, "forbidden.present") == 0 ||
		    (r->deliverables != NULL && is_document_problem(p)))
			continue;
		if (!header) {
			fprintf(f, "  %s%s%s %s\n",
				errors ? st->red : st->yellow,
				errors ? st->bad : st->warn, st->reset,
				"submission");
			header = 1;
		}
		print_problem(f, p, st, 1);
	}
}

/* The last line: the status (grade) or whether it is ready (check). */
static void
print_verdict(FILE *f, const struct grade_report *r, int with_scores,
	      size_t errors, const struct cli_style *st)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF];

	if (with_scores) {
		const char *color = r->status == GRADE_PASS ? st->green : st->red;
		fprintf(f, "%s%s%s", st->bold, color,
			grade_status_name(r->status));
		if (r->best >= 0)
			fprintf(f, ": best AUC %s (%s), pass mark %s",
				fixed(r->models[r->best].auc.auc, 4, b1),
				r->models[r->best].file,
				fixed(r->pass_auc, 4, b2));
		fprintf(f, "%s", st->reset);
		if (r->status == GRADE_FAIL)
			print_fail_reasons(f, r);
	} else if (r->status == GRADE_PASS) {
		fprintf(f, "%s%sReady to submit.%s", st->bold, st->green,
			st->reset);
	} else {
		fprintf(f, "%s%sNot ready: %zu error%s to fix.%s", st->bold,
			st->red, errors, errors == 1 ? "" : "s", st->reset);
	}
}

void
report_text(FILE *f, const struct grade_report *r, const struct challenge *c,
	    int with_scores, const struct cli_style *st)
{
	size_t errors = problems_count(r->problems, PROBLEM_ERROR);
	size_t warnings = problems_count(r->problems, PROBLEM_WARNING);

	fputs(st->bold, f);
	cli_put_name(f, r->submission_name);
	fprintf(f, "%s: %s %s\n", st->reset,
		with_scores ? "graded against" : "checked against",
		c->dir != NULL ? c->id : "the default rules");
	print_models(f, r, st);
	if (with_scores)
		print_comparison(f, r);
	/* Deliverables are examined whenever the archive could be read. */
	if (r->deliverables != NULL) {
		print_rules(f, r->deliverables, c->deliverables,
			    r->n_deliverables, 1, r->problems, st);
		print_rules(f, r->forbidden, c->forbidden, r->n_forbidden, 0,
			    r->problems, st);
	}
	print_other_problems(f, r, errors, st);
	fputc('\n', f);
	print_verdict(f, r, with_scores, errors, st);
	if (warnings > 0)
		fprintf(f, " (%zu warning%s)", warnings, warnings == 1 ? "" : "s");
	fputc('\n', f);
}

/*
 * GitHub's workflow commands: the message must have '%', CR and LF escaped,
 * and property values also ':' and ','.  Writes s[0..len).  Other control
 * characters, which only a path from the command line can hold (the
 * library shows them in names as \xNN already), are written so too: the
 * log that shows these lines is a terminal of a kind.
 */
void
cli_github_escape(FILE *f, const char *s, size_t len, int property)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\r' && c != '\n') || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else if (s[i] == '%')
			fputs("%25", f);
		else if (s[i] == '\r')
			fputs("%0D", f);
		else if (s[i] == '\n')
			fputs("%0A", f);
		else if (property && s[i] == ':')
			fputs("%3A", f);
		else if (property && s[i] == ',')
			fputs("%2C", f);
		else
			fputc(s[i], f);
	}
}

void
cli_github_puts(FILE *f, const char *s, int property)
{
	cli_github_escape(f, s, strlen(s), property);
}

/*
 * The path inside the submission of the file a problem is about: where its
 * results file was found (the results problems name the file the challenge
 * expects, "results1.csv", which may lie in a folder of the archive), else
 * the problem's own file, an entry path.  NULL when it concerns no file.
 */
static const char *
entry_path(const struct grade_report *r, const struct problem *p)
{
	for (size_t i = 0; p->file != NULL && r->examined && i < r->n_models;
	     i++)
		if (r->models[i].path != NULL &&
		    strcmp(r->models[i].file, p->file) == 0)
			return r->models[i].path;
	return p->file;
}

/*
 * Writes, escaped as a property, the path from the working directory of
 * entry in the folder submission `folder` as the command line gave it:
 * "submission/" and "results1.csv" make "submission/results1.csv"; a
 * leading "./" and a folder of "." add nothing, so that GitHub, which
 * places an annotation by its path from the repository's root, finds it.
 */
static void
github_folder_path(FILE *f, const char *folder, const char *entry)
{
	size_t n;

	while (folder[0] == '.' && folder[1] == '/') {
		folder += 2;
		while (folder[0] == '/')
			folder++;
	}
	n = strlen(folder);
	while (n > 1 && folder[n - 1] == '/')
		n--;
	if (n == 1 && folder[0] == '.')
		n = 0;
	cli_github_escape(f, folder, n, 1);
	if (n > 0 && folder[n - 1] != '/')
		fputc('/', f);
	cli_github_puts(f, entry, 1);
}

void
report_github(FILE *f, const struct grade_report *r, const char *path,
	      int folder, int with_scores)
{
	char b1[NUMBER_BUF];

	for (size_t i = 0; i < r->problems->count; i++) {
		const struct problem *p = &r->problems->items[i];
		const char *entry = entry_path(r, p);

		fprintf(f, "::%s", p->severity == PROBLEM_ERROR ? "error"
								: "warning");
		/* A folder's entries are files of the repository; a zip is
		 * one file, whatever entry a problem is about. */
		if (folder && entry != NULL) {
			fputs(" file=", f);
			github_folder_path(f, path, entry);
			if (p->line > 0)
				fprintf(f, ",line=%ld", p->line);
			fputc(',', f);
		} else if (!folder) {
			fputs(" file=", f);
			cli_github_puts(f, path, 1);
			fputc(',', f);
		} else {
			fputc(' ', f);
		}
		fputs("title=", f);
		cli_github_puts(f, p->code, 1);
		fputs("::", f);
		/* In a zip the entry and line go into the message, unless
		 * it names the entry already (as archive messages do). */
		if (!folder && entry != NULL &&
		    strstr(p->message, entry) == NULL) {
			cli_github_puts(f, entry, 0);
			fputs(": ", f);
		}
		if (!folder && p->line > 0)
			fprintf(f, "line %ld: ", p->line);
		cli_github_puts(f, p->message, 0);
		if (p->hint != NULL) {
			fputs(" Fix: ", f);
			cli_github_puts(f, p->hint, 0);
		}
		fputc('\n', f);
	}
	cli_put_name(f, r->submission_name);
	fprintf(f, ": %s", grade_status_name(r->status));
	if (with_scores && r->best >= 0)
		fprintf(f, ", best AUC %s (%s)",
			fixed(r->models[r->best].auc.auc, 6, b1),
			r->models[r->best].file);
	fputc('\n', f);
}

/*
 * Writes '<', '>' and '&' (and, with quote, '"') as entities; returns 1
 * when c was one of them.  HTML in the job summary and XML share it.
 */
static int
put_entity(FILE *f, unsigned char c, int quote)
{
	if (c == '<')
		fputs("&lt;", f);
	else if (c == '>')
		fputs("&gt;", f);
	else if (c == '&')
		fputs("&amp;", f);
	else if (quote && c == '"')
		fputs("&quot;", f);
	else
		return 0;
	return 1;
}

/*
 * Text in a Markdown table cell of the job summary, which GitHub renders
 * with HTML allowed: '|' would end the cell, a line end the row, '<', '>'
 * and '&' could open markup, and '\', '`', '*', '_', '[', ']' and '~'
 * could format or link a candidate's file name.  Other control characters
 * are shown as \xNN, as names are elsewhere.
 */
static void
md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (put_entity(f, c, 0))
			continue;
		if (c == '\n')
			fputs("<br>", f);
		else if (c == '\r')
			continue;
		else if (strchr("|\\`*_[]~", c) != NULL)
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\\\x%02x", c);
		else
			fputc(c, f);
	}
}

/* The summary's first lines: the submission, the challenge, the status. */
static void
summary_head(FILE *f, const struct grade_report *r,
	     const struct challenge *c, int with_scores)
{
	size_t errors = problems_count(r->problems, PROBLEM_ERROR);
	size_t warnings = problems_count(r->problems, PROBLEM_WARNING);
	char *shown = submission_shown_name(r->submission_name);
	char b1[NUMBER_BUF], b2[NUMBER_BUF];

	fprintf(f, "### grader %s: ", with_scores ? "grade" : "check");
	md_escape(f, shown != NULL ? shown : "(a name: out of memory)");
	free(shown);
	fprintf(f, "\n\n%s against ", with_scores ? "Graded" : "Checked");
	md_escape(f, c->dir != NULL ? c->id : "the default rules");
	fprintf(f, ". Status: **%s**", grade_status_name(r->status));
	if (with_scores && r->best >= 0) {
		fprintf(f, ", best AUC %s (",
			fixed(r->models[r->best].auc.auc, 4, b1));
		md_escape(f, r->models[r->best].file);
		fprintf(f, "), pass mark %s", fixed(r->pass_auc, 4, b2));
	} else if (with_scores && r->status != GRADE_INVALID) {
		fprintf(f, ", pass mark %s", fixed(r->pass_auc, 4, b2));
	}
	/* The reasons name the challenge's rules, not the candidate's files. */
	if (with_scores && r->status == GRADE_FAIL)
		print_fail_reasons(f, r);
	fprintf(f, "; %zu error%s, %zu warning%s.\n\n", errors,
		errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

/* A row a results file: rows, validity and, graded, AUC and CI. */
static void
summary_models(FILE *f, const struct grade_report *r, int with_scores)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF];

	if (r->n_models == 0)
		return;
	fprintf(f, "| Results file | Rows | Valid |%s\n| --- | ---: | --- |%s\n",
		with_scores ? " AUC | 95% CI |" : "",
		with_scores ? " ---: | --- |" : "");
	for (size_t i = 0; i < r->n_models; i++) {
		const struct grade_model *m = &r->models[i];

		fputs("| ", f);
		md_escape(f, m->file);
		if (!r->examined)
			fputs(" |  | not read |", f);
		else if (m->path == NULL)
			fputs(" |  | missing |", f);
		else
			fprintf(f, " | %zu | %s |", m->rows,
				m->valid ? "yes" : "no");
		if (with_scores && m->scored)
			fprintf(f, " %s%s |", fixed(m->auc.auc, 4, b1),
				(int)i == r->best ? " (best)" : "");
		else if (with_scores)
			fputs("  |", f);
		if (with_scores && m->scored && m->auc.se_valid)
			fprintf(f, " %s to %s |", fixed(m->auc.ci95[0], 4, b1),
				fixed(m->auc.ci95[1], 4, b2));
		else if (with_scores)
			fputs("  |", f);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* The files a rule found, as "a, b". */
static void
summary_found(FILE *f, const struct grade_rule_result *g)
{
	for (size_t j = 0; j < g->n_found; j++) {
		char len[64];

		if (j > 0)
			fputs(", ", f);
		md_escape(f, g->found[j]);
		fputs(document_length(g, g->found[j], len, sizeof len), f);
	}
}

/* The deliverables and the forbidden files, a table each. */
static void
summary_rules(FILE *f, const struct grade_report *r,
	      const struct challenge *c)
{
	if (r->deliverables == NULL) {
		fputs("Deliverables and forbidden files: not examined (the submission could not be read).\n\n",
		      f);
		return;
	}
	fputs("| Deliverable | Status | Files |\n| --- | --- | --- |\n", f);
	for (size_t i = 0; i < r->n_deliverables; i++) {
		const struct grade_rule_result *g = &r->deliverables[i];

		fputs("| ", f);
		md_escape(f, g->name);
		if (g->n_found > 0) {
			fputs(" | found | ", f);
			summary_found(f, g);
		} else {
			fprintf(f, " | missing%s | add a file matching ",
				g->required ? "" : " (optional)");
			for (size_t k = 0; k < c->deliverables[i].n_patterns;
			     k++) {
				if (k > 0)
					fputs(", ", f);
				md_escape(f, c->deliverables[i].patterns[k]);
			}
		}
		fputs(" |\n", f);
	}
	fputs("\n| Forbidden | Status | Files |\n| --- | --- | --- |\n", f);
	for (size_t i = 0; i < r->n_forbidden; i++) {
		const struct grade_rule_result *g = &r->forbidden[i];

		fputs("| ", f);
		md_escape(f, g->name);
		fputs(g->n_found > 0 ? " | present | " : " | none found | ", f);
		summary_found(f, g);
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

/* Every problem, a row each. */
static void
summary_problems(FILE *f, const struct grade_report *r)
{
	if (r->problems->count == 0) {
		fputs("No problems found.\n\n", f);
		return;
	}
	fputs("| Severity | Code | File | Line | Problem | Fix |\n"
	      "| --- | --- | --- | ---: | --- | --- |\n", f);
	for (size_t i = 0; i < r->problems->count; i++) {
		const struct problem *p = &r->problems->items[i];
		const char *entry = entry_path(r, p);

		/* Codes are ours ("csv.header"): a code span holds them. */
		fprintf(f, "| %s | `%s` | ",
			p->severity == PROBLEM_ERROR ? "error" : "warning",
			p->code);
		md_escape(f, entry != NULL ? entry : "");
		fputs(" | ", f);
		if (p->line > 0)
			fprintf(f, "%ld", p->line);
		fputs(" | ", f);
		md_escape(f, p->message);
		fputs(" | ", f);
		md_escape(f, p->hint != NULL ? p->hint : "");
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

void
report_github_summary(FILE *f, const struct grade_report *r,
		      const struct challenge *c, int with_scores)
{
	summary_head(f, r, c, with_scores);
	summary_models(f, r, with_scores);
	summary_rules(f, r, c);
	summary_problems(f, r);
}

void
report_github_outputs(FILE *f, const struct grade_report *r,
		      int with_scores)
{
	char b1[NUMBER_BUF];

	fprintf(f, "status=%s\nbest-auc=%s\n", grade_status_name(r->status),
		with_scores && r->best >= 0
			? number_format(r->models[r->best].auc.auc, b1)
			: "");
}

void
cli_xml_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (put_entity(f, c, 1))
			continue;
		if (c < 0x20 && c != '\n' && c != '\t')
			fputc('?', f);	/* not representable in XML 1.0 */
		else
			fputc(c, f);
	}
}

/* Whether a problem is about a deliverable or forbidden rule, which have
 * test cases of their own. */
static int
is_rule_problem(const struct problem *p)
{
	return strcmp(p->code, "deliverable.missing") == 0 ||
	       strcmp(p->code, "forbidden.present") == 0;
}

static void
junit_open(FILE *f, const struct grade_report *r, const char *name, int ok)
{
	fputs("    <testcase classname=\"", f);
	cli_xml_escape(f, r->submission_name);
	fputs("\" name=\"", f);
	cli_xml_escape(f, name);
	fputs("\"", f);
	if (ok) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n      <failure message=\"", f);
	cli_xml_escape(f, name);
	fputs(" failed\">", f);
}

static void
junit_close(FILE *f)
{
	fputs("</failure>\n    </testcase>\n", f);
}

/* One problem as a line of a failure's text. */
static void
junit_problem(FILE *f, const struct problem *p)
{
	if (p->file != NULL) {
		cli_xml_escape(f, p->file);
		if (p->line > 0)
			fprintf(f, ":%ld", p->line);
		fputs(": ", f);
	}
	cli_xml_escape(f, p->message);
	fprintf(f, " [%s]\n", p->code);
}

/*
 * The case of one results file (file non-NULL) or of the archive (file
 * NULL: every error about neither a results file nor a rule).
 */
static void
junit_file_case(FILE *f, const struct grade_report *r, const char *name,
		const char *file, int ok)
{
	junit_open(f, r, name, ok);
	if (ok)
		return;
	if (file != NULL && !r->examined) {
		fputs("not read: the archive was refused (see the archive case)\n",
		      f);
		junit_close(f);
		return;
	}
	for (size_t i = 0; i < r->problems->count; i++) {
		const struct problem *p = &r->problems->items[i];
		if (p->severity != PROBLEM_ERROR || is_rule_problem(p))
			continue;
		if (file != NULL ? !concerns(p, file)
				 : r->examined && is_results_file(r, p->file))
			continue;
		junit_problem(f, p);
	}
	junit_close(f);
}

/* The case of one deliverable or forbidden rule, from the rule itself. */
static void
junit_rule_case(FILE *f, const struct grade_report *r,
		const struct grade_rule_result *g, const struct challenge_rule *def,
		int deliverable)
{
	junit_open(f, r, g->name, g->ok);
	if (g->ok)
		return;
	if (deliverable) {
		fputs("no file matches ", f);
		for (size_t i = 0; i < def->n_patterns; i++) {
			if (i > 0)
				fputs(", ", f);
			cli_xml_escape(f, def->patterns[i]);
		}
		fputs(" [deliverable.missing]\n", f);
	} else {
		for (size_t i = 0; i < g->n_found; i++) {
			cli_xml_escape(f, g->found[i]);
			fputs(" must not be submitted [forbidden.present]\n", f);
		}
	}
	junit_close(f);
}

void
report_junit(FILE *f, const struct grade_report *r, const struct challenge *c,
	     int with_scores)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF];
	size_t tests = 1 + r->n_models + r->n_deliverables + r->n_forbidden;
	size_t failures = 0;
	int archive_ok = r->examined;

	/* The archive case holds what concerns no results file and no rule. */
	for (size_t i = 0; i < r->problems->count; i++) {
		const struct problem *p = &r->problems->items[i];
		if (p->severity == PROBLEM_ERROR && !is_rule_problem(p) &&
		    !(r->examined && is_results_file(r, p->file)))
			archive_ok = 0;
	}
	failures += !archive_ok;
	for (size_t i = 0; i < r->n_models; i++)
		failures += !r->models[i].valid;
	for (size_t i = 0; i < r->n_deliverables; i++)
		failures += !r->deliverables[i].ok;
	for (size_t i = 0; i < r->n_forbidden; i++)
		failures += !r->forbidden[i].ok;
	if (with_scores) {
		tests++;
		failures += r->status != GRADE_PASS;
	}

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites tests=\"%zu\" failures=\"%zu\">\n"
		   "  <testsuite name=\"grader ",
		tests, failures);
	cli_xml_escape(f, with_scores ? "grade" : "check");
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\">\n", tests, failures);
	junit_file_case(f, r, "archive", NULL, archive_ok);
	for (size_t i = 0; i < r->n_models; i++)
		junit_file_case(f, r, r->models[i].file, r->models[i].file,
				r->models[i].valid);
	for (size_t i = 0; i < r->n_deliverables; i++)
		junit_rule_case(f, r, &r->deliverables[i], &c->deliverables[i],
				1);
	for (size_t i = 0; i < r->n_forbidden; i++)
		junit_rule_case(f, r, &r->forbidden[i], &c->forbidden[i], 0);
	if (with_scores) {
		fputs("    <testcase classname=\"", f);
		cli_xml_escape(f, r->submission_name);
		fputs("\" name=\"pass mark\"", f);
		if (r->status == GRADE_PASS)
			fputs("/>\n", f);
		else {
			fprintf(f, ">\n      <failure message=\"status %s\">",
				grade_status_name(r->status));
			if (r->best >= 0)
				fprintf(f, "best AUC %s, pass mark %s",
					fixed(r->models[r->best].auc.auc, 6,
					      b1), fixed(r->pass_auc, 6, b2));
			fputs("</failure>\n    </testcase>\n", f);
		}
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
}

static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/*
 * Gradescope's autograder results.json: a score of 1 for a pass, the best
 * AUC shown, and one test per results file, deliverable and forbidden rule.
 */
void
report_gradescope(FILE *f, const struct grade_report *r)
{
	char b1[NUMBER_BUF], b2[NUMBER_BUF];
	int first = 1;

	fprintf(f, "{\n  \"score\": %d,\n  \"max_score\": 1,\n",
		r->status == GRADE_PASS);
	fputs("  \"output\": ", f);
	{
		char line[256];
		if (r->best >= 0)
			snprintf(line, sizeof line,
				 "%s: best AUC %s (%s), pass mark %s",
				 grade_status_name(r->status),
				 fixed(r->models[r->best].auc.auc, 6, b1),
				 r->models[r->best].file,
				 fixed(r->pass_auc, 6, b2));
		else
			snprintf(line, sizeof line, "%s",
				 grade_status_name(r->status));
		json_string(f, line);
	}
	fputs(",\n  \"tests\": [", f);
	for (size_t i = 0; i < r->n_models; i++) {
		const struct grade_model *m = &r->models[i];
		char out[128];
		if (m->scored)
			snprintf(out, sizeof out, "AUC %s",
				 fixed(m->auc.auc, 6, b1));
		else
			snprintf(out, sizeof out, "%s",
				 m->path == NULL ? "missing" : "invalid");
		fprintf(f, "%s\n    {\"name\": ", first ? "" : ",");
		json_string(f, m->file);
		fprintf(f, ", \"status\": \"%s\", \"output\": ",
			m->valid ? "passed" : "failed");
		json_string(f, out);
		fputc('}', f);
		first = 0;
	}
	for (size_t i = 0; i < r->n_deliverables + r->n_forbidden; i++) {
		const struct grade_rule_result *g =
		    i < r->n_deliverables ? &r->deliverables[i]
					  : &r->forbidden[i - r->n_deliverables];
		fprintf(f, "%s\n    {\"name\": ", first ? "" : ",");
		json_string(f, g->name);
		fprintf(f, ", \"status\": \"%s\"}", g->ok ? "passed" : "failed");
		first = 0;
	}
	fputs("\n  ]\n}\n", f);
}
