#!/bin/sh
# What an analyst reads (issue 16): the answer first, the ladder above the
# start, what-ifs on the ladder with paired intervals, --prob, --samples,
# --set and provenance, and the small things.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || test_skip_all "python3 is needed to read JSON"

test_expect_success 'setup: a run with two what-ifs, in text, JSON and HTML' '
	durand run --runs 800 --days 40 --seed 3 --threads 2 \
		--what-if kabul_cracks_down --what-if crossings_open \
		--format json --report r.html >r.json &&
	durand run --runs 800 --days 40 --seed 3 --threads 2 \
		--what-if kabul_cracks_down --what-if crossings_open >r.txt
'

cat >headline.py <<'PY'
import json, math, sys

d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read().split("\n")
h = d["headline"]
n = d["runs"]
s = h["new_strike"]
k = round(s["p"] * n)
assert abs(k - s["p"] * n) < 1e-6 * n, s
assert s["p"] == d["first_strike"]["p"], (s, d["first_strike"])
# Wilson's score interval, 95%
z = 1.959963984540054
p = k / n
c = (p + z * z / (2 * n)) / (1 + z * z / n)
w = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
for got, want in ((s["lo"], max(0, c - w)), (s["hi"], min(1, c + w))):
    assert abs(got - want) < 1e-5, (got, want)
assert s["interval"] == "Wilson 95%"
f = h["fatalities_pakistan"]
assert f == {k2: d["outcomes"]["fatalities_pakistan"][k2]
             for k2 in ("q50", "q05", "q95")}, f
def grp(v):
    return f"{int(v):,}"
want = (f"As of {d['start']}, a new Pakistani strike in Afghanistan within "
        f"{d['days']} days: {100 * p:.1f}% [{100 * s['lo']:.1f}%, "
        f"{100 * s['hi']:.1f}%]; Pakistani deaths: median {grp(f['q50'])} "
        f"(90% of runs {grp(f['q05'])}\u2013{grp(f['q95'])}); trade lost: ")
assert text[0].startswith(want), (text[0], want)
assert h["text"] == text[0], (h["text"], text[0])
assert "million" in text[0] or "billion" in text[0], text[0]
# each what-if's headline follows, as "With 'NAME': a new ..."
for i, w in enumerate(d["what_if"]):
    assert text[1 + i] == ("With '%s': " % w["name"]) + \
        w["headline"]["text"].split(", ", 1)[1], text[1 + i]
print("ok")
PY

test_expect_success 'the text opens with the answer, the JSON carries it' '
	python3 headline.py r.json r.txt
'
test_expect_success 'the report opens with the same sentence' '
	python3 -c "import json,html,sys; print(html.escape(json.load(open(\"r.json\"))[\"headline\"][\"text\"], quote=False))" >want &&
	grep -o "<p class=\"answer\">[^<]*" r.html | sed "s/^<p class=\"answer\">//" >got &&
	grep -F -q "$(cat want)" got
'

cat >ladder.py <<'PY'
import json, re, sys

d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
block = text.split("Pakistan's ladder:")[1].split("First strike in")[0]
esc = d["escalation"]
low = 0
while low < len(esc) and esc[low]["p_start"] == 1:
    low += 1
listed = [int(m) for m in re.findall(r"^ +(\d+) \w+ +\d", block, re.M)]
assert listed == list(range(low, len(esc))), (listed, low)
if low:
    assert "every run starts" in block or "where every run starts" in block
for e in esc[low:]:
    pct = "%.1f%% [%.1f%%, %.1f%%]" % (100 * e["p_reach"], 100 * e["lo"],
                                        100 * e["hi"])
    assert pct in block, (pct, block)
assert "rung 3 'strikes': the ladder stood there" in block, block
assert "'first strike in Afghanistan' (below)" in block, block
assert "'\u2265 3 strikes' line" in block, block
print("ok")
PY

test_expect_success 'the key figures: a percentage with its interval, ranges, money in words' '
	python3 - r.json r.html <<-PY
	import json, re, sys
	d = json.load(open(sys.argv[1])); h = open(sys.argv[2]).read()
	key = h.split("<div class=\"key\">")[1].split("</section>")[0]
	fs = d["first_strike"]
	want = "<span class=\"v\">%.1f%%</span><span class=\"l\">chance of a first strike within the horizon; 95%% interval %.1f%%\u2013%.1f%%" % (100 * fs["p"], 100 * fs["lo"], 100 * fs["hi"])
	assert want in key, (want, key[:400])
	o = d["outcomes"]["fatalities_pakistan"]
	assert "Pakistani deaths, median; 90% of runs {:,}\u2013{:,}".format(round(o["q05"]), round(o["q95"])) in key, key
	t = d["outcomes"]["trade_lost_usd"]
	assert "<span class=\"v\">US$%.0f million</span><span class=\"l\">trade lost, median; 90%% of runs" % (t["q50"] / 1e6) in key, key
	for k in ("q50",):
	    assert "data-k=\".outcomes.trade_lost_usd.%s\"" % k in key
	assert "data-k=\".first_strike.p\"" in key
	PY
'
test_expect_success 'the ladder lists rungs above the start, and says what each strike figure is' '
	python3 ladder.py r.json r.txt
'
test_expect_success 'a run from the scenario own state starts at rung 0: every rung is listed' '
	durand run afpak-2021 --runs 300 --days 30 --threads 2 --format json >s0.json &&
	durand run afpak-2021 --runs 300 --days 30 --threads 2 >s0.txt &&
	python3 ladder.py s0.json s0.txt
'

cat >paired.py <<'PY'
import json, math, sys

d = json.load(open(sys.argv[1]))
n = d["runs"]
z = 1.959963984540054
def check(c, pb, pw):
    up, down = c["runs_up"], c["runs_down"]
    # the change is exactly the difference of the two shares
    assert abs(c["change"] - (pw - pb)) < 1e-9 + 1e-5 * abs(c["change"]), (c, pb, pw)
    assert abs((up - down) / n - c["change"]) < 1e-6, c
    m = (up - down) / n
    var = ((up + down) - n * m * m) / (n - 1)
    se = math.sqrt(max(var, 0) / n)
    assert abs(c["lo"] - (m - z * se)) < 1e-5 and abs(c["hi"] - (m + z * se)) < 1e-5, (c, se)
    if up == down == 0:
        assert c["lo"] == c["hi"] == 0
for w in d["what_if"]:
    ch = w["change"]
    check(ch["first_strike"], d["first_strike"]["p"], w["first_strike"]["p"])
    for cb, eb, ew in zip(ch["escalation"], d["escalation"], w["escalation"]):
        assert cb["rung"] == eb["rung"] == ew["rung"]
        check(cb, eb["p_reach"], ew["p_reach"])
# a what-if that changes something changes some run's first strike
assert any(w["change"]["first_strike"]["runs_up"] + w["change"]["first_strike"]["runs_down"] > 0
           for w in d["what_if"])
print("ok")
PY

test_expect_success 'what-ifs: the change to each rung and to a first strike, from paired runs' '
	python3 paired.py r.json &&
	test_grep "^Change in the chance of each rung" r.txt &&
	test_grep "^  first strike in Afghanistan " r.txt
'
test_expect_success 'several what-ifs: one table side by side' '
	test_grep "^What-ifs side by side" r.txt &&
	test_grep "^baseline " r.txt &&
	test_grep "^kabul_cracks_down " r.txt &&
	test_grep "^crossings_open " r.txt
'

cat >units.py <<'PY'
import html, json, re, sys

d = json.load(open(sys.argv[1]))
page = open(sys.argv[2], encoding="utf-8").read()
t = d["outcome_table"]
# one table of outcomes: every outcome in it, with label, unit and kind
assert list(t) == list(d["outcomes"]), (list(t), list(d["outcomes"]))
want = {"trade_lost_usd": ("US$", "money"),
        "trade_lost_usd.torkham": ("US$", "money"),
        "closure_days": ("crossing-days", "duration"),
        "closure_days.torkham": ("days", "duration"),
        "ceasefire_days": ("days", "duration"),
        "returns": ("people", "count"),
        "fatalities_pakistan": ("people", "count"),
        "attacks": ("events", "count"),
        "mediation_rounds.qatar": ("events", "count"),
        "max_rung": ("rung", "rung")}
for k, (u, kind) in want.items():
    assert (t[k]["unit"], t[k]["kind"]) == (u, kind), (k, t[k])
for k, e in t.items():
    assert e["label"] and "_" not in e["label"], (k, e)
assert t["mediation_rounds.qatar"]["label"] == "rounds mediated by Qatar"

# the report's outcome table: its unit column is the table's
rows = re.findall(r'<tr><td title="([^"]*)">([^<]*)</td><td>([^<]*)</td>',
                  page)
seen = {}
for key, label, unit in rows:
    key = html.unescape(key)
    if key in t:
        assert html.unescape(unit) == t[key]["unit"], (key, unit)
        assert html.unescape(label) == t[key]["label"], (key, label)
        seen[key] = 1
for k in ("trade_lost_usd", "closure_days", "max_rung",
          "closure_days.torkham", "trade_lost_usd.chaman"):
    assert k in seen, k

# the what-if charts: one per outcome group, a series per what-if, the
# axis in the group's unit, never a share of the baseline mean
names = [w["name"] for w in d["what_if"]]
figs = re.findall(r'<figure class="chart" id="fig-([^"]*)" '
                  r'data-chart="[^"]*" data-series="(\d+)"'
                  r'(?: data-xlabel="([^"]*)")?', page)
wi = {f: (int(n), html.unescape(x)) for f, n, x in figs
      if f.startswith("what-if-")}
assert "of the baseline mean" not in page
groups = {"killed": "people", "violence": "events", "days": "days",
          "trade": "US$"}
for g, unit in groups.items():
    assert "what-if-" + g in wi, (g, list(wi))
    n, x = wi["what-if-" + g]
    assert n == len(names), (g, n)
    assert x.endswith("(" + unit + ")"), (g, x)
    # the group holds only outcomes of its unit
    units = {e["unit"] for e in t.values() if e["group"] == g}
    assert all(unit in u for u in units), (g, units)
assert wi["what-if-ladder"] == (len(names),
                                "change in the share of runs "
                                "(percentage points)"), wi["what-if-ladder"]
# one row per what-if in the side-by-side table, each change tagged
for i, n in enumerate(names):
    assert ('data-k=".what_if[%d].difference.attacks.mean"' % i) in page
    assert ('data-k=".what_if[%d].change.first_strike.change"' % i) in page
print("ok")
PY

test_expect_success 'one table of outcomes: label, unit and kind in JSON and report' '
	python3 units.py r.json r.html
'
test_expect_success 'report: what-if charts per outcome group, in its units, a series per what-if' '
	grep -o "data-chart=\"what-if-[a-z]*\"" r.html >charts &&
	test_grep "what-if-killed" charts &&
	test_grep "what-if-trade" charts &&
	! test_grep "what-if-1" charts
'
test_expect_success 'text: the differences by label, with their unit' '
	test_grep "^  trade lost (US\\$) *US\\$ " r.txt &&
	test_grep "^  crossing-days closed *crossing-days " r.txt &&
	! grep "^  fatalities_pakistan " r.txt
'
test_expect_success 'CSV: each row carries the outcome label, unit and kind' '
	durand run --runs 100 --days 20 --seed 3 --what-if crossings_open \
		--format csv >r.csv &&
	test "$(head -n 1 r.csv)" = "variant,outcome,mean,se,q05,q25,q50,q75,q95,lo,hi,label,unit,kind" &&
	test_grep "^baseline,trade_lost_usd,.*,trade lost (US\\$),US\\$,money$" r.csv &&
	test_grep "^crossings_open:difference,closure_days\\.torkham,.*,days torkham closed,days,duration$" r.csv
'

test_expect_success '--prob and --samples: setup' '
	durand run --runs 400 --days 30 --seed 5 --threads 2 \
		--what-if crossings_open \
		--prob "fatalities_pakistan>150" --prob "strikes>=1" \
		--prob "closure_days<100" --prob "border_clashes<=3" \
		--samples s2.csv --format json >p.json &&
	durand run --runs 400 --days 30 --seed 5 --threads 1 \
		--what-if crossings_open \
		--prob "fatalities_pakistan>150" --prob "strikes>=1" \
		--prob "closure_days<100" --prob "border_clashes<=3" \
		--samples s1.csv >p.txt
'
test_expect_success '--samples: the same bytes for any thread count, every run, variant and outcome' '
	cmp s1.csv s2.csv &&
	test "$(head -n 1 s1.csv)" = "run,variant,outcome,value" &&
	nout=$(python3 -c "import json; print(len(json.load(open(\"p.json\"))[\"outcomes\"]))") &&
	test $(wc -l <s1.csv) -eq $((1 + 400 * 2 * nout))
'

cat >probs.py <<'PY'
import csv, json, operator, sys

d = json.load(open(sys.argv[1]))
text = open(sys.argv[3], encoding="utf-8").read()
val = {}
for r in csv.DictReader(open(sys.argv[2])):
    val[(int(r["run"]), r["variant"], r["outcome"])] = int(r["value"])
n = d["runs"]
ops = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
# the samples are the outcomes the summaries were made from
for o, st in d["outcomes"].items():
    xs = [val[(i, "baseline", o)] for i in range(n)]
    assert abs(sum(xs) / n - st["mean"]) <= 1e-5 * max(1, abs(st["mean"])), o
w = d["what_if"][0]
for pb, pw, pc in zip(d["probabilities"], w["probabilities"],
                      w["probabilities_change"]):
    f = ops[pb["op"]]
    yb = [f(val[(i, "baseline", pb["outcome"])], pb["value"]) for i in range(n)]
    yw = [f(val[(i, w["name"], pb["outcome"])], pb["value"]) for i in range(n)]
    assert round(pb["p"] * n) == sum(yb), (pb, sum(yb))
    assert round(pw["p"] * n) == sum(yw), (pw, sum(yw))
    up = sum(1 for a, b in zip(yb, yw) if b and not a)
    down = sum(1 for a, b in zip(yb, yw) if a and not b)
    assert (pc["runs_up"], pc["runs_down"]) == (up, down), (pc, up, down)
    line = "  %-34s %.1f%% [%.1f%%, %.1f%%]" % (pb["threshold"], 100 * pb["p"],
                                              100 * pb["lo"], 100 * pb["hi"])
    assert line in text, line
assert [p["threshold"] for p in d["probabilities"]] == [
    "fatalities_pakistan>150", "strikes>=1", "closure_days<100",
    "border_clashes<=3"]
assert 0 < d["probabilities"][0]["p"] < 1
print("ok")
PY

test_expect_success '--prob: the share of runs past each threshold, as counted from the samples' '
	python3 probs.py p.json s1.csv p.txt &&
	test_grep "^Thresholds: share of runs" p.txt
'
test_expect_success '--prob: a bad threshold is bad usage naming the option, nothing written' '
	test_expect_code 2 durand run --runs 10 --prob "nosuch>1" --samples x.csv >out 2>err &&
	test_grep "^durand run: --prob .nosuch>1.: no outcome .nosuch." err &&
	test_expect_code 2 durand run --runs 10 --prob "strikes=1" 2>err &&
	test_grep "expected OUTCOME>X" err &&
	test_expect_code 2 durand run --runs 10 --prob "strikes>=x" 2>err &&
	test_grep "expected a number" err &&
	! test -e x.csv && ! test -s out
'
test_expect_success '--samples: an unwritable file fails the run, the summary is not written either' '
	test_must_fail durand run --runs 10 --samples nodir/x.csv --out o.txt 2>err &&
	test_grep "nodir/x.csv" err &&
	! test -e o.txt
'

# ttp.mu is drawn from the shipped ensemble: the file edited by hand sets
# it under overrides: (docs/scenario.md), as --set does.
test_expect_success '--set: the same numbers as the scenario file edited by hand' '
	durand show afpak >a.yaml &&
	{ cat a.yaml && printf "overrides:\n  ttp.mu: 0.9\n"; } >b.yaml &&
	! cmp -s a.yaml b.yaml &&
	durand run a.yaml --runs 300 --days 30 --threads 2 --set ttp.mu=0.9 --format json >set.json &&
	durand run b.yaml --runs 300 --days 30 --threads 2 --format json >hand.json &&
	durand run a.yaml --runs 300 --days 30 --threads 2 --format json >base.json &&
	python3 - <<-PY
	import json
	s, h, b = (json.load(open(f)) for f in ("set.json", "hand.json", "base.json"))
	assert s["outcomes"] == h["outcomes"], "--set differs from the edited file"
	assert s["outcomes"]["attacks"] != b["outcomes"]["attacks"]
	PY
'
test_expect_success 'provenance: scenario, file, SHA-256, the changes, the version' '
	python3 - <<-PY
	import hashlib, json
	s, b = json.load(open("set.json")), json.load(open("base.json"))
	p = s["provenance"]
	assert p["scenario"] == "afpak" and p["file"] == "a.yaml" and not p["built_in"], p
	assert p["sha256"] == hashlib.sha256(open("a.yaml", "rb").read()).hexdigest(), p
	import re
	mu = float(re.search(r"^  ttp.mu: \{value: ([0-9.]+),", open("a.yaml").read(), re.M).group(1))
	assert p["changed"] == [{"path": "ttp.mu", "base": mu, "value": 0.9}], p
	assert p["durand"] == s["durand"]
	assert b["provenance"]["changed"] == []
	PY
	durand run --runs 20 --days 5 --format json >bi.json &&
	python3 -c "import json; p = json.load(open(\"bi.json\"))[\"provenance\"]; assert p[\"built_in\"] and p[\"file\"] is None and len(p[\"sha256\"]) == 64, p"
'
test_expect_success '--set: a bad path, value or limit is bad usage naming --set' '
	test_expect_code 2 durand run --runs 10 --set ttp.mux=1 >out 2>err &&
	test_grep "^durand run: --set .ttp.mux=1.: no parameter .ttp.mux.*did you mean .ttp.mu." err &&
	! test -s out &&
	test_expect_code 2 durand run --runs 10 --set ttp.mu=abc 2>err &&
	test_grep "^durand run: --set .ttp.mu=abc.: expected a number" err &&
	test_expect_code 2 durand run --runs 10 --set ttp.mu=-1 2>err &&
	test_grep "^durand run: --set .ttp.mu=-1.: ttp.mu must be in \[0, " err &&
	test_expect_code 2 durand run --runs 10 --set ttp.mu 2>err &&
	test_grep "expected PATH=VALUE" err &&
	test_expect_code 2 durand run --runs 10 --set attack.alpha_self=0.2 2>err &&
	test_grep "^durand run: --set: .*branching ratio" err
'
test_expect_success '--set on hindcast, sensitivity and filter: in their provenance' '
	durand hindcast --runs 20 --threads 2 --set ttp.mu=0.9 --format json >h.json &&
	durand sensitivity --runs 4 --trajectories 2 --params ttp.noise --threads 2 \
		--set ttp.mu=0.9 --format json >sa.json &&
	durand filter --particles 50 --threads 2 --set ttp.mu=0.9 --format json >f.json &&
	for f in h.json sa.json f.json; do
		python3 -c "import json,sys; p = json.load(open(sys.argv[1]))[\"provenance\"]; assert p[\"changed\"][0][\"path\"] == \"ttp.mu\" and p[\"changed\"][0][\"value\"] == 0.9, p" $f || return 1
	done &&
	test_expect_code 2 durand hindcast --set nope=1 2>err &&
	test_grep "^durand hindcast: --set" err &&
	test_expect_code 2 durand filter --set nope=1 2>err &&
	test_grep "^durand filter: --set" err &&
	test_expect_code 2 durand sensitivity --set nope=1 2>err &&
	test_grep "^durand sensitivity: --set" err
'
test_expect_success '--set on calibrate: the written scenario carries the change' '
	durand calibrate --fit ttp.noise --runs 5 --max-evals 2 --threads 2 \
		--set ttp.mu=0.9 --out c.yaml >/dev/null 2>&1 &&
	grep -q "ttp.mu: {value: 0.9, .*source: \"--set on the command line\"" c.yaml &&
	durand check c.yaml &&
	test_expect_code 2 durand calibrate --fit ttp.noise --set nope=1 2>err &&
	test_grep "^durand calibrate: --set" err
'

test_expect_success 'no "-0" in text: a difference that rounds to zero has no sign' '
	! grep -E "(^|[^0-9.])-0(\.0+)?([^0-9.]|$)" r.txt &&
	! grep -E "(^|[^0-9.])-0(\.0+)?([^0-9.]|$)" p.txt &&
	durand sensitivity --method sobol --samples 8 --runs 3 --days 10 \
		--params ttp.mu,ttp.noise --threads 2 >sob.txt &&
	test_grep "^  ttp.mu  *[0-9]\.[0-9][0-9][0-9] \[[ 0-9.-]\{5\},[ 0-9.-]\{5\}\]" sob.txt &&
	! grep -E "(^|[^0-9.])-0(\.0+)?([^0-9.]|$)" sob.txt
'
test_expect_success 'the progress bar is for a terminal only' '
	durand run --runs 3000 --days 60 --threads 2 >/dev/null 2>err &&
	! test -s err
'
test_expect_success 'durand help points to the man page, installed and in the tree' '
	durand help >h.txt &&
	test_grep "man durand" h.txt &&
	test_grep "man ./docs/durand.1" h.txt
'
test_expect_success 'fit says "1 stream", not "1 streams"' '
	# 40 TTP attacks spread over 2023: enough for a fit of one stream
	awk "BEGIN { print \"id,date_start,date_end,date_prec,side_a,side_b,dyad_name,type_of_violence,country,best,low,high,active_year\"; for (i = 0; i < 40; i++) { d = 1 + (i * 9) % 28; m = 1 + int(i * 9 / 28) % 12; printf \"%d,2023-%02d-%02d,2023-%02d-%02d,1,Government of Pakistan,TTP,Government of Pakistan - TTP,1,Pakistan,%d,0,9,true\\n\", 1000000 + i, m, d, m, d, i % 5 } }" >ev.csv &&
	durand import ucdp ev.csv --db g.db >/dev/null &&
	durand fit --db g.db --streams attack >fit.txt &&
	test_grep "^daily Hawkes fit, 1 stream, " fit.txt
'

test_expect_success 'shards: thresholds, paired counts, start rungs and provenance merge to the same bytes' '
	set -- --runs 301 --days 20 --seed 4 --threads 2 --what-if crossings_open \
		--prob "fatalities_pakistan>100" --prob "strikes>=1" --set ttp.mu=0.9 &&
	durand run "$@" --format json >whole.json &&
	durand run "$@" >whole.txt &&
	for k in 1 2 3; do
		durand run "$@" --shard $k/3 --out part$k.dsum || return 1
	done &&
	durand merge part3.dsum part1.dsum part2.dsum --format json >merged.json &&
	durand merge part1.dsum part2.dsum part3.dsum >merged.txt &&
	cmp whole.json merged.json && cmp whole.txt merged.txt &&
	test_grep "\"threshold\": \"strikes>=1\"" merged.json &&
	test_grep "\"path\": \"ttp.mu\"" merged.json
'
test_expect_success 'shards of other thresholds are not merged; --samples is one process only' '
	durand run --runs 20 --days 5 --prob "strikes>=1" --shard 1/2 --out q1.dsum &&
	durand run --runs 20 --days 5 --prob "strikes>=2" --shard 2/2 --out q2.dsum &&
	test_expect_code 2 durand merge q1.dsum q2.dsum 2>err &&
	test_grep "thresholds" err &&
	test_expect_code 2 durand run --runs 20 --samples s.csv --shard 1/2 --out x.dsum 2>err &&
	test_grep "^durand run: --samples needs every run in one process" err
'
test_expect_success 'the what-if report names outcomes by their labels, the name on hover' '
	durand run --runs 50 --days 20 --what-if all_measures --report wl.html >/dev/null &&
	test_grep "<td title=\"fatalities_pakistan_military\">killed in Pakistan: soldiers</td>" wl.html &&
	test_grep "<td title=\"attacks\">militant attacks</td>" wl.html &&
	! grep -q "<td><code>fatalities_" wl.html
'
test_done
