/*
 * readfile.h: a whole input file in memory, the one way the library reads
 * one (scenarios, records).
 */
#ifndef DURAND_READFILE_H
#define DURAND_READFILE_H

#include <stddef.h>

#include "durand/error.h"

/*
 * The file at path, NUL-terminated, as a new string the caller frees; *len
 * its length. NULL with err on failure, whose message names what the file
 * is ("scenario"): DUR_ENOTFOUND or DUR_EIO when it cannot be opened or
 * read, DUR_ELIMIT when it holds max_mib MiB or more, DUR_ENOMEM.
 */
char *dur_read_file(const char *path, const char *what, size_t max_mib,
		    size_t *len, struct dur_error *err);

#endif
