build-m/src/data/classify.o: src/data/classify.c src/data/store_int.h \
 include/durand/store.h include/durand/error.h
src/data/store_int.h:
include/durand/store.h:
include/durand/error.h:
