build-m/cli/cmd_filter.o: cli/cmd_filter.c cli/cli.h \
 include/durand/error.h include/durand/date.h include/durand/filter_out.h \
 include/durand/observe.h include/durand/cloud.h include/durand/sim.h \
 include/durand/rng.h include/durand/scenario.h include/durand/params.def \
 include/durand/record.h include/durand/json.h include/durand/output.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/filter_out.h:
include/durand/observe.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/record.h:
include/durand/json.h:
include/durand/output.h:
