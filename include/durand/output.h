/*
 * output.h: files written whole or not at all.
 *
 * Results go to a temporary file beside the destination, unnamed
 * (O_TMPFILE) where the file system allows, else "FILE.tmp.XXXXXX", which
 * is renamed over it only when everything was written and flushed: a
 * process killed on the way leaves no temporary file where it has no name. An
 * interrupted or failed write removes the temporary file and leaves any
 * earlier FILE untouched. The path "-" means standard output. A path that
 * exists and is not a regular file (a device such as /dev/null or
 * /dev/full, a FIFO) is written in place: it cannot be replaced, and
 * renaming a file over it would destroy it.
 *
 * A file that is replaced keeps its mode (0600 stays 0600) and, where the
 * user may give it away (root), its owner. A write-protected file (no 'w'
 * in its mode, or one the user may not write) is refused, as is a file
 * with more than one hard link, which renaming would split from its other
 * names (docs/errors.md). An empty path is refused with a message.
 */
#ifndef DURAND_OUTPUT_H
#define DURAND_OUTPUT_H

#include <stdio.h>

#include "durand/error.h"

struct dur_output {
	FILE *fp;        /* where to write; stdout for "-" */
	char path[4096]; /* destination; "" for stdout */
	char tmp[4096];  /* temporary file; "" for stdout and devices */
	int direct;      /* 1 if path is written in place (not a file) */
	int unnamed;     /* 1 if fp is an unnamed file (O_TMPFILE), named
			    only at commit */
};

/* Open a temporary file for `path` (or stdout for "-" or NULL). */
int dur_output_open(struct dur_output *o, const char *path,
		    struct dur_error *err);

/* Flush, sync and rename into place. Closes o in any case. */
int dur_output_commit(struct dur_output *o, struct dur_error *err);

/* Close and remove the temporary file. Safe to call twice. */
void dur_output_abort(struct dur_output *o);

#endif
