#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# `kiosk check` warns about text that is hard to read where it stands: white text over a pale
# sky gets the measured contrast and a suggestion; the same text on a panel, or dark text on the
# sky, does not. The measure is of the pixels behind the letters, as the kiosk draws them.
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/sky"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

cat >"$tmp/sky/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "Pale sky",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["he", "en"],
  "slides": [
    {"id": "sky", "background": {"gradient": ["#d8ecff", "#f4faff"], "angle": 180},
     "texts": [
       {"id": "white-title", "text": {"he": "ברוכים הבאים לאופקים", "en": "Welcome to Ofakim"},
        "box": [0.1, 0.1, 0.8, 0.2], "size": 96, "weight": "bold", "color": "#ffffff"},
       {"id": "on-panel", "text": {"he": "שעות פתיחה", "en": "Opening hours"},
        "box": [0.1, 0.4, 0.8, 0.15], "size": 64, "color": "#ffffff",
        "panel": {"color": "#0b2540e0", "padding": 16}},
       {"id": "dark", "text": {"he": "מוקד עירוני 106", "en": "City hotline 106"},
        "box": [0.1, 0.6, 0.8, 0.1], "size": 40, "color": "#0b2540"},
       {"id": "small-grey", "text": {"he": "אותיות קטנות ואפורות", "en": "Small grey print"},
        "box": [0.1, 0.75, 0.8, 0.06], "size": 20, "color": "#9aa5b1"}
     ]}
  ]
}
JSON
out=$("$kiosk" check "$tmp/sky" 2>&1)
status=$?
echo "$out"
check "warnings do not fail the check (exit $status)" '[ $status = 0 ]'
check "white text on a pale sky: measured contrast, languages, and what to do" \
    'grep -Eq "playlist.json:9:8: warning: slides\[0\]\.texts\[0\]: block \"white-title\" of slide \"sky\": the text is hard to read \(he, en\): its letters stand on a background whose contrast with the text colour is 1\.[0-9]:1, where large text needs at least 3\.0:1 \(WCAG AA\); give it a panel" <<<"$out"'
check "small grey print needs 4.5:1 (normal-size text)" \
    'grep -q "block \"small-grey\".*hard to read (he, en).*where normal-size text needs at least 4.5:1" <<<"$out"'
check "white text on a dark panel is not reported" '! grep -q "\"on-panel\"" <<<"$out"'
check "dark text on the pale sky is not reported" '! grep -q "\"dark\"" <<<"$out"'
check "one warning per block, not one per language" \
    '[ "$(grep -c "white-title" <<<"$out")" = 1 ]'

finish
