/*
 * fuzz_scenario.c: libFuzzer target for the scenario parser and validator
 * (dur_scenario_parse): any bytes must give 0 or an error code with a
 * message, never a crash, a leak or a hang.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "durand/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dur_scenario *sc;
	struct dur_diag diag = { 0 };
	struct dur_error err = { 0 };
	int rc;

	if (!sc && !(sc = malloc(sizeof(*sc))))
		return 0;
	rc = dur_scenario_parse(sc, (const char *)data, size, "fuzz.yaml",
				&diag, &err);
	/* an error always has a code and words; success has no diagnostics */
	assert(rc ? err.code == rc && err.msg[0] && diag.n : !diag.n);
	/* a syntax error says where it is */
	assert(strncmp(err.msg, "invalid YAML", 12) || err.line > 0);
	dur_diag_release(&diag);
	return 0;
}
