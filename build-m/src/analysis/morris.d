build-m/src/analysis/morris.o: src/analysis/morris.c \
 include/durand/morris.h include/durand/error.h include/durand/rng.h \
 src/analysis/boot_int.h
include/durand/morris.h:
include/durand/error.h:
include/durand/rng.h:
src/analysis/boot_int.h:
