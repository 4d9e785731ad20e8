/*
 * bench_scale.c: strong scaling of `durand run` and `durand filter` over
 * MPI processes, and a model of the filter on many.
 *
 * 1. `mpirun -n 1` against `-n 2` of ./durand (built with MPI=1), --threads
 *    1 a rank, for `run --runs R` and `filter --particles N --replicates
 *    1`: wall time (median of the repeats) and CPU time (of mpirun and
 *    its ranks, getrusage of the children), speed-up and efficiency
 *    T1 / (2 T2); and the start-up (`run --runs 2` at 2 ranks).
 * 2. What the filter exchanges on P ranks, counted exactly: the filter of
 *    the library runs on P threads standing in for P ranks, through a comm
 *    hook over shared memory that counts, per rank, the collective calls
 *    and the bytes each rank receives (weights, predictions, agreements,
 *    the final cloud) and sends at resamplings (particles).
 * 3. From these, a model (not a measurement) of the filter on 64 and 512
 *    ranks: T(P) = W/P + K c n + A (a log2 P) + V/bw + X a (P - 1) + E/bw
 *    + s, with W the one-rank compute, K the weight syncs, c the measured
 *    cost of a particle's weighting on every rank (serial), A the
 *    allgathers, V the bytes a rank receives in them, X the exchanges, E
 *    the most bytes a rank sends in them, s the start-up; a = 5 us a
 *    message and bw = 1.25 GB/s (10 GbE) are assumed. Printed for the
 *    particles counted and, scaled (work and bytes grow with the
 *    particles, the count of messages does not), for `big` particles.
 *
 * bench_scale [RUNS [PARTICLES [REPEATS [BIG [STARTUP]]]]]: REPEATS 0 skips
 * the mpirun timings (the start-up is then 0.5 s, or STARTUP).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "durand/observe.h"
#include "durand/pfilter.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double children_cpu(void)
{
	struct rusage u;

	getrusage(RUSAGE_CHILDREN, &u);
	return (double)u.ru_utime.tv_sec + 1e-6 * (double)u.ru_utime.tv_usec +
	       (double)u.ru_stime.tv_sec + 1e-6 * (double)u.ru_stime.tv_usec;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median wall and CPU time of `reps` runs of a shell command; -1 if it
 * fails. */
static double timed(const char *cmd, int reps, double *cpu)
{
	double w[16], c[16];

	if (reps > 16)
		reps = 16;
	for (int i = 0; i < reps; i++) {
		double t0 = now(), c0 = children_cpu();

		if (system(cmd) != 0)
			return -1;
		w[i] = now() - t0;
		c[i] = children_cpu() - c0;
	}
	qsort(w, (size_t)reps, sizeof(*w), cmp_d);
	qsort(c, (size_t)reps, sizeof(*c), cmp_d);
	*cpu = c[reps / 2];
	return w[reps / 2];
}

/* `durand WHAT X --threads 1` on p MPI ranks, its JSON thrown away:
 * timed(). */
static double timed_durand(int p, const char *what, long x, int reps,
			   double *cpu)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
		 "mpirun --oversubscribe --allow-run-as-root -n %d ./durand "
		 "%s %ld --threads 1 --format json --out /dev/null",
		 p, what, x);
	return timed(cmd, reps, cpu);
}

/* --- P ranks on P threads, over shared memory ------------------------ */

struct world {
	int P;
	pthread_barrier_t bar;
	const void **slot;      /* [P] each rank's allgather buffer */
	void *const **send;     /* [P] each rank's exchange buffers */
	const size_t **slen;    /* [P] and their lengths */
};

struct rank {
	struct world *w;
	struct dur_pf_comm comm;
	double allgathers, recv_bytes, exchanges, sent_bytes;
	const struct dur_scenario *sc;
	const struct dur_record *rec;
	long n;
	int rc;
	double loglik;
};

static int w_allgather(void *ctx, const void *mine, void *all,
		       const size_t *lens)
{
	struct rank *r = ctx;
	struct world *w = r->w;
	size_t off = 0;

	w->slot[r->comm.rank] = mine;
	pthread_barrier_wait(&w->bar);
	for (int k = 0; k < w->P; k++) {
		if (k != r->comm.rank)
			r->recv_bytes += (double)lens[k];
		memmove((unsigned char *)all + off, w->slot[k], lens[k]);
		off += lens[k];
	}
	r->allgathers++;
	pthread_barrier_wait(&w->bar);
	return 0;
}

static int w_exchange(void *ctx, void *const *send, const size_t *len,
		      void **recv, size_t *rlen)
{
	struct rank *r = ctx;
	struct world *w = r->w;
	int me = r->comm.rank;

	w->send[me] = send;
	w->slen[me] = len;
	pthread_barrier_wait(&w->bar);
	for (int s = 0; s < w->P; s++) {
		size_t n = w->slen[s][me];

		recv[s] = malloc(n ? n : 1);
		if (n)
			memcpy(recv[s], w->send[s][me], n);
		rlen[s] = n;
	}
	for (int d = 0; d < w->P; d++)
		if (d != me)
			r->sent_bytes += (double)len[d];
	r->exchanges++;
	pthread_barrier_wait(&w->bar);
	return 0;
}

static void *rank_main(void *arg)
{
	struct rank *r = arg;
	struct dur_filter_opts o = DUR_FILTER_OPTS_INIT;
	struct dur_filter_result *res = NULL;
	struct dur_error err;

	o.particles = r->n;
	o.replicates = 1;
	o.threads = 1;
	o.until = dur_filter_default_until(r->rec);
	o.comm = &r->comm;
	r->rc = dur_filter_run(r->sc, r->rec, &o, &res, &err);
	if (!r->rc)
		r->loglik = res->loglik;
	dur_filter_result_free(res);
	return NULL;
}

struct traffic {
	double allgathers, recv_bytes, exchanges, sent_max, loglik;
};

static int count_traffic(const struct dur_scenario *sc,
			 const struct dur_record *rec, long n, int P,
			 struct traffic *t)
{
	struct world w = { .P = P };
	struct rank *r = calloc((size_t)P, sizeof(*r));
	pthread_t *th = calloc((size_t)P, sizeof(*th));
	int rc = 0;

	w.slot = calloc((size_t)P, sizeof(*w.slot));
	w.send = calloc((size_t)P, sizeof(*w.send));
	w.slen = calloc((size_t)P, sizeof(*w.slen));
	if (!r || !th || !w.slot || !w.send || !w.slen)
		return -1;
	pthread_barrier_init(&w.bar, NULL, (unsigned)P);
	for (int k = 0; k < P; k++) {
		r[k].w = &w;
		r[k].comm.rank = k;
		r[k].comm.size = P;
		r[k].comm.allgather = w_allgather;
		r[k].comm.exchange = w_exchange;
		r[k].comm.ctx = &r[k];
		r[k].sc = sc;
		r[k].rec = rec;
		r[k].n = n;
		if (pthread_create(&th[k], NULL, rank_main, &r[k]))
			return -1;
	}
	memset(t, 0, sizeof(*t));
	for (int k = 0; k < P; k++) {
		pthread_join(th[k], NULL);
		rc |= r[k].rc;
		if (r[k].sent_bytes > t->sent_max)
			t->sent_max = r[k].sent_bytes;
	}
	t->allgathers = r[0].allgathers;
	t->recv_bytes = r[0].recv_bytes;
	t->exchanges = r[0].exchanges;
	t->loglik = r[0].loglik;
	pthread_barrier_destroy(&w.bar);
	free(w.slot);
	free(w.send);
	free(w.slen);
	free(r);
	free(th);
	return rc;
}

/* What a rank does at each sync with every weight, one particle's worth:
 * the weighting and the effective sample size (pfilter.c). */
static double weighting_cost(long n)
{
	double *ll = malloc((size_t)n * sizeof(*ll)),
	       *w = malloc((size_t)n * sizeof(*w)), sum = 0, t0;
	volatile double sink;
	int reps = 200;

	for (long i = 0; i < n; i++) {
		ll[i] = -0.001 * (double)(i % 977);
		w[i] = 1.0 / (double)n;
	}
	t0 = now();
	for (int k = 0; k < reps; k++) {
		double mx = -INFINITY, s2 = 0;

		for (long i = 0; i < n; i++)
			mx = ll[i] > mx ? ll[i] : mx;
		sum = 0;
		for (long i = 0; i < n; i++) {
			w[i] = exp(ll[i] - mx) / (double)n;
			sum += w[i];
		}
		for (long i = 0; i < n; i++) {
			w[i] /= sum;
			s2 += w[i] * w[i];
		}
		sink = s2;
	}
	(void)sink;
	t0 = (now() - t0) / reps / (double)n;
	free(ll);
	free(w);
	return t0;
}

int main(int argc, char **argv)
{
	long runs = argc > 1 ? atol(argv[1]) : 40000;
	long n = argc > 2 ? atol(argv[2]) : 2000;
	int reps = argc > 3 ? atoi(argv[3]) : 3;
	long big = argc > 4 ? atol(argv[4]) : 100000;
	double f = (double)big / (double)n;
	double t1 = -1, t2 = -1, c1 = 0, c2 = 0, f1 = -1, f2 = -1, fc1 = 0,
	       fc2 = 0, s = -1, sc_ = 0, c, bw = 1.25e9, a = 5e-6;
	struct dur_scenario *sc = NULL;
	struct dur_record *rec = NULL;
	struct dur_error err;
	const int ps[] = { 2, 64, 512 };

	if (reps > 0 && system("ldd ./durand 2>/dev/null | grep -q libmpi && "
			       "command -v mpirun >/dev/null") == 0) {
		const char *run = "run --runs",
			   *filter = "filter --replicates 1 --particles";

		t1 = timed_durand(1, run, runs, reps, &c1);
		f1 = timed_durand(1, filter, n, reps, &fc1);
		t2 = timed_durand(2, run, runs, reps, &c2);
		f2 = timed_durand(2, filter, n, reps, &fc2);
		s = timed_durand(2, run, 2, reps, &sc_);
	}
	if (t1 > 0 && t2 > 0 && f1 > 0 && f2 > 0) {
		printf("strong scaling, 1 thread a rank, median of %d "
		       "(wall; CPU of mpirun and its ranks):\n",
		       reps);
		printf("  run --runs %ld:       1 rank %6.2f s (%6.2f s CPU), "
		       "2 ranks %6.2f s (%6.2f s CPU): speed-up %.2f, "
		       "efficiency %.0f%%\n",
		       runs, t1, c1, t2, c2, t1 / t2, 100 * t1 / (2 * t2));
		printf("  filter --particles %ld: 1 rank %6.2f s (%6.2f s CPU), "
		       "2 ranks %6.2f s (%6.2f s CPU): speed-up %.2f, "
		       "efficiency %.0f%%\n",
		       n, f1, fc1, f2, fc2, f1 / f2, 100 * f1 / (2 * f2));
		printf("  start-up and output at 2 ranks (run --runs 2): "
		       "%.2f s\n",
		       s);
	} else {
		printf("strong scaling: skipped (no repeats asked, or "
		       "./durand has no MPI (make MPI=1) or no mpirun)\n");
		s = 0.5; /* assumed below */
	}
	if (argc > 5)
		s = atof(argv[5]); /* a start-up measured elsewhere */

	if (dur_scenario_create("afpak-2021", NULL, &sc, &err) ||
	    dur_record_builtin("afpak", &rec, &err)) {
		fprintf(stderr, "bench_scale: cannot load afpak-2021 or the "
				"record\n");
		return 1;
	}
	{
		struct traffic t1r;
		double w0 = now(), W;

		if (count_traffic(sc, rec, n, 1, &t1r)) {
			fprintf(stderr, "bench_scale: the filter failed\n");
			return 1;
		}
		W = now() - w0; /* one rank's compute, in process */
		c = weighting_cost(n);
		printf("filter of afpak-2021, %ld particles, one rank in "
		       "process: %.2f s; weighting a particle at a sync "
		       "(serial, every rank): %.1f ns\n",
		       n, W, 1e9 * c);
		for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
			struct traffic t;
			int P = ps[i];
			double K, tp, comm;

			if (count_traffic(sc, rec, n, P, &t) ||
			    memcmp(&t.loglik, &t1r.loglik, sizeof(double))) {
				fprintf(stderr, "bench_scale: %d ranks differ "
						"from one\n",
					P);
				return 1;
			}
			/* two allgathers a sync at least (agreement,
			 * weights): K is at most half of them */
			K = t.allgathers / 2;
			comm = t.allgathers * a * log2(P) + t.recv_bytes / bw +
			       t.exchanges * a * (P - 1) + t.sent_max / bw;
			tp = W / P + K * c * (double)n + comm + s;
			printf("%3d ranks, counted: %.0f allgathers, %.1f MB "
			       "received a rank; %.0f exchanges, %.2f MB "
			       "sent by the busiest rank (%.1f KB a "
			       "resampling); model: T = %.2f s (compute "
			       "%.3f, serial weighting %.3f, messages %.3f, "
			       "start-up %.2f), efficiency %.1f%%\n",
			       P, t.allgathers, t.recv_bytes / 1e6, t.exchanges,
			       t.sent_max / 1e6,
			       t.exchanges ? t.sent_max / t.exchanges / 1e3 : 0,
			       tp, W / P, K * c * (double)n, comm, s,
			       100 * W / (P * tp));
			/* the same filter with `big` particles: work and
			 * bytes grow with the particles, the messages'
			 * count does not */
			comm = t.allgathers * a * log2(P) +
			       t.recv_bytes * f / bw +
			       t.exchanges * a * (P - 1) + t.sent_max * f / bw;
			tp = W * f / P + K * c * (double)n * f + comm + s;
			printf("     model with %ld particles: T = %.2f s "
			       "(compute %.2f, serial weighting %.3f, messages "
			       "%.2f, start-up %.2f), efficiency %.1f%%\n",
			       big, tp, W * f / P, K * c * (double)n * f, comm,
			       s, 100 * W * f / (P * tp));
		}
	}
	dur_record_free(rec);
	dur_scenario_free(sc);
	return 0;
}
