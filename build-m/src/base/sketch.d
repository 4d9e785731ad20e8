build-m/src/base/sketch.o: src/base/sketch.c include/durand/sketch.h \
 include/durand/error.h
include/durand/sketch.h:
include/durand/error.h:
