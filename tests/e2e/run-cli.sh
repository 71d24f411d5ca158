#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The command line as a user meets it: usage errors, --version, check on good and bad folders.
set -u
kiosk=$1 data=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

out=$("$kiosk" --version)
check "--version prints the version ($out)" '[[ "$out" =~ ^kiosk\ [0-9]+\.[0-9]+\.[0-9]+$ ]]'
"$kiosk" >/dev/null 2>&1
check "no arguments is a usage error (2)" '[ $? = 2 ]'
"$kiosk" render "$data/colours" >/dev/null 2>&1
check "render without --out is a usage error" '[ $? = 2 ]'
err=$("$kiosk" "$data/colours" --window 12by7 2>&1)
check "a bad --window says what was expected" '[ $? = 2 ] && [[ "$err" == *"expected WIDTHxHEIGHT"* ]]'

out=$("$kiosk" check "$data/colours" 2>&1)
check "check accepts a good folder ($out)" '[ $? = 0 ] && [[ "$out" == *"3 slides"*OK* ]]'

mkdir -p "$tmp/bad"
cat >"$tmp/bad/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "bad",
  "screen": {"width": 640, "height": 360},
  "languages": ["he"],
  "slides": [
    {"id": "a", "duration": 0.2, "background": "#fff"},
    {"id": "b", "image": {"src": "missing.jpg", "fitt": "cover"}}
  ]
}
JSON
out=$("$kiosk" check "$tmp/bad" 2>&1)
status=$?
echo "$out"
check "check fails on a bad folder" '[ $status = 1 ]'
check "names file, line, column and path for a duration out of range" \
    'grep -Eq "playlist.json:7:[0-9]+: slides\[0\]\.duration: " <<<"$out"'
check "reports an unknown key with what was expected" \
    'grep -Eq "playlist.json:8:[0-9]+: slides\[1\]\.image\.fitt: .*unknown key.*expected one of" <<<"$out"'
check "reports the missing image" 'grep -Eq "slides\[1\]\.image\.src: .*missing.jpg" <<<"$out"'

# An oversized image is refused by its header: a PNG declaring 20000x20000.
mkdir -p "$tmp/bomb"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x4e\x20\x00\x00\x4e\x20\x08\x02\x00\x00\x00\x00\x00\x00\x00' >"$tmp/bomb/bomb.png"
cat >"$tmp/bomb/playlist.json" <<'JSON'
{"format": 1, "name": "bomb", "screen": {"width": 640, "height": 360}, "languages": ["en"],
 "slides": [{"id": "bomb", "image": {"src": "bomb.png"}}]}
JSON
out=$("$kiosk" check "$tmp/bomb" 2>&1)
status=$?
echo "$out"
check "an image of 400 megapixels is refused" '[ $status = 1 ] && grep -q "20000x20000" <<<"$out"'

# Text on pages is checked like text on slides: a button label that cannot fit, a page text in a
# script the fonts lack.
mkdir -p "$tmp/page-text"
cat >"$tmp/page-text/playlist.json" <<'JSON'
{"format": 1, "name": "page text", "screen": {"width": 640, "height": 360}, "languages": ["en"],
 "interactive": {"touch_opens_home": true, "home": "home"},
 "slides": [{"id": "a", "background": "#000000"}],
 "pages": [{"id": "home",
   "texts": [{"text": {"en": "Klingon \uf8e0"}, "box": [0.1, 0.1, 0.8, 0.2]}],
   "buttons": [{"id": "long", "box": [0.1, 0.6, 0.2, 0.2], "action": "language:en",
                "label": {"en": "A label much too long to fit a small button at all"},
                "style": {"size": 30, "min_size": 30}}]}]}
JSON
out=$("$kiosk" check "$tmp/page-text" 2>&1)
status=$?
echo "$out"
check "check refuses a button label that does not fit" \
    '[ $status = 1 ] && grep -q "the label of button \"long\" of page \"home\": the en text does not fit" <<<"$out"'
check "and a page text the fonts cannot show" \
    'grep -q "block 1 of page \"home\": no bundled font can show U+F8E0" <<<"$out"'

out=$("$kiosk" render "$data/colours" --out "$tmp/render" --size 320x180 --transition-at 0.5 2>&1)
check "render writes a PNG per slide and per transition" \
    '[ $(ls "$tmp/render"/*.png | wc -l) = 6 ]'

# Text: what does not fit its box, and what no bundled font can show, named by slide, block and
# language; the player would still play it (outlined in preview), but check refuses it.
mkdir -p "$tmp/text"
cat >"$tmp/text/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "text problems",
  "screen": {"width": 640, "height": 360},
  "languages": ["he", "en"],
  "slides": [
    {"id": "welcome", "background": "#203040", "texts": [
      {"id": "title", "text": {"he": "ברוכים הבאים לעכו, עיר עתיקה על חוף הים, עם נמל דייגים וחומות", "en": "Hi"},
       "box": [0.1, 0.1, 0.3, 0.2], "size": 40, "min_size": 30},
      {"id": "emoji", "text": {"he": "שלום 😀", "en": "Hello"}, "box": [0.1, 0.5, 0.8, 0.3]}
    ]}
  ]
}
JSON
out=$("$kiosk" check "$tmp/text" 2>&1)
status=$?
echo "$out"
check "check refuses text problems" '[ $status = 1 ]'
check "overflow names the block, the slide and the language" \
    'grep -Eq "playlist.json:8:[0-9]+: slides\[0\]\.texts\[0\]: block \"title\" of slide \"welcome\": the he text does not fit its box even at the minimum size of 30 px" <<<"$out"'
check "a character without a font is named with its code point" \
    'grep -q "block \"emoji\" of slide \"welcome\": no bundled font can show U+1F600" <<<"$out"'
check "the English title fits and is not reported" '! grep -q "the en text does not fit" <<<"$out"'
"$kiosk" render "$tmp/text" --out "$tmp/text-render" >/dev/null 2>&1
red=$(convert "$tmp/text-render/01-welcome.png" -format '%[hex:p{63,35}]' info: 2>/dev/null | cut -c1-6)
check "render outlines the overflowing box in red ($red)" '[ "$red" = FF0000 ]'

finish
