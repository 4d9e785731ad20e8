build-m/src/model/scenario_param.o: src/model/scenario_param.c \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
