#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Interactive pages with scripted touches (kiosk play --script, SDL's dummy driver): the script
# taps, swipes and long-presses through tests/e2e/data/pages and checks pages, languages and
# pixels itself; then the QR code it photographed must read back as its link. A second run at a
# moment within a page's schedule finds its button and opens it.
set -u
kiosk=$(realpath "$1") data=$(realpath "$2") here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

(cd "$tmp" && SDL_VIDEODRIVER=dummy timeout 90 "$kiosk" "$data/pages" --window 640x360 \
    --no-watch --script "$here/pages.script") >"$tmp/out" 2>"$tmp/log"
status=$?
cat "$tmp/out"
grep -E "FAILED|error" "$tmp/log"
check "every scripted check passed (status $status)" '[ "$status" = 0 ] && grep -q " 0 failed" "$tmp/out"'
check "the screenshots were written" '[ -s "$tmp/info-he.png" ] && [ -s "$tmp/home-en.png" ]'
(cd "$tmp" && SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$data/pages" --window 640x360 \
    --no-watch --at '2027-04-25 10:00' --script "$here/pages-at.script") >"$tmp/out2" 2>"$tmp/log2"
status=$?
cat "$tmp/out2"
grep -E "FAILED|error" "$tmp/log2"
check "a page within its schedule opens (status $status)" '[ "$status" = 0 ] && grep -q " 0 failed" "$tmp/out2"'
qr=$(zbarimg --raw -q "$tmp/info-he.png" 2>/dev/null)
check "the QR code on the page reads back as its link ($qr)" '[ "$qr" = "https://www.akko.muni.il/" ]'
finish
