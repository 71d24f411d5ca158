#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Emergency mode in the real player (SDL's dummy driver), each trigger end to end:
#  - a signed order on a stick: the first emergency frame within a second of the order's
#    arrival (both moments on the monotonic clock: the test's before the stick appears, the
#    player's log after the frame is presented); the same order copied onto another stick,
#    an order for another group and one signed by an unknown key are refused; an end order;
#  - a signed order in the inbox;
#  - a technician's `kiosk emergency start|end` on the kiosk;
#  - broken content (the built-in emergency slide), a screen scheduled off (lit for it), and
#    an import running (its check hangs) when the order comes;
#  - proof of play records the emergency's start and length.
set -u
kiosk=$1 data=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
export SDL_VIDEODRIVER=dummy
if ! command -v minisign >/dev/null; then
    echo "minisign not installed: skipped"
    exit 77
fi

mkdir -p "$tmp/keys" "$tmp/state" "$tmp/sticks" "$tmp/inbox" "$tmp/proof"
minisign -G -W -p "$tmp/keys/city.pub" -s "$tmp/city.key" >/dev/null
minisign -G -W -p "$tmp/other.pub" -s "$tmp/other.key" >/dev/null
cat >"$tmp/kiosk.conf" <<CONF
state_dir = $tmp/state
keys_dir = $tmp/keys
screen_group = akko
watch_dirs = $tmp/sticks
inbox_dir = $tmp/inbox
proof_dir = $tmp/proof
report_dir = $tmp/syncthing/report
CONF

now_ms() { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }

# order NAME GROUP ACTION SEQ [KEY]: a stick folder $tmp/NAME holding a signed order.
order() {
    "$kiosk" emergency order --group "$2" "--$3" --seq "$4" --out "$tmp/$1" \
        --note "test $1" --sign "${5:-$tmp/city.key}" >/dev/null
}

# wait_for PATTERN [SECONDS]: until the player's log says it.
wait_for() {
    local i
    for ((i = 0; i < ${2:-10} * 10; i++)); do
        grep -q "$1" "$log" && return 0
        sleep 0.1
    done
    return 1
}

# wait_count PATTERN N: until the log says it N times (5 s at most).
wait_count() {
    local i
    for ((i = 0; i < 50; i++)); do
        [ "$(grep -c "$1" "$log")" -ge "$2" ] && return 0
        sleep 0.1
    done
    return 1
}

# The latency of the emergency that went on after moment $1 (ms): the first frame's moment
# from the log, minus it.
latency_since() {
    local frame
    frame=$(sed -n 's/.*first emergency frame presented at \([0-9]*\) ms.*/\1/p' "$log" | tail -1)
    echo $((${frame:-999999999} - $1))
}

# --- A show with an emergency section; stick, replay, wrong group, unknown key, end --------
show="$tmp/show"
mkdir -p "$show"
cp "$data/../media/data/"*.png "$show/" 2>/dev/null || true
cat >"$show/playlist.json" <<'JSON'
{"format": 1, "name": "show", "screen": {"width": 640, "height": 360},
 "languages": ["he", "ar"],
 "defaults": {"duration": 2, "transition": {"type": "cut"}},
 "slides": [{"id": "one", "background": "#203040"}, {"id": "two", "background": "#304050"}],
 "emergency": {"duration": 1, "slides": [
   {"id": "shelter", "background": "#8b0000",
    "texts": [{"text": {"he": "מרחב מוגן", "ar": "المكان المحمي"}, "box": [0.1, 0.1, 0.8, 0.3]}]}
 ]}}
JSON
log="$tmp/log1"
"$kiosk" "$show" --window 640x360 --no-watch --config "$tmp/kiosk.conf" 2>"$log" &
pid=$!
wait_for "first frame presented"
sleep 1.5

