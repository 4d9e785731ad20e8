/*
 * cli.h: what the subcommands of `durand` share: the dispatch signature,
 * the option tables and their parser (parse.c), error reporting, the
 * interrupt flag and the progress bar.
 *
 * Adding a command
 * ----------------
 * 1. cli/cmd_<name>.c holds `int cmd_<name>(int argc, char **argv)`, git
 *    style: usage, table, parse, call the library, release, return. It
 *    starts from the library's defaults (`struct dur_x_opts o =
 *    DUR_X_OPTS_INIT;`), never from literals of its own:
 *
 *	static const struct cli_command cmd = {
 *		"merge", "<result.json>...",
 *		"Merge results of the same scenario and seed."
 *	};
 *
 *	int cmd_merge(int argc, char **argv)
 *	{
 *		struct dur_merge_opts mo = DUR_MERGE_OPTS_INIT;
 *		const char *out = NULL;
 *		int format = CLI_TEXT;
 *		const struct cli_option opts[] = {
 *			CLI_OPT_FORMAT(&format, cli_formats),
 *			CLI_OPT_OUT(&out),
 *			CLI_OPT_LONG("max", &mo.max, 1, 1000, "N",
 *				     "results at most"),
 *			CLI_OPT_END(),
 *		};
 *
 *		argc = cli_parse(&cmd, opts, argc, argv);
 *		if (argc < 0)
 *			return cli_parse_exit(argc); // 0 after --help, else 2
 *		if (argc < 2)
 *			return cli_usage_error(&cmd, opts);
 *		... argv[0..argc) are the positional arguments ...
 *	}
 *
 *    The table is the one place an option is declared: its long name,
 *    value name, limits and one line of help (lower case, no final
 *    period, no default: the help prints the value the variable holds
 *    before parsing as the default). The usage line and --help are
 *    printed from it. The options of commands that run ensembles (--runs,
 *    --days, --seed, --threads, --format, --out, --report) are the
 *    CLI_OPT_RUNS... macros below: use them, do not declare them again.
 * 2. Declare cmd_<name> below and add a row to the table in main.c.
 * 3. Document it: docs/<name>.md, docs/durand.1, README.md's command table.
 * 4. Add it to tests/cli/t0100-options.sh (its options, --opt=value, a
 *    misspelt option) and give it tests of its own.
 */
#ifndef DURAND_CLI_H
#define DURAND_CLI_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "durand/error.h"

struct dur_output;

/* Set by SIGINT/SIGTERM once cli_catch_signals() ran; the library polls it. */
extern volatile sig_atomic_t cli_stop;

void cli_catch_signals(void);

/* --- option tables ------------------------------------------------------ */

enum cli_kind {
	CLI_END,    /* ends a table */
	CLI_FLAG,   /* int, set to 1; takes no value */
	CLI_INT,    /* int in [min, max] */
	CLI_LONG,   /* long in [min, max] */
	CLI_UINT64, /* uint64_t in [min, max] */
	CLI_DOUBLE, /* finite double in [dmin, dmax] */
	CLI_STRING, /* const char *, borrowed from argv */
	CLI_CHOICE, /* int: the value of the choice named */
	CLI_LIST,   /* const char *[max], repeatable; *count entries */
	CLI_DATE,   /* int32_t day number of YYYY-MM-DD; *count = 1 if given */
};

enum cli_option_flags {
	CLI_REQUIRED = 1 << 0,   /* must be given (shown without brackets) */
	CLI_NO_DEFAULT = 1 << 1, /* help states no default (it says its own) */
};

/* One name a CLI_CHOICE accepts and the value it stands for. */
struct cli_choice {
	const char *name; /* NULL ends a list */
	int value;
};

struct cli_option {
	enum cli_kind kind;
	const char *name;     /* long name without "--" */
	int short_name;       /* 'o' for -o; 0 if none */
	void *value;          /* where the value goes (its type by kind) */
	const char *argh;     /* the value's name in help: "N", "FILE" */
	const char *help;     /* one line, lower case */
	long long min, max;   /* limits of CLI_INT, CLI_LONG, CLI_UINT64;
				 max is CLI_LIST's capacity */
	double dmin, dmax;    /* limits of CLI_DOUBLE */
	const struct cli_choice *choices; /* of CLI_CHOICE */
	int *count;           /* CLI_LIST: entries; CLI_DATE: given (or NULL) */
	unsigned flags;       /* enum cli_option_flags */
};

/* What --help says of a command besides its options. */
struct cli_command {
	const char *name;  /* "run" */
	const char *args;  /* the positional arguments: "[<name>|<file>]" */
	const char *about; /* what it does, a paragraph (may be NULL) */
};

/* Rows of a table. The casts check the variable's type at compile time. */
#define CLI_OPT_END() { .kind = CLI_END }
#define CLI_OPT_FLAG(n, v, h)                                              \
	{ .kind = CLI_FLAG, .name = (n), .value = (1 ? (v) : (int *)0),    \
	  .help = (h) }
#define CLI_OPT_INT(n, v, lo, hi, a, h)                                    \
	{ .kind = CLI_INT, .name = (n), .value = (1 ? (v) : (int *)0),     \
	  .min = (lo), .max = (hi), .argh = (a), .help = (h) }
#define CLI_OPT_LONG(n, v, lo, hi, a, h)                                   \
	{ .kind = CLI_LONG, .name = (n), .value = (1 ? (v) : (long *)0),   \
	  .min = (lo), .max = (hi), .argh = (a), .help = (h) }
#define CLI_OPT_UINT64(n, v, lo, hi, a, h)                                 \
	{ .kind = CLI_UINT64, .name = (n),                                 \
	  .value = (1 ? (v) : (uint64_t *)0), .min = (lo), .max = (hi),    \
	  .argh = (a), .help = (h) }
#define CLI_OPT_DOUBLE(n, v, lo, hi, a, h)                                 \
	{ .kind = CLI_DOUBLE, .name = (n), .value = (1 ? (v) : (double *)0), \
	  .dmin = (lo), .dmax = (hi), .argh = (a), .help = (h) }
#define CLI_OPT_STRING(n, v, a, h)                                         \
	{ .kind = CLI_STRING, .name = (n),                                 \
	  .value = (1 ? (v) : (const char **)0), .argh = (a), .help = (h) }
#define CLI_OPT_CHOICE(n, v, c, h)                                         \
	{ .kind = CLI_CHOICE, .name = (n), .value = (1 ? (v) : (int *)0),  \
	  .choices = (c), .help = (h) }
#define CLI_OPT_LIST(n, v, cnt, cap, a, h)                                 \
	{ .kind = CLI_LIST, .name = (n),                                   \
	  .value = (1 ? (v) : (const char **)0), .count = (cnt),           \
	  .max = (cap), .argh = (a), .help = (h) }
#define CLI_OPT_DATE(n, v, given, h)                                       \
	{ .kind = CLI_DATE, .name = (n), .value = (1 ? (v) : (int32_t *)0), \
	  .count = (given), .argh = "DATE", .help = (h) }

/* The options of the commands that run ensembles, declared once. */
#define CLI_OPT_RUNS(v, hi, h) CLI_OPT_LONG("runs", v, 1, hi, "N", h)
#define CLI_OPT_DAYS(v)                                                    \
	CLI_OPT_INT("days", v, 1, 36500, "D",                              \
		    "horizon in days (default: the scenario's)")
#define CLI_OPT_SEED(v)                                                    \
	CLI_OPT_UINT64("seed", v, 0, INT64_MAX, "S",                       \
		       "random seed; the same seed gives the same output")
#define CLI_OPT_THREADS(v)                                                 \
	CLI_OPT_INT("threads", v, 1, 1024, "T",                            \
		    "threads (default: all cores); the output does not change")
#define CLI_OPT_FORMAT(v, c) CLI_OPT_CHOICE("format", v, c, "output format")
#define CLI_OPT_OUT(v)                                                     \
	CLI_OPT_STRING("out", v, "FILE",                                   \
		       "write the result to FILE, whole or not at all "    \
		       "(default: standard output)")
#define CLI_OPT_REPORT(v)                                                  \
	CLI_OPT_STRING("report", v, "FILE",                                \
		       "also write a self-contained HTML report "          \
		       "(docs/report.md)")

/* hindcast's and calibrate's last day (DUR_HINDCAST_UNTIL_LAST_TARGET). */
#define CLI_OPT_UNTIL(v)                                                   \
	CLI_OPT_DATE("until", v, NULL,                                     \
		     "last day of the hindcast (default: the scenario's "  \
		     "latest target)")

/* The output formats of results, as --format names them. */
enum cli_format { CLI_TEXT, CLI_JSON, CLI_CSV };
extern const struct cli_choice cli_formats[];      /* text, json, csv */
extern const struct cli_choice cli_formats_text_json[]; /* text, json */

/* What cli_parse returns instead of a count. */
#define CLI_HELP (-1)  /* --help was printed to stdout */
#define CLI_USAGE (-2) /* a message was printed to stderr */

/*
 * Parse argv[1..argc) (argv[0] is the command's name) against the table
 * opts. Options and positional arguments may mix; "--" ends the options.
 * `--opt=value` and `--opt value` both work, and so does any unambiguous
 * abbreviation of a long name. Returns the number of positional arguments,
 * moved to argv[0..n), or CLI_HELP or CLI_USAGE.
 */
int cli_parse(const struct cli_command *cmd, const struct cli_option *opts,
	      int argc, char **argv);

/* The exit status after a negative cli_parse: 0 for CLI_HELP, else 2. */
int cli_parse_exit(int rc);

/*
 * Sizes held small after parsing, for the fuzz target that runs commands
 * in-process (tests/fuzz/fuzz_cli.c). After a successful cli_parse, an
 * integer option (CLI_INT, CLI_LONG, CLI_UINT64) whose long name is in the
 * list, ended by a NULL name, holds at most max, whether given or left at
 * its default; a default outside the option's limits (days' 0, "the
 * scenario's horizon") becomes max, and max below the option's minimum
 * becomes that minimum. NULL in durand itself: nothing is clamped.
 */
struct cli_clamp {
	const char *name;
	long long max;
};
extern const struct cli_clamp *cli_clamp;

/* The usage line, and the whole help, generated from the table. */
void cli_usage(FILE *fp, const struct cli_command *cmd,
	       const struct cli_option *opts);
void cli_help(FILE *fp, const struct cli_command *cmd,
	      const struct cli_option *opts);

/* Print the usage line to stderr; returns 2. */
int cli_usage_error(const struct cli_command *cmd,
		    const struct cli_option *opts);

/* The names nearest to typed (edit distance, at most 2), each quoted with
 * prefix ("'--format', '--force'") into buf; returns how many. */
int cli_suggest(const char *typed, const char *const *names, size_t n,
		const char *prefix, char *buf, size_t size);

/* --- errors and values --------------------------------------------------- */

/* Print "durand CMD: FILE:LINE:COL: msg"; returns 2 for bad input, else 1. */
int report_error(const char *cmd, const struct dur_error *err);
/* The same for an error every MPI rank met alike: rank 0 alone prints it
 * (every rank returns the same exit code). */
int report_error_rank0(const char *cmd, const struct dur_error *err);

/* report_error, naming `file` when the error names none (a report or chart
 * whose failure is about its input or its output as a whole). */
int report_error_in(const char *cmd, struct dur_error *err, const char *file);

/* Print every error of a list (as report_error); returns 2 or 1. */
int report_diag(const char *cmd, const struct dur_diag *d);

/* printf("%*.*f", width, prec, v) into buf, a zero printed without its
 * sign (" 0.00", never "-0.00"); returns buf. */
const char *cli_num(char *buf, size_t len, int width, int prec, double v);

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

