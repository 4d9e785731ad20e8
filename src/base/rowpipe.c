/*
 * rowpipe.c: a two-batch pipeline between the CSV parser (on a helper
 * thread) and the record callback (on the caller's thread). See rowpipe.h.
 */
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "durand/rowpipe.h"

enum { BATCH_ROWS = 2048, BATCH_BYTES = 4 << 20, MAX_FIELDS = 256 };

struct batch {
	size_t nrows;                 /* records held */
	size_t used;                  /* bytes of text used */
	char *text;                   /* the fields, NUL-terminated, back to back */
	size_t cap;                   /* bytes of text allocated */
	size_t *first;                /* [BATCH_ROWS + 1] index of a row's first
					 field in off/len */
	size_t *off, *len;            /* per field: offset in text, length */
	size_t nfields, fcap;         /* fields held and allocated */
	long record[BATCH_ROWS], line[BATCH_ROWS];
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch b[2];
	int full[2];      /* 1 when batch i waits for the consumer */
	int fill;         /* the batch the producer fills */
	int done;         /* the producer has finished */
	int stop;         /* the consumer wants the producer to stop */
	int prc;          /* the producer's result */
	struct dur_error perr;
	const char *buf, *file;
	size_t len;
	dur_csvread_chunk_fn chunk;
	void *chunk_ctx;
	const dur_cancel *sig;
	int nomem;
};

static int batch_init(struct batch *b)
{
	memset(b, 0, sizeof(*b));
	b->cap = BATCH_BYTES;
	b->fcap = BATCH_ROWS * 64;
	b->text = malloc(b->cap);
	b->first = malloc(sizeof(*b->first) * (BATCH_ROWS + 1));
	b->off = malloc(sizeof(*b->off) * b->fcap);
	b->len = malloc(sizeof(*b->len) * b->fcap);
	return b->text && b->first && b->off && b->len ? 0 : -1;
}

static void batch_release(struct batch *b)
{
	free(b->text);
	free(b->first);
	free(b->off);
	free(b->len);
}

