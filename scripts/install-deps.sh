#!/bin/sh
# Install the Debian packages durand needs to build and test, if missing.
# Usage: scripts/install-deps.sh [--test] [--mpi] [--chromium] [--fuzz] [--coverage]
set -e
pkgs="build-essential pkg-config libfyaml-dev libsqlite3-dev libcsv-dev \
libgsl-dev libnlopt-dev librandom123-dev libcairo2-dev libjansson-dev \
libcmocka-dev libssl-dev"
for a in "$@"; do
	case "$a" in
	--test) pkgs="$pkgs libxml2-utils jq valgrind sqlite3" ;;
	--mpi) pkgs="$pkgs libopenmpi-dev openmpi-bin" ;;
	--chromium) pkgs="$pkgs chromium" ;;
	--fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
	--coverage) pkgs="$pkgs lcov" ;;
	*) echo "install-deps: unknown option '$a'" >&2; exit 2 ;;
	esac
done
missing=""
for p in $pkgs; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
