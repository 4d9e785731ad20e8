build-m/cli/util.o: cli/util.c cli/cli.h include/durand/error.h \
 include/durand/scenario.h include/durand/params.def
cli/cli.h:
include/durand/error.h:
include/durand/scenario.h:
include/durand/params.def:
