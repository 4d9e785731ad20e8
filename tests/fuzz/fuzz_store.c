/*
 * fuzz_store.c: libFuzzer target for what reads the event database:
 * `durand stats` (counts, and the --change-since test) and `durand fit`
 * (the data and a short daily and continuous fit) over a store whose rows
 * the fuzzer writes, for the store is a file anyone can change.
 *
 * The input is text. Its first line picks the query: five integers, "BY
 * GROUP SINCE UNTIL CHANGE" (BY and GROUP taken modulo their counts, SINCE
 * or UNTIL 0 meaning none). Each later line is a row, "DATE|STREAM|BEST|
 * LOW|HIGH", and each value is bound with the type it looks like: N is
 * NULL, an integer, a real (with '.' or 'e'), x followed by hex is a blob,
 * anything else text. So the rows may hold any type, NULLs and extreme
 * dates and counts. Seeds are the rows of small real stores (sqlite3
 * -separator '|' of the imported test data). What is checked: no crash,
 * leak, hang or out-of-bounds access, and every refusal is a code with a
 * message.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "durand/date.h"
#include "durand/fit.h"
#include "durand/fitdata.h"
#include "durand/stats.h"
#include "../../src/data/store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bind s[0..len) to parameter i as the type it looks like. */
static void bind(sqlite3_stmt *q, int i, const char *s, size_t len)
{
	char buf[64], *end;

	if (len == 1 && s[0] == 'N') {
		sqlite3_bind_null(q, i);
		return;
	}
	if (len && s[0] == 'x') {
		unsigned char b[64];
		size_t n = 0;

		for (size_t j = 1; j + 1 < len && n < sizeof(b); j += 2) {
			char h[3] = { s[j], s[j + 1], 0 };

			b[n++] = (unsigned char)strtoul(h, NULL, 16);
		}
		sqlite3_bind_blob(q, i, b, (int)n, SQLITE_TRANSIENT);
		return;
	}
	if (len && len < sizeof(buf)) {
		memcpy(buf, s, len);
		buf[len] = 0;
		if (!strpbrk(buf, ".eE")) {
			long long v = strtoll(buf, &end, 10);

			if (!*end && end != buf) {
				sqlite3_bind_int64(q, i, v);
				return;
			}
		} else {
			double v = strtod(buf, &end);

			if (!*end && end != buf) {
				sqlite3_bind_double(q, i, v);
				return;
			}
		}
	}
	sqlite3_bind_text(q, i, s, (int)len, SQLITE_TRANSIENT);
}

static void check(int rc, const struct dur_error *err)
{
	assert(!rc || (err->code == rc && err->msg[0]));
}

static void run_fit(struct dur_store *st, const struct dur_stats_query *q)
{
	struct dur_fitdata d;
	struct dur_fit_opts o = DUR_FIT_OPTS_INIT;
	struct dur_fit f;
	struct dur_error err = { 0 };
	int rc;

	if (dur_fitdata_parse_streams(&d, "attack,strike", &err))
		abort();
	rc = dur_fitdata_load(&d, st, q->has_since, q->since, q->has_until,
			      q->until, 1, &err);
	check(rc, &err);
	if (rc)
		return;
	/* short fits: the reading and the guards are what is fuzzed */
	o.maxeval = 40;
	if (d.ndays <= 5000) {
		memset(&f, 0, sizeof(f));
		rc = dur_fit_daily(d.count, d.ndays, d.k, &o, &f, &err);
		check(rc, &err);
		dur_fit_release(&f);
		o.method = DUR_FIT_CONTINUOUS;
		o.beta_max = 10;
		memset(&f, 0, sizeof(f));
		rc = dur_fit_continuous(d.t, d.dim, d.n, (double)d.ndays, d.k,
					&o, &f, &err);
		check(rc, &err);
		dur_fit_release(&f);
	}
	dur_fitdata_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dur_store *st;
	struct dur_error err = { 0 };
	struct dur_stats_query q = { 0 };
	struct dur_stats *s;
	struct dur_stats_change ch;
	const char *p = (const char *)data, *end = p + size;
	long long h[5] = { 0 };
	sqlite3_stmt *ins;
	int rc, id = 0;

	if (!st && dur_store_open(&st, ":memory:", DUR_STORE_CREATE, &err))
		abort();
	/* the query line */
	for (int i = 0; i < 5 && p < end && *p != '\n'; i++) {
		char num[24];
		size_t n = 0;

		while (p < end && *p == ' ')
			p++;
		while (p < end && *p != ' ' && *p != '\n' && n < 23)
			num[n++] = *p++;
		num[n] = 0;
		h[i] = strtoll(num, NULL, 10);
	}
	while (p < end && *p != '\n')
		p++;
	q.by = (int)((unsigned long long)h[0] % 4);
	q.group = (int)((unsigned long long)h[1] % 2);
	q.has_since = h[2] != 0;
	q.since = (int32_t)h[2];
	q.has_until = h[3] != 0;
	q.until = (int32_t)h[3];
	/* the CLI parses dates, so its bounds are days of the calendar */
	if (q.has_since && (q.since < DUR_DATE_MIN || q.since > DUR_DATE_MAX))
		q.has_since = 0;
	if (q.has_until && (q.until < DUR_DATE_MIN || q.until > DUR_DATE_MAX))
		q.has_until = 0;
	if (q.has_since && q.has_until && q.until < q.since)
		q.has_until = 0;
	if (sqlite3_prepare_v2(dur_store_db(st),
			       "INSERT INTO events(source, source_id, date, "
			       "stream, best, low, high) VALUES ('ucdp', ?1, "
			       "?2, ?3, ?4, ?5, ?6)",
			       -1, &ins, NULL) != SQLITE_OK)
		abort();
	while (p < end && id < 2000) {
		const char *eol, *f = ++p;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		sqlite3_bind_int(ins, 1, ++id);
		for (int i = 0; i < 5; i++) {
			const char *bar, *fe;

			if (f > eol) {
				sqlite3_bind_null(ins, i + 2);
				continue;
			}
			bar = memchr(f, '|', (size_t)(eol - f));
			fe = bar ? bar : eol;
			bind(ins, i + 2, f, (size_t)(fe - f));
			f = fe + 1;
		}
		/* a NOT NULL date refused is a row not written */
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		p = eol;
	}
	sqlite3_finalize(ins);

	rc = dur_stats_count(st, &q, &s, &err);
	check(rc, &err);
	if (!rc) {
		long total = 0;

		for (size_t i = 0; i < s->nperiods * s->nkeys; i++)
			total += s->cell[i].events;
		assert(q.group == DUR_GROUP_ACTOR || total == s->events);
		for (size_t i = 1; i < s->nperiods; i++)
			assert(s->period[i] > s->period[i - 1]);
	}
	dur_stats_free(s);
	rc = dur_stats_change(st, &q, (int32_t)h[4], 0.95, &ch, &err);
	check(rc, &err);
	if (!rc)
		assert(ch.since < ch.change && ch.change <= ch.until);
	run_fit(st, &q);
	dur_store_exec(st, "DELETE FROM events", NULL);
	return 0;
}
