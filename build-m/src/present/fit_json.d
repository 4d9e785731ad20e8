build-m/src/present/fit_json.o: src/present/fit_json.c \
 include/durand/date.h include/durand/fit_json.h include/durand/fit.h \
 include/durand/error.h include/durand/hawkes.h include/durand/rng.h \
 include/durand/paramedit.h include/durand/scenario.h \
 include/durand/params.def include/durand/fitdata.h \
 include/durand/store.h
include/durand/date.h:
include/durand/fit_json.h:
include/durand/fit.h:
include/durand/error.h:
include/durand/hawkes.h:
include/durand/rng.h:
include/durand/paramedit.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/fitdata.h:
include/durand/store.h:
