build-m/src/base/csvread.o: src/base/csvread.c include/durand/csvread.h \
 include/durand/error.h
include/durand/csvread.h:
include/durand/error.h:
