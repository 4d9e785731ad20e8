/*
 * scenario_base.c: a scenario that names a `base:` holds only what differs
 * from it. The bases are loaded (a built-in by name, a file by a path
 * relative to the file that names it, to any depth up to DUR_MAX_BASES, a
 * cycle refused) and their YAML trees merged, the root-most base first:
 *
 *   - a mapping over a mapping is merged key by key;
 *   - a key whose value is null removes that key;
 *   - anything else (a scalar, a sequence, a mapping over a non-mapping)
 *     replaces what the base had;
 *   - except the top-level `interventions` and `targets`, lists of named
 *     records: an item replaces the base's item of the same name, in its
 *     place, and an item with a new name is added at the end.
 *
 * The merged tree is then parsed as one scenario by scenario.c. Every node
 * copied into it is recorded with the file it came from, so that a problem
 * is reported at its own file and line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "durand/readfile.h"
#include "durand/sha256.h"
#include "scenario_int.h"

#define BUILTIN_PREFIX "<builtin "

const char *scen_origin_file(const struct ctx *c, struct fy_node *n)
{
	struct fy_document *d = n ? fy_node_document(n) : NULL;

	if (c->nparts < 1)
		return c->file;
	/* before the merge, a node is in its own part's document */
	for (int i = 0; d && i < c->nparts - 1; i++)
		if (c->part[i].doc == d)
			return c->part[i].label;
	for (int depth = 0; n && depth < 256; depth++) {
		for (size_t i = c->norig; i-- > 0;)
			if (c->orig[i].node == n)
				return c->part[c->orig[i].part].label;
		n = fy_node_get_parent(n);
	}
	return c->part[c->nparts - 1].label;
}

static int record(struct ctx *c, struct fy_node *n, int part)
{
	if (c->norig == c->aorig) {
		size_t a = c->aorig ? 2 * c->aorig : 64;
		struct scen_origin *v = realloc(c->orig, a * sizeof(*v));

		if (!v)
			return -1;
		c->orig = v;
		c->aorig = a;
	}
	c->orig[c->norig].node = n;
	c->orig[c->norig].part = part;
	c->norig++;
	return 0;
}

/* Forget the origins of n and everything below it (it is to be freed). */
static void purge(struct ctx *c, struct fy_node *n, int depth)
{
	void *it = NULL;

	if (!n || depth > 128)
		return;
	for (size_t i = 0; i < c->norig;)
		if (c->orig[i].node == n)
			c->orig[i] = c->orig[--c->norig];
		else
			i++;
	if (fy_node_is_alias(n))
		return;
	if (fy_node_get_type(n) == FYNT_MAPPING) {
		struct fy_node_pair *p;

		while ((p = fy_node_mapping_iterate(n, &it))) {
			purge(c, fy_node_pair_key(p), depth + 1);
			purge(c, fy_node_pair_value(p), depth + 1);
		}
	} else if (fy_node_get_type(n) == FYNT_SEQUENCE) {
		struct fy_node *item;

		while ((item = fy_node_sequence_iterate(n, &it)))
			purge(c, item, depth + 1);
	}
}


static int is_map(struct fy_node *n)
{
	return n && !fy_node_is_alias(n) &&
	       fy_node_get_type(n) == FYNT_MAPPING;
}

static int is_seq(struct fy_node *n)
{
	return n && !fy_node_is_alias(n) &&
	       fy_node_get_type(n) == FYNT_SEQUENCE;
}

/* The `name` of a list item, or NULL (length in *len). */
static const char *item_name(struct fy_node *item, size_t *len)
{
	struct fy_node *n;

	if (!is_map(item))
		return NULL;
	n = fy_node_mapping_lookup_by_string(item, "name", -1);
	if (!n || fy_node_get_type(n) != FYNT_SCALAR)
		return NULL;
	return fy_node_get_scalar(n, len);
}

static int oom(struct ctx *c)
{
	scen_fail_at(c, DUR_ENOMEM, c->file, 0, 0,
		     "out of memory merging the scenario's bases");
	return -1;
}

/* A copy of n (from part `part`) in doc, its origin recorded. */
static struct fy_node *copy(struct ctx *c, struct fy_document *doc,
			    struct fy_node *n, int part)
{
	struct fy_node *k = fy_node_copy(doc, n);

	if (!k || record(c, k, part)) {
		fy_node_free(k);
		return NULL;
	}
	return k;
}

/* Items of `from` over the list `to`, by name. */
static int merge_named(struct ctx *c, struct fy_document *doc,
		       struct fy_node *to, struct fy_node *from, int part)
{
	struct fy_node *item;
	void *it = NULL;

