build-m/cli/cmd_sensitivity.o: cli/cmd_sensitivity.c cli/cli.h \
 include/durand/error.h include/durand/sensitivity.h \
 include/durand/evaluate.h include/durand/scenario.h \
 include/durand/params.def include/durand/morris.h include/durand/sobol.h
cli/cli.h:
include/durand/error.h:
include/durand/sensitivity.h:
include/durand/evaluate.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/morris.h:
include/durand/sobol.h:
