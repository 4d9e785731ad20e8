/* fuzz_ucdp.c: libFuzzer target for the UCDP GED importer. */
#define FUZZ_FORMAT DUR_IMPORT_UCDP
#include "fuzz_import.h"
