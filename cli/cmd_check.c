/* cmd_check.c: `durand check FILE...`, validate scenario files. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "durand/scenario.h"

static const char check_usage[] =
	"usage: durand check <file|name>...\n"
	"\n"
	"Validate scenarios; print every problem as FILE:LINE:COL: message.";

int cmd_check(int argc, char **argv)
{
	struct dur_scenario *sc;
	int status = 0;

	if (wants_help(argc, argv, check_usage))
		return 0;
	if (argc < 2)
		return usage_error(check_usage);
	for (int i = 1; i < argc; i++) {
		struct dur_diag diag = { 0 };
		struct dur_error err = { 0 };

		if (dur_scenario_create(argv[i], &diag, &sc, &err)) {
			int rc = diag.n ? report_diag("check", &diag)
					: report_error("check", &err);

			if (rc > status)
				status = rc;
		} else {
			printf("%s: ok\n", argv[i]);
		}
		dur_diag_release(&diag);
		dur_scenario_free(sc);
	}
	return status;
}
