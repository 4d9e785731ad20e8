build-m/cli/cmd_merge.o: cli/cmd_merge.c cli/cli.h include/durand/error.h \
 include/durand/dsum.h include/durand/ensemble.h include/durand/cloud.h \
 include/durand/sim.h include/durand/rng.h include/durand/scenario.h \
 include/durand/params.def include/durand/sketch.h
cli/cli.h:
include/durand/error.h:
include/durand/dsum.h:
include/durand/ensemble.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
