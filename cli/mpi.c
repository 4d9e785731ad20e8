/*
 * mpi.c: the comm layer of mpi.h over Open MPI (with -DDURAND_MPI), or for
 * a world of one process. Blobs go point to point, rank by rank, to a
 * receiver that takes them in rank order: no reduction is left to the MPI
 * library, so the bytes assembled do not depend on its algorithms.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef DURAND_MPI
#include <mpi.h>
#endif

#include "durand/pfilter.h"
#include "mpi.h"

static int rank_, size_ = 1;
#ifdef DURAND_MPI
static int started; /* MPI_Init was called */
#endif

/* The number of processes an MPI launcher says it started (mpirun of Open
 * MPI, or a PMI/PMIx launcher such as srun), 1 if none, or 2 when only a
 * rank > 0 is known. */
static long launched_size(void)
{
	static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE",
					    "PMI_SIZE", "PMIX_SIZE" };
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) && atol(v) > 1)
			return atol(v);
	if ((v = getenv("PMIX_RANK")) && atol(v) > 0)
		return 2;
	if ((v = getenv("PMI_RANK")) && atol(v) > 0)
		return 2;
	return 1;
}

static int launched(void)
{
	return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") ||
	       getenv("PMIX_RANK") || getenv("PMI_RANK");
}

int cli_comm_built_with_mpi(void)
{
#ifdef DURAND_MPI
	return 1;
#else
	return 0;
#endif
}

int cli_comm_init(int *argc, char ***argv, const char *cmd)
{
	long n = launched_size();

#ifdef DURAND_MPI
	int provided;

	if (launched()) {
		if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED,
				    &provided) != MPI_SUCCESS) {
			fprintf(stderr, "durand: MPI_Init failed\n");
			return 1;
		}
		started = 1;
		MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
		MPI_Comm_size(MPI_COMM_WORLD, &size_);
		n = size_;
	}
#else
	(void)argc;
	(void)argv;
	(void)launched;
	if (n > 1) {
		fprintf(stderr,
			"durand: started as one of %ld MPI processes, but this "
			"durand was built without MPI; rebuild with `make "
			"MPI=1` (Open MPI: scripts/install-deps.sh --mpi), or "
			"run one process and split the work with `durand run "
			"--shard K/N` and `durand merge`\n",
			n);
		return 2;
	}
#endif
	if (n > 1 && strcmp(cmd, "run") != 0 && strcmp(cmd, "filter") != 0 &&
	    strcmp(cmd, "calibrate") != 0 && strcmp(cmd, "backtest") != 0) {
		if (rank_ == 0)
			fprintf(stderr,
				"durand %s: does not divide its work over MPI "
				"processes (only `durand run`, `filter`, "
				"`calibrate --method if2` and `backtest` do); "
				"start it as one process\n",
				cmd);
		return 2;
	}
	return 0;
}

void cli_comm_finalize(void)
{
#ifdef DURAND_MPI
	if (started)
		MPI_Finalize();
	started = 0;
#endif
}

int cli_comm_rank(void)
{
	return rank_;
}

int cli_comm_size(void)
{
	return size_;
}

void cli_comm_free_blobs(unsigned char **blobs, size_t *len)
{
	for (int i = 0; blobs && i < size_; i++)
		free(blobs[i]);
	free(blobs);
	free(len);
}

/* New arrays of size_ blobs and lengths, zeroed. */
static int blobs_new(unsigned char ***b, size_t **len)
{
	*b = calloc((size_t)size_, sizeof(**b));
	*len = calloc((size_t)size_, sizeof(**len));
	if (!*b || !*len) {
		free(*b);
		free(*len);
		*b = NULL;
		*len = NULL;
		return -1;
	}
	return 0;
}

static unsigned char *dup_bytes(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	if (d && n)
		memcpy(d, p, n);
	return d;
}

#ifdef DURAND_MPI
enum { TAG_GATHER = 11 };

/* Receive one blob of unknown size from rank `from` with `tag`. */
static int recv_blob(int from, int tag, unsigned char **out, size_t *n)
{
	MPI_Status st;
	int count;

	if (MPI_Probe(from, tag, MPI_COMM_WORLD, &st) != MPI_SUCCESS ||
	    MPI_Get_count(&st, MPI_BYTE, &count) != MPI_SUCCESS ||
	    count == MPI_UNDEFINED)
		return -1;
	*out = malloc(count ? (size_t)count : 1);
	if (!*out)
		return -1;
	*n = (size_t)count;
	return MPI_Recv(*out, count, MPI_BYTE, from, tag, MPI_COMM_WORLD,
			MPI_STATUS_IGNORE) == MPI_SUCCESS
		       ? 0
		       : -1;
}
#endif

int cli_comm_gather(const void *buf, size_t n, unsigned char ***all,
		    size_t **len)
{
	int rc = 0;

	*all = NULL;
	*len = NULL;
	if (n > INT_MAX)
		return -1;
	if (rank_ != 0) {
#ifdef DURAND_MPI
		return MPI_Send(buf, (int)n, MPI_BYTE, 0, TAG_GATHER,
				MPI_COMM_WORLD) == MPI_SUCCESS
			       ? 0
			       : -1;
#endif
	}
	if (blobs_new(all, len))
		return -1;
	(*all)[0] = dup_bytes(buf, n);
	(*len)[0] = n;
	if (!(*all)[0])
		rc = -1;
#ifdef DURAND_MPI
	/* in rank order; every message is received even after a failure,
	 * so that no sender is left waiting */
	for (int r = 1; r < size_; r++) {
		unsigned char *b = NULL;
		size_t bn = 0;

		if (recv_blob(r, TAG_GATHER, &b, &bn))
			rc = -1;
		(*all)[r] = b;
		(*len)[r] = bn;
	}
#endif
	if (rc) {
		cli_comm_free_blobs(*all, *len);
		*all = NULL;
		*len = NULL;
	}
	return rc;
}

int cli_comm_allgather_doubles(const double *mine, size_t n, double **all,
			       size_t **counts)
{
	size_t total = n;
	size_t *c = calloc((size_t)size_, sizeof(*c));

	*all = NULL;
	if (counts)
		*counts = NULL;
	if (!c || n > INT_MAX) {
		free(c);
		return -1;
	}
	c[0] = n;
#ifdef DURAND_MPI
	if (size_ > 1) {
		uint64_t n64 = n, *c64 = calloc((size_t)size_, sizeof(*c64));
		int *cnt = calloc((size_t)size_, sizeof(*cnt));
		int *disp = calloc((size_t)size_, sizeof(*disp));
		int rc = !c64 || !cnt || !disp;

		/* every rank takes part in both collectives even when its
		 * own allocation failed, then all agree on failure */
		if (MPI_Allgather(&n64, 1, MPI_UINT64_T, rc ? NULL : c64, 1,
				  MPI_UINT64_T, MPI_COMM_WORLD) != MPI_SUCCESS)
			rc = 1;
		total = 0;
		for (int r = 0; !rc && r < size_; r++) {
			c[r] = c64[r];
			if (total + c64[r] > INT_MAX)
				rc = 1;
			else {
				cnt[r] = (int)c64[r];
				disp[r] = (int)total;
				total += c64[r];
			}
		}
		MPI_Allreduce(MPI_IN_PLACE, &rc, 1, MPI_INT, MPI_MAX,
			      MPI_COMM_WORLD);
		if (!rc && !(*all = malloc((total ? total : 1) * sizeof(**all))))
			rc = 1;
		MPI_Allreduce(MPI_IN_PLACE, &rc, 1, MPI_INT, MPI_MAX,
			      MPI_COMM_WORLD);
		if (!rc && MPI_Allgatherv(mine, (int)n, MPI_DOUBLE, *all, cnt,
					  disp, MPI_DOUBLE,
					  MPI_COMM_WORLD) != MPI_SUCCESS)
			rc = 1;
		free(c64);
		free(cnt);
		free(disp);
		if (rc) {
			free(*all);
			*all = NULL;
			free(c);
			return -1;
		}
		if (counts)
			*counts = c;
		else
			free(c);
		return 0;
	}
#endif
	*all = malloc((total ? total : 1) * sizeof(**all));
	if (!*all) {
		free(c);
		return -1;
	}
	if (n)
		memcpy(*all, mine, n * sizeof(*mine));
	if (counts)
		*counts = c;
	else
		free(c);
	return 0;
}

int cli_comm_exchange(unsigned char *const *send, const size_t *send_len,
		      unsigned char ***recv, size_t **recv_len)
{
	int rc;

	if (blobs_new(recv, recv_len))
		return -1;
	rc = 0;
	for (int d = 0; d < size_; d++)
		if (send_len[d] > INT_MAX)
			rc = -1;
#ifdef DURAND_MPI
	if (size_ > 1) {
		MPI_Request *req = calloc((size_t)size_, sizeof(*req));
		int nreq = 0;

		if (!req)
			rc = -1;
		/* post every send but the one to self, then receive from
		 * each rank in rank order */
		for (int d = 0; !rc && d < size_; d++)
			if (d != rank_ &&
			    MPI_Isend(send[d], (int)send_len[d], MPI_BYTE, d,
				      TAG_GATHER + 1, MPI_COMM_WORLD,
				      &req[nreq++]) != MPI_SUCCESS)
				rc = -1;
		for (int s = 0; !rc && s < size_; s++) {
			if (s == rank_)
				continue;
			if (recv_blob(s, TAG_GATHER + 1, &(*recv)[s],
				      &(*recv_len)[s]))
				rc = -1;
		}
		if (nreq && MPI_Waitall(nreq, req, MPI_STATUSES_IGNORE) !=
				    MPI_SUCCESS)
			rc = -1;
		free(req);
	}
#endif
	if (!rc) {
		(*recv)[rank_] = dup_bytes(send[rank_], send_len[rank_]);
		(*recv_len)[rank_] = send_len[rank_];
		if (!(*recv)[rank_])
			rc = -1;
	}
	if (rc) {
		cli_comm_free_blobs(*recv, *recv_len);
		*recv = NULL;
		*recv_len = NULL;
	}
	return rc;
}

int cli_comm_allgather_bytes(const void *mine, void *all, const size_t *lens)
{
	size_t off = 0;

	for (int r = 0; r < rank_; r++)
		off += lens[r];
#ifdef DURAND_MPI
	if (size_ > 1) {
		int *cnt = calloc((size_t)size_, sizeof(*cnt));
		int *disp = calloc((size_t)size_, sizeof(*disp));
		size_t total = 0;
		int rc = !cnt || !disp;

		for (int r = 0; r < size_; r++) {
			if (lens[r] > INT_MAX || total > INT_MAX - lens[r])
				rc = 1; /* the same on every rank */
			else if (cnt && disp) {
				cnt[r] = (int)lens[r];
				disp[r] = (int)total;
			}
			total += lens[r];
		}
		/* all agree on failure before the collective */
		MPI_Allreduce(MPI_IN_PLACE, &rc, 1, MPI_INT, MPI_MAX,
			      MPI_COMM_WORLD);
		/* Allgatherv moves bytes only: no arithmetic is left to
		 * the library */
		/* a rank's own part already in place is not copied */
		if (!rc && MPI_Allgatherv((const unsigned char *)mine ==
							  (unsigned char *)all +
								  off
						  ? MPI_IN_PLACE
						  : mine,
					  (int)lens[rank_], MPI_BYTE,
					  all, cnt, disp, MPI_BYTE,
					  MPI_COMM_WORLD) != MPI_SUCCESS)
			rc = 1;
		free(cnt);
		free(disp);
		return rc ? -1 : 0;
	}
#endif
	if (lens[rank_])
		memmove((unsigned char *)all + off, mine, lens[rank_]);
	return 0;
}

static int pf_allgather(void *ctx, const void *mine, void *all,
			const size_t *lens)
{
	(void)ctx;
	return cli_comm_allgather_bytes(mine, all, lens);
}

static int pf_exchange(void *ctx, void *const *send, const size_t *len,
		       void **recv, size_t *rlen)
{
	unsigned char **b;
	size_t *bl;

	(void)ctx;
	if (cli_comm_exchange((unsigned char *const *)send, len, &b, &bl))
		return -1;
	for (int r = 0; r < size_; r++) {
		recv[r] = b[r];
		rlen[r] = bl[r];
	}
	free(b);
	free(bl);
	return 0;
}

const struct dur_pf_comm *cli_pf_comm(void)
{
	static struct dur_pf_comm c;

	if (size_ < 2)
		return NULL;
	c.rank = rank_;
	c.size = size_;
	c.allgather = pf_allgather;
	c.exchange = pf_exchange;
	c.ctx = NULL;
	return &c;
}
