/*
 * output.c: write-to-temporary-then-rename, so that no reader ever sees a
 * half-written result and an interrupted run leaves the old file in place.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "durand/output.h"

int dur_output_open(struct dur_output *o, const char *path,
		    struct dur_error *err)
{
	struct stat sb;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	if (strlen(path) + 12 >= sizeof(o->tmp))
		return dur_error_set(err, DUR_EINVAL, path, 0, 0,
				     "output path too long");
	snprintf(o->path, sizeof(o->path), "%s", path);
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {
		if (S_ISDIR(sb.st_mode))
			return dur_error_set(err, DUR_EINVAL, path, 0, 0,
					     "output is a directory; give a "
					     "file name");
		o->fp = fopen(path, "w");
		if (!o->fp)
			return dur_error_set(err, DUR_EIO, path, 0, 0,
					     "cannot open output: %s",
					     strerror(errno));
		o->direct = 1;
		return 0;
	}
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		o->tmp[0] = 0;
		return dur_error_set(err, DUR_EIO, path, 0, 0,
				     "cannot create output: %s",
				     strerror(errno));
	}
	{
		/* mkstemp makes 0600; give the file the mode a plain
		 * fopen would have */
		mode_t mask = umask(0);

		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0) {
			/* harmless: the file stays private */
		}
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		close(fd);
		unlink(o->tmp);
		o->tmp[0] = 0;
		return dur_error_set(err, DUR_EIO, path, 0, 0,
				     "cannot open output: %s", strerror(errno));
	}
	return 0;
}

int dur_output_commit(struct dur_output *o, struct dur_error *err)
{
	int bad;

	if (!o->fp)
		return dur_error_set(err, DUR_EIO, o->path, 0, 0,
				     "output is not open");
	if (o->fp == stdout) {
		bad = fflush(stdout) != 0 || ferror(stdout);
		o->fp = NULL;
		if (bad)
			return dur_error_set(err, DUR_EIO, "", 0, 0,
					     "cannot write standard output: %s",
					     strerror(errno));
		return 0;
	}
	if (o->direct) {
		int e;

		bad = fflush(o->fp) != 0 || ferror(o->fp);
		e = errno;
		if (fclose(o->fp) != 0 && !bad) {
			bad = 1;
			e = errno;
		}
		o->fp = NULL;
		if (bad)
			return dur_error_set(err, DUR_EIO, o->path, 0, 0,
					     "cannot write output: %s",
					     strerror(e));
		return 0;
	}
	bad = fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
	if (fclose(o->fp) != 0)
		bad = 1;
	o->fp = NULL;
	if (bad) {
		int e = errno;

		unlink(o->tmp);
		o->tmp[0] = 0;
		return dur_error_set(err, DUR_EIO, o->path, 0, 0,
				     "cannot write output: %s", strerror(e));
	}
	if (rename(o->tmp, o->path) != 0) {
		int e = errno;

		unlink(o->tmp);
		o->tmp[0] = 0;
		return dur_error_set(err, DUR_EIO, o->path, 0, 0,
				     "cannot rename output into place: %s",
				     strerror(e));
	}
	o->tmp[0] = 0;
	return 0;
}

void dur_output_abort(struct dur_output *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = 0;
}
