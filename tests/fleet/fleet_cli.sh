#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The fleet's commands as an IT person uses them (issue 18), without Syncthing: enrolment orders
# refused for every reason a stick can be wrong, `kiosk fleet` (table, CSV, exit status) and
# `kiosk report` over several kiosks' folders.
#   fleet_cli.sh KIOSK IMPORT_FIXTURE TMP   (KIOSK_PROOF_DRIVER = tests/import's proof_driver)
source "$(dirname "$0")/../import/common.sh"
# A device ID in Syncthing's form (check characters included).
cm_id=EW5J62K-ALUFTTQ-IVUT4X6-366CRFN-PGI7EDR-777FXHL-HH34ISP-5J5KZA7
order() { # order STICK [fleet order options...]
    local stick=$1
    shift
    "$kiosk" fleet order --device-id "$cm_id" --address tcp://192.168.10.5:22000 --out "$stick" \
        "$@" >/dev/null
}
sign() { # sign STICK KEY COMMENT
    minisign -S -s "$2" -m "$1/KIOSK/enrol.json" -t "$3" >/dev/null </dev/null
}
enrol() { # enrol STICK: sets out and rc
    out=$("$kiosk" fleet enrol "$1" --syncthing-home "$tmp/home" --inbox "$tmp/inbox" \
        --state "$tmp/state" --keys "$tmp/keys" --group akko --name lobby --config /dev/null 2>&1)
    rc=$?
}
mkdir -p "$tmp/state"

order "$tmp/s1" --group akko
sign "$tmp/s1" "$tmp/other.key" "kiosk-enrol group=akko seq=1"
enrol "$tmp/s1"
check "an order signed by an unknown key is refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"signed by a key this kiosk does not trust"* ]]'

order "$tmp/s2" --group akko
sign "$tmp/s2" "$tmp/city.key" "kiosk-enrol group=akko seq=1"
sed -i 's/192.168.10.5/192.168.66.6/' "$tmp/s2/KIOSK/enrol.json"
enrol "$tmp/s2"
check "an order edited after signing is refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"enrol.json: does not match its signature"* ]]'

order "$tmp/s3" --group ofakim
sign "$tmp/s3" "$tmp/city.key" "kiosk-enrol group=ofakim seq=1"
enrol "$tmp/s3"
check "another group's order is refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"the order is for group \"ofakim\", this kiosk is in \"akko\""* ]]'

order "$tmp/s4" --group akko
sign "$tmp/s4" "$tmp/city.key" "kiosk-bundle version=1 group=akko"
enrol "$tmp/s4"
check "a bundle's signature does not pass for an order ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"is not an enrolment order"* ]]'

mkdir -p "$tmp/s5/KIOSK"
printf '{"format": 1, "content_machine": {"name": "m", "device_id": "%s", "address": "%s"},\n "content_folder": "c", "report_folder_prefix": "r-"}\n' \
    "${cm_id%A7}AA" "tcp://192.168.10.5:22000" >"$tmp/s5/KIOSK/enrol.json"
sign "$tmp/s5" "$tmp/city.key" "kiosk-enrol group=akko seq=1"
enrol "$tmp/s5"
check "a device ID with a wrong check character is refused, naming the field ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"field \"device_id\""*"correct check characters"* ]]'

printf '{"format": 1,\n "content_machine": {"name": "m" "device_id": ""}}\n' >"$tmp/s5/KIOSK/enrol.json"
sign "$tmp/s5" "$tmp/city.key" "kiosk-enrol group=akko seq=1"
enrol "$tmp/s5"
check "broken JSON is refused with its line and column ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"enrol.json:2:"* ]]'

rm -f "$tmp/s2/KIOSK/enrol.json.minisig"
enrol "$tmp/s2"
check "an unsigned order is refused ($out)" '[ $rc = 1 ] && [[ "$out" == *"enrol.json.minisig"* ]]'
check "nothing was configured by any refused order" '[ ! -e "$tmp/home/config.xml" ]'

out=$("$kiosk" fleet order --group akko --device-id NOT-AN-ID --address tcp://h:1 --out "$tmp/x" 2>&1)
check "kiosk fleet order refuses a mistyped device ID ($out)" \
    '[ $? = 2 ] && [[ "$out" == *"is not a Syncthing device ID"* ]]'

# kiosk fleet: a table with the kiosks that need looking at first, CSV, and the exit status.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
old=$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:%SZ)
health() { # health FOLDER NAME VERSION WRITTEN [IMPORT_JSON]
    mkdir -p "$tmp/fleet/$1"
    printf '{"format": 1, "kiosk": "%s", "group": "akko", "written": "%s", "uptime_s": 60,\n' \
        "$2" "$4" >"$tmp/fleet/$1/health.json"
    printf ' "content": {"version": %s, "group": "akko", "playlist": "x"},\n "last_import": %s,\n' \
        "$3" "${5:-null}" >>"$tmp/fleet/$1/health.json"
    printf ' "display": {"ok": true}, "problems": []}\n' >>"$tmp/fleet/$1/health.json"
}
health lobby lobby 5 "$now"
health library library 4 "$now"
health centre centre 5 "$old"
health jobs jobs 5 "$now" '{"result": "not signed by a trusted key", "ok": false, "version": 6, "reason": "key 1234"}'
# "kiosk:state" for each line of the table.
states() {
    awk 'NR > 1 { for (i = 2; i <= NF; i++) if ($i ~ /^(failing|silent|behind|ok)$/) {
        printf "%s:%s ", $1, $i; break } }'
}
out=$("$kiosk" fleet "$tmp/fleet")
rc=$?
echo "$out"
check "kiosk fleet exits 1 when some kiosk needs looking at" '[ $rc = 1 ]'
check "failing, silent, behind, then ok" \
    '[ "$(states <<<"$out")" = "jobs:failing centre:silent library:behind lobby:ok " ]'
check "with the reasons in plain words" \
    '[[ "$out" == *"last import refused (version 6): not signed by a trusted key: key 1234"* && "$out" == *"no report for 3 h"* && "$out" == *"shows version 4, version 5 is published"* ]]'
csv=$("$kiosk" fleet "$tmp/fleet" --csv)
check "CSV has a header and one line per kiosk" \
    '[ "$(head -1 <<<"$csv" | tr -d "\r")" = "kiosk,group,version,newest,last_seen,state,problems" ] && [ "$(wc -l <<<"$csv")" = 5 ]'
rm -rf "$tmp/fleet/jobs" "$tmp/fleet/centre" "$tmp/fleet/library"
"$kiosk" fleet "$tmp/fleet" >/dev/null
check "and 0 when every kiosk is ok" '[ $? = 0 ]'
out=$("$kiosk" fleet "$tmp/fleet" --silent-after soon 2>&1)
check "a bad --silent-after is a usage error ($out)" '[ $? = 2 ] && [[ "$out" == *"--silent-after expects minutes"* ]]'

# kiosk report over several kiosks: per kiosk, per slide, per day.
"$KIOSK_PROOF_DRIVER" write "$tmp/fleet/lobby/proof" 2 lobby >/dev/null
mkdir -p "$tmp/fleet/library/proof"
"$KIOSK_PROOF_DRIVER" write "$tmp/fleet/library/proof" 2 library >/dev/null
mkdir -p "$tmp/fleet/notakiosk"
out=$("$kiosk" report --fleet "$tmp/fleet" --tz UTC 2>&1)
rc=$?
echo "$out"
check "kiosk report --fleet has a kiosk column and each kiosk's plays ($rc)" \
    '[ $rc = 0 ] && [[ "$(head -1 <<<"$out")" == *kiosk* ]] && grep -q " lobby .*lobby-1 " <<<"$out" && grep -q " library .*library-2 " <<<"$out"'
check "and the total of both" 'grep -Eq "^total +4 " <<<"$out"'
out=$("$kiosk" report --fleet "$tmp/fleet" --by kiosk --tz UTC --csv 2>&1)
check "--by kiosk adds up each kiosk over all days and slides ($out)" \
    '[[ "$out" == "group,kiosk,plays,seconds"* && "$out" == *",library,2,16.000"* && "$out" == *",lobby,2,16.000"* ]] && [ "$(wc -l <<<"$out")" = 3 ]'
out=$("$kiosk" report --fleet "$tmp/fleet" --by week 2>&1)
check "a bad --by is a usage error ($out)" '[ $? = 2 ] && [[ "$out" == *"--by expects day, kiosk and slide"* ]]'
finish
