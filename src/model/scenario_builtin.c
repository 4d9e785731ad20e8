/*
 * scenario_builtin.c: the scenarios shipped inside the library, so that
 * `durand run` works with no file at hand. The texts are the files under
 * scenarios/, embedded at build time by src/builtin_data.S.
 */
#include <stdio.h>
#include <string.h>

#include "durand/scenario.h"

extern const char dur_builtin_afpak[];
extern const char dur_builtin_afpak_2021[];
extern const char dur_builtin_afpak_kabul[];

static const char *const names[] = { "afpak", "afpak-2021", "afpak-kabul",
				     NULL };

const char *const *dur_scenario_builtin_names(void)
{
	return names;
}

const char *dur_scenario_builtin_text(const char *name)
{
	const char *texts[] = { dur_builtin_afpak, dur_builtin_afpak_2021,
				dur_builtin_afpak_kabul };

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
