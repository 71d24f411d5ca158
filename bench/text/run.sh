#!/bin/sh
# Builds and runs the text benchmark (kiosk engine vs Pango on bench/text/corpus.txt).
# Usage: bench/text/run.sh [BUILD_DIR] [ITERATIONS]; BUILD_DIR defaults to build/.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target bench_text -j2 >/dev/null
exe=$(find "$build" -name bench_text -type f -perm -u+x | head -n 1)
exec "$exe" "${KIOSK_FONTS_DIR:-$root/fonts}" "$here/corpus.txt" "${2:-200}"