order s1 akko start 5
t0=$(now_ms)
mv "$tmp/s1" "$tmp/sticks/s1"
check "a signed start order on a stick starts emergency mode" 'wait_for "EMERGENCY MODE ON (signed order seq=5"'
check "the first emergency frame is presented" 'wait_for "first emergency frame presented"'
lat=$(latency_since "$t0")
check "within a second of the stick's arrival ($lat ms)" '[ "$lat" -ge 0 ] && [ "$lat" -lt 1000 ]'
check "the playlist's emergency section plays" 'grep -q "emergency slides: the playlist.s emergency section" "$log"'
check "in Hebrew, then in Arabic" 'wait_for "emergency slide \"shelter\" in ar" 5'
check "the seq is kept on disk" '[ "$(cat "$tmp/state/emergency.seq")" = 5 ]'
check "the fleet's health report says why" \
    'sleep 1.5; grep -q "\"emergency\": \"signed order seq=5" "$tmp/syncthing/report/health.json"'

# The same order copied onto another stick: refused, however it arrives.
cp -r "$tmp/sticks/s1" "$tmp/sticks/copy"
check "a copied order is refused as not newer" 'wait_for "seq=5 is not newer than the last emergency order"'
order s2 ofakim end 9
mv "$tmp/s2" "$tmp/sticks/s2"
check "an order for another group is refused" 'wait_for "is for group \"ofakim\", this kiosk is in \"akko\""'
order s3 akko end 10 "$tmp/other.key"
mv "$tmp/s3" "$tmp/sticks/s3"
check "an order signed by an unknown key is refused" 'wait_for "signed by a key this kiosk does not trust"'
check "none of them ended the emergency" '! grep -q "emergency mode over" "$log"'

order s4 akko end 11
mv "$tmp/s4" "$tmp/sticks/s4"
check "an end order ends it" 'wait_for "emergency mode over: the show goes on"'
check "and the health report says so" 'sleep 1.5; grep -q "\"emergency\": null" "$tmp/syncthing/report/health.json"'

# The inbox: a start order there.
order inbox-order akko start 12
mkdir -p "$tmp/inbox/KIOSK"
t0=$(now_ms)
mv "$tmp/inbox-order/KIOSK/emergency.json.minisig" "$tmp/inbox/KIOSK/"
mv "$tmp/inbox-order/KIOSK/emergency.json" "$tmp/inbox/KIOSK/"
check "a signed order in the inbox starts it" 'wait_for "EMERGENCY MODE ON (signed order seq=12"'
sleep 0.5
lat=$(latency_since "$t0")
check "within a second too ($lat ms)" '[ "$lat" -ge 0 ] && [ "$lat" -lt 1000 ]'

# The technician on the kiosk ends it, and starts it again.
out=$("$kiosk" emergency end --config "$tmp/kiosk.conf" --note "all clear" 2>&1)
check "kiosk emergency end is taken by the player ($out)" '[[ "$out" == *"the player took it"* ]]'
check "and ends the emergency" 'wait_count "emergency mode over" 2'
t0=$(now_ms)
out=$("$kiosk" emergency start --config "$tmp/kiosk.conf" --note "drill" 2>&1)
check "kiosk emergency start starts it" 'wait_for "EMERGENCY MODE ON (technician on the kiosk (kiosk emergency start): drill)"'
sleep 0.3
lat=$(latency_since "$t0")
check "within a second ($lat ms)" '[ "$lat" -ge 0 ] && [ "$lat" -lt 1000 ]'
out=$("$kiosk" emergency status --config "$tmp/kiosk.conf" 2>&1)
check "kiosk emergency status says so ($out)" '[[ "$out" == *"emergency ON by order since"*"drill"* ]]'
sleep 1
kill -INT "$pid"
wait "$pid"

# A restart during the emergency comes back in it, at the first frame.
log="$tmp/log2"
timeout -s INT 4 "$kiosk" "$show" --window 640x360 --no-watch --config "$tmp/kiosk.conf" 2>"$log"
check "a restarted player is still in the emergency" 'grep -q "emergency ON since before this start" "$log" && grep -q "first emergency frame presented" "$log"'
out=$("$kiosk" emergency end --config "$tmp/kiosk.conf" 2>&1)
check "with no player running, the request waits ($out)" '[[ "$out" == *"no running player took it yet"* ]]'
report=$("$kiosk" report "$tmp/proof" --csv 2>&1 | tr -d '\r')
check "proof of play records the emergencies" '[[ "$report" == *emergency* ]]'
grep -h "emergency" "$tmp/proof"/* >"$tmp/records" 2>/dev/null
check "each with its start and length, the last until the player stopped" \
    '[ "$(grep -c "	emergency	emergency	" "$tmp/records")" -ge 4 ]'

# --- What the screen shows, pixel by pixel: a technician's request left before the start -----
# The show opens a page at a touch; in the emergency a touch opens nothing and the screen stays
# the emergency slide's red.
mkdir -p "$tmp/state2"
printf 'state_dir = %s\nkeys_dir = %s\n' "$tmp/state2" "$tmp/keys" >"$tmp/kiosk2.conf"
touchy="$tmp/touchy"
mkdir -p "$touchy"
cat >"$touchy/playlist.json" <<'JSON'
{"format": 1, "name": "touchy", "screen": {"width": 640, "height": 360}, "languages": ["en"],
 "interactive": {"home": "home", "touch_opens_home": true},
 "slides": [{"id": "one", "background": "#203040"}],
 "pages": [{"id": "home", "background": "#101010"}],
 "emergency": {"slides": [{"id": "red", "background": "#8b0000",
   "texts": [{"text": {"en": "Go to the protected space"}, "box": [0.05, 0.05, 0.9, 0.2],
              "size": 24}]}]}}
JSON
cat >"$tmp/touchy.script" <<SCRIPT
at 0.5 expect pixel 0.9 0.9 #8b0000 24
at 0.6 tap 0.5 0.6
at 1.2 expect page loop
at 1.2 expect pixel 0.9 0.9 #8b0000 24
at 1.3 shot $tmp/emergency-frame.png
at 1.5 quit
SCRIPT
"$kiosk" emergency start --config "$tmp/kiosk2.conf" >/dev/null
log="$tmp/log-touchy"
"$kiosk" "$touchy" --window 640x360 --no-watch --config "$tmp/kiosk2.conf" \
    --script "$tmp/touchy.script" >"$log" 2>&1
rc=$?
check "the emergency slide is what is drawn, and a touch opens no page (status $rc)" \
    '[ $rc = 0 ] && grep -q "4 passed, 0 failed" "$log"'
check "the real player's emergency frame is written" '[ -s "$tmp/emergency-frame.png" ]'

# --- Broken content, the screen scheduled off, an import running ---------------------------
printf 'screen_off = 00:00-23:59\nscreen_power_method = black\n' >>"$tmp/kiosk.conf"
"$kiosk" bundle "$show" --out "$tmp/bundle-stick" --group akko --version 3 \
    --sign "$tmp/city.key" >/dev/null 2>&1
log="$tmp/log3"
KIOSK_TEST_FAULT=validate-hang "$kiosk" "$data/../e2e/data/broken" --window 640x360 --no-watch \
    --stats --config "$tmp/kiosk.conf" 2>"$log" &
pid=$!
wait_for "first frame presented"
check "the content is broken: the built-in slide" 'grep -q "showing the built-in slide" "$log"'
check "the end request written while no player ran is taken at start" \
    'wait_for "emergency over: technician on the kiosk (kiosk emergency end)"'
check "the screen is off by its schedule" 'wait_for "screen off ("'
mv "$tmp/bundle-stick" "$tmp/sticks/bundle"
check "an import is running" 'wait_for "found a bundle in"'
sleep 1
t0=$(now_ms)
"$kiosk" emergency start --config "$tmp/kiosk.conf" >/dev/null
check "the emergency starts during the import" 'wait_for "EMERGENCY MODE ON"'
check "with the built-in emergency slide" 'grep -q "emergency slides: the built-in emergency slide" "$log"'
sleep 0.5
lat=$(latency_since "$t0")
check "its first frame within a second, screen off and import running ($lat ms)" '[ "$lat" -ge 0 ] && [ "$lat" -lt 1000 ]'
"$kiosk" emergency end --config "$tmp/kiosk.conf" >/dev/null
check "it ends, and the screen is dark again by its schedule" \
    'wait_count "the show goes on (the screen is off by its schedule)" 2'
kill -INT "$pid"
wait "$pid"
check "the import was still running all along" '! grep -q "installed version 3" "$log"'

finish
