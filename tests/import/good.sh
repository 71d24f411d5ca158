#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The good path: a bundle signed by minisign installs; one signed by kiosk bundle --sign
# verifies with minisign -V and installs; previous is kept and older versions removed; the
# play-records request of --export-proof is in the signed comment.
source "$(dirname "$0")/common.sh"
install_v1
check "current links to versions/1" '[ "$(readlink "$tmp/state/current")" = versions/1 ]'
check "the stick is untouched (only the bundle and signature)" '[ "$(ls "$tmp/stick1/KIOSK")" = "$(printf "bundle.tar\nbundle.tar.minisig")" ]'

make_content "$tmp/content-2" "version 2"
out=$("$kiosk" bundle "$tmp/content-2" --version 2 --group akko --out "$tmp/stick2" \
    --sign "$tmp/city.key" 2>&1)
check "kiosk bundle --sign writes a signature ($out)" '[ $? = 0 ] && [ -f "$tmp/stick2/KIOSK/bundle.tar.minisig" ]'
v=$(minisign -V -p "$tmp/keys/city.pub" -m "$tmp/stick2/KIOSK/bundle.tar" 2>&1)
check "minisign -V accepts kiosk bundle --sign ($v)" '[[ "$v" == *"Signature and comment signature verified"*"Trusted comment: kiosk-bundle version=2 group=akko"* ]]'
import "$tmp/stick2"
check "version 2 installs ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 2"* ]]'
check "previous is version 1" '[ "$(readlink "$tmp/state/previous")" = versions/1 ]'
check "version 2 content complete" 'diff -r "$tmp/content-2" "$tmp/state/current/content" >/dev/null'

make_stick "$tmp/stick3" 3
import "$tmp/stick3"
check "version 3 installs" '[ $rc = 0 ]'
check "only versions 2 and 3 are kept" '[ "$(ls "$tmp/state/versions" | tr "\n" " ")" = "2 3 " ]'

# An encrypted key (minisign's default), password from the environment.
printf 'pw\npw\n' | minisign -G -p "$tmp/enc.pub" -s "$tmp/enc.key" >/dev/null 2>&1
cp "$tmp/enc.pub" "$tmp/keys/"
make_content "$tmp/content-4" "version 4"
out=$(KIOSK_KEY_PASSWORD=wrong "$kiosk" bundle "$tmp/content-4" --version 4 --group akko \
    --out "$tmp/stick4" --sign "$tmp/enc.key" 2>&1)
check "a wrong password is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"wrong password for this key"* ]]'
out=$(KIOSK_KEY_PASSWORD=pw "$kiosk" bundle "$tmp/content-4" --version 4 --group akko \
    --out "$tmp/stick4" --sign "$tmp/enc.key" 2>&1)
check "an encrypted key signs ($out)" '[ $? = 0 ]'
v=$(minisign -V -p "$tmp/enc.pub" -m "$tmp/stick4/KIOSK/bundle.tar" 2>&1)
check "minisign -V accepts it ($v)" '[[ "$v" == *"comment signature verified"* ]]'
import "$tmp/stick4"
check "version 4 installs ($out)" '[ $rc = 0 ]'

# --export-proof puts the request for the play records into the signed comment.
out=$("$kiosk" bundle "$tmp/content-2" --version 5 --group akko --out "$tmp/stick5" \
    --sign "$tmp/city.key" --export-proof 2>&1)
v=$(minisign -V -p "$tmp/keys/city.pub" -m "$tmp/stick5/KIOSK/bundle.tar" 2>&1)
check "kiosk bundle --export-proof signs the request ($v)" '[[ "$v" == *"Trusted comment: kiosk-bundle version=5 group=akko export=proof"* ]]'
import "$tmp/stick5"
check "and such a bundle installs like any other ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 5"* ]]'

# kiosk bundle refuses content that would not play.
mkdir -p "$tmp/broken"
echo '{"format": 1, "name": "x", "slides": [' >"$tmp/broken/playlist.json"
out=$("$kiosk" bundle "$tmp/broken" --version 9 --group akko --out "$tmp/stick9" 2>&1)
check "bundle refuses a broken playlist ($out)" '[ $? = 1 ] && [[ "$out" == *"would not play, so no bundle was written"* ]] && [ ! -e "$tmp/stick9/KIOSK/bundle.tar" ]'
finish
