build-m/src/analysis/smm.o: src/analysis/smm.c include/durand/smm.h \
 include/durand/error.h
include/durand/smm.h:
include/durand/error.h:
