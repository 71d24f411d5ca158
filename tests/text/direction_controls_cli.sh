#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Issue 11, item 1, through the real binary: the text that made FriBidi 1.0.8 read freed memory
# is laid out by `kiosk layout` (also under valgrind, which saw the invalid reads before the
# fix), and `kiosk check` passes a playlist holding it with a warning that names the slide or
# page, the block and the language, and `kiosk render` draws it.
# Usage: direction_controls_cli.sh KIOSK FONTS_DIR PLAYLIST_DIR TMP_DIR [VALGRIND]
# (no VALGRIND in a sanitizer build: valgrind cannot run it, and ASan does the memory checks)
set -u
kiosk=$1 fonts=$2 playlist=$3 tmp=$4 valgrind=${5:-}
export KIOSK_FONTS_DIR=$fonts
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

text=$(python3 -c "s='\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f';print((s*37)[:400])")
"$kiosk" layout --lang en -- "$text" >"$tmp/layout.json" 2>"$tmp/layout.err"
status=$?
check "kiosk layout lays out the text of the issue (exit $status)" '[ $status = 0 ]'
check "and prints one line covering its 400 code points" \
    'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); l=d[\"lines\"]; sys.exit(not (l[0][\"start\"] == 0 and l[-1][\"end\"] == 400))" "$tmp/layout.json"'
"$kiosk" layout --lang he --width 50 -- "$text ב־20:00 $text" >/dev/null 2>&1
status=$?
check "Hebrew and a time among the controls, in a narrow box (exit $status)" '[ $status = 0 ]'

if [ -n "$valgrind" ]; then
    "$valgrind" -q --error-exitcode=9 "$kiosk" layout --lang en -- "$text" >/dev/null 2>"$tmp/valgrind.txt"
    status=$?
    check "valgrind sees no invalid read (exit $status)" \
        '[ $status = 0 ] && ! grep -q "Invalid" "$tmp/valgrind.txt"'
    [ $status = 0 ] || head -30 "$tmp/valgrind.txt"
else
    echo "no valgrind given (not installed, or a sanitizer build): memory check skipped"
fi

out=$("$kiosk" check "$playlist" 2>&1)
status=$?
echo "$out"
check "kiosk check passes the playlist, with warnings (exit $status)" \
    '[ $status = 0 ] && [[ "$out" == *"OK (with warnings)"* ]]'
check "the warning names the slide, the block and the language" \
    'grep -Eq "playlist.json:11:[0-9]+: warning: slides\[0\]\.texts\[1\]: block \"pasted\" of slide \"welcome\": the en text nests invisible direction controls \(U\+202A-U\+202E, U\+2066-U\+2069\) more than 8 deep; the kiosk ignores the [0-9]+ beyond that" <<<"$out"'
check "and the page" 'grep -q "block 1 of page \"home\": the he text nests invisible direction controls" <<<"$out"'
check "a few controls, as real text has them, are not reported" \
    '! grep -q "block \"title\"" <<<"$out" && ! grep -q "\"pasted\" of slide \"welcome\": the he" <<<"$out"'

SDL_VIDEODRIVER=dummy "$kiosk" render "$playlist" --out "$tmp/render" --size 320x180 >"$tmp/render.txt" 2>&1
status=$?
check "kiosk render draws the slide (exit $status)" '[ $status = 0 ] && ls "$tmp/render"/*.png >/dev/null'

finish
