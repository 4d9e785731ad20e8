/*
 * dsum.h: a part of an ensemble as a file (.dsum), and parts merged back
 * into the whole.
 *
 * A .dsum holds the integer summaries of runs [first_run, first_run + runs)
 * of one ensemble (struct dur_result: every variant's sketches, reach
 * counts and daily series) with a header that says which ensemble it is a
 * part of: the SHA-256 of the scenario's YAML text, where the runs started
 * (the scenario's state, or a filtered cloud: the SHA-256 of the crisis
 * record filtered, 64 '0's when none, the start date, the cloud's size and
 * seed), the seed, the whole ensemble's run count, the days, the what-ifs
 * and durand's version. The scenario's
 * text travels inside, so a part can be read, checked and rendered with
 * nothing else at hand. docs/dsum.md gives the layout byte by byte.
 *
 * Parts of the same ensemble that cover [0, total_runs) without gap or
 * overlap merge (dur_dsum_merge) into the very result one process would
 * have computed: every summary is integer counts and sums (sketch.h). The
 * same bytes carry partial results between MPI ranks.
 */
#ifndef DURAND_DSUM_H
#define DURAND_DSUM_H

#include <stddef.h>
#include <stdint.h>

#include "durand/ensemble.h"
#include "durand/error.h"
#include "durand/scenario.h"

#define DUR_DSUM_FORMAT 3        /* format version this durand writes */
#define DUR_DSUM_HEADER_SIZE 640 /* bytes of the fixed header */

/* What the header says about a part. */
struct dur_dsum_info {
	char durand[32];          /* version of durand that wrote it */
	char scenario_sha256[65]; /* of the scenario's YAML text */
	char record_sha256[65];   /* of the record filtered; 64 '0's if none
				     (on writing, taken from the result) */
	int32_t start;            /* day number of day 0 of the runs */
	long cloud_states;        /* states of the starting cloud, 0: none */
	uint64_t cloud_seed;      /* the seed that cloud was filtered with */
	uint64_t seed;
	long first_run, runs;     /* this part: [first_run, first_run + runs) */
	long total_runs;          /* runs of the whole ensemble */
	int days;
	int shard, nshards;       /* 1-based K of N (--shard K/N), or 0 0 */
	int nwhat_if;             /* what-ifs, by index into sc->intervention */
	int nprobs;               /* --prob thresholds (the result's) */
	const char *note;         /* on writing: text carried with the part
				     (the CLI's provenance, JSON), or NULL */
	int what_if[DUR_MAX_WHAT_IFS];
};

/* A part read back: its header, the scenario parsed from its embedded text
 * (owned), and its summaries (whose ->sc is that scenario). */
struct dur_dsum {
	char name[256];           /* the file it came from, for messages */
	struct dur_dsum_info info;
	struct dur_start_info start; /* where the runs started */
	char *scenario_text;      /* NUL-terminated, scenario_len bytes */
	size_t scenario_len;
	struct dur_scenario *sc;
	struct dur_result *res;
	char *note;               /* the note written with it, "" if none */
	size_t note_len;
};

/* The 64-hex SHA-256 of a scenario's text (as dur_scenario_text gives
 * it); -1 if libcrypto failed. */
int dur_dsum_scenario_digest(const char *text, size_t len, char hex[65]);

/*
 * Encode r (runs [r->first_run, +r->runs) of an ensemble of `info`) with
 * the scenario's text into a new buffer *buf of *size bytes (free()).
 * info's first_run, runs, days, seed, what-ifs, start information and
 * record digest are taken from r (r->start, r->sc->start); its durand
 * version from this build when empty. The caller sets total_runs, the
 * shard, and the cloud's size and seed.
 */
int dur_dsum_encode(const struct dur_result *r,
		    const struct dur_dsum_info *info, const char *scenario_text,
		    size_t scenario_len, unsigned char **buf, size_t *size,
		    struct dur_error *err);

/*
 * Decode size bytes into a new part (dur_dsum_free). `name` labels
 * errors: bad magic, an unknown format version, a truncated or altered
 * file (the check digest), sizes that do not fit, a scenario whose text no
 * longer parses or digests to the header's value: DUR_EPARSE naming it.
 * The scenario is restarted on the header's start date when the runs
 * started later than it does (an --as-of forecast), and the result's
 * ->start is the header's.
 */
int dur_dsum_decode(const void *buf, size_t size, const char *name,
		    struct dur_dsum **out, struct dur_error *err);

/* Write r as a .dsum file (whole or not at all, output.h). */
int dur_dsum_save(const struct dur_result *r,
		  const struct dur_dsum_info *info, const char *scenario_text,
		  size_t scenario_len, const char *path, struct dur_error *err);

/* Read a .dsum file (as dur_dsum_decode, naming the file). */
int dur_dsum_load(const char *path, struct dur_dsum **out,
		  struct dur_error *err);

void dur_dsum_free(struct dur_dsum *d);

/*
 * Merge n parts (in any order given), taking them in run-range order.
 * Refuses (DUR_EINVAL, naming both files and the field) parts of other
 * scenarios, starting states (record, start date, cloud), seeds, days,
 * what-ifs, whole run counts or durand versions, and ranges that overlap,
 * leave a gap or do not cover [0, total_runs). On success *out is a new result of the
 * whole (dur_result_free), whose ->sc is the scenario of the part holding
 * run 0: free the parts after the result.
 */
int dur_dsum_merge(struct dur_dsum **parts, int n, struct dur_result **out,
		   struct dur_error *err);

#endif
