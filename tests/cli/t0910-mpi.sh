#!/bin/sh
# durand run, filter, calibrate --method if2 and backtest over MPI. A build
# with MPI (make MPI=1): `mpirun -n 1, 2, 3` writes the very bytes of one
# process with --threads 1 (run with a what-if; the filter's report and
# saved cloud; the IF2 ensemble and trace; the record and GED backtests),
# for any threads per rank; rank 0 alone writes; the comm layer's unit
# test, with a filter over the ranks, passes on 2 and 3 ranks. A build without MPI: said plainly, and a
# start under an MPI launcher (its environment faked) is refused, exit 2,
# with nothing written.
. "$(dirname "$0")/lib.sh"

R="--runs 150 --seed 5"
W="--what-if joint_mechanism"

if ! ldd "$DURAND" 2>/dev/null | grep -q libmpi; then
	say "# $DURAND was built without MPI (make MPI=1 builds it with):" \
	    "checking that it refuses to start under mpirun"
	for var in OMPI_COMM_WORLD_SIZE=3 PMI_SIZE=2 PMIX_RANK=1; do
		test_expect_success "without MPI, $var is refused, nothing written" "
			rm -f out.json &&
			test_expect_code 2 env $var \"\$DURAND\" run $R --out out.json 2>err &&
			test_grep 'built without MPI; rebuild with .make MPI=1.' err &&
			test ! -e out.json
		"
	done
	test_expect_success 'without MPI, one process under a launcher of one runs' '
		OMPI_COMM_WORLD_SIZE=1 durand run $R --format json >one.json &&
		durand run $R --format json >plain.json &&
		cmp one.json plain.json
	'
	test_done
fi

command -v mpirun >/dev/null ||
	{ say "not ok - $DURAND has MPI but there is no mpirun (scripts/install-deps.sh --mpi)"; exit 1; }
MPIRUN="mpirun --oversubscribe --allow-run-as-root"
TEST_MPI=$TEST_ROOT/${BUILD:-build}/tests/test_mpi

test_expect_success 'one process, --threads 1: the reference' '
	durand run $R $W --threads 1 --format json >one.json &&
	durand run $R $W --threads 1 --format csv >one.csv &&
	durand run $R $W --threads 1 >one.txt
'
for n in 1 2 3; do
	test_expect_success "mpirun -n $n, --threads 1: the same JSON" "
		$MPIRUN -n $n \"\$DURAND\" run $R $W --threads 1 --format json >mpi$n.json &&
		cmp one.json mpi$n.json
	"
done
test_expect_success 'mpirun -n 2, --threads 2 each: the same JSON, CSV and text' '
	$MPIRUN -n 2 "$DURAND" run $R $W --threads 2 --format json >t2.json &&
	$MPIRUN -n 2 "$DURAND" run $R $W --threads 2 --format csv >t2.csv &&
	$MPIRUN -n 3 "$DURAND" run $R $W --threads 2 >t3.txt &&
	cmp one.json t2.json && cmp one.csv t2.csv && cmp one.txt t3.txt
'
test_expect_success 'mpirun -n 3, a forecast --as-of a date: the same JSON' '
	A="--runs 60 --seed 3 --days 30 --as-of 2025-11-15 --particles 100" &&
	durand run $A --threads 1 --format json >asof.json 2>/dev/null &&
	$MPIRUN -n 3 "$DURAND" run $A --threads 1 --format json >asof3.json 2>/dev/null &&
	cmp asof.json asof3.json
'
test_expect_success 'rank 0 alone writes --out and the event log' '
	durand run $R --threads 1 --events ev1.csv --event-runs 3 --out o1.json --format json &&
	$MPIRUN -n 3 "$DURAND" run $R --events ev3.csv --event-runs 3 --out o3.json --format json >stdout &&
	! test -s stdout && cmp o1.json o3.json && cmp ev1.csv ev3.csv &&
	test -z "$(ls | grep "\.tmp\.")"
'
test_expect_success 'more event runs than rank 0 has: refused' '
	test_expect_code 2 $MPIRUN -n 3 "$DURAND" run $R --events ev.csv --event-runs 60 >/dev/null 2>err &&
	test_grep "more than the 50 runs of MPI rank 0" err && test ! -e ev.csv
'
test_expect_success 'rank 0 cannot write the event log: every rank stops, nothing written' '
	test_expect_code 1 timeout 120 $MPIRUN -n 2 "$DURAND" run $R --events no/such/dir/ev.csv \
		--out o.json >/dev/null 2>err &&
	test_grep "no/such/dir/ev.csv" err && test ! -e o.json
'
F="--particles 200 --replicates 2 --seed 3"
test_expect_success 'filter, one process, --threads 1: the reference' '
	durand filter $F --threads 1 --format json --save one.cloud >f1.json &&
	durand filter $F --threads 1 >f1.txt
'
for n in 1 2 3; do
	test_expect_success "filter under mpirun -n $n: the same JSON and cloud" "
		$MPIRUN -n $n \"\$DURAND\" filter $F --threads 1 --format json \
			--save m$n.cloud >fm$n.json &&
		cmp f1.json fm$n.json && cmp one.cloud m$n.cloud
	"
done
test_expect_success 'filter under mpirun -n 2, --threads 2 each: the same text' '
	$MPIRUN -n 2 "$DURAND" filter $F --threads 2 >f2.txt &&
	cmp f1.txt f2.txt
'
I="--method if2 --fit ttp.mu,attack.fatality_mean --particles 30 --iterations 2"
test_expect_success 'calibrate --method if2 under mpirun -n 2, 3: the same ensemble and trace' '
	durand calibrate $I --threads 1 --format json --out i1.yaml >i1.json &&
	$MPIRUN -n 2 "$DURAND" calibrate $I --threads 1 --format json --out i2.yaml >i2.json &&
	$MPIRUN -n 3 "$DURAND" calibrate $I --threads 2 --format json --out i3.yaml >i3.json &&
	cmp i1.yaml i2.yaml && cmp i1.json i2.json &&
	cmp i1.yaml i3.yaml && cmp i1.json i3.json
'
B="backtest --data record --particles 100 --runs 60 --origins 2022-07-01,2023-01-01 --horizon 6m"
test_expect_success 'backtest of the record under mpirun -n 2, 3: the same JSON' '
	durand $B --threads 1 --format json >b1.json &&
	$MPIRUN -n 2 "$DURAND" $B --threads 1 --format json >b2.json &&
	$MPIRUN -n 3 "$DURAND" $B --threads 1 --format json >b3.json &&
	cmp b1.json b2.json && cmp b1.json b3.json
'
# Made-up attacks (not GED rows), as in t0810.
awk 'BEGIN {
	print "id,date_start,date_end,date_prec,side_a,side_b," \
	      "dyad_name,type_of_violence,country,best,low,high,active_year"
	for (i = 0; i < 24; i++)
		for (e = 0; e <= i % 4; e++)
			printf "%d,%d-%02d-%02d,%d-%02d-%02d,1,Government of " \
			       "Pakistan,TTP,Government of Pakistan - TTP,1," \
			       "Pakistan,2,1,3,true\n", 500000 + 4 * i + e,
			       2019 + int(i / 12), i % 12 + 1, 3 + 7 * e,
			       2019 + int(i / 12), i % 12 + 1, 3 + 7 * e
}' >made-up.csv
G="backtest --db a.db --origins 2019-06..2020-06:2 --horizon 3m --runs 200"
test_expect_success 'GED backtest, origins split over mpirun -n 2, 3: the same CSV and draws' '
	durand import ucdp made-up.csv --db a.db >/dev/null &&
	durand $G --threads 1 --format csv --samples s1.csv >g1.csv &&
	$MPIRUN -n 2 "$DURAND" $G --threads 1 --format csv --samples s2.csv >g2.csv &&
	$MPIRUN -n 3 "$DURAND" $G --threads 2 --format csv --samples s3.csv >g3.csv &&
	test $(wc -l <g1.csv) -gt 100 &&
	cmp g1.csv g2.csv && cmp s1.csv s2.csv && cmp g1.csv g3.csv && cmp s1.csv s3.csv
'
test_expect_success 'calibrate --method smm is refused on several ranks, once' '
	test_expect_code 2 $MPIRUN -n 2 "$DURAND" calibrate --fit ttp.mu --runs 10 \
		--out x.yaml >/dev/null 2>err &&
	test $(grep -c "method smm does not divide its work over MPI" err) = 1 &&
	test ! -e x.yaml
'
test_expect_success 'other commands, and --shard, are refused on several ranks' '
	test_expect_code 2 $MPIRUN -n 2 "$DURAND" scenarios >/dev/null 2>err &&
	test_grep "does not divide its work over MPI processes" err &&
	test_expect_code 2 $MPIRUN -n 2 "$DURAND" run $R --shard 1/2 --out x.dsum 2>err &&
	test_grep "use one of them" err && test ! -e x.dsum
'
test_expect_success 'the comm layer on 2 and 3 ranks' '
	test -x "$TEST_MPI" &&
	$MPIRUN -n 2 "$TEST_MPI" &&
	$MPIRUN -n 3 "$TEST_MPI"
'
test_done
