#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
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
# A stick whose signed comment asks for the proof-of-play records.
make_stick "$tmp/prepared-export" 5
minisign -S -s "$tmp/city.key" -m "$tmp/prepared-export/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=5 group=akko export=proof" >/dev/null </dev/null
printf 'runtime_dir = %s\n' "$tmp/run" >"$tmp/kiosk.conf"
log="$tmp/live.log"
"$kiosk" play "$tmp/state/current" "${opts[@]}" --watch-dirs "$tmp/media" \
    --config "$tmp/kiosk.conf" --proof "$tmp/proof" >"$log" 2>&1 &
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
# The export: the player flushes its records and asks the root helper (kiosk-export.path) by a
# file in its runtime folder; the helper's result comes back for the notice.
mv "$tmp/prepared-export" "$tmp/media/usb2"
for _ in $(seq 150); do [ -e "$tmp/run/export/usb2" ] && break; sleep 0.1; done
check "a bundle signed with export=proof asks for the records to be copied" \
    '[ -f "$tmp/run/export/usb2" ] && grep -q "asked for the proof-of-play records to be copied onto stick usb2" "$log"'
check "the records are on disk before the copy is asked for" '[ -s "$tmp/proof/plays.log" ]'
mkdir -p "$tmp/run/export-results"
echo "copied 1 files to KIOSK/proof/kiosk1" >"$tmp/run/export-results/usb2"
for _ in $(seq 50); do grep -q "stick usb2: copied" "$log" && break; sleep 0.1; done
check "the helper's result reaches the player" 'grep -q "stick usb2: copied 1 files" "$log"'
kill -TERM "$kpid"
wait "$kpid"
status=$?
check "the player exits cleanly after imports (status $status)" '[ "$status" = 0 ]'
# Proof of play names the version on screen: version 1 before the switch, 3 after it.
versions=$(awk -F'\t' '!/^#/ {print $5}' "$tmp/proof/plays.log" | uniq | tr '\n' ' ')
check "records name version 1 until the switch and version 3 after it ($versions)" \
    '[[ "$versions" == "1 3 "* ]] && [[ "$versions" != *" 1 "* ]]'
trap - EXIT
[ "$failed" = 0 ] || cat "$log"
finish
