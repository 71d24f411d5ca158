#!/usr/bin/env bash
# shellcheck disable=SC2016 # check's conditions are evaluated later (tests/lib/check.sh)
# kiosk new: the template becomes a playlist that passes kiosk check with no warning, bundles,
# signs and renders in every language asked for, from each template (landscape and portrait),
# for a right-to-left and a left-to-right first language, a city the calendar knows (its name
# in each language, the Shabbat greeting kept) and one it does not (its name as given, the
# greeting left out, with a note); a folder that is not empty, bad languages and an unknown
# template are refused with a message and nothing written.
set -u
kiosk=$1 out=$2
export TZ=UTC
rm -rf "$out"
mkdir -p "$out"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAILED: $*"
    failed=$((failed + 1))
}
expect() { # expect DESCRIPTION PATTERN FILE
    if grep -q -- "$2" "$3"; then ok; else fail "$1 (no \"$2\" in $3)"; cat "$3"; fi
}

# Hebrew first, with English and Arabic, in a city the calendar knows.
if "$kiosk" new "$out/ofakim" --city Ofakim --langs he,en,ar >"$out/new1.txt" 2>&1; then ok; else
    fail "kiosk new ofakim"
    cat "$out/new1.txt"
fi
expect "new says the result passes" '"Ofakim — city hall lobby": 4 slides, 1 pages, OK' "$out/new1.txt"
if "$kiosk" check "$out/ofakim" >"$out/check1.txt" 2>&1; then ok; else
    fail "kiosk check ofakim"
    cat "$out/check1.txt"
fi
expect "languages in the order asked" '"languages": \["he", "en", "ar"\]' "$out/ofakim/playlist.json"
expect "the place for Shabbat times" '"place": {"city": "Ofakim"}' "$out/ofakim/playlist.json"
expect "the Shabbat greeting" '"rest_days": "only"' "$out/ofakim/playlist.json"
expect "the city in the title" '"en": "Welcome to Ofakim"' "$out/ofakim/playlist.json"
# The city's name as each language writes it, joined to the Hebrew prefix without a maqaf.
expect "the city in Hebrew" '"he": "ברוכים הבאים לאופקים"' "$out/ofakim/playlist.json"
expect "the city in Arabic" '"ar": "أهلًا وسهلًا في أوفاكيم"' "$out/ofakim/playlist.json"
# The events list: five rows, the date and time in a column of their own.
expect "five event rows" '"id": "event-5"' "$out/ofakim/playlist.json"
expect "a date column" '"id": "date-5"' "$out/ofakim/playlist.json"
if grep -q 'warning' "$out/check1.txt"; then
    fail "kiosk check warns"
    cat "$out/check1.txt"
else ok; fi

if grep -q '"ru":' "$out/ofakim/playlist.json"; then fail "a Russian text is left"; else ok; fi
if grep -q 'language:ru' "$out/ofakim/playlist.json"; then fail "a Russian button is left"; else ok; fi
check "the pictures are copied" '[ -f "$out/ofakim/media/photo-title.jpg" ]'
# The title's box is laid out for right-to-left reading: at the right of the logo.
expect "right-to-left layout" '"box": \[0.22, 0.06, 0.72, 0.3\]' "$out/ofakim/playlist.json"
if "$kiosk" render "$out/ofakim" --out "$out/render1" --lang all >/dev/null 2>&1; then ok; else
    fail "render ofakim"
fi
count=$(find "$out/render1" -name '*.png' 2>/dev/null | wc -l)
check "15 pictures (4 slides and a page in 3 languages), got $count" '[ "$count" = 15 ]'

# English first, with Russian, in a city the calendar does not know.
if "$kiosk" new "$out/springfield" --city Springfield --langs en,ru >"$out/new2.txt" 2>&1; then ok
else
    fail "kiosk new springfield"
    cat "$out/new2.txt"
fi
expect "a note about the Shabbat greeting" 'the calendar does not know "Springfield"' "$out/new2.txt"
if grep -q '"place"\|rest_days' "$out/springfield/playlist.json"; then
    fail "no place and no Shabbat slide without a known city"
else ok; fi
# Mirrored for left-to-right reading: the title at the left.
expect "left-to-right layout" '"box": \[0.06, 0.06, 0.72, 0.3\]' "$out/springfield/playlist.json"
# A city the calendar does not know keeps its name as given, in every language.
expect "an unknown city as given" '"ru": "Springfield приветствует вас"' "$out/springfield/playlist.json"
check "kiosk check springfield" '"$kiosk" check "$out/springfield" >/dev/null 2>&1'

# One language: no language buttons, no cycling.
check "kiosk new one" '"$kiosk" new "$out/one" --city "קריית שמונה" --langs he >/dev/null 2>&1'
if grep -q 'language:\|cycle_languages' "$out/one/playlist.json"; then
    fail "language buttons or cycling with one language"
else ok; fi
check "kiosk check one" '"$kiosk" check "$out/one" >/dev/null 2>&1'

# Every template, for every language: checks with no warning, bundles, signs, renders.
minisign -G -W -p "$out/city.pub" -s "$out/city.key" >/dev/null </dev/null
for template in city portrait; do
    d="$out/t-$template"
    if "$kiosk" new "$d" --template "$template" --city Dimona --langs he,ar,en,ru >"$d.txt" 2>&1
    then ok; else fail "kiosk new --template $template"; cat "$d.txt"; fi
    check "kiosk check $template" '"$kiosk" check "$d" >"$d.check" 2>&1'
    if grep -q 'warning' "$d.check"; then
        fail "$template: kiosk check warns"
        cat "$d.check"
    else ok; fi
    if "$kiosk" bundle "$d" --version 1 --group dimona --out "$d.stick" --sign "$out/city.key" \
        >"$d.bundle" 2>&1 && [ -f "$d.stick/KIOSK/bundle.tar.minisig" ]; then ok
    else fail "bundle --sign $template"; cat "$d.bundle"; fi
    check "render $template" '"$kiosk" render "$d" --out "$d.render" --lang all --sheet >/dev/null 2>&1'
    count=$(find "$d.render" -name 'sheet-*.png' 2>/dev/null | wc -l)
    check "$template: a sheet per language, got $count" '[ "$count" = 4 ]'
done
expect "the portrait screen" '"screen": {"width": 1080, "height": 1920}' "$out/t-portrait/playlist.json"
expect "Dimona in Russian" '"ru": "Димона приветствует вас"' "$out/t-portrait/playlist.json"
"$kiosk" new --help >"$out/help.txt" 2>&1
expect "--help lists the portrait template" 'portrait   portrait, 1080x1920' "$out/help.txt"
"$kiosk" new "$out/none" --template nope >"$out/refuse0.txt" 2>&1
check "an unknown template is refused with status 2" '[ $? = 2 ]'
expect "the choices" 'city       landscape, 1920x1080' "$out/refuse0.txt"

# Refusals.
"$kiosk" new "$out/ofakim" --langs he >"$out/refuse1.txt" 2>&1
check "a folder that is not empty is refused with status 2" '[ $? = 2 ]'
expect "why" "is not empty; choose a new folder (nothing was changed)" "$out/refuse1.txt"
"$kiosk" new "$out/bad" --langs he,Hebrew >"$out/refuse2.txt" 2>&1
check "a bad language is refused with status 2" '[ $? = 2 ]'
expect "which language" '"Hebrew" is not a language tag' "$out/refuse2.txt"
check "nothing is written for a bad language" '[ ! -e "$out/bad" ]'

finish
