/*
 * main.c: the grader program's entry point.  One table of commands, each
 * with the same signature (Git's git.c); this file dispatches, prints help
 * and the version, and owns nothing else.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_command commands[] = {
	{ "check", cmd_check,
	  "grader check SUBMISSION [--challenge DIR] [--format text|json|github|junit]",
	  "Checks a submission (a .zip or a folder) before it is sent, without the\n"
	  "holdout: the results files' format, deliverables and forbidden files.\n"
	  "Each document found is measured (PDF pages; DOCX, Markdown, text,\n"
	  "HTML and notebook words) and held to the challenge's \"length\", if\n"
	  "any: outside it, or unreadable, is a warning.\n"
	  "Without --challenge the default rules apply: results1.csv and\n"
	  "results2.csv, 10,000 rows each.\n"
	  "\n"
	  "  --challenge DIR   the challenge folder (holds challenge.json)\n"
	  "  --format FORMAT   text (default), json, github (annotations; a job\n"
	  "                    summary and step outputs where GITHUB_STEP_SUMMARY\n"
	  "                    and GITHUB_OUTPUT are set), junit\n"
	  "\n"
	  "Exit: 0 ready to submit (warnings allowed); 1 only deliverables or\n"
	  "forbidden files are wrong; 2 the archive cannot be read or a results\n"
	  "file is missing or malformed.\n" },
	{ "grade", cmd_grade,
	  "grader grade SUBMISSION --challenge DIR [--holdout FILE] [--pass-auc X]\n"
	  "             [-o FILE] [--format json|text|github|junit|gradescope]",
	  "Grades one submission against the challenge's holdout and writes its\n"
	  "JSON scorecard to stdout, or to FILE with -o.\n"
	  "\n"
	  "  --challenge DIR   the challenge folder (holds challenge.json)\n"
	  "  --holdout FILE    the labels, instead of the challenge's \"holdout\"\n"
	  "  --pass-auc X      the bar, instead of the challenge's \"pass_auc\"\n"
	  "  -o, --output FILE write the output there (replaced atomically)\n"
	  "  --format FORMAT   json (default), text, github (as for check), junit,\n"
	  "                    gradescope\n"
	  "\n"
	  "Exit: 0 pass; 1 fail (valid but below the bar, a required deliverable\n"
	  "missing or a forbidden file present); 2 invalid (cannot be scored).\n" },
	{ "batch", cmd_batch,
	  "grader batch SUBMISSION... --challenge DIR [--holdout FILE] -o OUTDIR\n"
	  "             [-j N] [--shard K/N] [--force]",
	  "Grades many submissions (.zip files or folders) into OUTDIR: a\n"
	  "scorecard NAME.json (what grade -o writes) and a page NAME.html each,\n"
	  "NAME being the zip's name without .zip or the folder's name; then\n"
	  "leaderboard.csv, leaderboard.json and index.html.  Each submission is\n"
	  "graded in a process of its own and its scorecard written as soon as\n"
	  "it is made: a run that is killed loses only what was in flight, and\n"
	  "running it again grades only the zips without an up-to-date scorecard\n"
	  "(same zip bytes, grader version, challenge, bar and holdout; folders\n"
	  "are always graded again).\n"
	  "\n"
	  "  --challenge DIR   the challenge folder (holds challenge.json)\n"
	  "  --holdout FILE    the labels, instead of the challenge's \"holdout\"\n"
	  "  -o, --output DIR  the output folder (made if missing)\n"
	  "  -j, --jobs N      grade N submissions at once (default: the number\n"
	  "                    of processors, at most 16)\n"
	  "  --shard K/N       grade only the K-th of N shares of the submissions\n"
	  "                    (by a hash of NAME), to split one batch across\n"
	  "                    machines; join the folders with grader merge\n"
	  "  --force           grade every submission again\n"
	  "\n"
	  "The leaderboard ranks passes first, then fails, then invalid\n"
	  "submissions, each by best AUC, and flags identical zips (duplicate),\n"
	  "results files shared between zips (copied_results), forbidden files\n"
	  "and missing deliverables.  Progress goes to stderr, one line a\n"
	  "submission; a summary to stdout.\n"
	  "\n"
	  "Exit: 0 every submission was graded, whatever its status; 64 two\n"
	  "inputs have the same NAME, or a NAME is leaderboard or index; 65 the\n"
	  "challenge or holdout is unusable; 66 an input cannot be opened (then\n"
	  "nothing is graded) or could not be read; 70 the grader failed on a\n"
	  "submission; 74 OUTDIR cannot be written.  The others are graded and\n"
	  "published in every case.\n" },
	{ "merge", cmd_merge,
	  "grader merge OUTDIR... -o OUTDIR",
	  "Joins the output folders of batch runs (the shards of one batch, say)\n"
	  "into one: copies every scorecard, writes every page and a leaderboard\n"
	  "over them all, as one batch over every submission would.  Nothing is\n"
	  "graded again.  -o may be one of the inputs.\n"
	  "\n"
	  "  -o, --output DIR  the output folder (made if missing)\n"
	  "\n"
	  "Exit: 0 merged; 65 a file is not a scorecard, scorecards come from\n"
	  "different challenges or holdouts, or one submission was graded\n"
	  "differently in two folders; 66 a folder cannot be read or holds no\n"
	  "scorecard; 74 OUTDIR cannot be written.\n" },
	{ "verify", cmd_verify,
	  "grader verify CHALLENGE_DIR [--format text|json|junit|github]",
	  "A challenge repository's own gate.  Loads CHALLENGE_DIR/challenge.json\n"
	  "and, when it names one, the holdout (labels, row count, both classes);\n"
	  "checks that each forbidden rule's sha256 sums are those of its data\n"
	  "files when they are in CHALLENGE_DIR or CHALLENGE_DIR/data (skipped\n"
	  "when they are not); then grades every example of CHALLENGE_DIR/examples\n"
	  "(each .zip file and folder), as grade does, against its expectation in\n"
	  "examples/expected.json:\n"
	  "\n"
	  "  {\"strong.zip\": {\"status\": \"pass\", \"best_auc\": [0.85, 0.88]},\n"
	  "   \"leaky.zip\": {\"status\": \"fail\"}}\n"
	  "\n"
	  "The status must be the same; the best AUC, when given, within [lo, hi]\n"
	  "(bounds included).  Without a holdout (or for a deliverables-only\n"
	  "challenge) examples are checked, not scored: only statuses can be\n"
	  "expected.  Prints one line per example: expected, got, best AUC.\n"
	  "\n"
	  "  --format FORMAT   text (default), json, junit, github (annotations)\n"
	  "\n"
	  "Exit: 0 every example as expected; 1 one is not, is listed but absent,\n"
	  "or is in examples/ with no expectation (each is named); 65 the\n"
	  "challenge, holdout, data sums or expected.json are unusable; 66\n"
	  "CHALLENGE_DIR or a file of it cannot be opened.\n" },
	{ "auc", cmd_auc,
	  "grader auc LABELS.csv SCORES.csv [SCORES2.csv] [--json]",
	  "Prints the ROC AUC of a scores file against a labels file (one 0 or 1\n"
	  "a line, optional header), with its DeLong standard error and 95%\n"
	  "confidence interval; with a second scores file, also the paired\n"
	  "DeLong test of the difference.  The AUC prints to 17 significant\n"
	  "digits.  Scores are read by the results-file rules (one probability\n"
	  "in [0, 1] a line, no header), and must have one row per label.\n"
	  "\n"
	  "  --json            print one JSON object instead\n"
	  "\n"
	  "Exit: 0 printed; 2 a scores file is malformed; 65 the labels are\n"
	  "unusable; 66 a file cannot be opened.\n" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char exit_codes[] =
    "Exit codes (all commands):\n"
    "   0  grade: the submission passes; check: ready to submit\n"
    "   1  valid and scored, but does not pass\n"
    "   2  the submission is invalid: it cannot be scored\n"
    "  64  usage error\n"
    "  65  the challenge definition or the holdout is unusable\n"
    "  66  an input cannot be opened\n"
    "  70  internal error\n"
    "  74  output cannot be written\n";

static void
print_usage(FILE *f)
{
	fprintf(f, "usage:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].synopsis);
	fprintf(f, "  grader --help | --version | grader help COMMAND\n");
}

static int
print_help(void)
{
	printf("grader %s: grades take-home data-science challenges.\n\n",
	       GRADER_VERSION);
	print_usage(stdout);
	printf("\nSUBMISSION is a .zip file or a folder; both are read by the same rules,\n"
	       "in memory (a zip is never extracted).\n\n%s\n"
	       "Environment: NO_COLOR turns colour off in text reports.\n"
	       "See grader help COMMAND, and man grader.\n",
	       exit_codes);
	return cli_finish(EXIT_PASS);
}

static const struct cli_command *
find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
cli_command_help(const char *name)
{
	const struct cli_command *c = find_command(name);

	if (c == NULL)
		return cli_usage_error("help", "no command named '%s'", name);
	printf("usage: %s\n\n%s\n%s", c->synopsis, c->help, exit_codes);
	return cli_finish(EXIT_PASS);
}

static int
help_command(int argc, char **argv)
{
	if (argc < 2)
		return print_help();
	if (argc > 2)
		return cli_usage_error("help", "expects one command name");
	return cli_command_help(argv[1]);
}

int
main(int argc, char **argv)
{
	const struct cli_command *c;

	/*
	 * Only the character type follows the user's locale, to choose
	 * between UTF-8 and ASCII marks.  Numbers are never parsed or printed
	 * through the locale (LC_NUMERIC stays "C").
	 */
	setlocale(LC_CTYPE, "");

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_help();
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("grader %s\n", GRADER_VERSION);
		return cli_finish(EXIT_PASS);
	}
	if (strcmp(argv[1], "help") == 0)
		return help_command(argc - 1, argv + 1);
	c = find_command(argv[1]);
	if (c == NULL) {
		fprintf(stderr, "grader: unknown command '%s'; see 'grader --help'\n",
			argv[1]);
		return EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
