#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Signature refusals: each leaves version 1 installed and complete, with the right message.
source "$(dirname "$0")/common.sh"
install_v1

make_content "$tmp/content-2" "version 2"
"$kiosk" bundle "$tmp/content-2" --version 2 --group akko --out "$tmp/unsigned" >/dev/null
import "$tmp/unsigned"
check "unsigned ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: not signed: "*"bundle.tar.minisig: cannot open"* ]]'
still_v1 unsigned

make_stick "$tmp/flip" 2
printf '\x55' | dd of="$tmp/flip/KIOSK/bundle.tar" bs=1 seek=700 conv=notrunc status=none
import "$tmp/flip"
check "flipped byte ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: damaged or changed after signing: "*"does not match its signature"* ]]'
still_v1 "flipped byte"

make_stick "$tmp/edited" 2
sed -i 's/^trusted comment: kiosk-bundle version=2/trusted comment: kiosk-bundle version=9/' \
    "$tmp/edited/KIOSK/bundle.tar.minisig"
import "$tmp/edited"
check "edited trusted comment ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: damaged or changed after signing: "*"the trusted comment does not match its signature"* ]]'
still_v1 "edited trusted comment"

make_stick "$tmp/legacy" 2
minisign -S -l -s "$tmp/city.key" -m "$tmp/legacy/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=2 group=akko" >/dev/null </dev/null
import "$tmp/legacy"
check "legacy signature ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: signed in the old minisign format: "*"a legacy (non-prehashed) signature"* ]]'
still_v1 legacy

make_stick "$tmp/foreign" 2
minisign -S -s "$tmp/other.key" -m "$tmp/foreign/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=2 group=akko" >/dev/null </dev/null
import "$tmp/foreign"
check "unknown key ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: not signed by a trusted key: "*"which is not among the 1 trusted keys in"* ]]'
still_v1 "unknown key"

make_stick "$tmp/same" 1
import "$tmp/same"
check "equal version ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: not newer than the installed version: "*"the bundle is version 1; version 1 is installed"* ]]'
still_v1 "equal version"
import "$tmp/stick1"
check "replay of the installed stick ($out)" '[ $rc = 1 ] && [[ "$out" == *"not newer than the installed version"* ]]'

make_stick "$tmp/dimona" 2 dimona
import "$tmp/dimona"
check "other group ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: for another screen group: "*"the bundle is for screen group \"dimona\"; this kiosk is in group \"akko\""* ]]'
still_v1 "other group"

make_stick "$tmp/plain" 2
minisign -S -s "$tmp/city.key" -m "$tmp/plain/KIOSK/bundle.tar" >/dev/null </dev/null
import "$tmp/plain"
check "default trusted comment ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: not a kiosk bundle: "*"expected \"kiosk-bundle version=N group=G\""* ]]'
still_v1 "default trusted comment"

mkdir -p "$tmp/empty"
import "$tmp/empty"
check "no bundle ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: no bundle found: "*"KIOSK/bundle.tar: not found"* ]]'
still_v1 "no bundle"
finish
