#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The importer killed (SIGKILL) at random moments of an import; start-up recovery must always
# yield version 1 or version 2, complete, and never leave staging behind.
source "$(dirname "$0")/common.sh"
kills=${KIOSK_TEST_KILLS:-30}
install_v1
cp -a "$tmp/state" "$tmp/pristine"

make_content "$tmp/content-2" "version 2"
head -c 4000000 /dev/urandom >"$tmp/content-2/media/blob.bin"
for i in $(seq 1 40); do echo "file $i" >"$tmp/content-2/media/f$i.txt"; done
make_stick "$tmp/stick2" 2 akko "$tmp/content-2"

# How long a whole import takes here; kills land uniformly within it.
start=$(date +%s%N)
import "$tmp/stick2"
check "an uninterrupted import installs version 2 ($out)" '[ $rc = 0 ]'
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$total_ms" -lt 20 ] && total_ms=20

olds=0 news=0
for i in $(seq 1 "$kills"); do
    rm -rf "$tmp/state"
    cp -a "$tmp/pristine" "$tmp/state"
    delay_ms=$(( RANDOM % total_ms ))
    "$kiosk" import "$tmp/stick2" --state "$tmp/state" --keys "$tmp/keys" --group akko \
        --reserve 0 >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$delay_ms")"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
    if [[ "$rec" == *"version 1 of group"* ]] &&
        diff -r "$tmp/content-1" "$tmp/state/current/content" >/dev/null; then
        olds=$((olds + 1))
    elif [[ "$rec" == *"version 2 of group"* ]] &&
        diff -r "$tmp/content-2" "$tmp/state/current/content" >/dev/null; then
        news=$((news + 1))
    else
        check "kill $i after ${delay_ms} ms: old or new, complete ($rec)" false
    fi
    check "kill $i: no staging or half-made links left" '[ ! -e "$tmp/state/staging" ] && [ ! -e "$tmp/state/current.new" ] && [ ! -e "$tmp/state/previous.new" ]'
    check "kill $i: only referenced versions remain" '[ "$(ls "$tmp/state/versions" | wc -l)" -le 2 ]'
done
echo "kill_recovery: $kills kills within ${total_ms} ms: $olds old, $news new"
check "every kill ended old or new ($olds + $news = $kills)" '[ $((olds + news)) = "$kills" ]'

# Recovery falls back to previous when current is unusable.
rm -rf "$tmp/state"
cp -a "$tmp/pristine" "$tmp/state"
import "$tmp/stick2"
rm "$tmp/state/versions/2/content/playlist.json"
rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
check "unusable current falls back to previous ($rec)" '[[ "$rec" == *"version 1 of group \"akko\" is current"* ]]'
still_v1 "fallback"
finish
