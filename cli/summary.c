/*
 * summary.c: an ensemble's result written as `durand run` writes it (text,
 * JSON or CSV, and the HTML report if asked), shared by run and merge so
 * that a merged ensemble prints the same bytes as one run.
 */
#include <string.h>

#include "cli.h"
#include "durand/report.h"
#include "durand/result.h"

int cli_summary_write(const struct dur_result *res, const char *format,
		      const char *report_path, FILE *fp, struct dur_error *err)
{
	int rc = 0;

	if (!strcmp(format, "json") || report_path) {
		json_t *j = dur_result_json(res);

		if (!j)
			rc = dur_error_set(err, DUR_ENOMEM, "", 0, 0,
					   "out of memory");
		else if (report_path)
			rc = dur_report_write(j, report_path, err);
		if (!rc && !strcmp(format, "json"))
			rc = dur_json_write(j, fp, err);
		json_decref(j);
	}
	if (rc || !strcmp(format, "json"))
		return rc; /* written, or failed */
	if (!strcmp(format, "csv"))
		return dur_result_write_csv(res, fp, err);
	return dur_result_write_text(res, fp, err);
}
