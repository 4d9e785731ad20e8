build-m/cli/cmd_hindcast.o: cli/cmd_hindcast.c cli/cli.h \
 include/durand/error.h include/durand/date.h include/durand/hindcast.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/sketch.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/hindcast.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
