/*
 * dsum.c: the .dsum file of a part of an ensemble (dsum.h; the layout is
 * docs/dsum.md): encoding a result into its bytes, decoding and checking
 * them, and merging the parts of one ensemble in run order.
 *
 * Every number is little-endian whatever the machine, so a part written on
 * one node is read on any other. A check digest (SHA-256 over the header,
 * its own field zeroed, and the payload) finds truncated or altered files
 * before any of their numbers are trusted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/cloud.h"
#include "durand/date.h"
#include "durand/dsum.h"
#include "durand/output.h"
#include "durand/sha256.h"

static const unsigned char magic[8] = { 0x89, 'D', 'S', 'U', 'M',
					'\r', '\n', 0x1a };

/* Header offsets (docs/dsum.md). */
enum {
	H_MAGIC = 0, H_FORMAT = 8, H_HSIZE = 12, H_PSIZE = 16, H_CHECK = 24,
	H_DURAND = 88, H_SCENARIO = 120, H_RECORD = 184, H_SEED = 248,
	H_FIRST = 256, H_RUNS = 264, H_TOTAL = 272, H_DAYS = 280,
	H_SHARD = 284, H_NSHARDS = 288, H_NVARIANTS = 292, H_VARIANT = 296,
	H_NOUT = 364, H_NRUNGS = 368, H_NPROBS = 372, H_SCLEN = 376,
	H_START = 384, H_FILTERED = 388, H_FACTS = 392, H_FROM = 396,
	H_RECLABEL = 400, H_FSCENARIO = 528, H_CLOUDN = 592, H_CLOUDSEED = 600,
	H_NOTELEN = 608, H_END = 640 /* 612..639 zero */
};

/* Bucket indices a sketch can hold (sketch.c: |index| < 256 + 56 * 128). */
#define SKETCH_INDEX_MAX 8192

/* --- writing ------------------------------------------------------------- */

struct wbuf {
	unsigned char *p;
	size_t len, alloc;
	int failed;
};

static unsigned char *wspace(struct wbuf *b, size_t n)
{
	if (b->failed)
		return NULL;
	if (b->len + n > b->alloc) {
		size_t a = b->alloc ? b->alloc : 4096;
		unsigned char *p;

		while (a < b->len + n)
			a *= 2;
		p = realloc(b->p, a);
		if (!p) {
			b->failed = 1;
			return NULL;
		}
		b->p = p;
		b->alloc = a;
	}
	b->len += n;
	return b->p + b->len - n;
}

static void put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void w64(struct wbuf *b, uint64_t v)
{
	unsigned char *p = wspace(b, 8);

	if (p)
		put_le(p, v, 8);
}

static void w32(struct wbuf *b, uint32_t v)
{
	unsigned char *p = wspace(b, 4);

	if (p)
		put_le(p, v, 4);
}

/* An unsigned LEB128 varint: 7 bits a byte, low first, high bit set on
 * all but the last (1 byte for counts below 128). */
static void wvar(struct wbuf *b, uint64_t v)
{
	unsigned char *p;

	do {
		p = wspace(b, 1);
		if (!p)
			return;
		*p = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

/* A sketch as n, sum, sumsq (low and high words), then the window of its
 * nonzero buckets: lo, len and len counts as varints. */
static void wsketch(struct wbuf *b, const struct dur_sketch *s)
{
	int32_t a = 0, z = s->len;

	while (a < z && !s->count[a])
		a++;
	while (z > a && !s->count[z - 1])
		z--;
	w64(b, (uint64_t)s->n);
	w64(b, (uint64_t)s->sum);
	w64(b, (uint64_t)(unsigned __int128)s->sumsq);
	w64(b, (uint64_t)((unsigned __int128)s->sumsq >> 64));
	w32(b, (uint32_t)(z > a ? s->lo + a : 0));
	w32(b, (uint32_t)(z - a));
	for (int32_t i = a; i < z; i++)
		wvar(b, s->count[i]);
}

/* Bytes a --prob threshold's text takes in the payload. */
#define PROB_TEXT 128

static void wsummary(struct wbuf *b, const struct dur_summary *s, int nprobs)
{
	for (int i = 0; i < s->nout; i++)
		wsketch(b, &s->out[i]);
	for (int i = 0; s->diff && i < s->nout; i++)
		wsketch(b, &s->diff[i]);
	for (int r = 0; r < DUR_MAX_RUNGS; r++)
		w64(b, (uint64_t)s->reach[r]);
	wsketch(b, &s->first_strike);
	wsketch(b, &s->ceasefire_days);
	for (int d = 0; d < s->days; d++)
		wsketch(b, &s->daily_pak[d]);
	for (int d = 0; d < s->days; d++)
		wsketch(b, &s->daily_afg[d]);
	for (long k = 0; k < (long)s->days * DUR_MAX_RUNGS; k++)
		w64(b, (uint64_t)s->daily_rung[k]);
	for (int r = 0; r < DUR_MAX_RUNGS; r++)
		w64(b, (uint64_t)s->start_at[r]);
	for (int r = 0; r < DUR_MAX_RUNGS; r++)
		for (int k = 0; k < 4; k++)
			w64(b, (uint64_t)s->reach_pair[r][k]);
	for (int k = 0; k < 4; k++)
		w64(b, (uint64_t)s->strike_pair[k]);
	for (int p = 0; p < nprobs; p++) {
		w64(b, (uint64_t)s->prob[p]);
		for (int k = 0; k < 4; k++)
			w64(b, (uint64_t)s->prob_pair[p][k]);
	}
	for (long k = 0; k < (long)s->nmonths * s->nout; k++)
		wsketch(b, &s->monthly[k]);
}

int dur_dsum_scenario_digest(const char *text, size_t len, char hex[65])
{
	return dur_sha256_hex(text, len, hex);
}

static void put_text(unsigned char *p, const char *s, size_t n)
{
	size_t l = strlen(s);

	memset(p, 0, n);
	memcpy(p, s, l < n ? l : n);
}

/* The check digest: the header with its check field zeroed, then the
 * payload. */
static int check_digest(const unsigned char *buf, size_t size, char hex[65])
{
	static const unsigned char zero[64];
	struct dur_sha256 *s = dur_sha256_begin();

	if (!s)
		return -1;
	dur_sha256_add(s, buf, H_CHECK);
	dur_sha256_add(s, zero, sizeof(zero));
	dur_sha256_add(s, buf + H_DURAND, size - H_DURAND);
	return dur_sha256_end(s, hex);
}

int dur_dsum_encode(const struct dur_result *r,
		    const struct dur_dsum_info *info, const char *scenario_text,
		    size_t scenario_len, unsigned char **buf, size_t *size,
		    struct dur_error *err)
{
	struct wbuf b = { 0 };
	unsigned char *h;
	char hex[65];

	*buf = NULL;
	*size = 0;
	h = wspace(&b, H_END);
	if (h) {
		memset(h, 0, H_END);
		memcpy(h + H_MAGIC, magic, sizeof(magic));
		put_le(h + H_FORMAT, DUR_DSUM_FORMAT, 4);
		put_le(h + H_HSIZE, H_END, 4);
		put_text(h + H_DURAND, info->durand[0] ? info->durand
						       : DURAND_VERSION, 32);
		put_text(h + H_SCENARIO, info->scenario_sha256, 64);
		if (r->start.filtered && strlen(r->start.record_sha256) == 64)
			put_text(h + H_RECORD, r->start.record_sha256, 64);
		else
			memset(h + H_RECORD, '0', 64);
		put_le(h + H_SEED, r->seed, 8);
		put_le(h + H_FIRST, (uint64_t)r->first_run, 8);
		put_le(h + H_RUNS, (uint64_t)r->runs, 8);
		put_le(h + H_TOTAL, (uint64_t)info->total_runs, 8);
		put_le(h + H_DAYS, (uint32_t)r->days, 4);
		put_le(h + H_SHARD, (uint32_t)info->shard, 4);
		put_le(h + H_NSHARDS, (uint32_t)info->nshards, 4);
		put_le(h + H_NVARIANTS, (uint32_t)r->nvariants, 4);
		for (int v = 0; v <= DUR_MAX_WHAT_IFS; v++)
			put_le(h + H_VARIANT + 4 * v,
			       (uint32_t)(v < r->nvariants ? r->variant[v] : -1),
			       4);
		put_le(h + H_NOUT, (uint32_t)r->v[0].nout, 4);
		put_le(h + H_NRUNGS, DUR_MAX_RUNGS, 4);
		put_le(h + H_NPROBS, (uint32_t)r->nprobs, 4);
		put_le(h + H_NOTELEN,
		       info->note ? (uint32_t)strlen(info->note) : 0, 4);
		put_le(h + H_SCLEN, scenario_len, 8);
		put_le(h + H_START, (uint32_t)r->sc->start, 4);
		put_le(h + H_FILTERED, (uint32_t)r->start.filtered, 4);
		put_le(h + H_FACTS, (uint32_t)r->start.facts, 4);
		put_le(h + H_FROM, (uint32_t)r->start.filtered_from, 4);
		put_text(h + H_RECLABEL, r->start.record, 127);
		put_text(h + H_FSCENARIO, r->start.filtered_scenario, 63);
		put_le(h + H_CLOUDN, (uint64_t)info->cloud_states, 8);
		put_le(h + H_CLOUDSEED, info->cloud_seed, 8);
	}
	h = wspace(&b, scenario_len);
	if (h)
		memcpy(h, scenario_text, scenario_len);
	for (int p = 0; p < r->nprobs; p++) {
		h = wspace(&b, PROB_TEXT);
		if (h) {
			put_text(h, r->prob[p].text, PROB_TEXT - 1);
			h[PROB_TEXT - 1] = 0; /* the text's end, always */
		}
	}
	if (info->note && *info->note) {
		h = wspace(&b, strlen(info->note));
		if (h)
			memcpy(h, info->note, strlen(info->note));
	}
	for (int v = 0; v < r->nvariants; v++)
		wsummary(&b, &r->v[v], r->nprobs);
	if (b.failed) {
		free(b.p);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory for a .dsum of %d days",
				     r->days);
	}
	put_le(b.p + H_PSIZE, b.len - H_END, 8);
	if (check_digest(b.p, b.len, hex)) {
		free(b.p);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "cannot compute a SHA-256 digest");
	}
	memcpy(b.p + H_CHECK, hex, 64);
	*buf = b.p;
	*size = b.len;
	return 0;
}

int dur_dsum_save(const struct dur_result *r,
		  const struct dur_dsum_info *info, const char *scenario_text,
		  size_t scenario_len, const char *path, struct dur_error *err)
{
	struct dur_output o;
	unsigned char *buf;
	size_t size;
	int rc;

	rc = dur_dsum_encode(r, info, scenario_text, scenario_len, &buf, &size,
			     err);
	if (rc)
		return rc;
	rc = dur_output_open(&o, path, err);
	if (!rc && fwrite(buf, 1, size, o.fp) != size) {
		rc = dur_error_set(err, DUR_EIO, path, 0, 0,
				   "cannot write: %s", strerror(errno));
		dur_output_abort(&o);
	} else if (!rc) {
		rc = dur_output_commit(&o, err);
	}
	free(buf);
	return rc;
}

/* --- reading ------------------------------------------------------------- */

struct rbuf {
	const unsigned char *p;
	size_t len, at;
	int short_read;
};

static uint64_t get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t r64(struct rbuf *b)
{
	if (b->short_read || b->len - b->at < 8) {
		b->short_read = 1;
		return 0;
	}
	b->at += 8;
	return get_le(b->p + b->at - 8, 8);
}

static uint32_t r32(struct rbuf *b)
{
	if (b->short_read || b->len - b->at < 4) {
		b->short_read = 1;
		return 0;
	}
	b->at += 4;
	return (uint32_t)get_le(b->p + b->at - 4, 4);
}

static uint64_t rvar(struct rbuf *b)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char c;

		if (b->short_read || b->at >= b->len) {
			b->short_read = 1;
			return 0;
		}
		c = b->p[b->at++];
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	b->short_read = 1; /* longer than 10 bytes: not a count */
	return 0;
}

/* Read a sketch into s (empty, as dur_result_create made it): 0, or -1
 * for a window out of range or a count that disagrees with n. */
static int rsketch(struct rbuf *b, struct dur_sketch *s)
{
	uint64_t lo64, hi64, total = 0;
	int32_t lo, len;

	s->n = (int64_t)r64(b);
	s->sum = (int64_t)r64(b);
	lo64 = r64(b);
	hi64 = r64(b);
	s->sumsq = (__int128)(((unsigned __int128)hi64 << 64) | lo64);
	lo = (int32_t)r32(b);
	len = (int32_t)r32(b);
	if (b->short_read)
		return 0;
	if (len < 0 || len > 2 * SKETCH_INDEX_MAX || lo < -SKETCH_INDEX_MAX ||
	    lo > SKETCH_INDEX_MAX || lo + len > SKETCH_INDEX_MAX)
		return -1;
	if (b->len - b->at < (size_t)len) { /* a varint has a byte at least */
		b->short_read = 1;
		return 0;
	}
	if (len) {
		s->count = malloc((size_t)len * sizeof(*s->count));
		if (!s->count)
			return -2;
		s->lo = lo;
		s->len = len;
		for (int32_t i = 0; i < len; i++) {
			s->count[i] = rvar(b);
			total += s->count[i];
		}
	}
	return total == (uint64_t)s->n && s->n >= 0 ? 0 : -1;
}

