build-m/src/data/fitdata.o: src/data/fitdata.c include/durand/date.h \
 include/durand/fitdata.h include/durand/error.h include/durand/hawkes.h \
 include/durand/rng.h include/durand/store.h src/data/store_int.h
include/durand/date.h:
include/durand/fitdata.h:
include/durand/error.h:
include/durand/hawkes.h:
include/durand/rng.h:
include/durand/store.h:
src/data/store_int.h:
