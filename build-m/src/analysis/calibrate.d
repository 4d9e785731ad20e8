build-m/src/analysis/calibrate.o: src/analysis/calibrate.c \
 include/durand/calibrate.h include/durand/hindcast.h \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def include/durand/sketch.h include/durand/sim.h \
 include/durand/rng.h include/durand/smm.h
include/durand/calibrate.h:
include/durand/hindcast.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
include/durand/sketch.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/smm.h:
