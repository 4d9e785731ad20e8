#!/bin/sh
# A calibration stopped by SIGTERM or SIGINT ends within a second, says how
# far it got and writes nothing: no scenario, no temporary file, an earlier
# file left as it was.
. "$(dirname "$0")/lib.sh"

# interrupt SIGNAL DELAY: start a calibration into fitted.yaml, signal it
interrupt() {
	"$DURAND" calibrate --fit faction.kandahar.affinity,ladder.strikes.threshold \
		--runs 2000 --max-evals 100 --out fitted.yaml >out 2>err &
	pid=$!
	sleep "$2"
	kill -0 $pid || { echo "calibrate ended before the signal" >&2; return 1; }
	kill -"$1" $pid &&
	stops_within 1 $pid
	wait $pid
	code=$?
}

test_expect_success 'SIGTERM after a second: nothing written' '
	interrupt TERM 1 &&
	test $code -eq 1 &&
	test_grep "interrupted after [0-9]* .*; nothing written" err &&
	! test -e fitted.yaml &&
	! ls fitted.yaml.tmp.* 2>/dev/null
'
test_expect_success 'SIGINT later on: an earlier fitted.yaml is untouched' '
	echo "an earlier calibration" >fitted.yaml &&
	cp fitted.yaml before &&
	interrupt INT 3 &&
	test $code -eq 1 &&
	test_grep "interrupted .*nothing written" err &&
	cmp before fitted.yaml &&
	! ls fitted.yaml.tmp.* 2>/dev/null
'
test_done
