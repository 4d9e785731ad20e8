/*
 * paramedit.c: rewrites parameter values inside a scenario's YAML text
 * (see paramedit.h). libfyaml's event parser locates the nodes; the text
 * is then patched in place, so that nothing the edit does not touch
 * changes, comments included (a document tree re-emitted would lose them).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "durand/paramedit.h"

#define MAX_EDITS 64
#define MAX_DEPTH 64

/* A piece of text to put in place of base[start..end). */
struct patch {
	size_t start, end;
	char *text;
};

/* Where an entry of params was found. */
struct found {
	int kind;                     /* 0 absent, 1 scalar, 2 mapping */
	int flow;                     /* mapping in flow style */
	size_t vstart, vend;          /* the value node (scalar) */
	size_t map_end;               /* flow: position of '}' */
	int has_value, has_source;
	size_t val_s, val_e;          /* the `value` scalar */
	size_t src_s, src_e;          /* the `source` scalar */
	size_t val_line_end;          /* end of the `value` line (block) */
	int key_col;                  /* column of the inner keys (block) */
	int nrange;                   /* scalars seen in `range` */
	double range[2];
	size_t rs[2], re[2];          /* their positions */
};

struct level {
	int map;         /* 1 mapping, 0 sequence */
	int want_key;    /* mapping: next scalar is a key */
	char key[128];   /* the current key */
};

static char *quote(const char *s)
{
	size_t n = strlen(s);
	char *q = malloc(2 * n + 3), *p = q;

	if (!q)
		return NULL;
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '"';
	*p = 0;
	return q;
}

static int add_patch(struct patch *pt, int *np, size_t s, size_t e,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int add_patch(struct patch *pt, int *np, size_t s, size_t e,
		     const char *fmt, ...)
{
	va_list ap;
	char *t;

	if (*np >= 4 * MAX_EDITS + 4)
		return -1;
	va_start(ap, fmt);
	if (vasprintf(&t, fmt, ap) < 0)
		t = NULL;
	va_end(ap);
	if (!t)
		return -1;
	pt[*np].start = s;
	pt[*np].end = e;
	pt[*np].text = t;
	(*np)++;
	return 0;
}

static int cmp_patch(const void *a, const void *b)
{
	const struct patch *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

static size_t line_end(const char *b, size_t len, size_t pos)
{
	while (pos < len && b[pos] != '\n')
		pos++;
	return pos;
}

/* libfyaml's diagnostics go here instead of stderr: the first one is kept
 * for the error message. */
static void on_diag(struct fy_diag *diag, void *user, const char *buf,
		    size_t len)
{
	char *keep = user;

	(void)diag;
	if (!keep[0])
		snprintf(keep, 200, "%.*s", (int)len, buf);
}

/* A quoted scalar's marks leave its quotes out; take them in. */
static void widen(const char *b, size_t len, size_t *s, size_t *e)
{
	if (*s > 0 && *e < len && (b[*s - 1] == '"' || b[*s - 1] == '\'') &&
	    b[*e] == b[*s - 1]) {
		(*s)--;
		(*e)++;
	}
}

/* Walk the events, recording for each edit where its entry is. */
static int locate(const char *base, size_t len, const char *file,
		  const struct dur_paramedit *ed, size_t n, struct found *fd,
		  int *params_found, int *params_flow, size_t *params_end,
		  int *params_key_col, struct dur_error *err)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET };
	struct fy_parser *fyp;
	char msg[200] = "";
	struct level st[MAX_DEPTH];
	struct fy_event *ev;
	int depth = 0, rc = 0, cur = -1; /* cur: edit whose value we are in */
	int in_params = 0, params_depth = -1;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = on_diag;
	dcfg.user = msg;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	cfg.diag = diag;
	fyp = diag ? fy_parser_create(&cfg) : NULL;
	if (!fyp || fy_parser_set_string(fyp, base, len)) {
		fy_parser_destroy(fyp);
		fy_diag_destroy(diag);
		return dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				     "cannot start the YAML parser");
	}
	*params_found = 0;
	while ((ev = fy_parser_parse(fyp))) {
		const struct fy_mark *sm = fy_event_start_mark(ev);
		const struct fy_mark *em = fy_event_end_mark(ev);
		int t = ev->type, is_key = 0;
		struct level *up = depth ? &st[depth - 1] : NULL;
		char parent_key[128] = "";

		if (up && up->map) {
			is_key = up->want_key;
			if (!is_key)
				snprintf(parent_key, sizeof(parent_key), "%s",
					 up->key);
		}
		if (t == FYET_SCALAR) {
			size_t l;
			const char *s = fy_token_get_text(ev->scalar.value, &l);

			if (is_key) {
				snprintf(up->key, sizeof(up->key), "%.*s",
					 (int)l, s ? s : "");
				if (in_params && depth == params_depth + 1 &&
				    *params_key_col < 0)
					*params_key_col = sm->column;
				if (cur >= 0 && depth == params_depth + 2 &&
				    fd[cur].key_col < 0)
					fd[cur].key_col = sm->column;
			} else if (in_params && depth == params_depth + 1) {
				for (size_t i = 0; i < n; i++)
					if (!strcmp(ed[i].path, parent_key)) {
						fd[i].kind = 1;
						fd[i].vstart = sm->input_pos;
						fd[i].vend = em->input_pos;
						widen(base, len, &fd[i].vstart,
						      &fd[i].vend);
					}
			} else if (cur >= 0 && depth == params_depth + 2) {
				struct found *f = &fd[cur];

				if (!strcmp(parent_key, "value")) {
					f->has_value = 1;
					f->val_s = sm->input_pos;
					f->val_e = em->input_pos;
					widen(base, len, &f->val_s, &f->val_e);
					f->val_line_end =
						line_end(base, len, em->input_pos);
				} else if (!strcmp(parent_key, "source")) {
					f->has_source = 1;
					f->src_s = sm->input_pos;
					f->src_e = em->input_pos;
					widen(base, len, &f->src_s, &f->src_e);
				}
			} else if (cur >= 0 && depth == params_depth + 3 &&
				   !strcmp(st[depth - 2].key, "range") &&
				   fd[cur].nrange < 2) {
				struct found *f = &fd[cur];

				f->range[f->nrange] = strtod(s ? s : "", NULL);
				f->rs[f->nrange] = sm->input_pos;
				f->re[f->nrange++] = em->input_pos;
			}
		}
		if (t == FYET_MAPPING_START || t == FYET_SEQUENCE_START) {
			if (depth == MAX_DEPTH) {
				rc = dur_error_set(err, DUR_ELIMIT, file,
						   sm->line + 1, sm->column + 1,
						   "nesting too deep");
				fy_parser_event_free(fyp, ev);
				break;
			}
			if (t == FYET_MAPPING_START && depth == 1 &&
			    !strcmp(parent_key, "params")) {
				in_params = 1;
				params_depth = depth;
				*params_found = 1;
				*params_flow =
					base[sm->input_pos] == '{';
			}
			if (t == FYET_MAPPING_START && in_params &&
			    depth == params_depth + 1) {
				for (size_t i = 0; i < n; i++)
					if (!strcmp(ed[i].path, parent_key)) {
						cur = (int)i;
						fd[i].kind = 2;
						fd[i].flow =
							base[sm->input_pos] ==
							'{';
						fd[i].vstart = sm->input_pos;
					}
			}
			st[depth].map = t == FYET_MAPPING_START;
			st[depth].want_key = 1;
			st[depth].key[0] = 0;
			depth++;
			fy_parser_event_free(fyp, ev);
			continue;
		}
		if (t == FYET_MAPPING_END || t == FYET_SEQUENCE_END) {
			depth--;
			if (cur >= 0 && depth == params_depth + 1) {
				fd[cur].map_end = sm->input_pos;
				cur = -1;
			}
			if (in_params && depth == params_depth) {
				in_params = 0;
				*params_end = sm->input_pos;
			}
		}
		if (depth && st[depth - 1].map &&
		    (t == FYET_SCALAR || t == FYET_MAPPING_END ||
		     t == FYET_SEQUENCE_END || t == FYET_ALIAS))
			st[depth - 1].want_key = !st[depth - 1].want_key;
		fy_parser_event_free(fyp, ev);
	}
	if (!rc && fy_parser_get_stream_error(fyp))
		rc = dur_error_set(err, DUR_EPARSE, file, 0, 0,
				   "not valid YAML: %s", msg);
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return rc;
}

int dur_paramedit_apply(const char *base, size_t len, const char *file,
			const struct dur_paramedit *ed, size_t n,
			const char *source, char **out, struct dur_error *err)
{
	struct found fd[MAX_EDITS];
	struct patch pt[4 * MAX_EDITS + 4];
	int np = 0, pfound = 0, pflow = 0, pcol = -1, rc;
	size_t pend = 0, olen = 0, pos = 0;
	char *src = quote(source), *o = NULL, *adds = NULL;
	size_t addlen = 0;
	FILE *mem;

	*out = NULL;
	if (!src)
		return dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				     "out of memory");
	if (n > MAX_EDITS) {
		free(src);
		return dur_error_set(err, DUR_ELIMIT, file, 0, 0,
				     "more than %d edits", MAX_EDITS);
	}
	memset(fd, 0, sizeof(fd));
	for (size_t i = 0; i < n; i++)
		fd[i].key_col = -1;
	rc = locate(base, len, file, ed, n, fd, &pfound, &pflow, &pend, &pcol,
		    err);
	if (rc)
		goto out;
	mem = open_memstream(&adds, &addlen);
	if (!mem) {
		rc = dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				   "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		struct found *f = &fd[i];
		double v = ed[i].value;

		if (f->kind == 1) {
			rc = add_patch(pt, &np, f->vstart, f->vend,
				       "{ value: %.6g, source: %s }", v, src);
		} else if (f->kind == 2) {
			char ind[80];
			int col = f->key_col > 0 && f->key_col < 79 ?
					  f->key_col :
					  4;

			memset(ind, ' ', (size_t)col);
			ind[col] = 0;
			if (f->has_value)
				rc = add_patch(pt, &np, f->val_s, f->val_e,
					       "%.6g", v);
			else if (f->flow)
				rc = add_patch(pt, &np, f->map_end, f->map_end,
					       ", value: %.6g ", v);
			else
				rc = add_patch(pt, &np, f->vstart, f->vstart,
					       "value: %.6g\n%s", v, ind);
			if (rc)
				break;
			if (f->has_source)
				rc = add_patch(pt, &np, f->src_s, f->src_e,
					       "%s", src);
			else if (f->flow)
				rc = add_patch(pt, &np, f->map_end, f->map_end,
					       ", source: %s ", src);
			else if (f->has_value)
				rc = add_patch(pt, &np, f->val_line_end,
					       f->val_line_end,
					       "\n%ssource: %s", ind, src);
			else
				rc = add_patch(pt, &np, f->vstart, f->vstart,
					       "source: %s\n%s", src, ind);
			if (!rc && f->nrange == 2 && v < f->range[0])
				rc = add_patch(pt, &np, f->rs[0], f->re[0],
					       "%.6g", v);
			if (!rc && f->nrange == 2 && v > f->range[1])
				rc = add_patch(pt, &np, f->rs[1], f->re[1],
					       "%.6g", v);
		} else {
			fprintf(mem, "%*s%s: { value: %.6g, source: %s }\n",
				pcol > 0 ? pcol : 2, "", ed[i].path, v, src);
		}
	}
	fclose(mem);
	if (rc) {
		rc = dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				   "out of memory");
		goto out;
	}
	if (addlen) {
		if (!pfound) {
			char *t;

			if (asprintf(&t, "%sparams:\n%s",
				     len && base[len - 1] != '\n' ? "\n" : "",
				     adds) < 0) {
				rc = dur_error_set(err, DUR_ENOMEM, file, 0, 0,
						   "out of memory");
				goto out;
			}
			pt[np].start = pt[np].end = len;
			pt[np++].text = t;
		} else if (pflow) {
			rc = dur_error_set(err, DUR_EINVAL, file, 0, 0,
					   "'params' is a flow mapping: "
					   "cannot add entries to it");
			goto out;
		} else {
			/* After the line of the last entry. */
			size_t at = pend;

			while (at > 0 && (base[at - 1] == ' ' ||
					  base[at - 1] == '\n'))
				at--;
			at = line_end(base, len, at);
			if (asprintf(&pt[np].text, "%s%s",
				     at < len ? "\n" : "\n", adds) < 0) {
				rc = dur_error_set(err, DUR_ENOMEM, file, 0, 0,
						   "out of memory");
				goto out;
			}
			/* Drop the trailing newline: the line's own one
			 * follows. */
			pt[np].text[strlen(pt[np].text) - 1] = 0;
			pt[np].start = pt[np].end = at;
			np++;
		}
	}
	qsort(pt, (size_t)np, sizeof(*pt), cmp_patch);
	olen = len + 1;
	for (int i = 0; i < np; i++)
		olen += strlen(pt[i].text);
	o = malloc(olen);
	if (!o) {
		rc = dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				   "out of memory");
		goto out;
	}
	olen = 0;
	for (int i = 0; i < np; i++) {
		size_t tl = strlen(pt[i].text);

		memcpy(o + olen, base + pos, pt[i].start - pos);
		olen += pt[i].start - pos;
		memcpy(o + olen, pt[i].text, tl);
		olen += tl;
		pos = pt[i].end;
	}
	memcpy(o + olen, base + pos, len - pos);
	olen += len - pos;
	o[olen] = 0;
	*out = o;
