#!/bin/sh
# durand check and durand run on bad scenarios: each class of defect is
# reported as FILE:LINE:COL: message, at the defect, with exit status 2.
# The fixtures are `durand show afpak` with one defect each (tests/data).
. "$(dirname "$0")/lib.sh"

# expect_defect FIXTURE TEXT SKIP MESSAGE: `durand check FIXTURE` prints
# exactly one line, MESSAGE at TEXT (+SKIP), and exits 2.
expect_defect() {
	cp "$TEST_DATA/$1" . &&
	pos=$(position_of "$2" "$1" "$3") &&
	test_expect_code 2 durand check "$1" >out 2>err &&
	test_lines_are err "durand check: $1:$pos: $4" &&
	! test -s out
}

test_expect_success 'the shown afpak checks unchanged' '
	durand show afpak >afpak.yaml &&
	cmp afpak.yaml "$TEST_ROOT/scenarios/afpak.yaml" &&
	durand check afpak.yaml >out 2>err &&
	test_lines_are out "afpak.yaml: ok" &&
	! test -s err
'
test_expect_success 'unknown key' '
	expect_defect bad-unknown-key.yaml sorce 0 \
		"unknown key '\''sorce'\'' in '\''mediators'\'' (expected one of: actor, trigger_rung, leverage, round_rate, cooldown_days, trigger_crisis, source)"
'
test_expect_success 'wrong type' '
	expect_defect bad-wrong-type.yaml "days: many" 6 \
		"days: expected a number, got '\''many'\''"
'
test_expect_success 'missing field (placed at the mapping'\''s first key)' '
	expect_defect bad-missing-field.yaml "{id: kharlachi" 1 \
		"missing key '\''trade_usd_per_day'\'' in '\''crossings'\''"
'
test_expect_success 'value out of range' '
	expect_defect bad-out-of-range.yaml "afg.erosion: {value: 1.5" 21 \
		"afg.erosion: expected a value from 0 to 1, got 1.5"
'
test_expect_success 'NaN' '
	expect_defect bad-nan.yaml ".nan" 0 \
		"clash.mu: expected a finite number, got '\''.nan'\''"
'
test_expect_success 'infinity' '
	expect_defect bad-infinity.yaml 1e999 0 \
		"clash.mu: expected a finite number, got '\''1e999'\''"
'
test_expect_success 'a date that does not exist' '
	expect_defect bad-date.yaml 2026-02-30 0 \
		"start: no such day in the calendar, got '\''2026-02-30'\''"
'
test_expect_success 'an actor that does not exist' '
	expect_defect bad-actor.yaml saudi_arbia 0 \
		"actor: no actor '\''saudi_arbia'\'' in '\''actors'\''"
'
test_expect_success 'a crossing that does not exist' '
	expect_defect bad-crossing.yaml chamann 0 \
		"closed: no crossing '\''chamann'\'' in '\''crossings'\''"
'
test_expect_success 'an alias (placed at the *)' '
	expect_defect bad-alias.yaml "*mu" 0 \
		"aliases are not allowed in scenarios"
'
test_expect_success 'several defects are all reported, in file order' '
	f=bad-several.yaml &&
	cp "$TEST_DATA/$f" . &&
	p1=$(position_of "days: many" $f 6) &&
	p2=$(position_of saudi_arbia $f) &&
	p3=$(position_of chamann $f) &&
	test_expect_code 2 durand check $f 2>err &&
	test_lines_are err \
		"durand check: $f:$p1: days: expected a number, got '\''many'\''" \
		"durand check: $f:$p2: actor: no actor '\''saudi_arbia'\'' in '\''actors'\''" \
		"durand check: $f:$p3: closed: no crossing '\''chamann'\'' in '\''crossings'\''"
'
test_expect_success 'durand run reports the same, exit 2, no output' '
	cp "$TEST_DATA/bad-date.yaml" . &&
	pos=$(position_of 2026-02-30 bad-date.yaml) &&
	test_expect_code 2 durand run bad-date.yaml --runs 10 >out 2>err &&
	test_lines_are err "durand run: bad-date.yaml:$pos: start: no such day in the calendar, got '\''2026-02-30'\''" &&
	! test -s out
'
test_expect_success 'check goes on after a bad file; the status is the worst' '
	cp "$TEST_DATA/bad-nan.yaml" . &&
	durand show afpak >good.yaml &&
	test_expect_code 2 durand check bad-nan.yaml good.yaml >out 2>err &&
	test_lines_are out "good.yaml: ok" &&
	test_grep "^durand check: bad-nan.yaml:" err
'
test_expect_success 'a missing file fails with its name' '
	test_must_fail durand check nosuch.yaml 2>err &&
	test_grep "^durand check: nosuch.yaml: cannot open scenario" err
'
test_done
