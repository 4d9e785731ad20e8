build-m/src/base/error.o: src/base/error.c include/durand/error.h
include/durand/error.h:
