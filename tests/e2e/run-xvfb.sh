#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The real binary in a real window under Xvfb: screenshots at known moments show the expected
# slides; keys move through them; an edit reloads and an invalid edit keeps the last good show;
# a playlist whose only image is broken shows the built-in slide, never black.
set -u
kiosk=$1 data=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

source "$(dirname "$0")/xvfb.sh"

# start DIR: runs the kiosk in a 640x360 window, waits for its first frame, sets $win.
start() {
    : >"$tmp/kiosk.log"
    SDL_VIDEODRIVER=x11 "$kiosk" "$1" --window 640x360 2>"$tmp/kiosk.log" &
    kpid=$!
    for _ in $(seq 100); do
        grep -q "first frame presented" "$tmp/kiosk.log" && break
        sleep 0.1
    done
    win=$(xdotool search --sync --name '^kiosk$' | head -1)
    sleep 0.3
}
stop() {
    kill "$kpid" 2>/dev/null
    wait "$kpid" 2>/dev/null
    kpid=
}
# colour X Y: the pixel of the kiosk window at X,Y as RRGGBB.
colour() {
    import -window "$win" "$tmp/shot.png" 2>/dev/null
    convert "$tmp/shot.png" -format "%[hex:p{$1,$2}]" info: 2>/dev/null | cut -c1-6
}
# near RRGGBB RRGGBB: each channel within 24 levels.
near() {
    local a=$1 b=$2
    for i in 0 2 4; do
        local x=$((16#${a:$i:2})) y=$((16#${b:$i:2}))
        [ $((x > y ? x - y : y - x)) -le 24 ] || return 1
    done
}

# 1. Timed slides: red 0-3 s, green 3-6 s, blue 6-9 s from the first frame.
start "$data/colours"
t0=$(date +%s.%N)
c=$(colour 320 180)
check "first slide is red ($c)" 'near "$c" E01010'
sleep "$(awk -v t0="$t0" -v now="$(date +%s.%N)" 'BEGIN { d = 4.5 - (now - t0); print (d > 0 ? d : 0) }')"
c=$(colour 320 180)
check "after 4.5 s the second slide, green ($c)" 'near "$c" 10C020'
cp "$tmp/shot.png" "$tmp/green.png"

# 2. Keys: right is next, left is previous (a left-to-right playlist).
xdotool windowfocus --sync "$win" key Right
sleep 0.8
c=$(colour 320 180)
check "Right shows the next slide, blue ($c)" 'near "$c" 1030E0'
xdotool key Left
sleep 0.8
c=$(colour 320 180)
check "Left goes back to green ($c)" 'near "$c" 10C020'
xdotool key space
sleep 4
c=$(colour 320 180)
check "space pauses: still green after 4 s ($c)" 'near "$c" 10C020'
xdotool key space
stop

# 3. Editing the playlist while it plays reloads within a second; a bad edit changes nothing.
mkdir -p "$tmp/edit"
cp "$data/colours/playlist.json" "$tmp/edit/"
start "$tmp/edit"
# Every slide turns yellow, so what follows does not depend on which slide is showing.
sed -i 's/#e01010/#f0d000/; s/#10c020/#f0d000/; s/#1030e0/#f0d000/' "$tmp/edit/playlist.json"
sleep 1.5
c=$(colour 320 180)
check "an edit shows within a second or so ($c)" 'near "$c" F0D000'
printf '{"format": 1, "name": "x",\n  "screen": {"width": 640, "height": 360}, "slides": [\n' \
    >"$tmp/edit/playlist.json"
sleep 1.5
c=$(colour 320 180)
check "an invalid edit keeps the last good playlist ($c)" 'near "$c" F0D000'
check "the invalid edit is reported with file:line:column" \
    'grep -Eq "playlist.json:[0-9]+:[0-9]+: " "$tmp/kiosk.log"'
check "and says the last good playlist keeps playing" \
    'grep -q "the last good playlist keeps playing" "$tmp/kiosk.log"'
stop

# 4. Nothing playable: the built-in slide, not black.
start "$data/broken"
sleep 0.5
c=$(colour 20 20)
check "the built-in slide shows its gradient, not black ($c)" \
    '[ "$c" != 000000 ] && [ -n "$c" ]'
stop

# 5. Letterbox: a wide show in a tall window keeps its aspect with bars.
start "$data/colours"
xdotool windowsize --sync "$win" 400 600
sleep 0.8
c=$(colour 200 300)
edge=$(colour 200 20)
check "content stays in the middle ($c)" 'near "$c" E01010'
check "bars above it are black ($edge)" 'near "$edge" 000000'
stop

# 6. Fullscreen on a bare X server (no window manager, as in a kiosk session): a borderless
# window covering the screen at once, without waiting for a window manager that never answers.
: >"$tmp/kiosk.log"
SDL_VIDEODRIVER=x11 "$kiosk" "$data/colours" 2>"$tmp/kiosk.log" &
kpid=$!
for _ in $(seq 100); do
    grep -q "first frame presented" "$tmp/kiosk.log" && break
    sleep 0.1
done
win=$(xdotool search --sync --name '^kiosk$' | head -1)
geometry=$(xwininfo -id "$win" | awk '/-geometry/ {print $2}')
check "the fullscreen window covers the 1024x768 screen ($geometry)" '[ "$geometry" = 1024x768+0+0 ]'
check "it knows there is no window manager" 'grep -q "no window manager" "$tmp/kiosk.log"'
c=$(colour 512 384)
check "and shows the first slide, red ($c)" 'near "$c" E01010'
stop

finish
