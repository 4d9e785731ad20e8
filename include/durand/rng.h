/*
 * rng.h: random streams keyed by (seed, run, substream).
 *
 * durand draws its randomness from Philox4x32-10 (Random123), a counter-based
 * generator: the 64-bit seed is the key and the counter holds the run index,
 * a substream number and a block number. Any run's numbers can therefore be
 * produced on any thread or process, in any order, and are always the same.
 * The simulation opens a fresh substream for each (day, process) pair, so
 * what happens in one process on one day never shifts the draws of another:
 * that keeps a baseline and a what-if on common random numbers for as long
 * as their states agree, and closely coupled after.
 *
 * A struct dur_rng also serves as a GSL generator (dur_rng_gsl), so GSL's
 * samplers (gsl_ran_*) draw from it.
 */
#ifndef DURAND_RNG_H
#define DURAND_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

struct dur_rng {
	uint32_t key[2]; /* the seed */
	uint32_t ctr[4]; /* run (2 words), substream, block */
	uint32_t buf[4]; /* the current block's output */
	int left;        /* words of buf not yet used */
	uint64_t blocks; /* blocks generated since init (for benchmarks) */
};

/* Start the stream of run `run` under `seed`, at substream 0. */
void dur_rng_init(struct dur_rng *r, uint64_t seed, uint64_t run);

/* Move to the start of substream `sub` of the same run. */
void dur_rng_seek(struct dur_rng *r, uint32_t sub);

/* The next 32 random bits. */
static inline uint32_t dur_rng_u32(struct dur_rng *r);

/* A uniform draw in the open interval (0, 1), 32 bits of resolution. */
static inline double dur_rng_uniform(struct dur_rng *r);

/*
 * The uniform in slot `slot` of substream `sub` (of the current day): a
 * fixed position, whatever was drawn before. Processes that must stay
 * aligned between a baseline and a what-if draw from fixed slots, and only
 * the blocks actually touched are computed (cheapest when slots are read in
 * increasing order). Do not mix with dur_rng_u32() on the same substream.
 */
static inline double dur_rng_slot(struct dur_rng *r, uint32_t sub,
				  uint32_t slot);

/* Point g at r, so that gsl_ran_*(g, ...) draws from r. g needs no free. */
void dur_rng_gsl(struct dur_rng *r, gsl_rng *g);

/* Refill r's block; internal to the inline functions below. */
void dur_rng_refill(struct dur_rng *r);

static inline uint32_t dur_rng_u32(struct dur_rng *r)
{
	if (!r->left)
		dur_rng_refill(r);
	return r->buf[--r->left];
}

static inline double dur_rng_uniform(struct dur_rng *r)
{
	return ((double)dur_rng_u32(r) + 0.5) * (1.0 / 4294967296.0);
}

/* Inline, like the draws above: a day reads a dozen slots, most from the
 * block already held. */
static inline double dur_rng_slot(struct dur_rng *r, uint32_t sub,
				  uint32_t slot)
{
	uint32_t block = slot / 4;

	/* after refill, ctr[3] is one past the block held in buf */
	if (r->ctr[2] != sub || r->ctr[3] != block + 1 || r->left < 0 ||
	    (r->ctr[3] == 0)) {
		r->ctr[2] = sub;
		r->ctr[3] = block;
		dur_rng_refill(r);
	}
	r->left = 0; /* sequential draws must seek first */
	return ((double)r->buf[slot % 4] + 0.5) * (1.0 / 4294967296.0);
}

#endif
