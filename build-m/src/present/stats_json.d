build-m/src/present/stats_json.o: src/present/stats_json.c \
 include/durand/date.h include/durand/stats_json.h include/durand/stats.h \
 include/durand/error.h include/durand/store.h
include/durand/date.h:
include/durand/stats_json.h:
include/durand/stats.h:
include/durand/error.h:
include/durand/store.h:
