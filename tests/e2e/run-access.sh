#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Accessible mode end to end (docs/accessibility.md): the real player with scripted taps
# (access.script) and SDL's disk audio driver, whose output file is read back: the clip of the
# language shown plays (a 440 Hz tone for Hebrew, in Opus; 1500 Hz for English, in Vorbis, made
# here with ffmpeg); the ticker stands still while paused; then `kiosk render --accessible`
# writes every slide and page, whose text is larger and at least 7:1 against its background; and
# `kiosk check` warns about buttons out of reach on a test mounting and text under 4.8 mm.
set -u
kiosk=$(realpath "$1") here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

show="$tmp/show"
mkdir -p "$show/media"
ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=440:duration=1.5" \
    -c:a libopus "$show/media/speech-he.ogg"
ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=1500:duration=1.5" \
    -c:a libvorbis "$show/media/speech-en.ogg"
cat >"$show/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "Accessible mode",
  "screen": {"width": 1280, "height": 720, "diagonal_inches": 32},
  "languages": ["he", "en"],
  "defaults": {"duration": 30, "transition": {"type": "cut"}},
  "interactive": {"home": "info", "idle_seconds": 30,
                  "button_style": {"background": "#202020", "color": "#ffffff", "size": 26}},
  "slides": [
    {"id": "news", "background": "#3060a0",
     "texts": [
       {"id": "title", "text": {"he": "חדשות העירייה", "en": "City news"},
        "box": [0.05, 0.05, 0.6, 0.15], "size": 40, "color": "#ffffff"},
       {"id": "ticker", "type": "ticker", "speed": 200,
        "text": {"he": "מוקד עירוני 106 · ברוכים הבאים", "en": "City hotline 106 · Welcome"},
        "box": [0, 0.75, 1, 0.1], "size": 30, "color": "#ffffff"}],
     "buttons": [
       {"id": "more", "box": [0.6, 0.3, 0.3, 0.15], "action": "page:info",
        "label": {"he": "מידע", "en": "Information"}}]}
  ],
  "pages": [
    {"id": "info", "background": "#1030e0",
     "texts": [
       {"id": "body", "text": {"he": "שעות הקבלה: ראשון עד חמישי, 8:00 עד 13:00.",
                               "en": "Opening hours: Sunday to Thursday, 8:00 to 13:00."},
        "box": [0.1, 0.05, 0.8, 0.3], "size": 30, "color": "#ffffff"}],
     "buttons": [
       {"id": "en", "box": [0.05, 0.1, 0.2, 0.15], "action": "language:en",
        "label": {"he": "English", "en": "English"}},
       {"id": "back", "box": [0.7, 0.1, 0.2, 0.15], "action": "back",
        "label": {"he": "חזרה", "en": "Back"}}],
     "speech": {"he": "media/speech-he.ogg", "en": "media/speech-en.ogg"}}
  ]
}
JSON

(cd "$tmp" && SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/audio.raw" \
    timeout 90 "$kiosk" "$show" --window 640x360 --no-watch --script "$here/access.script") \
    >"$tmp/out" 2>"$tmp/log"
status=$?
cat "$tmp/out"
grep -E "FAILED|error|speech" "$tmp/log"
check "every scripted check passed (status $status)" '[ "$status" = 0 ] && grep -q " 0 failed" "$tmp/out"'
check "the ticker stands still while paused" 'cmp -s "$tmp/paused-1.png" "$tmp/paused-2.png"'
check "and moves again after" '! cmp -s "$tmp/moving-1.png" "$tmp/moving-2.png"'
check "the Hebrew clip, then the English one, were played" \
    'grep -q "speech: .*speech-he.ogg" "$tmp/log" && grep -q "speech: .*speech-en.ogg" "$tmp/log"'
# The disk driver writes what SDL2_mixer mixed (48 kHz, 16-bit stereo): the first sound is the
# Hebrew tone, the last the English one.
tones=$(python3 "$here/audio_tones.py" "$tmp/audio.raw" 2>&1)
echo "tones heard: $tones"
check "the audio output holds 440 Hz, then 1500 Hz ($tones)" \
    '[[ "$tones" =~ ^4[0-9][0-9]\ 1[45][0-9][0-9]$ ]]'

# What staff see: every slide and page in accessible mode, compared with the show's.
"$kiosk" render "$show" --out "$tmp/normal" --lang all >/dev/null 2>&1
"$kiosk" render "$show" --out "$tmp/acc" --accessible --lang all >"$tmp/render.out" 2>&1
check "render --accessible writes every slide and page in every language" \
    '[ "$(find "$tmp/acc" -name "*.png" | wc -l)" = 4 ]'
props=$(python3 "$here/png_props.py" "$tmp/normal/page-info-he.png" "$tmp/acc/page-info-he.png" \
    0.3 0.03 0.65 0.3 2>&1)
echo "page text (normal, accessible): $props"
check "accessible text is at least 1.4 times as tall, and 7:1 against its background ($props)" \
    'python3 -c "import sys; n,a,c=map(float,sys.argv[1:]); sys.exit(0 if a>=1.4*n and c>=7 else 1)" $props'

# A bundle carries the recordings like the pictures; a file that is not Ogg is refused by name.
"$kiosk" bundle "$show" --version 1 --group test --out "$tmp/stick" >/dev/null 2>&1
check "the bundle carries the speech files" \
    'tar -tf "$tmp/stick/KIOSK/bundle.tar" | grep -q "media/speech-he.ogg"'
cp -r "$show" "$tmp/bad"
printf 'RIFF....WAVEfmt ' >"$tmp/bad/media/speech-en.ogg"
out=$("$kiosk" check "$tmp/bad" 2>&1)
check "a recording that is not Ogg is an error naming it" \
    '[[ "$out" == *'"'"'speech.en: "media/speech-en.ogg" is not an Ogg file'"'"'* ]]'

# kiosk check on a kiosk mounted with the screen's bottom 100 cm above the floor: the buttons at
# the top of the page are out of reach, the ones low on the slide are not.
printf 'screen_bottom_cm = 100\nscreen_diagonal_inches = 32\n' >"$tmp/kiosk.conf"
out=$("$kiosk" check "$show" --config "$tmp/kiosk.conf" 2>&1)
echo "$out" | grep -E "reach|note" | head -5
check "a button at the top of the page is out of reach" \
    '[[ "$out" == *'"'"'button "en" of page "info" is out of reach'"'"'* ]]'
check "pages with speech in every language are not listed" '[[ "$out" != *"no recorded speech"* ]]'
out=$("$kiosk" check "$show" 2>&1)
check "without a mounting, reach is not judged" '[[ "$out" != *"out of reach"* ]]'
# Text under 4.8 mm of capital height on a 32-inch screen: 12 px letters are 3.3 mm.
sed 's/"size": 30, "color": "#ffffff"}],$/"size": 12, "color": "#ffffff"}],/' \
    "$show/playlist.json" >"$tmp/small.json" && mv "$tmp/small.json" "$show/playlist.json"
out=$("$kiosk" check "$show" 2>&1)
echo "$out" | grep "mm" | head -2
check "small text is reported with its cap height" \
    '[[ "$out" == *'"'"'block "body" of page "info": its text may be drawn at 12 px'"'"'* ]]'
finish
