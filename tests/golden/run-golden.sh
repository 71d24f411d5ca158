#!/usr/bin/env bash
# Renders tests/golden/data with `kiosk render` (headless) and compares every PNG with the
# committed one in tests/golden/expected. To accept a deliberate change of the picture, run
#   KIOSK_GOLDEN_UPDATE=1 ctest -R golden
# then look at every changed PNG before committing it.
# With KIOSK_GOLDEN_RENDERER set (opengles2: the Raspberry Pi's renderer, here on Mesa's
# llvmpipe), the frames are drawn through that renderer instead and compared with the software
# renderer's goldens; KIOSK_GOLDEN_COMPARE holds compare_png's tolerance options for it. Goldens
# are only ever written from the software renderer.
set -u
kiosk=$1 compare=$2 src=$3 out=$4
rm -rf "$out"
renderer=()
[ -n "${KIOSK_GOLDEN_RENDERER:-}" ] && renderer=(--renderer "$KIOSK_GOLDEN_RENDERER")
read -r -a tolerance <<<"${KIOSK_GOLDEN_COMPARE:-}"
if [ ${#renderer[@]} -gt 0 ] && [ "${KIOSK_GOLDEN_UPDATE:-0}" = 1 ]; then
    echo "goldens are written from the software renderer only: unset KIOSK_GOLDEN_RENDERER"
    exit 1
fi
mkdir -p "$out"
# Clocks show a fixed moment in a fixed zone, so the pictures do not depend on when or where
# the test runs.
export TZ=UTC
at='2027-03-12 18:30'
"$kiosk" render "${renderer[@]}" "$src/data" --out "$out" --transition-at 0.5 --time "$at" >/dev/null || {
    echo "kiosk render failed"
    exit 1
}
# The text slide in the playlist's other languages: Arabic, and English (left to right).
for lang in ar en; do
    "$kiosk" render "${renderer[@]}" "$src/data" --out "$out/$lang" --lang "$lang" --time "$at" >/dev/null || {
        echo "kiosk render --lang $lang failed"
        exit 1
    }
    cp "$out/$lang/06-text.png" "$out/06-text.$lang.png"
done

passed=0 failed=0
if [ "${KIOSK_GOLDEN_UPDATE:-0}" = 1 ]; then
    mkdir -p "$src/expected"
    rm -f "$src/expected"/*.png
    cp "$out"/*.png "$src/expected/"
    echo "updated $(find "$src/expected" -name '*.png' | wc -l) golden images; look at them before committing"
fi
for expected in "$src"/expected/*.png; do
    name=$(basename "$expected")
    if [ ! -f "$out/$name" ]; then
        echo "$name: not rendered"
        failed=$((failed + 1))
        continue
    fi
    if "$compare" "$expected" "$out/$name" "${tolerance[@]}" --diff "$out/diff-$name"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
for actual in "$out"/[0-9]*.png; do
    [ -f "$src/expected/$(basename "$actual")" ] || {
        echo "$(basename "$actual"): rendered but has no golden image"
        failed=$((failed + 1))
    }
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
