build-m/src/analysis/observe.o: src/analysis/observe.c \
 include/durand/date.h include/durand/observe.h include/durand/cloud.h \
 include/durand/error.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/record.h include/durand/pfilter.h
include/durand/date.h:
include/durand/observe.h:
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/record.h:
include/durand/pfilter.h:
