build-m/src/analysis/sobol.o: src/analysis/sobol.c \
 include/durand/gsl_quiet.h include/durand/rng.h include/durand/sobol.h \
 include/durand/error.h src/analysis/boot_int.h
include/durand/gsl_quiet.h:
include/durand/rng.h:
include/durand/sobol.h:
include/durand/error.h:
src/analysis/boot_int.h:
