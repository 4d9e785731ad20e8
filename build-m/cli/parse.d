build-m/cli/parse.o: cli/parse.c cli/cli.h include/durand/error.h \
 include/durand/date.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
