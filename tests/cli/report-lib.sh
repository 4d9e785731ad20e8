# report-lib.sh: checks of HTML reports and SVG charts, shared by the CLI
# tests of `durand report` and of the commands that take --report. Source
# it after lib.sh. Needs jq and xmllint (scripts/install-deps.sh --test).

# report_svgs HTML DIR: write each inline <svg> of HTML to DIR/N.svg, in
# page order, and print their count. Each chart's root tag opens a line
# and "</svg>" closes one (chart.c writes them so).
report_svgs() {
	mkdir -p "$2" &&
	awk -v dir="$2" '
		/^<svg/ { n++; f = dir "/" n ".svg" }
		f { print > f }
		/^<\/svg>/ { close(f); f = "" }
		END { print n + 0 }' "$1"
}

# check_svgs DIR: every SVG in DIR is well-formed XML, and draws each of
# the series its metadata lists with at least one point.
check_svgs() {
	for f in "$1"/*.svg; do
		xmllint --noout "$f" || return 1
		n=$(xmllint --xpath "count(//*[local-name()='series'])" "$f") &&
		empty=$(xmllint --xpath \
			"count(//*[local-name()='series'][@points='0'])" "$f") ||
			return 1
		if [ "$n" -lt 1 ] || [ "$empty" -ne 0 ]; then
			echo "check_svgs: $f: $n series, $empty of them empty" >&2
			return 1
		fi
	done
}

# svg_series FILE: the series of one SVG chart, "name<TAB>mark<TAB>points".
svg_series() {
	xmllint --xpath "//*[local-name()='series']" "$1" |
	sed 's|/>|&\n|g' |
	sed -n 's|.*name="\([^"]*\)" mark="\([^"]*\)" points="\([0-9]*\)".*|\1\t\2\t\3|p'
}

# check_no_network HTML: the page fetches nothing: no script, link, image,
# frame, import or URL other than the SVG and XLink namespace names.
check_no_network() {
	if grep -n -i -E '<script|<link|<img|<iframe|<object|@import|src=' "$1"; then
		echo "check_no_network: $1 loads something" >&2
		return 1
	fi
	if grep -o -E '(https?|ftp)://[^" )]*' "$1" |
	   grep -v -E '^http://www\.w3\.org/(2000/svg|1999/xlink)$'; then
		echo "check_no_network: $1 names a URL" >&2
		return 1
	fi
}

# check_numbers HTML JSON [MIN]: every tagged number of the page
# (data-k="<jq path>" data-v="<value>">text<) equals the JSON's member at
# that path, and its text is data-v rounded by the report's rule
# (report.h). At least MIN numbers (default 1) must be tagged.
check_numbers() {
	grep -o 'data-k="[^"]*" data-v="[^"]*">[^<]*<' "$1" |
	sed 's/^data-k="\([^"]*\)" data-v="\([^"]*\)">\([^<]*\)<$/\1\t\2\t\3/' |
	sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' \
		>"$TRASH/.nums" || return 1
	n=$(wc -l <"$TRASH/.nums")
	if [ "$n" -lt "${3:-1}" ]; then
		echo "check_numbers: only $n tagged numbers in $1" >&2
		return 1
	fi
	[ "$n" -eq 0 ] && return 0
	# the page against the JSON: one jq program over all paths
	awk -F '\t' 'BEGIN { print "[" }
		{ printf "%s{line: %d, v: %s, got: (%s)}\n", (NR > 1 ? "," : ""),
			NR, $2, $1 }
		END { print "] | map(select(.got != .v))" }' "$TRASH/.nums" \
		>"$TRASH/.jq" &&
	bad=$(jq -c -f "$TRASH/.jq" "$2") || return 1
	if [ "$bad" != "[]" ]; then
		echo "check_numbers: page and JSON differ: $bad" >&2
		echo "(line: of the path, value and text list below)" >&2
		head -n 20 "$TRASH/.nums" >&2
		return 1
	fi
	# the text against the value, by the display rule
	awk -F '\t' '
		function fmt(v,   a, d, s, neg, ip, rest, out, k) {
			a = v < 0 ? -v : v
			if (v == int(v) && a < 1e15) d = 0
			else if (a >= 1000) d = 0
			else if (a >= 10) d = 1
			else if (a >= 1) d = 2
			else d = 3
			s = sprintf("%." d "f", v)
			neg = substr(s, 1, 1) == "-"
			if (neg) s = substr(s, 2)
			k = index(s, ".")
			ip = k ? substr(s, 1, k - 1) : s
			rest = k ? substr(s, k) : ""
			out = ""
			while (length(ip) > 3) {
				out = "," substr(ip, length(ip) - 2) out
				ip = substr(ip, 1, length(ip) - 3)
			}
			return (neg ? "-" : "") ip out rest
		}
		fmt($2 + 0) != $3 { print "check_numbers: " $1 " = " $2 \
			" shown as \"" $3 "\", want \"" fmt($2 + 0) "\""; bad = 1 }
		END { exit bad }' "$TRASH/.nums" >&2
}