/* Hand the filled batch over and wait for the other one to be free. */
static int hand_over(struct pipe *p)
{
	int give = p->fill, stop;

	pthread_mutex_lock(&p->mu);
	p->full[give] = 1;
	pthread_cond_broadcast(&p->cv);
	while (p->full[!give] && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	p->fill = !give;
	p->b[p->fill].nrows = p->b[p->fill].used = p->b[p->fill].nfields = 0;
	return stop;
}

static int on_record(void *ctx, const struct dur_csvrow *row,
		     struct dur_error *err)
{
	struct pipe *p = ctx;
	struct batch *b = &p->b[p->fill];
	size_t need = 0;

	(void)err;
	for (size_t i = 0; i < row->n; i++)
		need += row->len[i] + 1;
	if (b->nrows == BATCH_ROWS || b->used + need > b->cap ||
	    b->nfields + row->n > b->fcap) {
		if (b->nrows && hand_over(p))
			return DUR_ECANCEL;
		b = &p->b[p->fill];
		if (need > b->cap || row->n > b->fcap) { /* a huge record */
			size_t nc = need > b->cap ? need : b->cap;
			size_t nf = row->n > b->fcap ? row->n : b->fcap;
			char *t = realloc(b->text, nc);
			size_t *o = realloc(b->off, sizeof(*o) * nf);
			size_t *l = o ? realloc(b->len, sizeof(*l) * nf) : NULL;

			if (t)
				b->text = t, b->cap = nc;
			if (o)
				b->off = o;
			if (l)
				b->len = l, b->fcap = nf;
			if (!t || !o || !l) {
				p->nomem = 1;
				return DUR_ENOMEM;
			}
		}
	}
	b->first[b->nrows] = b->nfields;
	for (size_t i = 0; i < row->n; i++) {
		memcpy(b->text + b->used, row->field[i], row->len[i] + 1);
		b->off[b->nfields] = b->used;
		b->len[b->nfields++] = row->len[i];
		b->used += row->len[i] + 1;
	}
	b->record[b->nrows] = row->record;
	b->line[b->nrows++] = row->line;
	b->first[b->nrows] = b->nfields;
	return 0;
}

static void *producer(void *arg)
{
	struct pipe *p = arg;
	int rc = dur_csvread_scan(p->buf, p->len, p->file, on_record, p,
				  p->chunk, p->chunk_ctx, p->sig, &p->perr);

	pthread_mutex_lock(&p->mu);
	p->prc = rc;
	p->full[p->fill] = p->b[p->fill].nrows > 0;
	p->done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int dur_rowpipe_read(const char *buf, size_t len, const char *file,
		     dur_csvread_fn fn, void *ctx, dur_csvread_chunk_fn chunk,
		     void *chunk_ctx, const dur_cancel *stop,
		     struct dur_error *err)
{
	struct pipe p;
	pthread_t th;
	const char *fields[MAX_FIELDS];
	size_t lens[MAX_FIELDS];
	const char **fv = fields;
	size_t *lv = lens, fvcap = MAX_FIELDS;
	int take = 0, crc = 0;

	/* a small file is read faster than a thread and two batches are made;
	 * on one core the hand-overs would only add work */
	if (len < (1u << 20) || omp_get_num_procs() < 2)
		return dur_csvread_scan(buf, len, file, fn, ctx, chunk,
					chunk_ctx, stop, err);
	memset(&p, 0, sizeof(p));
	if (batch_init(&p.b[0]) || batch_init(&p.b[1])) {
		batch_release(&p.b[0]);
		batch_release(&p.b[1]);
		return dur_error_set(err, DUR_ENOMEM, file, 0, 0,
				     "out of memory");
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	p.buf = buf;
	p.len = len;
	p.chunk = chunk;
	p.chunk_ctx = chunk_ctx;
	p.file = file;
	p.sig = stop;
	if (pthread_create(&th, NULL, producer, &p)) {
		batch_release(&p.b[0]);
		batch_release(&p.b[1]);
		/* no thread: parse and call back here */
		return dur_csvread_scan(buf, len, file, fn, ctx, chunk,
					chunk_ctx, stop, err);
	}
	for (;;) {
		struct batch *b = &p.b[take];

		pthread_mutex_lock(&p.mu);
		while (!p.full[take] && !p.done)
			pthread_cond_wait(&p.cv, &p.mu);
		if (!p.full[take]) { /* done and nothing left */
			pthread_mutex_unlock(&p.mu);
			break;
		}
		pthread_mutex_unlock(&p.mu);
		for (size_t r = 0; r < b->nrows && !crc; r++) {
			size_t f0 = b->first[r], n = b->first[r + 1] - f0;
			struct dur_csvrow row;

			if (n > fvcap) {
				const char **nf = malloc(sizeof(*nf) * n);
				size_t *nl = malloc(sizeof(*nl) * n);

				if (!nf || !nl) {
					free(nf);
					free(nl);
					crc = dur_error_set(err, DUR_ENOMEM,
							    file, 0, 0,
							    "out of memory");
					break;
				}
				if (fv != fields) {
					free(fv);
					free(lv);
				}
				fv = nf;
				lv = nl;
				fvcap = n;
			}
			for (size_t i = 0; i < n; i++) {
				fv[i] = b->text + b->off[f0 + i];
				lv[i] = b->len[f0 + i];
			}
			row.n = n;
			row.field = fv;
			row.len = lv;
			row.record = b->record[r];
			row.line = b->line[r];
			crc = fn(ctx, &row, err);
		}
		pthread_mutex_lock(&p.mu);
		p.full[take] = 0;
		if (crc)
			p.stop = 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		if (crc)
			break;
		take = !take;
	}
	pthread_join(th, NULL);
	if (fv != fields) {
		free(fv);
		free(lv);
	}
	batch_release(&p.b[0]);
	batch_release(&p.b[1]);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	if (crc) /* the consumer's error comes first in file order */
		return crc;
	if (p.prc && err)
		*err = p.perr;
	return p.prc;
}
