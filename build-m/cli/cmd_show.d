build-m/cli/cmd_show.o: cli/cmd_show.c cli/cli.h include/durand/error.h \
 include/durand/scenario.h include/durand/params.def
cli/cli.h:
include/durand/error.h:
include/durand/scenario.h:
include/durand/params.def:
