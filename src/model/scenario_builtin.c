/*
 * scenario_builtin.c: the scenarios shipped inside the library, so that
 * `durand run` works with no file at hand. The texts are the files under
 * scenarios/ listed in builtin.def, embedded at build time by
 * builtin_data.S.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/scenario.h"

#define BUILTIN(sym, name, file) extern const char dur_builtin_##sym[];
#include "builtin.def"
#undef BUILTIN

static const char *const names[] = {
#define BUILTIN(sym, name, file) name,
#include "builtin.def"
#undef BUILTIN
	NULL
};

const char *const *dur_scenario_builtin_names(void)
{
	return names;
}

const char *dur_scenario_builtin_text(const char *name)
{
	static const char *const texts[] = {
#define BUILTIN(sym, name, file) dur_builtin_##sym,
#include "builtin.def"
#undef BUILTIN
	};

	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return texts[i];
	return NULL;
}

int dur_scenario_open(struct dur_scenario *sc, const char *name_or_path,
		      struct dur_diag *diag, struct dur_error *err)
{
	const char *text = dur_scenario_builtin_text(name_or_path);
	char label[64];

	if (!text)
		return dur_scenario_load(sc, name_or_path, diag, err);
	snprintf(label, sizeof(label), "<builtin %s>", name_or_path);
	return dur_scenario_parse(sc, text, strlen(text), label, diag, err);
}

int dur_scenario_create(const char *name_or_path, struct dur_diag *diag,
			struct dur_scenario **out, struct dur_error *err)
{
	struct dur_scenario *sc = malloc(sizeof(*sc));
	int rc;

	*out = NULL;
	if (!sc)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory for scenario '%s'",
				     name_or_path);
	rc = dur_scenario_open(sc, name_or_path, diag, err);
	if (rc) {
		free(sc);
		return rc;
	}
	*out = sc;
	return 0;
}

struct dur_scenario *dur_scenario_dup(const struct dur_scenario *sc)
{
	struct dur_scenario *c = malloc(sizeof(*c));

	if (c)
		memcpy(c, sc, sizeof(*c));
	return c;
}

void dur_scenario_free(struct dur_scenario *sc)
{
	free(sc);
}
