/* cmd_show.c: `durand show NAME`, print a built-in scenario as YAML. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "durand/scenario.h"

static const char show_usage[] =
	"usage: durand show <name>\n"
	"\n"
	"Print a built-in scenario (see 'durand scenarios') as YAML, to save,\n"
	"edit and pass to 'durand run FILE'.";

int cmd_show(int argc, char **argv)
{
	const char *text;

	if (wants_help(argc, argv, show_usage))
		return 0;
	if (argc != 2)
		return usage_error(show_usage);
	text = dur_scenario_builtin_text(argv[1]);
	if (!text)
		return bad_usage("show",
				 "no built-in scenario '%s' (see 'durand "
				 "scenarios')",
				 argv[1]);
	fputs(text, stdout);
	return fflush(stdout) ? 1 : 0;
}
