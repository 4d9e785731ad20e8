/* cmd_fit.c: placeholder */
#include "cli.h"
int cmd_fit(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
