build-m/src/analysis/hindcast.o: src/analysis/hindcast.c \
 include/durand/date.h include/durand/hindcast.h \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def include/durand/sketch.h include/durand/json.h \
 include/durand/sim.h include/durand/rng.h
include/durand/date.h:
include/durand/hindcast.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
include/durand/sketch.h:
include/durand/json.h:
include/durand/sim.h:
include/durand/rng.h:
