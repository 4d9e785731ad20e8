/*
 * fuzz_cli.c: libFuzzer target for the subcommands: their option parsers,
 * and past them the commands themselves on tiny sizes. The input is split
 * at NUL bytes into arguments; its first byte picks a row of the table
 * below. Two kinds of rows:
 *
 * - parse only: a guard argument placed before the fuzzed ones (a
 *   scenario or database that does not exist) makes the command stop right
 *   after parsing its options, so each input costs microseconds;
 * - run: the command runs in-process with the parsed options, its sizes
 *   clamped after parsing (cli_clamp in cli/cli.h: runs <= 3, days <= 5,
 *   particles <= 8, one thread...), against the built-in scenarios and
 *   records and a small event database made once from the ucdp and acled
 *   seeds (read-only to the commands). An argument holding a '/' is
 *   refused (but a --shard K/N of digits), so every file a command reads
 *   or writes is a plain name in the working directory; nothing goes to
 *   the network.
 *
 * What is checked is that no argument list crashes, leaks, reads out of
 * bounds or exits (the commands return; the library never exits), and
 * that the status is 0, 1 or 2. It works in a directory of its own,
 * emptied after each input (`--db=x` or `--out=x` creates x), so its
 * corpus and artifact paths must be absolute, and it must be started from
 * the top of the source tree (the seeds of the event database are read
 * from there; without them the store rows only see a missing database).
 * Run it with -close_fd_mask=3: the commands print results and explain
 * each refusal. The commands that run ensembles catch SIGINT for their
 * own stop flag, so an interrupt ends a fuzzing session only at its next
 * -max_total_time check: use -max_total_time, not ^C.
 */
#include <assert.h>
#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char workdir[] = "/tmp/durand-fuzz-cli.XXXXXX";
static char storedir[] = "/tmp/durand-fuzz-store.XXXXXX";
static char store[sizeof(storedir) + 16]; /* storedir/events.db */

/* Remove what the last input created in the current directory. */
static void empty_dir(void)
{
	DIR *d = opendir(".");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlink(e->d_name);
	closedir(d);
}

static void remove_dirs(void)
{
	if (!chdir(storedir)) {
		empty_dir();
		rmdir(storedir);
	}
	if (!chdir(workdir)) {
		empty_dir();
		rmdir(workdir);
	}
}

/* The glibc getopt state reset: it keeps a pointer into the last argv
 * between calls; a full reset (optind = 0) drops it before that argv is
 * freed. */
static void reset_getopt(void)
{
	char *dummy[] = { "x", NULL };

	optind = 0;
	getopt(1, dummy, "");
}

/* The sizes of the run rows (cli.h: struct cli_clamp). */
static const struct cli_clamp tiny[] = {
	{ "runs", 3 },	       { "days", 5 },	       { "particles", 8 },
	{ "threads", 1 },      { "event-runs", 3 },    { "samples", 8 },
	{ "trajectories", 2 }, { "max-evals", 3 },     { "iterations", 2 },
	{ "replicates", 1 },   { "max-cells", 4096 },  { NULL, 0 },
};

/* The event database of the run rows: the ucdp and acled seeds imported
 * by the import command, once. */
static void make_store(const char *top)
{
	char ged[PATH_MAX + 64], acled[PATH_MAX + 64];
	char *imp1[] = { "import", "--db", store, "ucdp", ged, NULL };
	char *imp2[] = { "import", "--db", store, "acled", acled, NULL };

	snprintf(ged, sizeof(ged), "%s/tests/fuzz/corpus/ucdp/ucdp-ged-251.csv",
		 top);
	snprintf(acled, sizeof(acled),
		 "%s/tests/fuzz/corpus/acled/acled-2024.csv", top);
	if (access(ged, R_OK) || access(acled, R_OK) ||
	    cmd_import(5, imp1) || (reset_getopt(), cmd_import(5, imp2)))
		fprintf(stderr, "fuzz_cli: no event database from the seeds "
				"under %s (run from the top of the source "
				"tree); the store rows see none\n",
			top);
	reset_getopt();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char top[PATH_MAX];

	(void)argc;
	(void)argv;
	if (!getcwd(top, sizeof(top)) || !mkdtemp(storedir) ||
	    !mkdtemp(workdir))
		abort();
	snprintf(store, sizeof(store), "%s/events.db", storedir);
	atexit(remove_dirs);
	make_store(top);
	if (chdir(workdir))
		abort();
	return 0;
}

#define GUARD_YAML "/nonexistent/durand-fuzz.yaml"
#define GUARD_DB "/nonexistent/durand-fuzz.db"
#define STORE "\001" /* stands for the event database's path */
#define MAX_ARGS 64

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *guard[2]; /* put before the fuzzed arguments */
	int run;	      /* 1: past parsing, sizes clamped */
} cmds[] = {
	/* parse only (the seeds' first bytes 0-5 pick these) */
	{ "run", cmd_run, { GUARD_YAML, NULL }, 0 },
	{ "hindcast", cmd_hindcast, { GUARD_YAML, NULL }, 0 },
	{ "calibrate", cmd_calibrate, { GUARD_YAML, NULL }, 0 },
	{ "sensitivity", cmd_sensitivity, { GUARD_YAML, NULL }, 0 },
	{ "stats", cmd_stats, { "--db", GUARD_DB }, 0 },
	{ "import", cmd_import, { "--db", GUARD_DB }, 0 },
	/* run (6-15); not calibrate: it tells --method if2's options from
	 * smm's by their values, which the clamp changes */
	{ "run", cmd_run, { NULL }, 1 },
	{ "check", cmd_check, { NULL }, 1 },
	{ "show", cmd_show, { NULL }, 1 },
	{ "scenarios", cmd_scenarios, { NULL }, 1 },
	{ "record", cmd_record, { NULL }, 1 },
	{ "stats", cmd_stats, { "--db", STORE }, 1 },
	{ "fit", cmd_fit, { "--db", STORE }, 1 },
	{ "hindcast", cmd_hindcast, { NULL }, 1 },
	{ "sensitivity", cmd_sensitivity, { NULL }, 1 },
	{ "filter", cmd_filter, { NULL }, 1 },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* "K/N" of --shard (digits only): as a path, a file in a directory the
 * working directory never holds. */
static int is_shard(const char *p)
{
	size_t k = strspn(p, "0123456789");

	return k && p[k] == '/' && p[k + 1] &&
	       !p[k + 1 + strspn(p + k + 1, "0123456789")];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 4], *buf, *p, *end;
	int argc = 0, k, rc;

	if (!size)
		return 0;
	k = data[0] % NCMDS;
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = 0;
	argv[argc++] = (char *)cmds[k].name;
	for (int g = 0; g < 2 && cmds[k].guard[g]; g++)
		argv[argc++] = strcmp(cmds[k].guard[g], STORE)
				       ? (char *)cmds[k].guard[g]
				       : store;
	end = buf + size - 1;
	for (p = buf; p < end && argc < MAX_ARGS; p += strlen(p) + 1) {
		if (cmds[k].run && strchr(p, '/') && !is_shard(p)) {
			free(buf);
			return -1; /* a path out of the working directory */
		}
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	cli_clamp = cmds[k].run ? tiny : NULL;
	rc = cmds[k].fn(argc, argv);
	cli_clamp = NULL;
	assert(rc >= 0 && rc <= 2);
	reset_getopt();
	free(buf);
	empty_dir();
	return 0;
}
