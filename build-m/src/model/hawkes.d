build-m/src/model/hawkes.o: src/model/hawkes.c include/durand/gsl_quiet.h \
 include/durand/hawkes.h include/durand/error.h include/durand/rng.h
include/durand/gsl_quiet.h:
include/durand/hawkes.h:
include/durand/error.h:
include/durand/rng.h:
