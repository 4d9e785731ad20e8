/*
 * eventlog.c: one CSV row per simulated event, in the vocabulary of event
 * datasets (actor, target, CAMEO code, Goldstein weight), so that a run's
 * log can be read beside real data.
 */
#include "durand/date.h"
#include "durand/eventlog.h"

void dur_eventlog_begin(struct dur_eventlog *log)
{
	fprintf(log->fp,
		"run,date,actor,target,type,cameo,goldstein,region,crossing,"
		"count,pakistan_military,pakistan_police,pakistan_civilians,"
		"afghanistan_forces,afghanistan_civilians,militants\n");
}

void dur_eventlog_add(void *ctx, long run, const struct dur_event *ev)
{
	struct dur_eventlog *log = ctx;
	const struct dur_scenario *sc = log->sc;
	const struct dur_event_info *info = dur_event_info(ev->type);
	char date[11];

	fprintf(log->fp, "%ld,%s,%s,%s,%s,%s,%.1f,%s,%s,%d", run,
		dur_date_format(sc->start + ev->day, date),
		ev->actor >= 0 ? sc->actor[ev->actor].name : "",
		ev->target >= 0 ? sc->actor[ev->target].name : "", info->name,
		info->cameo, info->goldstein,
		ev->region >= 0 ? sc->model.region[ev->region].name : "",
		ev->crossing >= 0 ? sc->model.crossing[ev->crossing].name : "",
		ev->count);
	for (int i = 0; i < DUR_FAT_COUNT; i++)
		fprintf(log->fp, ",%d", ev->fat[i]);
	fputc('\n', log->fp);
	log->rows++;
}
