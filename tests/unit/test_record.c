/* test_record.c: records of the crisis: parsing, each error at its line,
 * every bad line reported once, before(), the digest, the built-in record
 * and its honesty rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "durand/date.h"
#include "durand/record.h"
#include "durand/sha256.h"

static const char good[] =
	DUR_RECORD_HEADER "\n"
	"b-strike,event,strike_in_afghanistan,2024-03-18,2024-03-18,1,,,"
	"strike days,exact,\"strikes in Barmal, Paktika\",RFE/RL,"
	"https://www.rferl.org/,B\n"
	"a-closure,state,crossing_closed:torkham+chaman,2024-03-18,2024-03-21,"
	",,,days,approximate,,Dawn,,\n"
	"c-count,count,militant_attacks,2022-01-01,2022-12-31,380,376,380.5,"
	"attacks,more_than,\"two\nlines\",PICSS,,A\n";

static struct dur_record *parse_ok(const char *text)
{
	struct dur_record *r;
	struct dur_error err = { 0 };

	assert_int_equal(dur_record_parse(text, strlen(text), "t.csv", &r,
					  &err),
			 0);
	assert_non_null(r);
	return r;
}

static void test_parse(void **state)
{
	struct dur_record *r = parse_ok(good);
	const struct dur_fact *f;

	(void)state;
	assert_string_equal(r->name, "t.csv");
	assert_int_equal(r->nfacts, 3);
	/* sorted by start, then id */
	assert_string_equal(r->fact[0].id, "c-count");
	assert_string_equal(r->fact[1].id, "a-closure");
	assert_string_equal(r->fact[2].id, "b-strike");
	f = &r->fact[0];
	assert_int_equal(f->kind, DUR_FACT_COUNT);
	assert_string_equal(f->quantity, "militant_attacks");
	assert_string_equal(f->subject, "");
	assert_int_equal(f->start, dur_date_from_ymd(2022, 1, 1));
	assert_int_equal(f->end, dur_date_from_ymd(2022, 12, 31));
	assert_true(f->value == 380 && f->low == 376 && f->high == 380.5);
	assert_int_equal(f->stated, DUR_STATED_MORE_THAN);
	assert_string_equal(f->definition, "two\nlines");
	assert_int_equal(f->trust, 'A');
	assert_int_equal(f->line, 4);
	f = dur_record_find(r, "a-closure");
	assert_ptr_equal(f, &r->fact[1]);
	assert_string_equal(f->quantity, "crossing_closed");
	assert_string_equal(f->subject, "torkham+chaman");
	assert_true(isnan(f->value) && isnan(f->low) && isnan(f->high));
	assert_int_equal(f->stated, DUR_STATED_APPROX);
	assert_string_equal(f->definition, "");
	assert_string_equal(f->address, "");
	assert_int_equal(f->trust, 0);
	assert_int_equal(f->line, 3);
	f = &r->fact[2];
	assert_string_equal(f->definition, "strikes in Barmal, Paktika");
	assert_string_equal(f->source, "RFE/RL");
	assert_int_equal(f->line, 2);
	assert_null(dur_record_find(r, "nosuch"));
	dur_record_free(r);
	dur_record_free(NULL);
}

static void test_crlf_and_bom(void **state)
{
	static const char text[] =
		"\xef\xbb\xbf" DUR_RECORD_HEADER "\r\n"
		"x,policy,deportation_order,2023-10-03,2023-11-01,,,,,exact,,"
		"Government,,B\r\n\r\n";
	struct dur_record *r = parse_ok(text);

	(void)state;
	assert_int_equal(r->nfacts, 1);
	assert_int_equal(r->fact[0].kind, DUR_FACT_POLICY);
	assert_int_equal(r->fact[0].trust, 'B');
	dur_record_free(r);
}

/* Each fixture holds one bad line, line 3; expect its message. */
static void expect_bad(const char *fixture, int code, int line,
		       const char *msg)
{
	char path[256];
	struct dur_record *r = (struct dur_record *)1;
	struct dur_error err = { 0 };
	struct dur_diag diag = { 0 };

	snprintf(path, sizeof(path), "tests/data/bad-record-%s.csv", fixture);
	assert_int_equal(dur_record_load(path, &r, &err), code);
	assert_null(r);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
	assert_string_equal(err.msg, msg);
	/* the same, once, in the list */
	assert_int_equal(dur_record_load_diag(path, &r, &diag, &err), code);
	assert_int_equal(diag.n, 1);
	assert_int_equal(diag.v[0].line, line);
	assert_string_equal(diag.v[0].msg, msg);
	dur_diag_release(&diag);
}

static void test_each_error(void **state)
{
	(void)state;
	expect_bad("quantity", DUR_EINVAL, 3,
		   "quantity: unknown quantity 'militant_atacks' (see 'durand "
		   "record quantities')");
	expect_bad("crossing", DUR_EINVAL, 3,
		   "quantity: unknown crossing 'chamann' in "
		   "'crossing_closed:torkham+chamann' (expected torkham, "
		   "chaman, ghulam_khan, angoor_adda or kharlachi, joined by "
		   "'+')");
	expect_bad("end", DUR_EINVAL, 3,
		   "end: 2022-11-13 is before the start 2022-11-21");
	expect_bad("range", DUR_EINVAL, 3,
		   "value: 950 is above its own high 908");
	expect_bad("duplicate", DUR_EINVAL, 3,
		   "id: 'picss-2023-attacks' is already the id of line 2");
	expect_bad("date", DUR_EINVAL, 3,
		   "end: no such day in the calendar, got '2023-02-30'");
	expect_bad("columns", DUR_EINVAL, 3, "expected 14 fields, got 13");
	expect_bad("kind", DUR_EINVAL, 3,
		   "kind: expected count, event, state or policy, got "
		   "'tally'");
	expect_bad("stated", DUR_EINVAL, 3,
		   "stated_as: expected exact, approximate, over, more_than, "
		   "at_least or around, got 'about'");
	expect_bad("trust", DUR_EINVAL, 3,
		   "trust: expected A, B, C or nothing, got 'D'");
	expect_bad("header", DUR_EPARSE, 1,
		   "expected the header '" DUR_RECORD_HEADER "'");
}

/* A row of good[]'s form with one field changed. */
static int parse_row(const char *row, struct dur_error *err)
{
	char text[1024];
	struct dur_record *r;
	int rc;

	snprintf(text, sizeof(text), "%s\n%s\n", DUR_RECORD_HEADER, row);
	rc = dur_record_parse(text, strlen(text), "t.csv", &r, err);
	dur_record_free(r);
	return rc;
}

static void test_more_errors(void **state)
{
	struct dur_error err = { 0 };

	(void)state;
	assert_int_equal(parse_row("x,count,militant_attacks,2022-01-01,"
				   "2022-12-31,3,4,,attacks,exact,,P,,A",
				   &err),
			 DUR_EINVAL);
	assert_string_equal(err.msg, "value: 3 is below its own low 4");
	assert_int_equal(err.line, 2);
	parse_row("x,count,militant_attacks,2022-01-01,2022-12-31,,9,4,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "low: 9 is above the high 4");
	parse_row("x,count,militant_attacks,2022-01-01,2022-12-31,,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "value: a count needs a value");
	parse_row("x,count,militant_attacks,2022-01-01,2022-12-31,0x10,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "value: expected a number, got '0x10'");
	parse_row("x,count,militant_attacks,2022-01-01,2022-12-31,-2,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg,
			    "value: expected a number >= 0, got '-2'");
	parse_row("x,count,militant_attacks,2022-1-01,2022-12-31,2,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "start: expected a date as YYYY-MM-DD, "
				     "got '2022-1-01'");
	parse_row("x,event,militant_attacks,2022-01-01,2022-12-31,2,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "kind: 'event' is not a kind of "
				     "'militant_attacks' (expected count)");
	parse_row("x,count,militant_attacks:kp,2022-01-01,2022-12-31,2,,,"
		  "attacks,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "quantity: 'militant_attacks' takes "
				     "nothing after ':', got "
				     "'militant_attacks:kp'");
	parse_row("x,state,crossing_closed,2022-01-01,2022-12-31,,,,"
		  "days,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg,
			    "quantity: 'crossing_closed' needs the crossings "
			    "after ':' ('crossing_closed:torkham+chaman')");
	parse_row("x,state,crossing_closed:chaman+chaman,2022-01-01,"
		  "2022-12-31,,,,days,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg,
			    "quantity: crossing 'chaman' named twice in "
			    "'crossing_closed:chaman+chaman'");
	parse_row("x,event,mediation_round:qatar+chna,2022-01-01,"
		  "2022-01-01,1,,,rounds,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg,
			    "quantity: unknown mediator 'chna' in "
			    "'mediation_round:qatar+chna' (expected china, "
			    "qatar, turkiye, saudi_arabia, uae, iran or "
			    "russia, joined by '+')");
	parse_row("x y,event,ceasefire,2022-01-01,2022-01-01,1,,,,exact,,P,,A",
		  &err);
	assert_string_equal(err.msg, "id: expected letters, digits, '_', "
				     "'-' or '.', got 'x y'");
	parse_row("x,event,ceasefire,2022-01-01,2022-01-01,1,,,,exact,,,,A",
		  &err);
	assert_string_equal(err.msg, "source: missing (every fact names who "
				     "published it)");
	assert_int_equal(dur_record_parse("", 0, "e.csv", &(struct dur_record
								  *){ NULL },
					  &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 1);
	assert_int_equal(dur_record_parse(DUR_RECORD_HEADER "\nx,\"open\n",
					  strlen(DUR_RECORD_HEADER) + 9,
					  "q.csv",
					  &(struct dur_record *){ NULL }, &err),
			 DUR_EPARSE);
	assert_int_equal(dur_record_parse(DUR_RECORD_HEADER "\n\xff\n",
					  strlen(DUR_RECORD_HEADER) + 3,
					  "u.csv",
					  &(struct dur_record *){ NULL }, &err),
			 DUR_EPARSE);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_int_equal(dur_record_load("tests/data/nosuch.csv",
					 &(struct dur_record *){ NULL }, &err),
			 DUR_ENOTFOUND);
}

static void test_several_once_in_order(void **state)
{
	static const int lines[] = { 3, 4, 6, 7 };
	struct dur_record *r;
	struct dur_error err = { 0 };
	struct dur_diag diag = { 0 };

	(void)state;
	assert_int_equal(dur_record_load_diag("tests/data/bad-record-several"
					      ".csv",
					      &r, &diag, &err),
			 DUR_EINVAL);
	assert_null(r);
	/* line 3 has an unknown kind and an unknown quantity: one message;
	 * line 4 spans two lines; the duplicate (line 6) is found last but
	 * listed in its place */
	assert_int_equal(diag.n, 4);
	for (size_t i = 0; i < diag.n; i++)
		assert_int_equal(diag.v[i].line, lines[i]);
	assert_string_equal(diag.v[2].msg, "id: 'picss-2023-attacks' is "
					   "already the id of line 2");
	/* the error returned is the first in the file */
	assert_int_equal(err.line, 3);
	dur_diag_release(&diag);
}

static void test_before(void **state)
{
	struct dur_record *r = parse_ok(good), *b;
	struct dur_error err = { 0 };

	(void)state;
	/* end < day, strictly: the closure ends 2024-03-21 */
	assert_int_equal(dur_record_before(r, dur_date_from_ymd(2024, 3, 21),
					   &b, &err),
			 0);
	assert_int_equal(b->nfacts, 2);
	assert_string_equal(b->fact[0].id, "c-count");
	assert_string_equal(b->fact[1].id, "b-strike");
	assert_string_equal(b->digest, r->digest);
	assert_string_equal(b->name, r->name);
	/* a deep copy: the original may go first */
	assert_ptr_not_equal(b->fact[1].definition, r->fact[2].definition);
	dur_record_free(b);
	assert_int_equal(dur_record_before(r, dur_date_from_ymd(2024, 3, 22),
					   &b, &err),
			 0);
	assert_int_equal(b->nfacts, 3);
	dur_record_free(b);
	assert_int_equal(dur_record_before(r, dur_date_from_ymd(2022, 12, 31),
					   &b, &err),
			 0);
	assert_int_equal(b->nfacts, 0);
	assert_null(b->fact);
	dur_record_free(b);
	dur_record_free(r);
}

static void test_digest(void **state)
{
	struct dur_record *r = parse_ok(good), *s;
	char hex[65], *copy = strdup(good);

	(void)state;
	assert_int_equal(dur_sha256_hex(good, strlen(good), hex), 0);
	assert_string_equal(r->digest, hex);
	/* the same bytes, the same digest; one byte more, another */
	s = parse_ok(good);
	assert_string_equal(s->digest, r->digest);
	dur_record_free(s);
	copy[strlen(copy) - 2] = 'B';
	s = parse_ok(copy);
	assert_string_not_equal(s->digest, r->digest);
	dur_record_free(s);
	free(copy);
	dur_record_free(r);
}

/* The built-in record is record/afpak.csv, byte for byte. */
static void test_builtin(void **state)
{
	struct dur_record *r, *f;
	struct dur_error err = { 0 };

	(void)state;
	assert_string_equal(dur_record_builtin_name(0), "afpak");
	assert_null(dur_record_builtin_name(1));
	assert_int_equal(dur_record_builtin("afpak", &r, &err), 0);
	assert_int_equal(dur_record_load("record/afpak.csv", &f, &err), 0);
	assert_string_equal(r->digest, f->digest);
	assert_string_equal(r->name, "afpak");
	assert_int_equal(r->nfacts, f->nfacts);
	assert_true(r->nfacts >= 50);
	dur_record_free(f);
	assert_int_equal(dur_record_builtin("nosuch", &f, &err),
			 DUR_ENOTFOUND);
	assert_null(f);
	assert_non_null(dur_record_find(r, "picss-2023-attacks"));
	assert_true(dur_record_find(r, "obaid-cross-border-attacks")->stated ==
		    DUR_STATED_OVER);
	dur_record_free(r);
}

/*
 * The honesty rule: nothing in 2025 outside 9-20 October 2025 (the test
 * period). The articles' totals end on their date (12 October 2025); the
 * one fact dated in the test period, the order of 7 March 2025, says in its
 * definition that it lies there.
 */
static void test_builtin_honest(void **state)
{
	int32_t y2025 = dur_date_from_ymd(2025, 1, 1);
	int32_t oct9 = dur_date_from_ymd(2025, 10, 9);
	int32_t oct20 = dur_date_from_ymd(2025, 10, 20);
	struct dur_record *r;
	int flagged = 0;

	(void)state;
	assert_int_equal(dur_record_builtin("afpak", &r, NULL), 0);
	for (int i = 0; i < r->nfacts; i++) {
		const struct dur_fact *f = &r->fact[i];
		int in_test = (f->start >= y2025 && f->start < oct9) ||
			      (f->end >= y2025 && f->end < oct9);

		assert_true(f->end <= oct20);
		if (in_test) {
			assert_string_equal(f->id, "policy-ifrp2-2025-03-07");
			assert_non_null(strstr(f->definition, "TEST PERIOD"));
			flagged++;
		}
		assert_true(f->source[0]);
	}
	assert_int_equal(flagged, 1);
	dur_record_free(r);
}

static void test_names(void **state)
{
	(void)state;
	assert_non_null(dur_record_quantity_find("militant_attacks"));
	assert_null(dur_record_quantity_find("crossing_closed:torkham"));
	assert_int_equal(dur_record_quantity_find("crossing_closed")->subject,
			 DUR_SUBJECT_CROSSINGS);
	assert_string_equal(dur_record_quantity_at(0)->name,
			    "militant_attacks");
	assert_string_equal(dur_record_crossing_at(4), "kharlachi");
	assert_null(dur_record_crossing_at(5));
	assert_string_equal(dur_fact_kind_name(DUR_FACT_STATE), "state");
	assert_string_equal(dur_fact_kind_name(9), "?");
	assert_string_equal(dur_stated_name(DUR_STATED_AT_LEAST), "at_least");
	assert_string_equal(dur_stated_name(-1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_each_error),
		cmocka_unit_test(test_more_errors),
		cmocka_unit_test(test_several_once_in_order),
		cmocka_unit_test(test_before),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_builtin_honest),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
