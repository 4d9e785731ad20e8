/* cmd_check.c: `durand check FILE...`, validate scenario files. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "durand/scenario.h"

static const struct cli_command cmd = {
	"check", "<file|name>...",
	"Validate scenarios; print every problem as FILE:LINE:COL: message."
};
static const struct cli_option opts[] = { CLI_OPT_END() };

int cmd_check(int argc, char **argv)
{
	struct dur_scenario *sc;
	int status = 0;

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc < 1)
		return cli_usage_error(&cmd, opts);
	for (int i = 0; i < argc; i++) {
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
