# shellcheck shell=bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Shared by the import tests: arguments, keys, content folders, bundles, and the final check
# that the previous content is still installed and complete. Sourced, not run.
set -u
kiosk=$1 fixture=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp/keys"
# shellcheck source=tests/lib/check.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check.sh"

minisign -G -W -p "$tmp/keys/city.pub" -s "$tmp/city.key" >/dev/null </dev/null
minisign -G -W -p "$tmp/other.pub" -s "$tmp/other.key" >/dev/null </dev/null

# make_content DIR NAME: a small valid playlist folder (with a nested media folder).
make_content() {
    mkdir -p "$1/media"
    cat >"$1/playlist.json" <<JSON
{
  "format": 1,
  "name": "$2",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [
    {"id": "red", "duration": 3, "background": "#e01010"},
    {"id": "blue", "duration": 3, "background": "#1030e0"}
  ]
}
JSON
    echo "$2" >"$1/media/notes.txt"
}

# make_stick STICK VERSION [GROUP] [CONTENT]: a stick with KIOSK/bundle.tar signed by minisign.
make_stick() {
    local stick=$1 version=$2 group=${3:-akko} content=${4:-}
    if [ -z "$content" ]; then
        content="$tmp/content-$version"
        [ -d "$content" ] || make_content "$content" "version $version"
    fi
    "$kiosk" bundle "$content" --version "$version" --group "$group" --out "$stick" >/dev/null ||
        return 1
    minisign -S -s "$tmp/city.key" -m "$stick/KIOSK/bundle.tar" \
        -t "kiosk-bundle version=$version group=$group" >/dev/null </dev/null
}

# import STICK [options]: sets $out and $rc.
import() {
    local stick=$1
    shift
    out=$("$kiosk" import "$stick" --state "$tmp/state" --keys "$tmp/keys" --group akko \
        --reserve 0 "$@" 2>&1)
    rc=$?
}

# The starting point of every test: version 1 installed.
install_v1() {
    make_stick "$tmp/stick1" 1
    import "$tmp/stick1"
    check "version 1 installs ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 1 of group \"akko\""* ]]'
}

# still_v1: version 1 is current and complete, byte for byte, after recovery.
still_v1() {
    local rec
    rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
    check "$1: version 1 still current ($rec)" '[[ "$rec" == *"version 1 of group \"akko\" is current"* ]]'
    check "$1: version 1 content complete" 'diff -r "$tmp/content-1" "$tmp/state/current/content" >/dev/null'
    check "$1: no staging left" '[ ! -e "$tmp/state/staging" ]'
}
