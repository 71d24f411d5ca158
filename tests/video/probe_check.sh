#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The clip probe and `kiosk check` on clips made at test time: each clip the kiosk cannot play
# smoothly is refused with its reason and the ffmpeg command that converts it, at its JSON path;
# a clip over the budget plays with a warning; a good one passes.
# Usage: probe_check.sh KIOSK PROBE_CLIP TMPDIR
set -u
kiosk=$1 probe=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
source "$(dirname "$0")/../lib/check.sh"
source "$(dirname "$0")/clips.sh"
make_clips

verdict() { "$probe" "$tmp/clips/$1" 2>&1; }

out=$(verdict good.mp4)
check "1080p30 H.264 plays ($out)" '[ $? = 0 ] && [[ "$out" == *": plays: MP4 H.264 High, 1920x1080, 30 fps, 8-bit 4:2:0, 2.0 s"* ]]'
out=$(verdict small.mkv)
check "H.264 in Matroska plays ($out)" '[ $? = 0 ] && [[ "$out" == *": plays: Matroska H.264"*"320x240"* ]]'
out=$(verdict ten-bit.mp4)
check "10-bit is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"refused"*"its colours have 10 bits (High 10 profile)"*"convert it: ffmpeg -i ten-bit.mp4 -c:v libx264 -profile:v high -pix_fmt yuv420p -movflags +faststart -an ten-bit-kiosk.mp4" ]]'
out=$(verdict chroma422.mp4)
check "4:2:2 is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"refused"*"its colour is sampled 4:2:2 (yuv422p)"*"-pix_fmt yuv420p"* ]]'
out=$(verdict hevc.mp4)
check "HEVC is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"refused"*"it is HEVC (H.265): "*"convert it: ffmpeg -i hevc.mp4 -c:v libx264"* ]]'
out=$(verdict uhd.mp4)
check "4K is refused, scaled to 1920 in the command ($out)" '[ $? = 1 ] && [[ "$out" == *"it is 3840x2160, larger than the 1920x1080"*"-vf scale=1920:-2 "* ]]'
out=$(verdict fast.mp4)
check "120 fps is refused, to 30 in the command ($out)" '[ $? = 1 ] && [[ "$out" == *"it has 120 frames per second, more than the 60"*"-vf fps=30 "* ]]'
out=$(verdict interlaced.mp4)
check "interlaced is refused, deinterlaced in the command ($out)" '[ $? = 1 ] && [[ "$out" == *"it is interlaced"*"-vf yadif "* ]]'
out=$(verdict sixty.mp4)
check "1080p60 plays with a warning ($out)" '[ $? = 0 ] && [[ "$out" == *": warning: "*"more than 1080p at 30"*"-vf fps=30 "* ]]'
out=$(verdict truncated.mp4)
check "a cut-short MP4 is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: the file is cut short: its frames from "*" s on are missing"* ]]'
out=$(verdict truncated.mkv)
check "a cut-short Matroska file is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: the file is cut short: it ends before its own header says it does"* ]]'
out=$(verdict random.mp4)
check "random bytes named .mp4 are refused ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: the file is not a video the kiosk can read"* ]]'
out=$(verdict huge.mkv)
check "a header claiming 100000x100000 is refused before decoding ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: its header claims a picture of 100000x100000"* ]]'
out=$("$probe" --deadline-ms 1 "$tmp/clips/good.mp4" 2>&1)
check "a probe over its deadline stops with the reason ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: reading its "*" took more than 0.001 s"* ]]'
mkfifo "$tmp/clips/fifo.mp4"
out=$(timeout 10 "$probe" "$tmp/clips/fifo.mp4" 2>&1)
check "a FIFO named .mp4 is refused at once ($out)" '[ $? = 1 ] && [[ "$out" == *"unreadable: is not a plain file"* ]]'
rm -f "$tmp/clips/fifo.mp4"
# A 1.4 KB MP4 whose sample table claims tens of millions of frames (found by the fuzzer): the
# demuxer asked for 1.4 GB at once before FFmpeg's allocations were capped.
out=$("$probe" --vm-peak "$(dirname "$0")/../fuzz/corpus/fuzz_video_probe/mp4-huge-sample-table.mp4" 2>&1)
peak=$(sed -n 's/^vm_peak_kb=//p' <<<"$out")
check "a lying MP4 sample table is refused without asking for gigabytes ($out)" '[[ "$out" == *"unreadable: the file is not a video the kiosk can read"* ]] && { [ "$peak" = unknown ] || [ "$peak" -lt 1000000 ]; }'
cp "$tmp/clips/small.mkv" "$tmp/clips/small.avi"
out=$(verdict small.avi)
check "a name the kiosk does not play is refused ($out)" '[ $? = 1 ] && [[ "$out" == *"the kiosk plays clips in .mp4, .m4v, .mov, .mkv or .webm files"* ]]'

# kiosk check: one playlist holding every clip, on slides and on a page.
pl=$tmp/playlist
mkdir -p "$pl/media"
cp "$tmp"/clips/*.mp4 "$tmp"/clips/*.mkv "$pl/media/"
slides=""
for c in good sixty ten-bit hevc uhd fast interlaced truncated random; do
    slides="$slides{\"id\": \"s-$c\", \"duration\": 5, \"video\": {\"src\": \"media/$c.mp4\"}},"
done
cat >"$pl/playlist.json" <<JSON
{
  "format": 1,
  "name": "Clips",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["he"],
  "slides": [
    ${slides%,},
    {"id": "s-huge", "video": {"src": "media/huge.mkv"}}
  ],
  "pages": [{"id": "p", "video": {"src": "media/hevc.mp4"}}]
}
JSON
out=$("$kiosk" check "$pl" 2>&1)
status=$?
check "kiosk check fails ($out)" '[ $status = 1 ] && [[ "$out" == *"9 errors, 1 warning"* ]]'
line() { grep -F "$1" <<<"$out"; }
check "good: no message" '[ -z "$(line "slides[0].")" ]'
check "1080p60: a warning at its src" '[[ "$(line "slides[1].video.src")" == *"warning: "*"video media/sixty.mp4: it is 1920x1080 at 60 frames per second"*"ffmpeg -i media/sixty.mp4 "*"media/sixty-kiosk.mp4" ]]'
check "10-bit: an error at its src" '[[ "$(line "slides[2].video.src")" == *"playlist.json:7:"*": slides[2].video.src: cannot use video media/ten-bit.mp4: its colours have 10 bits"* ]]'
check "HEVC on a slide" '[[ "$(line "slides[3].video.src")" == *"cannot use video media/hevc.mp4: it is HEVC"* ]]'
check "4K" '[[ "$(line "slides[4].video.src")" == *"it is 3840x2160"* ]]'
check "120 fps" '[[ "$(line "slides[5].video.src")" == *"120 frames per second"* ]]'
check "interlaced" '[[ "$(line "slides[6].video.src")" == *"interlaced"* ]]'
check "cut short" '[[ "$(line "slides[7].video.src")" == *"the file is cut short"* ]]'
check "random bytes" '[[ "$(line "slides[8].video.src")" == *"not a video the kiosk can read"* ]]'
check "100000x100000" '[[ "$(line "slides[9].video.src")" == *"100000x100000"* ]]'
check "HEVC on a page" '[[ "$(line "pages[0].video.src")" == *"cannot use video media/hevc.mp4: it is HEVC"* ]]'

# The good clip alone passes, and its slide lasts as long as the clip.
cat >"$pl/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "Clips",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["he"],
  "slides": [{"id": "good", "video": {"src": "media/good.mp4"}},
             {"id": "small", "video": {"src": "media/small.mkv"}, "duration": 5}]
}
JSON
out=$("$kiosk" check "$pl" 2>&1)
check "a playlist of good clips passes ($out)" '[ $? = 0 ] && [[ "$out" == *"2 slides, 1920x1080, OK" ]]'
finish
