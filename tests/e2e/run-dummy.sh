#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The real loop with SDL's dummy video driver: plays three slides and exits cleanly by itself.
set -u
kiosk=$1 data=$2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

start=$(date +%s.%N)
SDL_VIDEODRIVER=dummy timeout 30 "$kiosk" "$data/colours" --window 640x360 --exit-after 3 \
    --no-watch --stats 2>"$log"
status=$?
end=$(date +%s.%N)
cat "$log"
check "exits with status 0 (got $status)" '[ "$status" = 0 ]'
check "says it exits after 3 slides" 'grep -q "3 slides shown; exiting as asked" "$log"'
check "took about three slides of 3 s (8 to 20 s)" \
    'awk -v a="$start" -v b="$end" "BEGIN { d = b - a; exit !(d >= 8 && d <= 20) }"'
check "presented frames and printed statistics" 'grep -Eq "stats: frames=[1-9]" "$log"'
# A still slide presents nothing: three cut slides need a handful of frames, not 9 s x 60.
frames=$(sed -n 's/.*stats: frames=\([0-9]*\).*/\1/p' "$log")
check "presents only when the picture changes (frames=$frames)" '[ "${frames:-999}" -le 12 ]'

# Proof of play: each slide shown is one record, and kiosk report adds them up.
proof=$(mktemp -d)
SDL_VIDEODRIVER=dummy timeout 30 "$kiosk" "$data/colours" --window 640x360 --exit-after 3 \
    --no-watch --proof "$proof" 2>"$log"
report=$("$kiosk" report "$proof" --csv 2>&1 | tr -d "\r") # CSV lines end in CRLF
echo "$report"
check "proof of play records the three slides shown, three seconds each" \
    '[ "$(echo "$report" | grep -cE ",slide,(red|green|blue),1,(2\.9|3\.0)[0-9]*\$")" = 3 ]'
rm -rf "$proof"

SDL_VIDEODRIVER=dummy timeout 30 "$kiosk" "$data/broken" --window 640x360 --exit-after 1 \
    --no-watch 2>"$log" &
pid=$!
sleep 3
kill "$pid" 2>/dev/null
wait "$pid"
cat "$log"
check "a corrupt image is skipped with its reason" \
    'grep -q "slide \"corrupt\" skipped:" "$log"'
check "and the built-in slide is announced" 'grep -q "showing the built-in slide" "$log"'

# Ctrl+C stops the player, also when a script started it in the background (the shell then hands
# it SIGINT ignored).
SDL_VIDEODRIVER=dummy "$kiosk" "$data/colours" --window 320x200 --no-watch >/dev/null 2>&1 &
pid=$!
sleep 2
kill -INT "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && alive=yes || alive=no
kill -KILL "$pid" 2>/dev/null
wait "$pid"
status=$?
check "SIGINT stops a player started in the background (alive 5 s later: $alive, exit $status)" \
    '[ "$alive" = no ] && [ "$status" = 0 ]'

finish
