#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The emergency section in `kiosk check` and `kiosk render`: a text that does not fit in one
# language, a language with no text, buttons on an emergency slide; every emergency slide in
# every language written, and the built-in emergency slide on request.
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/show"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

write() {
    cat >"$tmp/show/playlist.json" <<JSON
{"format": 1, "name": "show", "screen": {"width": 640, "height": 360},
 "languages": ["he", "ar", "en"],
 "slides": [{"id": "one", "background": "#203040"}],
 "emergency": {"slides": [
   {"id": "shelter", "background": "#8b0000",
    "texts": [{"text": $1, "box": [0.05, 0.05, 0.9, 0.2], "size": 30, "min_size": 30}]$2}]}}
JSON
}

write '{"he": "מרחב מוגן", "ar": "المكان المحمي", "en": "Protected space"}' ''
out=$("$kiosk" check "$tmp/show" 2>&1)
check "a good section passes ($out)" '[ $? = 0 ] || [[ "$out" == *OK* ]]'
rm -rf "$tmp/out"
"$kiosk" render "$tmp/show" --out "$tmp/out" --emergency-builtin >/dev/null 2>&1
for f in emergency-01-shelter-he emergency-01-shelter-ar emergency-01-shelter-en emergency-built-in; do
    check "render writes $f.png" '[ -s "$tmp/out/$f.png" ]'
done

write '{"he": "מרחב מוגן", "en": "Protected space"}' ''
out=$("$kiosk" check "$tmp/show" 2>&1)
check "a language with no text is named ($out)" \
    '[[ "$out" == *"emergency.slides[0].texts[0].text"*"no text in ar"* ]]'

write '{"he": "מרחב מוגן", "ar": "المكان المحمي", "en": "Go to the protected space at once, and stay there until further notice, following the instructions of the Home Front Command"}' ''
out=$("$kiosk" check "$tmp/show" 2>&1)
rc=$?
check "an English text that does not fit is an error ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"emergency slide \"shelter\": the en text does not fit"* ]]'

write '{"he": "א", "ar": "ب", "en": "c"}' ', "buttons": [{"box": [0.1, 0.5, 0.3, 0.2], "action": "next", "label": {"he": "x"}}]'
out=$("$kiosk" check "$tmp/show" 2>&1)
rc=$?
check "buttons on an emergency slide are refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"emergency.slides[0].buttons: an emergency slide has no buttons"* ]]'
finish
