build-m/cli/cmd_check.o: cli/cmd_check.c cli/cli.h include/durand/error.h \
 include/durand/scenario.h include/durand/params.def
cli/cli.h:
include/durand/error.h:
include/durand/scenario.h:
include/durand/params.def:
