build-m/src/analysis/fit_params.o: src/analysis/fit_params.c \
 include/durand/fit.h include/durand/error.h include/durand/hawkes.h \
 include/durand/rng.h include/durand/paramedit.h \
 include/durand/scenario.h include/durand/params.def
include/durand/fit.h:
include/durand/error.h:
include/durand/hawkes.h:
include/durand/rng.h:
include/durand/paramedit.h:
include/durand/scenario.h:
include/durand/params.def:
