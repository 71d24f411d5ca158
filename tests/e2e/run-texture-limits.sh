#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Texture limits as a Raspberry Pi 4 has them, through the Pi's GLES2 renderer on Mesa's
# llvmpipe, with the largest texture forced to 4096 (KIOSK_MAX_TEXTURE; llvmpipe takes 16384):
# 1. a 12-megapixel photo and a 12000x2000 panorama, panned (decoded at 6480x1080 without the
#    limit) and contained, are drawn at 1920x1080 as the software renderer draws them, in the
#    right places and colours;
# 2. the player with one texture refused as by a GPU out of memory (KIOSK_TEST_FAIL_TEXTURE):
#    that slide is skipped with the reason in the log, the others go on, and the screen is never
#    black.
set -u
kiosk=$1 compare=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp/show"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

# Quadrants red, green / blue, yellow (4000x3000); thirds red, green, blue (12000x2000).
cd "$tmp/show" || exit 1
convert -size 2000x1500 'xc:#d03020' \( -size 2000x1500 'xc:#20a040' \) +append \
    \( -size 2000x1500 'xc:#2050d0' \( -size 2000x1500 'xc:#e0c020' \) +append \) -append \
    -quality 85 photo.jpg || exit 1
convert -size 4000x2000 'xc:#d03020' \( -size 4000x2000 'xc:#20a040' \) \
    \( -size 4000x2000 'xc:#2050d0' \) +append -quality 85 pano.jpg || exit 1
cd - >/dev/null || exit 1
cat >"$tmp/show/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "texture limits",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["en"],
  "defaults": {"duration": 1, "transition": {"type": "cut"}, "background": "#000000"},
  "slides": [
    {"id": "photo", "image": {"src": "photo.jpg", "fit": "cover"}},
    {"id": "pan", "image": {"src": "pano.jpg", "fit": "cover",
      "pan_zoom": {"zoom": [1.0, 1.0], "from": [0.0, 0.5], "to": [1.0, 0.5]}}},
    {"id": "band", "background": "#808080", "image": {"src": "pano.jpg", "fit": "contain"}}
  ]
}
JSON

export KIOSK_MAX_TEXTURE=4096 LIBGL_ALWAYS_SOFTWARE=1

# 1. Rendered through GLES2 at 1080p, compared with the software renderer.
SDL_VIDEODRIVER=offscreen "$kiosk" render "$tmp/show" --out "$tmp/gl" --renderer opengles2 \
    >/dev/null 2>"$tmp/render.log"
check "kiosk render through opengles2 draws every slide ($(tail -2 "$tmp/render.log"))" \
    '[ $? = 0 ] && [ -f "$tmp/gl/02-pan.png" ] && [ -f "$tmp/gl/03-band.png" ]'
check "the forced limit is in force ($(grep -c 'largest texture 4096x4096' "$tmp/render.log"))" \
    'grep -q "largest texture 4096x4096 (KIOSK_MAX_TEXTURE)" "$tmp/render.log"'
"$kiosk" render "$tmp/show" --out "$tmp/sw" >/dev/null 2>&1
for name in 01-photo 02-pan 03-band; do
    res=$("$compare" "$tmp/sw/$name.png" "$tmp/gl/$name.png" --max-mean 1.2 --max-bad 0.0045 2>&1)
    check "$name through GLES2 as through the software renderer ($res)" '[[ "$res" == *": ok" ]]'
done
# px PNG X Y: the pixel as RRGGBB.
px() { convert "$1" -format "%[hex:p{$2,$3}]" info: 2>/dev/null | cut -c1-6; }
# near RRGGBB RRGGBB: each channel within 24 levels.
near() {
    local a=$1 b=$2
    for i in 0 2 4; do
        local x=$((16#${a:$i:2})) y=$((16#${b:$i:2}))
        [ $((x > y ? x - y : y - x)) -le 24 ] || return 1
    done
}
p=$(px "$tmp/gl/01-photo.png" 480 270) q=$(px "$tmp/gl/01-photo.png" 1440 810)
check "the photo's quadrants in place: red top left ($p), yellow bottom right ($q)" \
    'near "$p" D03020 && near "$q" E0C020'
p=$(px "$tmp/gl/02-pan.png" 960 540)
check "the panorama's pan starts on its left third, red ($p)" 'near "$p" D03020'
a=$(px "$tmp/gl/03-band.png" 320 540) b=$(px "$tmp/gl/03-band.png" 960 540)
c=$(px "$tmp/gl/03-band.png" 1600 540) d=$(px "$tmp/gl/03-band.png" 960 100)
check "the whole panorama as a band: red, green, blue ($a $b $c) on grey ($d)" \
    'near "$a" D03020 && near "$b" 20A040 && near "$c" 2050D0 && near "$d" 808080'

# 2. The player, one texture refused.
source "$(dirname "$0")/xvfb.sh"
SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=opengles2 KIOSK_TEST_FAIL_TEXTURE=2 \
    "$kiosk" "$tmp/show" --window 640x360 2>"$tmp/kiosk.log" &
kpid=$!
for _ in $(seq 100); do
    grep -q "first frame presented" "$tmp/kiosk.log" && break
    sleep 0.1
done
win=$(xdotool search --sync --name '^kiosk$' | head -1)
black=0 seen=""
for _ in $(seq 24); do
    import -window "$win" "$tmp/shot.png" 2>/dev/null
    c=$(px "$tmp/shot.png" 160 90)
    # A black shot is taken again at once: reading a GL window back on Xvfb may catch it between
    # two buffers, while a black screen (a slide skipped to nothing) lasts a slide's second.
    if near "$c" 000000; then
        sleep 0.1
        import -window "$win" "$tmp/shot.png" 2>/dev/null
        c=$(px "$tmp/shot.png" 160 90)
        near "$c" 000000 && black=$((black + 1))
    fi
    [[ " $seen " == *" $c "* ]] || seen="$seen $c"
    sleep 0.25
done
kill "$kpid" 2>/dev/null
wait "$kpid" 2>/dev/null
kpid=
skips=$(grep -c 'skipped: .*out of texture memory' "$tmp/kiosk.log")
check "the player runs the GLES2 renderer ($(grep -o 'renderer [a-z0-9]*' "$tmp/kiosk.log" | head -1))" \
    'grep -q "renderer opengles2" "$tmp/kiosk.log"'
check "the slide whose texture was refused is skipped, with the reason logged ($skips)" \
    '[ "$skips" = 1 ]'
check "never a black screen in 6 s ($black black of 24 shots)" '[ "$black" = 0 ]'
n=$(wc -w <<<"$seen")
check "the show goes on: several pictures after the refusal ($seen)" '[ "$n" -ge 2 ]'
finish
