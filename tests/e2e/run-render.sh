#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# `kiosk render` for approvals: --lang all writes every slide and page in every language, --lang
# TAG only that one, --at writes the pages that can be opened then, and --sheet a contact sheet
# per language whose cells hold the slides in reading order (from the right in Hebrew).
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/show"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
listing() { (cd "$1" && find . -maxdepth 1 -name '*.png' | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' '); }
# The colour of a sheet pixel as "r,g,b" (ImageMagick).
pixel() { convert "$1" -format "%[fx:int(255*p{$2,$3}.r)],%[fx:int(255*p{$2,$3}.g)],%[fx:int(255*p{$2,$3}.b)]" info:; }

cat >"$tmp/show/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "Render test",
  "screen": {"width": 640, "height": 360},
  "languages": ["he", "en"],
  "place": {"city": "Akko"},
  "slides": [
    {"id": "red", "background": "#ff0000"},
    {"id": "green", "background": "#00ff00"},
    {"id": "blue", "background": "#0000ff"}
  ],
  "pages": [
    {"id": "info", "background": "#ffff00"},
    {"id": "mornings", "background": "#00ffff",
     "schedule": {"times": [{"from": "08:00", "to": "12:00"}]}}
  ]
}
JSON

out=$("$kiosk" render "$tmp/show" --out "$tmp/all" --lang all 2>&1)
got=$(listing "$tmp/all")
check "--lang all writes slides and pages in every language ($got)" \
    '[ "$got" = "01-red-en.png 01-red-he.png 02-green-en.png 02-green-he.png 03-blue-en.png 03-blue-he.png page-info-en.png page-info-he.png page-mornings-en.png page-mornings-he.png " ]'

"$kiosk" render "$tmp/show" --out "$tmp/en" --lang en >/dev/null 2>&1
got=$(listing "$tmp/en")
check "--lang en writes slides and pages in English only ($got)" \
    '[ "$got" = "01-red.png 02-green.png 03-blue.png page-info-en.png page-mornings-en.png " ]'

err=$("$kiosk" render "$tmp/show" --out "$tmp/fr" --lang fr 2>&1)
check "--lang with a language the playlist lacks names them ($err)" \
    '[ $? = 2 ] && [[ "$err" == *"languages are he en; or \"all\""* ]]'

"$kiosk" render "$tmp/show" --out "$tmp/at-night" --at '2027-01-05 21:00' >/dev/null 2>&1
got=$(listing "$tmp/at-night")
check "--at in the evening writes the slides and the page open then ($got)" \
    '[ "$got" = "01-red.png 02-green.png 03-blue.png page-info-en.png page-info-he.png " ]'
"$kiosk" render "$tmp/show" --out "$tmp/at-morning" --at '2027-01-05 09:00' >/dev/null 2>&1
got=$(listing "$tmp/at-morning")
check "--at in the morning writes the morning page too ($got)" \
    '[[ "$got" == *"page-mornings-he.png"* ]]'

"$kiosk" render "$tmp/show" --out "$tmp/sheet" --sheet >/dev/null 2>&1
check "--sheet writes a sheet per language" '[ -f "$tmp/sheet/sheet-he.png" ] && [ -f "$tmp/sheet/sheet-en.png" ]'
# 640x360 frames become 480x270 thumbnails, four to a row: 5 items make 4 columns, 2 rows.
size=$(identify -format '%wx%h' "$tmp/sheet/sheet-en.png" 2>/dev/null)
check "the sheet holds 4 columns and 2 rows of 480x270 cells ($size)" '[ "$size" = "2040x772" ]'
# Cell centres on the first row: x = 24 + c * 504 + 240, y = 96 + 135.
en1=$(pixel "$tmp/sheet/sheet-en.png" 264 231)
en3=$(pixel "$tmp/sheet/sheet-en.png" 1272 231)
check "English sheet: the first slide on the left ($en1), the third in the third cell ($en3)" \
    '[ "$en1" = "255,0,0" ] && [ "$en3" = "0,0,255" ]'
he1=$(pixel "$tmp/sheet/sheet-he.png" 1776 231)
he4=$(pixel "$tmp/sheet/sheet-he.png" 264 231)
check "Hebrew sheet reads from the right: first slide rightmost ($he1), the page leftmost ($he4)" \
    '[ "$he1" = "255,0,0" ] && [ "$he4" = "255,255,0" ]'

# A clock shows the playlist's local time whatever the machine's zone: a Pi left on UTC shows
# 17:20 in Akko at 17:20 Akko time, as the schedules read it.
mkdir -p "$tmp/clock"
cat >"$tmp/clock/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "Clock",
  "screen": {"width": 640, "height": 360},
  "languages": ["he"],
  "place": {"city": "Akko"},
  "slides": [
    {"id": "clock", "background": "#203040",
     "texts": [{"type": "clock", "format": "datetime", "box": [0.1, 0.1, 0.8, 0.5],
                "size": 60}]}
  ]
}
JSON
for zone in UTC Asia/Jerusalem America/New_York; do
    TZ=$zone "$kiosk" render "$tmp/clock" --out "$tmp/clock-${zone//\//-}" \
        --at '2026-12-10 17:20' >/dev/null 2>&1
done
TZ=Asia/Jerusalem "$kiosk" render "$tmp/clock" --out "$tmp/clock-1520" --at '2026-12-10 15:20' \
    >/dev/null 2>&1
check "the clock is the same picture on machines in UTC, Jerusalem and New York" \
    'cmp -s "$tmp/clock-UTC/01-clock.png" "$tmp/clock-Asia-Jerusalem/01-clock.png" &&
     cmp -s "$tmp/clock-America-New_York/01-clock.png" "$tmp/clock-Asia-Jerusalem/01-clock.png"'
check "and another time is another picture (the clock is drawn)" \
    '! cmp -s "$tmp/clock-1520/01-clock.png" "$tmp/clock-Asia-Jerusalem/01-clock.png"'

finish
