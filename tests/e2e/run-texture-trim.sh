#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The texture cache on the real loop: when a transition ends, the picture shown before lets its
# memory go before the next picture decodes (a photo after a text slide no longer decodes beside
# the photo before it), and no picture is decoded twice in a pass: each crossfade shows both its
# pictures blended at its middle. A picture let go too early, or pushed out of the cache by the
# next one's entry while a crossfade still drew it, would be missing there (it was: the next
# slide's prefetch at a crossfade's start once turned a wrap-around crossfade black).
#
# usage: run-texture-trim.sh KIOSK WORKDIR
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/show"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

for c in red:ff0000 green:00ff00 blue:0000ff; do
    convert -size 320x240 "xc:#${c#*:}" "$tmp/show/${c%%:*}.png" || exit 1
done
cat >"$tmp/show/playlist.json" <<'JSON'
{"format": 1, "name": "Trim", "screen": {"width": 320, "height": 240}, "languages": ["en"],
 "defaults": {"duration": 2, "transition": {"type": "crossfade", "duration": 1}},
 "slides": [
  {"id": "red", "image": {"src": "red.png"}},
  {"id": "colour", "background": "#204060"},
  {"id": "green", "image": {"src": "green.png"}},
  {"id": "blue", "image": {"src": "blue.png"}}]}
JSON
# A slide's time counts from the start of the transition into it: colour from 2 s, green from
# 4 s, blue from 6 s and red again from 8 s; each crossfade is half way 0.5 s after its start.
cat >"$tmp/play.script" <<'SCRIPT'
at 1.0 expect pixel 0.5 0.5 #ff0000 8
at 2.5 expect pixel 0.5 0.5 #902030 28
at 3.5 expect pixel 0.5 0.5 #204060 8
at 4.5 expect pixel 0.5 0.5 #10a030 28
at 5.5 expect pixel 0.5 0.5 #00ff00 8
at 6.5 expect pixel 0.5 0.5 #008080 28
at 7.5 expect pixel 0.5 0.5 #0000ff 8
at 8.5 expect pixel 0.5 0.5 #800080 28
at 9.5 expect pixel 0.5 0.5 #ff0000 8
at 9.6 quit
SCRIPT
KIOSK_DEBUG=1 SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$tmp/show" --window 320x240 \
    --no-watch --script "$tmp/play.script" >"$tmp/play.log" 2>&1
status=$?
grep -Ev "debug: (app|present|view|compositor): .*frame" "$tmp/play.log" | grep -v "frame: draw"
check "every crossfade shows both its pictures half way (status $status)" \
    '[ "$status" = 0 ] && grep -q "play.script: 9 passed, 0 failed" "$tmp/play.log"'
decodes() { grep -c "loader: .*/$1.png: [0-9]*x[0-9]* in" "$tmp/play.log"; }
check "each picture is decoded once a pass (red twice: at the start and after the wrap; red $(decodes red), green $(decodes green), blue $(decodes blue))" \
    '[ "$(decodes red)" = 2 ] && [ "$(decodes green)" = 1 ] && [ "$(decodes blue)" = 1 ]'
# The line numbers of the first matches, in the log's order.
line_of() { grep -n "$1" "$tmp/play.log" | head -1 | cut -d: -f1; }
released=$(line_of "not needed now: .*/red.png")
green=$(line_of "loader: .*/green.png: [0-9]*x[0-9]* in")
check "the red picture is let go (line ${released:-none}) before green decodes (line ${green:-none})" \
    '[ -n "$released" ] && [ -n "$green" ] && [ "$released" -lt "$green" ]'
finish
