#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Signed bundles whose content would not play are refused whole, with kiosk check's message.
source "$(dirname "$0")/common.sh"
install_v1

# bundle_raw STICK VERSION DIR: tar made by tar(1) (kiosk bundle would refuse to build it).
bundle_raw() {
    mkdir -p "$1/KIOSK"
    tar -C "$3" -cf "$1/KIOSK/bundle.tar" .
    minisign -S -s "$tmp/city.key" -m "$1/KIOSK/bundle.tar" \
        -t "kiosk-bundle version=$2 group=akko" >/dev/null </dev/null
}

mkdir -p "$tmp/invalid"
cat >"$tmp/invalid/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "typo",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [{"id": "a", "duration": 3, "backgrund": "#fff"}]
}
JSON
bundle_raw "$tmp/s-invalid" 2 "$tmp/invalid"
import "$tmp/s-invalid"
check "invalid playlist ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: a slide or the playlist is broken: "*"playlist.json:6:"*"slides[0].backgrund"* ]]'
still_v1 "invalid playlist"

mkdir -p "$tmp/bomb"
"$fixture" bomb-png "$tmp/bomb/bomb.png"
cat >"$tmp/bomb/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "bomb",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [{"id": "boom", "duration": 3, "image": {"src": "bomb.png"}}]
}
JSON
bundle_raw "$tmp/s-bomb" 2 "$tmp/bomb"
import "$tmp/s-bomb"
check "decompression bomb ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: a slide or the playlist is broken: "*"bomb.png"*"50000x50000"* ]]'
still_v1 "decompression bomb"
# A font file of the bundle that the kiosk cannot load (issue 11, item 8b): its own reason.
mkdir -p "$tmp/badfont/fonts"
head -c 3000 /dev/urandom >"$tmp/badfont/fonts/brand.ttf"
cat >"$tmp/badfont/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "bad font",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "fonts": {"Brand": {"regular": "fonts/brand.ttf"}},
  "slides": [{"id": "a", "duration": 3, "background": "#102030"}]
}
JSON
bundle_raw "$tmp/s-badfont" 2 "$tmp/badfont"
import "$tmp/s-badfont"
check "a font that cannot be loaded ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: a font cannot be loaded on the kiosk: "*"fonts.Brand.regular"*"brand.ttf"* ]] && [[ "$out" != *"font problem:"* ]]'
still_v1 "bad font"

# The kiosk's own fonts cannot be loaded: the same reason, naming the kiosk's font folder.
mkdir -p "$tmp/nofonts"
make_stick "$tmp/s-nofonts" 2
out=$(KIOSK_FONTS_DIR="$tmp/nofonts" "$kiosk" import "$tmp/s-nofonts" --state "$tmp/state"     --keys "$tmp/keys" --group akko --reserve 0 2>&1)
rc=$?
check "the kiosk's own fonts cannot be loaded ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: a font cannot be loaded on the kiosk: "*"the kiosk'"'"'s own fonts in $tmp/nofonts"* ]]'
still_v1 "no kiosk fonts"
finish
