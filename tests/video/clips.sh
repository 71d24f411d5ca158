# shellcheck shell=bash
# Clips for the video tests, made with Debian's ffmpeg from its test pattern (none committed).
# Sourced; needs $tmp, set by the script that sources this file.
# make_clip NAME SIZE RATE SECONDS FFMPEG-ARGS...: $tmp/clips/NAME from testsrc2.
# shellcheck disable=SC2154

make_clip() {
    local name=$1 size=$2 rate=$3 secs=$4
    shift 4
    mkdir -p "$tmp/clips"
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=$size:rate=$rate:duration=$secs" \
        -preset ultrafast "$@" "$tmp/clips/$name" </dev/null
}

# The set every test uses: one clip per verdict the budget gives.
make_clips() {
    make_clip good.mp4 1920x1080 30 2 -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
        -movflags +faststart
    make_clip small.mkv 320x240 30 2 -c:v libx264 -pix_fmt yuv420p
    make_clip ten-bit.mp4 320x240 30 1 -c:v libx264 -pix_fmt yuv420p10le
    make_clip chroma422.mp4 320x240 30 1 -c:v libx264 -pix_fmt yuv422p
    make_clip hevc.mp4 320x240 30 1 -c:v libx265 -x265-params log-level=error
    make_clip uhd.mp4 3840x2160 30 0.1 -c:v libx264 -pix_fmt yuv420p
    make_clip fast.mp4 320x240 120 1 -c:v libx264 -pix_fmt yuv420p
    make_clip sixty.mp4 1920x1080 60 0.5 -c:v libx264 -pix_fmt yuv420p
    make_clip interlaced.mp4 320x240 30 1 -c:v libx264 -pix_fmt yuv420p -flags +ildct+ilme
    # Cut short: the index at the front promises frames the file no longer has.
    make_clip whole.mp4 320x240 30 2 -c:v libx264 -pix_fmt yuv420p -movflags +faststart
    head -c 60000 "$tmp/clips/whole.mp4" >"$tmp/clips/truncated.mp4"
    head -c 60000 "$tmp/clips/small.mkv" >"$tmp/clips/truncated.mkv"
    head -c 50000 /dev/urandom >"$tmp/clips/random.mp4"
    # A Matroska header claiming 100000x100000: PixelWidth and PixelHeight rewritten in place
    # (3-byte values where ffmpeg wrote 2- and 1-byte ones and FlagInterlaced, same length).
    python3 - "$tmp/clips/small.mkv" "$tmp/clips/huge.mkv" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
old = bytes.fromhex("e08ab0820140ba81f09a8102")
at = data.find(old)
assert at > 0, "Video element of small.mkv not as expected"
data[at:at + len(old)] = bytes.fromhex("e08ab0830186a0ba830186a0")
open(sys.argv[2], "wb").write(data)
PY
}
