build-m/cli/progress.o: cli/progress.c cli/cli.h include/durand/error.h
cli/cli.h:
include/durand/error.h:
