#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# What staff see at the screen, in a real window under Xvfb: a stick with a good bundle shows
# the notice panel with a green edge while the new content takes over at the next slide; a
# refused stick shows a red edge and the show stays as it was; pulling the stick out clears
# the notice. Screenshots are probed for colours.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/../e2e/xvfb.sh"
export SDL_VIDEODRIVER=x11

# shot NAME: a screenshot of the kiosk window into $tmp/NAME.png (ImageMagick's import, not
# the import function of common.sh).
shot() { command import -window "$win" "$tmp/$1.png" 2>/dev/null; }
# colour NAME X Y: a pixel of a screenshot as RRGGBB.
colour() { convert "$tmp/$1.png" -format "%[hex:p{$2,$3}]" info: 2>/dev/null | cut -c1-6; }
# column_has NAME RRGGBB: some pixel of the centre column is within 40 levels of the colour
# (the notice's coloured edge).
column_has() {
    convert "$tmp/$1.png" -crop 1x360+320+0 +repage txt:- 2>/dev/null |
        sed -n 's/.*#\([0-9A-F]\{6\}\).*/\1/p' | while read -r px; do
            local ok=1
            for i in 0 2 4; do
                local x=$((16#${px:$i:2})) y=$((16#${2:$i:2}))
                [ $((x > y ? x - y : y - x)) -le 40 ] || ok=0
            done
            [ $ok = 1 ] && { echo yes; break; }
        done | grep -q yes
}

install_v1
# Version 2 looks different: yellow and purple slides.
mkdir -p "$tmp/content-2"
cat >"$tmp/content-2/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "version 2",
  "screen": {"width": 640, "height": 360},
  "languages": ["he", "en"],
  "slides": [
    {"id": "yellow", "duration": 3, "background": "#f0c000"},
    {"id": "purple", "duration": 3, "background": "#8000c0"}
  ]
}
JSON
make_stick "$tmp/prepared-v2" 2 akko "$tmp/content-2"
make_stick "$tmp/prepared-other" 3 dimona
mkdir -p "$tmp/media"

log="$tmp/kiosk.log"
"$kiosk" play "$tmp/state/current" --window 640x360 --no-watch --state "$tmp/state" \
    --keys "$tmp/keys" --group akko --watch-dirs "$tmp/media" >"$log" 2>&1 &
kpid=$!
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
win=$(xdotool search --sync --name '^kiosk$' | head -1)
sleep 0.3
shot before
check "version 1 plays (red): $(colour before 20 20)" '[ "$(colour before 20 20)" = E01010 ]'

mv "$tmp/prepared-v2" "$tmp/media/usb0"
for _ in $(seq 150); do grep -q "now playing the new content" "$log" && break; sleep 0.1; done
sleep 1.5 # the fade
shot installed
check "the new content plays (yellow): $(colour installed 20 20)" '[ "$(colour installed 20 20)" = F0C000 ]'
check "the notice shows a green edge while the stick is in" 'column_has installed 2EA043'
# dark: every channel of the panel under the text below 0x40 (it lets a little of the slide through)
dark() { local c; c=$(colour "$1" "$2" "$3"); [ -n "$c" ] && [ $((16#${c:0:2})) -lt 64 ] && [ $((16#${c:2:2})) -lt 64 ] && [ $((16#${c:4:2})) -lt 64 ]; }
check "the notice panel is dark: $(colour installed 50 320)" 'dark installed 50 320'

rm -rf "$tmp/media/usb0"
mv "$tmp/prepared-other" "$tmp/media/usb1"
for _ in $(seq 100); do grep -q "refused" "$log" && break; sleep 0.1; done
sleep 1.2
shot refused
check "a refused stick shows a red edge" 'column_has refused D23030'
check "and the show stays on version 2" '[ "$(grep -c "now playing the new content" "$log")" = 1 ]'

rm -rf "$tmp/media/usb1"
sleep 11.5 # a result stays at least 10 s; then the stick's absence clears it
shot cleared
check "without a stick the notice goes away" '! column_has cleared D23030 && ! column_has cleared 2EA043'
[ "$failed" = 0 ] || cat "$log"
finish
