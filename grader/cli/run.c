/*
 * run.c: the part of `check` and `grade` after option parsing: load the
 * challenge and holdout, run the library's grade, write the chosen format
 * to stdout or atomically to a file (and, for GitHub, append the summary
 * and outputs to the files the runner names), and turn the outcome into an
 * exit code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "readfile.h"
#include "scorecard.h"

static const char *const format_names[] = {
	[FORMAT_TEXT] = "text",
	[FORMAT_JSON] = "json",
	[FORMAT_GITHUB] = "github",
	[FORMAT_JUNIT] = "junit",
	[FORMAT_GRADESCOPE] = "gradescope",
};

int
cli_take_format(const char *cmd, const char *name, unsigned allowed,
		const char *known, enum cli_format *out)
{
	int f;

	if (name == NULL)
		return -1;
	f = cli_parse_format(name);
	if (f < 0 || !(allowed & (1u << f)))
		return cli_usage_error(cmd, "unknown format '%s' (%s)", name,
				       known);
	*out = (enum cli_format)f;
	return -1;
}

int
cli_parse_format(const char *name)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(format_names[i], name) == 0)
			return (int)i;
	return -1;
}

static int
exit_for_status(enum grade_status s)
{
	switch (s) {
	case GRADE_PASS:
		return EXIT_PASS;
	case GRADE_FAIL:
		return EXIT_FAIL;
	case GRADE_INVALID:
		break;
	}
	return EXIT_INVALID;
}

/* Writes the report in the chosen format; returns 0 or -1 when the
 * scorecard could not be built (out of memory). */
static int
write_report(FILE *f, const struct cli_run *run, const struct grade_report *r,
	     const struct challenge *c)
{
	struct cli_style st;
	struct stat sb;
	cJSON *card;
	int code;

	switch (run->format) {
	case FORMAT_TEXT:
		cli_style_init(&st, f);
		report_text(f, r, c, run->scoring, &st);
		return 0;
	case FORMAT_GITHUB:
		/* The library decides alike: a folder is a folder, anything
		 * else is read as a zip. */
		report_github(f, r, run->submission,
			      stat(run->submission, &sb) == 0 &&
				  S_ISDIR(sb.st_mode),
			      run->scoring);
		return 0;
	case FORMAT_JUNIT:
		report_junit(f, r, c, run->scoring);
		return 0;
	case FORMAT_GRADESCOPE:
		report_gradescope(f, r);
		return 0;
	case FORMAT_JSON:
		break;
	}
	card = scorecard_build(r, run->scoring);
	if (card == NULL)
		return -1;
	code = cli_print_json(f, card);
	cJSON_Delete(card);
	return code;
}

/*
 * Renders the report and replaces `path` with it (writefile_atomic): a
 * reader never sees half a scorecard and a failed run leaves the old one
 * alone.  No fsync: a scorecard is derived from the submission and can be
 * written again, and an fsync cost 2.7 ms a run on an otherwise 8 ms grade,
 * with stalls of tens of milliseconds, for hundreds of submissions in a
 * batch.
 */
static int
write_to_file(const struct cli_run *run, const struct grade_report *r,
	      const struct challenge *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int err;

	if (f == NULL)
		return EXIT_SOFTWARE;
	if (write_report(f, run, r, c) != 0 || fclose(f) != 0) {
		free(buf);
		return EXIT_SOFTWARE;
	}
	err = writefile_atomic(run->output, buf, len);
	free(buf);
	if (err == ENOMEM)
		return EXIT_SOFTWARE;
	if (err != 0) {
		fprintf(stderr, "grader: cannot write %s: %s\n", run->output,
			strerror(err));
		return EXIT_IOERR;
	}
	return EXIT_PASS;
}

/* Appends text[0..len) to the file at path, made when missing; returns 0
 * or an errno value. */
static int
append_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "a");
	int err = 0;

	if (f == NULL)
		return errno;
	errno = 0;
	if (fwrite(text, 1, len, f) != len || fflush(f) != 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(f) != 0 && err == 0)
		err = errno != 0 ? errno : EIO;
	return err;
}

/*
 * With --format github in GitHub Actions: appends to the file named by the
 * environment variable var ($GITHUB_STEP_SUMMARY: the Markdown summary;
 * $GITHUB_OUTPUT when outputs is set: the step's outputs), when it is set
 * and not empty.  Appends, never truncates: the runner gives each step one
 * file, which other commands of the step write too.  Returns EXIT_PASS,
 * EXIT_IOERR after a message, or EXIT_SOFTWARE (out of memory).
 */
