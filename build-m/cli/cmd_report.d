build-m/cli/cmd_report.o: cli/cmd_report.c cli/cli.h \
 include/durand/error.h include/durand/chart.h include/durand/report.h
cli/cli.h:
include/durand/error.h:
include/durand/chart.h:
include/durand/report.h:
