#!/bin/sh
# Makes the demo clip of the Kiryat Shmona playlist from the city's own photo: a slow pan and
# zoom over the mountains, fading in from the brand colour, 8 seconds of 1920x1080 H.264 (High,
# 8-bit 4:2:0) at 30 frames per second, no sound, index at the front: the format docs/video.md
# recommends, and well under 2 MB. The result is committed (media/kiryat-shmona/ and its copy in
# playlists/kiryat-shmona/media/); media/generate.sh runs this with the other demo media, and
# the same ffmpeg gives the same bytes.
#
#   packaging/make-demo-clip.sh [PHOTO [OUT]]   (from the repository's top folder)
#   default: media/kiryat-shmona/mountains.jpg to media/kiryat-shmona/mountains-film.mp4, then
#   copied into playlists/kiryat-shmona/media/
set -eu
photo=${1:-media/kiryat-shmona/mountains.jpg}
out=${2:-media/kiryat-shmona/mountains-film.mp4}
seconds=8
fps=30
frames=$((seconds * fps))
# zoompan moves in whole pixels of its input: the photo is first enlarged to 6000 pixels wide so
# that a step is a fraction of an output pixel and the pan does not judder.
motion="z='1.1+0.25*on/$frames':x='(iw-iw/zoom)*(0.1+0.7*on/$frames)':y='(ih-ih/zoom)*0.45'"
ffmpeg -v error -y -loop 1 -framerate "$fps" -t "$seconds" -i "$photo" \
    -filter_complex "[0:v]scale=6000:-1,zoompan=$motion:d=1:s=1920x1080:fps=$fps,fade=t=in:st=0:d=0.6:color=0x1f3b57,format=yuv420p[v]" \
    -map "[v]" -t "$seconds" -c:v libx264 -preset slow -profile:v high -crf 26 \
    -maxrate 2500k -bufsize 5000k -movflags +faststart -an -bitexact "$out"
if [ $# = 0 ]; then
    cp "$out" playlists/kiryat-shmona/media/
fi
ls -l "$out"
