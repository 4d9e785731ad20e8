/*
 * driver.c: the library's one parallel loop (driver.h) over OpenMP.
 */
#include <stdlib.h>

#include <omp.h>

#include "durand/driver.h"

long dur_drive_chunk(long n, int threads)
{
	long c = n / (8L * (threads > 0 ? threads : 1));

	return c < 1 ? 1 : c > 16 ? 16 : c;
}

int dur_drive_threads(int t, long n)
{
	if (t <= 0)
		t = omp_get_num_procs();
	if (n < t)
		t = n < 1 ? 1 : (int)n;
	return t;
}

int dur_drive(const struct dur_task *t, long *done_out, struct dur_error *err)
{
	long n = t->end - t->begin, done = 0;
	int threads = dur_drive_threads(t->threads, n);
	long chunk = dur_drive_chunk(n, threads);
	void **local = calloc((size_t)threads, sizeof(*local));
	int *trc = calloc((size_t)threads, sizeof(*trc));
	char *used = calloc((size_t)threads, 1);
	int stop = 0, rc = 0;

	if (done_out)
		*done_out = 0;
	if (!local || !trc || !used) {
		free(local);
		free(trc);
		free(used);
		return dur_error_set(err, DUR_ENOMEM, "", 0, 0,
				     "out of memory for %d threads", threads);
	}
#pragma omp parallel num_threads(threads) if (n > 1)
	{
		int me = omp_get_thread_num();
		int myrc = 0;

		used[me] = 1;
		if (t->local_size && !(local[me] = calloc(1, t->local_size)))
			myrc = DUR_ENOMEM;
		else if (t->init)
			myrc = t->init(t->ctx, local[me]);
		if (myrc) {
#pragma omp atomic write
			stop = 1;
		}
#pragma omp for schedule(dynamic, chunk)
		for (long i = t->begin; i < t->end; i++) {
			int halt;
			long d;

#pragma omp atomic read
			halt = stop;
			if (myrc || halt || dur_cancelled(t->cancel))
				continue;
			myrc = t->run(t->ctx, local[me], i);
			if (myrc) {
#pragma omp atomic write
				stop = 1;
				continue;
			}
#pragma omp atomic capture
			d = ++done;
			if (me == 0)
				dur_progress_steps(t->progress, t->progress_ctx,
						   t->begin + d, t->end);
		}
		trc[me] = myrc;
	}
	for (int k = 0; k < threads; k++)
		if (!rc && trc[k])
			rc = trc[k];
	if (!rc && dur_cancelled(t->cancel))
		rc = DUR_ECANCEL;
	for (int k = 0; k < threads; k++) {
		if (!used[k])
			continue;
		if (!rc && t->merge)
			rc = t->merge(t->ctx, local[k]);
		if (t->release && (local[k] || !t->local_size))
			t->release(t->ctx, local[k]);
		free(local[k]);
	}
	free(local);
	free(trc);
	free(used);
	if (done_out)
		*done_out = done;
	if (rc)
		return dur_error_set(err, rc, "", 0, 0,
				     "%s after %ld of %ld items",
				     rc == DUR_ECANCEL ? "interrupted"
				     : rc == DUR_ENOMEM ? "out of memory"
							: dur_strerror(rc),
				     done, n);
	dur_progress_steps(t->progress, t->progress_ctx, t->end, t->end);
	return 0;
}
