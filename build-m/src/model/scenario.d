build-m/src/model/scenario.o: src/model/scenario.c include/durand/date.h \
 include/durand/scenario.h include/durand/error.h \
 include/durand/params.def include/durand/utf8.h
include/durand/date.h:
include/durand/scenario.h:
include/durand/error.h:
include/durand/params.def:
include/durand/utf8.h:
