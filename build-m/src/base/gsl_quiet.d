build-m/src/base/gsl_quiet.o: src/base/gsl_quiet.c \
 include/durand/gsl_quiet.h
include/durand/gsl_quiet.h:
