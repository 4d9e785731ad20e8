/* cmd_scenarios.c: `durand scenarios`, list the built-in scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/date.h"
#include "durand/scenario.h"

static const char scenarios_usage[] = "usage: durand scenarios";

int cmd_scenarios(int argc, char **argv)
{
	const char *const *names = dur_scenario_builtin_names();

	if (wants_help(argc, argv, scenarios_usage))
		return 0;
	if (argc > 1)
		return usage_error(scenarios_usage);
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