/* --set PATH=VALUE, repeatable, on every command that runs a scenario. */
#define CLI_MAX_SETS 32
struct cli_sets {
	const char *arg[CLI_MAX_SETS]; /* "ttp.mu=0.5", borrowed from argv */
	int n;
};
#define CLI_OPT_SET(s)                                                     \
	CLI_OPT_LIST("set", (s)->arg, &(s)->n, CLI_MAX_SETS, "PATH=VALUE", \
		     "change one parameter of the scenario, within its "  \
		     "limits (repeatable)")

/* Set each PATH=VALUE of s in sc's model after checking the path and the
 * parameter's limits; 2 after a message naming --set. The changes are
 * kept for the provenance. */
int cli_apply_sets(const char *cmd, struct dur_scenario *sc,
		   const struct cli_sets *s);

/* The scenario's YAML text *text with the --set changes written in
 * (paramedit.h), for a command that writes a scenario; 0 or the exit
 * status after a message. */
int cli_sets_text(const char *cmd, char **text);

/* Record the scenario opened (cli_open_scenario does). */
void cli_provenance_scenario(const char *name_or_path,
			     const struct dur_scenario *sc);

/* Add "provenance" to a JSON result (docs/output.md): the scenario's name,
 * file and SHA-256, the parameters --set changed, durand's version. */
void cli_provenance_add(json_t *j);

/* The provenance as compact JSON text (free()), or NULL; and the
 * provenance a merge takes over from its parts (that text). */
char *cli_provenance_text(void);
void cli_provenance_use(const char *text);

/* What the command read: the "data" member of its JSON (docs/output.md,
 * dataset.h). cli_data_set takes o (a data object, or NULL); the record
 * cli_open_record opens is kept so; cli_data_store names the store st and
 * the files imported into it (0, or the exit status after a message). */
struct dur_store;
struct dur_record;
void cli_data_set(json_t *o);
void cli_data_record(const struct dur_record *rec);
int cli_data_store(const char *cmd, struct dur_store *st);

/* Add "data" to a JSON result unless it has one (cli_provenance_add does,
 * before the provenance). */
void cli_data_add(json_t *j);

/* The data kept, or NULL. */
const json_t *cli_data(void);

/* The sentence naming the data of result j (its "data", else the data
 * kept) into buf: "" when there is none. */
char *cli_data_line(const json_t *j, char *buf, size_t len);

/* The record used when a command is given no --record: the built-in one. */
#define CLI_RECORD_DEFAULT "afpak"

struct dur_record;

/* The record for `--record NAME|FILE` (name NULL: CLI_RECORD_DEFAULT), a
 * built-in name or a file; on failure print every problem (FILE:LINE:
 * message) and set *rc to the exit status (2 for bad input). Free the
 * result with dur_record_free. */
struct dur_record *cli_open_record(const char *cmd, const char *name,
				   int *rc);

/* Print a JSON document to standard output, as stats and fit write it;
 * returns 0 or 1 (out of memory). */
int cli_print_json(const json_t *j);

/* A result of a command that runs ensembles, and how to write it. */
struct cli_result {
	const char *cmd;                  /* "hindcast", for messages */
	const void *res;                  /* the library's result */
	json_t *(*json)(const void *res); /* its JSON; NULL if out of memory */
	int (*write)(const void *res, const json_t *j, int format, FILE *fp,
		     struct dur_error *err); /* the formats other than JSON */
	struct dur_output *first[2]; /* committed just before it, in order
					(run's event log and samples), aborted
					with it; or NULL */
};

/* Write the report (if report_path) and the result in format to out_path
 * (NULL: standard output), whole or not at all; an interrupt writes
 * nothing. Returns the exit status, after a message if not 0. */
int cli_write_result(const struct cli_result *r, int format,
		     const char *out_path, const char *report_path);

/* A progress bar on stderr, shown only on a terminal, after one second,
 * redrawn at most 4 times a second, with the time left. */
struct cli_progress {
	struct timespec t0;
	double last;  /* seconds from t0 of the last redraw */
	int shown, tty;
	const char *what; /* "runs" */
};
void cli_progress_start(struct cli_progress *p, const char *what);
void cli_progress(void *ctx, const struct dur_progress *p); /* a callback */

struct dur_scenario;
struct dur_cloud;
struct dur_start_info;

/*
 * Where a forecast of sc starts (cli/forecast.c): with as_of, the scenario
 * filtered through the record (NULL: the built-in) to that date and
 * restarted there; without, the built-in cloud if the scenario starts on
 * its date. *cloud (NULL: the scenario's own state) is the caller's to
 * free; si says which. Returns 0 or an exit status after a message.
 */
int cli_forecast_start(const char *cmd, struct dur_scenario *sc,
		       const char *as_of, const char *record, long particles,
		       uint64_t seed, int threads, struct dur_cloud **cloud,
		       struct dur_start_info *si);

/* --- parts of an ensemble (shard.c) ------------------------------------- */

struct dur_ensemble_opts;
struct dur_result;

/* This process's share of an ensemble: --shard K/N, or its MPI rank's
 * range of the runs. */
struct cli_part {
	int k, nshards;   /* --shard K/N (K counted from 1), or 0 0 */
	long total_runs;  /* --runs of the whole ensemble */
	char *text;       /* the scenario's YAML, when parts are written */
	size_t len;
	char sha256[65];  /* its digest */
	long cloud_states; /* the starting cloud's size and seed, 0 0: none */
	uint64_t cloud_seed;
	char *note;       /* the provenance, as JSON text, carried along */
};

/* --shard K/N into p; 2 after a message. */
int cli_parse_shard(const char *cmd, const char *s, struct cli_part *p);

/* Narrow eo's runs to this process's share (for --shard, or the MPI rank)
 * and read the scenario's text for the part's header; 0, or the exit
 * status after a message. */
int cli_part_plan(struct cli_part *p, const char *cmd, const char *name,
		  struct dur_ensemble_opts *eo);

/* Write this part as a .dsum file. */
int cli_part_save(const struct cli_part *p, const struct dur_result *res,
		  const char *path, struct dur_error *err);

/* Under MPI, on every rank: send this rank's result (or, when rc says it
 * failed, nothing) to rank 0, which merges all in rank order into *res.
 * Other ranks' *res becomes NULL. Returns this rank's exit status (rank 0:
 * nonzero if any rank failed). */
int cli_part_gather(const struct cli_part *p, const char *cmd,
		    struct dur_result **res, int rc);

void cli_part_release(struct cli_part *p);

/* The JSON and the text and CSV of an ensemble's result, for
 * cli_write_result (run and merge print the same). */
json_t *cli_run_json(const void *res);
int cli_run_write(const void *res, const json_t *j, int format, FILE *fp,
		  struct dur_error *err);

int cmd_run(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_hindcast(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
/* `durand backtest --data record` (cli/backtest_record.c): origins is the
 * option's text or NULL, months 0 for the default, particles < 0 for the
 * default; fit the --fit text or NULL; refit_particles and
 * refit_iterations 0 for the defaults. Returns the exit status. */
struct recbt_cli {
	const char *scenario, *record, *origins, *out, *samples, *report;
	const char *fit;
	int months, threads, crps_kind, format;
	long particles, runs;
	uint64_t seed;
	int refit, refit_iterations, refit_stages;
	long refit_particles;
	const struct cli_sets *sets; /* --set */
};
int backtest_record(const struct recbt_cli *a);
/* A forecaster's fan for the backtests' JSON (cli/backtest_fans.c):
 * {"forecaster", "q05", "q25", "q50", "q75", "q95"}, each an array of the
 * quantile of each period's m sorted draws; NULL when out of memory. */
json_t *bt_fan_forecast(const char *forecaster, const double *const *sorted,
			int nper, long m);
/* The same for one period of unsorted draws. */
json_t *bt_fan_forecast_unsorted(const char *forecaster, const double *draws,
				 long m);
int cmd_filter(int argc, char **argv);
int cmd_record(int argc, char **argv);

#endif
