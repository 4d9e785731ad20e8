build-m/src/analysis/score.o: src/analysis/score.c include/durand/score.h \
 include/durand/error.h include/durand/rng.h
include/durand/score.h:
include/durand/error.h:
include/durand/rng.h:
