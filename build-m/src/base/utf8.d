build-m/src/base/utf8.o: src/base/utf8.c include/durand/utf8.h
include/durand/utf8.h:
