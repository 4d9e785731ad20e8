/*
 * dataset.c: the "data" member of a result (dataset.h, docs/output.md) and
 * the sentence that names it in text and reports.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "durand/dataset.h"

json_t *dur_data_record(const char *name, const char *sha256, int facts,
			int facts_used)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string("record"));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "sha256", json_string(sha256));
	if (facts >= 0)
		json_object_set_new(o, "facts", json_integer(facts));
	if (facts_used >= 0)
		json_object_set_new(o, "facts_used", json_integer(facts_used));
	return o;
}

json_t *dur_data_events(const char *db)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string("events"));
	json_object_set_new(o, "db", json_string(db));
	json_object_set_new(o, "imports", json_array());
	return o;
}

void dur_data_events_add(json_t *data, const char *source, const char *file,
			 const char *sha256, long events, const char *time)
{
	json_t *e = json_object();

	json_object_set_new(e, "source", json_string(source));
	json_object_set_new(e, "file", json_string(file));
	json_object_set_new(e, "sha256", json_string(sha256));
	json_object_set_new(e, "events", json_integer(events));
	json_object_set_new(e, "time", json_string(time));
	json_array_append_new(json_object_get(data, "imports"), e);
}

json_t *dur_data_targets(const struct dur_scenario *sc)
{
	json_t *o = json_object();
	char note[200];
	int nsrc = 0;

	for (int i = 0; i < sc->ntargets; i++) {
		int seen = 0;

		for (int j = 0; j < i && !seen; j++)
			seen = !strcmp(sc->target[i].source,
				       sc->target[j].source);
		nsrc += !seen && sc->target[i].source[0];
	}
	snprintf(note, sizeof(note),
		 "the scenario's targets: %d stated figure%s from the source "
		 "articles (%d source%s cited)",
		 sc->ntargets, sc->ntargets == 1 ? "" : "s", nsrc,
		 nsrc == 1 ? "" : "s");
	json_object_set_new(o, "kind", json_string("targets"));
	json_object_set_new(o, "scenario", json_string(sc->name));
	json_object_set_new(o, "targets", json_integer(sc->ntargets));
	json_object_set_new(o, "sources", json_integer(nsrc));
	json_object_set_new(o, "note", json_string(note));
	return o;
}

json_t *dur_data_none(const char *note)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string("none"));
	json_object_set_new(o, "note", json_string(note));
	return o;
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "?";
}

/* Append printf-style text to buf (len bytes, *at used), truncating. */
static void add(char *buf, size_t len, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at = *at + (size_t)n < len ? *at + (size_t)n : len - 1;
}

char *dur_data_text(const json_t *data, char *buf, size_t len)
{
	const char *kind = json_string_value(json_object_get(data, "kind"));
	size_t at = 0;

	if (!len)
		return buf;
	buf[0] = 0;
	if (!kind)
		return buf;
	if (!strcmp(kind, "record")) {
		const json_t *f = json_object_get(data, "facts");
		const json_t *u = json_object_get(data, "facts_used");

		add(buf, len, &at, "the record '%s' (sha256 %.12s",
		    str(data, "name"), str(data, "sha256"));
		if (json_is_integer(f))
			add(buf, len, &at, ", %lld facts",
			    (long long)json_integer_value(f));
		if (json_is_integer(u))
			add(buf, len, &at, ", %lld %s",
			    (long long)json_integer_value(u),
			    json_is_integer(f) ? "used" : "facts used");
		add(buf, len, &at, ")");
	} else if (!strcmp(kind, "events")) {
		const json_t *im = json_object_get(data, "imports");

		add(buf, len, &at, "the event database '%s'",
		    str(data, "db"));
		if (!json_array_size(im))
			add(buf, len, &at, ", nothing imported into it");
		for (size_t i = 0; i < json_array_size(im); i++) {
			const json_t *e = json_array_get(im, i);

			add(buf, len, &at, "%s %s '%s' (sha256 %.12s, %lld events)",
			    i ? ";" : ":", str(e, "source"), str(e, "file"),
			    str(e, "sha256"),
			    (long long)json_integer_value(
				    json_object_get(e, "events")));
		}
	} else if (!strcmp(kind, "targets")) {
		add(buf, len, &at, "%s", str(data, "note"));
	} else if (!strcmp(kind, "none")) {
		add(buf, len, &at, "none read: %s", str(data, "note"));
	}
	return buf;
}
