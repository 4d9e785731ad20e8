build-m/src/present/report.o: src/present/report.c \
 include/durand/output.h include/durand/error.h src/present/report_int.h \
 include/durand/chart.h include/durand/report.h
include/durand/output.h:
include/durand/error.h:
src/present/report_int.h:
include/durand/chart.h:
include/durand/report.h:
