#!/bin/sh
# The command line of every command: each option of its table is listed by
# --help and accepted as --opt=value and as --opt value; a misspelt option
# is answered with the nearest one and exit 2; a missing value and a bad
# value name the option; `durand help CMD` works for every command.
. "$(dirname "$0")/lib.sh"

# Some 230 calls that parse and print help: under `make valgrind` they run
# without it (the parser runs under ASan and UBSan in `make asan`, and
# every other CLI test parses its options under valgrind), which keeps CI
# within its time.
if [ -n "${DURAND_VALGRIND:-}" ]; then
	say "# options parsed without valgrind here (make asan covers them)"
	DURAND_VALGRIND=
fi

# Each command's options, each with a valid value ("" for a flag). The
# parser reads options in order, so `CMD --opt=value --help` exits 0 only
# if --opt and its value were accepted.
opts_of() {
	case $1 in
	run) echo "runs=50 days=30 seed=7 threads=2 what-if=ceasefire
		format=json events=e.csv event-runs=2 out=o.json
		report=r.html as-of=2025-11-01 record=afpak particles=50
		prob=strikes>=1 samples=s.csv set=ttp.mu=0.9 shard=1/2 observables" ;;
	merge) echo "format=json out=o.json report=r.html" ;;
	filter) echo "record=afpak until=2024-01-01 particles=50 replicates=2
		seed=7 threads=2 format=json out=o.json save=c.cloud
		set=ttp.mu=0.9" ;;
	hindcast) echo "until=2025-10-12 runs=50 seed=7 threads=2 series=year
		format=csv out=o.csv report=r.html set=ttp.mu=0.9" ;;
	calibrate) echo "fit=ttp.mu runs=50 seed=7 until=2025-10-12
		max-evals=3 threads=2 out=o.yaml method=smm record=afpak
		quantities=militant_attacks
		particles=50 iterations=2 cooling=0.5 rw-sd=0.2 into=afpak
		format=json set=ttp.noise=0.5" ;;
	sensitivity) echo "params=ttp.mu,clash.mu method=sobol
		outcome=p:strikes_city runs=5 days=30 seed=7 threads=2
		trajectories=4 samples=16 format=json out=o.json
		report=r.html set=ttp.mu=0.9" ;;
	stats) echo "db=a.db by=year group=actor source=ucdp country=Pakistan actor=ttp
		stream=attack since=2024-01-01 until=2024-12-31 format=csv
		plot=p.svg out=o.csv report=r.html change-since=2024-06-01 level=0.9
		max-cells=1000000" ;;
	fit) echo "db=a.db since=2024-01-01 until=2024-12-31
		streams=attack,clash method=continuous baseline=constant
		seed=7 beta-max=2 format=json write-scenario=s.yaml
		base=afpak force report=r.html" ;;
	backtest) echo "data=events db=a.db record=afpak particles=50
		origins=2020-01..2020-06:2 horizon=3m
		quantities=events baselines=no-change runs=50 seed=7
		threads=2 crps=plain format=csv out=o.csv samples=s.csv
		report=r.html refit fit=ttp.mu refit-particles=20
		refit-iterations=2 refit-stages=1 set=ttp.mu=0.9" ;;
	import) echo "db=a.db skip-bad restream" ;;
	report) echo "output=o.html chart=ladder list-charts" ;;
	compare) echo "format=csv out=o.csv variant-a=x variant-b=y" ;;
	check | scenarios | show | version) echo "" ;;
	esac
}
COMMANDS="run hindcast calibrate sensitivity stats fit import report check
	scenarios show version filter backtest merge compare"

for c in $COMMANDS; do
	test_expect_success "$c: --help lists exactly its options, exit 0" "
		durand $c --help >out 2>err &&
		test_grep '^usage: durand $c' out && ! test -s err &&
		for o in \$(opts_of $c); do
			test_grep \"^  \\(-., \\)\\?--\${o%%=*}\\b\" out || return 1
		done &&
		n=\$(grep -c '^  \\(-., \\)\\?--' out) &&
		test \$n = \$((\$(echo \$(opts_of $c) | wc -w) + 1))
	"
	test_expect_success "$c: every option is accepted as --opt=value and --opt value" "
		for o in \$(opts_of $c); do
			durand $c --\$o --help >out 2>err &&
			test_grep '^usage: durand $c' out || return 1
			case \$o in
			*=*) durand $c --\${o%%=*} \"\${o#*=}\" --help >out 2>err &&
				test_grep '^usage: durand $c' out || return 1 ;;
			esac
		done
	"
	test_expect_success "$c: 'durand help $c' prints what --help does" "
		durand help $c >a && durand $c --help >b && test_cmp_lines b a &&
		durand $c -h >c && test_cmp_lines b c
	"
	test_expect_success "$c: an unknown option exits 2 and names the nearest" "
		test_expect_code 2 durand $c --frobnicate >out 2>err &&
		! test -s out &&
		test_grep \"^durand $c: unknown option '--frobnicate'\" err &&
		for o in \$(opts_of $c); do
			name=\${o%%=*}
			# two letters swapped: one edit from the real name
			typo=\$(echo \$name | sed 's/^\\(.\\)\\(.\\)/\\2\\1/')
			[ \$typo = \$name ] && continue
			test_expect_code 2 durand $c --\$typo 2>err &&
			test_grep \"did you mean .*'--\$name'\" err || return 1
		done
	"
	test_expect_success "$c: an option without its value is named" "
		for o in \$(opts_of $c); do
			case \$o in *=*) ;; *) continue ;; esac
			test_expect_code 2 durand $c --\${o%%=*} 2>err &&
			test_grep \"^durand $c: option '--\${o%%=*}' needs a value\$\" err ||
			return 1
		done
	"
done

test_expect_success 'a bad value names the option and what was expected' '
	test_expect_code 2 durand run --runs=many 2>err &&
	test_grep "^durand run: --runs: expected a whole number, got .many.$" err &&
	test_expect_code 2 durand hindcast --series=week 2>err &&
	test_grep "^durand hindcast: --series: expected month or year, got .week.$" err &&
	test_expect_code 2 durand stats --level=2 2>err &&
	test_grep "^durand stats: --level: expected a number from 0.5 to 0.9999, got .2.$" err &&
	test_expect_code 2 durand fit --until=2024-02-30 2>err &&
	test_grep "^durand fit: --until: expected a date as YYYY-MM-DD, got .2024-02-30." err &&
	test_expect_code 2 durand import --skip-bad=yes ucdp x.csv 2>err &&
	test_grep "^durand import: option .--skip-bad. takes no value$" err
'
test_expect_success '--opt=value and --opt value give the same result' '
	durand run --runs=60 --seed=5 --days=20 --format=json >a.json &&
	durand run --runs 60 --seed 5 --days 20 --format json >b.json &&
	cmp a.json b.json &&
	grep -q "\"runs\": 60" a.json &&
	durand import ucdp "$TEST_DATA/ucdp-ged-251.csv" --db=a.db >/dev/null &&
	durand stats --db=a.db --by=year --format=csv >a.csv &&
	durand stats --db a.db --by year --format csv >b.csv &&
	cmp a.csv b.csv && test_grep "^2024," a.csv
'
test_expect_success 'an unambiguous abbreviation works, an ambiguous one is named' '
	durand run --run=60 --seed=5 --days=20 --format=json >c.json &&
	cmp a.json c.json &&
	test_expect_code 2 durand hindcast --s 3 2>err &&
	test_grep "ambiguous option .--s. (.--seed., .--series., .--set.)" err
'
test_expect_success 'a required option is named when missing' '
	test_expect_code 2 durand calibrate 2>err &&
	test_grep "^durand calibrate: option .--fit. is required" err
'
test_expect_success 'an unknown command names the nearest, exit 2' '
	test_expect_code 2 durand hindcsat 2>err &&
	test_grep "^durand: .hindcsat. is not a command; did you mean .hindcast.?$" err &&
	test_expect_code 2 durand help hindcsat 2>err &&
	test_grep "did you mean .hindcast." err
'
test_expect_success 'durand version and --version agree' '
	durand version >a && durand --version >b && test_cmp_lines a b &&
	test_expect_code 2 durand version extra 2>err
'
test_done
