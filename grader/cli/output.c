/*
 * output.c: what every command's output shares: usage errors, problem
 * lists on stderr, exit codes for load failures, the final flush, and the
 * text style (marks, colour).
 */
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "submission.h"

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "grader %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; see 'grader help %s'\n", cmd);
	return EXIT_USAGE;
}

void
cli_print_problems(FILE *f, const struct problem_list *problems)
{
	for (size_t i = 0; i < problems->count; i++) {
		const struct problem *p = &problems->items[i];
		fprintf(f, "grader: %s", p->severity == PROBLEM_ERROR
						 ? "error: "
						 : "warning: ");
		if (p->file != NULL) {
			fprintf(f, "%s:", p->file);
			if (p->line > 0)
				fprintf(f, "%ld:", p->line);
			fputc(' ', f);
		}
		fprintf(f, "%s [%s]\n", p->message, p->code);
		if (p->hint != NULL)
			fprintf(f, "grader:   fix: %s\n", p->hint);
	}
}

int
cli_exit_for_load(enum gr_status st)
{
	switch (st) {
	case GR_OK:
		return EXIT_PASS;
	case GR_IO:
		return EXIT_NOINPUT;
	case GR_UNUSABLE:
	case GR_INVALID:
		return EXIT_DATAERR;
	case GR_NOMEM:
		break;
	}
	return EXIT_SOFTWARE;
}

int
cli_finish(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "grader: cannot write the output\n");
		return EXIT_IOERR;
	}
	return code;
}

void
cli_style_init(struct cli_style *st, FILE *f)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	const char *codeset = nl_langinfo(CODESET);
	int utf8 = codeset != NULL && (strcmp(codeset, "UTF-8") == 0 ||
				       strcmp(codeset, "utf8") == 0);

	st->color = isatty(fileno(f)) && no_color == NULL &&
		    !(term != NULL && strcmp(term, "dumb") == 0);
	st->ok = utf8 ? "\u2714" : "ok";
	st->bad = utf8 ? "\u2718" : "XX";
	st->warn = utf8 ? "!" : "!!";
	st->green = st->color ? "\033[32m" : "";
	st->red = st->color ? "\033[31m" : "";
	st->yellow = st->color ? "\033[33m" : "";
	st->bold = st->color ? "\033[1m" : "";
	st->dim = st->color ? "\033[2m" : "";
	st->reset = st->color ? "\033[0m" : "";
}

void
cli_put_name(FILE *f, const char *s)
{
	char *shown = submission_shown_name(s);

	fputs(shown != NULL ? shown : "(a name: out of memory)", f);
	free(shown);
}

int
cli_print_json(FILE *f, const cJSON *tree)
{
	char *text = cJSON_Print(tree);

	if (text == NULL)
		return -1;
	fputs(text, f);
	fputc('\n', f);
	cJSON_free(text);
	return 0;
}
