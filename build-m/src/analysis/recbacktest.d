build-m/src/analysis/recbacktest.o: src/analysis/recbacktest.c \
 include/durand/date.h include/durand/observe.h include/durand/cloud.h \
 include/durand/error.h include/durand/sim.h include/durand/rng.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/record.h include/durand/recbacktest.h \
 include/durand/score.h
include/durand/date.h:
include/durand/observe.h:
include/durand/cloud.h:
include/durand/error.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/record.h:
include/durand/recbacktest.h:
include/durand/score.h:
