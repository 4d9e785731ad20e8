/*
 * driver.h: running many independent items (runs of an ensemble, of a
 * hindcast, of an evaluation; particles) over threads, the one way the
 * library does it.
 *
 * A task is an index range [begin, end) and callbacks. The driver gives
 * each thread that takes part its own state, local_size zeroed bytes; the
 * thread calls init once to set it up (buffers, a partial summary) and run
 * once for each item it is given. After all items are done, the driver
 * calls merge for each thread's state in thread order, one at a time on
 * the calling thread, then release, and frees the state.
 *
 * Items go to threads in chunks of dur_drive_chunk() items, handed out as
 * threads become free, so which thread runs an item varies from call to
 * call. A task whose result must not depend on the thread count therefore
 * draws item i's randomness from its own stream (rng.h, keyed by i) and
 * either folds items into integer sums (sketch.h: merged in any order to
 * the same bits) or writes item i's output to slot i of a shared array.
 *
 * The cancel flag is read before each item: once raised, the remaining
 * items are skipped and dur_drive returns DUR_ECANCEL (no merge). A run or
 * init that fails stops the other threads too at their next item.
 */
#ifndef DURAND_DRIVER_H
#define DURAND_DRIVER_H

#include "durand/error.h"

struct dur_task {
	long begin, end;     /* items begin .. end-1 */
	int threads;         /* 0: all cores; never more than the items */
	void *ctx;           /* the task's shared data, read-only while items
				run (each thread writes only its own state) */
	size_t local_size;   /* bytes of each thread's state; 0: none (NULL) */
	/* Set up a thread's (zeroed) state; may be NULL. release is called
	 * even if it fails. */
	int (*init)(void *ctx, void *local);
	/* Run item i on this thread's state; 0 or a DUR_E* code. */
	int (*run)(void *ctx, void *local, long i);
	/* Fold a thread's state into the task's result; may be NULL. */
	int (*merge)(void *ctx, void *local);
	/* Free what init allocated in a thread's state; may be NULL. */
	void (*release)(void *ctx, void *local);
	const dur_cancel *cancel;
	dur_progress_fn *progress; /* done counts from begin, total is end */
	void *progress_ctx;
};

/*
 * Run the task. Returns 0; DUR_ECANCEL; or the first failing callback's
 * code (in thread order), with err saying which and how far it got
 * ("interrupted after N of M items", "out of memory after N of M items";
 * callers may word it for their own items). *done (if not NULL) is the
 * number of items finished.
 */
int dur_drive(const struct dur_task *t, long *done, struct dur_error *err);

/* The chunk size for n items over `threads` threads: n / (8 threads),
 * within [1, 16] (small enough to balance, large enough to amortise). */
long dur_drive_chunk(long n, int threads);

/* The thread count a task with threads = t (0: all cores) over n items
 * would use. */
int dur_drive_threads(int t, long n);

#endif
