build-m/cli/cmd_fit.o: cli/cmd_fit.c cli/cli.h include/durand/error.h \
 include/durand/chart.h include/durand/date.h include/durand/fit.h \
 include/durand/hawkes.h include/durand/rng.h include/durand/paramedit.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/fit_json.h include/durand/fitdata.h \
 include/durand/store.h include/durand/output.h include/durand/report.h
cli/cli.h:
include/durand/error.h:
include/durand/chart.h:
include/durand/date.h:
include/durand/fit.h:
include/durand/hawkes.h:
include/durand/rng.h:
include/durand/paramedit.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/fit_json.h:
include/durand/fitdata.h:
include/durand/store.h:
include/durand/output.h:
include/durand/report.h:
