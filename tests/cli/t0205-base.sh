#!/bin/sh
# Scenarios that name a base: the shipped example afpak-no-strikes (a few
# lines over the built-in afpak) checks, runs, shows whole and carries its
# base in the provenance; a problem is named at its own file and line, the
# base's or the child's; a cycle of bases is refused.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

EX=$TEST_ROOT/scenarios/afpak-no-strikes.yaml

test_expect_success 'the example is short, names afpak and checks' '
	test "$(grep -cv "^#" "$EX")" -le 12 &&
	test_grep "^base: afpak$" "$EX" &&
	durand check "$EX" >out 2>err &&
	test_lines_are out "$EX: ok" &&
	! test -s err
'
test_expect_success 'the example runs: no strike in any run, afpak has some' '
	durand run "$EX" --runs 300 >child.txt &&
	test_grep "new Pakistani strike in Afghanistan within 180 days: 0.0%" \
		child.txt &&
	durand run --runs 300 >afpak.txt &&
	! grep -q "within 180 days: 0.0%" afpak.txt
'
test_expect_success 'show prints it whole, without base:, and that runs the same' '
	durand show "$EX" >flat.yaml &&
	! grep -q "^base:" flat.yaml &&
	test_grep "^name: afpak-no-strikes$" flat.yaml &&
	test_grep "^    value: 0$" flat.yaml &&
	durand check flat.yaml >out &&
	durand run flat.yaml --runs 200 --format csv >flat.csv &&
	durand run "$EX" --runs 200 --format csv >child.csv &&
	cmp flat.csv child.csv
'
test_expect_success 'provenance names the child and its base with their SHA-256s' '
	durand run "$EX" --runs 50 --set ttp.mu=1.5 --format json >r.json &&
	durand show afpak >afpak.yaml &&
	child=$(sha256sum <"$EX" | cut -d" " -f1) &&
	base=$(sha256sum <afpak.yaml | cut -d" " -f1) &&
	python3 -c "
import json, sys
p = json.load(open(\"r.json\"))[\"provenance\"]
assert p[\"scenario\"] == \"afpak-no-strikes\", p
assert p[\"file\"] == sys.argv[1] and not p[\"built_in\"], p
assert p[\"sha256\"] == sys.argv[2], p
assert p[\"bases\"] == [{\"file\": None, \"built_in\": \"afpak\",
                         \"sha256\": sys.argv[3]}], p
assert p[\"changed\"][0][\"path\"] == \"ttp.mu\", p
" "$EX" "$child" "$base" &&
	durand run --runs 50 --format json >a.json &&
	python3 -c "
import json
assert json.load(open(\"a.json\"))[\"provenance\"][\"bases\"] == []
"
'
test_expect_success 'a problem in a file base is named at the base'\''s line' '
	mkdir -p sub &&
	sed "s/^days: 180$/days: many/" afpak.yaml >base.yaml &&
	printf "name: kid\nbase: ../base.yaml\n" >sub/kid.yaml &&
	pos=$(position_of "days: many" base.yaml 6) &&
	test_expect_code 2 durand check sub/kid.yaml 2>err &&
	test_lines_are err \
		"durand check: sub/../base.yaml:$pos: days: expected a number, got '\''many'\''"
'
test_expect_success 'a problem in the child is named at the child'\''s line' '
	printf "name: kid\nbase: afpak\n\nparams:\n  ttp.mu: {value: -1}\n" \
		>kid.yaml &&
	test_expect_code 2 durand check kid.yaml 2>err &&
	test_grep "^durand check: kid.yaml:5:19: ttp.mu: expected a value from 0 to 100, got -1" err
'
test_expect_success 'a cycle of bases is refused' '
	printf "name: a\nbase: b.yaml\n" >a.yaml &&
	printf "name: b\nbase: a.yaml\n" >b.yaml &&
	test_expect_code 2 durand check a.yaml 2>err &&
	test_lines_are err \
		"durand check: b.yaml:2:7: base '\''a.yaml'\'' makes a cycle: a.yaml -> b.yaml -> a.yaml" &&
	test_expect_code 2 durand run a.yaml --runs 10 2>err &&
	test_grep "makes a cycle" err
'
test_expect_success 'a missing base is named with where it was looked for' '
	printf "name: c\nbase: gone.yaml\n" >sub/c.yaml &&
	test_expect_code 2 durand show sub/c.yaml 2>err &&
	test_grep "sub/c.yaml:2:7: base '\''gone.yaml'\'': no built-in scenario of that name, and '\''sub/gone.yaml'\''" err
'
test_done
