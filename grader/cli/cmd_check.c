/*
 * cmd_check.c: grader check SUBMISSION [--challenge DIR] [--format F]
 */
#include <getopt.h>

#include "cli.h"

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "challenge", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_run run = { .cmd = "check", .format = FORMAT_TEXT };
	int ch, f;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":c:f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			run.challenge_dir = optarg;
			break;
		case 'f':
			f = cli_parse_format(optarg);
			if (f < 0 || f == FORMAT_GRADESCOPE)
				return cli_usage_error("check",
						       "unknown format '%s' (text, json, github or junit)",
						       optarg);
			run.format = (enum cli_format)f;
			break;
		case 'h':
			return cli_command_help("check");
		case ':':
			return cli_usage_error("check", "%s needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("check", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("check", "missing SUBMISSION");
	if (optind + 1 < argc)
		return cli_usage_error("check", "one SUBMISSION at a time, not '%s'",
				       argv[optind + 1]);
	run.submission = argv[optind];
	return cli_run_submission(&run);
}
