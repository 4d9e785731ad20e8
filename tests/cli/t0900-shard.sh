#!/bin/sh
# durand run --shard K/N and durand merge: the parts of an ensemble merge
# into the very bytes of one process with --threads 1 (text, JSON, CSV, the
# report), in any order given; each way parts can fail to fit (another
# seed, scenario, days, what-ifs, durand version, an overlap, a gap, a
# truncated or altered file) exits 2, names the files and writes nothing.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to edit .dsum headers"

R="--runs 210 --seed 11 --days 60"
W="--what-if joint_mechanism"
A="--runs 60 --seed 3 --days 30 --as-of 2025-11-15 --particles 100"

# shards N [run options]: parts p<N>-1.dsum ... p<N>-N.dsum
shards() {
	n=$1
	shift
	k=1
	while [ $k -le "$n" ]; do
		durand run "$@" --shard "$k/$n" --out "p$n-$k.dsum" || return 1
		k=$((k + 1))
	done
}
# shards_direct N [run options]: the same, never under valgrind: for the
# split into 7, whose seven runs are the shard code valgrind sees in the
# splits into 1, 2 and 3 (its merge still runs under valgrind; `make asan`
# runs the seven under ASan and UBSan)
shards_direct() {
	n=$1
	shift
	k=1
	while [ $k -le "$n" ]; do
		"$DURAND" run "$@" --shard "$k/$n" --out "p$n-$k.dsum" || return 1
		k=$((k + 1))
	done
}

test_expect_success 'one process, --threads 1: the reference' '
	durand run $R $W --threads 1 --format json >one.json &&
	durand run $R $W --threads 1 --format csv >one.csv &&
	durand run $R $W --threads 1 >one.txt &&
	durand run $R --threads 1 --format json >one-base.json &&
	test -s one.json && test -s one.csv && test -s one.txt
'
test_expect_success 'split into 1: merge gives the same bytes' '
	shards 1 $R $W &&
	durand merge p1-1.dsum --format json >m1.json &&
	cmp one.json m1.json
'
test_expect_success 'split into 2, no what-if: the same bytes' '
	shards 2 $R &&
	durand merge p2-*.dsum --format json >m2.json &&
	cmp one-base.json m2.json
'
test_expect_success 'split into 3: the same JSON, CSV and text' '
	shards 3 $R $W --threads 2 &&
	durand merge p3-*.dsum --format json >m3.json &&
	durand merge p3-*.dsum --format csv >m3.csv &&
	durand merge p3-*.dsum >m3.txt &&
	cmp one.json m3.json && cmp one.csv m3.csv && cmp one.txt m3.txt
'
test_expect_success 'split into 7 with a what-if, given out of order: the same bytes' '
	shards_direct 7 $R $W &&
	durand merge p7-5.dsum p7-2.dsum p7-7.dsum p7-1.dsum p7-3.dsum \
		p7-6.dsum p7-4.dsum --format json --out m7.json &&
	cmp one.json m7.json
'
test_expect_success 'merge --report writes the report of run --report' '
	durand run $R $W --threads 1 --report one.html >/dev/null &&
	durand merge p3-*.dsum --report m3.html >/dev/null &&
	cmp one.html m3.html
'
test_expect_success 'the shard ranges are the K-th of N equal index ranges' '
	python3 - p7-*.dsum <<-\PY
	import struct, sys
	got = []
	for f in sys.argv[1:]:
	    h = open(f, "rb").read(640)
	    assert h[:8] == b"\x89DSUM\r\n\x1a", f
	    first, runs, total = struct.unpack_from("<QQQ", h, 256)
	    k, n = struct.unpack_from("<II", h, 284)
	    got.append((k, n, first, runs, total))
	# floor(210 (K-1) / 7) .. floor(210 K / 7)
	assert sorted(got) == [(k, 7, 30 * (k - 1), 30, 210) for k in range(1, 8)], got
	PY
'

test_expect_success 'a forecast --as-of a date (a filtered start) in 2 parts: the same bytes' '
	durand run $A --threads 1 --format json >asof.json 2>/dev/null &&
	durand run $A --shard 1/2 --out asof1.dsum 2>/dev/null &&
	durand run $A --shard 2/2 --out asof2.dsum 2>/dev/null &&
	durand merge asof2.dsum asof1.dsum --format json >asof-m.json &&
	cmp asof.json asof-m.json &&
	test_grep "\"starting_state\"" asof.json
'
test_expect_success 'a start filtered with other particles: refused' '
	durand run $A --particles 120 --shard 2/2 --out p120.dsum 2>/dev/null &&
	test_expect_code 2 durand merge asof1.dsum p120.dsum 2>err &&
	test_grep "p120.dsum: not a part of the ensemble of .asof1.dsum.: starting state .*120 states" err
'

# merge_refused WHAT FILE...: exit 2, a message naming the files, no output
merge_refused() {
	rm -f out.json
	test_expect_code 2 durand merge "$@" --format json --out out.json \
		>stdout 2>err &&
	test ! -e out.json && ! test -s stdout && cat err
}

test_expect_success 'another seed: refused, naming both files' '
	durand run --runs 210 --seed 12 --days 60 $W --shard 2/3 --out seed12.dsum &&
	merge_refused p3-1.dsum seed12.dsum p3-3.dsum &&
	test_grep "seed12.dsum" err && test_grep "p3-1.dsum" err &&
	test_grep "seed 12 here, 11 there" err
'
test_expect_success 'another scenario: refused' '
	durand run afpak-kabul $R $W --shard 2/3 --out kabul.dsum &&
	merge_refused p3-1.dsum kabul.dsum p3-3.dsum &&
	test_grep "kabul.dsum: not a part of the ensemble of .p3-1.dsum.: scenario" err
'
test_expect_success 'other days or what-ifs: refused' '
	durand run $R $W --days 90 --shard 2/3 --out days.dsum &&
	merge_refused p3-1.dsum days.dsum p3-3.dsum &&
	test_grep "days 90 here" err &&
	durand run $R --shard 2/3 --out nowhatif.dsum &&
	merge_refused p3-1.dsum nowhatif.dsum p3-3.dsum &&
	test_grep "what-ifs none here, joint_mechanism there" err
'
test_expect_success 'another ensemble size: refused' '
	durand run --runs 211 --seed 11 --days 60 $W --shard 2/3 --out n211.dsum &&
	merge_refused p3-1.dsum n211.dsum p3-3.dsum &&
	test_grep "runs of the whole ensemble 211 here, 210 there" err
'

# set_version IN OUT VERSION: IN with another durand version in its header
# and its check digest made again (docs/dsum.md), a part of an older durand
cat >set_version.py <<'PY'
import hashlib, sys
b = bytearray(open(sys.argv[1], "rb").read())
b[88:120] = sys.argv[3].encode().ljust(32, b"\0")
b[24:88] = b"\0" * 64
b[24:88] = hashlib.sha256(bytes(b)).hexdigest().encode()
open(sys.argv[2], "wb").write(bytes(b))
PY
test_expect_success 'another durand version: refused' '
	python3 set_version.py p3-2.dsum old.dsum 0.0.9 &&
	merge_refused p3-1.dsum old.dsum p3-3.dsum &&
	test_grep "old.dsum: not a part of the ensemble of .p3-1.dsum.: durand version 0.0.9 here" err
'
test_expect_success 'the same version rewritten is accepted (the digest rule is as documented)' '
	python3 set_version.py p3-2.dsum same.dsum "$(durand version | cut -d" " -f2)" &&
	cmp p3-2.dsum same.dsum
'
test_expect_success 'overlapping run ranges: refused, naming both parts' '
	merge_refused p3-1.dsum p3-2.dsum p7-3.dsum p3-3.dsum &&
	test_grep "p7-3.dsum: runs \[60, 90) overlap those of .p3-1.dsum., which end at 70" err
'
test_expect_success 'the same part twice: refused' '
	merge_refused p3-1.dsum p3-2.dsum p3-2.dsum p3-3.dsum &&
	test_grep "overlap" err
'
test_expect_success 'a gap in the middle: refused, naming the runs missing' '
	merge_refused p3-1.dsum p3-3.dsum &&
	test_grep "p3-3.dsum: runs \[70, 140) are in no part given" err
'
test_expect_success 'the last part missing: refused' '
	merge_refused p3-1.dsum p3-2.dsum &&
	test_grep "runs \[140, 210) of the ensemble.s 210 are in no part given" err
'
test_expect_success 'a truncated part: refused, naming the file' '
	size=$(wc -c <p3-2.dsum) &&
	head -c $((size - 100)) p3-2.dsum >cut.dsum &&
	merge_refused p3-1.dsum cut.dsum p3-3.dsum &&
	test_grep "cut.dsum: truncated" err &&
	head -c 100 p3-2.dsum >short.dsum &&
	merge_refused p3-1.dsum short.dsum p3-3.dsum &&
	test_grep "short.dsum: truncated" err
'
test_expect_success 'an altered byte: refused by the check digest' '
	python3 -c "
import sys
b = bytearray(open(\"p3-2.dsum\", \"rb\").read())
b[-5] ^= 1
open(\"flip.dsum\", \"wb\").write(bytes(b))" &&
	merge_refused p3-1.dsum flip.dsum p3-3.dsum &&
	test_grep "flip.dsum: check digest does not match" err
'
test_expect_success 'not a .dsum, an unknown format version, a missing file: refused' '
	merge_refused p3-1.dsum one.json p3-3.dsum &&
	test_grep "one.json: not a .dsum file" err &&
	python3 -c "
b = bytearray(open(\"p3-2.dsum\", \"rb\").read())
b[8] = 4
open(\"v4.dsum\", \"wb\").write(bytes(b))
b[8] = 2
open(\"v2.dsum\", \"wb\").write(bytes(b))" &&
	merge_refused p3-1.dsum v4.dsum p3-3.dsum &&
	test_grep "v4.dsum: .dsum format version 4; this durand" err &&
	merge_refused p3-1.dsum v2.dsum p3-3.dsum &&
	test_grep "v2.dsum: .dsum format version 2; this durand (.*) reads version 3 (older parts lack the monthly summaries" err &&
	merge_refused p3-1.dsum nosuch.dsum &&
	test_grep "nosuch.dsum" err
'
test_expect_success 'bad --shard: exit 2' '
	test_expect_code 2 durand run --shard 0/3 --out x.dsum 2>err &&
	test_grep "counted from 1" err &&
	test_expect_code 2 durand run --shard 4/3 --out x.dsum &&
	test_expect_code 2 durand run --shard 3 --out x.dsum &&
	test_expect_code 2 durand run --shard 1/3 2>err &&
	test_grep "to --out" err &&
	test_expect_code 2 durand run --shard 1/3 --out x.dsum --format json &&
	test_expect_code 2 durand run --runs 5 --shard 1/6 --out x.dsum 2>err &&
	test_grep "5 runs cannot be divided into 6" err &&
	test ! -e x.dsum &&
	test_expect_code 2 durand merge 2>err &&
	test_grep "usage: durand merge" err
'
test_done
