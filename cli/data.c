/*
 * data.c: what the command read, the "data" member of its JSON result
 * (docs/output.md, dataset.h): the record it opened, the event database
 * and the files imported into it, or the scenario's targets. Kept here
 * once, as the command opens them, and added to the JSON beside the
 * provenance.
 */
#include <stdlib.h>

#include "cli.h"
#include "durand/dataset.h"
#include "durand/record.h"
#include "durand/store.h"

static json_t *data;

void cli_data_set(json_t *o)
{
	json_decref(data);
	data = o;
}

void cli_data_record(const struct dur_record *rec)
{
	cli_data_set(dur_data_record(rec->name, rec->digest, rec->nfacts, -1));
}

int cli_data_store(const char *cmd, struct dur_store *st)
{
	struct dur_store_import *v;
	struct dur_error err = { 0 };
	size_t n;
	json_t *o;

	if (dur_store_imports(st, &v, &n, &err))
		return report_error(cmd, &err);
	o = dur_data_events(dur_store_path(st));
	for (size_t i = 0; i < n; i++)
		dur_data_events_add(o, v[i].source, v[i].file, v[i].sha256,
				    v[i].imported, v[i].time);
	free(v);
	cli_data_set(o);
	return 0;
}

void cli_data_add(json_t *j)
{
	if (data && json_is_object(j) && !json_object_get(j, "data"))
		json_object_set_new(j, "data", json_deep_copy(data));
}

const json_t *cli_data(void)
{
	return data;
}

char *cli_data_line(const json_t *j, char *buf, size_t len)
{
	const json_t *d = j ? json_object_get(j, "data") : NULL;

	return dur_data_text(d ? d : data, buf, len);
}
