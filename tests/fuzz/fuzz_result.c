/*
 * fuzz_result.c: libFuzzer target for the result reader behind `durand
 * report`: the bytes are a result file (run, hindcast, sensitivity, stats
 * or fit JSON; seeds from the JSON files of tests/data). It is loaded as report loads
 * it (size limit, number checks), and if accepted its HTML report, with
 * every chart drawn, is written to /dev/null, and the result is compared
 * with itself (compare.h) in text and CSV. What is checked: no crash,
 * leak or out-of-bounds access, and every refusal is a code with a message.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "durand/chart.h"
#include "durand/compare.h"
#include "durand/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static FILE *devnull;
	static char path[64];
	struct dur_error err = { 0 };
	enum dur_report_kind kind;
	json_t *r;
	char *names = NULL;
	int rc;

	if (fd < 0) {
		/* the file report reads, in memory */
		fd = memfd_create("fuzz-result", 0);
		devnull = fopen("/dev/null", "w");
		if (fd < 0 || !devnull)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	rc = dur_report_load(path, &r, &err);
	if (rc) {
		assert(err.code == rc && err.msg[0] && !r);
		return 0;
	}
	rc = dur_report_kind(r, &kind, &err);
	if (!rc) {
		rc = dur_report_html(r, devnull, &err);
		assert(!rc || (err.code == rc && err.msg[0]));
		rc = dur_report_chart_names(r, &names, &err);
		assert(!rc || (err.code == rc && err.msg[0]));
		free(names);
	} else {
		assert(err.code == rc && err.msg[0]);
	}
	{
		struct dur_compare_opts co = { 0 };
		json_t *c = NULL;

		rc = dur_compare_build(r, r, &co, &c, &err);
		if (rc) {
			assert(err.code == rc && err.msg[0] && !c);
		} else {
			rc = dur_compare_write_text(c, devnull, &err);
			assert(!rc || (err.code == rc && err.msg[0]));
			rc = dur_compare_write_csv(c, devnull, &err);
			assert(!rc || (err.code == rc && err.msg[0]));
		}
		json_decref(c);
	}
	json_decref(r);
	dur_chart_cleanup();
	return 0;
}
