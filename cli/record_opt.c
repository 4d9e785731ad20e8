/*
 * record_opt.c: the record a command uses (`--record FILE`, else the
 * built-in one), loaded and reported the same way by every command.
 */
#include <stdio.h>

#include "cli.h"
#include "durand/record.h"

struct dur_record *cli_open_record(const char *cmd, const char *name,
				   int *rc)
{
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	struct dur_record *r;

	if (!name)
		name = CLI_RECORD_DEFAULT;
	if (dur_record_open(name, &r, &diag, &err)) {
		*rc = diag.n ? report_diag(cmd, &diag) : report_error(cmd, &err);
		dur_diag_release(&diag);
		return NULL;
	}
	*rc = 0;
	cli_data_record(r);
	return r;
}
