build-m/src/analysis/baseline.o: src/analysis/baseline.c \
 include/durand/baseline.h include/durand/backtest.h \
 include/durand/error.h include/durand/rng.h include/durand/score.h \
 include/durand/fit.h include/durand/hawkes.h include/durand/paramedit.h \
 include/durand/scenario.h include/durand/params.def
include/durand/baseline.h:
include/durand/backtest.h:
include/durand/error.h:
include/durand/rng.h:
include/durand/score.h:
include/durand/fit.h:
include/durand/hawkes.h:
include/durand/paramedit.h:
include/durand/scenario.h:
include/durand/params.def:
