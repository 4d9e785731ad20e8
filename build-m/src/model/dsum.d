build-m/src/model/dsum.o: src/model/dsum.c include/durand/cloud.h \
 include/durand/error.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/date.h include/durand/dsum.h include/durand/ensemble.h \
 include/durand/sketch.h include/durand/output.h include/durand/sha256.h
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/date.h:
include/durand/dsum.h:
include/durand/ensemble.h:
include/durand/sketch.h:
include/durand/output.h:
include/durand/sha256.h:
