#!/bin/sh
# Generates the demo artwork in media/<city>/ with ImageMagick 6 (Debian 12: `imagemagick`).
#
#   media/generate.sh            # regenerate everything in place, and the playlists' copies
#   media/generate.sh OUTDIR     # write to another folder (e.g. to compare with the committed files)
#
# Abstract city artwork: gradients, sun, sea, hills, dunes, mountains, skylines. No text: slide text
# is rendered by the player. Deterministic: every random choice comes from a fixed-seed generator
# in awk (Park-Miller, exact in double precision) or from ImageMagick's -seed with one thread, and
# PNG/JPEG files carry no timestamps, so re-running gives the same bytes on the same Debian release.
#
# Special files, used by tests and the benchmark:
#   akko/harbour.jpg             4000x3000, 12 megapixels (DCT-scaled decode, memory budget)
#   dimona/tower-portrait.jpg    1080x1920 portrait
#   dimona/crater-exif6.jpg      stored 1920x1080 with EXIF Orientation 6 (RightTop): displays as
#                                1080x1920 portrait, sky at the top. Shown sideways if ignored.
#   */*.png                      PNGs, some with an alpha channel (walls, peaks, sun)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
command -v convert >/dev/null || { echo "generate.sh: needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }

# One thread: ImageMagick's random numbers (plasma, noise) are per thread, so more threads would make
# the output depend on scheduling.
MAGICK_THREAD_LIMIT=1
export MAGICK_THREAD_LIMIT
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Output options: no metadata, no timestamps, fixed encoder settings.
JPEG_OPTS="-strip -interlace none -sampling-factor 2x2 -quality 88"
PNG_OPTS="-strip -depth 8 -define png:exclude-chunks=date,time -define png:compression-level=9"

# ---------------------------------------------------------------------------------------------
# Geometry generators (awk, deterministic). All print MVG drawing primitives on one line.

# ridge SEED W H BASE AMP SHARP COLOUR : a filled ridge line across the picture, closed to the
# bottom. BASE and AMP are fractions of H. SHARP=1 gives pointed mountain peaks, 0 rolling hills.
ridge() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v base="$4" -v amp="$5" -v sharp="$6" -v col="$7" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd()
        n = 5
        for (i = 0; i < n; i++) { ph[i] = rnd() * 6.283185; fr[i] = (i + 1) * (0.8 + rnd() * 0.9); am[i] = 1 / (i + 1) }
        printf "fill %s polygon 0,%d", col, h
        steps = 240
        for (j = 0; j <= steps; j++) {
            x = w * j / steps; y = 0
            for (i = 0; i < n; i++) {
                v = sin(x / w * 6.283185 * fr[i] + ph[i])
                if (sharp) v = 1 - 2 * (v < 0 ? -v : v)
                y += am[i] * v
            }
            printf " %.1f,%.1f", x, h * (base - amp * y / 2.28)
        }
        printf " %d,%d\n", w, h
    }'
}

# stars SEED W H N MAXY : N small white dots in the top MAXY fraction of the picture.
stars() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v n="$4" -v maxy="$5" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd()
        for (i = 0; i < n; i++) {
            x = rnd() * w; y = rnd() * rnd() * h * maxy; r = 0.6 + rnd() * rnd() * 2.6 * w / 1920
            a = 0.35 + rnd() * 0.65
            printf "fill rgba(255,250,235,%.2f) circle %.1f,%.1f %.1f,%.1f ", a, x, y, x + r, y
        }
        printf "\n"
    }'
}

# skyline SEED W H X0 X1 BASE HMAX COLOUR DOMES : buildings between X0 and X1 (fractions of W)
# standing on BASE (fraction of H), up to HMAX (fraction of H) tall; DOMES=1 adds domes and
# minarets (old city), 0 gives flat roofs and a few towers (new town).
skyline() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v x0="$4" -v x1="$5" -v base="$6" -v hmax="$7" -v col="$8" -v domes="$9" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd()
        x = x0 * w; end = x1 * w; b = base * h; u = w / 100
        printf "fill %s ", col
        while (x < end) {
            bw = u * (1.5 + rnd() * 4.5); if (x + bw > end) bw = end - x
            bh = h * hmax * (0.25 + rnd() * 0.75)
            if (!domes && rnd() < 0.15) bh *= 1.6
            printf "rectangle %.1f,%.1f %.1f,%.1f ", x, b - bh, x + bw, b
            if (domes) {
                r = rnd()
                if (r < 0.30 && bw > 2 * u) {
                    cx = x + bw / 2; rx = bw * 0.38
                    printf "ellipse %.1f,%.1f %.1f,%.1f 180,360 ", cx, b - bh, rx, rx * 0.95
                } else if (r < 0.42) {
                    mx = x + bw * 0.5; mw = u * 0.55; mh = bh * 0.9
                    printf "rectangle %.1f,%.1f %.1f,%.1f ", mx - mw / 2, b - bh - mh, mx + mw / 2, b - bh
                    printf "rectangle %.1f,%.1f %.1f,%.1f ", mx - mw * 0.9, b - bh - mh * 0.72, mx + mw * 0.9, b - bh - mh * 0.68
                    printf "polygon %.1f,%.1f %.1f,%.1f %.1f,%.1f ", mx - mw * 0.7, b - bh - mh, mx + mw * 0.7, b - bh - mh, mx, b - bh - mh - mw * 2.2
                }
            }
            x += bw + (rnd() < 0.3 ? u * rnd() : 0)
        }
        printf "\n"
    }'
}

# windows SEED W H X0 X1 BASE HMAX COLOUR N : N small lit windows in the skyline band.
windows() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v x0="$4" -v x1="$5" -v base="$6" -v hmax="$7" -v col="$8" -v n="$9" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd(); u = w / 400
        printf "fill %s ", col
        for (i = 0; i < n; i++) {
            x = (x0 + (x1 - x0) * rnd()) * w; y = (base - hmax * 0.25 * rnd()) * h - u * 2
            printf "rectangle %.1f,%.1f %.1f,%.1f ", x, y, x + u, y + u * 1.4
        }
        printf "\n"
    }'
}

# waves SEED W H Y0 Y1 N COLOUR : N short horizontal strokes (glints on water) between Y0 and Y1.
waves() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v y0="$4" -v y1="$5" -v n="$6" -v col="$7" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd()
        printf "stroke %s stroke-linecap round fill none ", col
        for (i = 0; i < n; i++) {
            t = rnd(); y = (y0 + (y1 - y0) * t * t) * h; len = w * (0.01 + 0.05 * t) * (0.5 + rnd())
            x = rnd() * w; sw = 1 + 5 * t * w / 1920
            printf "stroke-width %.1f line %.1f,%.1f %.1f,%.1f ", sw, x, y, x + len, y
        }
        printf "\n"
    }'
}

# trees SEED W H X0 X1 Y0 Y1 N : round trees (trunk + crown) scattered in a band, far ones smaller.
trees() {
    awk -v seed="$1" -v w="$2" -v h="$3" -v x0="$4" -v x1="$5" -v y0="$6" -v y1="$7" -v n="$8" '
    function rnd() { s = (16807 * s) % 2147483647; return s / 2147483647 }
    BEGIN {
        s = seed; for (k = 0; k < 3; k++) rnd()
        split("#2f6b3a #3d7f45 #25573a #4f8f4a #1f4d33", green, " ")
        for (i = 0; i < n; i++) {
            t = i / n; y = (y0 + (y1 - y0) * t) * h; x = (x0 + (x1 - x0) * rnd()) * w
            r = w * (0.008 + 0.03 * t) * (0.7 + 0.6 * rnd())
            printf "fill #5a4030 rectangle %.1f,%.1f %.1f,%.1f ", x - r * 0.12, y - r * 0.2, x + r * 0.12, y + r * 1.1
            printf "fill %s circle %.1f,%.1f %.1f,%.1f ", green[1 + int(rnd() * 5)], x, y - r * 0.6, x + r, y - r * 0.6
        }
        printf "\n"
    }'
}

# sun-glow SIZE INNER : a radial glow (colour INNER to transparent), SIZExSIZE, written to $tmp/glow.png
glow() {
    convert -size "$1x$1" radial-gradient:"$2"-none "$tmp/glow.png"
}

jpeg() { convert "$1" $JPEG_OPTS "$2"; }
png() { convert "$1" $PNG_OPTS "$2"; }

# Turns a JPEG into an Exif JPEG with the given orientation: drops the JFIF APP0 segment that
# ImageMagick writes and puts an APP1 "Exif" segment holding one IFD0 entry (0x0112 Orientation)
# right after SOI, as a camera does. (ImageMagick's -orient only edits an existing Exif profile.)
set_exif_orientation() { # IN OUT ORIENTATION(1..8)
    hdr=$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')
    [ "$hdr" = "ffd8ffe0" ] || { echo "generate.sh: $1 does not start with SOI+APP0" >&2; exit 1; }
    app0_len=$(head -c 6 "$1" | tail -c 2 | od -An -tu1 | awk '{print $1 * 256 + $2}')
    {
        printf '\377\330'                          # SOI
        printf '\377\341\000\042'                  # APP1, length 34 = 2 + 6 + 26
        printf 'Exif\000\000'
        printf 'MM\000\052\000\000\000\010'        # big-endian TIFF header, IFD0 at offset 8
        printf '\000\001'                          # one entry
        printf '\001\022\000\003\000\000\000\001'  # tag 0x0112 Orientation, SHORT, count 1
        printf "\\000\\00$3\\000\\000"             # value
        printf '\000\000\000\000'                  # no next IFD
        tail -c +$((2 + 2 + app0_len + 1)) "$1"    # everything after SOI and APP0
    } > "$2"
}

mkdir -p "$out/akko" "$out/kiryat-shmona" "$out/ofakim" "$out/dimona"

# ---------------------------------------------------------------------------------------------
# Akko: an old harbour city on the sea. Walls, domes, minarets, a lighthouse.

echo "akko/harbour.jpg (4000x3000, 12 MP)"
W=4000 H=3000
glow 2200 'rgba(255,196,110,0.85)'
convert -size ${W}x$((H * 58 / 100)) gradient:'#0e2a57'-'#f08a4b' \
        -size ${W}x$((H - H * 58 / 100)) gradient:'#1d4f7a'-'#071a33' -append \
        \( -seed 4101 -size 400x300 plasma:'#808080'-'#808080' -colorspace gray +level 40%,60% -blur 0x3 -resize ${W}x${H}! \) \
        -compose soft-light -composite \
        "$tmp/glow.png" -geometry +$((W * 30 / 100 - 1100))+$((H * 58 / 100 - 1100)) -compose screen -composite \
        -compose over \
        -draw "fill #ffd9a0 circle $((W * 30 / 100)),$((H * 52 / 100)) $((W * 30 / 100 + 170)),$((H * 52 / 100))" \
        -draw "fill #1d4f7a rectangle 0,$((H * 58 / 100)) $W,$((H * 58 / 100 + 6))" \
        -draw "$(waves 4102 $W $H 0.585 0.99 900 'rgba(255,200,140,0.35)')" \
        -draw "fill rgba(255,214,150,0.45) rectangle $((W * 30 / 100 - 160)),$((H * 585 / 1000)) $((W * 30 / 100 + 160)),$((H * 99 / 100))" \
        -draw "$(skyline 4103 $W $H 0.46 0.97 0.585 0.13 '#2a1f33' 1)" \
        -draw "fill #2a1f33 rectangle $((W * 44 / 100)),$((H * 545 / 1000)) $((W * 98 / 100)),$((H * 585 / 1000))" \
        -draw "$(windows 4104 $W $H 0.47 0.95 0.585 0.10 'rgba(255,210,120,0.9)' 140)" \
        -draw "fill #2a1f33 polygon 3810,1755 3870,1755 3855,1280 3825,1280 fill #ffe6a8 rectangle 3818,1230 3862,1280 fill #2a1f33 polygon 3810,1230 3870,1230 3840,1180" \
        -draw "fill rgba(255,230,160,0.25) polygon 3840,1255 2900,1150 2900,1330" \
        "$tmp/harbour.png"
jpeg "$tmp/harbour.png" "$out/akko/harbour.jpg"

echo "akko/walls.png (1600x900, alpha)"
W=1600 H=900
walls="fill #c9a36b rectangle 0,420 1600,900"
x=0
while [ $x -lt 1600 ]; do walls="$walls rectangle $x,370 $((x + 50)),420"; x=$((x + 100)); done
walls="$walls fill #b48a55 rectangle 1180,230 1420,900"
x=1180
while [ $x -lt 1420 ]; do walls="$walls rectangle $x,190 $((x + 30)),230"; x=$((x + 60)); done
walls="$walls fill #b48a55 rectangle 120,300 300,900"
x=120
while [ $x -lt 300 ]; do walls="$walls rectangle $x,265 $((x + 28)),300"; x=$((x + 56)); done
walls="$walls fill #5b3d25"
x=380
while [ $x -lt 1100 ]; do walls="$walls rectangle $x,640 $((x + 110)),900 ellipse $((x + 55)),640 55,55 180,360"; x=$((x + 180)); done
walls="$walls rectangle 1265,560 1335,900 ellipse 1300,560 35,35 180,360"
walls="$walls fill #e2c48f rectangle 0,420 1600,432 rectangle 120,300 300,310 rectangle 1180,230 1420,240"
x=0
while [ $x -lt 1600 ]; do   # mortar lines between courses of stone
    walls="$walls fill rgba(120,90,50,0.35) rectangle 0,$((460 + x / 4)) 1600,$((462 + x / 4))"; x=$((x + 160))
done
convert -size ${W}x${H} xc:none -draw "$walls" "$tmp/walls.png"
png "$tmp/walls.png" "$out/akko/walls.png"

echo "akko/sea.jpg (1920x1080)"
W=1920 H=1080
convert -size ${W}x$((H * 45 / 100)) gradient:'#7cc6f0'-'#d9f1fb' \
        -size ${W}x$((H - H * 45 / 100)) gradient:'#2b8fc0'-'#0c4f7d' -append \
        -draw "fill #fff6d8 circle 1500,160 1570,160" \
        -draw "$(waves 4301 $W $H 0.455 0.99 700 'rgba(255,255,255,0.45)')" \
        -draw "fill #f4f1ea polygon 600,560 600,380 700,560 fill #e86a3a polygon 590,560 590,420 520,560 fill #5a3b2a polygon 500,570 720,570 690,600 530,600" \
        -draw "fill #f4f1ea polygon 1200,500 1200,400 1255,500 fill #5a3b2a polygon 1150,505 1270,505 1255,520 1165,520" \
        -draw "fill rgba(255,255,255,0.8) ellipse 300,120 120,28 0,360 ellipse 380,100 90,30 0,360 ellipse 980,210 150,26 0,360" \
        "$tmp/sea.png"
jpeg "$tmp/sea.png" "$out/akko/sea.jpg"

echo "akko/arches.png (1200x1200)"
W=1200 H=1200
arch=""
for row in 0 1 2 3; do
    for col in 0 1 2 3; do
        x=$((col * 300)) y=$((row * 300))
        arch="$arch fill #0b2540 rectangle $((x + 40)),$((y + 120)) $((x + 260)),$((y + 300)) ellipse $((x + 150)),$((y + 120)) 110,100 180,360"
        arch="$arch fill #f2c14e circle $((x + 150)),$((y + 150)) $((x + 150)),$((y + 110))"
    done
done
convert -size ${W}x${H} gradient:"#1d6fa5"-"#6fc2d9" -draw "$arch" -alpha off "$tmp/arches.png"
png "$tmp/arches.png" "$out/akko/arches.png"

# ---------------------------------------------------------------------------------------------
# Kiryat Shmona: the far north. Mountain ridges with snow, the green Hula valley, streams.

echo "kiryat-shmona/mountains.jpg (3000x2000)"
W=3000 H=2000
convert -size ${W}x${H} gradient:'#6d9fd6'-'#e6eef5' \
        \( -seed 5101 -size 300x200 plasma:'#808080'-'#808080' -colorspace gray +level 40%,60% -blur 0x2 -resize ${W}x${H}! \) \
        -compose soft-light -composite -compose over \
        -draw "fill #fff8e0 circle 2400,330 2480,330" \
        -draw "$(ridge 5102 $W $H 0.42 0.22 1 '#e9eef4')" \
        -draw "$(ridge 5102 $W $H 0.47 0.22 1 '#8796b3')" \
        -draw "$(ridge 5103 $W $H 0.58 0.12 1 '#5d7394')" \
        -draw "$(ridge 5104 $W $H 0.70 0.08 0 '#3f6a5a')" \
        -draw "$(ridge 5105 $W $H 0.82 0.06 0 '#2f5a3c')" \
        -draw "$(trees 5106 $W $H 0.0 1.0 0.84 1.02 90)" \
        "$tmp/mountains.png"
jpeg "$tmp/mountains.png" "$out/kiryat-shmona/mountains.jpg"

echo "kiryat-shmona/valley.jpg (2400x1350)"
W=2400 H=1350
fields=""
i=0
for c in '#8fbf5a' '#6fa34a' '#c9c46a' '#5b8f3e' '#a7c66b' '#7fae52' '#d4b85e' '#4f8a3a'; do
    y0=$((H * 55 / 100 + i * 80)) y1=$((H * 55 / 100 + (i + 1) * 80 + 4))
    fields="$fields fill $c polygon 0,$y0 $W,$((y0 - 60 + i * 15)) $W,$((y1 - 60 + i * 15)) 0,$y1"
    i=$((i + 1))
done
convert -size ${W}x${H} gradient:'#9cc9ef'-'#f4f8fb' \
        -draw "$(ridge 5201 $W $H 0.45 0.10 0 '#7d9bb0')" \
        -draw "$(ridge 5202 $W $H 0.52 0.06 0 '#5e8a6a')" \
        -draw "$fields" \
        -draw "fill none stroke #4aa3d8 stroke-width 38 stroke-linecap round path 'M 300,1350 C 700,1100 500,900 1100,850 S 1800,760 2400,760'" \
        -draw "$(trees 5203 $W $H 0.0 1.0 0.60 1.0 60)" \
        -draw "fill none stroke #2b2b2b stroke-width 5 path 'M 900,300 Q 930,280 960,300 Q 990,280 1020,300' path 'M 1100,360 Q 1125,342 1150,360 Q 1175,342 1200,360' path 'M 1010,420 Q 1030,405 1050,420 Q 1070,405 1090,420'" \
        "$tmp/valley.png"
jpeg "$tmp/valley.png" "$out/kiryat-shmona/valley.jpg"

echo "kiryat-shmona/peaks.png (1200x800, alpha)"
W=1200 H=800
convert -size ${W}x${H} xc:none \
        -draw "fill #3d5a80 polygon 0,800 380,180 560,420 760,80 1200,800" \
        -draw "fill #f7fbff polygon 380,180 310,292 360,270 400,320 440,262 fill #f7fbff polygon 760,80 660,246 720,220 770,280 820,230 880,270" \
        -draw "fill #98c1d9 polygon 760,80 1200,800 980,800 820,230 880,270" \
        "$tmp/peaks.png"
png "$tmp/peaks.png" "$out/kiryat-shmona/peaks.png"

# ---------------------------------------------------------------------------------------------
# Ofakim: the western Negev. Dunes under a big sun, a park with a lake, a sun emblem.

