build-m/src/analysis/sensitivity.o: src/analysis/sensitivity.c \
 include/durand/json.h include/durand/error.h \
 include/durand/sensitivity.h include/durand/evaluate.h \
 include/durand/scenario.h include/durand/params.def \
 include/durand/morris.h include/durand/sobol.h
include/durand/json.h:
include/durand/error.h:
include/durand/sensitivity.h:
include/durand/evaluate.h:
include/durand/scenario.h:
include/durand/params.def:
include/durand/morris.h:
include/durand/sobol.h:
