/*
 * error.c: filling and formatting struct dur_error and struct dur_diag.
 * Kept apart so every module reports failure the same way.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/error.h"

static void fill(struct dur_error *err, int code, const char *file, int line,
		 int col, const char *fmt, va_list ap)
{
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int dur_error_set(struct dur_error *err, int code, const char *file, int line,
		  int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	fill(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

const char *dur_strerror(int code)
{
	switch (code) {
	case DUR_OK:
		return "success";
	case DUR_EINVAL:
		return "invalid value";
	case DUR_EPARSE:
		return "parse error";
	case DUR_EIO:
		return "input/output error";
	case DUR_ENOMEM:
		return "out of memory";
	case DUR_ENOCONV:
		return "did not converge";
	case DUR_ECANCEL:
		return "interrupted";
	case DUR_EDB:
		return "database error";
	case DUR_ELIMIT:
		return "input exceeds a limit";
	case DUR_ENOTFOUND:
		return "not found";
	}
	return "unknown error";
}

int dur_error_is_input(int code)
{
	return code == DUR_EINVAL || code == DUR_EPARSE || code == DUR_ELIMIT ||
	       code == DUR_ENOTFOUND;
}

char *dur_error_format(const struct dur_error *err, char *buf, size_t len)
{
	const char *msg = err->msg[0] ? err->msg : dur_strerror(err->code);

	if (err->file[0] && err->line > 0 && err->col > 0)
		snprintf(buf, len, "%s:%d:%d: %s", err->file, err->line,
			 err->col, msg);
	else if (err->file[0] && err->line > 0)
		snprintf(buf, len, "%s:%d: %s", err->file, err->line, msg);
	else if (err->file[0])
		snprintf(buf, len, "%s: %s", err->file, msg);
	else
		snprintf(buf, len, "%s", msg);
	return buf;
}

int dur_diag_add(struct dur_diag *d, int code, const char *file, int line,
		 int col, const char *fmt, ...)
{
	va_list ap;

	/* by hand: grow.c reports through this module, not the other way */
	if (d->n == d->alloc) {
		size_t na = d->alloc ? 2 * d->alloc : 8;
		struct dur_error *nv = realloc(d->v, na * sizeof(*nv));

		if (!nv)
			return DUR_ENOMEM;
		d->v = nv;
		d->alloc = na;
	}
	va_start(ap, fmt);
	fill(&d->v[d->n++], code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

void dur_diag_release(struct dur_diag *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}

void dur_progress_steps(dur_progress_fn *fn, void *ctx, long done, long total)
{
	struct dur_progress p = { done, total, NAN, NAN, NULL };

	if (fn)
		fn(ctx, &p);
}
