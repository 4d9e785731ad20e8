build-m/src/base/rng.o: src/base/rng.c include/durand/rng.h
include/durand/rng.h:
