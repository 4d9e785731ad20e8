/*
 * rowpipe.h: CSV records parsed on one thread and handed, in order, to a
 * callback on another.
 *
 * dur_rowpipe_read() is dur_csvread_scan() with the parsing moved to a
 * helper thread: records are copied into batches, and the calling thread
 * runs the callback on each record of each batch in file order while the
 * next batch is parsed. An import then parses and inserts at once (files
 * under 1 MiB, and every file when the process has one core, are read on
 * the caller's thread: no gain to be had). The chunk callback runs where
 * the parser does. Errors and stopping behave as in dur_csvread_scan(): the
 * first error in file order wins.
 */
#ifndef DURAND_ROWPIPE_H
#define DURAND_ROWPIPE_H

#include "durand/csvread.h"

int dur_rowpipe_read(const char *buf, size_t len, const char *file,
		     dur_csvread_fn fn, void *ctx, dur_csvread_chunk_fn chunk,
		     void *chunk_ctx, const dur_cancel *stop,
		     struct dur_error *err);

#endif
