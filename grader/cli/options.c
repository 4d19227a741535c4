/*
 * options.c: the one option parser, as options.h describes.
 */
#include "options.h"

#include <assert.h>
#include <getopt.h>
#include <stddef.h>

#include "cli.h"

/* getopt_long's code for an option without a short name: past any char. */
#define LONG_ONLY 256

int
cli_options(const char *cmd, int argc, char **argv,
	    const struct cli_option *opts, int *first)
{
	struct option longopts[CLI_OPTIONS_MAX + 2];
	char shortopts[2 + 2 * CLI_OPTIONS_MAX + 2];
	size_t n = 0, s = 0;
	int ch;

	shortopts[s++] = ':';	/* a missing value is ':', not '?' */
	for (; opts[n].name != NULL; n++) {
		/* Precondition: the table fits, and each option either
		 * takes a value or is a flag. */
		assert(n < CLI_OPTIONS_MAX);
		assert((opts[n].value == NULL) != (opts[n].flag == NULL));
		longopts[n].name = opts[n].name;
		longopts[n].has_arg = opts[n].value ? required_argument :
						      no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = LONG_ONLY + (int)n;
		if (opts[n].short_name != 0) {
			shortopts[s++] = opts[n].short_name;
			if (opts[n].value != NULL)
				shortopts[s++] = ':';
		}
	}
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[s++] = 'h';
	shortopts[s] = '\0';

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	    -1) {
		size_t i = n;

		if (ch == 'h')
			return cli_command_help(cmd);
		if (ch == ':')
			return cli_usage_error(cmd, "%s needs a value",
					       argv[optind - 1]);
		if (ch >= LONG_ONLY)
			i = (size_t)(ch - LONG_ONLY);
		else if (ch != '?')
			for (i = 0; i < n && opts[i].short_name != ch; i++)
				continue;
		if (i >= n)
			return cli_usage_error(cmd, "unknown option '%s'",
					       argv[optind - 1]);
		if (opts[i].value != NULL)
			*opts[i].value = optarg;
		else
			*opts[i].flag = 1;
	}
	*first = optind;
	return -1;
}

int
cli_one_operand(const char *cmd, const char *what, int argc, char **argv,
		int first, const char **out)
{
	if (first >= argc)
		return cli_usage_error(cmd, "missing %s", what);
	if (first + 1 < argc)
		return cli_usage_error(cmd, "one %s at a time, not '%s'", what,
				       argv[first + 1]);
	*out = argv[first];
	return -1;
}
