/*
 * output.c: how the commands that run ensembles hand over their result:
 * the HTML report if asked, then the result in its format to a file or
 * standard output, whole or not at all.
 */
#include <string.h>

#include "cli.h"
#include "durand/chart.h"
#include "durand/json.h"
#include "durand/output.h"
#include "durand/report.h"

int cli_write_result(const struct cli_result *r, int format,
		     const char *out_path, const char *report_path)
{
	struct dur_output out = { 0 };
	struct dur_error err = { 0 };
	json_t *j = r->json(r->res);
	int rc = 0;

	cli_provenance_add(j);
	if (!j)
		rc = dur_error_set(&err, DUR_ENOMEM, "", 0, 0, "out of memory");
	if (!rc)
		rc = dur_output_open(&out, out_path, &err);
	if (!rc && report_path)
		rc = dur_report_write(j, report_path, &err);
	if (!rc)
		rc = format == CLI_JSON ?
			     dur_json_write(j, out.fp, &err) :
			     r->write(r->res, j, format, out.fp, &err);
	/* a text or CSV writer that met a stream error (a full disk)
	 * mid-way: the output's own flush says why, as when the error comes
	 * at the end (the JSON writer names the reason itself) */
	if (rc == DUR_EIO && format != CLI_JSON && out.fp && ferror(out.fp)) {
		struct dur_error why = { 0 };

		if (dur_output_commit(&out, &why))
			err = why;
	}
	if (!rc && cli_stop)
		rc = dur_error_set(&err, DUR_ECANCEL, "", 0, 0,
				   "interrupted; no output written");
	for (int i = 0; i < 2; i++)
		if (!rc && r->first[i])
			rc = dur_output_commit(r->first[i], &err);
	if (!rc)
		rc = dur_output_commit(&out, &err);
	json_decref(j);
	if (report_path)
		dur_chart_cleanup();
	if (!rc)
		return 0;
	dur_output_abort(&out);
	for (int i = 0; i < 2; i++)
		if (r->first[i])
			dur_output_abort(r->first[i]);
	/* a write that failed names the output and the reason, not nothing */
	if (rc == DUR_EIO)
		return report_error_in(r->cmd, &err,
				       out_path && strcmp(out_path, "-") ?
					       out_path :
					       "standard output");
	return report_error(r->cmd, &err);
}
