#!/usr/bin/env bash
# The player's side of importing (SDL's dummy driver, the real loop): start-up recovery from an
# interrupted import, falling back to the previous version when the current one does not load,
# the built-in slide when nothing is usable, and a stick plugged in while the show plays: the
# new version plays from the next slide boundary; a refused stick changes nothing.
source "$(dirname "$0")/common.sh"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
opts=(--state "$tmp/state" --keys "$tmp/keys" --group akko --window 640x360 --no-watch)

# play SECONDS [options]: plays state/current for that long (or until --exit-after); $log.
play() {
    local secs=$1
    shift
    log="$tmp/play.log"
    timeout -s TERM "$secs" "$kiosk" play "$tmp/state/current" "${opts[@]}" "$@" >"$log" 2>&1
}

install_v1
make_stick "$tmp/stick2" 2
import "$tmp/stick2"
check "version 2 installs over version 1" '[ $rc = 0 ]'

# An interrupted import left staging behind, and version 2's playlist no longer loads.
mkdir -p "$tmp/state/staging/unpack"
echo '{"format": 1, "name": ' >"$tmp/state/versions/2/content/playlist.json"
play 20 --exit-after 1
check "start-up removes what an interrupted import left" \
    'grep -q "left by an interrupted import" "$log" && [ ! -e "$tmp/state/staging" ]'
check "a current version that does not load falls back to the previous one" \
    'grep -q "does not load; playing the previous version 1" "$log"'
check "and version 1 plays" 'grep -q "playing \"version 1\"" "$log"'
rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
check "version 1 is current afterwards ($rec)" '[[ "$rec" == *"version 1 of group \"akko\" is current"* ]]'

# Nothing usable at all: the built-in slide, never a black screen.
mkdir -p "$tmp/empty-state"
ln -s versions/7 "$tmp/empty-state/current"
log="$tmp/empty.log"
timeout -s TERM 3 "$kiosk" play "$tmp/empty-state/current" --state "$tmp/empty-state" \
    --keys "$tmp/keys" --group akko --window 640x360 --no-watch >"$log" 2>&1
check "nothing usable shows the built-in slide" 'grep -q "showing the built-in slide" "$log"'

# A stick while the show plays. Sticks appear at once, as a mount does (rename into place).
mkdir -p "$tmp/media"
make_stick "$tmp/prepared-v3" 3
make_stick "$tmp/prepared-other" 4 dimona
log="$tmp/live.log"
"$kiosk" play "$tmp/state/current" "${opts[@]}" --watch-dirs "$tmp/media" >"$log" 2>&1 &
kpid=$!
trap 'kill $kpid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
mv "$tmp/prepared-v3" "$tmp/media/usb0"
for _ in $(seq 150); do grep -q "now playing the new content" "$log" && break; sleep 0.1; done
check "the player imports the stick by itself" 'grep -q "installed version 3" "$log" || grep -q "version 3 of group \"akko\" installed" "$log"'
check "and switches at the next slide boundary" \
    'grep -q "it plays from the next slide" "$log" && grep -q "now playing the new content from $tmp/state/versions/3/content" "$log"'
check "version 3 plays" 'grep -q "playing \"version 3\"" "$log"'
mv "$tmp/prepared-other" "$tmp/media/usb1"
for _ in $(seq 100); do grep -q "refused" "$log" && break; sleep 0.1; done
sleep 0.5
check "a stick for another group is refused" 'grep -q "refused: for another screen group" "$log"'
check "and changes nothing" '[ "$(grep -c "now playing the new content" "$log")" = 1 ] && diff -r "$tmp/content-3" "$tmp/state/current/content" >/dev/null'
check "nothing was written to the sticks" \
    '[ -z "$(find "$tmp/media" -newer "$tmp/media/usb1/KIOSK/bundle.tar.minisig" -type f)" ]'
kill -TERM "$kpid"
wait "$kpid"
status=$?
check "the player exits cleanly after imports (status $status)" '[ "$status" = 0 ]'
trap - EXIT
[ "$failed" = 0 ] || cat "$log"
finish
