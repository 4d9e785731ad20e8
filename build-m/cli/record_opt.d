build-m/cli/record_opt.o: cli/record_opt.c cli/cli.h \
 include/durand/error.h include/durand/record.h
cli/cli.h:
include/durand/error.h:
include/durand/record.h:
