build-m/src/present/report_fig.o: src/present/report_fig.c \
 include/durand/date.h src/present/report_int.h include/durand/chart.h \
 include/durand/error.h include/durand/report.h
include/durand/date.h:
src/present/report_int.h:
include/durand/chart.h:
include/durand/error.h:
include/durand/report.h:
