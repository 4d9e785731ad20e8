build-m/src/model/sim.o: src/model/sim.c include/durand/gsl_quiet.h \
 include/durand/sim.h include/durand/rng.h include/durand/scenario.h \
 include/durand/error.h include/durand/params.def
include/durand/gsl_quiet.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
