build-m/cli/cmd_calibrate.o: cli/cmd_calibrate.c cli/cli.h \
 include/durand/error.h include/durand/calibrate.h \
 include/durand/hindcast.h include/durand/scenario.h \
 include/durand/params.def include/durand/sketch.h include/durand/date.h \
 include/durand/if2.h include/durand/record.h include/durand/json.h \
 include/durand/output.h include/durand/paramedit.h
cli/cli.h:
include/durand/error.h:
include/durand/calibrate.h:
include/durand/hindcast.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/sketch.h:
include/durand/date.h:
include/durand/if2.h:
include/durand/record.h:
include/durand/json.h:
include/durand/output.h:
include/durand/paramedit.h:
