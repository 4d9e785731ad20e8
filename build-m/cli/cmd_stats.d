build-m/cli/cmd_stats.o: cli/cmd_stats.c cli/cli.h include/durand/error.h \
 include/durand/chart.h include/durand/date.h include/durand/report.h \
 include/durand/stats.h include/durand/store.h \
 include/durand/stats_json.h
cli/cli.h:
include/durand/error.h:
include/durand/chart.h:
include/durand/date.h:
include/durand/report.h:
include/durand/stats.h:
include/durand/store.h:
include/durand/stats_json.h:
