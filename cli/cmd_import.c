/* cmd_import.c: `durand import`, event files (UCDP GED, ACLED) into the
 * event database. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "durand/import.h"
#include "durand/store.h"

static const char import_usage[] =
	"usage: durand import ucdp|acled FILE.csv [--db FILE] [--skip-bad]\n"
	"       durand import --restream [--db FILE]\n"
	"\n"
	"    --db FILE     event database (default durand.db)\n"
	"    --skip-bad    import the good rows, list each malformed one\n"
	"    --restream    re-derive model actors and streams after editing\n"
	"                  the actor_map or stream_rule tables";

int cmd_import(int argc, char **argv)
{
	const char *db = DUR_STORE_DEFAULT, *pos[2] = { NULL, NULL };
	int flags = 0, npos = 0, restream = 0, format, rc;
	struct dur_store *st;
	struct dur_import_result res;
	struct dur_diag skipped = { 0 };
	struct dur_error err = { 0 };

	if (wants_help(argc, argv, import_usage))
		return 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else if (!strncmp(argv[i], "--db=", 5))
			db = argv[i] + 5;
		else if (!strcmp(argv[i], "--skip-bad"))
			flags |= DUR_IMPORT_SKIP_BAD;
		else if (!strcmp(argv[i], "--restream"))
			restream = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return bad_usage("import", "unknown option '%s'",
					 argv[i]);
		else if (npos < 2)
			pos[npos++] = argv[i];
		else
			return usage_error(import_usage);
	}
	if (restream) {
		long changed = 0;

		if (npos)
			return usage_error(import_usage);
		if (dur_store_open(&st, db, 0, &err))
			return report_error("import", &err);
		rc = dur_store_restream(st, &changed, &err);
		dur_store_free(st);
		if (rc)
			return report_error("import", &err);
		printf("%s: %ld events changed stream\n", db, changed);
		return 0;
	}
	if (npos != 2)
		return usage_error(import_usage);
	format = dur_import_format_find(pos[0]);
	if (format < 0)
		return bad_usage("import", "unknown format '%s' (ucdp, acled)",
				 pos[0]);
	if (dur_store_open(&st, db, DUR_STORE_CREATE, &err))
		return report_error("import", &err);
	cli_catch_signals();
	rc = dur_import_file(st, format, pos[1], flags, &cli_stop, &res,
			     &skipped, &err);
	dur_store_free(st);
	for (size_t i = 0; i < skipped.n; i++) {
		char buf[1024];

		fprintf(stderr, "durand import: skipped %s\n",
			dur_error_format(&skipped.v[i], buf, sizeof(buf)));
	}
	dur_diag_release(&skipped);
	if (rc)
		return report_error("import", &err);
	if (res.already) {
		printf("%s: already imported (sha256 %s), nothing added\n",
		       pos[1], res.sha256);
		return 0;
	}
	printf("%s: %ld rows read, %ld imported, %ld duplicates, "
	       "%ld rejected\n",
	       pos[1], res.rows_read, res.imported, res.duplicates,
	       res.rejected);
	return 0;
}
