/*
 * cli.h: what the commands of the grader program share: the exit codes
 * (named once, here), the command signature, and the output helpers.
 */
#ifndef GRADER_CLI_H
#define GRADER_CLI_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "grade.h"

/* Exit codes: SPEC "Exit codes", listed in --help and the man page. */
enum grader_exit {
	EXIT_PASS = 0,		/* passes / ready to submit */
	EXIT_FAIL = 1,		/* valid, does not pass */
	EXIT_INVALID = 2,	/* the submission cannot be scored */
	EXIT_USAGE = 64,	/* usage error */
	EXIT_DATAERR = 65,	/* challenge or holdout unusable */
	EXIT_NOINPUT = 66,	/* an input cannot be opened */
	EXIT_SOFTWARE = 70,	/* internal error */
	EXIT_IOERR = 74,	/* output cannot be written */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis;
	const char *help;	/* the text of `grader help NAME` */
};

int cmd_check(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_auc(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* Prints the help of one command to stdout (grader help NAME); returns the
 * exit code. */
int cli_command_help(const char *name);

/*
 * Writers that every report format shares.  cli_github_escape: s[0..len)
 * as GitHub's workflow commands need it ('%', CR and LF, and in a
 * property also ':' and ','; other control bytes as \xNN).
 * cli_xml_escape: XML text and attribute values.  cli_print_json: the tree
 * as cJSON prints it and a newline; returns 0, or -1 when out of memory.
 */
void cli_github_escape(FILE *f, const char *s, size_t len, int property);
void cli_github_puts(FILE *f, const char *s, int property);
void cli_xml_escape(FILE *f, const char *s);
int cli_print_json(FILE *f, const cJSON *tree);

/* Prints "grader CMD: MESSAGE" and the way to help to stderr; returns
 * EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints every problem of a list to stderr as "grader: file:line: message"
 * (used for challenge and holdout problems, which are not the
 * submission's). */
void cli_print_problems(FILE *f, const struct problem_list *problems);

/* Maps a library status met while loading the challenge or holdout to an
 * exit code. */
int cli_exit_for_load(enum gr_status st);

/* Prints a file name as text that cannot move a terminal, as
 * submission_shown_name() writes it (control characters as \xNN). */
void cli_put_name(FILE *f, const char *s);

/* Flushes stdout and reports a failed write; returns code, or EXIT_IOERR
 * when the output could not be written. */
int cli_finish(int code);

/* Text output style: marks and colour, decided once per run from the
 * terminal, NO_COLOR and the locale. */
struct cli_style {
	int color;
	const char *ok, *bad, *warn;	/* marks */
	const char *green, *red, *yellow, *bold, *dim, *reset;
};
void cli_style_init(struct cli_style *st, FILE *f);

/* The report of `check` and `grade` for a person. */
void report_text(FILE *f, const struct grade_report *r,
		 const struct challenge *c, int with_scores,
		 const struct cli_style *st);

/*
 * GitHub Actions workflow commands: one annotation per problem, on the file
 * as GitHub finds it from the working directory.  path is the submission
 * as the command line gave it; folder says it is a folder, whose entries
 * are annotated as path/entry (a zip is annotated itself, the entry named
 * in the message).
 */
void report_github(FILE *f, const struct grade_report *r, const char *path,
		   int folder, int with_scores);

/* The job summary in Markdown (for $GITHUB_STEP_SUMMARY): the status, a
 * table of the results files, the deliverables and forbidden files, and
 * every problem. */
void report_github_summary(FILE *f, const struct grade_report *r,
			   const struct challenge *c, int with_scores);

/* The step's outputs (for $GITHUB_OUTPUT): "status=pass|fail|invalid" and
 * "best-auc=" the best AUC in full precision, empty when there is none. */
void report_github_outputs(FILE *f, const struct grade_report *r,
			   int with_scores);

/* JUnit XML: one test case per results file, deliverable and forbidden
 * rule. */
void report_junit(FILE *f, const struct grade_report *r,
		  const struct challenge *c, int with_scores);

/* Output formats of check and grade. */
enum cli_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_GITHUB,
	FORMAT_JUNIT,
	FORMAT_GRADESCOPE,
};

/* Parses a --format value; returns -1 when it is not one of the names. */
int cli_parse_format(const char *name);

/*
 * Takes command cmd's --format value name (NULL: *out is left as it is),
 * one of the formats whose bits are set in allowed (1 << FORMAT_x); known
 * is how the usage error lists them ("text, json, github or junit").
 * Returns -1 with *out set, or EXIT_USAGE after printing the error.
 */
int cli_take_format(const char *cmd, const char *name, unsigned allowed,
		    const char *known, enum cli_format *out);

/* What check and grade have in common, once their options are parsed. */
struct cli_run {
	const char *cmd;		/* "check" or "grade" */
	const char *submission;
	const char *challenge_dir;	/* NULL: the default rules (check) */
	const char *holdout;		/* NULL: the challenge's (grade) */
	int scoring;			/* grade: load the holdout, score */
	int pass_auc_set;
	double pass_auc;
	const char *output;		/* NULL: stdout */
	enum cli_format format;
};

/*
 * Loads the challenge (the default rules when challenge_dir is NULL) and,
 * when scoring a scored challenge, its holdout (holdout overrides the
 * challenge's path) into *c and *h.  Prints what is wrong to stderr and
 * returns EXIT_PASS, or the exit code (*c is then NULL).  The caller frees
 * with challenge_free() and holdout_release().
 */
int cli_load(const char *challenge_dir, const char *holdout, int scoring,
	     struct challenge **c, struct holdout *h);

/* Loads the challenge (and holdout), grades or checks, writes the output
 * and returns the exit code. */
int cli_run_submission(const struct cli_run *run);

struct leaderboard;

/* One submission of an output folder: its file stem and scorecard. */
struct outdir_card {
	const char *name;
	const cJSON *card;
};

/* dir/name+ext, malloc'd; NULL when out of memory. */
char *outdir_path(const char *dir, const char *name, const char *ext);

/* The largest JSON file batch and merge read back (a scorecard is a few
 * kilobytes; this only bounds a damaged or foreign file). */
#define OUTDIR_MAX_JSON ((uint64_t)64 << 20)

/* The JSON file at path, parsed (cJSON_Delete), or NULL when it cannot be
 * read or parsed. */
cJSON *outdir_read_json(const char *path);


/* Writes dir/name+ext atomically from text[0..len), with a line end added
 * when newline is set; returns an exit code (EXIT_PASS, EXIT_IOERR after a
 * message, EXIT_SOFTWARE when out of memory). */
int outdir_put(const char *dir, const char *name, const char *ext,
	       const char *text, size_t len, int newline);

/* Writes dir/name.json, the scorecard as grade -o would; returns an exit
 * code (EXIT_PASS, EXIT_IOERR with a message, EXIT_SOFTWARE). */
int outdir_write_card(const char *dir, const char *name, const cJSON *card);

/*
 * Ranks lb (leaderboard_rank(): every row is in), then writes the page of
 * each card (dir/<name>.html), leaderboard.json, index.html and
 * leaderboard.csv from it, whose challenge id is challenge.  Returns an
 * exit code as outdir_write_card().
 */
int outdir_publish(const char *dir, const char *challenge,
		   struct leaderboard *lb, const struct outdir_card *cards,
		   size_t n);

/* Gradescope's results.json for an autograder. */
void report_gradescope(FILE *f, const struct grade_report *r);

#endif
