#!/bin/sh
# Replacing an output (issue 17): the old file's mode is kept, a
# write-protected file or one with other hard links is refused and left as
# it was, two options naming one file are refused, an empty name is said
# to be empty, a JSON write that fails names the file and the reason, and a
# process killed on the way leaves no temporary file.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a 0600 result stays 0600 when replaced' '
	durand run --runs 20 --out r.txt &&
	chmod 600 r.txt &&
	durand run --runs 20 --seed 5 --out r.txt &&
	test "$(stat -c %a r.txt)" = 600 &&
	test_grep "seed 5" r.txt
'
test_expect_success 'a write-protected file is refused and kept' '
	echo old >ro.txt && chmod 444 ro.txt &&
	test_expect_code 2 durand run --runs 20 --out ro.txt 2>err &&
	test_grep "^durand run: ro.txt: cannot replace a write-protected file (.*): make it writable or give another name\$" err &&
	test "$(cat ro.txt)" = old
'
test_expect_success 'a file with another hard link is refused and kept' '
	echo old >a.txt && ln a.txt b.txt &&
	test_expect_code 2 durand run --runs 20 --out a.txt 2>err &&
	test_grep "^durand run: a.txt: the file has 2 hard links and replacing it would break them: remove it or give another name\$" err &&
	test "$(cat b.txt)" = old && test "$(cat a.txt)" = old
'
test_expect_success 'two options naming one output are refused' '
	test_expect_code 2 durand run --runs 20 --out x.html --report x.html 2>err &&
	test_grep "^durand run: --out and --report name the same output .x.html.: give each its own file\$" err &&
	test_expect_code 2 durand run --runs 20 --out ./y --events y 2>err &&
	test_grep "^durand run: --out and --events name the same output" err &&
	test_expect_code 2 durand hindcast --out h --report ./h 2>err &&
	test_grep "same output" err &&
	test_expect_code 2 durand sensitivity --out s --report s 2>err &&
	test_grep "same output" err &&
	! test -e x.html && ! test -e y
'
test_expect_success 'an empty output name: said so' '
	test_expect_code 2 durand run --runs 20 --out "" 2>err &&
	test_grep "^durand run: the output file name is empty; give a file, or .-. for standard output\$" err
'
test_expect_success 'a JSON output that cannot be written: its name and why' '
	test_expect_code 1 durand run --runs 20 --format json >/dev/full 2>err &&
	test_grep "^durand run: standard output: cannot write JSON output: No space left on device\$" err
'
test_expect_success 'report on a full disk names the output, not the result' '
	test_expect_code 1 durand report "$TEST_DATA/fit-result.json" >/dev/full 2>err &&
	test_grep "^durand report: standard output: " err &&
	! grep -q fit-result.json err
'
test_expect_success 'killed mid-run: no temporary file left, the old output kept' '
	echo old >ev.csv &&
	"$DURAND" run --runs 100000 --event-runs 100000 --events ev.csv --out res.txt 2>/dev/null &
	pid=$!
	# wait until the run has its event log open (a named temporary file
	# before: it stayed behind)
	i=0; while test $i -lt 600 && ! ls -l /proc/$pid/fd 2>/dev/null | grep -q "ev.csv\|#[0-9]* (deleted)"; do
		sleep 0.1; i=$((i + 1)); done
	kill -9 $pid; wait $pid
	test "$(cat ev.csv)" = old &&
	! test -e res.txt &&
	! ls ./*.tmp.* 2>/dev/null
'
test_expect_success 'a run past 9999-12-31: refused, no wrapped dates' '
	durand show afpak | sed "s/^start: .*/start: 9999-10-01/" >late.yaml &&
	test_expect_code 2 durand run late.yaml --runs 5 --events ev9.csv 2>err &&
	test_grep "^durand run: a run of 180 days from 9999-10-01 would end after 9999-12-31, the last day a date may have: run fewer days\$" err &&
	! test -e ev9.csv &&
	durand run late.yaml --runs 5 --days 92 --event-runs 5 --events ev9.csv >/dev/null &&
	! grep -q "^[0-9]*,0000-" ev9.csv
'
test_done
