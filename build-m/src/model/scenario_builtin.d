build-m/src/model/scenario_builtin.o: src/model/scenario_builtin.c \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
