/*
 * cli.h: what the subcommands of `durand` share: the dispatch signature,
 * error and usage reporting, number parsing and the interrupt flag.
 */
#ifndef DURAND_CLI_H
#define DURAND_CLI_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

#include "durand/error.h"

/* Set by SIGINT/SIGTERM once cli_catch_signals() ran; the library polls it. */
extern volatile sig_atomic_t cli_stop;

void cli_catch_signals(void);

/* Print usage to stderr; returns 2. */
int usage_error(const char *usage);

/* Print "durand CMD: FILE:LINE:COL: msg"; returns 2 for bad input, else 1. */
int report_error(const char *cmd, const struct dur_error *err);

/* report_error, naming `file` when the error names none (a report or chart
 * whose failure is about its input or its output as a whole). */
int report_error_in(const char *cmd, struct dur_error *err, const char *file);

/* Print every error of a list (as report_error); returns 2 or 1. */
int report_diag(const char *cmd, const struct dur_diag *d);

/* Print "durand CMD: msg" to stderr; returns 2. */
/* If two of the n outputs path[] (NULL: not given) are the same file,
 * print a usage error naming their options opt[] and return 2; else 0. */
int cli_distinct_outputs(const char *cmd, int n, const char *const *opt,
			 const char *const *path);

int bad_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse a whole decimal integer in [lo, hi]; on failure print a message
 * naming the option and return -1. */
int parse_long(const char *cmd, const char *opt, const char *s, long lo,
	       long hi, long *out);
int parse_double(const char *cmd, const char *opt, const char *s, double lo,
		 double hi, double *out);

/* Load a built-in scenario or a file; on failure print every problem and
 * set *rc to the exit status (2 for bad input). Free the result. */
struct dur_scenario *cli_open_scenario(const char *cmd, const char *name,
				       int *rc);

/* The record used when a command is given no --record: the built-in one. */
#define CLI_RECORD_DEFAULT "afpak"

struct dur_record;

/* The record for `--record NAME|FILE` (name NULL: CLI_RECORD_DEFAULT), a
 * built-in name or a file; on failure print every problem (FILE:LINE:
 * message) and set *rc to the exit status (2 for bad input). Free the
 * result with dur_record_free. */
struct dur_record *cli_open_record(const char *cmd, const char *name,
				   int *rc);

/* --seed (0..2^63-1) and --threads (1..1024); -1 after a message. */
int parse_seed(const char *cmd, const char *s, uint64_t *seed);
int parse_threads(const char *cmd, const char *s, int *threads);

/* Index of s in the NULL-terminated choices; -1 after a message naming
 * them ("--format: expected text, json or csv, got 'xml'"). */
int parse_choice(const char *cmd, const char *opt, const char *s,
		 const char *const *choices);

/* The output formats of results. */
extern const char *const cli_formats[]; /* text, json, csv */

/* If `--help`/`-h` is among argv, print usage to stdout and return 1. */
int wants_help(int argc, char **argv, const char *usage);

/* A progress bar on stderr, shown on a terminal after one second. */
struct cli_progress {
	struct timespec t0;
	int shown, tty;
	const char *what; /* "runs" */
};
void cli_progress_start(struct cli_progress *p, const char *what);
void cli_progress(void *ctx, long done, long total); /* a progress callback */

int cmd_run(int argc, char **argv);
int cmd_hindcast(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_record(int argc, char **argv);

#endif
