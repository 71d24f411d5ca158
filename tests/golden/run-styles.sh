#!/usr/bin/env bash
# Renders tests/golden/styles (named styles, a brand font with Hebrew fallback, hugging rounded
# panels, image blocks in contain and cover, words kept together, a styled button) in Hebrew and
# English with `kiosk render` (headless) and compares every PNG with tests/golden/expected-styles.
# The brand font is a bundled Noto face copied under another family name: enough to test the
# family lookup and the fallback to Noto Sans Hebrew, without a second font file in the tree.
# To accept a deliberate change of the picture, run
#   KIOSK_GOLDEN_UPDATE=1 ctest -R golden.styles
# then look at every changed PNG before committing it.
# With KIOSK_GOLDEN_RENDERER set (opengles2: the Raspberry Pi's renderer, here on Mesa's
# llvmpipe), the frames are drawn through that renderer instead and compared with the software
# renderer's goldens; KIOSK_GOLDEN_COMPARE holds compare_png's tolerance options for it. Goldens
# are only ever written from the software renderer.
set -u
kiosk=$1 compare=$2 src=$3 fonts=$4 out=$5
rm -rf "$out"
renderer=()
[ -n "${KIOSK_GOLDEN_RENDERER:-}" ] && renderer=(--renderer "$KIOSK_GOLDEN_RENDERER")
read -r -a tolerance <<<"${KIOSK_GOLDEN_COMPARE:-}"
if [ ${#renderer[@]} -gt 0 ] && [ "${KIOSK_GOLDEN_UPDATE:-0}" = 1 ]; then
    echo "goldens are written from the software renderer only: unset KIOSK_GOLDEN_RENDERER"
    exit 1
fi
mkdir -p "$out/playlist/fonts"
cp -r "$src/styles/." "$out/playlist/"
cp "$fonts/NotoSans-Bold.ttf" "$out/playlist/fonts/brand.ttf"
export TZ=UTC
"$kiosk" check "$out/playlist" >"$out/check.txt" 2>&1 || {
    echo "kiosk check failed:"
    cat "$out/check.txt"
    exit 1
}
for lang in he en; do
    "$kiosk" render "${renderer[@]}" "$out/playlist" --out "$out/$lang" --lang "$lang" >/dev/null || {
        echo "kiosk render --lang $lang failed"
        exit 1
    }
    for png in "$out/$lang"/*.png; do
        name=$(basename "$png" .png)
        cp "$png" "$out/$name.$lang.png"
    done
done

expected_dir="$src/expected-styles"
if [ "${KIOSK_GOLDEN_UPDATE:-0}" = 1 ]; then
    mkdir -p "$expected_dir"
    rm -f "$expected_dir"/*.png
    cp "$out"/*.png "$expected_dir/"
    echo "updated $(find "$expected_dir" -name '*.png' | wc -l) golden images; look at them before committing"
fi
passed=0 failed=0
for expected in "$expected_dir"/*.png; do
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
for actual in "$out"/*.png; do
    case $(basename "$actual") in diff-*) continue ;; esac
    [ -f "$expected_dir/$(basename "$actual")" ] || {
        echo "$(basename "$actual"): rendered but has no golden image"
        failed=$((failed + 1))
    }
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