static int rsummary(struct rbuf *b, struct dur_summary *s, int nprobs)
{
	int rc = 0;

	for (int i = 0; !rc && i < s->nout; i++)
		rc = rsketch(b, &s->out[i]);
	for (int i = 0; !rc && s->diff && i < s->nout; i++)
		rc = rsketch(b, &s->diff[i]);
	for (int r = 0; r < DUR_MAX_RUNGS; r++)
		s->reach[r] = (int64_t)r64(b);
	if (!rc)
		rc = rsketch(b, &s->first_strike);
	if (!rc)
		rc = rsketch(b, &s->ceasefire_days);
	for (int d = 0; !rc && d < s->days; d++)
		rc = rsketch(b, &s->daily_pak[d]);
	for (int d = 0; !rc && d < s->days; d++)
		rc = rsketch(b, &s->daily_afg[d]);
	for (long k = 0; !rc && k < (long)s->days * DUR_MAX_RUNGS; k++)
		s->daily_rung[k] = (int64_t)r64(b);
	for (int r = 0; !rc && r < DUR_MAX_RUNGS; r++)
		s->start_at[r] = (int64_t)r64(b);
	for (int r = 0; !rc && r < DUR_MAX_RUNGS; r++)
		for (int k = 0; k < 4; k++)
			s->reach_pair[r][k] = (int64_t)r64(b);
	for (int k = 0; !rc && k < 4; k++)
		s->strike_pair[k] = (int64_t)r64(b);
	for (int p = 0; !rc && p < nprobs; p++) {
		s->prob[p] = (int64_t)r64(b);
		for (int k = 0; k < 4; k++)
			s->prob_pair[p][k] = (int64_t)r64(b);
	}
	for (long k = 0; !rc && k < (long)s->nmonths * s->nout; k++)
		rc = rsketch(b, &s->monthly[k]);
	return rc;
}

static int is_hex64(const unsigned char *p)
{
	for (int i = 0; i < 64; i++)
		if (!((p[i] >= '0' && p[i] <= '9') ||
		      (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

static void get_text(char *dst, const unsigned char *p, size_t n)
{
	memcpy(dst, p, n);
	dst[n] = 0;
}

/* The header's numbers into d->info; a message into err when they do not
 * make sense. */
static int read_header(struct dur_dsum *d, const unsigned char *h,
		       size_t size, struct dur_error *err)
{
	struct dur_dsum_info *in = &d->info;
	const char *name = d->name;
	uint64_t psize = get_le(h + H_PSIZE, 8), first, runs, total, sclen;
	uint32_t nvar, days;

	if (get_le(h + H_FORMAT, 4) != DUR_DSUM_FORMAT)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     ".dsum format version %u; this durand "
				     "(%s) reads version %d%s",
				     (unsigned)get_le(h + H_FORMAT, 4),
				     DURAND_VERSION, DUR_DSUM_FORMAT,
				     get_le(h + H_FORMAT, 4) < DUR_DSUM_FORMAT
					     ? " (older parts lack the monthly "
					       "summaries: run the shards "
					       "again with this durand)"
					     : "");
	if (get_le(h + H_HSIZE, 4) != H_END)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header of %u bytes; format 1 has %d",
				     (unsigned)get_le(h + H_HSIZE, 4), H_END);
	if (psize != size - H_END)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "%s: the header promises %llu bytes, the "
				     "file has %zu",
				     psize > size - H_END ? "truncated"
							  : "trailing bytes",
				     (unsigned long long)psize + H_END, size);
	{
		char hex[65];

		if (check_digest(h, size, hex))
			return dur_error_set(err, DUR_ENOMEM, name, 0, 0,
					     "cannot compute a SHA-256 digest");
		if (memcmp(hex, h + H_CHECK, 64))
			return dur_error_set(err, DUR_EPARSE, name, 0, 0,
					     "check digest does not match: the "
					     "file was altered or damaged");
	}
	if (memchr(h + H_DURAND, 0, 32) == NULL ||
	    !is_hex64(h + H_SCENARIO) || !is_hex64(h + H_RECORD))
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header: version or digest fields are "
				     "not text");
	get_text(in->durand, h + H_DURAND, 31);
	get_text(in->scenario_sha256, h + H_SCENARIO, 64);
	get_text(in->record_sha256, h + H_RECORD, 64);
	if (!memchr(h + H_RECLABEL, 0, 128) || !memchr(h + H_FSCENARIO, 0, 64) ||
	    get_le(h + H_FILTERED, 4) > 1)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header: the starting state's fields are "
				     "not valid");
	in->start = (int32_t)get_le(h + H_START, 4);
	in->cloud_states = (long)(get_le(h + H_CLOUDN, 8) & 0x7fffffffffffffff);
	in->cloud_seed = get_le(h + H_CLOUDSEED, 8);
	d->start.filtered = (int)get_le(h + H_FILTERED, 4);
	d->start.facts = (int)get_le(h + H_FACTS, 4);
	d->start.filtered_from = (int32_t)get_le(h + H_FROM, 4);
	get_text(d->start.record, h + H_RECLABEL, 127);
	get_text(d->start.filtered_scenario, h + H_FSCENARIO, 63);
	if (d->start.filtered)
		snprintf(d->start.record_sha256, sizeof(d->start.record_sha256),
			 "%s", in->record_sha256);
	in->seed = get_le(h + H_SEED, 8);
	first = get_le(h + H_FIRST, 8);
	runs = get_le(h + H_RUNS, 8);
	total = get_le(h + H_TOTAL, 8);
	days = (uint32_t)get_le(h + H_DAYS, 4);
	nvar = (uint32_t)get_le(h + H_NVARIANTS, 4);
	sclen = get_le(h + H_SCLEN, 8);
	if (runs < 1 || total > 1000000000000L || first >= total ||
	    runs > total - first)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header: runs [%llu, +%llu) do not lie in "
				     "an ensemble of %llu",
				     (unsigned long long)first,
				     (unsigned long long)runs,
				     (unsigned long long)total);
	if (get_le(h + H_NPROBS, 4) > DUR_MAX_PROBS)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header: %u thresholds; at most %d",
				     (unsigned)get_le(h + H_NPROBS, 4),
				     DUR_MAX_PROBS);
	in->nprobs = (int)get_le(h + H_NPROBS, 4);
	d->note_len = (size_t)get_le(h + H_NOTELEN, 4);
	if (days < 1 || days > 36500 || nvar < 1 ||
	    nvar > 1 + DUR_MAX_WHAT_IFS ||
	    get_le(h + H_NRUNGS, 4) != DUR_MAX_RUNGS || sclen > psize)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "header: %u days, %u variants, %u rungs "
				     "or a scenario of %llu bytes is out of "
				     "range",
				     days, nvar,
				     (unsigned)get_le(h + H_NRUNGS, 4),
				     (unsigned long long)sclen);
	in->first_run = (long)first;
	in->runs = (long)runs;
	in->total_runs = (long)total;
	in->days = (int)days;
	in->shard = (int)get_le(h + H_SHARD, 4);
	in->nshards = (int)get_le(h + H_NSHARDS, 4);
	in->nwhat_if = (int)nvar - 1;
	for (int i = 0; i < in->nwhat_if; i++)
		in->what_if[i] = (int32_t)get_le(h + H_VARIANT + 4 * (1 + i), 4);
	d->scenario_len = (size_t)sclen;
	return 0;
}

/* The embedded scenario: its digest as the header says, and parsed. */
static int read_scenario(struct dur_dsum *d, const unsigned char *p,
			 struct dur_error *err)
{
	char hex[65], label[300];
	int rc;

	d->scenario_text = malloc(d->scenario_len + 1);
	d->sc = malloc(sizeof(*d->sc));
	if (!d->scenario_text || !d->sc)
		return dur_error_set(err, DUR_ENOMEM, d->name, 0, 0,
				     "out of memory");
	memcpy(d->scenario_text, p, d->scenario_len);
	d->scenario_text[d->scenario_len] = 0;
	if (dur_dsum_scenario_digest(d->scenario_text, d->scenario_len, hex))
		return dur_error_set(err, DUR_ENOMEM, d->name, 0, 0,
				     "cannot compute a SHA-256 digest");
	if (strcmp(hex, d->info.scenario_sha256))
		return dur_error_set(err, DUR_EPARSE, d->name, 0, 0,
				     "the embedded scenario does not have the "
				     "digest the header records");
	snprintf(label, sizeof(label), "%s (embedded scenario)", d->name);
	rc = dur_scenario_parse(d->sc, d->scenario_text, d->scenario_len, label,
				NULL, err);
	if (rc)
		return rc; /* err's own code: a bad value is DUR_EINVAL */
	/* a forecast from a later date (--as-of) ran on the restarted
	 * scenario; its start must lie within a century of the scenario's */
	if (d->info.start < d->sc->start || d->info.start - d->sc->start > 36525)
		return dur_error_set(err, DUR_EPARSE, d->name, 0, 0,
				     "header: the runs' start is not within "
				     "the scenario's first century");
	if (d->info.start > d->sc->start)
		dur_scenario_restart(d->sc, d->info.start);
	for (int i = 0; i < d->info.nwhat_if; i++)
		if (d->info.what_if[i] < 0 ||
		    d->info.what_if[i] >= d->sc->ninterventions)
			return dur_error_set(err, DUR_EPARSE, d->name, 0, 0,
					     "header: what-if %d is not an "
					     "intervention of scenario '%s'",
					     d->info.what_if[i], d->sc->name);
	return 0;
}

/* The --prob thresholds after the scenario's text, parsed again against
 * the scenario. */
static int read_probs(struct dur_dsum *d, struct rbuf *b,
		      struct dur_error *err)
{
	char text[PROB_TEXT];

	for (int p = 0; p < d->info.nprobs; p++) {
		if (b->len - b->at < PROB_TEXT || !memchr(b->p + b->at, 0,
							    PROB_TEXT)) {
			b->short_read = 1;
			return 0;
		}
		memcpy(text, b->p + b->at, PROB_TEXT);
		b->at += PROB_TEXT;
		if (dur_threshold_parse(d->sc, text, &d->res->prob[p], err) ||
		    dur_threshold_check(&d->res->prob[p], d->sc->start,
					d->info.days, err)) {
			char why[sizeof(err->msg)];

			snprintf(why, sizeof(why), "%s", err->msg);
			return dur_error_set(err, DUR_EPARSE, d->name, 0, 0,
					     "threshold %d: %s", p + 1, why);
		}
	}
	d->res->nprobs = d->info.nprobs;
	/* then the note */
	if (b->len - b->at < d->note_len) {
		b->short_read = 1;
		return 0;
	}
	d->note = malloc(d->note_len + 1);
	if (!d->note)
		return dur_error_set(err, DUR_ENOMEM, d->name, 0, 0,
				     "out of memory");
	memcpy(d->note, b->p + b->at, d->note_len);
	d->note[d->note_len] = 0;
	b->at += d->note_len;
	return 0;
}

int dur_dsum_decode(const void *buf, size_t size, const char *name,
		    struct dur_dsum **out, struct dur_error *err)
{
	const unsigned char *h = buf;
	struct dur_dsum *d;
	struct rbuf b;
	int rc;

