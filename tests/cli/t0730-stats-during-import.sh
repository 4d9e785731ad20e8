#!/bin/sh
# The event database runs in WAL mode: `durand stats` reads it while an
# import writes, at once and without waiting, and sees the events committed
# before the import began.
. "$(dirname "$0")/lib.sh"

big_ged_csv 600000 big.csv
durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null

test_expect_success 'the database is in WAL mode' '
	test "$(sqlite3 a.db "PRAGMA journal_mode")" = wal
'
test_expect_success 'stats reads while an import writes' '
	"$DURAND" import ucdp big.csv --db a.db >imp.out 2>imp.err &
	pid=$!
	wait_cpu $pid 20 &&
	kill -0 $pid &&
	"$DURAND" stats --db a.db --by year --format csv >out 2>err &
	spid=$!
	stops_within 2 $spid &&
	wait $spid &&
	kill -0 $pid &&
	test_grep "^2024,attack,2," out &&
	! grep -q "^2023," out &&
	wait $pid &&
	test_grep "600000 imported" imp.out
'
# stats over 600,005 rows: not under valgrind (some 15 s of CPU there);
# valgrind sees stats over small stores in t0510, `make asan` sees this one
test_expect_success 'once the import is done stats sees it' '
	"$DURAND" stats --db a.db --by year --format csv >out &&
	test_grep "^2023,attack,600000," out
'
test_done
