/*
 * test_mpi.c: the CLI's comm layer (cli/mpi.h): blobs gathered to rank 0 in
 * rank order, doubles of unequal counts gathered on every rank, and blobs
 * moved between every pair of ranks, each byte checked; bytes gathered on
 * every rank (in place too); and the particle filter over the comm hook
 * giving the same bits as the filter on this process alone. One process under
 * `make unit`; 2 and 3 under mpirun in tests/cli/t0910-mpi.sh when the
 * build has MPI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/pfilter.h"
#include "durand/rng.h"

#include "../../cli/mpi.h"

/* Byte i of the blob rank r sends to rank d. */
static unsigned char pattern(int r, int d, size_t i)
{
	return (unsigned char)(r * 16 + d * 3 + (int)i * 7 + 1);
}

/* The length of that blob: some ranks send nothing to some others. */
static size_t blob_len(int r, int d)
{
	return (size_t)((r * 5 + d * 3) % 7) * 11;
}

static void gather_in_rank_order(void **state)
{
	int rank = cli_comm_rank(), size = cli_comm_size();
	size_t n = blob_len(rank, 0);
	unsigned char *mine = malloc(n + 1), **all;
	size_t *len;

	(void)state;
	assert_non_null(mine);
	for (size_t i = 0; i < n; i++)
		mine[i] = pattern(rank, 0, i);
	assert_int_equal(cli_comm_gather(mine, n, &all, &len), 0);
	if (rank != 0) {
		assert_null(all);
		assert_null(len);
	} else {
		for (int r = 0; r < size; r++) {
			assert_int_equal(len[r], blob_len(r, 0));
			for (size_t i = 0; i < len[r]; i++)
				assert_int_equal(all[r][i], pattern(r, 0, i));
		}
		cli_comm_free_blobs(all, len);
	}
	free(mine);
}

static void allgather_doubles_unequal_counts(void **state)
{
	int rank = cli_comm_rank(), size = cli_comm_size();
	size_t n = (size_t)rank + 2, *counts, at = 0;
	double mine[64], *all;

	(void)state;
	for (size_t i = 0; i < n; i++)
		mine[i] = rank + 0.125 * (double)i - 1e-300;
	assert_int_equal(cli_comm_allgather_doubles(mine, n, &all, &counts),
			 0);
	for (int r = 0; r < size; r++) {
		assert_int_equal(counts[r], (size_t)r + 2);
		for (size_t i = 0; i < counts[r]; i++, at++)
			/* the same bits, not merely close */
			assert_true(all[at] == r + 0.125 * (double)i - 1e-300);
	}
	free(all);
	free(counts);
}

static void exchange_between_every_pair(void **state)
{
	int rank = cli_comm_rank(), size = cli_comm_size();
	unsigned char **send = calloc((size_t)size, sizeof(*send)), **recv;
	size_t *send_len = calloc((size_t)size, sizeof(*send_len)), *recv_len;

	(void)state;
	assert_non_null(send);
	assert_non_null(send_len);
	for (int d = 0; d < size; d++) {
		send_len[d] = blob_len(rank, d);
		send[d] = malloc(send_len[d] + 1);
		assert_non_null(send[d]);
		for (size_t i = 0; i < send_len[d]; i++)
			send[d][i] = pattern(rank, d, i);
	}
	assert_int_equal(cli_comm_exchange(send, send_len, &recv, &recv_len),
			 0);
	for (int s = 0; s < size; s++) {
		assert_int_equal(recv_len[s], blob_len(s, rank));
		for (size_t i = 0; i < recv_len[s]; i++)
			assert_int_equal(recv[s][i], pattern(s, rank, i));
	}
	cli_comm_free_blobs(recv, recv_len);
	cli_comm_free_blobs(send, send_len);
}

static void allgather_bytes_in_rank_order(void **state)
{
	int rank = cli_comm_rank(), size = cli_comm_size();
	size_t *lens = calloc((size_t)size, sizeof(*lens)), total = 0, off = 0;
	unsigned char *all, *all2, mine[64];

	(void)state;
	assert_non_null(lens);
	for (int r = 0; r < size; r++) {
		lens[r] = blob_len(r, r); /* 0 for rank 0 */
		if (r < rank)
			off += lens[r];
		total += lens[r];
	}
	all = malloc(total + 1);
	all2 = malloc(total + 1);
	assert_non_null(all);
	assert_non_null(all2);
	for (size_t i = 0; i < lens[rank]; i++)
		mine[i] = pattern(rank, rank, i);
	assert_int_equal(cli_comm_allgather_bytes(mine, all, lens), 0);
	/* in place: this rank's bytes already where they go */
	memcpy(all2 + off, mine, lens[rank]);
	assert_int_equal(cli_comm_allgather_bytes(all2 + off, all2, lens), 0);
	off = 0;
	for (int r = 0; r < size; r++)
		for (size_t i = 0; i < lens[r]; i++, off++) {
			assert_int_equal(all[off], pattern(r, r, i));
			assert_int_equal(all2[off], pattern(r, r, i));
		}
	free(all);
	free(all2);
	free(lens);
}

