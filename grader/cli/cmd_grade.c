/*
 * cmd_grade.c: grader grade SUBMISSION --challenge DIR [--holdout FILE]
 *              [--pass-auc X] [-o FILE] [--format F]
 */
#include <getopt.h>

#include "cli.h"
#include "number.h"

#include <string.h>

int
cmd_grade(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "challenge", required_argument, NULL, 'c' },
		{ "holdout", required_argument, NULL, 'H' },
		{ "pass-auc", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_run run = { .cmd = "grade", .scoring = 1,
			       .format = FORMAT_JSON };
	int ch, f;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":c:H:p:o:f:h", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'c':
			run.challenge_dir = optarg;
			break;
		case 'H':
			run.holdout = optarg;
			break;
		case 'p':
			if (number_parse(optarg, strlen(optarg), &run.pass_auc) !=
				NUMBER_OK ||
			    run.pass_auc < 0.0 || run.pass_auc > 1.0)
				return cli_usage_error("grade",
						       "--pass-auc takes a number from 0 to 1, not '%s'",
						       optarg);
			run.pass_auc_set = 1;
			break;
		case 'o':
			run.output = optarg;
			break;
		case 'f':
			f = cli_parse_format(optarg);
			if (f < 0)
				return cli_usage_error("grade",
						       "unknown format '%s' (json, text, github, junit or gradescope)",
						       optarg);
			run.format = (enum cli_format)f;
			break;
		case 'h':
			return cli_command_help("grade");
		case ':':
			return cli_usage_error("grade", "%s needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("grade", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("grade", "missing SUBMISSION");
	if (optind + 1 < argc)
		return cli_usage_error("grade", "one SUBMISSION at a time, not '%s'",
				       argv[optind + 1]);
	if (run.challenge_dir == NULL)
		return cli_usage_error("grade", "missing --challenge DIR");
	run.submission = argv[optind];
	return cli_run_submission(&run);
}
