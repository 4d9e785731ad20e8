build-m/cli/output.o: cli/output.c cli/cli.h include/durand/error.h \
 include/durand/chart.h include/durand/json.h include/durand/output.h \
 include/durand/report.h
cli/cli.h:
include/durand/error.h:
include/durand/chart.h:
include/durand/json.h:
include/durand/output.h:
include/durand/report.h:
