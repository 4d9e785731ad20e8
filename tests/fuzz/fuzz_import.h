/*
 * fuzz_import.h: the body shared by fuzz_ucdp.c and fuzz_acled.c: import
 * the bytes as a CSV file into an in-memory event database, with and
 * without DUR_IMPORT_SKIP_BAD, and check the database is left as it was
 * when the import fails.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

#include "durand/import.h"
#include "../../src/data/store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long count_events(struct dur_store *st)
{
	sqlite3_stmt *q;
	long n = -1;

	if (sqlite3_prepare_v2(dur_store_db(st),
			       "SELECT (SELECT count(*) FROM events) + "
			       "(SELECT count(*) FROM imports)",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dur_store *st;
	struct dur_import_result res;
	struct dur_error err = { 0 };
	struct dur_diag skipped = { 0 };

	if (!st && dur_store_open(&st, ":memory:", DUR_STORE_CREATE, &err))
		abort();
	for (int flags = 0; flags <= DUR_IMPORT_SKIP_BAD; flags++) {
		long before = count_events(st);
		int rc = dur_import_buffer(st, FUZZ_FORMAT, (const char *)data,
					   size, "fuzz.csv", flags, NULL, &res,
					   &skipped, &err);

		if (rc) {
			assert(err.code == rc && err.msg[0]);
			assert(count_events(st) == before);
		} else {
			assert(res.already || res.imported + res.duplicates +
							 res.rejected ==
						 res.rows_read);
		}
		dur_diag_release(&skipped);
	}
	/* start the next input from an empty database */
	dur_store_exec(st, "DELETE FROM events; DELETE FROM imports", NULL);
	return 0;
}
