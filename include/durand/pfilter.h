/*
 * pfilter.h: a bootstrap particle filter over any model that steps a state
 * one time unit at a time.
 *
 * The model is a set of callbacks over particles of a fixed size (struct
 * dur_pf_model); the filter owns the particles as one array, steps them,
 * weights them by the log density of what was observed at the end of each
 * step, and resamples (systematic resampling) when the effective sample size
 * falls below a fraction of their number. Its output is the estimate of the
 * log-likelihood of the observations, the effective sample size after each
 * step, and the final cloud with its weights.
 *
 * Determinism: particle i of generation g draws only from the stream
 * (seed, stream id of (g, i)) (rekey), and the resampling uniform of a step
 * from a stream of its own, so the result is the same bits for any number
 * of threads. Sums over particles are taken in index order by one thread.
 *
 * Processes: with a communication hook (struct dur_pf_comm, which the CLI
 * implements over MPI; this library never sees MPI) the particles are split
 * by index in blocks across processes. Each process steps its own; at each
 * sync every process gathers every particle's log-likelihood in index order
 * and updates the same full weight vector by the same sums as one process,
 * resamples by the same rule and uniform, and the offspring move to the
 * process that owns their index. The likelihood, the effective sample
 * sizes and the final cloud are the same bits for any number of processes.
 */
#ifndef DURAND_PFILTER_H
#define DURAND_PFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "durand/error.h"

struct dur_pf_model {
	size_t size; /* bytes of one particle */
	/* Set particle p to a draw of the initial state, from stream `stream`
	 * under `seed`. Returns 0 or a DUR_E code. */
	int (*init)(void *ctx, void *p, uint64_t seed, uint64_t stream);
	/* Give a copied particle a stream of its own (after resampling); also
	 * fixes pointers into the particle's own memory. */
	void (*rekey)(void *ctx, void *p, uint64_t seed, uint64_t stream);
	/* Advance p by one step: from time t to t + 1. */
	void (*step)(void *ctx, void *p, int t);
	/* Log density of what was observed at the end of step t, given p
	 * (0 when nothing was). May update p's own accumulators. */
	double (*loglik)(void *ctx, void *p, int t);
	/* Optional: called from one thread after the step and before the
	 * weighting of step t, with the nf features of every particle
	 * (feat[i * nf + k], from `feature`) and the normalised weights, to
	 * record predictions. Only on steps where nfeatures() > 0. */
	void (*predict)(void *ctx, const double *feat, int nf, const double *w,
			long n, int t);
	/* Optional: 1 if the weights must be brought up to date after step t
	 * (a fact to predict, a time to consider resampling). Between such
	 * steps each particle steps on alone, its log-likelihoods summed, so
	 * threads meet once a stretch instead of once a step. NULL: every
	 * step. The last step always is one. */
	int (*sync)(void *ctx, int t);
	void *ctx;
	/* With predict: how many features each particle gives at step t
	 * (0: no prediction then), and particle p's into out[0..nf). The
	 * features of particles on other processes are gathered, so predict
	 * sees the whole cloud's. */
	int (*nfeatures)(void *ctx, int t);
	void (*feature)(void *ctx, const void *p, int t, double *out);
	/* Optional: re-point a particle's pointers (into its own memory, to
	 * the model) after its bytes were copied from another process;
	 * rekey must do this too. */
	void (*relocate)(void *ctx, void *p);
};

/*
 * How the processes of one filter talk. Particles are split by index:
 * rank r of `size` holds [dur_pf_block(n, size, r), dur_pf_block(n, size,
 * r + 1)). Each call is collective: every rank makes it, in the same
 * order. A particle travels as its `size` bytes (one build of durand on
 * every process; rekey/relocate re-point its pointers).
 */
struct dur_pf_comm {
	int rank, size;
	/* Every rank's bytes, concatenated in rank order, into `all` on every
	 * rank: rank r gives lens[r] bytes (every rank knows lens). 0 or -1. */
	int (*allgather)(void *ctx, const void *mine, void *all,
			 const size_t *lens);
	/* Send send[d] (len[d] bytes, 0 for none) to each rank d, itself
	 * included; recv[s] becomes a new buffer (free()) of rlen[s] bytes
	 * from rank s. 0 or -1 (then nothing to free). */
	int (*exchange)(void *ctx, void *const *send, const size_t *len,
			void **recv, size_t *rlen);
	void *ctx;
};

/* The first nonzero of every process's code rc, in rank order (0 if
 * none), on every process, so that all take the same branch; DUR_EIO if
 * they cannot exchange. Collective. */
int dur_pf_agree(const struct dur_pf_comm *cm, int rc);

/* First index of block r of n split in `size` blocks. */
static inline long dur_pf_block(long n, int size, int r)
{
	return (long)((long long)n * r / size);
}

struct dur_pf_opts {
	long particles;   /* number of particles */
	int steps;        /* time steps to filter */
	uint64_t seed;
	uint64_t replicate; /* distinguishes independent filters of a seed */
	int threads;      /* 0: all cores */
	double resample_below; /* resample when ESS < this * particles */
	const dur_cancel *cancel; /* stop when it becomes nonzero */
	const struct dur_pf_comm *comm; /* NULL: one process */
};

#define DUR_PF_OPTS_INIT                                                   \
	{ .particles = 1000, .steps = 0, .seed = 1, .replicate = 0,       \
	  .threads = 0, .resample_below = 0.5, .cancel = NULL,  \
	  .comm = NULL }

struct dur_pf_result {
	double loglik;     /* estimate of the log-likelihood */
	int steps;
	double *ess;       /* [steps] effective sample size after weighting
			      (at steps between syncs: the last sync's) */
	double *cll;       /* [steps] conditional log-likelihood of each
			      step (of the stretch ending there, at syncs) */
	int resamples;     /* how many times the cloud was resampled */
	long n;            /* particles */
	size_t size;       /* bytes of a particle */
	unsigned char *particles; /* [n * size], the final cloud (all of it
				     on every process) */
	double *w;         /* [n] normalised weights of the final cloud */
	uint64_t sent;     /* bytes of particles this process sent to others
			      (0 on one process) */
	uint64_t sent_all; /* and all processes together */
};

/*
 * Filter opts->steps steps of model m. On success *out is a new result
 * (dur_pf_result_free). DUR_EINVAL for bad options, DUR_ENOMEM,
 * DUR_ECANCEL, or a code the model's init returned; with a comm, DUR_EIO
 * when the processes cannot exchange (every process returns the same code). When every particle
 * has zero likelihood at a step the filter stops with DUR_ENOCONV, naming
 * the step.
 */
int dur_pf_run(const struct dur_pf_model *m, const struct dur_pf_opts *o,
	       struct dur_pf_result **out, struct dur_error *err);

void dur_pf_result_free(struct dur_pf_result *r);

/*
 * Systematic resampling: given n normalised weights and one uniform u in
 * [0, 1), write into idx[0..n) the parent of each offspring, in increasing
 * order. Parent i gets floor or ceil of n * w[i] offspring.
 */
void dur_pf_systematic(const double *w, long n, double u, long *idx);

/* Stream id of particle i of resampling generation g. */
static inline uint64_t dur_pf_stream(uint64_t replicate, int g, long i)
{
	return (replicate << 56) ^ ((uint64_t)(uint32_t)g << 28) ^ (uint64_t)i;
}

#endif
