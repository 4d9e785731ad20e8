/* cmd_show.c: `durand show NAME`, print a built-in scenario as YAML. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "durand/scenario.h"

static const struct cli_command cmd = {
	"show", "<name>",
	"Print a built-in scenario (see 'durand scenarios') as YAML, to save, "
	"edit and pass to 'durand run FILE'."
};
static const struct cli_option opts[] = { CLI_OPT_END() };

int cmd_show(int argc, char **argv)
{
	const char *text;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc != 1)
		return cli_usage_error(&cmd, opts);
	text = dur_scenario_builtin_text(argv[0]);
	if (!text)
		return bad_usage("show",
				 "no built-in scenario '%s' (see 'durand "
				 "scenarios')",
				 argv[0]);
	fputs(text, stdout);
	return fflush(stdout) ? 1 : 0;
}