	while ((item = fy_node_sequence_iterate(from, &it))) {
		struct fy_node *old = NULL, *k;
		size_t len = 0, olen;
		const char *name = item_name(item, &len);

		if (name) {
			void *jt = NULL;
			struct fy_node *o;

			while (!old && (o = fy_node_sequence_iterate(to, &jt))) {
				const char *on = item_name(o, &olen);

				if (on && olen == len && !memcmp(on, name, len))
					old = o;
			}
		}
		k = copy(c, doc, item, part);
		if (!k)
			return oom(c);
		if (old) {
			if (fy_node_sequence_insert_after(to, old, k))
				return oom(c);
			purge(c, old, 0);
			fy_node_free(fy_node_sequence_remove(to, old));
		} else if (fy_node_sequence_append(to, k)) {
			return oom(c);
		}
	}
	return 0;
}

/* The mapping `from` (of part `part`) over the mapping `to` in doc. */
static int merge_map(struct ctx *c, struct fy_document *doc,
		     struct fy_node *to, struct fy_node *from, int part,
		     int top)
{
	struct fy_node_pair *p;
	void *it = NULL;

	while ((p = fy_node_mapping_iterate(from, &it))) {
		struct fy_node *k = fy_node_pair_key(p);
		struct fy_node *v = fy_node_pair_value(p);
		struct fy_node_pair *tp;
		struct fy_node *tv, *nk, *nv;
		const char *key;
		size_t len;

		if (!k || fy_node_get_type(k) != FYNT_SCALAR) {
			scen_fail(c, DUR_EPARSE, k ? k : from,
				  "a key must be a plain name");
			return -1;
		}
		key = fy_node_get_scalar(k, &len);
		if (top && len == 4 && !memcmp(key, "base", 4))
			continue;
		tp = fy_node_mapping_lookup_pair_by_string(to, key, len);
		tv = tp ? fy_node_pair_value(tp) : NULL;
		if (scen_is_null(v, 1)) {
			if (tp) {
				purge(c, fy_node_pair_key(tp), 0);
				purge(c, tv, 0);
				fy_node_mapping_remove(to, tp);
			}
			continue;
		}
		if (tp && is_map(tv) && is_map(v)) {
			if (merge_map(c, doc, tv, v, part, 0))
				return -1;
			continue;
		}
		if (tp && top && is_seq(tv) && is_seq(v) &&
		    ((len == 13 && !memcmp(key, "interventions", 13)) ||
		     (len == 7 && !memcmp(key, "targets", 7)))) {
			if (merge_named(c, doc, tv, v, part))
				return -1;
			continue;
		}
		nv = copy(c, doc, v, part);
		if (!nv)
			return oom(c);
		if (tp) {
			purge(c, tv, 0);
			if (fy_node_pair_set_value(tp, nv))
				return oom(c);
			continue;
		}
		nk = copy(c, doc, k, part);
		if (!nk || fy_node_mapping_append(to, nk, nv)) {
			fy_node_free(nk);
			return oom(c);
		}
	}
	return 0;
}

/* Where the file `base`, named in the file `from`, is; -1 when the path
 * is too long. */
static int resolve(const char *from, const char *base, char *out, size_t len)
{
	const char *slash = strrchr(from, '/');
	size_t dir = base[0] == '/' || !slash ? 0 : (size_t)(slash - from) + 1;

	if (dir + strlen(base) >= len)
		return -1;
	memcpy(out, from, dir);
	strcpy(out + dir, base);
	return 0;
}

/* The chain of parts so far, for a message: "a.yaml, b.yaml". */
static void chain(const struct ctx *c, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	for (int i = 0; i < c->nparts && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " -> " : "", c->part[i].label);
}

