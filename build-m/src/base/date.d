build-m/src/base/date.o: src/base/date.c include/durand/date.h
include/durand/date.h:
