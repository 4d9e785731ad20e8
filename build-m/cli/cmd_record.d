build-m/cli/cmd_record.o: cli/cmd_record.c cli/cli.h \
 include/durand/error.h include/durand/date.h include/durand/json.h \
 include/durand/record.h
cli/cli.h:
include/durand/error.h:
include/durand/date.h:
include/durand/json.h:
include/durand/record.h:
