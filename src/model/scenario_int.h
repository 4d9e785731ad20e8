/*
 * scenario_int.h: what scenario.c (the parser) and scenario_base.c (bases
 * merged under a scenario) share: the parse context, which remembers the
 * files a merged document's nodes came from, so that a problem is named at
 * its own file and line, the base's or the child's.
 */
#ifndef DURAND_SCENARIO_INT_H
#define DURAND_SCENARIO_INT_H

#include <sys/types.h>

#include <libfyaml.h>

#include "durand/scenario.h"

/* One document of a scenario and its bases. */
struct scen_part {
	struct fy_document *doc; /* as parsed; NULL once merged away */
	char *text;              /* its text, owned (libfyaml keeps pointers
				    into it), or NULL for a built-in's */
	size_t len;
	char label[DUR_SCENARIO_PATH_MAX]; /* file path, or <builtin NAME> */
	char builtin[DUR_NAME_MAX];        /* the built-in's name, or "" */
	dev_t dev;                         /* the file's identity (cycles) */
	ino_t ino;
};

/* A node of the merged document that came from part `part` (with all
 * below it, unless recorded otherwise). */
struct scen_origin {
	struct fy_node *node;
	int part;
};

struct ctx {
	const char *file;
	struct dur_diag *diag; /* may be NULL */
	int nerr;
	struct dur_error first;
	struct dur_scenario *sc;
	int last_line;      /* line of the last problem listed in diag */
	int more;           /* problems on last_line not listed */
	char last_msg[256]; /* the message listed for last_line */
	/* a scenario with bases: part[0] the scenario itself, part[i + 1]
	 * the base of part[i]; nodes not in orig are the last part's */
	int nparts;
	struct scen_part part[DUR_MAX_BASES + 1];
	struct scen_origin *orig;
	size_t norig, aorig;
};

/* Record a problem at node n (its file found from the origins). */
void scen_fail(struct ctx *c, int code, struct fy_node *n, const char *fmt,
	       ...) __attribute__((format(printf, 4, 5)));

/* Record a problem at a file's line and column (0: unknown). */
void scen_fail_at(struct ctx *c, int code, const char *file, int line,
		  int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Parse text (kept by the caller while the document lives) into a
 * document; NULL when it is not YAML, the problems recorded in c under the
 * name `file`. */
struct fy_document *scen_build(struct ctx *c, const char *text, size_t len,
			       const char *file);

/*
 * If the root of *doc names a `base:`, load the bases (recursively), merge
 * the documents and put the merged one in *doc (the `base:` key removed),
 * recording where each node came from in c. c->part[0] must be *doc's part
 * (its label and text set). Returns 0, or -1 with the problems recorded.
 */
int scen_base_merge(struct ctx *c, struct fy_document **doc);

/* The file (label) node n of the merged document came from. */
const char *scen_origin_file(const struct ctx *c, struct fy_node *n);

/* Free what c holds of the parts and origins (not c->part[0].text unless
 * owned). */
void scen_ctx_release(struct ctx *c);

/* Is n YAML's null (absent, "null", "~"; with empty, an empty plain
 * scalar too, as a merge reads `key:`)? */
int scen_is_null(struct fy_node *n, int empty);

#endif
