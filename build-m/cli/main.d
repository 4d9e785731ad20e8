build-m/cli/main.o: cli/main.c cli/cli.h include/durand/error.h cli/mpi.h
cli/cli.h:
include/durand/error.h:
cli/mpi.h:
