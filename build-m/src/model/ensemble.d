build-m/src/model/ensemble.o: src/model/ensemble.c include/durand/date.h \
 include/durand/ensemble.h include/durand/cloud.h include/durand/error.h \
 include/durand/sim.h include/durand/rng.h include/durand/scenario.h \
 include/durand/params.def include/durand/sketch.h
include/durand/date.h:
include/durand/ensemble.h:
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
