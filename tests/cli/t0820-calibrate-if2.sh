#!/bin/sh
# durand calibrate --method if2: the written scenario carries a parameter
# ensemble that loads and runs, the trace says which facts it used (those
# before 2025), the same bytes for any thread count, and bad input refused
# with nothing written.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

test_expect_success 'if2: writes a scenario with an ensemble, and the trace' '
	durand calibrate --method if2 --fit ttp.mu,attack.fatality_mean \
		--particles 40 --iterations 2 --threads 1 --out fit.yaml >trace.txt &&
	test_grep "^ensemble:" fit.yaml &&
	# the fitted first, then the others of the shipped ensemble, riding along
	test_grep "params: \[ttp.mu, attack.fatality_mean[],]" fit.yaml &&
	for p in $(grep "^  params: \[" "$TEST_ROOT/scenarios/afpak-2021.yaml" |
		   tr -d "[]," | sed "s/^ *params://"); do
		grep "^  params: \[" fit.yaml | grep -q "[[ ]$p[],]" || return 1
	done &&
	test_grep "source: \"IF2 (docs/calibration.md) on record afpak" fit.yaml &&
	test_grep "facts ending before 2025-01-01" fit.yaml &&
	test_grep "end before 2025-01-01" trace.txt &&
	test_grep "facts of 2025 are kept for the forecast" trace.txt &&
	test_grep "^2 " trace.txt &&
	test $(grep -c "^    - \[" fit.yaml) = 40
'
test_expect_success 'if2: the written scenario checks and runs' '
	durand check fit.yaml >out &&
	test_grep "fit.yaml: ok" out &&
	durand run fit.yaml --runs 20 --days 60 --threads 1 >run.txt &&
	test -s run.txt
'
test_expect_success 'if2: the ensemble changes the runs (it is not the scenario alone)' '
	durand run afpak-2021 --runs 20 --days 60 --threads 1 >base.txt &&
	! cmp -s run.txt base.txt
'
test_expect_success 'if2: threads 1 and 2 give the same bytes; JSON trace' '
	durand calibrate --method if2 --fit ttp.mu,attack.fatality_mean \
		--particles 40 --iterations 2 --threads 2 --out fit2.yaml \
		--format json >trace2.json &&
	cmp fit.yaml fit2.yaml &&
	python3 - trace2.json <<-PY
	import json, sys, math
	d = json.load(open(sys.argv[1]))
	assert d["method"] == "if2" and d["facts_end_before"] == "2025-01-01"
	assert len(d["record_sha256"]) == 64 and d["facts_used"] > 10
	assert d["particles"] == 40 and d["iterations"] == 2
	assert len(d["trace"]) == 3 and d["trace"][0]["loglik"] is None
	for row in d["trace"][1:]:
	    assert math.isfinite(row["loglik"]) and row["loglik"] < 0
	for row in d["trace"]:
	    for p in ("ttp.mu", "attack.fatality_mean"):
	        q = row["params"][p]
	        assert q["q05"] <= q["q50"] <= q["q95"], q
	PY
'
test_expect_success 'if2: --into writes the ensemble into another scenario' '
	durand calibrate --method if2 --fit ttp.mu --particles 20 --iterations 1 \
		--threads 1 --into afpak --out into.yaml >/dev/null &&
	test_grep "^name: afpak$" into.yaml &&
	test_grep "^ensemble:" into.yaml &&
	durand check into.yaml
'
test_expect_success 'if2: a later --until is warned about' '
	durand calibrate --method if2 --fit ttp.mu --particles 10 --iterations 1 \
		--threads 1 --until 2025-10-21 --out late.yaml >/dev/null 2>err &&
	test_grep "honesty rule" err
'
test_expect_success 'if2: --quantities fits on those facts alone' '
	durand calibrate --method if2 --fit ttp.mu --particles 10 --iterations 1 \
		--threads 1 --quantities militant_attacks,terrorist_attacks \
		--out q.yaml >trace.txt &&
	# PICSS 2022-2024 and PIPS 2022, 2024: five counts before 2025
	test_grep "^facts used: 5," trace.txt &&
	test_grep "only militant_attacks,terrorist_attacks" trace.txt &&
	test_grep "only militant_attacks,terrorist_attacks" q.yaml &&
	test_expect_code 2 durand calibrate --method if2 --fit ttp.mu \
		--quantities militant_attacks,nope --out x.yaml 2>err &&
	test_grep "unknown quantity .nope." err &&
	test_expect_code 2 durand calibrate --fit ttp.mu --quantities militant_attacks 2>err &&
	test_grep "options of --method if2" err &&
	test ! -e x.yaml
'
test_expect_success 'if2: bad input is refused, nothing written' '
	test_expect_code 2 durand calibrate --method if2 --fit ttp.muu --out x.yaml 2>err &&
	test_grep "ttp.mu" err &&
	test_expect_code 2 durand calibrate --method if2 --fit ttp.mu --until 2020-01-01 --out x.yaml 2>err &&
	test_expect_code 2 durand calibrate --method if2 --fit ttp.mu --format json 2>err &&
	test_grep "needs --out" err &&
	test_expect_code 2 durand calibrate --method nope --fit ttp.mu 2>err &&
	test_expect_code 2 durand calibrate --fit ttp.mu --particles 10 2>err &&
	test_grep "options of --method if2" err &&
	test ! -e x.yaml
'
test_done
