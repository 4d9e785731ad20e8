build-m/cli/cmd_backtest.o: cli/cmd_backtest.c cli/cli.h \
 include/durand/error.h include/durand/backtest.h include/durand/rng.h \
 include/durand/score.h include/durand/baseline.h include/durand/date.h \
 include/durand/output.h include/durand/stats.h include/durand/store.h
cli/cli.h:
include/durand/error.h:
include/durand/backtest.h:
include/durand/rng.h:
include/durand/score.h:
include/durand/baseline.h:
include/durand/date.h:
include/durand/output.h:
include/durand/stats.h:
include/durand/store.h:
