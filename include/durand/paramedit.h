/*
 * paramedit.h: new values for a scenario's parameters, written into its
 * YAML text with every other line kept as it was.
 *
 * A scenario's `params:` mapping (scenario.h) holds entries of either form
 *
 *     ttp.mu: 0.42
 *     attack.alpha_self: { value: 0.2, range: [0, 0.6], source: "..." }
 *
 * (the second also in block style). dur_paramedit_apply finds each edited
 * path with libfyaml's event parser, which gives the byte positions of
 * scalars, and splices the new text in: a bare number becomes
 * `{ value: X, source: "S" }`; in a mapping, `value` and `source` are
 * replaced (or added) and a `range` that would not hold the new value is
 * widened to hold it. A path not in `params:` is added at its end; a
 * document without `params:` gets one. Comments, order, quoting and
 * layout elsewhere stay byte for byte.
 */
#ifndef DURAND_PARAMEDIT_H
#define DURAND_PARAMEDIT_H

#include <stddef.h>

#include "durand/error.h"
#include "durand/scenario.h"

struct dur_paramedit {
	const char *path; /* "ttp.mu" */
	double value;     /* the new value */
};

/*
 * Apply n edits to the YAML text base[0..len) (`file` names it in
 * messages), setting each edited entry's source to `source`. *out receives
 * a NUL-terminated copy, which the caller frees. YAML errors are
 * DUR_EPARSE with line and column.
 */
int dur_paramedit_apply(const char *base, size_t len, const char *file,
			const struct dur_paramedit *edits, size_t n,
			const char *source, char **out,
			struct dur_error *err);

/*
 * The YAML text base[0..len) with its top-level `ensemble:` section (a
 * parameter ensemble, scenario.h) replaced by e's, or e's appended when it
 * has none; every other line kept as it was. Values are written with 10
 * significant digits, so that text written from a parsed ensemble is the
 * same text again. *out is a new NUL-terminated string the caller frees.
 */
int dur_paramedit_ensemble(const char *base, size_t len,
			   const struct dur_param_ensemble *e, char **out,
			   struct dur_error *err);

#endif
