build-m/src/model/scenario_names.o: src/model/scenario_names.c \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
