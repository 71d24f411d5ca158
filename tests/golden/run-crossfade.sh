#!/usr/bin/env bash
# A crossfade between two still pictures is the outgoing one under the incoming one at the
# transition's opacity, pixel for pixel: rendered at a quarter of the way, a red-brown picture
# fading to a blue one must show 3/4 of the first and 1/4 of the second. The software renderer
# blends such pairs itself (compositor.c, crossfade_pictures); a swapped or wrong weight, a lost
# colour channel or the alpha of the wrong slide shows here. Needs ImageMagick's convert.
# With KIOSK_GOLDEN_RENDERER set (opengles2), the frame is drawn through that renderer: the GPU's
# blend of the two pictures must give the same pixels.
set -u
kiosk=$1 out=$2
rm -rf "$out"
renderer=()
[ -n "${KIOSK_GOLDEN_RENDERER:-}" ] && renderer=(--renderer "$KIOSK_GOLDEN_RENDERER")
mkdir -p "$out/show" "$out/frames"
# Larger than the output, so they are filtered down like photos are (and kept opaque).
if ! convert -size 320x180 'xc:rgb(200,40,0)' "$out/show/a.png" ||
    ! convert -size 320x180 'xc:rgb(0,80,240)' "$out/show/b.png"; then
    echo "convert failed"
    exit 1
fi
cat >"$out/show/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "crossfade blend",
  "screen": {"width": 160, "height": 90},
  "languages": ["en"],
  "defaults": {"duration": 3, "transition": {"type": "crossfade", "duration": 1.0}},
  "slides": [
    {"id": "a", "image": {"src": "a.png", "fit": "cover"}},
    {"id": "b", "image": {"src": "b.png", "fit": "cover"}}
  ]
}
JSON
"$kiosk" render "${renderer[@]}" "$out/show" --out "$out/frames" --size 160x90 --transition-at 0.25 >/dev/null || {
    echo "kiosk render failed"
    exit 1
}
png="$out/frames/01-a--b-at-0.25.png"
[ -f "$png" ] || {
    echo "no crossfade frame: $(ls "$out/frames")"
    exit 1
}
failed=0
# Expected: 0.75 * (200,40,0) + 0.25 * (0,80,240) = (150,50,60), within 2 for rounding.
for xy in 0,0 80,45 159,89; do
    px=$(convert "$png" -format "%[fx:int(255*p{$xy}.r+0.5)] %[fx:int(255*p{$xy}.g+0.5)] %[fx:int(255*p{$xy}.b+0.5)]" info:)
    read -r r g b <<<"$px"
    for pair in "$r 150 red" "$g 50 green" "$b 60 blue"; do
        read -r got want name <<<"$pair"
        d=$((got - want))
        if [ "${d#-}" -gt 2 ]; then
            echo "pixel $xy: $name is $got, expected $want (a quarter into the crossfade)"
            failed=1
        fi
    done
done
[ $failed = 0 ] && echo "crossfade blend: 3 pixels as expected"
exit $failed
