build-m/cli/forecast.o: cli/forecast.c cli/cli.h include/durand/error.h \
 include/durand/date.h include/durand/ensemble.h include/durand/cloud.h \
 include/durand/sim.h include/durand/rng.h include/durand/scenario.h \
 include/durand/params.def include/durand/sketch.h \
 include/durand/observe.h include/durand/record.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/ensemble.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
include/durand/observe.h:
include/durand/record.h:
