build-m/src/present/chart.o: src/present/chart.c \
 /usr/include/cairo/cairo.h /usr/include/cairo/cairo-version.h \
 /usr/include/cairo/cairo-features.h \
 /usr/include/cairo/cairo-deprecated.h /usr/include/cairo/cairo-svg.h \
 /usr/include/cairo/cairo.h include/durand/chart.h include/durand/error.h \
 include/durand/date.h include/durand/output.h
/usr/include/cairo/cairo.h:
/usr/include/cairo/cairo-version.h:
/usr/include/cairo/cairo-features.h:
/usr/include/cairo/cairo-deprecated.h:
/usr/include/cairo/cairo-svg.h:
/usr/include/cairo/cairo.h:
include/durand/chart.h:
include/durand/error.h:
include/durand/date.h:
include/durand/output.h:
