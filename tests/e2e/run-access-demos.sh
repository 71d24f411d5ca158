#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The four demo cities in accessible mode (docs/accessibility.md): `kiosk render --accessible`
# lays out every slide and page in every language with text 1.5 times larger and names anything
# that does not fit (there must be nothing), writes a picture of each (long pages in parts), and
# each page's text stands 7:1 or more against its background.
set -u
kiosk=$(realpath "$1") root=$(realpath "$2") here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

for city in akko kiryat-shmona ofakim dimona; do
    "$kiosk" render "$root/playlists/$city" --out "$tmp/$city" --accessible --lang all \
        >"$tmp/$city.out" 2>"$tmp/$city.err"
    status=$?
    grep "accessible mode" "$tmp/$city.err"
    check "$city: every slide and page renders in accessible mode (status $status)" \
        '[ "$status" = 0 ]'
    check "$city: everything fits at 1.5 times" '! grep -q "accessible mode" "$tmp/$city.err"'
    # Emergency slides are written too, with no accessibility controls over them: in an
    # emergency nothing answers a touch (no pixel of the theme's yellow, #ffe600, in the corner
    # where the button would be).
    for png in "$tmp/$city"/emergency-*.png; do
        yellow=$(convert "$png" -crop 200x90+0+990 -format '%c' histogram:info: |
            grep -ci "#FFE600" || true)
        check "$city: no accessibility controls over $(basename "$png")" '[ "$yellow" = 0 ]'
    done
    langs=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["languages"]))' \
        "$root/playlists/$city/playlist.json")
    for lang in $langs; do
        n=$(find "$tmp/$city" -name "*-$lang.png" | wc -l)
        check "$city: slides and pages in $lang ($n)" '[ "$n" -ge 10 ]'
        props=$(python3 "$here/png_props.py" "$tmp/$city/page-home-$lang.png" \
            "$tmp/$city/page-home-$lang.png" 0.02 0.01 0.98 0.2 2>&1)
        check "$city: the home page's title in $lang is 7:1 or more ($props)" \
            'python3 -c "import sys; sys.exit(0 if float(sys.argv[3]) >= 7 else 1)" $props'
    done
done
finish
