#!/bin/sh
# hindcast and sensitivity end to end at small sizes: every format, the
# same seed gives the same output, a full disk and an interrupt leave no
# file. (Their numbers are tested in tests/unit; this covers the paths.)
. "$(dirname "$0")/lib.sh"

P=faction.kandahar.affinity,ladder.strikes.threshold

test_expect_success 'hindcast: text, json and the monthly series' '
	durand hindcast --runs 50 >h.txt &&
	test_grep "^target .*consistent$" h.txt &&
	durand hindcast --runs 50 --format json --out h.json &&
	jq -e ".targets | length > 0" h.json >/dev/null &&
	durand hindcast --runs 50 --series month --format csv --out h.csv &&
	test_grep "^stream,period,days,q05,q50,q95$" h.csv &&
	durand hindcast --runs 50 --series month --format csv --out h2.csv &&
	cmp h.csv h2.csv
'
test_expect_success 'hindcast --out /dev/full: clear error' '
	test_expect_code 1 durand hindcast --runs 20 --out /dev/full 2>err &&
	test_grep "/dev/full: cannot write output: No space left on device" err
'
test_expect_success 'sensitivity: Morris and Sobol, text and json' '
	durand sensitivity --params $P --runs 10 --days 60 --trajectories 2 \
		--format json --out m.json &&
	jq -e . m.json >/dev/null &&
	durand sensitivity --params $P --runs 10 --days 60 --trajectories 2 \
		--format json --out m2.json &&
	cmp m.json m2.json &&
	durand sensitivity --method sobol --params $P --runs 5 --days 60 \
		--samples 8 >s.txt &&
	test_grep "ranked by total-order index ST" s.txt
'
test_expect_success 'SIGTERM mid-sensitivity: stops, writes nothing' '
	"$DURAND" sensitivity --params $P --runs 2000 --trajectories 50 \
		--out sens.txt 2>err &
	pid=$!
	sleep 1 &&
	kill -0 $pid &&
	kill -TERM $pid &&
	stops_within 1 $pid
	wait $pid
	test $? -eq 1 &&
	test_grep "interrupted" err &&
	! test -e sens.txt &&
	! ls sens.txt.tmp.* 2>/dev/null
'
test_expect_success 'SIGINT mid-hindcast: stops, writes nothing' '
	"$DURAND" hindcast --runs 2000000 --out hc.txt 2>err &
	pid=$!
	sleep 1 &&
	kill -0 $pid &&
	kill -INT $pid &&
	stops_within 1 $pid
	wait $pid
	test $? -eq 1 &&
	test_grep "interrupted after [0-9]* of 2000000 runs" err &&
	! test -e hc.txt
'
test_done
