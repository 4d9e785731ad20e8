build-m/cli/cmd_scenarios.o: cli/cmd_scenarios.c cli/cli.h \
 include/durand/error.h include/durand/date.h include/durand/scenario.h \
 include/durand/params.def
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/scenario.h:
include/durand/params.def:
