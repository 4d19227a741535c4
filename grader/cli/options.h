/*
 * options.h: every command's options, parsed one way (Git's
 * parse-options): a command lists its options in a table, and this module
 * runs getopt_long over it, handles --help and -h, and words every usage
 * error alike ("grader CMD: --x needs a value; see 'grader help CMD'").
 * Values are checked by the command after parsing, each with its own
 * message.
 */
#ifndef GRADER_CLI_OPTIONS_H
#define GRADER_CLI_OPTIONS_H

/* One option: --name (and -short_name when it is not 0). */
struct cli_option {
	const char *name;
	char short_name;
	const char **value;	/* an option that takes a value: it goes
				 * here (the last one given wins) */
	int *flag;		/* an option without a value: set to 1 */
};

/* The most options a command may have, --help aside. */
#define CLI_OPTIONS_MAX 15

/*
 * Parses argv[1..argc) by opts, a table ended by an entry whose name is
 * NULL: "--name value", "--name=value", "-c value", options and operands
 * in any order, "--" ending the options.  Sets *first to the index of the
 * first operand (operands are moved after the options).  Returns -1 to go
 * on, or the exit code to leave with: 0 after printing the command's help,
 * EXIT_USAGE after printing a usage error.
 */
int cli_options(const char *cmd, int argc, char **argv,
		const struct cli_option *opts, int *first);

/*
 * Takes the one operand that commands such as check and grade expect
 * (what names it, e.g. "SUBMISSION").  Returns -1 with *out set, or
 * EXIT_USAGE after printing why ("missing SUBMISSION", "one SUBMISSION at
 * a time, not 'x'").
 */
int cli_one_operand(const char *cmd, const char *what, int argc,
		    char **argv, int first, const char **out);

#endif
