/*
 * provenance.c: --set PATH=VALUE on the commands that run a scenario, and
 * the provenance every JSON result carries: the scenario's name, file and
 * SHA-256, its bases' (a scenario that names a base:), the parameters
 * changed from it, durand's version.
 *
 * A process runs one command on one scenario, so what the scenario was and
 * what --set changed is kept here, once, as cli_open_scenario and
 * cli_apply_sets find it, and added to the JSON by cli_provenance_add.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "durand/paramedit.h"
#include "durand/scenario.h"
#include "durand/sha256.h"

static struct {
	int known;          /* a scenario was opened */
	char name[64];      /* its name */
	char file[4096];    /* the file, or "" for a built-in */
	char opened[4096];  /* the name or path it was opened by */
	char sha256[65];    /* of its text */
	int nbases;         /* its bases, nearest first */
	struct dur_scenario_part base[DUR_MAX_BASES];
	int nsets;
	struct {
		char path[96];
		double base, value;
	} set[CLI_MAX_SETS];
} prov;

void cli_provenance_scenario(const char *name_or_path,
			     const struct dur_scenario *sc)
{
	static struct dur_scenario_part part[DUR_MAX_BASES + 1];
	struct dur_error err = { 0 };
	int builtin = dur_scenario_builtin_text(name_or_path) != NULL;
	int n = 0;

	prov.known = 1;
	snprintf(prov.opened, sizeof(prov.opened), "%s", name_or_path);
	snprintf(prov.name, sizeof(prov.name), "%s", sc->name);
	snprintf(prov.file, sizeof(prov.file), "%s",
		 builtin ? "" : name_or_path);
	prov.sha256[0] = 0;
	prov.nbases = 0;
	/* the scenario was read a moment ago: this cannot fail but for a
	 * file changed since, which leaves the hash empty */
	if (dur_scenario_parts(name_or_path, part, &n, &err) || n < 1)
		return;
	memcpy(prov.sha256, part[0].sha256, sizeof(prov.sha256));
	prov.nbases = n - 1;
	memcpy(prov.base, part + 1, (size_t)(n - 1) * sizeof(part[0]));
}

/* Load the scenario again with the --set changes written into its text,
 * so that everything a scenario file is checked for (limits, a branching
 * ratio below 1) holds for the changed one too. */
static int reload(const char *cmd, struct dur_scenario *sc)
{
	struct dur_scenario *tmp = malloc(sizeof(*tmp));
	struct dur_error err = { 0 };
	char *text = NULL;
	int rc = 0;

	text = dur_scenario_text(prov.opened, &err);
	if (!tmp || !text) {
		rc = tmp ? report_error(cmd, &err) : 1;
		goto out;
	}
	rc = cli_sets_text(cmd, &text);
	if (rc)
		goto out;
	if (dur_scenario_parse(tmp, text, strlen(text), prov.opened, NULL,
			       &err)) {
		rc = bad_usage(cmd, "--set: the scenario with the changes "
				    "does not hold: %s",
			       err.msg);
		goto out;
	}
	*sc = *tmp;
out:
	free(text);
	free(tmp);
	return rc;
}

