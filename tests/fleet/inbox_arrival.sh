#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Partial arrival in the inbox (issue 18): a sync tool delivers bundle.tar and its signature
# separately, in either order, and may write a tar in place while it grows. A pair that does not
# match yet is waited for, never installed half-written, and the newest pair wins. A pair that
# does not match and stays so (tampered) is shown as waiting, not as a problem, until nothing in
# the inbox has changed for the refuse time; then it is refused, for staff and `kiosk fleet`.
#   inbox_arrival.sh KIOSK IMPORT_FIXTURE TMP   (KIOSK_TEST_INBOX = the inbox_driver)
source "$(dirname "$0")/../import/common.sh"
install_v1
for v in 2 3 4 5 6 7 8; do make_stick "$tmp/stick$v" "$v"; done
inbox=$tmp/inbox log=$tmp/driver.log report=$tmp/report/lobby
mkdir -p "$inbox/KIOSK"
# start_driver REFUSE_MS: the player's watcher and health report on the inbox, logging to $log.
start_driver() {
    rm -f "$tmp/stop"
    KIOSK_NAME=lobby KIOSK_TEST_REFUSE_MS=$1 "$KIOSK_TEST_INBOX" "$inbox" "$tmp/state" \
        "$tmp/keys" akko "${SETTLE:-1500}" "$tmp/stop" "$report" 100 >"$log" 2>&1 &
    dpid=$!
}
# The watcher's own refuse time (10 min) for parts 1 to 4, so that no pair is refused however
# slowly a busy machine runs them.
start_driver 0
trap 'touch "$tmp/stop"; kill $dpid 2>/dev/null' EXIT
# wait_for TEXT [TENTHS]: until the driver's log has TEXT (bounded).
wait_for() {
    for _ in $(seq "${2:-100}"); do grep -qF -- "$1" "$log" && return 0; sleep 0.1; done
    return 1
}
imports() { grep -c '^import ' "$log"; }
put() { cp "$tmp/stick$1/KIOSK/$2" "$inbox/KIOSK/$2.tmp" && mv "$inbox/KIOSK/$2.tmp" "$inbox/KIOSK/$2"; }

# 1. The signature first: nothing is tried, the inbox says it waits for the tar.
put 2 bundle.tar.minisig
sleep 1.5
check "a lone signature is waited for, not imported ($(cat "$log"))" \
    '[ "$(imports)" = 0 ] && grep -q "note: one file of the bundle is here" "$log"'
put 2 bundle.tar
wait_for "installed version=2"
check "its tar arrives: version 2 installs ($(tail -3 "$log"))" 'grep -q "installed version=2" "$log"'

# 2. The next signature before its tar (the old tar still there): the pair does not match; it
# is waited for (no error for staff), and installs as soon as the tar follows.
n=$(imports)
put 3 bundle.tar.minisig
wait_for "waiting for a matching signature" 40
# The driver writes its record of the attempt after the watcher's log line: wait for both.
wait_for '" version=3 waiting=1' 40
check "new signature, old tar: waiting, not refused ($(tail -2 "$log"))" \
    'grep -q "damaged or changed after signing\" version=3 waiting=1" "$log"'
sleep 1.5
check "the same mismatched pair is not tried again and again" '[ "$(imports)" = $((n + 1)) ]'
put 3 bundle.tar
wait_for "installed version=3"
check "its tar arrives: version 3 installs" 'grep -q "installed version=3" "$log"'

# 3. A tar written in place, growing in steps shorter than the settle time: not one attempt until
# it has stopped changing, then it installs.
n=$(imports)
size=$(stat -c %s "$tmp/stick4/KIOSK/bundle.tar")
half=$((size / 2))
put 4 bundle.tar.minisig
head -c "$half" "$tmp/stick4/KIOSK/bundle.tar" >"$inbox/KIOSK/bundle.tar"
for step in 1 2 3; do
    sleep 0.3
    head -c $((half + step * 512)) "$tmp/stick4/KIOSK/bundle.tar" | tail -c 512 \
        >>"$inbox/KIOSK/bundle.tar"
done
sleep 0.3
tail -c +$((half + 3 * 512 + 1)) "$tmp/stick4/KIOSK/bundle.tar" >>"$inbox/KIOSK/bundle.tar"
wait_for "installed version=4"
check "a growing tar installs once settled ($(tail -3 "$log"))" 'grep -q "installed version=4" "$log"'
check "with no attempt on the half-written tar" '[ "$(imports)" = $((n + 1)) ]'

# 4. A kiosk that was away: version 5 lands and version 6 replaces it within the settle time;
# the newest pair wins and version 5 is never installed.
put 5 bundle.tar; put 5 bundle.tar.minisig
sleep 0.2
put 6 bundle.tar; put 6 bundle.tar.minisig
wait_for "installed version=6"
check "the newest pair wins" 'grep -q "installed version=6" "$log" && ! grep -q "version=5" "$log"'
check "version 6 is current" 'diff -r "$tmp/content-6" "$tmp/state/current/content" >/dev/null'
check "nothing waits any more" '[ "$(grep "^note:" "$log" | tail -1)" = "note: (none)" ]'
check "no pair that was still arriving was logged as a problem" '! grep -q "warning" "$log"'

# 5. A tampered pair that never changes: version 7's signature beside its tar changed after
# signing. While it may still be arriving it is "waiting for a matching signature": in the health
# report and in `kiosk fleet` as a note, not as a failure, and not logged as a problem. Once
# nothing in the inbox has changed for the refuse time it is refused: a problem in the log, the
# last import refused in health.json, "failing" in `kiosk fleet`. A driver with a 6 s refuse time.
touch "$tmp/stop"
wait $dpid
refuse_s=6 log=$tmp/driver2.log
start_driver $((refuse_s * 1000))
wait_for "import status=" # the pair already installed, seen again at start
cp "$tmp/stick7/KIOSK/bundle.tar" "$tmp/tampered.tar"
printf 'x' | dd of="$tmp/tampered.tar" bs=1 seek=600 conv=notrunc 2>/dev/null
put 7 bundle.tar.minisig
cp "$tmp/tampered.tar" "$inbox/KIOSK/.t" && mv "$inbox/KIOSK/.t" "$inbox/KIOSK/bundle.tar"
t0=$(date +%s%3N)
wait_for "version=7 waiting=1" 40
sleep 1
fleet() { "$kiosk" fleet "$tmp/report" --silent-after 1 2>&1; }
out=$(fleet)
check "tampered pair: waiting, in health.json ($(cat "$report/health.json"))" \
    'jq -e ".inbox_waiting | startswith(\"waiting for a matching signature\")" "$report/health.json" && jq -e ".last_import.ok == true" "$report/health.json"'
check "kiosk fleet shows it waiting, not failing ($out)" \
    '[[ "$out" == *"lobby"*" ok "*"inbox: waiting for a matching signature"* ]]'
check "and the log has no problem about it" '! grep -q "warning.*damaged" "$log"'
wait_for "refused: /" 200
t1=$(date +%s%3N)
check "refused only after the refuse time ($((t1 - t0)) ms)" '[ $((t1 - t0)) -ge $((refuse_s * 1000)) ]'
sleep 0.5
out=$(fleet)
check "then refused in health.json ($(cat "$report/health.json"))" \
    'jq -e ".inbox_waiting == null and .last_import.ok == false and (.last_import.reason | test(\"unchanged for 6 s\"))" "$report/health.json"'
check "kiosk fleet shows it failing ($out)" \
    '[[ "$out" == *"lobby"*"failing"*"last import refused (version 7): damaged or changed after signing"* ]]'
check "a problem in the log now" 'grep -q "warning: watcher: inbox .*refused: damaged" "$log"'
check "version 6 still current" 'diff -r "$tmp/content-6" "$tmp/state/current/content" >/dev/null'
put 8 bundle.tar; put 8 bundle.tar.minisig
wait_for "installed version=8"
sleep 0.5
out=$(fleet)
check "the next bundle installs and the kiosk is ok again ($out)" \
    'grep -q "installed version=8" "$log" && [[ "$out" == *"lobby"*" 8 "*" ok "* ]]'
touch "$tmp/stop"
wait $dpid
finish
