build-m/cli/backtest_record.o: cli/backtest_record.c cli/cli.h \
 include/durand/error.h include/durand/date.h include/durand/json.h \
 include/durand/output.h include/durand/recbacktest.h \
 include/durand/record.h include/durand/rng.h include/durand/scenario.h \
 include/durand/params.def include/durand/score.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/json.h:
include/durand/output.h:
include/durand/recbacktest.h:
include/durand/record.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/score.h:
