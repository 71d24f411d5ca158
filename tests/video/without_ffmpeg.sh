#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# FFmpeg is opened on the first clip, not at start (kiosk/base/dynlib.h): a playlist of pictures
# never maps FFmpeg's libraries, and on a machine where they are missing the pictures still play,
# the clip's slide is skipped with the reason, and kiosk check names the clip and what to install.
#
# usage: without_ffmpeg.sh KIOSK WORKDIR
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/show/media" "$tmp/pictures"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

ffmpeg -v error -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=1" -c:v libx264 \
    -preset ultrafast -pix_fmt yuv420p "$tmp/show/media/clip.mp4" </dev/null || exit 1
cat >"$tmp/show/playlist.json" <<'JSON'
{"format": 1, "name": "Clip", "screen": {"width": 320, "height": 240}, "languages": ["en"],
 "defaults": {"duration": 1, "transition": {"type": "cut"}},
 "slides": [
  {"id": "red", "background": "#ff0000"},
  {"id": "clip", "video": {"src": "media/clip.mp4"}},
  {"id": "blue", "background": "#0000ff"}]}
JSON
cat >"$tmp/pictures/playlist.json" <<'JSON'
{"format": 1, "name": "Pictures", "screen": {"width": 320, "height": 240}, "languages": ["en"],
 "defaults": {"duration": 1, "transition": {"type": "crossfade", "duration": 0.3}},
 "slides": [{"id": "red", "background": "#ff0000"}, {"id": "blue", "background": "#0000ff"}]}
JSON

# Every library of FFmpeg's, by the sonames of the installed version.
hide=""
for lib in avformat avcodec avutil swscale swresample; do
    major=$(pkg-config --modversion "lib$lib" | cut -d. -f1)
    hide="$hide${hide:+,}lib$lib.so.$major"
done

# The binary does not link them.
ldd "$kiosk" >"$tmp/ldd.txt"
check "the kiosk binary does not link FFmpeg, SDL2_mixer or libmicrohttpd" \
    '! grep -Eq "libav(codec|format|util)|libsw(scale|resample)|SDL2_mixer|microhttpd" "$tmp/ldd.txt"'

# play_logging_loads NAME FOLDER: three slides of FOLDER with the dynamic loader's file log in
# $tmp/NAME.log; the status is the player's.
play_logging_loads() {
    LD_DEBUG=files SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$2" --window 320x240 --no-watch \
        --exit-after 3 >"$tmp/$1.log" 2>&1
}
# A playlist of pictures: no FFmpeg library is ever opened.
play_logging_loads pictures "$tmp/pictures"
status=$?
check "a playlist of pictures plays (status $status)" '[ "$status" = 0 ]'
check "a playlist of pictures never opens FFmpeg's libraries" \
    '! grep -Eq "file=libav(codec|format)" "$tmp/pictures.log"'
# A playlist with a clip opens them on its first clip.
play_logging_loads clip "$tmp/show"
status=$?
check "a playlist with a clip plays (status $status)" '[ "$status" = 0 ]'
check "a playlist with a clip opens FFmpeg's libraries" 'grep -q "file=libavcodec" "$tmp/clip.log"'

# Without FFmpeg: check refuses the clip and says what to do.
KIOSK_TEST_HIDE_LIBRARIES=$hide "$kiosk" check "$tmp/show" >"$tmp/check.log" 2>&1
status=$?
cat "$tmp/check.log"
check "check refuses a clip it cannot read (status $status)" '[ "$status" != 0 ]'
check "check names the clip and the missing libraries" \
    'grep -q "media/clip.mp4" "$tmp/check.log" && grep -q "FFmpeg.s libraries are missing" "$tmp/check.log"'

# Without FFmpeg: kiosk render writes the other slides and says why the clip's is missing.
KIOSK_TEST_HIDE_LIBRARIES=$hide "$kiosk" render "$tmp/show" --out "$tmp/r" >"$tmp/render.log" 2>&1
status=$?
check "render writes the other slides without FFmpeg" \
    '[ -f "$tmp/r/01-red.png" ] && [ -f "$tmp/r/03-blue.png" ]'
check "render's status says a slide is missing (status $status)" '[ "$status" != 0 ]'
check "render names the clip's slide and why it is missing" \
    'grep -q "slide \"clip\": FFmpeg.s libraries are missing" "$tmp/render.log"'

# Without FFmpeg: the player shows the pictures and skips the clip, in order, and goes on.
cat >"$tmp/play.script" <<'SCRIPT'
at 0.5 expect pixel 0.5 0.5 #ff0000 8
at 1.5 expect pixel 0.5 0.5 #0000ff 8
at 2.5 expect pixel 0.5 0.5 #ff0000 8
at 2.8 quit
SCRIPT
KIOSK_TEST_HIDE_LIBRARIES=$hide SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$tmp/show" \
    --window 320x240 --no-watch --script "$tmp/play.script" >"$tmp/play.log" 2>&1
status=$?
cat "$tmp/play.log"
check "without FFmpeg the player goes on with the pictures (status $status)" \
    '[ "$status" = 0 ] && grep -q "play.script: 3 passed, 0 failed" "$tmp/play.log"'
check "the clip's slide is skipped with the reason" \
    'grep -q "slide \"clip\" skipped: .*FFmpeg.s libraries are missing" "$tmp/play.log"'
finish
