/* cmd_import.c: `durand import`, event files (UCDP GED, ACLED) into the
 * event database. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "durand/import.h"
#include "durand/store.h"

static const struct cli_command cmd = {
	"import", "ucdp|acled FILE.csv",
	"Import an event file (UCDP GED or ACLED) into the event database "
	"(docs/import.md). With --restream, take no file and re-derive the "
	"model actors and streams of the events already imported."
};

int cmd_import(int argc, char **argv)
{
	const char *db = DUR_STORE_DEFAULT;
	int skip_bad = 0, restream = 0, format, rc;
	const struct cli_option opts[] = {
		CLI_OPT_STRING("db", &db, "FILE", "event database"),
		CLI_OPT_FLAG("skip-bad", &skip_bad,
			     "import the good rows, list each malformed one"),
		CLI_OPT_FLAG("restream", &restream,
			     "re-derive model actors and streams after "
			     "editing the actor_map or stream_rule tables"),
		CLI_OPT_END(),
	};
	struct dur_store *st;
	struct dur_import_result res;
	struct dur_diag skipped = { 0 };
	struct dur_error err = { 0 };

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (restream) {
		long changed = 0;

		if (argc)
			return cli_usage_error(&cmd, opts);
		if (dur_store_open(&st, db, 0, &err))
			return report_error("import", &err);
		rc = dur_store_restream(st, &changed, &err);
		dur_store_free(st);
		if (rc)
			return report_error("import", &err);
		printf("%s: %ld events changed stream\n", db, changed);
		return 0;
	}
	if (argc != 2)
		return cli_usage_error(&cmd, opts);
	format = dur_import_format_find(argv[0]);
	if (format < 0)
		return bad_usage("import", "unknown format '%s' (ucdp, acled)",
				 argv[0]);
	if (dur_store_open(&st, db, DUR_STORE_CREATE, &err))
		return report_error("import", &err);
	cli_catch_signals();
	rc = dur_import_file(st, format, argv[1],
			     skip_bad ? DUR_IMPORT_SKIP_BAD : 0, &cli_stop, &res,
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
		       argv[1], res.sha256);
		return 0;
	}
	printf("%s: %ld rows read, %ld imported, %ld duplicates, "
	       "%ld rejected\n",
	       argv[1], res.rows_read, res.imported, res.duplicates,
	       res.rejected);
	return 0;
}
