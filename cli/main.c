/*
 * main.c: the `durand` command: finds the subcommand in the table and runs
 * it, the way git dispatches its builtins.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mpi.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct cmd commands[] = {
	{ "run", cmd_run, "run an ensemble of a scenario and summarise it" },
	{ "merge", cmd_merge, "summarise the parts of an ensemble run in shards" },
	{ "calibrate", cmd_calibrate, "fit parameters to the stated figures" },
	{ "hindcast", cmd_hindcast, "hold a scenario against the stated figures" },
	{ "scenarios", cmd_scenarios, "list the built-in scenarios" },
	{ "sensitivity", cmd_sensitivity, "what would change the outcome: Morris and Sobol" },
	{ "show", cmd_show, "print a built-in scenario as YAML" },
	{ "check", cmd_check, "validate scenario files" },
	{ "version", cmd_version, "print durand's version" },
	{ "report", cmd_report, "write a result's HTML report or one chart" },
	{ "compare", cmd_compare, "set two run results side by side, with differences" },
	{ "import", cmd_import, "import UCDP GED or ACLED event files" },
	{ "stats", cmd_stats, "count events and deaths per period and stream" },
	{ "fit", cmd_fit, "fit the Hawkes retaliation process to events" },
	{ "backtest", cmd_backtest, "score rolling-origin forecasts of the event data" },
	{ "filter", cmd_filter, "filter a scenario through the record (particle filter)" },
	{ "record", cmd_record, "list, show and check records of the crisis" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
	"usage: durand [--version] [--help] <command> [<args>]";

static void print_help(void)
{
	printf("%s\n\ncommands:\n", main_usage);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("   %-12s %s\n", commands[i].name, commands[i].help);
	printf("\n'durand help <command>' or 'durand <command> --help' tells "
	       "more of one command;\nthe manual tells of all: 'man durand' "
	       "as installed, 'man ./docs/durand.1'\nin the source tree.\n");
}

static const struct cmd *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Not a command: say so, with the nearest ones. */
static int not_a_command(const char *name)
{
	const char *names[NCOMMANDS];
	char near[256];

	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	if (cli_suggest(name, names, NCOMMANDS, "", near, sizeof(near)))
		fprintf(stderr,
			"durand: '%s' is not a command; did you mean %s?\n",
			name, near);
	else
		fprintf(stderr, "durand: '%s' is not a command; see 'durand "
				"help'\n",
			name);
	return 2;
}

int cmd_version(int argc, char **argv)
{
	static const struct cli_command cmd = { "version", NULL,
						"Print durand's version." };
	static const struct cli_option opts[] = { CLI_OPT_END() };

	argc = cli_parse(&cmd, opts, argc, argv);
	if (argc < 0)
		return cli_parse_exit(argc);
	if (argc > 0)
		return cli_usage_error(&cmd, opts);
	printf("durand %s\n", DURAND_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	const char *name;
	int rc;

	if (argc < 2) {
		print_help();
		return 2;
	}
	name = argv[1];
	if (!strcmp(name, "--version"))
		return cmd_version(1, argv + 1);
	if (!strcmp(name, "help") && argc > 2 && strcmp(argv[2], "help")) {
		char *hv[] = { argv[2], "--help", NULL };

		c = find(argv[2]);
		return c ? c->fn(2, hv) : not_a_command(argv[2]);
	}
	if (!strcmp(name, "help") || !strcmp(name, "--help") ||
	    !strcmp(name, "-h")) {
		print_help();
		return 0;
	}
	c = find(name);
	if (!c)
		return not_a_command(name);
	rc = cli_comm_init(&argc, &argv, name);
	if (!rc)
		rc = c->fn(argc - 1, argv + 1);
	cli_comm_finalize();
	return rc;
}
