/*
 * output.c: write-to-temporary-then-rename, so that no reader ever sees a
 * half-written result and an interrupted run leaves the old file in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "durand/output.h"

/* An existing regular file may be replaced only if the user may write
 * it (a write-protected file is refused, as rm asks before removing one,
 * root included) and it has no other hard link: renaming over it would
 * leave the other names on the old contents. */
/* An unnamed file in path's directory, or -1. */
static int open_unnamed(const char *path, mode_t mode)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	return open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
}

/* Give the unnamed file fd the name path, replacing what is there: a
 * link under a fresh temporary name, then a rename over path. */
static int name_unnamed(int fd, const char *path, char *tmp, size_t len)
{
	char proc[64];
	unsigned long n = (unsigned long)getpid() * 2654435761u ^
			  (unsigned long)time(NULL);

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (int i = 0; i < 100; i++) {
		if (snprintf(tmp, len, "%s.tmp.%06lx", path,
			     (n + (unsigned long)i * 7919) & 0xffffff) >=
		    (int)len)
			break;
		if (!linkat(AT_FDCWD, proc, AT_FDCWD, tmp,
			    AT_SYMLINK_FOLLOW))
			return 0;
		if (errno != EEXIST)
			break;
	}
	tmp[0] = 0;
	return -1;
}

static int may_replace(const char *path, const struct stat *sb,
		       struct dur_error *err)
{
	if (access(path, W_OK) || !(sb->st_mode & 0222))
		return dur_error_set(err, DUR_EINVAL, path, 0, 0,
				     "cannot replace a write-protected file "
				     "(%s): make it writable or give another "
				     "name",
				     access(path, W_OK) ? strerror(errno) :
							  "mode without 'w'");
	if (sb->st_nlink > 1)
		return dur_error_set(err, DUR_EINVAL, path, 0, 0,
				     "the file has %lu hard links and "
				     "replacing it would break them: remove "
				     "it or give another name",
				     (unsigned long)sb->st_nlink);
	return 0;
}

int dur_output_open(struct dur_output *o, const char *path,
		    struct dur_error *err)
{
	struct stat sb;
	int fd, exists, rc;
	mode_t mode;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	if (!*path)
		return dur_error_set(err, DUR_EINVAL, "", 0, 0,
				     "the output file name is empty; give a "
				     "file, or '-' for standard output");
	if (strlen(path) + 12 >= sizeof(o->tmp))
		return dur_error_set(err, DUR_EINVAL, path, 0, 0,
				     "output path too long");
	snprintf(o->path, sizeof(o->path), "%s", path);
	exists = !stat(path, &sb);
	if (exists && !S_ISREG(sb.st_mode)) {
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
	if (exists) {
		rc = may_replace(path, &sb, err);
		if (rc)
			return rc;
		mode = sb.st_mode & 07777; /* the old file's mode, kept */
	} else {
		/* mkstemp makes 0600; give the file the mode a plain fopen
		 * would have */
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	/* Unnamed until commit (O_TMPFILE): a process killed on the way,
	 * by a signal or by a library that exits (libgomp when it cannot
	 * start a thread), leaves nothing behind. Where the file system has
	 * no unnamed files, a named one, removed on failure. */
	fd = open_unnamed(path, mode);
	if (fd >= 0) {
		o->unnamed = 1;
		o->tmp[0] = 0;
	} else {
		snprintf(o->tmp, sizeof(o->tmp), "%s.tmp.XXXXXX", path);
		fd = mkstemp(o->tmp);
	}
	if (fd < 0) {
		o->tmp[0] = 0;
		return dur_error_set(err, DUR_EIO, path, 0, 0,
				     "cannot create output: %s",
				     strerror(errno));
	}
	if (fchmod(fd, mode) != 0) {
		/* harmless: the file stays private */
	}
	if (exists && (sb.st_uid != geteuid() || sb.st_gid != getegid()) &&
	    fchown(fd, sb.st_uid, sb.st_gid) != 0) {
		/* only root may give a file away: it becomes the user's */
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		close(fd);
		if (o->tmp[0])
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
	if (!bad && o->unnamed &&
	    name_unnamed(fileno(o->fp), o->path, o->tmp, sizeof(o->tmp))) {
		int e = errno;

		fclose(o->fp);
		o->fp = NULL;
		return dur_error_set(err, DUR_EIO, o->path, 0, 0,
				     "cannot name output: %s", strerror(e));
	}
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