echo "ofakim/dunes.jpg (3200x1800)"
W=3200 H=1800
glow 1600 'rgba(255,236,170,0.9)'
convert -size ${W}x${H} gradient:'#3e8ed0'-'#f7d9a0' \
        "$tmp/glow.png" -geometry +1700-300 -compose screen -composite -compose over \
        -draw "fill #fff3c4 circle 2500,500 2640,500" \
        -draw "$(ridge 6101 $W $H 0.55 0.10 0 '#e0a96a')" \
        -draw "$(ridge 6102 $W $H 0.65 0.09 0 '#d18f52')" \
        -draw "$(ridge 6103 $W $H 0.78 0.08 0 '#c07a3f')" \
        -draw "$(ridge 6104 $W $H 0.90 0.06 0 '#a9652f')" \
        \( -seed 6105 -size 320x180 plasma:'#808080'-'#808080' -colorspace gray +level 40%,60% -resize ${W}x${H}! \) \
        -compose soft-light -composite \
        "$tmp/dunes.png"
jpeg "$tmp/dunes.png" "$out/ofakim/dunes.jpg"

echo "ofakim/park.jpg (1920x1280)"
W=1920 H=1280
convert -size ${W}x${H} gradient:'#8ecdf2'-'#e9f6fc' \
        -draw "fill #9dc870 rectangle 0,560 1920,1280" \
        -draw "$(ridge 6201 $W $H 0.46 0.05 0 '#86b45e')" \
        -draw "fill #3f9fd0 ellipse 980,900 620,170 0,360 fill #6fc0e6 ellipse 940,880 520,120 0,360" \
        -draw "$(waves 6202 $W $H 0.66 0.78 120 'rgba(255,255,255,0.5)')" \
        -draw "$(trees 6203 $W $H 0.0 1.0 0.50 0.62 45)" \
        -draw "$(trees 6204 $W $H 0.0 0.25 0.75 1.05 10)" \
        -draw "$(trees 6205 $W $H 0.78 1.0 0.75 1.05 10)" \
        -draw "fill #ffffff ellipse 700,860 22,10 0,360 fill #ffffff ellipse 1240,940 22,10 0,360" \
        "$tmp/park.png"
jpeg "$tmp/park.png" "$out/ofakim/park.jpg"

echo "ofakim/sun.png (1024x1024, alpha)"
W=1024 H=1024
rays=$(awk 'BEGIN { for (i = 0; i < 16; i++) { a = i * 3.14159265 / 8; b = a + 0.09; c = a - 0.09
    printf "polygon %.1f,%.1f %.1f,%.1f %.1f,%.1f ", 512 + 300 * cos(c), 512 + 300 * sin(c), 512 + 500 * cos(a), 512 + 500 * sin(a), 512 + 300 * cos(b), 512 + 300 * sin(b) } }')
convert -size ${W}x${H} xc:none \
        -draw "fill #f39c33 $rays" \
        -draw "fill #f7b733 circle 512,512 512,232 fill #ffd45e circle 512,512 512,292" \
        "$tmp/sun.png"
png "$tmp/sun.png" "$out/ofakim/sun.png"

# ---------------------------------------------------------------------------------------------
# Dimona: the Negev highlands. Portrait screen: a tall desert night, the crater, the town.

echo "dimona/tower-portrait.jpg (1080x1920, portrait)"
W=1080 H=1920
convert -size ${W}x${H} gradient:'#0a0f2e'-'#c26a4a' \
        -draw "$(stars 7101 $W $H 420 0.6)" \
        -draw "fill #f3ead2 circle 800,300 850,300 fill #0a0f2e circle 825,285 865,285" \
        -draw "$(ridge 7102 $W $H 0.70 0.05 1 '#5b3a48')" \
        -draw "$(ridge 7103 $W $H 0.80 0.05 0 '#7a4a3a')" \
        -draw "$(skyline 7104 $W $H 0.05 0.95 0.86 0.07 '#2a1a22' 0)" \
        -draw "$(windows 7105 $W $H 0.06 0.94 0.86 0.06 'rgba(255,214,140,0.95)' 80)" \
        -draw "fill #3d2418 rectangle 0,$((H * 86 / 100)) $W,$H" \
        -draw "fill #2a1a22 polygon 480,1650 600,1650 570,900 510,900 fill #ffd98a rectangle 505,860 575,900 fill #2a1a22 polygon 495,860 585,860 540,800" \
        "$tmp/tower.png"