/* Load the base named by node `bn` of part i as part i + 1. */
static int load_base(struct ctx *c, int i, struct fy_node *bn)
{
	struct scen_part *from = &c->part[i], *to;
	char name[DUR_SCENARIO_PATH_MAX], trail[1024];
	const char *btext;
	struct stat st;
	size_t len;

	if (!bn || fy_node_get_type(bn) != FYNT_SCALAR ||
	    fy_node_is_alias(bn) || scen_is_null(bn, 1)) {
		scen_fail(c, DUR_EPARSE, bn ? bn : fy_document_root(from->doc),
			  "base: expected the name of a built-in scenario or "
			  "a file path");
		return -1;
	}
	btext = fy_node_get_scalar(bn, &len);
	if (len >= sizeof(name)) {
		scen_fail(c, DUR_ELIMIT, bn, "base: longer than %zu characters",
			  sizeof(name) - 1);
		return -1;
	}
	memcpy(name, btext, len);
	name[len] = 0;
	if (c->nparts > DUR_MAX_BASES) {
		scen_fail(c, DUR_ELIMIT, bn,
			  "base '%s': more than %d bases one over another",
			  name, DUR_MAX_BASES);
		return -1;
	}
	to = &c->part[c->nparts];
	memset(to, 0, sizeof(*to));
	if (dur_scenario_builtin_text(name)) {
		snprintf(to->builtin, sizeof(to->builtin), "%.*s",
			 DUR_NAME_MAX - 1, name);
		snprintf(to->label, sizeof(to->label), BUILTIN_PREFIX "%.*s>",
			 DUR_NAME_MAX - 1, name);
		for (int j = 0; j <= i; j++)
			if (!strcmp(c->part[j].builtin, name))
				goto cycle;
		btext = dur_scenario_builtin_text(name);
		len = strlen(btext);
	} else {
		struct dur_error e = { 0 };

		if (from->builtin[0]) {
			scen_fail(c, DUR_ENOTFOUND, bn,
				  "base '%s': no built-in scenario of that "
				  "name (a built-in's base must be built in)",
				  name);
			return -1;
		}
		if (resolve(from->label, name, to->label, sizeof(to->label))) {
			scen_fail(c, DUR_ELIMIT, bn,
				  "base '%s': the path is too long", name);
			return -1;
		}
		if (!stat(to->label, &st)) {
			to->dev = st.st_dev;
			to->ino = st.st_ino;
			for (int j = 0; j <= i; j++)
				if (c->part[j].ino == st.st_ino &&
				    c->part[j].dev == st.st_dev)
					goto cycle;
		}
		to->text = dur_read_file(to->label, "scenario", 64, &to->len,
					 &e);
		if (!to->text) {
			scen_fail(c, e.code, bn,
				  "base '%s': no built-in scenario of that "
				  "name, and '%s': %s",
				  name, to->label, e.msg);
			return -1;
		}
		btext = to->text;
		len = to->len;
	}
	c->nparts++;
	to->doc = scen_build(c, btext, len, to->label);
	if (!to->doc)
		return -1;
	if (!is_map(fy_document_root(to->doc))) {
		scen_fail_at(c, DUR_EPARSE, to->label, 0, 0,
			     "'scenario': expected a mapping (it is the base "
			     "of %s)",
			     from->label);
		return -1;
	}
	return 0;
cycle:
	chain(c, trail, sizeof(trail));
	scen_fail(c, DUR_EINVAL, bn, "base '%s' makes a cycle: %s -> %s", name,
		  trail, to->label);
	return -1;
}

int scen_base_merge(struct ctx *c, struct fy_document **doc)
{
	struct scen_part *p0 = &c->part[0];
	struct fy_document *out;
	struct fy_node *bn;
	struct stat st;
	const char *l = p0->label;
	size_t pl = strlen(BUILTIN_PREFIX);

	p0->doc = *doc;
	if (!is_map(fy_document_root(*doc)) ||
	    !fy_node_mapping_lookup_pair_by_string(fy_document_root(*doc),
						   "base", 4))
		return 0;
	if (!strncmp(l, BUILTIN_PREFIX, pl) && l[strlen(l) - 1] == '>')
		snprintf(p0->builtin, sizeof(p0->builtin), "%.*s",
			 (int)(strlen(l) - pl - 1), l + pl);
	else if (!stat(l, &st)) {
		p0->dev = st.st_dev;
		p0->ino = st.st_ino;
	}
	/* a base must name itself: a child labelled with its base's name
	 * would pass for it in every result */
	if (!fy_node_mapping_lookup_by_string(fy_document_root(*doc), "name",
					      4))
		scen_fail(c, DUR_EPARSE, fy_document_root(*doc),
			  "missing key 'name' in 'scenario' (a scenario with a "
			  "base names itself)");
	for (int i = 0;; i++) {
		struct fy_node *r = fy_document_root(c->part[i].doc);

		bn = fy_node_mapping_lookup_by_string(r, "base", 4);
		if (!fy_node_mapping_lookup_pair_by_string(r, "base", 4))
			break;
		if (load_base(c, i, bn))
			return -1;
	}
	if (c->nerr)
		return -1;
	out = c->part[c->nparts - 1].doc;
	for (int i = c->nparts - 2; i >= 0; i--)
		if (merge_map(c, out, fy_document_root(out),
			      fy_document_root(c->part[i].doc), i, 1))
			return -1;
	for (int i = 0; i < c->nparts - 1; i++) {
		fy_document_destroy(c->part[i].doc);
		c->part[i].doc = NULL;
	}
	c->part[c->nparts - 1].doc = NULL;
	*doc = out;
	return 0;
}

