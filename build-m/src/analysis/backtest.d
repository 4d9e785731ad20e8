build-m/src/analysis/backtest.o: src/analysis/backtest.c \
 include/durand/backtest.h include/durand/error.h include/durand/rng.h \
 include/durand/score.h include/durand/date.h
include/durand/backtest.h:
include/durand/error.h:
include/durand/rng.h:
include/durand/score.h:
include/durand/date.h:
