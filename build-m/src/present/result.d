build-m/src/present/result.o: src/present/result.c include/durand/date.h \
 include/durand/result.h include/durand/ensemble.h include/durand/cloud.h \
 include/durand/error.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/sketch.h include/durand/json.h
include/durand/date.h:
include/durand/result.h:
include/durand/ensemble.h:
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
include/durand/json.h:
