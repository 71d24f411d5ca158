#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The player keeps the fleet's health report current (issue 18): with report_dir set it writes
# REPORT/health.json at start, and again when a bundle from the inbox is installed and shown,
# with the kiosk's Syncthing device ID when Syncthing's home (the report folder's parent) has
# a certificate.
source "$(dirname "$0")/../import/common.sh"
install_v1
make_stick "$tmp/stick2" 2
mkdir -p "$tmp/sync/report" "$tmp/inbox/KIOSK"
have_id=no
if command -v syncthing >/dev/null; then
    syncthing generate --home="$tmp/sync" --no-default-folder --skip-port-probing >/dev/null 2>&1
    have_id=yes
fi
printf 'report_dir = %s\n' "$tmp/sync/report" >"$tmp/kiosk.conf"
log=$tmp/player.log
"$kiosk" play "$tmp/state/current" --config "$tmp/kiosk.conf" --state "$tmp/state" \
    --keys "$tmp/keys" --group akko --window 640x360 --no-watch --inbox "$tmp/inbox" \
    >"$log" 2>&1 &
kpid=$!
trap 'kill -9 $kpid 2>/dev/null' EXIT
health=$tmp/sync/report/health.json
for _ in $(seq 100); do [ -f "$health" ] && break; sleep 0.1; done
check "the player writes health.json ($(tail -3 "$log"))" '[ -f "$health" ]'
check "it says version 1 of group akko" \
    'grep -q "\"group\": \"akko\"" "$health" && grep -A1 "\"content\"" "$health" | grep -q "\"version\": 1"'
if [ $have_id = yes ]; then
    id=$(syncthing serve --home="$tmp/sync" --device-id 2>/dev/null | tail -1)
    check "with the device ID Syncthing has ($id)" '[ -n "$id" ] && grep -q "\"device_id\": \"$id\"" "$health"'
fi
cp "$tmp/stick2/KIOSK/bundle.tar.minisig" "$tmp/stick2/KIOSK/bundle.tar" "$tmp/inbox/KIOSK/"
for _ in $(seq 300); do
    grep -A1 '"content"' "$health" 2>/dev/null | grep -q '"version": 2' && break
    sleep 0.1
done
check "after the inbox import it says version 2, installed ($(cat "$health"))" \
    'grep -A1 "\"content\"" "$health" | grep -q "\"version\": 2" && grep -q "\"result\": \"installed\"" "$health"'
check "it names the display the loop draws on, and the playlist shown" \
    'grep -Eq "\"name\": \"[a-z0-9]+ 640x360\"" "$health" && grep -q "\"playlist\": \"version 2\"" "$health"'
check "no temporary file is left in the report folder" \
    '[ "$(ls -A "$tmp/sync/report")" = health.json ]'
kill -TERM $kpid
wait $kpid 2>/dev/null
finish
