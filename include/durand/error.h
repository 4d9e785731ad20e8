/*
 * error.h: how the durand library reports failure.
 *
 * Every function that can fail returns an int, 0 (DUR_OK) or one of the
 * DUR_E* codes below, and fills a struct dur_error the caller lends it (or
 * NULL, when the caller only wants the code). The library never prints and
 * never exits; the CLI turns an error into "FILE:LINE:COL: message" and an
 * exit status. Inputs that hold many problems (a scenario file) report them
 * all through struct dur_diag, a growable list of errors.
 */
#ifndef DURAND_ERROR_H
#define DURAND_ERROR_H

#include <signal.h>
#include <stddef.h>

enum dur_code {
	DUR_OK = 0,      /* success */
	DUR_EINVAL = 1,  /* an argument or value is invalid (bad input) */
	DUR_EPARSE = 2,  /* an input file could not be parsed (bad input) */
	DUR_EIO = 3,     /* reading or writing a file failed */
	DUR_ENOMEM = 4,  /* out of memory */
	DUR_ENOCONV = 5, /* an iterative method did not converge */
	DUR_ECANCEL = 6, /* the caller asked to stop (a signal) */
	DUR_EDB = 7,     /* the event database failed */
	DUR_ELIMIT = 8,  /* an input exceeds a documented limit (bad input) */
	DUR_ENOTFOUND = 9, /* a named thing does not exist (bad input) */
};

struct dur_error {
	int code;       /* DUR_OK (0) or a DUR_E* code */
	char file[256]; /* input the problem is in; "" if none */
	int line, col;  /* 1-based position; 0 when not meaningful */
	char msg[256];  /* lower case, no final period, subject in quotes */
};

/* Fill err (if not NULL) and return code. fmt is printf-style. */
int dur_error_set(struct dur_error *err, int code, const char *file, int line,
		  int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Static text for a code; never freed. */
const char *dur_strerror(int code);

/* Nonzero if code means the input was bad (exit status 2) rather than a
 * failure of the machine (exit status 1). */
int dur_error_is_input(int code);

/*
 * Format err as "FILE:LINE:COL: msg" (omitting what is unknown) into buf.
 * Returns buf.
 */
char *dur_error_format(const struct dur_error *err, char *buf, size_t len);

/*
 * Stopping and watching long computations. Every long function of the
 * library takes a `const dur_cancel *cancel` (NULL: never stops): a flag the
 * caller raises, typically from a signal handler, upon which the function
 * stops at its next step boundary and returns DUR_ECANCEL. And it takes a
 * dur_progress_fn with its context (NULL: silent), called from one thread
 * after steps finish and once more on success with done == total.
 */
typedef volatile sig_atomic_t dur_cancel;

static inline int dur_cancelled(const dur_cancel *c)
{
	return c && *c;
}

struct dur_progress {
	long done;        /* steps finished (runs, design points, evaluations) */
	long total;       /* steps in all; 0 when only a cap is known */
	double value;     /* the figure of the latest step (a loss), or NAN */
	double best;      /* the best such figure so far, or NAN */
	const double *x;  /* the point of the latest step, or NULL */
};

typedef void dur_progress_fn(void *ctx, const struct dur_progress *p);

/* Report `done` of `total` steps (no figures) to fn, if any. */
void dur_progress_steps(dur_progress_fn *fn, void *ctx, long done,
			long total);

/* A list of errors, for inputs that can hold several. */
struct dur_diag {
	struct dur_error *v; /* the errors, in the order found */
	size_t n, alloc;     /* count and capacity */
};

/* Append an error; returns its code (DUR_ENOMEM if the list cannot grow). */
int dur_diag_add(struct dur_diag *d, int code, const char *file, int line,
		 int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Free the list's storage and empty it. */
void dur_diag_release(struct dur_diag *d);

#endif
