#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# A playlist with a clip goes through `kiosk bundle --sign` and `kiosk import` like pictures do:
# the clip is packed, verified and installed byte for byte; a signed bundle whose clip the
# kiosk cannot play (built by tar, as kiosk bundle would refuse it) is refused by the import's
# child check with the probe's reason, and the content before it stays.
# Usage: bundle_import.sh KIOSK TMPDIR
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/keys"
source "$(dirname "$0")/../lib/check.sh"
source "$(dirname "$0")/clips.sh"

minisign -G -W -p "$tmp/keys/city.pub" -s "$tmp/city.key" >/dev/null </dev/null
make_clip harbour.mp4 640x360 30 2 -c:v libx264 -pix_fmt yuv420p -movflags +faststart
make_clip hevc.mp4 320x240 30 2 -c:v libx265 -x265-params log-level=error

# make_content DIR CLIP: a picture slide, the clip, another slide, with crossfades.
make_content() {
    mkdir -p "$1/media"
    cp "$tmp/clips/$2" "$1/media/$2"
    cat >"$1/playlist.json" <<JSON
{
  "format": 1,
  "name": "harbour",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "defaults": {"transition": {"type": "crossfade", "duration": 0.5}},
  "slides": [
    {"id": "before", "duration": 3, "background": "#e01010"},
    {"id": "clip", "video": {"src": "media/$2"}},
    {"id": "after", "duration": 3, "background": "#1030e0"}
  ]
}
JSON
}

import() {
    out=$("$kiosk" import "$1" --state "$tmp/state" --keys "$tmp/keys" --group akko \
        --reserve 0 2>&1)
    rc=$?
}

make_content "$tmp/good" harbour.mp4
out=$("$kiosk" check "$tmp/good" 2>&1)
check "kiosk check passes the playlist with a clip ($out)" '[ $? = 0 ] && [[ "$out" == *"3 slides, 640x360, OK" ]]'
out=$("$kiosk" bundle "$tmp/good" --version 1 --group akko --out "$tmp/stick1" \
    --sign "$tmp/city.key" 2>&1)
check "kiosk bundle packs and signs it ($out)" '[ $? = 0 ] && [ -f "$tmp/stick1/KIOSK/bundle.tar.minisig" ]'
check "the clip is in the bundle" 'tar -tf "$tmp/stick1/KIOSK/bundle.tar" | grep -qx "./media/harbour.mp4\|media/harbour.mp4"'
import "$tmp/stick1"
check "kiosk import installs it ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 1"* ]]'
check "the installed clip is the same bytes" 'cmp -s "$tmp/clips/harbour.mp4" "$tmp/state/current/content/media/harbour.mp4"'

# kiosk bundle refuses a clip the kiosk cannot play, with check's message.
make_content "$tmp/hevc" hevc.mp4
out=$("$kiosk" bundle "$tmp/hevc" --version 2 --group akko --out "$tmp/stick2" \
    --sign "$tmp/city.key" 2>&1)
check "kiosk bundle refuses an HEVC clip ($out)" '[ $? = 1 ] && [[ "$out" == *"slides[1].video.src: cannot use video media/hevc.mp4: it is HEVC"* ]] && [ ! -e "$tmp/stick2/KIOSK/bundle.tar" ]'

# Signed anyway (tar and minisign by hand): the kiosk's own check refuses it.
mkdir -p "$tmp/stick3/KIOSK"
tar -C "$tmp/hevc" -cf "$tmp/stick3/KIOSK/bundle.tar" .
minisign -S -s "$tmp/city.key" -m "$tmp/stick3/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=3 group=akko" >/dev/null </dev/null
import "$tmp/stick3"
check "kiosk import refuses a signed bundle with an HEVC clip ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused"*"hevc.mp4: it is HEVC"* ]]'
check "version 1 stays current" '[ "$(readlink "$tmp/state/current")" = versions/1 ]'

# A clip cut short after the bundle was made (a stick pulled while copying by hand).
make_content "$tmp/cut" harbour.mp4
head -c 40000 "$tmp/clips/harbour.mp4" >"$tmp/cut/media/harbour.mp4"
mkdir -p "$tmp/stick4/KIOSK"
tar -C "$tmp/cut" -cf "$tmp/stick4/KIOSK/bundle.tar" .
minisign -S -s "$tmp/city.key" -m "$tmp/stick4/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=4 group=akko" >/dev/null </dev/null
import "$tmp/stick4"
check "kiosk import refuses a cut-short clip ($out)" '[ $rc = 1 ] && [[ "$out" == *"harbour.mp4: the file is cut short"* ]]'
check "version 1 still current" '[ "$(readlink "$tmp/state/current")" = versions/1 ]'
finish
