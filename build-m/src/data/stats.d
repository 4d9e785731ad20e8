build-m/src/data/stats.o: src/data/stats.c include/durand/date.h \
 include/durand/gsl_quiet.h include/durand/stats.h include/durand/error.h \
 include/durand/store.h src/data/store_int.h
include/durand/date.h:
include/durand/gsl_quiet.h:
include/durand/stats.h:
include/durand/error.h:
include/durand/store.h:
src/data/store_int.h:
