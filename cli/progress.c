/*
 * progress.c: the progress bar on stderr that long commands share. It shows
 * only on a terminal, only once a command has run for a second, and is
 * redrawn at most 4 times a second (a run of 100,000 short runs would
 * otherwise write megabytes of bars), with the time left.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Seconds between two redraws at most. */
#define REDRAW 0.25

void cli_progress_start(struct cli_progress *p, const char *what)
{
	p->tty = isatty(2);
	p->shown = 0;
	p->last = 0;
	p->what = what;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
}

/* "1m05s", "42s", "2h03m". */
static void fmt_secs(char *buf, size_t len, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%ldh%02ldm", t / 3600, t % 3600 / 60);
	else if (t >= 60)
		snprintf(buf, len, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, len, "%lds", t);
}

void cli_progress(void *ctx, const struct dur_progress *pr)
{
	struct cli_progress *p = ctx;
	long done = pr->done, total = pr->total;
	struct timespec now;
	double el;
	int width = 40, fill;
	char e[32], l[32];

	if (!p->tty || total <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	el = (double)(now.tv_sec - p->t0.tv_sec) +
	     1e-9 * (double)(now.tv_nsec - p->t0.tv_nsec);
	if (el < 1.0 && done < total)
		return;
	if (!p->shown && done == total)
		return; /* finished within a second: no bar at all */
	if (p->shown && done < total && el - p->last < REDRAW)
		return;
	p->last = el;
	fill = (int)((double)width * (double)done / (double)total);
	fmt_secs(e, sizeof(e), el);
	if (done >= total)
		snprintf(l, sizeof(l), "done");
	else if (done > 0) {
		fmt_secs(l, sizeof(l),
			 el * (double)(total - done) / (double)done);
		snprintf(l + strlen(l), sizeof(l) - strlen(l), " left");
	} else
		snprintf(l, sizeof(l), "? left");
	fprintf(stderr, "\r[%.*s%*s] %3d%% %ld/%ld %s, %s, %s   ", fill,
		"########################################", width - fill, "",
		(int)(100.0 * (double)done / (double)total), done, total,
		p->what, e, l);
	if (done == total)
		fputc('\n', stderr);
	p->shown = 1;
}
