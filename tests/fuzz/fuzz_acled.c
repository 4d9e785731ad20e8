/* fuzz_acled.c: libFuzzer target for the ACLED importer. */
#define FUZZ_FORMAT DUR_IMPORT_ACLED
#include "fuzz_import.h"
