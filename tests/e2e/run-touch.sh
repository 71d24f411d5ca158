#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Touch and mouse in a real window under Xvfb (the mouse stands in for a finger; SDL gives both
# the same way): a press shows feedback at once, swipes move through the slides in reading
# order, the staff gesture (long presses in two corners) opens the status page, which closes by
# itself, and clicks move through interactive pages.
set -u
kiosk=$1 data=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
source "$(dirname "$0")/xvfb.sh"
export SDL_VIDEODRIVER=x11

shot() { import -window "$win" "$tmp/$1.png" 2>/dev/null; }
colour() { convert "$tmp/$1.png" -format "%[hex:p{$2,$3}]" info: 2>/dev/null | cut -c1-6; }
# drag X1 Y1 X2 Y2: a quick swipe with the left button, in window coordinates.
drag() {
    xdotool mousemove --window "$win" "$1" "$2" mousedown 1
    for i in 1 2 3 4; do
        xdotool mousemove --window "$win" $(($1 + ($3 - $1) * i / 4)) $(($2 + ($4 - $2) * i / 4))
        sleep 0.02
    done
    xdotool mouseup 1
}
# long_press X Y: held for a second.
long_press() {
    xdotool mousemove --window "$win" "$1" "$2" mousedown 1
    sleep 1.1
    xdotool mouseup 1
}

# Slides are 30 s long: only touches move the show here.
sed 's/"duration": 3/"duration": 30/' "$data/colours/playlist.json" >"$tmp/playlist.json"
mkdir -p "$tmp/show" && mv "$tmp/playlist.json" "$tmp/show/"
printf 'staff_status_timeout = 5\nidle_timeout = 0\n' >"$tmp/kiosk.conf"
log="$tmp/kiosk.log"
"$kiosk" "$tmp/show" --window 640x360 --no-watch --config "$tmp/kiosk.conf" 2>"$log" &
kpid=$!
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
win=$(xdotool search --sync --name '^kiosk$' | head -1)
sleep 0.3

shot start
check "the show starts on red: $(colour start 320 180)" '[ "$(colour start 320 180)" = E01010 ]'
xdotool mousemove --window "$win" 320 180 mousedown 1
sleep 0.15
shot pressed
xdotool mouseup 1
# The ring (white at 60%) lies 7 mm (26 px at 96 dpi) from the point: somewhere on a row through
# it, red turns pink.
ring=$(convert "$tmp/pressed.png" -crop 80x1+280+180 +repage txt:- | grep -c -E '#(F[0-9A-F]|E[0-9A-F])[89A-F][0-9A-F][89A-F]')
check "a press shows a ring under the finger at once ($ring pink pixels)" '[ "$ring" -ge 2 ]'

drag 500 180 140 180 # right to left: next in a left-to-right show
sleep 0.8
shot swiped
check "a swipe to the left shows the next slide (green): $(colour swiped 320 180)" '[ "$(colour swiped 320 180)" = 10C020 ]'
drag 140 180 500 180
sleep 0.8
shot back
check "a swipe to the right goes back (red): $(colour back 320 180)" '[ "$(colour back 320 180)" = E01010 ]'
drag 320 100 330 110 # too short to be a swipe
sleep 0.5
shot short
check "a short movement is no swipe" '[ "$(colour short 320 180)" = E01010 ]'

long_press 10 10
long_press 630 10
sleep 0.5
shot status
check "the staff gesture opens the status page" 'grep -q "staff status page opened" "$log"'
c=$(colour status 320 180)
check "the page covers the slide ($c)" '[ $((16#${c:0:2})) -lt 60 ] && [ $((16#${c:2:2})) -lt 60 ]'
long_press 630 10 # the same corners again in the wrong order do nothing more
long_press 10 10
sleep 5.5
shot closed
check "the status page closes by itself" 'grep -q "staff status page closed after 5 s" "$log" && [ "$(colour closed 320 180)" = E01010 ]'

kill "$kpid"
wait "$kpid"
kpid=

# Interactive pages with clicks: the loop opens the home page, a button opens a page, "back"
# returns. (tests/e2e/data/pages; Hebrew first, so buttons stand on the right.)
"$kiosk" "$data/pages" --window 640x360 --no-watch 2>"$log" &
kpid=$!
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
win=$(xdotool search --sync --name '^kiosk$' | head -1)
sleep 0.3
xdotool mousemove --window "$win" 320 150 click 1
sleep 0.8
shot home
check "a click on the slides opens the home page (blue): $(colour home 10 150)" '[ "$(colour home 10 150)" = 1030E0 ]'
xdotool mousemove --window "$win" 480 144 click 1
sleep 0.8
shot info
check "its button opens the information page (yellow): $(colour info 320 30)" '[ "$(colour info 320 30)" = F0C000 ]'
xdotool mousemove --window "$win" 544 50 click 1
sleep 0.8
shot back
check "back returns to the home page: $(colour back 10 150)" '[ "$(colour back 10 150)" = 1030E0 ]'
kill "$kpid"
wait "$kpid"
kpid=
[ "$failed" = 0 ] || cat "$log"
finish
