/*
 * rng.c: the Philox4x32-10 stream behind every random draw, and the adapter
 * that lets GSL's samplers use it. See rng.h for the keying scheme.
 */
#include <Random123/philox.h>

#include "durand/rng.h"

void dur_rng_init(struct dur_rng *r, uint64_t seed, uint64_t run)
{
	r->key[0] = (uint32_t)seed;
	r->key[1] = (uint32_t)(seed >> 32);
	r->ctr[0] = (uint32_t)run;
	r->ctr[1] = (uint32_t)(run >> 32);
	r->ctr[2] = 0;
	r->ctr[3] = 0;
	r->left = 0;
	r->blocks = 0;
}

void dur_rng_seek(struct dur_rng *r, uint32_t sub)
{
	r->ctr[2] = sub;
	r->ctr[3] = 0;
	r->left = 0;
}

void dur_rng_refill(struct dur_rng *r)
{
	philox4x32_ctr_t c = { { r->ctr[0], r->ctr[1], r->ctr[2], r->ctr[3] } };
	philox4x32_key_t k = { { r->key[0], r->key[1] } };
	philox4x32_ctr_t out = philox4x32(c, k);

	r->buf[0] = out.v[0];
	r->buf[1] = out.v[1];
	r->buf[2] = out.v[2];
	r->buf[3] = out.v[3];
	r->left = 4;
	r->ctr[3]++;
	r->blocks++;
}

static void gsl_set(void *state, unsigned long seed)
{
	(void)state;
	(void)seed; /* keyed by dur_rng_init, never by GSL */
}

static unsigned long gsl_get(void *state)
{
	return dur_rng_u32(state);
}

static double gsl_get_double(void *state)
{
	/* GSL wants [0,1); ours is (0,1), a subset. */
	return dur_rng_uniform(state);
}

static const gsl_rng_type philox_type = {
	"durand-philox4x32",	0xffffffffUL, 0,
	sizeof(struct dur_rng), gsl_set,      gsl_get,
	gsl_get_double
};

void dur_rng_gsl(struct dur_rng *r, gsl_rng *g)
{
	g->type = &philox_type;
	g->state = r;
}