/* A toy filter: a Gaussian random walk seen with Gaussian noise. */
struct walker {
	double x;
	struct dur_rng rng;
};

static const double obs_y[12] = { 0.3, 0.9, 1.4, 0.8, 2.2, 2.9,
				  2.1, 3.5, 4.0, 3.1, 4.4, 5.2 };

static int w_init(void *ctx, void *p, uint64_t seed, uint64_t stream)
{
	struct walker *w = p;

	(void)ctx;
	dur_rng_init(&w->rng, seed, stream);
	w->x = dur_rng_uniform(&w->rng) - 0.5;
	return 0;
}

static void w_rekey(void *ctx, void *p, uint64_t seed, uint64_t stream)
{
	(void)ctx;
	dur_rng_init(&((struct walker *)p)->rng, seed, stream);
}

static void w_step(void *ctx, void *p, int t)
{
	struct walker *w = p;

	(void)ctx;
	(void)t;
	w->x += 2 * dur_rng_uniform(&w->rng) - 1;
}

static double w_loglik(void *ctx, void *p, int t)
{
	double z = obs_y[t] - ((struct walker *)p)->x;

	(void)ctx;
	return -0.5 * z * z / 0.25;
}

static int w_nfeat(void *ctx, int t)
{
	(void)ctx;
	return t % 3 == 0 ? 2 : 0;
}

static void w_feature(void *ctx, const void *p, int t, double *out)
{
	(void)ctx;
	out[0] = ((const struct walker *)p)->x;
	out[1] = out[0] * out[0] + t;
}

/* The weighted mean of each feature at each predicting step. */
static void w_predict(void *ctx, const double *feat, int nf, const double *w,
		      long n, int t)
{
	double *pred = ctx;

	for (int k = 0; k < nf; k++) {
		double s = 0;

		for (long i = 0; i < n; i++)
			s += w[i] * feat[i * nf + k];
		pred[t * 2 + k] = s;
	}
}

static void filter_over_ranks_same_bits(void **state)
{
	double pred1[24] = { 0 }, pred2[24] = { 0 };
	struct dur_pf_model m = { sizeof(struct walker), w_init, w_rekey,
				  w_step, w_loglik, w_predict, NULL, pred1,
				  w_nfeat, w_feature, NULL };
	struct dur_pf_opts o = DUR_PF_OPTS_INIT;
	struct dur_pf_result *one, *all;
	struct dur_error err = { 0 };

	(void)state;
	o.particles = 301; /* not a multiple of 2 or 3 */
	o.steps = 12;
	o.seed = 99;
	o.threads = 1;
	o.resample_below = 0.9;
	assert_int_equal(dur_pf_run(&m, &o, &one, &err), 0);
	m.ctx = pred2;
	o.comm = cli_pf_comm(); /* NULL on one process */
	o.threads = 2;
	assert_int_equal(dur_pf_run(&m, &o, &all, &err), 0);
	assert_true(one->resamples > 2);
	assert_memory_equal(&one->loglik, &all->loglik, sizeof(double));
	assert_memory_equal(one->ess, all->ess, 12 * sizeof(double));
	assert_memory_equal(one->cll, all->cll, 12 * sizeof(double));
	assert_int_equal(one->resamples, all->resamples);
	assert_memory_equal(one->w, all->w, 301 * sizeof(double));
	for (long i = 0; i < 301; i++) { /* field by field: not padding */
		const struct walker *a = (const void *)(one->particles +
							i * sizeof(*a)),
				    *b = (const void *)(all->particles +
							i * sizeof(*b));

		assert_memory_equal(&a->x, &b->x, sizeof(a->x));
		assert_memory_equal(a->rng.ctr, b->rng.ctr, sizeof(a->rng.ctr));
		assert_memory_equal(a->rng.buf, b->rng.buf, sizeof(a->rng.buf));
		assert_int_equal(a->rng.left, b->rng.left);
		assert_int_equal(a->rng.blocks, b->rng.blocks);
	}
	assert_memory_equal(pred1, pred2, sizeof(pred1));
	assert_true(cli_comm_size() == 1 ? all->sent_all == 0
					 : all->sent_all > 0);
	dur_pf_result_free(one);
	dur_pf_result_free(all);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gather_in_rank_order),
		cmocka_unit_test(allgather_doubles_unequal_counts),
		cmocka_unit_test(exchange_between_every_pair),
		cmocka_unit_test(allgather_bytes_in_rank_order),
		cmocka_unit_test(filter_over_ranks_same_bits),
	};
	int rc;

	if (cli_comm_init(&argc, &argv, "run"))
		return 2;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cli_comm_finalize();
	return rc;
}