jpeg "$tmp/tower.png" "$out/dimona/tower-portrait.jpg"

echo "dimona/crater-exif6.jpg (stored 1920x1080, EXIF orientation 6: shows 1080x1920)"
W=1080 H=1920
layers=""
i=0
for c in '#e7c59a' '#d9a877' '#c98b5e' '#b9744c' '#a5603f' '#8f4e34' '#7b4030'; do
    layers="$layers $(ridge $((7201 + i)) $W $H $(awk -v i=$i 'BEGIN { printf "%.3f", 0.50 + i * 0.065 }') 0.03 0 "$c")"
    i=$((i + 1))
done
convert -size ${W}x${H} gradient:'#4a8fd0'-'#f2e2c4' \
        -draw "fill #fff4d0 circle 300,360 370,360" \
        -draw "$layers" \
        -draw "fill #f5f5f5 polygon 540,40 610,130 470,130" \
        "$tmp/crater-portrait.png"
# The picture is drawn upright (portrait), stored rotated 90 degrees anticlockwise (landscape),
# and tagged "rotate 90 clockwise to display" (Orientation 6).
convert "$tmp/crater-portrait.png" -rotate -90 $JPEG_OPTS "$tmp/crater-stored.jpg"
set_exif_orientation "$tmp/crater-stored.jpg" "$out/dimona/crater-exif6.jpg" 6

echo "dimona/stars.png (1080x1080)"
W=1080 H=1080
convert -size ${W}x${H} gradient:'#050818'-'#1b2a5a' \
        -draw "$(stars 7301 $W $H 700 1.0)" \
        -draw "fill none stroke rgba(255,255,255,0.35) stroke-width 2 circle 540,540 540,140 circle 540,540 540,260" \
        -draw "$(ridge 7302 $W $H 0.92 0.04 0 '#0b0b12')" \
        -alpha off "$tmp/stars.png"
png "$tmp/stars.png" "$out/dimona/stars.png"

echo "dimona/town.jpg (1600x1200)"
W=1600 H=1200
glow 1000 'rgba(255,200,120,0.8)'
convert -size ${W}x${H} gradient:'#f0b46a'-'#f9e3b9' \
        "$tmp/glow.png" -geometry +300+100 -compose screen -composite -compose over \
        -draw "fill #fff0c0 circle 800,600 890,600" \
        -draw "$(ridge 7401 $W $H 0.62 0.05 1 '#c98a5a')" \
        -draw "$(skyline 7402 $W $H 0.02 0.98 0.82 0.25 '#6b3f2e' 0)" \
        -draw "fill #6b3f2e rectangle 0,$((H * 82 / 100 - 2)) $W,$H" \
        -draw "fill #a36b45 rectangle 0,$((H * 90 / 100)) $W,$H" \
        -draw "$(trees 7403 $W $H 0.0 1.0 0.86 0.98 16)" \
        "$tmp/town.png"
jpeg "$tmp/town.png" "$out/dimona/town.jpg"

# The clip of the Kiryat Shmona playlist: a pan and zoom over its mountains (about 25 s).
echo "kiryat-shmona/mountains-film.mp4 (1920x1080, 30 fps, 8 s, H.264)"
"$here/../packaging/make-demo-clip.sh" "$out/kiryat-shmona/mountains.jpg" \
    "$out/kiryat-shmona/mountains-film.mp4"

# Each demo playlist keeps its own copy of its city's pictures (playlists/<city>/media/): a kiosk
# receives only the playlist folder, so every file a playlist uses lies inside it (docs/playlist.md,
# "The playlist folder"). Git stores the identical files once. Only when writing in place: a run
# into another folder is for comparing.
if [ "$out" = "$here" ]; then
    for city in akko kiryat-shmona ofakim dimona; do
        mkdir -p "$here/../playlists/$city/media"
        cp "$here/$city"/* "$here/../playlists/$city/media/"
        echo "copied to playlists/$city/media/"
    done
fi

echo "done: $out"