int cli_apply_sets(const char *cmd, struct dur_scenario *sc,
		   const struct cli_sets *s)
{
	for (int i = 0; i < s->n; i++) {
		const char *arg = s->arg[i], *eq = strchr(arg, '=');
		char path[96], near[256], *end;
		double v, lo, hi;
		size_t off;

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(path))
			return bad_usage(cmd, "--set '%s': expected PATH=VALUE",
					 arg);
		memcpy(path, arg, (size_t)(eq - arg));
		path[eq - arg] = 0;
		off = dur_scenario_param_find(sc, path);
		if (off == (size_t)-1) {
			dur_scenario_param_suggest(sc, path, near,
						   sizeof(near));
			return bad_usage(cmd, "--set '%s': no parameter '%s' "
					      "in scenario '%s'%s%s",
					 arg, path, sc->name,
					 near[0] ? "; did you mean " : "",
					 near);
		}
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || *end || !isfinite(v))
			return bad_usage(cmd, "--set '%s': expected a number "
					      "after '=', not '%s'",
					 arg, eq + 1);
		dur_scenario_param_limits(sc, off, &lo, &hi);
		if (v < lo || v > hi)
			return bad_usage(cmd, "--set '%s': %s must be in "
					      "[%g, %g]",
					 arg, path, lo, hi);
		if (prov.nsets == CLI_MAX_SETS)
			return bad_usage(cmd, "--set: more than %d", CLI_MAX_SETS);
		snprintf(prov.set[prov.nsets].path, sizeof(prov.set[0].path),
			 "%s", path);
		prov.set[prov.nsets].base = *dur_model_at(&sc->model, off);
		prov.set[prov.nsets].value = v;
		prov.nsets++;
	}
	int rc;

	if (!s->n)
		return 0;
	rc = reload(cmd, sc);
	if (rc)
		return rc;
	/* a value set holds in every run: out of the ensemble */
	for (int i = 0; i < prov.nsets; i++)
		if (dur_param_ensemble_drop(
			    sc, dur_scenario_param_find(sc, prov.set[i].path)))
			fprintf(stderr,
				"durand %s: --set %s: every run takes %g; it is "
				"no longer drawn from the scenario's parameter "
				"ensemble\n",
				cmd, prov.set[i].path, prov.set[i].value);
	return 0;
}

int cli_sets_text(const char *cmd, char **text)
{
	struct dur_paramedit e[CLI_MAX_SETS];
	struct dur_error err = { 0 };
	char *out = NULL;

	if (!prov.nsets)
		return 0;
	for (int i = 0; i < prov.nsets; i++) {
		e[i].path = prov.set[i].path;
		e[i].value = prov.set[i].value;
	}
	if (dur_paramedit_apply(*text, strlen(*text), prov.file, e,
				(size_t)prov.nsets, "--set on the command line",
				&out, &err))
		return report_error(cmd, &err);
	free(*text);
	*text = out;
	return 0;
}

/* The provenance of a merged result: its parts' (NULL: none). */
static json_t *taken;

void cli_provenance_use(const char *text)
{
	json_decref(taken);
	taken = text && *text ? json_loads(text, 0, NULL) : NULL;
}

static json_t *provenance(void)
{
	json_t *o, *a, *b;

	if (taken)
		return json_deep_copy(taken);
	if (!prov.known)
		return NULL;
	o = json_object();
	a = json_array();
	json_object_set_new(o, "scenario", json_string(prov.name));
	json_object_set_new(o, "file", prov.file[0] ? json_string(prov.file)
						    : json_null());
	json_object_set_new(o, "built_in", json_boolean(!prov.file[0]));
	json_object_set_new(o, "sha256", json_string(prov.sha256));
	b = json_array();
	for (int i = 0; i < prov.nbases; i++) {
		const struct dur_scenario_part *p = &prov.base[i];
		json_t *e = json_object();

		json_object_set_new(e, "file", p->file[0] ? json_string(p->file)
							  : json_null());
		json_object_set_new(e, "built_in",
				    p->builtin[0] ? json_string(p->builtin)
						  : json_null());
		json_object_set_new(e, "sha256", json_string(p->sha256));
		json_array_append_new(b, e);
	}
	json_object_set_new(o, "bases", b);
	for (int i = 0; i < prov.nsets; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "path", json_string(prov.set[i].path));
		json_object_set_new(e, "base", json_real(prov.set[i].base));
		json_object_set_new(e, "value", json_real(prov.set[i].value));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "changed", a);
	json_object_set_new(o, "durand", json_string(DURAND_VERSION));
	return o;
}

void cli_provenance_add(json_t *j)
{
	json_t *o;

	if (!json_is_object(j))
		return;
	cli_data_add(j);
	o = provenance();
	if (o)
		json_object_set_new(j, "provenance", o);
}

char *cli_provenance_text(void)
{
	json_t *o = provenance();
	char *t = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	json_decref(o);
	return t;
}
