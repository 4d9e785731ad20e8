build-m/src/base/output.o: src/base/output.c include/durand/output.h \
 include/durand/error.h
include/durand/output.h:
include/durand/error.h:
