/*
 * progress.c: the progress bar on stderr that long commands share. It shows
 * only on a terminal and only once a command has run for a second.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

void cli_progress_start(struct cli_progress *p, const char *what)
{
	p->tty = isatty(2);
	p->shown = 0;
	p->what = what;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
}

void cli_progress(void *ctx, const struct dur_progress *pr)
{
	struct cli_progress *p = ctx;
	long done = pr->done, total = pr->total;
	struct timespec now;
	double el;
	int width = 40, fill;

	if (!p->tty || total <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	el = (double)(now.tv_sec - p->t0.tv_sec) +
	     1e-9 * (double)(now.tv_nsec - p->t0.tv_nsec);
	if (el < 1.0 && done < total)
		return;
	if (!p->shown && done == total)
		return; /* finished within a second: no bar at all */
	fill = (int)((double)width * (double)done / (double)total);
	fprintf(stderr, "\r[%.*s%*s] %3d%% %ld/%ld %s, %.0fs", fill,
		"########################################", width - fill, "",
		(int)(100.0 * (double)done / (double)total), done, total,
		p->what, el);
	if (done == total)
		fputc('\n', stderr);
	p->shown = 1;
}
