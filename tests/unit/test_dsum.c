/*
 * test_dsum.c: the .dsum format: a result survives encoding bucket for
 * bucket, parts of an ensemble merge into the ensemble of one call, and a
 * damaged file (any prefix, any byte changed, or a header edited with its
 * digest made again) is refused with a message, never read past its end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "durand/dsum.h"
#include "durand/sha256.h"
#include "testutil.h"

struct fixture {
	struct dur_scenario *sc;
	const char *text;
	struct dur_dsum_info info;
	struct dur_ensemble_opts o;
};

static int setup(void **state)
{
	static struct fixture f;

	f.sc = afpak_load();
	f.text = dur_scenario_builtin_text("afpak");
	memset(&f.info, 0, sizeof(f.info));
	assert_int_equal(dur_dsum_scenario_digest(f.text, strlen(f.text),
						  f.info.scenario_sha256),
			 0);
	f.o = (struct dur_ensemble_opts)DUR_ENSEMBLE_OPTS_INIT;
	f.o.runs = 37;
	f.o.days = 9;
	f.o.seed = 4242;
	f.o.threads = 1;
	f.o.nwhat_if = 1;
	f.o.what_if[0] = dur_scenario_intervention_find(f.sc, "joint_mechanism");
	f.info.total_runs = f.o.runs;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->sc);
	return 0;
}

/* Runs [first, first + runs) of the fixture's ensemble, encoded. */
static unsigned char *part(struct fixture *f, long first, long runs,
			   size_t *size, struct dur_result **res)
{
	struct dur_ensemble_opts o = f->o;
	struct dur_error err = { 0 };
	unsigned char *buf;

	o.first_run = first;
	o.runs = runs;
	assert_int_equal(dur_ensemble_run(f->sc, &o, res, &err), 0);
	assert_int_equal(dur_dsum_encode(*res, &f->info, f->text,
					 strlen(f->text), &buf, size, &err),
			 0);
	return buf;
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct dur_result *r;
	struct dur_dsum *d;
	struct dur_error err = { 0 };
	size_t size;
	unsigned char *buf = part(f, 0, 37, &size, &r);

	assert_int_equal(dur_dsum_decode(buf, size, "a.dsum", &d, &err), 0);
	assert_string_equal(d->info.durand, DURAND_VERSION);
	assert_string_equal(d->info.scenario_sha256, f->info.scenario_sha256);
	assert_int_equal(strspn(d->info.record_sha256, "0"), 64);
	assert_int_equal(d->info.seed, 4242);
	assert_int_equal(d->info.first_run, 0);
	assert_int_equal(d->info.runs, 37);
	assert_int_equal(d->info.days, 9);
	assert_int_equal(d->info.nwhat_if, 1);
	assert_int_equal(d->info.what_if[0], f->o.what_if[0]);
	assert_string_equal(d->sc->name, "afpak");
	assert_result_equal(r, d->res);
	dur_dsum_free(d);
	dur_result_free(r);
	free(buf);
}

static void test_start_round_trip(void **state)
{
	struct fixture *f = *state;
	struct dur_result *r;
	struct dur_dsum *d;
	struct dur_error err = { 0 };
	struct dur_dsum_info info = f->info;
	unsigned char *buf;
	size_t size;

	free(part(f, 0, 3, &size, &r));
	r->start.filtered = 1;
	snprintf(r->start.record, sizeof(r->start.record), "afpak (built-in)");
	memset(r->start.record_sha256, 'c', 64);
	r->start.facts = 41;
	r->start.filtered_from = r->sc->start - 1500;
	snprintf(r->start.filtered_scenario,
		 sizeof(r->start.filtered_scenario), "afpak-2021");
	info.cloud_states = 2000;
	info.cloud_seed = 77;
	assert_int_equal(dur_dsum_encode(r, &info, f->text, strlen(f->text),
					 &buf, &size, &err),
			 0);
	assert_int_equal(dur_dsum_decode(buf, size, "s.dsum", &d, &err), 0);
	assert_memory_equal(&d->res->start, &r->start, sizeof(r->start));
	assert_string_equal(d->info.record_sha256, r->start.record_sha256);
	assert_int_equal(d->info.start, f->sc->start);
	assert_int_equal(d->info.cloud_states, 2000);
	assert_int_equal(d->info.cloud_seed, 77);
	dur_dsum_free(d);
	dur_result_free(r);
	free(buf);
}

static void test_parts_merge_to_the_whole(void **state)
{
	struct fixture *f = *state;
	static const long cut[] = { 0, 5, 6, 20, 37 };
	struct dur_dsum *d[4];
	struct dur_result *whole, *r, *merged;
	struct dur_error err = { 0 };
	size_t size;

	free(part(f, 0, 37, &size, &whole));
	for (int i = 0; i < 4; i++) {
		unsigned char *buf = part(f, cut[i], cut[i + 1] - cut[i],
					  &size, &r);

		/* given in the order 3, 1, 0, 2 */
		assert_int_equal(dur_dsum_decode(buf, size, "p", &d[(i + 2) % 4],
						 &err),
				 0);
		dur_result_free(r);
		free(buf);
	}
	assert_int_equal(dur_dsum_merge(d, 4, &merged, &err), 0);
	assert_result_equal(whole, merged);
	/* d[0] is the part [6, 20): without it, a gap, named */
	{
		struct dur_dsum *g[3] = { d[1], d[2], d[3] };

		assert_int_equal(dur_dsum_merge(g, 3, &r, &err), DUR_EINVAL);
		assert_null(r);
		assert_non_null(
			strstr(err.msg, "runs [6, 20) are in no part given"));
	}
	dur_result_free(merged);
	dur_result_free(whole);
	for (int i = 0; i < 4; i++)
		dur_dsum_free(d[i]);
}

/* Make the check digest of an edited file again (docs/dsum.md). */
static void redigest(unsigned char *b, size_t size)
{
	char hex[65];

	memset(b + 24, 0, 64);
	assert_int_equal(dur_sha256_hex(b, size, hex), 0);
	memcpy(b + 24, hex, 64);
}

static void test_damage_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dur_result *r;
	struct dur_dsum *d;
	struct dur_error err = { 0 };
	size_t size;
	unsigned char *buf = part(f, 3, 11, &size, &r), *copy = malloc(size);

	assert_non_null(copy);
	/* every prefix */
	for (size_t n = 0; n < size; n++) {
		d = (void *)1;
		assert_int_equal(dur_dsum_decode(buf, n, "cut.dsum", &d, &err),
				 DUR_EPARSE);
		assert_null(d);
		assert_string_equal(err.file, "cut.dsum");
	}
	/* any byte changed: the check digest, the magic or a size says so */
	for (size_t i = 0; i < size; i += 1 + i / 64) {
		memcpy(copy, buf, size);
		copy[i] ^= 0x20;
		assert_int_equal(dur_dsum_decode(copy, size, "x.dsum", &d, &err),
				 DUR_EPARSE);
		assert_true(strstr(err.msg, "check digest") ||
			    strstr(err.msg, "not a .dsum") ||
			    strstr(err.msg, "format version") ||
			    strstr(err.msg, "header of") ||
			    strstr(err.msg, "the header promises"));
	}
	/* a header or payload edited and its digest made again: decoded or
	 * refused, never read out of bounds (ASan would say) */
	for (size_t i = 8; i < size; i += 1 + i / 16) {
		memcpy(copy, buf, size);
		copy[i] ^= 0xff;
		redigest(copy, size);
		if (!dur_dsum_decode(copy, size, "y.dsum", &d, &err))
			dur_dsum_free(d);
	}
	dur_result_free(r);
	free(copy);
	free(buf);
}

/* An embedded scenario whose digests agree but whose value is out of its
 * range (fuzz_dsum, regress-bad-scenario-value): refused with the code the
 * scenario's check gave, named as the embedded scenario of the file. */
static void test_bad_embedded_scenario(void **state)
{
	struct fixture *f = *state;
	struct dur_dsum_info info = f->info;
	struct dur_result *r;
	struct dur_dsum *d = (void *)1;
	struct dur_error err = { 0 };
	size_t size, n = strlen(f->text);
	unsigned char *buf;
	char *text = malloc(n + 1), *at;
	int rc;

	assert_non_null(text);
	memcpy(text, f->text, n + 1);
	at = strstr(text, "readiness: 0.25");
	assert_non_null(at);
	memcpy(at + strlen("readiness: "), "2.00", 4);
	assert_int_equal(dur_dsum_scenario_digest(text, n,
						  info.scenario_sha256),
			 0);
	free(part(f, 0, 5, &size, &r));
	assert_int_equal(dur_dsum_encode(r, &info, text, n, &buf, &size, &err),
			 0);
	rc = dur_dsum_decode(buf, size, "bad.dsum", &d, &err);
	assert_int_not_equal(rc, 0);
	assert_int_equal(err.code, rc);
	assert_null(d);
	assert_string_equal(err.file, "bad.dsum (embedded scenario)");
	assert_non_null(strstr(err.msg, "readiness"));
	dur_result_free(r);
	free(buf);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_start_round_trip),
		cmocka_unit_test(test_parts_merge_to_the_whole),
		cmocka_unit_test(test_damage_is_refused),
		cmocka_unit_test(test_bad_embedded_scenario),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
