build-m/src/analysis/if2.o: src/analysis/if2.c include/durand/date.h \
 include/durand/if2.h include/durand/record.h include/durand/error.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/observe.h include/durand/cloud.h include/durand/sim.h \
 include/durand/rng.h
include/durand/date.h:
include/durand/if2.h:
include/durand/record.h:
include/durand/error.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/observe.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
