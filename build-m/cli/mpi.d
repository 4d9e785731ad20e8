build-m/cli/mpi.o: cli/mpi.c cli/mpi.h
cli/mpi.h:
