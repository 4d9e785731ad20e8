#!/bin/sh
# An import stopped by SIGINT, SIGTERM or kill -9 leaves the event database
# as it was: the same events, the same imports, an intact file; SIGINT and
# SIGTERM stop it within a second and say that nothing was imported. The
# binary is started directly, not through the durand() wrapper, so that $!
# is its own pid.
. "$(dirname "$0")/lib.sh"

big_ged_csv 900000 big.csv
durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db a.db >/dev/null

counts() {
	sqlite3 a.db "SELECT count(*) FROM events; SELECT count(*) FROM imports;
		PRAGMA integrity_check"
}
counts >before

# interrupt SIGNAL: start an import of big.csv and send SIGNAL mid-way, once
# it has used 0.3 s of CPU (the whole import takes about 1.5 s): a point in
# the work, not in time, so the test holds on a fast or a loaded machine
interrupt() {
	"$DURAND" import ucdp big.csv --db a.db >out 2>err &
	pid=$!
	wait_cpu $pid 30
	kill -0 $pid || { echo "the import ended before the signal" >&2; return 1; }
	kill -"$1" $pid &&
	stops_within 1 $pid
	wait $pid
	code=$?
}

for sig in INT TERM; do
	test_expect_success "SIG$sig mid-import: stops in a second, says so" '
		interrupt '$sig' &&
		test $code -eq 1 &&
		test_grep "interrupted after [0-9]* rows; nothing imported, the database is as it was" err &&
		! test -s out
	'
	test_expect_success "SIG$sig mid-import: the database is as it was" '
		counts >after &&
		test_cmp_lines before after
	'
done

test_expect_success 'kill -9 mid-import: the database is as it was' '
	interrupt KILL &&
	test $code -eq 137 &&
	counts >after &&
	test_cmp_lines before after
'
# Into a database without events an import writes the file directly, under
# a rollback journal instead of the write-ahead log: a kill -9 must leave it
# as it was all the same, and the log must come back at the next open.
test_expect_success 'a database with no events' '
	rm -f new.db new.db-* &&
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db new.db \
		>/dev/null &&
	sqlite3 new.db "DELETE FROM events; DELETE FROM imports"
'
test_expect_success 'kill -9 mid-import into a database with no events: nothing stays' '
	"$DURAND" import ucdp big.csv --db new.db >out 2>err &
	pid=$!
	# the file is read into memory first: wait for the import to write
	i=0; while ! test -s new.db-journal && test $i -lt 3000; do
		sleep 0.01; i=$((i + 1)); done
	wait_cpu $pid $(($(cpu_ticks $pid) + 30)) &&
	kill -0 $pid &&
	kill -KILL $pid &&
	stops_within 1 $pid;
	wait $pid;
	test $? -eq 137 &&
	test -s new.db-journal &&
	cp new.db new.copy && cp new.db-journal journal.copy &&
	# a reader cannot roll a hot journal back: it says so, and writes
	# nothing (a journal cut before its header is valid is not hot)
	{ durand stats --db new.db >/dev/null 2>err; rc=$?; true; } &&
	{ test $rc = 0 || { test $rc = 1 &&
	  test_grep "an import into it was killed and its journal is still there); stats and fit only read: any .durand import. into it rolls the killed import back" err; }; } &&
	cmp new.db new.copy && cmp new.db-journal journal.copy &&
	test "$(sqlite3 new.db "SELECT count(*) FROM events;
		SELECT count(*) FROM imports; PRAGMA integrity_check" |
		tr "\n" " ")" = "0 0 ok " &&
	durand stats --db new.db >/dev/null &&
	# 900,000 rows: not under valgrind (about a minute of CPU there); the
	# same import code runs under valgrind on small files in t0500 and t0720,
	# and this call under ASan and UBSan in `make asan`
	"$DURAND" import ucdp big.csv --db new.db >out &&
	test_grep "900000 rows read, 900000 imported" out &&
	test "$(sqlite3 new.db "PRAGMA journal_mode")" = wal
'
test_expect_success 'after all that, the import runs to the end' '
	"$DURAND" import ucdp big.csv --db a.db >out &&
	test_grep "900000 rows read, 900000 imported" out &&
	test "$(sqlite3 a.db "SELECT count(*) FROM events")" = 900005
'
test_done
