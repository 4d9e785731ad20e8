build-m/src/analysis/fit.o: src/analysis/fit.c include/durand/fit.h \
 include/durand/error.h include/durand/hawkes.h include/durand/rng.h \
 include/durand/paramedit.h include/durand/scenario.h \
 include/durand/params.def include/durand/gsl_quiet.h
include/durand/fit.h:
include/durand/error.h:
include/durand/hawkes.h:
include/durand/rng.h:
include/durand/paramedit.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/gsl_quiet.h:
