build-m/src/data/store.o: src/data/store.c include/durand/date.h \
 src/data/store_int.h include/durand/store.h include/durand/error.h
include/durand/date.h:
src/data/store_int.h:
include/durand/store.h:
include/durand/error.h:
