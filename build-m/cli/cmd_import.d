build-m/cli/cmd_import.o: cli/cmd_import.c cli/cli.h \
 include/durand/error.h include/durand/import.h include/durand/store.h
cli/cli.h:
include/durand/error.h:
include/durand/import.h:
include/durand/store.h:
