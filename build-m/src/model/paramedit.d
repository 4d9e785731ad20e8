build-m/src/model/paramedit.o: src/model/paramedit.c \
 include/durand/paramedit.h include/durand/error.h \
 include/durand/scenario.h include/durand/params.def
include/durand/paramedit.h:
include/durand/error.h:
include/durand/scenario.h:
include/durand/params.def:
