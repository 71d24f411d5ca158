#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Video slides in the real player and in kiosk render: crossfades into and out of a clip (the
# outgoing clip's last frame blended), the frame at --video-at, the clip's colours on screen at
# their times in the playing loop (SDL's dummy driver, scripted pixel checks), a slide as long as
# its clip, cut by a shorter duration and looping in a longer one (proof-of-play lengths), and a
# clip damaged after the playlist was loaded skipped with the show going on.
#
# usage: play.sh KIOSK WORKDIR
set -u
kiosk=$1 tmp=$2
rm -rf "$tmp"
mkdir -p "$tmp/show/media"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

# Four seconds: red, green, blue, yellow, one second each, 25 frames a second.
inputs=()
for c in ff0000 00ff00 0000ff ffff00; do
    inputs+=(-f lavfi -i "color=c=0x$c:s=320x240:r=25:d=1")
done
ffmpeg -v error -y "${inputs[@]}" -filter_complex '[0][1][2][3]concat=n=4:v=1:a=0' \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 25 "$tmp/show/media/colours.mp4" \
    </dev/null || exit 1
ffmpeg -v error -y -f lavfi -i "color=c=0x808080:s=320x240:d=0.04" -frames:v 1 \
    "$tmp/show/grey.png" </dev/null || exit 1

cat >"$tmp/show/playlist.json" <<'JSON'
{"format": 1, "name": "Video", "screen": {"width": 320, "height": 240}, "languages": ["en"],
 "defaults": {"duration": 2, "transition": {"type": "crossfade", "duration": 0.5}},
 "slides": [
  {"id": "pic", "image": {"src": "grey.png"}},
  {"id": "clip", "video": {"src": "media/colours.mp4"}},
  {"id": "cut", "duration": 2, "video": {"src": "media/colours.mp4"}},
  {"id": "again", "duration": 6, "video": {"src": "media/colours.mp4"}},
  {"id": "after", "background": "#204060"}]}
JSON

# The colour at x,y of a PNG as "R G B".
pixel() {
    convert "$1" -format "%[fx:int(255*p{$2}.r+0.5)] %[fx:int(255*p{$2}.g+0.5)] %[fx:int(255*p{$2}.b+0.5)]" info:
}
# near "R G B" R G B TOLERANCE
near() {
    local got=$1 r=$2 g=$3 b=$4 tol=$5 gr gg gb
    read -r gr gg gb <<<"$got"
    for pair in "$gr $r" "$gg $g" "$gb $b"; do
        read -r x y <<<"$pair"
        d=$((x - y))
        [ "${d#-}" -le "$tol" ] || return 1
    done
}

# kiosk render: the slide's start, --video-at, and both crossfades half way.
"$kiosk" render "$tmp/show" --out "$tmp/r" --transition-at 0.5 >/dev/null 2>"$tmp/render.log"
check "render writes the video slides (status $?)" '[ -f "$tmp/r/02-clip.png" ]'
px=$(pixel "$tmp/r/02-clip.png" 160,120)
check "a video slide renders its first frame: red (got $px)" 'near "$px" 255 0 0 12'
# Half way into the clip: the picture (grey 128) and the clip's frame at 0.25 s (red), each half.
px=$(pixel "$tmp/r/01-pic--clip-at-0.50.png" 160,120)
check "crossfade into a clip blends the picture with its first second (got $px)" \
    'near "$px" 191 64 64 8'
# Half way out of a slide as long as its clip (4 s + 0.25): its last frame (yellow) stays and
# fades, under the next clip's first frames (red).
px=$(pixel "$tmp/r/02-clip--cut-at-0.50.png" 160,120)
check "crossfade out of a clip blends its last frame with the next clip (got $px)" \
    'near "$px" 255 128 0 8'
# A slide of 6 s loops its clip, which plays on as it fades out: 6.25 s is its frame at 2.25 s
# (blue), with #204060.
px=$(pixel "$tmp/r/04-again--after-at-0.50.png" 160,120)
check "crossfade out of a looping clip blends the frame due with the next slide (got $px)" \
    'near "$px" 16 32 176 8'
"$kiosk" render "$tmp/show" --out "$tmp/r25" --video-at 2.5 >/dev/null 2>>"$tmp/render.log"
px=$(pixel "$tmp/r25/02-clip.png" 160,120)
check "--video-at 2.5 renders the third second: blue (got $px)" 'near "$px" 0 0 255 12'

# The player: the clip's colours at their times (a slide's time counts from the start of the
# transition into it: clip from 2 s, cut from 6 s, again from 8 s, after from 14 s).
cat >"$tmp/play.script" <<'SCRIPT'
at 1.0 expect pixel 0.5 0.5 #808080 12
at 3.5 expect pixel 0.5 0.5 #00ff00 40
at 4.5 expect pixel 0.5 0.5 #0000ff 40
at 5.5 expect pixel 0.5 0.5 #ffff00 40
# cut: the clip from its start again, cut after 2 s
at 7.5 expect pixel 0.5 0.5 #00ff00 40
# again: 6 s of a 4 s clip, so its second pass starts at 12 s
at 11.5 expect pixel 0.5 0.5 #ffff00 40
at 12.5 expect pixel 0.5 0.5 #ff0000 40
at 13.5 expect pixel 0.5 0.5 #00ff00 40
at 15.0 expect pixel 0.5 0.5 #204060 12
at 15.2 quit
SCRIPT
SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$tmp/show" --window 320x240 --no-watch --stats \
    --proof "$tmp/proof" --script "$tmp/play.script" >"$tmp/play.log" 2>&1
status=$?
cat "$tmp/play.log"
check "the player exits cleanly (status $status)" '[ "$status" = 0 ]'
check "every colour of the clip was on screen at its time" \
    'grep -q "play.script: 9 passed, 0 failed" "$tmp/play.log"'
check "--stats counts the video frames shown" \
    'grep -Eq "stats: video_frames=[0-9]{3,} video_dropped=[0-9]+ video_decoder=h264" "$tmp/play.log"'
report=$("$kiosk" report "$tmp/proof" --csv 2>&1 | tr -d "\r")
echo "$report"
check "proof of play: the clip's slide lasted its clip's 4 s" \
    'echo "$report" | grep -Eq ",slide,clip,1,(3\.9|4\.0)[0-9]*$"'
check "proof of play: the cut slide 2 s" 'echo "$report" | grep -Eq ",slide,cut,1,(1\.9|2\.0)[0-9]*$"'
check "proof of play: the looping slide 6 s" \
    'echo "$report" | grep -Eq ",slide,again,1,(5\.9|6\.0)[0-9]*$"'

# A clip damaged after the playlist was loaded (it passed the check): skipped, the show goes on.
mkdir -p "$tmp/bad/media"
cp "$tmp/show/media/colours.mp4" "$tmp/bad/media/clip.mp4"
cat >"$tmp/bad/playlist.json" <<'JSON'
{"format": 1, "name": "Damaged", "screen": {"width": 320, "height": 240}, "languages": ["en"],
 "defaults": {"duration": 2, "transition": {"type": "cut"}},
 "slides": [
  {"id": "a", "background": "#ff0000"},
  {"id": "b", "background": "#00ff00"},
  {"id": "bad", "video": {"src": "media/clip.mp4"}},
  {"id": "c", "background": "#0000ff"}]}
JSON
SDL_VIDEODRIVER=dummy timeout 60 "$kiosk" "$tmp/bad" --window 320x240 --no-watch --exit-after 4 \
    >"$tmp/bad.log" 2>&1 &
pid=$!
sleep 1
head -c 30000 /dev/urandom >"$tmp/bad/media/clip.mp4"
wait "$pid"
status=$?
cat "$tmp/bad.log"
check "with a damaged clip the show goes on and ends as asked (status $status)" \
    '[ "$status" = 0 ] && grep -q "4 slides shown; exiting as asked" "$tmp/bad.log"'
check "the damaged clip's slide is skipped with the reason" \
    'grep -q "slide \"bad\" skipped: the file is not a video the kiosk can read" "$tmp/bad.log"'
finish
