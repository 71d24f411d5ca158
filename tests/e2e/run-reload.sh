#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Preview while editing: a save reloads the playlist and stays on the slide being edited (found
# by its id), with the change on screen, instead of going back to the first slide.
set -u
kiosk=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

playlist() { # $1: the colour of the second slide
    cat >"$tmp/show/playlist.json.new" <<JSON
{
  "format": 1,
  "name": "Reload",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "defaults": {"duration": 60, "transition": {"type": "cut"}},
  "slides": [
    {"id": "first", "background": "#e01010"},
    {"id": "second", "background": "$1"},
    {"id": "third", "background": "#1030e0"}
  ]
}
JSON
    mv "$tmp/show/playlist.json.new" "$tmp/show/playlist.json"
}
mkdir -p "$tmp/show"
playlist "#10a010"
cat >"$tmp/script" <<'EOF_SCRIPT'
at 0.3 expect pixel 0.5 0.5 #e01010
at 0.5 swipe left
at 1.5 expect pixel 0.5 0.5 #10a010
# The test saves a new colour for "second" about three seconds after the start.
at 6.0 expect pixel 0.5 0.5 #f0c000
at 6.0 expect page loop
at 6.2 quit
EOF_SCRIPT
(cd "$tmp" && SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$tmp/show" --window 640x360 \
    --script "$tmp/script") >"$tmp/out" 2>"$tmp/log" &
pid=$!
sleep 3
playlist "#f0c000"
wait "$pid"
status=$?
cat "$tmp/out"
grep -E "FAILED|reload|again" "$tmp/log"
check "after the save the edited slide shows, with its new colour (status $status)" \
    '[ "$status" = 0 ] && grep -q " 0 failed" "$tmp/out"'
check "the log says the slide is shown again" 'grep -q "showing slide \"second\" again" "$tmp/log"'
finish
