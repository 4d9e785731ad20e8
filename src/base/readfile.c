/*
 * readfile.c: reading a whole file (readfile.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "durand/grow.h"
#include "durand/readfile.h"

char *dur_read_file(const char *path, const char *what, size_t max_mib,
		    size_t *lenp, struct dur_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		int e = errno;

		dur_error_set(err, e == ENOENT ? DUR_ENOTFOUND : DUR_EIO, path,
			      0, 0, "cannot open %s: %s", what, strerror(e));
		return NULL;
	}
	do {
		if (len + 1 >= cap) {
			if (cap >= (max_mib << 20)) {
				dur_error_set(err, DUR_ELIMIT, path, 0, 0,
					      "%s larger than %zu MiB", what,
					      max_mib);
				goto fail;
			}
			if (dur_grow(&buf, &cap, cap ? 2 * cap : 65536, 1)) {
				dur_error_set(err, DUR_ENOMEM, path, 0, 0,
					      "out of memory");
				goto fail;
			}
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		dur_error_set(err, DUR_EIO, path, 0, 0, "cannot read %s: %s",
			      what, strerror(errno));
		goto fail;
	}
	fclose(f);
	buf[len] = 0;
	*lenp = len;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}