out:
	for (int i = 0; i < np; i++)
		free(pt[i].text);
	free(adds);
	free(src);
	return rc;
}

/* Does the line at p start a top-level key (not a blank, comment, indented
 * or continued line)? */
static int top_level(const char *p)
{
	return *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '#' &&
	       *p != '\r';
}

int dur_paramedit_ensemble(const char *base, size_t len,
			   const struct dur_param_ensemble *e, char **out,
			   struct dur_error *err)
{
	char *src = quote(e->source), *o = NULL, *w;
	size_t cap, pos = 0, cut = len, resume = len;

	*out = NULL;
	if (!src)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	/* the old section: from its line to the next top-level key */
	while (pos < len) {
		const char *nl = memchr(base + pos, '\n', len - pos);
		size_t next = nl ? (size_t)(nl - base) + 1 : len;

		if (cut == len && !strncmp(base + pos, "ensemble:", 9) &&
		    len - pos >= 9) {
			cut = pos;
		} else if (cut < len && top_level(base + pos)) {
			resume = pos;
			break;
		}
		pos = next;
	}
	cap = len + strlen(src) + 256 +
	      (size_t)e->k * 100 + (size_t)e->n * (size_t)(e->k * 20 + 8);
	o = malloc(cap);
	if (!o) {
		free(src);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory");
	}
	memcpy(o, base, cut);
	w = o + cut;
	if (cut && w[-1] != '\n')
		*w++ = '\n';
	w += sprintf(w, "ensemble:\n  source: %s\n  params: [", src);
	for (int j = 0; j < e->k; j++)
		w += sprintf(w, "%s%s", j ? ", " : "", e->path[j]);
	w += sprintf(w, "]\n  sets:\n");
	for (int i = 0; i < e->n; i++) {
		w += sprintf(w, "    - [");
		for (int j = 0; j < e->k; j++)
			w += sprintf(w, "%s%.10g", j ? ", " : "", e->set[i][j]);
		w += sprintf(w, "]\n");
	}
	memcpy(w, base + resume, len - resume);
	w[len - resume] = 0;
	free(src);
	*out = o;
	return 0;
}
