/*
 * fuzz_cli.c: libFuzzer target for the command-line option parsers of the
 * subcommands. The input is split at NUL bytes into arguments; its first
 * byte picks the command. A guard argument placed before the fuzzed ones
 * (a scenario or database that does not exist) makes every command stop
 * right after parsing its options, so each input costs microseconds and
 * touches nothing; what is checked is that no argument list crashes,
 * leaks or reads out of bounds, and that the exit status is 0, 1 or 2.
 * It works in a directory of its own, emptied after each input (a fuzzed
 * `--db=x` creates x), so its corpus and artifact paths must be absolute.
 * Run it with -close_fd_mask=3: the commands explain each refusal.
 */
#include <assert.h>
#include <dirent.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char workdir[] = "/tmp/durand-fuzz-cli.XXXXXX";

/* Remove what the last input created. */
static void empty_workdir(void)
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

static void remove_workdir(void)
{
	empty_workdir();
	rmdir(workdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(workdir) || chdir(workdir))
		abort();
	atexit(remove_workdir);
	return 0;
}

#define GUARD_YAML "/nonexistent/durand-fuzz.yaml"
#define GUARD_DB "/nonexistent/durand-fuzz.db"
#define MAX_ARGS 64

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *guard[2]; /* put before the fuzzed arguments */
} cmds[] = {
	{ "run", cmd_run, { GUARD_YAML, NULL } },
	{ "hindcast", cmd_hindcast, { GUARD_YAML, NULL } },
	{ "calibrate", cmd_calibrate, { GUARD_YAML, NULL } },
	{ "sensitivity", cmd_sensitivity, { GUARD_YAML, NULL } },
	{ "stats", cmd_stats, { "--db", GUARD_DB } },
	{ "import", cmd_import, { "--db", GUARD_DB } },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 4], *buf, *p, *end;
	int argc = 0, k, rc;

	if (!size)
		return 0;
	k = data[0] % (sizeof(cmds) / sizeof(cmds[0]));
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = 0;
	argv[argc++] = (char *)cmds[k].name;
	for (int g = 0; g < 2 && cmds[k].guard[g]; g++)
		argv[argc++] = (char *)cmds[k].guard[g];
	end = buf + size - 1;
	for (p = buf; p < end && argc < MAX_ARGS; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	rc = cmds[k].fn(argc, argv);
	assert(rc >= 0 && rc <= 2);
	/* glibc keeps a pointer into the last argv between getopt calls; a
	 * full reset (optind = 0) drops it before buf is freed */
	{
		char *dummy[] = { "x", NULL };

		optind = 0;
		getopt(1, dummy, "");
	}
	free(buf);
	empty_workdir();
	return 0;
}
