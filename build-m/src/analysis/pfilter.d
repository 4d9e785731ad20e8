build-m/src/analysis/pfilter.o: src/analysis/pfilter.c \
 include/durand/pfilter.h include/durand/error.h include/durand/rng.h
include/durand/pfilter.h:
include/durand/error.h:
include/durand/rng.h:
