build-m/src/base/json.o: src/base/json.c include/durand/json.h \
 include/durand/error.h
include/durand/json.h:
include/durand/error.h:
