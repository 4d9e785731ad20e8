build-m/src/base/rowpipe.o: src/base/rowpipe.c include/durand/rowpipe.h \
 include/durand/csvread.h include/durand/error.h
include/durand/rowpipe.h:
include/durand/csvread.h:
include/durand/error.h:
