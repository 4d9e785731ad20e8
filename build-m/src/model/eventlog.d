build-m/src/model/eventlog.o: src/model/eventlog.c include/durand/date.h \
 include/durand/eventlog.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def
include/durand/date.h:
include/durand/eventlog.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
