#!/usr/bin/env python3
"""Ship an IF2 ensemble in a scenario file.

    scripts/ship-ensemble.py FIT.yaml SCENARIO.yaml [FACTS]

FIT.yaml is what `durand calibrate --method if2 --out FIT.yaml` wrote.
Its `ensemble:` section replaces SCENARIO's (or is appended), and each
fitted parameter's `value:` becomes the swarm's median, its `source:`
says it was estimated and from what (FACTS: the facts' description).
The file is rewritten in place; check it with `durand check` after.
"""
import re
import statistics
import sys


def main():
    fit, scen = sys.argv[1], sys.argv[2]
    facts = sys.argv[3] if len(sys.argv) > 3 else "the record's facts to 2024"
    text = open(fit).read()
    i = text.index("\nensemble:\n")
    ens = text[i + 1:]
    names = re.search(r"params: \[([^\]]*)\]", ens).group(1).split(", ")
    sets = [[float(v) for v in m.group(1).split(", ")]
            for m in re.finditer(r"^    - \[([^\]]*)\]$", ens, re.M)]
    src = re.search(r'source: "([^"]*)"', ens).group(1)
    out = open(scen).read()
    j = out.find("\nensemble:\n")
    if j >= 0:
        out = out[:j + 1]
    for k, name in enumerate(names):
        med = statistics.median(s[k] for s in sets)
        pat = re.compile(r"^(  %s: \{value: )([^,]+)(, range: \[[^\]]*\], source: )"
                         r"(\"[^\"]*\"|[^}]*)\}" % re.escape(name), re.M)
        m = pat.search(out)
        if not m:
            sys.exit("%s: no line for %s with a range" % (scen, name))
        old = m.group(4).strip('"')
        old = re.sub(r"^estimated by IF2 [^;]*; before: ", "", old)
        new = ('%s%.4g%s"estimated by IF2 (the swarm\'s median; the ensemble: '
               'section below) from %s; before: %s"}' %
               (m.group(1), med, m.group(3), facts, old))
        out = out[:m.start()] + new + out[m.end():]
    if not out.endswith("\n"):
        out += "\n"
    out += ("\n# The parameter ensemble IF2 estimated from the record (docs/calibration.md,\n"
            "# \"The shipped ensemble\"): run i takes set i mod n.\n")
    out += ens
    open(scen, "w").write(out)


main()
