/*
 * cmd_check.c: grader check SUBMISSION [--challenge DIR] [--format F]
 */
#include "cli.h"
#include "options.h"

int
cmd_check(int argc, char **argv)
{
	struct cli_run run = { .cmd = "check", .format = FORMAT_TEXT };
	const char *format = NULL;
	/* The table is the command's declaration of its options: check and
	 * grade share some, each lists its own. */
	const struct cli_option opts[] = {
		{ "challenge", 'c', &run.challenge_dir, NULL },
		{ "format", 'f', &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	int code, first;

	if ((code = cli_options("check", argc, argv, opts, &first)) >= 0)
		return code;
	if ((code = cli_take_format("check", format,
				    ~(1u << FORMAT_GRADESCOPE),
				    "text, json, github or junit",
				    &run.format)) >= 0)
		return code;
	if ((code = cli_one_operand("check", "SUBMISSION", argc, argv, first,
				    &run.submission)) >= 0)
		return code;
	return cli_run_submission(&run);
}
