#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Screen power with SDL's dummy driver: while the settings say "off" the player shows one black
# frame and then presents nothing, its loop asleep; when the time is up the show comes back.
# --at starts the wall clock at a chosen moment, so the minute of "off" is the test's first.
set -u
kiosk=$1 data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
export SDL_VIDEODRIVER=dummy

printf 'screen_off = 03:00-03:01\nscreen_power_method = black\n' >"$tmp/kiosk.conf"
log="$tmp/log"
timeout -s INT 66 "$kiosk" "$data/colours" --window 640x360 --no-watch --stats \
    --config "$tmp/kiosk.conf" --at '2027-01-01 03:00' 2>"$log" &
pid=$!
sleep 20
check "the screen goes off at once" 'grep -q "screen off (" "$log"'
check "by a black frame, as the settings ask" 'grep -q "screen off and on by: black frame" "$log"'
check "and stays off for the minute" '! grep -q "screen on" "$log"'
wait "$pid"
cat "$log"
check "it comes back on when the minute is over" 'grep -q "screen on (" "$log"'
frames=$(sed -n 's/.*stats: frames=\([0-9]*\).*/\1/p' "$log")
# One black frame, then the three cut slides of the six seconds after 03:01 at most.
check "no frames while off: $frames in all" '[ -n "$frames" ] && [ "$frames" -le 6 ]'
cpu=$(sed -n 's/.*still_cpu_pct=\([0-9.]*\).*/\1/p' "$log")
check "the loop sleeps while off (still CPU $cpu%)" 'awk -v c="$cpu" "BEGIN { exit !(c < 5) }"'

finish
