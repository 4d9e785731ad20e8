/*
 * classify.c: gives an event its model actors and stream from the
 * database's actor_map and stream_rule tables, loaded once per import into
 * memory so that the per-row work is a few hash look-ups and string
 * comparisons. Rules are tried in priority order; the first that matches
 * wins. A rule's two actors match the event's two model actors in either
 * order, since the datasets do not agree on who is side A.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"

#include "classify_int.h"

struct entry {
	char *source, *name, *actor; /* one actor_map row */
};

struct rule {
	char *f[7];   /* source, dyad, actor1, actor2, country, type, subtype */
	char *stream; /* the stream it assigns */
};

struct dur_classifier {
	struct entry *e;      /* actor_map rows */
	size_t ne;
	size_t *slot;         /* open-addressed hash of e by name; SIZE_MAX empty */
	size_t nslot;         /* power of two */
	struct rule *r;       /* rules in priority order */
	size_t nr;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static char *dupz(const unsigned char *s)
{
	return strdup(s ? (const char *)s : "");
}

static int load_map(struct dur_classifier *c, sqlite3 *db)
{
	sqlite3_stmt *q;
	size_t cap = 0;

	if (sqlite3_prepare_v2(db, "SELECT source, name, actor FROM actor_map",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (dur_grow(&c->e, &cap, c->ne + 1, sizeof(*c->e)))
			goto fail;
		c->e[c->ne].source = dupz(sqlite3_column_text(q, 0));
		c->e[c->ne].name = dupz(sqlite3_column_text(q, 1));
		c->e[c->ne].actor = dupz(sqlite3_column_text(q, 2));
		c->ne++;
		if (!c->e[c->ne - 1].source || !c->e[c->ne - 1].name ||
		    !c->e[c->ne - 1].actor)
			goto fail;
	}
	sqlite3_finalize(q);
	c->nslot = 16;
	while (c->nslot < 2 * c->ne)
		c->nslot *= 2;
	c->slot = malloc(c->nslot * sizeof(*c->slot));
	if (!c->slot)
		return -1;
	for (size_t i = 0; i < c->nslot; i++)
		c->slot[i] = SIZE_MAX;
	for (size_t i = 0; i < c->ne; i++) {
		size_t h = hash(c->e[i].name) & (c->nslot - 1);

		while (c->slot[h] != SIZE_MAX)
			h = (h + 1) & (c->nslot - 1);
		c->slot[h] = i;
	}
	return 0;
fail:
	sqlite3_finalize(q);
	return -1;
}

static int load_rules(struct dur_classifier *c, sqlite3 *db)
{
	sqlite3_stmt *q;
	size_t cap = 0;

	if (sqlite3_prepare_v2(db,
			       "SELECT source, dyad, actor1, actor2, country, "
			       "type, subtype, stream FROM stream_rule "
			       "ORDER BY priority, id",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct rule *r;

		if (dur_grow(&c->r, &cap, c->nr + 1, sizeof(*c->r)))
			goto fail;
		r = &c->r[c->nr++];
		memset(r, 0, sizeof(*r));
		for (int i = 0; i < 7; i++)
			if (!(r->f[i] = dupz(sqlite3_column_text(q, i))))
				goto fail;
		if (!(r->stream = dupz(sqlite3_column_text(q, 7))))
			goto fail;
	}
	sqlite3_finalize(q);
	return 0;
fail:
	sqlite3_finalize(q);
	return -1;
}

int dur_classifier_create(struct dur_classifier **out, struct dur_store *st,
			  struct dur_error *err)
{
	struct dur_classifier *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return dur_error_set(err, DUR_ENOMEM, dur_store_path(st), 0, 0,
				     "out of memory");
	if (load_map(c, dur_store_db(st)) || load_rules(c, dur_store_db(st))) {
		dur_classifier_free(c);
		return dur_error_set(err, DUR_EDB, dur_store_path(st), 0, 0,
				     "cannot load the actor mapping: %s%s",
				     sqlite3_errmsg(dur_store_db(st)),
				     dur_store_hint(dur_store_db(st)));
	}
	*out = c;
	return 0;
}

void dur_classifier_free(struct dur_classifier *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->ne; i++) {
		free(c->e[i].source);
		free(c->e[i].name);
		free(c->e[i].actor);
	}
	for (size_t i = 0; i < c->nr; i++) {
		for (int k = 0; k < 7; k++)
			free(c->r[i].f[k]);
		free(c->r[i].stream);
	}
	free(c->e);
	free(c->r);
	free(c->slot);
	free(c);
}

/* The model actor of a dataset name: an entry for this source first, then
 * one for any source ('*'). */
static const char *actor_of(const struct dur_classifier *c,
			    const char *source, const char *name)
{
	const char *any = NULL;

	if (!name || !*name || !c->nslot)
		return NULL;
	for (size_t h = hash(name) & (c->nslot - 1); c->slot[h] != SIZE_MAX;
	     h = (h + 1) & (c->nslot - 1)) {
		const struct entry *e = &c->e[c->slot[h]];

		if (strcmp(e->name, name))
			continue;
		if (!strcmp(e->source, source))
			return e->actor;
		if (!strcmp(e->source, "*"))
			any = e->actor;
	}
	return any;
}

static int match(const char *pat, const char *s)
{
	return !strcmp(pat, "*") || (s && !strcmp(pat, s));
}

void dur_classifier_run(const struct dur_classifier *c,
			const struct dur_classify_in *in,
			struct dur_classify_out *out)
{
	const char *src = in->source ? in->source : "";

	out->actor1 = actor_of(c, src, in->actor1);
	out->actor2 = actor_of(c, src, in->actor2);
	out->stream = NULL;
	for (size_t i = 0; i < c->nr; i++) {
		char *const *f = c->r[i].f;

		if (!match(f[0], src) || !match(f[1], in->dyad) ||
		    !match(f[4], in->country) || !match(f[5], in->type) ||
		    !match(f[6], in->subtype))
			continue;
		if ((match(f[2], out->actor1) && match(f[3], out->actor2)) ||
		    (match(f[2], out->actor2) && match(f[3], out->actor1))) {
			out->stream = c->r[i].stream;
			return;
		}
	}
}

/* Restreaming is classification applied to the stored events: it lives
 * here, so that the store knows nothing of the classifier. */
static const char *col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

int dur_store_restream(struct dur_store *st, long *changed,
		       struct dur_error *err)
{
	struct dur_classifier *c;
	sqlite3_stmt *sel = NULL, *upd = NULL;
	long n = 0;
	int rc;

	rc = dur_classifier_create(&c, st, err);
	if (rc)
		return rc;
	rc = dur_store_exec(st, "BEGIN IMMEDIATE", err);
	if (rc)
		goto out_free;
	if (sqlite3_prepare_v2(dur_store_db(st),
			       "SELECT id, source, actor1, actor2, dyad, "
			       "country, type, subtype, stream FROM events",
			       -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(dur_store_db(st),
			       "UPDATE events SET model_actor1 = ?, "
			       "model_actor2 = ?, stream = ? WHERE id = ?",
			       -1, &upd, NULL) != SQLITE_OK)
		goto out_db;
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		struct dur_classify_in in = {
			col_text(sel, 1), col_text(sel, 2), col_text(sel, 3),
			col_text(sel, 4), col_text(sel, 5), col_text(sel, 6),
			col_text(sel, 7),
		};
		struct dur_classify_out o;
		const char *old = col_text(sel, 8);

		dur_classifier_run(c, &in, &o);
		if ((old == NULL) != (o.stream == NULL) ||
		    (old && strcmp(old, o.stream)))
			n++;
		sqlite3_bind_text(upd, 1, o.actor1, -1, SQLITE_STATIC);
		sqlite3_bind_text(upd, 2, o.actor2, -1, SQLITE_STATIC);
		sqlite3_bind_text(upd, 3, o.stream, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 4, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE)
			goto out_db;
		sqlite3_reset(upd);
	}
	if (rc != SQLITE_DONE)
		goto out_db;
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	sel = upd = NULL;
	rc = dur_store_exec(st, "COMMIT", err);
	if (rc)
		goto out_rollback;
	if (changed)
		*changed = n;
	dur_classifier_free(c);
	return 0;
out_db:
	rc = dur_error_set(err, DUR_EDB, dur_store_path(st), 0, 0, "%s%s",
			   sqlite3_errmsg(dur_store_db(st)),
			   dur_store_hint(dur_store_db(st)));
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
out_rollback:
	sqlite3_exec(dur_store_db(st), "ROLLBACK", NULL, NULL, NULL);
out_free:
	dur_classifier_free(c);
	return rc;
}
