build-m/src/data/obsdata.o: src/data/obsdata.c include/durand/obsdata.h \
 include/durand/error.h include/durand/store.h src/data/store_int.h
include/durand/obsdata.h:
include/durand/error.h:
include/durand/store.h:
src/data/store_int.h:
