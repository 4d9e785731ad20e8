/*
 * cmd_show.c: `durand show NAME|FILE`, print a built-in scenario as YAML,
 * or a scenario file with its bases merged in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/scenario.h"

static const struct cli_command cmd = {
	"show", "<name|file>",
	"Print a built-in scenario (see 'durand scenarios') as YAML, to save, "
	"edit and pass to 'durand run FILE'; or a scenario file whole, with "
	"the base it names merged in."
};
static const struct cli_option opts[] = { CLI_OPT_END() };

int cmd_show(int argc, char **argv)
{
	struct dur_error err = { 0 };
	char *text;
	int rc;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc != 1)
		return cli_usage_error(&cmd, opts);
	text = dur_scenario_text(argv[0], &err);
	if (!text && err.code == DUR_ENOTFOUND && !err.line &&
	    !strcmp(err.file, argv[0]))
		return bad_usage("show",
				 "no built-in scenario '%s' (see 'durand "
				 "scenarios') and no such file",
				 argv[0]);
	if (!text)
		return report_error("show", &err);
	fputs(text, stdout);
	free(text);
	rc = fflush(stdout) ? 1 : 0;
	return rc;
}
