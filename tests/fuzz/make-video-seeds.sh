#!/bin/sh
# Makes the seed corpus of fuzz_video_probe (tests/fuzz/corpus/fuzz_video_probe/): three tiny
# clips from ffmpeg's test pattern, one per container the kiosk reads, each a few kilobytes so
# that the fuzzer mutates headers rather than pictures. Run from the repository's top folder;
# the results are committed (the one exception to "no committed clips": the fuzz replay in ctest
# needs its seeds without ffmpeg).
set -eu
out=tests/fuzz/corpus/fuzz_video_probe
mkdir -p "$out"
pattern="testsrc2=size=64x48:rate=10:duration=0.5"
ffmpeg -v error -y -f lavfi -i "$pattern" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
    -movflags +faststart -bitexact "$out/h264.mp4"
ffmpeg -v error -y -f lavfi -i "$pattern" -f lavfi -i "sine=frequency=440:duration=0.5" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a flac -bitexact "$out/h264-flac.mkv"
ffmpeg -v error -y -f lavfi -i "$pattern" -c:v libvpx-vp9 -deadline realtime -bitexact \
    "$out/vp9.webm"
ls -l "$out"