static int
append_github_file(const char *var, int outputs, const struct cli_run *run,
		   const struct grade_report *r, const struct challenge *c)
{
	const char *path = getenv(var);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	if (path == NULL || path[0] == '\0')
		return EXIT_PASS;
	if ((f = open_memstream(&buf, &len)) == NULL)
		return EXIT_SOFTWARE;
	if (outputs)
		report_github_outputs(f, r, run->scoring);
	else
		report_github_summary(f, r, c, run->scoring);
	if (fclose(f) != 0) {
		free(buf);
		return EXIT_SOFTWARE;
	}
	err = append_file(path, buf, len);
	free(buf);
	if (err == 0)
		return EXIT_PASS;
	fprintf(stderr, "grader: cannot write %s (%s): %s\n", path, var,
		strerror(err));
	return err == ENOMEM ? EXIT_SOFTWARE : EXIT_IOERR;
}

/* The job summary and the step's outputs of --format github; both are
 * tried, and the worse exit code returned. */
static int
write_github_files(const struct cli_run *run, const struct grade_report *r,
		   const struct challenge *c)
{
	int a = append_github_file("GITHUB_STEP_SUMMARY", 0, run, r, c);
	int b = append_github_file("GITHUB_OUTPUT", 1, run, r, c);

	if (a == EXIT_SOFTWARE || b == EXIT_SOFTWARE)
		return EXIT_SOFTWARE;
	return a != EXIT_PASS ? a : b;
}

int
cli_load(const char *challenge_dir, const char *holdout, int scoring,
	 struct challenge **c, struct holdout *h)
{
	struct problem_list *problems = problems_new();
	enum gr_status st;
	int code = EXIT_PASS;

	*c = NULL;
	if (problems == NULL)
		return EXIT_SOFTWARE;
	if (challenge_dir != NULL)
		st = challenge_load(challenge_dir, c, problems);
	else
		st = (*c = challenge_default()) != NULL ? GR_OK : GR_NOMEM;
	if (st == GR_OK && scoring && challenge_is_scored(*c)) {
		const char *path = holdout ? holdout : (*c)->holdout;
		if (path == NULL) {
			problems_add(problems, PROBLEM_ERROR, "holdout.none",
				     NULL, 0,
				     "Give the labels with --holdout FILE, or set \"holdout\" in challenge.json.",
				     "the challenge names no holdout");
			st = GR_UNUSABLE;
		} else {
			st = holdout_load(path, (*c)->rows, h, problems);
		}
	}
	if (st != GR_OK) {
		cli_print_problems(stderr, problems);
		code = cli_exit_for_load(st);
		challenge_free(*c);
		*c = NULL;
	}
	problems_free(problems);
	return code;
}

int
cli_run_submission(const struct cli_run *run)
{
	struct challenge *c = NULL;
	struct holdout h = { 0 };
	struct grade_report *r = NULL;
	struct grade_options opt = { 0 };
	enum gr_status st;
	int code;

	code = cli_load(run->challenge_dir, run->holdout, run->scoring, &c, &h);
	if (code != EXIT_PASS)
		goto out;

	opt.submission = run->submission;
	opt.challenge = c;
	opt.holdout = run->scoring && challenge_is_scored(c) ? &h : NULL;
	opt.pass_auc_set = run->pass_auc_set;
	opt.pass_auc = run->pass_auc;
	st = grade_run(&opt, &r);
	if (st == GR_NOMEM) {
		fprintf(stderr, "grader: out of memory\n");
		code = EXIT_SOFTWARE;
		goto out;
	}
	if (st == GR_IO) {
		/* The submission cannot be opened: no report to write. */
		cli_print_problems(stderr, r->problems);
		code = EXIT_NOINPUT;
		goto out;
	}
	code = exit_for_status(r->status);
	if (run->output != NULL) {
		int wcode = write_to_file(run, r, c);
		if (wcode != EXIT_PASS)
			code = wcode;
	} else if (write_report(stdout, run, r, c) != 0) {
		code = EXIT_SOFTWARE;
	}
	if (run->format == FORMAT_GITHUB && code != EXIT_SOFTWARE) {
		int gcode = write_github_files(run, r, c);
		if (gcode != EXIT_PASS)
			code = gcode;
	}
	code = cli_finish(code);
out:
	grade_report_free(r);
	holdout_release(&h);
	challenge_free(c);
	return code;
}
