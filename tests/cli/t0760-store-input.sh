#!/bin/sh
# The store is input too (issue 17): stats and fit only read it, refuse a
# file that is not a durand store or one from a newer durand, and check
# every row they read, so that a row written by hand (a date of text, of
# 2^31, a blob) is refused by its row id instead of a crash or a hang.
. "$(dirname "$0")/lib.sh"

durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null

# Copy a.db to $1, run the SQL $2 on the copy.
store_with() {
	cp a.db "$1" && sqlite3 "$1" "$2"
}

test_expect_success 'stats and fit leave a store byte for byte as it was' '
	sqlite3 a.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp a.db before.db &&
	touch -d "2020-01-01 00:00:00" a.db &&
	durand stats --db a.db >/dev/null &&
	durand fit --db a.db --streams attack --form daily >/dev/null 2>&1;
	cmp a.db before.db &&
	test "$(stat -c %Y a.db)" = "$(date -d "2020-01-01 00:00:00" +%s)"
'
test_expect_success 'a file with tables of its own: refused, untouched' '
	sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1)" &&
	cp other.db other.orig &&
	touch -d "2020-01-01 00:00:00" other.db &&
	for c in stats fit; do
		test_expect_code 2 durand $c --db other.db 2>err &&
		test_grep "other.db: not a durand event database (it has tables of its own, such as .t.," err || return 1
	done &&
	cmp other.db other.orig &&
	test "$(stat -c %Y other.db)" = "$(date -d "2020-01-01 00:00:00" +%s)" &&
	test_grep "^wal\$" /dev/null || test "$(sqlite3 other.db "PRAGMA journal_mode")" = delete
'
test_expect_success 'a foreign file with an actor_map table: import refuses it' '
	sqlite3 foreign.db "CREATE TABLE actor_map(source, name, actor, PRIMARY KEY(source, name)); INSERT INTO actor_map VALUES (\"ucdp\", \"TTP\", \"x\")" &&
	cp foreign.db foreign.orig &&
	test_expect_code 2 durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db foreign.db 2>err &&
	test_grep "not a durand event database (it has tables of its own, such as .actor_map." err &&
	! grep -q UNIQUE err &&
	cmp foreign.db foreign.orig
'
test_expect_success 'a file of random bytes: exit 2, untouched' '
	head -c 8192 /dev/urandom >noise.db && cp noise.db noise.orig &&
	test_expect_code 2 durand stats --db noise.db 2>err &&
	test_grep "noise.db: file is not a database" err &&
	cmp noise.db noise.orig
'
test_expect_success 'a store from a newer durand: refused by name' '
	store_with new.db "UPDATE meta SET value = 2 WHERE key = \"schema\"" &&
	for c in stats fit import; do
		case $c in import) set -- ucdp "$TEST_DATA/ucdp-ged-251.csv" ;; *) set -- ;; esac
		test_expect_code 2 durand $c "$@" --db new.db 2>err &&
		test_grep "new.db: made by a newer durand (schema 2; this one reads schema 1)" err || return 1
	done
'
# The rows checked one by one over large and odd stores: under `make
# valgrind` these run without it (the same paths run under ASan and UBSan
# in `make asan`), which keeps CI within its time.
if [ -n "${DURAND_VALGRIND:-}" ]; then
	say "# the row checks below run without valgrind (make asan covers them)"
	DURAND_VALGRIND=
fi
for v in "'2024-01-01'" "x'00ff'" "19000.5" "-2147483648" "2147483647" "10000000000"; do
	test_expect_success "an event dated $v: refused by row, no crash or hang" '
		store_with bad.db "UPDATE events SET date = $v WHERE id = 2" &&
		for by in day year; do
			test_expect_code 2 durand stats --db bad.db --by $by 2>err &&
			test_grep "bad.db: events row 2: .date. is .*, not a day number" err || return 1
		done &&
		test_expect_code 2 durand stats --db bad.db --change-since 2023-06-01 2>err &&
		test_grep "events row 2: .date. is" err &&
		test_expect_code 2 durand fit --db bad.db --streams attack 2>err &&
		test_grep "events row 2: .date. is" err
	'
done
test_expect_success 'deaths that are text or negative: refused by row' '
	store_with bad.db "UPDATE events SET best = \"many\" WHERE id = 2" &&
	test_expect_code 2 durand stats --db bad.db 2>err &&
	test_grep "events row 2: .best. is text .many., not a count of deaths" err &&
	store_with bad.db "UPDATE events SET high = -5 WHERE id = 2" &&
	test_expect_code 2 durand stats --db bad.db 2>err &&
	test_grep "events row 2: .high. is -5, not a count of deaths" err
'
test_expect_success 'deaths that would overflow a sum: held at the largest long' '
	store_with big.db "UPDATE events SET best = 999999999999" &&
	sqlite3 big.db "INSERT INTO events(source, source_id, date, stream, best) SELECT \"ucdp\", \"x\" || i, 19500, \"attack\", 999999999999 FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10000000) SELECT i FROM c)" &&
	durand stats --db big.db --by year --since 2023-05-01 --until 2023-05-31 --format csv >out &&
	test_grep ",attack,10000000,9223372036854775807," out
'
test_expect_success 'a fit window of centuries: the limit, and how to stay under it' '
	store_with old.db "UPDATE events SET date = -700000 WHERE id = 1" &&
	test_expect_code 2 durand fit --db old.db --streams attack 2>err &&
	test_grep "is [0-9]* days, more than the 36525 (100 years) a fit may span: narrow it with --since and --until" err
'
test_expect_success 'a grid of too many counts: the limit and what to do' '
	store_with wide.db "UPDATE events SET date = -700000 WHERE id = 1; UPDATE events SET stream = \"s\" || id; INSERT INTO events(source, source_id, date, stream) VALUES (\"ucdp\", \"e1\", 19800, \"t1\"), (\"ucdp\", \"e2\", 19800, \"t2\")" &&
	test_expect_code 2 durand stats --db wide.db --by day 2>err &&
	test_grep "^durand stats: 719816 days from 0053-06-19 to 2024-04-02 times 7 series is more than the 4194304 counts a table may hold: choose a longer --by, a shorter --since/--until or one --stream (or raise the limit with --max-cells)\$" err &&
	durand stats --db wide.db --by year >/dev/null &&
	test_expect_code 2 durand stats --db a.db --by day --max-cells 10 2>err &&
	test_grep "more than the 10 counts" err &&
	"$DURAND" stats --db wide.db --by day --max-cells 6000000 --format csv >out && # 5 million cells: not under valgrind
	test "$(wc -l <out)" = 5038713
'
test_expect_success 'no event in the window: never a reversed window' '
	test_expect_code 2 durand stats --db a.db --stream attack --since 2030-01-01 --change-since 2030-06-01 2>err &&
	test_grep "no matching events to set the window from: give --since and --until" err &&
	test_expect_code 2 durand stats --db a.db --since 2030-02-03 --change-since 2020-01-01 2>err &&
	! grep -q "2030-02-03\.\.1970" err
'
test_expect_success 'fit on tiny data: too little, and how much is needed' '
	test_expect_code 2 durand fit --db a.db --streams attack 2>err &&
	test_grep "^durand fit: too little data: stream .attack. has 2 events in 2024-03-16..2024-03-18 and a fit needs at least 10 a stream; widen the window or choose others with --streams\$" err &&
	! grep -q "nan\|inf\|FAILURE" err
'
test_done
