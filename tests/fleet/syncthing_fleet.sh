#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# A city's fleet on real Syncthing (issue 18), on this machine only: a content machine and three
# kiosks (lobby and library in group akko, centre in group ofakim), each a Debian syncthing with
# its own home, on its own loopback address (127.0.0.x), with discovery, relays, NAT traversal
# and usage reporting off. Kiosks are enrolled with a signed order exactly as from a stick; the
# "player" of each kiosk is inbox_driver (the player's watcher and health report). Prints the
# time from publishing to installed on each kiosk and the bytes sent to each.
#   syncthing_fleet.sh KIOSK IMPORT_FIXTURE TMP   (KIOSK_TEST_INBOX = the inbox_driver)
source "$(dirname "$0")/../import/common.sh"
command -v syncthing >/dev/null || { echo "SKIP: syncthing is not installed"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
driver=$KIOSK_TEST_INBOX
export STNOUPGRADE=1 STNODEFAULTFOLDER=1 STNORESTART=1
# A port base of our own, so that two runs (or other tests) do not meet.
base=$((23000 + ($$ % 400) * 10))
pids=()
declare -A sync_pid
cleanup() {
    touch "$tmp/stop"
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

declare -A ip=([cm]=127.0.0.10 [lobby]=127.0.0.11 [library]=127.0.0.12 [centre]=127.0.0.13)
declare -A grp=([lobby]=akko [library]=akko [centre]=ofakim)
declare -A port=([cm]=$base [lobby]=$((base + 1)) [library]=$((base + 2)) [centre]=$((base + 3)))
gui() { echo "${ip[$1]}:$((${port[$1]} + 100))"; }
kiosks=(lobby library centre)
for h in cm "${kiosks[@]}"; do
    syncthing generate --home="$tmp/$h" --no-default-folder --skip-port-probing >/dev/null 2>&1
done

# 1. Enrolment: one signed order per group, taken by `kiosk fleet enrol` as on a stick.
for g in akko ofakim; do
    "$kiosk" fleet order --group "$g" --content-home "$tmp/cm" --name marketing \
        --address "tcp://${ip[cm]}:${port[cm]}" --out "$tmp/stick-$g" >/dev/null
    minisign -S -s "$tmp/city.key" -m "$tmp/stick-$g/KIOSK/enrol.json" \
        -t "kiosk-enrol group=$g seq=1" >/dev/null </dev/null
done
for k in "${kiosks[@]}"; do
    mkdir -p "$tmp/$k-state"
    out=$("$kiosk" fleet enrol "$tmp/stick-${grp[$k]}" --syncthing-home "$tmp/$k" \
        --inbox "$tmp/$k-inbox" --report-dir "$tmp/$k-report" --state "$tmp/$k-state" \
        --keys "$tmp/keys" --group "${grp[$k]}" --name "$k" --config /dev/null 2>&1)
    check "$k is enrolled ($out)" '[[ "$out" == *"enrolled: kiosk $k in group"* ]]'
    # Several kiosks on one machine: each listens on its own loopback address (a real order
    # says tcp://0.0.0.0:22000), and its web interface too, with a key for this test.
    sed -i -e "s|<listenAddress>[^<]*</listenAddress>|<listenAddress>tcp://${ip[$k]}:${port[$k]}</listenAddress>|" \
        -e "s|<address>127.0.0.1:8384</address>|<address>$(gui "$k")</address><apikey>test-$k</apikey>|" \
        "$tmp/$k/config.xml"
done
out=$("$kiosk" fleet enrol "$tmp/stick-akko" --syncthing-home "$tmp/lobby" --inbox "$tmp/x" \
    --state "$tmp/lobby-state" --keys "$tmp/keys" --group akko --name lobby --config /dev/null 2>&1)
check "the same order is not taken twice ($out)" '[[ "$out" == *"seq=1 is not newer"* ]]'
out=$("$kiosk" fleet enrol "$tmp/stick-akko" --syncthing-home "$tmp/y" --inbox "$tmp/x" \
    --state "$tmp/y" --keys "$tmp/keys" --group ofakim --name y --config /dev/null 2>&1)
check "another group's order is refused ($out)" '[[ "$out" == *"for group \"akko\""* ]]'
check "config: no global discovery, relays, usage reporting" \
    'grep -q "<globalAnnounceEnabled>false" "$tmp/lobby/config.xml" && grep -q "<relaysEnabled>false" "$tmp/lobby/config.xml" && grep -q "<urAccepted>-1" "$tmp/lobby/config.xml"'

# 2. The content machine, from the answers the kiosks wrote back onto the stick (device IDs
# nobody typed), by `kiosk fleet publish-setup`: lobby and centre first, library later (a kiosk
# enrolled after the others is added to what was set up).
id() { sed -n 's/^device_id=//p' "$tmp/$1-state/enrol-reply.txt"; }
mkdir -p "$tmp/answers" "$tmp/answers-later"
cp "$tmp/lobby-state/enrol-reply.txt" "$tmp/answers/lobby.txt"
cp "$tmp/centre-state/enrol-reply.txt" "$tmp/answers/centre.txt"
cp "$tmp/library-state/enrol-reply.txt" "$tmp/answers-later/library.txt"
out=$("$kiosk" fleet publish-setup --home "$tmp/cm" --answers "$tmp/answers" --publish "$tmp/pub" \
    --fleet "$tmp/fleet" --name marketing --listen "tcp://${ip[cm]}:${port[cm]}" --gui "$(gui cm)" 2>&1)
check "publish-setup takes the first answers, keeping the configuration syncthing generate made ($out)" \
    '[ -f "$tmp/cm/config.xml.before-kiosk" ] && [[ "$out" == *"kept Syncthing'"'"'s previous configuration"* && "$out" == *"2 answers read"* && "$out" == *"group akko: $tmp/pub/akko -> folder kiosk-content-akko, send-only, to lobby"* ]]'
out=$("$kiosk" fleet publish-setup --home "$tmp/cm" --answers "$tmp/answers-later/library.txt" 2>&1)
check "and adds a kiosk enrolled later, keeping the others ($out)" \
    '[[ "$out" == *"group akko: $tmp/pub/akko -> folder kiosk-content-akko, send-only, to lobby library"* && "$out" == *"group ofakim: $tmp/pub/ofakim -> folder kiosk-content-ofakim, send-only, to centre"* && "$out" == *"kiosk centre ($(id centre)): folder kiosk-report-centre -> $tmp/fleet/centre, receive-only"* ]]'
out=$("$kiosk" fleet publish-setup --home "$tmp/cm" --answers "$tmp/stick-akko/KIOSK/enrol.json" 2>&1)
check "a file that is not an answer is refused with its name ($out)" \
    '[[ "$out" == *"enrol.json"*"expected"* ]]'
check "the content machine's config: local network only, report folders receive-only" \
    'grep -q "<globalAnnounceEnabled>false" "$tmp/cm/config.xml" && grep -q "<relaysEnabled>false" "$tmp/cm/config.xml" && grep -q "id=\"kiosk-report-lobby\" label=\"report lobby\" path=\"$tmp/fleet/lobby\" type=\"receiveonly\"" "$tmp/cm/config.xml"'
# Its web interface with a key for this test's byte counters.
sed -i "s|<address>$(gui cm)</address>|&<apikey>test-cm</apikey>|" "$tmp/cm/config.xml"

start_sync() {
    syncthing serve --home="$tmp/$1" --no-browser --no-restart --logflags=0 \
        >"$tmp/$1-syncthing.log" 2>&1 &
    pids+=($!)
    sync_pid[$1]=$!
}
start_player() {
    # The player's own settle time (3 s, watcher.h), so that the times measured are a kiosk's.
    KIOSK_NAME=$1 "$driver" "$tmp/$1-inbox" "$tmp/$1-state" "$tmp/keys" "${grp[$1]}" 3000 \
        "$tmp/stop-$1" "$tmp/$1-report" 170 >"$tmp/$1-player.log" 2>&1 &
    pids+=($!)
}
now_ms() { date +%s%3N; }
# wait_for SECONDS COMMAND...: until COMMAND succeeds (bounded).
wait_for() {
    local until=$(($(date +%s) + $1))
    shift
    while [ "$(date +%s)" -lt "$until" ]; do "$@" && return 0; sleep 0.2; done
    return 1
}
installed() { grep -q "installed version=$2 " "$tmp/$1-player.log"; }

start_sync cm
start_sync lobby
start_sync centre
start_player lobby
start_player centre

# 3. Publish version 2 for akko, signature first: lobby waits for the tar, then installs.
make_content "$tmp/content-2" "version 2"
"$kiosk" bundle "$tmp/content-2" --version 2 --group akko --out "$tmp/build2" >/dev/null
minisign -S -s "$tmp/city.key" -m "$tmp/build2/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=2 group=akko" >/dev/null </dev/null
mkdir -p "$tmp/pub/akko/KIOSK"
t0=$(now_ms)
cp "$tmp/build2/KIOSK/bundle.tar.minisig" "$tmp/pub/akko/KIOSK/"
wait_for 60 test -f "$tmp/lobby-inbox/KIOSK/bundle.tar.minisig"
check "the signature reaches lobby first ($(tail -2 "$tmp/lobby-syncthing.log"))" \
    'test -f "$tmp/lobby-inbox/KIOSK/bundle.tar.minisig" && ! installed lobby 2'
sleep 1.5
check "lobby waits for the tar, without an error ($(cat "$tmp/lobby-player.log"))" \
    '! grep -q "^import " "$tmp/lobby-player.log" && grep -q "note: one file of the bundle is here" "$tmp/lobby-player.log"'
t1=$(now_ms)
cp "$tmp/build2/KIOSK/bundle.tar" "$tmp/pub/akko/KIOSK/bundle.tar.part"
mv "$tmp/pub/akko/KIOSK/bundle.tar.part" "$tmp/pub/akko/KIOSK/bundle.tar"
wait_for 60 installed lobby 2
t2=$(now_ms)
check "version 2 installs on lobby ($(tail -3 "$tmp/lobby-player.log"))" 'installed lobby 2'
check "and not on centre (group ofakim)" '! grep -q "^installed" "$tmp/centre-player.log" && [ ! -e "$tmp/centre-inbox/KIOSK/bundle.tar" ]'
lobby_v2_ms=$((t2 - t1))

# 4. library starts later (it was off): it catches up with version 2.
start_sync library
start_player library
t3=$(now_ms)
wait_for 60 installed library 2
t4=$(now_ms)
check "library, started later, catches up ($(tail -3 "$tmp/library-player.log"))" 'installed library 2'
library_catchup_ms=$((t4 - t3))

# 5. Version 3 published once, with every kiosk running: both akko kiosks install it.
make_content "$tmp/content-3" "version 3"
# 2 MB of media that does not compress, so that the bytes sent say something about real bundles.
head -c 2000000 /dev/urandom >"$tmp/content-3/media/filler.bin"
"$kiosk" bundle "$tmp/content-3" --version 3 --group akko --out "$tmp/build3" >/dev/null
minisign -S -s "$tmp/city.key" -m "$tmp/build3/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=3 group=akko" >/dev/null </dev/null
t5=$(now_ms)
for f in bundle.tar bundle.tar.minisig; do
    cp "$tmp/build3/KIOSK/$f" "$tmp/pub/akko/KIOSK/.$f.part"
    mv "$tmp/pub/akko/KIOSK/.$f.part" "$tmp/pub/akko/KIOSK/$f"
done
wait_for 60 installed lobby 3
t6=$(now_ms)
wait_for 60 installed library 3
t7=$(now_ms)
check "version 3 installs on lobby and library" 'installed lobby 3 && installed library 3'
check "centre never got akko's content" '! grep -q "^installed" "$tmp/centre-player.log" && [ ! -e "$tmp/centre-inbox/KIOSK/bundle.tar" ]'
check "version 3 is current on both" 'diff -r "$tmp/content-3" "$tmp/lobby-state/current/content" >/dev/null && diff -r "$tmp/content-3" "$tmp/library-state/current/content" >/dev/null'
lobby_v3_ms=$((t6 - t5)) library_v3_ms=$((t7 - t5))

# 6. A tampered bundle written into lobby's receive-only folder (version 4's signature, its tar
# changed after signing): not installed there (version 3 stays; it is waited for as a pair that
# does not match, and refused once unchanged for 10 minutes: inbox_arrival.sh), and it does not
# spread to the content machine or to library.
make_content "$tmp/content-4" "version 4"
"$kiosk" bundle "$tmp/content-4" --version 4 --group akko --out "$tmp/build4" >/dev/null
minisign -S -s "$tmp/city.key" -m "$tmp/build4/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=4 group=akko" >/dev/null </dev/null
cp "$tmp/build4/KIOSK/bundle.tar" "$tmp/tampered.tar"
printf 'x' | dd of="$tmp/tampered.tar" bs=1 seek=600 conv=notrunc 2>/dev/null
cp "$tmp/tampered.tar" "$tmp/lobby-inbox/KIOSK/bundle.tar"
cp "$tmp/build4/KIOSK/bundle.tar.minisig" "$tmp/lobby-inbox/KIOSK/bundle.tar.minisig"
wait_for 30 grep -q 'import status="damaged or changed after signing" version=4' "$tmp/lobby-player.log"
check "the tampered bundle is not taken on lobby ($(tail -2 "$tmp/lobby-player.log"))" \
    'grep -q "import status=\"damaged or changed after signing\" version=4" "$tmp/lobby-player.log"'
sleep 3
check "version 3 still current on lobby" 'diff -r "$tmp/content-3" "$tmp/lobby-state/current/content" >/dev/null && ! installed lobby 4'
check "the tampered bundle did not spread" \
    'cmp -s "$tmp/build3/KIOSK/bundle.tar" "$tmp/pub/akko/KIOSK/bundle.tar" && cmp -s "$tmp/build3/KIOSK/bundle.tar" "$tmp/library-inbox/KIOSK/bundle.tar" && ! installed library 4'

# 7. Health and proof of play reach the content machine; a stopped kiosk shows as silent.
wait_for 60 bash -c "[ -f '$tmp/fleet/lobby/health.json' ] && [ -f '$tmp/fleet/library/health.json' ] && [ -f '$tmp/fleet/centre/health.json' ] && ls '$tmp/fleet/lobby/proof/' | grep -q plays"
check "every kiosk's health report reached the content machine" \
    '[ -f "$tmp/fleet/lobby/health.json" ] && [ -f "$tmp/fleet/library/health.json" ] && [ -f "$tmp/fleet/centre/health.json" ]'
wait_for 30 bash -c "grep -q '\"version\": 3' '$tmp/fleet/library/health.json'"
report=$("$kiosk" report --fleet "$tmp/fleet" --by kiosk --tz UTC 2>&1)
check "kiosk report adds up plays per kiosk ($report)" \
    '[[ "$report" == *"lobby"* && "$report" == *"library"* ]]'
touch "$tmp/stop-centre"
kill "${sync_pid[centre]}" 2>/dev/null
sleep 8
fleet=$("$kiosk" fleet "$tmp/fleet" --published "$tmp/pub" --silent-after 6s 2>&1)
echo "$fleet"
check "kiosk fleet shows the stopped kiosk as silent, first" \
    '[[ "$(sed -n 2p <<<"$fleet")" == centre*silent* ]]'
check "and the others as ok on version 3" \
    'grep -Eq "^lobby +akko +3 .* ok " <<<"$fleet" && grep -Eq "^library +akko +3 .* ok " <<<"$fleet"'

check "no temporary file of the kiosks' atomic writes was offered to the content machine" \
    '[ -f "$tmp/lobby-report/.stignore" ] && ! grep -q "health.json.tmp-" "$tmp/cm-syncthing.log"'

# 8. Bytes the content machine sent to each kiosk, from its own counters.
conns=$(curl -s -H "X-API-Key: test-cm" "http://$(gui cm)/rest/system/connections")
for k in lobby library; do
    sent=$(jq -r --arg id "$(id "$k")" '.connections[$id].inBytesTotal' <<<"$conns")
    got=$(jq -r --arg id "$(id "$k")" '.connections[$id].outBytesTotal' <<<"$conns")
    echo "measure: $k: content machine sent $got bytes, received $sent bytes"
done
echo "measure: bundle sizes: v2 $(stat -c %s "$tmp/build2/KIOSK/bundle.tar") bytes, v3 $(stat -c %s "$tmp/build3/KIOSK/bundle.tar") bytes"
echo "measure: publish to installed: lobby v2 ${lobby_v2_ms} ms (tar after signature), library catch-up ${library_catchup_ms} ms from start, v3 lobby ${lobby_v3_ms} ms, library ${library_v3_ms} ms"
finish
