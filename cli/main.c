/*
 * main.c: the `durand` command: finds the subcommand in the table and runs
 * it, the way git dispatches its builtins.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct cmd commands[] = {
	{ "run", cmd_run, "run an ensemble of a scenario and summarise it" },
	{ "calibrate", cmd_calibrate, "fit parameters to the stated figures" },
	{ "hindcast", cmd_hindcast, "hold a scenario against the stated figures" },
	{ "scenarios", cmd_scenarios, "list the built-in scenarios" },
	{ "sensitivity", cmd_sensitivity, "what would change the outcome: Morris and Sobol" },
	{ "show", cmd_show, "print a built-in scenario as YAML" },
	{ "check", cmd_check, "validate scenario files" },
	{ "version", NULL, "print durand's version" },
	{ "report", cmd_report, "write a result's HTML report or one chart" },
	{ "import", cmd_import, "import UCDP GED or ACLED event files" },
	{ "stats", cmd_stats, "count events and deaths per period and stream" },
	{ "fit", cmd_fit, "fit the Hawkes retaliation process to events" },
	{ "record", cmd_record, "list, show and check records of the crisis" },
};

static const char main_usage[] =
	"usage: durand [--version] [--help] <command> [<args>]";

static void print_help(void)
{
	printf("%s\n\ncommands:\n", main_usage);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("   %-12s %s\n", commands[i].name, commands[i].help);
	printf("\n'durand <command> --help' tells more of one command; "
	       "'man durand' of all.\n");
}

int main(int argc, char **argv)
{
	const char *name;

	if (argc < 2) {
		print_help();
		return 2;
	}
	name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("durand %s\n", DURAND_VERSION);
		return 0;
	}
	if (!strcmp(name, "help") || !strcmp(name, "--help") ||
	    !strcmp(name, "-h")) {
		if (argc > 2 && strcmp(name, "help") == 0) {
			char *hv[] = { argv[2], "--help", NULL };

			for (size_t i = 0;
			     i < sizeof(commands) / sizeof(commands[0]); i++)
				if (!strcmp(commands[i].name, argv[2]))
					return commands[i].fn(2, hv);
			fprintf(stderr, "durand: '%s' is not a command\n",
				argv[2]);
			return 2;
		}
		print_help();
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].fn && !strcmp(commands[i].name, name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "durand: '%s' is not a command; see 'durand help'\n",
		name);
	return 2;
}
