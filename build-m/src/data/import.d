build-m/src/data/import.o: src/data/import.c include/durand/csvread.h \
 include/durand/error.h include/durand/date.h include/durand/import.h \
 include/durand/store.h include/durand/sha256.h include/durand/rowpipe.h \
 include/durand/utf8.h src/data/store_int.h
include/durand/csvread.h:
include/durand/error.h:
include/durand/date.h:
include/durand/import.h:
include/durand/store.h:
include/durand/sha256.h:
include/durand/rowpipe.h:
include/durand/utf8.h:
src/data/store_int.h:
