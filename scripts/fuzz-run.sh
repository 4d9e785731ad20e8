#!/bin/sh
# Run each libFuzzer target of build-fuzz/fuzz/ for TIME seconds over its
# seeds (tests/fuzz/corpus/<target>/) and what it learnt before
# (build-fuzz/corpus/<target>/), JOBS targets at once; print each target's
# summary in order; exit 1 if any found a crash, leak or timeout.
# Usage: scripts/fuzz-run.sh TIME JOBS "LIBFUZZER FLAGS" TARGET...
# Called by `make fuzz-run` (FUZZ_TIME, FUZZ_JOBS, FUZZ_FLAGS). Each target
# runs for its full TIME whatever JOBS is: running two at once on two
# cores halves the step's time, not a target's fuzzing.
time=$1 jobs=$2 flags=$3
shift 3
root=$(pwd)
mkdir -p build-fuzz/artifacts || exit 1
for t in "$@"; do
	mkdir -p "build-fuzz/corpus/$t" || exit 1
	rm -f "build-fuzz/fuzz_$t.rc"
done
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh -c '
	t=$1 time=$2 flags=$3 root=$4
	# $flags is split into words on purpose: several libFuzzer flags
	build-fuzz/fuzz/fuzz_$t -max_total_time="$time" -close_fd_mask=3 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$root/build-fuzz/artifacts/$t-" \
		$flags "$root/build-fuzz/corpus/$t" "$root/tests/fuzz/corpus/$t" \
		</dev/null >"build-fuzz/fuzz_$t.log" 2>&1
	echo $? >"build-fuzz/fuzz_$t.rc"' sh {} "$time" "$flags" "$root"
fail=0
for t in "$@"; do
	echo "== fuzz_$t for ${time}s"
	grep -E '^stat::number_of_executed_units|^==.*ERROR|^SUMMARY|Test unit written' \
		"build-fuzz/fuzz_$t.log"
	[ "$(cat "build-fuzz/fuzz_$t.rc" 2>/dev/null)" = 0 ] || fail=1
done
exit $fail