void scen_ctx_release(struct ctx *c)
{
	/* part[0].doc is the caller's; the others are ours until merged */
	for (int i = 1; i < c->nparts; i++)
		if (c->part[i].doc)
			fy_document_destroy(c->part[i].doc);
	for (int i = 0; i < c->nparts; i++)
		free(c->part[i].text);
	free(c->orig);
	c->orig = NULL;
	c->norig = c->aorig = 0;
	c->nparts = 0;
}

/*
 * Open the scenario name_or_path in c (its text in c->part[0], owned when
 * read from a file) with its bases merged: the document, or NULL with the
 * problems in c.
 */
static struct fy_document *open_merged(struct ctx *c, const char *name_or_path,
				       const char **text0, size_t *len0)
{
	const char *b = dur_scenario_builtin_text(name_or_path);
	struct scen_part *p0 = &c->part[0];
	struct fy_document *doc;

	c->nparts = 1;
	if (b) {
		*text0 = b;
		*len0 = strlen(b);
		snprintf(p0->label, sizeof(p0->label), BUILTIN_PREFIX "%.*s>",
			 DUR_NAME_MAX - 1, name_or_path);
	} else {
		struct dur_error e = { 0 };

		p0->text = dur_read_file(name_or_path, "scenario", 64, &p0->len,
					 &e);
		if (!p0->text) {
			scen_fail_at(c, e.code, e.file, e.line, e.col, "%s",
				     e.msg);
			return NULL;
		}
		*text0 = p0->text;
		*len0 = p0->len;
		snprintf(p0->label, sizeof(p0->label), "%s", name_or_path);
	}
	c->file = p0->label;
	doc = scen_build(c, *text0, *len0, p0->label);
	if (!doc)
		return NULL;
	if (scen_base_merge(c, &doc)) {
		fy_document_destroy(doc);
		return NULL;
	}
	return doc;
}

char *dur_scenario_text(const char *name_or_path, struct dur_error *err)
{
	struct ctx c = { .file = name_or_path };
	struct fy_document *doc;
	const char *text = NULL;
	char *out = NULL, *yaml;
	size_t len = 0;

	doc = open_merged(&c, name_or_path, &text, &len);
	if (!doc && text && !c.part[0].doc && c.nparts <= 1 && c.nerr) {
		/* not YAML: the text as it is, for the parser to say so */
		c.nerr = 0;
	}
	if (c.nerr) {
		if (err)
			*err = c.first;
		goto out;
	}
	if (c.nparts <= 1) {
		out = malloc(len + 1);
		if (out) {
			memcpy(out, text, len);
			out[len] = 0;
		}
	} else {
		char head[2 * DUR_SCENARIO_PATH_MAX + 64];
		int hl;

		yaml = fy_emit_document_to_string(doc, FYECF_WIDTH_INF |
							       FYECF_MODE_BLOCK |
							       FYECF_INDENT_2);
		hl = snprintf(head, sizeof(head),
			      "# %s merged over its base %s by durand\n",
			      c.part[0].label, c.part[1].label);
		out = yaml ? malloc((size_t)hl + strlen(yaml) + 1) : NULL;
		if (out) {
			memcpy(out, head, (size_t)hl);
			strcpy(out + hl, yaml);
		}
		free(yaml);
	}
	if (!out)
		dur_error_set(err, DUR_ENOMEM, name_or_path, 0, 0,
			      "out of memory for the scenario's text");
out:
	if (doc)
		fy_document_destroy(doc);
	scen_ctx_release(&c);
	return out;
}

int dur_scenario_parts(const char *name_or_path,
		       struct dur_scenario_part part[DUR_MAX_BASES + 1],
		       int *n, struct dur_error *err)
{
	struct ctx c = { .file = name_or_path };
	struct fy_document *doc;
	const char *text = NULL;
	size_t len = 0;
	int rc = 0;

	*n = 0;
	doc = open_merged(&c, name_or_path, &text, &len);
	if (c.nerr) {
		if (err)
			*err = c.first;
		rc = c.first.code;
		goto out;
	}
	for (int i = 0; i < c.nparts; i++) {
		struct scen_part *p = &c.part[i];
		const char *t = i ? p->text : text;
		size_t l = i ? p->len : len;

		memset(&part[i], 0, sizeof(part[i]));
		if (p->builtin[0] || (!i && dur_scenario_builtin_text(name_or_path))) {
			snprintf(part[i].builtin, sizeof(part[i].builtin), "%s",
				 i ? p->builtin : name_or_path);
			t = dur_scenario_builtin_text(part[i].builtin);
			l = strlen(t);
		} else {
			snprintf(part[i].file, sizeof(part[i].file), "%s",
				 p->label);
		}
		dur_sha256_hex(t, l, part[i].sha256);
	}
	*n = c.nparts;
out:
	if (doc)
		fy_document_destroy(doc);
	scen_ctx_release(&c);
	return rc;
}
