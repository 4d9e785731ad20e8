build-m/src/model/cloud.o: src/model/cloud.c include/durand/cloud.h \
 include/durand/error.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/output.h
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/output.h:
