#!/bin/sh
# Keep the library's layers (docs/architecture.md): every #include line of
# src/ and include/durand/ is checked against the rules of the including
# file's layer, and the modules' include graph must have no cycle. Prints
# each breach as FILE:LINE: what and why; exits 1 if there is any.
cd "$(dirname "$0")/.." || exit 2

# The layer of module M (src/LAYER/M.c, or a header of src/LAYER/).
layer_of() {
	for l in base model data analysis present; do
		if [ -e "src/$l/$1.c" ] || [ -e "src/$l/$1.h" ]; then
			echo "$l"
			return
		fi
	done
	case "$1" in
	params) echo model ;;
	*) echo unknown ;;
	esac
}

# Layers a layer may include, and the libraries it must not reach.
allowed() {
	case "$1" in
	base) echo "base" ;;
	model) echo "base model" ;;
	data) echo "base model data" ;;
	analysis) echo "base model analysis" ;;
	present) echo "base model data analysis present" ;;
	esac
}
forbidden_lib() {
	case "$1" in
	base) echo "sqlite3.h cairo.h cairo-svg.h nlopt.h libfyaml.h" ;;
	model) echo "sqlite3.h cairo.h cairo-svg.h jansson.h nlopt.h" ;;
	data) echo "cairo.h cairo-svg.h jansson.h" ;;
	analysis) echo "sqlite3.h cairo.h cairo-svg.h" ;;
	present) echo "sqlite3.h" ;;
	esac
}
# Presentation reads results; it never runs the engine or opens a store.
forbidden_mod() {
	case "$1" in
	present) echo "sim evaluate store" ;;
	esac
}

fail=0
graph=$(mktemp) || exit 2
trap 'rm -f "$graph"' EXIT
for f in src/*/*.c src/*/*.h include/durand/*.h; do
	[ -e "$f" ] || continue
	base=$(basename "$f")
	mod=${base%.*}
	lay=$(layer_of "$mod")
	if [ "$lay" = unknown ]; then
		echo "$f:1: module '$mod' belongs to no layer (put its .c under src/LAYER/)"
		fail=1
		continue
	fi
	grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r hit; do
		line=${hit%%:*}
		inc=$(echo "$hit" | sed 's/.*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/')
		case "$inc" in
		durand/*)
			dep=$(basename "$inc")
			dep=${dep%.*}
			dl=$(layer_of "$dep")
			[ "$dep" != "$mod" ] && echo "$mod $dep" >>"$graph"
			case " $(allowed "$lay") " in
			*" $dl "*) ;;
			*) echo "$f:$line: the $lay layer must not include $inc ($dl layer)" ;;
			esac
			case " $(forbidden_mod "$lay") " in
			*" $dep "*) echo "$f:$line: the $lay layer must not include $inc" ;;
			esac
			;;
		*_int.h)
			dep=${inc%.h}
			case " $(forbidden_mod "$lay") " in
			*" ${dep%_int} "*) echo "$f:$line: the $lay layer must not include $inc" ;;
			esac
			;;
		*)
			case " $(forbidden_lib "$lay") " in
			*" $(basename "$inc") "*)
				echo "$f:$line: the $lay layer must not reach <$inc>" ;;
			esac
			;;
		esac
	done
done >"$graph.out"
if [ -s "$graph.out" ]; then
	cat "$graph.out"
	fail=1
fi
rm -f "$graph.out"
# A cycle between modules: tsort names the modules on it.
if ! sort -u "$graph" | tsort >/dev/null 2>"$graph.err"; then
	sed 's/^tsort: /check-layers: include cycle: /' "$graph.err"
	fail=1
fi
rm -f "$graph.err"
[ $fail = 0 ] && echo "check-layers: every include keeps the layers, no cycle"
exit $fail
