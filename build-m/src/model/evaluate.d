build-m/src/model/evaluate.o: src/model/evaluate.c \
 include/durand/evaluate.h include/durand/scenario.h \
 include/durand/error.h include/durand/params.def include/durand/sim.h \
 include/durand/rng.h
include/durand/evaluate.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
include/durand/sim.h:
include/durand/rng.h:
