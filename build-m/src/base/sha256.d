build-m/src/base/sha256.o: src/base/sha256.c include/durand/sha256.h
include/durand/sha256.h:
