#!/usr/bin/env bash
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
finish
