/* cmd_scenarios.c: `durand scenarios`, list the built-in scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/date.h"
#include "durand/scenario.h"

static const struct cli_command cmd = {
	"scenarios", NULL, "List the built-in scenarios: name, start, description."
};
static const struct cli_option opts[] = { CLI_OPT_END() };

int cmd_scenarios(int argc, char **argv)
{
	const char *const *names = dur_scenario_builtin_names();

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc > 0)
		return cli_usage_error(&cmd, opts);
	for (int i = 0; names[i]; i++) {
		struct dur_scenario *sc;
		struct dur_error err = { 0 };
		char date[11];

		if (dur_scenario_create(names[i], NULL, &sc, &err))
			return report_error("scenarios", &err);
		printf("%-14s %s  %s\n", names[i],
		       dur_date_format(sc->start, date), sc->description);
		dur_scenario_free(sc);
	}
	return 0;
}
