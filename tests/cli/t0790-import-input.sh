#!/bin/sh
# What import is given that is not a plain UTF-8 event file (issue 17):
# UTF-16 (named, with the iconv command that converts it), a NUL byte, a
# record of too many fields or bytes (refused before memory is spent on
# it), a pipe (read to its end), and a file truncated and rewritten while
# it is imported (no SIGBUS: the import fails or succeeds whole).
. "$(dirname "$0")/lib.sh"

GED=$TEST_DATA/ucdp-ged-251.csv
count() { sqlite3 "$1" "SELECT count(*) FROM events"; }

test_expect_success 'UTF-16 with a byte-order mark: named, with the right iconv' '
	iconv -f UTF-8 -t UTF-16 "$GED" >u16.csv &&
	test_expect_code 2 durand import ucdp u16.csv --db a.db 2>err &&
	test_grep "^durand import: u16.csv:1:1: UTF-16 text (UTF-16LE), not UTF-8: convert it with .iconv -f UTF-16LE -t UTF-8 u16.csv > u16.csv.utf8.\$" err &&
	iconv -f UTF-16LE -t UTF-8 u16.csv >u8.csv &&
	durand import ucdp u8.csv --db a.db >/dev/null &&
	test "$(count a.db)" = 5
'
test_expect_success 'UTF-16BE without a mark: named too' '
	iconv -f UTF-8 -t UTF-16BE "$GED" >be.csv &&
	test_expect_code 2 durand import ucdp be.csv --db b.db 2>err &&
	test_grep "UTF-16 text (UTF-16BE), not UTF-8: convert it with .iconv -f UTF-16BE -t UTF-8 be.csv" err &&
	! grep -q latin1 err
'
test_expect_success 'a NUL byte in a value: where, the field, its value escaped' '
	{ head -n 2 "$GED" && printf "900077,2024-03-1\\0006,x\\n"; } >nul.csv &&
	test_expect_code 2 durand import ucdp nul.csv --db c.db 2>err &&
	test_grep "^durand import: nul.csv:3:17: a NUL byte (\\\\0) in field 2 (relid), \"2024-03-1\\\\06\": text does not hold one; is this a binary file?\$" err
'
test_expect_success 'a NUL byte in a quoted ACLED value: the value whole, not cut at the NUL' '
	{ head -n 2 "$TEST_DATA/acled-2024.csv" &&
	  printf "X1,\"15 Mar\\000ch 2024, late\",2024\\r\\n"; } >anul.csv &&
	test_expect_code 2 durand import acled anul.csv --db f.db 2>err &&
	test_grep "^durand import: anul.csv:3:11: a NUL byte (\\\\0) in field 2 (event_date), \"15 Mar\\\\0ch 2024, late\": text does not hold one" err
'
test_expect_success 'a NUL byte in a long value: shown around it, the cuts marked' '
	{ head -n 1 "$GED" &&
	  printf "9,%s\\000%s,x\\n" $(printf "%040d" 0) $(printf "%040d" 0 | tr 0 1); } >lnul.csv &&
	test_expect_code 2 durand import ucdp lnul.csv --db g.db 2>err &&
	test_grep ": a NUL byte (\\\\0) in field 2 (relid), \"\\.\\.\\.000000000000000000000000\\\\011111111111111111111111\\.\\.\\.\":" err
'
test_expect_success 'a record of 5000 fields: the limit, before its memory' '
	{ head -n 1 "$GED" && awk "BEGIN { for (i = 0; i < 5000; i++) printf \"a,\"; print \"a\" }"; } >wide.csv &&
	test_expect_code 2 durand import ucdp wide.csv --db d.db 2>err &&
	test_grep "^durand import: wide.csv:2: the record has more than the 4096 fields a record may have (DUR_CSVREAD_FIELDS_MAX in csvread.h)" err
'
test_expect_success 'a line of 9 MB of short fields: the record limit' '
	{ head -n 1 "$GED" && head -c 9000000 /dev/zero | tr "\\0" ","; echo; } >long.csv &&
	test_expect_code 2 durand import ucdp long.csv --db e.db 2>err &&
	test_grep "^durand import: long.csv:2: the record is more than the 8388608 bytes a record may have (DUR_CSVREAD_RECORD_MAX in csvread.h)" err
'
test_expect_success 'from a pipe: read to its end' '
	cat "$GED" | durand import ucdp /dev/stdin --db p.db >out &&
	test "$(count p.db)" = 5 &&
	mkfifo fifo &&
	{ cat "$GED" >fifo & } &&
	durand import ucdp fifo --db q.db >out &&
	test "$(count q.db)" = 5
'
test_expect_success 'a file truncated and rewritten while imported: never SIGBUS' '
	big_ged_csv 200000 big.csv &&
	cp big.csv moving.csv &&
	{ while test -e moving.csv; do
		: >moving.csv; cat big.csv >moving.csv 2>/dev/null; done & } &&
	i=0 && ok=1 &&
	while test $i -lt 20; do
		"$DURAND" import ucdp moving.csv --db m$i.db >/dev/null 2>err$i
		rc=$?
		n=$(count m$i.db 2>/dev/null || echo 0)
		case $rc in
		0) test "$n" = 200000 || ok=0 ;;
		1) test_grep "moving.csv: the file changed while it was read" err$i || ok=0
		   test "$n" = 0 || ok=0 ;;
		2) test "$n" = 0 || ok=0 ;;
		*) echo "exit status $rc" >&2; ok=0 ;;
		esac
		i=$((i + 1))
	done
	rm -f moving.csv
	test $ok = 1
'
test_done
