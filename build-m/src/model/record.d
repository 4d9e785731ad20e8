build-m/src/model/record.o: src/model/record.c include/durand/csvread.h \
 include/durand/error.h include/durand/date.h include/durand/record.h \
 include/durand/sha256.h include/durand/utf8.h
include/durand/csvread.h:
include/durand/error.h:
include/durand/date.h:
include/durand/record.h:
include/durand/sha256.h:
include/durand/utf8.h:
