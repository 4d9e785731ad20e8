#!/usr/bin/env python3
"""Print the README's what-if and two-readings tables from durand's JSON.

Usage: scripts/readme-tables.py whatif RUN.json | readings AFPAK.json KABUL.json
(RUN.json from `durand run --what-if ... --format json`). The tables are the
tool's own numbers: the README quotes them with the command that made them.
"""
import json
import sys


def outcome(d, name, variant=None):
    if variant is None:
        return d["outcomes"][name]
    return d["what_if"][variant]["difference"][name]


def fmt(x, signed=False):
    s = ("%+.1f" if signed else "%.1f") % x if abs(x) < 100 else ("%+.0f" if signed else "%.0f") % x
    return s.replace("-", "\u2212")


def whatif(path):
    d = json.load(open(path))
    cols = ["attacks", "fatalities_pakistan", "fatalities_afghanistan",
            "border_clashes", "closure_days"]
    print("| what-if | attacks | killed in Pakistan | killed in Afghanistan | border clashes | crossing-days closed | P(new strike) |")
    print("|---|---|---|---|---|---|---|")
    base = [outcome(d, c)["mean"] for c in cols]
    print("| baseline (levels, mean) | " + " | ".join(fmt(b) for b in base) +
          " | %.2f |" % d["first_strike"]["p"])
    for i, w in enumerate(d["what_if"]):
        diffs = [w["difference"][c]["mean"] for c in cols]
        print("| `%s` | " % w["name"] + " | ".join(fmt(x, True) for x in diffs) +
              " | %.2f |" % w["first_strike"]["p"])


def readings(a, b):
    A, B = json.load(open(a)), json.load(open(b))
    rows = [("militant attacks", "attacks"),
            ("of which from across the border", "attacks_cross_border"),
            ("killed in Pakistan", "fatalities_pakistan"),
            ("killed in Afghanistan", "fatalities_afghanistan"),
            ("Afghan civilians killed", "fatalities_afghanistan_civilians"),
            ("strikes in Afghanistan", "strikes"),
            ("border clashes", "border_clashes"),
            ("crossing-days closed", "closure_days"),
            ("mediation rounds", "mediation_rounds")]
    print("| | Islamabad's reading (afpak) | Kabul's reading (afpak-kabul) |")
    print("|---|---|---|")
    print("| P(a new strike in Afghanistan) | %.2f | %.2f |" %
          (A["first_strike"]["p"], B["first_strike"]["p"]))
    for label, o in rows:
        x, y = A["outcomes"][o], B["outcomes"][o]
        print("| %s: median [90%%] | %g [%g, %g] | %g [%g, %g] |" %
              (label, x["q50"], x["q05"], x["q95"], y["q50"], y["q05"], y["q95"]))


if __name__ == "__main__":
    if sys.argv[1] == "whatif":
        whatif(sys.argv[2])
    else:
        readings(sys.argv[2], sys.argv[3])
