/*
 * util.c: the CLI's shared helpers (see cli.h): one place for how errors
 * are printed and numbers on the command line are read.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "mpi.h"
#include "durand/scenario.h"

volatile sig_atomic_t cli_stop;

const char *cli_num(char *buf, size_t len, int width, int prec, double v)
{
	char *m;

	snprintf(buf, len, "%*.*f", width, prec, v);
	m = strchr(buf, '-');
	if (m && strspn(m + 1, "0.") == strlen(m + 1))
		*m = ' ';
	return buf;
}

const struct cli_choice cli_formats[] = {
	{ "text", CLI_TEXT }, { "json", CLI_JSON }, { "csv", CLI_CSV }, { NULL, 0 }
};
const struct cli_choice cli_formats_text_json[] = {
	{ "text", CLI_TEXT }, { "json", CLI_JSON }, { NULL, 0 }
};

static void on_signal(int sig)
{
	(void)sig;
	cli_stop = 1;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int report_error(const char *cmd, const struct dur_error *err)
{
	char buf[1024];

	fprintf(stderr, "durand %s: %s\n", cmd,
		dur_error_format(err, buf, sizeof(buf)));
	return dur_error_is_input(err->code) ? 2 : 1;
}

int report_error_rank0(const char *cmd, const struct dur_error *err)
{
	if (cli_comm_rank() == 0)
		return report_error(cmd, err);
	return dur_error_is_input(err->code) ? 2 : 1;
}

int report_error_in(const char *cmd, struct dur_error *err, const char *file)
{
	if (!err->file[0])
		snprintf(err->file, sizeof(err->file), "%s", file);
	return report_error(cmd, err);
}

int report_diag(const char *cmd, const struct dur_diag *d)
{
	int input = 1;

	for (size_t i = 0; i < d->n; i++) {
		report_error(cmd, &d->v[i]);
		if (!dur_error_is_input(d->v[i].code))
			input = 0;
	}
	return input ? 2 : 1;
}

int bad_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "durand %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

int parse_long(const char *cmd, const char *opt, const char *s, long lo,
	       long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno) {
		bad_usage(cmd, "%s: expected a whole number, got '%s'", opt, s);
		return -1;
	}
	if (v < lo || v > hi) {
		bad_usage(cmd, "%s: expected a number from %ld to %ld, got '%s'",
			  opt, lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

int parse_double(const char *cmd, const char *opt, const char *s, double lo,
		 double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v)) {
		bad_usage(cmd, "%s: expected a finite number, got '%s'", opt, s);
		return -1;
	}
	if (v < lo || v > hi) {
		bad_usage(cmd, "%s: expected a number from %g to %g, got '%s'",
			  opt, lo, hi, s);
		return -1;
	}
	*out = v + 0.0; /* -0 is 0: it prints as 0 in results */
	return 0;
}

struct dur_scenario *cli_open_scenario(const char *cmd, const char *name,
				       int *rc)
{
	struct dur_scenario *sc;
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };

	if (dur_scenario_create(name, &diag, &sc, &err)) {
		*rc = diag.n ? report_diag(cmd, &diag) : report_error(cmd, &err);
		dur_diag_release(&diag);
		return NULL;
	}
	cli_provenance_scenario(name, sc);
	*rc = 0;
	return sc;
}

int cli_print_json(const json_t *j)
{
	char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);

	if (!text)
		return 1;
	printf("%s\n", text);
	free(text);
	return 0;
}

/* path made absolute through its directory (the file need not exist), or
 * a copy of path if the directory cannot be resolved. */
static void canonical(const char *path, char *out, size_t len)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s",
			 slash == path ? 1 : (int)(slash - path), path);
	if (realpath(dir, real))
		snprintf(out, len, "%s/%s", real, base);
	else
		snprintf(out, len, "%s", path);
}

int cli_distinct_outputs(const char *cmd, int n, const char *const *opt,
			 const char *const *path)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			char a[2 * PATH_MAX], b[2 * PATH_MAX];
			struct stat sa, sb;

			if (!path[i] || !path[j])
				continue;
			canonical(path[i], a, sizeof(a));
			canonical(path[j], b, sizeof(b));
			if (!strcmp(a, b) ||
			    (!stat(path[i], &sa) && !stat(path[j], &sb) &&
			     S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev &&
			     sa.st_ino == sb.st_ino))
				return bad_usage(cmd,
						 "%s and %s name the same "
						 "output '%s': give each its "
						 "own file",
						 opt[i], opt[j], path[j]);
		}
	return 0;
}
