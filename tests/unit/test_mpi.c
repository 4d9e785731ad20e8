/*
 * test_mpi.c: the CLI's comm layer (cli/mpi.h): blobs gathered to rank 0 in
 * rank order, doubles of unequal counts gathered on every rank, and blobs
 * moved between every pair of ranks, each byte checked. One process under
 * `make unit`; 2 and 3 under mpirun in tests/cli/t0910-mpi.sh when the
 * build has MPI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

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

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gather_in_rank_order),
		cmocka_unit_test(allgather_doubles_unequal_counts),
		cmocka_unit_test(exchange_between_every_pair),
	};
	int rc;

	if (cli_comm_init(&argc, &argv, "run"))
		return 2;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cli_comm_finalize();
	return rc;
}
