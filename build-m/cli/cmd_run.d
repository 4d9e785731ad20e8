build-m/cli/cmd_run.o: cli/cmd_run.c cli/cli.h include/durand/error.h \
 cli/mpi.h include/durand/cloud.h include/durand/sim.h \
 include/durand/rng.h include/durand/scenario.h include/durand/params.def \
 include/durand/date.h include/durand/ensemble.h include/durand/sketch.h \
 include/durand/filter_out.h include/durand/observe.h \
 include/durand/record.h include/durand/eventlog.h \
 include/durand/output.h include/durand/result.h include/durand/json.h
cli/cli.h:
include/durand/error.h:
cli/mpi.h:
include/durand/cloud.h:
include/durand/sim.h:
include/durand/rng.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/date.h:
include/durand/ensemble.h:
include/durand/sketch.h:
include/durand/filter_out.h:
include/durand/observe.h:
include/durand/record.h:
include/durand/eventlog.h:
include/durand/output.h:
include/durand/result.h:
include/durand/json.h:
