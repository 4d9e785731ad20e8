/*
 * mpi.h: the comm layer, durand's one door to MPI.
 *
 * The library never sees MPI: it computes parts (runs by index) and the CLI
 * moves their bytes between processes through these few calls. In a build
 * without MPI (the default; `make MPI=1` turns it on, docs/cluster.md)
 * they are those of a world of one process, and
 * cli_comm_init refuses to start under an MPI launcher rather than let N
 * copies each compute and write the whole answer.
 *
 * Every collective takes part on every rank, in a fixed order of ranks, so
 * that what rank 0 assembles is the same bytes whatever the MPI library's
 * choice of algorithm. Blobs larger than INT_MAX bytes are refused (-1):
 * MPI counts are ints.
 */
#ifndef DURAND_CLI_MPI_H
#define DURAND_CLI_MPI_H

#include <stddef.h>

/* 1 if this durand was built with MPI. */
int cli_comm_built_with_mpi(void);

/*
 * Start the comm layer for command `cmd`: with MPI, MPI_Init when an MPI
 * launcher started this process (its environment says so); without MPI,
 * refuse (message, returns 2) when the launcher started more than one
 * process. Commands other than those that divide their work (`run`,
 * `filter`, `calibrate`, `backtest`) are refused on more than one process
 * too. 0 to go on.
 */
int cli_comm_init(int *argc, char ***argv, const char *cmd);

/* End MPI if it was started; safe to call when it was not. */
void cli_comm_finalize(void);

int cli_comm_rank(void); /* this process, 0..size-1 */
int cli_comm_size(void); /* processes; 1 without MPI or a launcher */

/*
 * Gather each rank's blob to rank 0 in rank order. On rank 0 *all becomes
 * a new array of size() blobs (each malloc'd; blob i of len[i] bytes, and
 * a rank may send 0 bytes), *len a new array of lengths; free with
 * cli_comm_free_blobs. On other ranks *all and *len are NULL. 0 or -1.
 */
int cli_comm_gather(const void *buf, size_t n, unsigned char ***all,
		    size_t **len);

/*
 * Every rank's doubles, concatenated in rank order, on every rank: the
 * particle filter's weights. Ranks may hold different counts n; *all is a
 * new array of the sum (free()), *counts (if not NULL) a new array of
 * size() counts. 0 or -1.
 */
int cli_comm_allgather_doubles(const double *mine, size_t n, double **all,
			       size_t **counts);

/*
 * Move blobs between ranks (particles after resampling): this rank sends
 * send[d] (send_len[d] bytes, 0 for none) to each rank d, itself included,
 * and receives *recv[s] of (*recv_len)[s] bytes from each rank s (new
 * arrays; cli_comm_free_blobs). 0 or -1.
 */
int cli_comm_exchange(unsigned char *const *send, const size_t *send_len,
		      unsigned char ***recv, size_t **recv_len);

void cli_comm_free_blobs(unsigned char **blobs, size_t *len);

/*
 * Every rank's bytes concatenated in rank order into `all`, on every rank:
 * rank r gives lens[r] bytes, and every rank passes the same lens; `mine`
 * may be its own place in `all`. Bytes only (MPI_Allgatherv of MPI_BYTE):
 * nothing is summed. 0 or -1.
 */
int cli_comm_allgather_bytes(const void *mine, void *all, const size_t *lens);

/*
 * The particle filter's hook (pfilter.h) over these calls: its particles
 * split across the ranks. NULL on one process.
 */
struct dur_pf_comm;
const struct dur_pf_comm *cli_pf_comm(void);

#endif
