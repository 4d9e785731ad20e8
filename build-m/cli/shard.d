build-m/cli/shard.o: cli/shard.c cli/cli.h include/durand/error.h \
 cli/mpi.h include/durand/dsum.h include/durand/ensemble.h \
 include/durand/cloud.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/sketch.h
cli/cli.h:
include/durand/error.h:
cli/mpi.h:
include/durand/dsum.h:
include/durand/ensemble.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
