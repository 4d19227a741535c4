/*
 * cmd_grade.c: grader grade SUBMISSION --challenge DIR [--holdout FILE]
 *              [--pass-auc X] [-o FILE] [--format F]
 */
#include <string.h>

#include "cli.h"
#include "number.h"
#include "options.h"

int
cmd_grade(int argc, char **argv)
{
	struct cli_run run = { .cmd = "grade", .scoring = 1,
			       .format = FORMAT_JSON };
	const char *pass_auc = NULL, *format = NULL;
	const struct cli_option opts[] = {
		{ "challenge", 'c', &run.challenge_dir, NULL },
		{ "holdout", 'H', &run.holdout, NULL },
		{ "pass-auc", 'p', &pass_auc, NULL },
		{ "output", 'o', &run.output, NULL },
		{ "format", 'f', &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	int code, first;

	if ((code = cli_options("grade", argc, argv, opts, &first)) >= 0)
		return code;
	if (pass_auc != NULL) {
		if (number_parse(pass_auc, strlen(pass_auc), &run.pass_auc) !=
			NUMBER_OK ||
		    run.pass_auc < 0.0 || run.pass_auc > 1.0)
			return cli_usage_error("grade",
					       "--pass-auc takes a number from 0 to 1, not '%s'",
					       pass_auc);
		run.pass_auc_set = 1;
	}
	if ((code = cli_take_format("grade", format, ~0u,
				    "json, text, github, junit or gradescope",
				    &run.format)) >= 0)
		return code;
	if ((code = cli_one_operand("grade", "SUBMISSION", argc, argv, first,
				    &run.submission)) >= 0)
		return code;
	if (run.challenge_dir == NULL)
		return cli_usage_error("grade", "missing --challenge DIR");
	return cli_run_submission(&run);
}