	*out = NULL;
	if (size < sizeof(magic) || memcmp(h, magic, sizeof(magic)))
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "not a .dsum file (no DSUM magic at its "
				     "start)");
	if (size < H_END)
		return dur_error_set(err, DUR_EPARSE, name, 0, 0,
				     "truncated: %zu bytes, less than the "
				     "%d-byte header",
				     size, H_END);
	d = calloc(1, sizeof(*d));
	if (!d)
		return dur_error_set(err, DUR_ENOMEM, name, 0, 0,
				     "out of memory");
	snprintf(d->name, sizeof(d->name), "%s", name);
	rc = read_header(d, h, size, err);
	if (!rc)
		rc = read_scenario(d, h + H_END, err);
	if (!rc && get_le(h + H_NOUT, 4) != (uint64_t)dur_outcome_count(d->sc))
		rc = dur_error_set(err, DUR_EPARSE, name, 0, 0,
				   "header: %u outcomes, scenario '%s' has %d",
				   (unsigned)get_le(h + H_NOUT, 4), d->sc->name,
				   dur_outcome_count(d->sc));
	if (!rc) {
		d->res = dur_result_create(d->sc, d->info.days, d->info.seed,
					   d->info.nwhat_if, d->info.what_if);
		if (!d->res)
			rc = dur_error_set(err, DUR_ENOMEM, name, 0, 0,
					   "out of memory for %d days",
					   d->info.days);
	}
	if (!rc) {
		d->res->first_run = d->info.first_run;
		d->res->runs = d->info.runs;
		d->res->start = d->start;
		b = (struct rbuf){ h, size, H_END + d->scenario_len, 0 };
		rc = read_probs(d, &b, err);
		for (int v = 0; !rc && v < d->res->nvariants; v++)
			rc = rsummary(&b, &d->res->v[v], d->res->nprobs);
		if (rc == -2)
			rc = dur_error_set(err, DUR_ENOMEM, name, 0, 0,
					   "out of memory");
		else if (rc || b.short_read || b.at != size)
			rc = dur_error_set(err, DUR_EPARSE, name, 0, 0,
					   "the summaries do not fit the "
					   "header (byte %zu of %zu)",
					   b.at, size);
	}
	if (rc) {
		dur_dsum_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

int dur_dsum_load(const char *path, struct dur_dsum **out,
		  struct dur_error *err)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, alloc = 0, n;
	int rc;

	*out = NULL;
	if (!fp)
		return dur_error_set(err, errno == ENOENT ? DUR_ENOTFOUND
							  : DUR_EIO,
				     path, 0, 0, "cannot open: %s",
				     strerror(errno));
	do {
		if (len == alloc) {
			unsigned char *p;

			alloc = alloc ? alloc * 2 : 1 << 16;
			p = realloc(buf, alloc);
			if (!p) {
				free(buf);
				fclose(fp);
				return dur_error_set(err, DUR_ENOMEM, path, 0,
						     0, "out of memory");
			}
			buf = p;
		}
		n = fread(buf + len, 1, alloc - len, fp);
		len += n;
	} while (n);
	if (ferror(fp)) {
		rc = dur_error_set(err, DUR_EIO, path, 0, 0, "cannot read: %s",
				   strerror(errno));
		free(buf);
		fclose(fp);
		return rc;
	}
	fclose(fp);
	rc = dur_dsum_decode(buf, len, path, out, err);
	free(buf);
	return rc;
}

void dur_dsum_free(struct dur_dsum *d)
{
	if (!d)
		return;
	dur_result_free(d->res);
	free(d->note);
	free(d->sc);
	free(d->scenario_text);
	free(d);
}

/* --- merging ------------------------------------------------------------- */

static int by_first_run(const void *a, const void *b)
{
	const struct dur_dsum *x = *(struct dur_dsum *const *)a;
	const struct dur_dsum *y = *(struct dur_dsum *const *)b;

	return (x->info.first_run > y->info.first_run) -
	       (x->info.first_run < y->info.first_run);
}

static void what_ifs(const struct dur_dsum *d, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = 0;
	for (int i = 0; i < d->info.nwhat_if && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? "," : "",
				       d->sc->intervention[d->info.what_if[i]].name);
	if (!d->info.nwhat_if)
		snprintf(buf, len, "none");
}

/* Why b is not a part of a's ensemble, or NULL. */
static const char *differs(const struct dur_dsum *a, const struct dur_dsum *b)
{
	const struct dur_dsum_info *x = &a->info, *y = &b->info;

	if (strcmp(x->durand, y->durand))
		return "durand version";
	if (strcmp(x->scenario_sha256, y->scenario_sha256))
		return "scenario";
	if (strcmp(x->record_sha256, y->record_sha256))
		return "record";
	if (x->start != y->start)
		return "start date";
	if (a->start.filtered != b->start.filtered ||
	    a->start.facts != b->start.facts ||
	    a->start.filtered_from != b->start.filtered_from ||
	    strcmp(a->start.record, b->start.record) ||
	    strcmp(a->start.filtered_scenario, b->start.filtered_scenario) ||
	    x->cloud_states != y->cloud_states ||
	    x->cloud_seed != y->cloud_seed)
		return "starting state";
	if (x->seed != y->seed)
		return "seed";
	if (x->days != y->days)
		return "days";
	if (x->total_runs != y->total_runs)
		return "runs of the whole ensemble";
	if (x->nwhat_if != y->nwhat_if ||
	    memcmp(x->what_if, y->what_if, sizeof(int) * (size_t)x->nwhat_if))
		return "what-ifs";
	if (a->res->nprobs != b->res->nprobs)
		return "thresholds";
	for (int p = 0; p < a->res->nprobs; p++)
		if (strcmp(a->res->prob[p].text, b->res->prob[p].text))
			return "thresholds";
	return NULL;
}

static void field_value(const struct dur_dsum *d, const char *field,
			char *buf, size_t len)
{
	const struct dur_dsum_info *x = &d->info;

	if (!strcmp(field, "durand version"))
		snprintf(buf, len, "%s", x->durand);
	else if (!strcmp(field, "scenario"))
		snprintf(buf, len, "'%s' %.12s", d->sc->name, x->scenario_sha256);
	else if (!strcmp(field, "record"))
		snprintf(buf, len, "%.12s", x->record_sha256);
	else if (!strcmp(field, "start date"))
		dur_date_format(x->start, buf);
	else if (!strcmp(field, "starting state"))
		snprintf(buf, len, "%.60s (%d facts, %ld states, seed %llu)",
			 d->start.filtered ? d->start.record
					   : "the scenario's state",
			 d->start.facts, x->cloud_states,
			 (unsigned long long)x->cloud_seed);
	else if (!strcmp(field, "seed"))
		snprintf(buf, len, "%llu", (unsigned long long)x->seed);
	else if (!strcmp(field, "days"))
		snprintf(buf, len, "%d", x->days);
	else if (!strcmp(field, "what-ifs"))
		what_ifs(d, buf, len);
	else if (!strcmp(field, "thresholds"))
		snprintf(buf, len, "%d (%.60s)", d->res->nprobs,
			 d->res->nprobs ? d->res->prob[0].text : "none");
	else
		snprintf(buf, len, "%ld", x->total_runs);
}

int dur_dsum_merge(struct dur_dsum **parts, int n, struct dur_result **out,
		   struct dur_error *err)
{
	struct dur_dsum **p;
	struct dur_result *r;
	long next = 0;
	int rc = 0;

	*out = NULL;
	if (n < 1)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0, "no parts");
	for (int i = 1; i < n; i++) {
		const char *f = differs(parts[0], parts[i]);
		char a[128], b[128];

		if (!f)
			continue;
		field_value(parts[0], f, a, sizeof(a));
		field_value(parts[i], f, b, sizeof(b));
		return dur_error_set(err, DUR_EINVAL, parts[i]->name, 0, 0,
				     "not a part of the ensemble of '%s': "
				     "%s %s here, %s there",
				     parts[0]->name, f, b, a);
	}
	p = malloc((size_t)n * sizeof(*p));
	if (!p)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0, "out of memory");
	memcpy(p, parts, (size_t)n * sizeof(*p));
	qsort(p, (size_t)n, sizeof(*p), by_first_run);
	for (int i = 0; i < n && !rc; i++) {
		const struct dur_dsum_info *x = &p[i]->info;

		if (x->first_run == next)
			next += x->runs;
		else if (x->first_run < next)
			rc = dur_error_set(err, DUR_EINVAL, p[i]->name, 0, 0,
					   "runs [%ld, %ld) overlap those of "
					   "'%s', which end at %ld",
					   x->first_run, x->first_run + x->runs,
					   p[i - 1]->name, next);
		else
			rc = dur_error_set(err, DUR_EINVAL, p[i]->name, 0, 0,
					   "runs [%ld, %ld) are in no part "
					   "given (this part has [%ld, %ld))",
					   next, x->first_run, x->first_run,
					   x->first_run + x->runs);
	}
	if (!rc && next != p[0]->info.total_runs)
		rc = dur_error_set(err, DUR_EINVAL, p[n - 1]->name, 0, 0,
				   "runs [%ld, %ld) of the ensemble's %ld are "
				   "in no part given",
				   next, p[0]->info.total_runs,
				   p[0]->info.total_runs);
	if (rc) {
		free(p);
		return rc;
	}
	r = dur_result_create(p[0]->sc, p[0]->info.days, p[0]->info.seed,
			      p[0]->info.nwhat_if, p[0]->info.what_if);
	if (r) {
		r->start = p[0]->start;
		r->nprobs = p[0]->res->nprobs;
		memcpy(r->prob, p[0]->res->prob, sizeof(r->prob));
	}
	for (int i = 0; r && i < n; i++)
		if (dur_result_merge(r, p[i]->res)) {
			dur_result_free(r);
			r = NULL;
		}
	free(p);
	if (!r)
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory merging %d parts", n);
	*out = r;
	return 0;
}
