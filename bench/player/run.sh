#!/bin/bash
# The player benchmark: the kiosk against feh, on the same machine, in the same run.
#
#   bench/player/run.sh [options]
#
# Plays the same show under Xvfb at 1920x1080 with build/kiosk and with feh, and prints for each:
# time from process start to first picture on screen, CPU seconds over the measuring time (30 s),
# peak PSS summed over the process tree, the X server's CPU, and the kiosk/feh ratios; then the
# kiosk's own frame statistics (--stats) from the same run, and the CPU of each player holding a
# still picture.
#
# The show: eight slides, three seconds each, one-second crossfades: six 12-megapixel JPEGs
# (4000x3000, generated here with ImageMagick from fixed seeds), a gradient-background slide and a
# 1920x1080 PNG. feh has no crossfade and no gradient slides: it gets the six JPEGs with
# `--slideshow-delay 3`, fullscreen, scaled to fit (--auto-zoom). Both start with the same photo.
#
# Options:
#   --kiosk PATH      the kiosk binary (default: build/kiosk of this checkout)
#   --fullscreen      run the kiosk fullscreen instead of as --window 1920x1080 (on a bare Xvfb,
#                     with no window manager, kiosk 0.1.0 then stays a centred 1280x720 window and
#                     the probe never sees a full picture)
#   --seconds N       measuring time per player (default 30)
#   --still-seconds N measuring time of the still-picture runs (default 15; first 3 s after the
#                     first picture are not counted)
#   --runs N          repeat each measurement N times, report medians (default 1)
#   --media DIR       keep the generated show in DIR and reuse it next time (default: a temp dir)
#   --only kiosk|feh  measure only one player
#   --keep            keep the temp dir (logs, playlist, stderr of each run) and print its path
#
# Needs (Debian 12): xvfb feh imagemagick libx11-dev and a C compiler; no display of its own: it
# starts Xvfb on a free display number (-displayfd) for every run and stops everything it started.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

kiosk="$repo/build/kiosk"
fullscreen=0
seconds=30
still_seconds=15
runs=1
media=""
only=""
keep=0

die() { echo "bench: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --kiosk) kiosk=$2; shift 2 ;;
    --fullscreen) fullscreen=1; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    --still-seconds) still_seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --media) media=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
case "$only" in ""|kiosk|feh) ;; *) die "--only: expected kiosk or feh" ;; esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs: expected a positive number"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "--seconds: expected a whole number of seconds"
[[ "$still_seconds" =~ ^[1-9][0-9]*$ && "$still_seconds" -gt 4 ]] || die "--still-seconds: expected a whole number above 4"

missing=""
for tool in Xvfb feh convert cc; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
[ -f /usr/include/X11/Xlib.h ] || missing="$missing libx11-dev"
[ -z "$missing" ] || die "missing:$missing (apt-get install xvfb feh imagemagick libx11-dev gcc)"

want_kiosk=1 want_feh=1
[ "$only" = feh ] && want_kiosk=0
[ "$only" = kiosk ] && want_feh=0
if [ $want_kiosk = 1 ] && [ ! -x "$kiosk" ]; then
    echo "bench: $kiosk not found: build it first (cmake --build build); measuring feh only" >&2
    want_kiosk=0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench.XXXXXX")
xvfb_pid=""
probe_pid=""
cleanup() {
    set +e
    [ -n "$probe_pid" ] && kill -TERM "$probe_pid" 2>/dev/null && wait "$probe_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill -TERM "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
    if [ $keep = 1 ]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the helper --------------------------------------------------------------------------------
cc -std=c11 -O2 -Wall -o "$tmp/benchprobe" "$here/benchprobe.c" -lX11 \
    || die "cannot build the probe helper (needs libx11-dev)"

# ---- the show ----------------------------------------------------------------------------------
[ -n "$media" ] || media="$tmp/show"
mkdir -p "$media"
export MAGICK_THREAD_LIMIT=1 # deterministic plasma/noise
gen_photo() { # N SEED COLOUR1 COLOUR2
    local out="$media/photo$1.jpg"
    [ -s "$out" ] && return 0
    # Smooth structure (plasma) plus fine noise, so the file has the entropy of a camera photo
    # (several MB) and decoding costs what a real one costs. Every probe point is far from black.
    convert -size 4000x3000 gradient:"$3"-"$4" \
        \( -seed "$2" -size 500x375 plasma:fractal -blur 0x1 -resize 4000x3000! \) \
        -compose overlay -composite \
        -seed "$2" -attenuate 0.6 +noise Gaussian \
        -strip -quality 90 -sampling-factor 2x2 "$out.tmp.jpg"
    mv "$out.tmp.jpg" "$out"
}
if [ ! -s "$media/photo6.jpg" ] || [ ! -s "$media/shapes.png" ]; then
    echo "bench: generating six 4000x3000 JPEGs and a PNG in $media ..." >&2
fi
gen_photo 1 101 '#d08a4a' '#5a8fc0' & gen_photo 2 102 '#6aa86a' '#c0c070' & wait
gen_photo 3 103 '#b06a9a' '#e0b060' & gen_photo 4 104 '#5090b0' '#a0d0a0' & wait
gen_photo 5 105 '#c05050' '#f0d090' & gen_photo 6 106 '#7070c0' '#d0a0d0' & wait
if [ ! -s "$media/shapes.png" ]; then
    convert -size 1920x1080 gradient:'#1d6fa5'-'#f2c14e' \
        -draw "fill #0b2540 circle 480,540 480,240 fill #f08a4b rectangle 900,300 1500,800 fill #ffffff polygon 1600,900 1800,300 1900,900" \
        -strip -define png:exclude-chunks=date,time "$media/shapes.png.tmp.png"
    mv "$media/shapes.png.tmp.png" "$media/shapes.png"
fi

# Every file a playlist uses lies inside its folder (docs/playlist.md), so each playlist folder
# holds hard links to the photos (no extra space; a symbolic link would be refused).
show="$media/show"
still="$media/still"
mkdir -p "$show" "$still"
for f in photo1.jpg photo2.jpg photo3.jpg photo4.jpg photo5.jpg photo6.jpg shapes.png; do
    ln -f "$media/$f" "$show/$f" 2>/dev/null || cp "$media/$f" "$show/$f"
done
ln -f "$media/photo1.jpg" "$still/photo1.jpg" 2>/dev/null || cp "$media/photo1.jpg" "$still/photo1.jpg"
cat > "$show/playlist.json" <<EOF
{
  "format": 1,
  "name": "Benchmark: six 12-megapixel photos, a gradient and a PNG",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["en"],
  "defaults": {"duration": 3, "transition": {"type": "crossfade", "duration": 1.0}, "background": "#000000"},
  "slides": [
    {"id": "photo1", "image": {"src": "photo1.jpg", "fit": "cover"}},
    {"id": "photo2", "image": {"src": "photo2.jpg", "fit": "cover"}},
    {"id": "photo3", "image": {"src": "photo3.jpg", "fit": "cover"}},
    {"id": "gradient", "background": {"gradient": ["#0b2540", "#f2c14e"], "angle": 135}},
    {"id": "photo4", "image": {"src": "photo4.jpg", "fit": "cover"}},
    {"id": "photo5", "image": {"src": "photo5.jpg", "fit": "cover"}},
    {"id": "png", "image": {"src": "shapes.png", "fit": "contain"}},
    {"id": "photo6", "image": {"src": "photo6.jpg", "fit": "cover"}}
  ]
}
EOF
cat > "$still/playlist.json" <<EOF
{
  "format": 1,
  "name": "Benchmark: one still photo",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["en"],
  "defaults": {"duration": 3600, "transition": {"type": "cut"}, "background": "#000000"},
  "slides": [
    {"id": "photo1", "image": {"src": "photo1.jpg", "fit": "cover"}}
  ]
}
EOF

photos=("$media"/photo{1,2,3,4,5,6}.jpg)

# ---- running one measurement -------------------------------------------------------------------
start_xvfb() {
    rm -f "$tmp/displayfd"
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -br -noreset \
        3>"$tmp/displayfd" >"$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    local i
    for i in $(seq 100); do
        [ -s "$tmp/displayfd" ] && break
        kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start: $(tail -3 "$tmp/xvfb.log")"
        sleep 0.1
    done
    [ -s "$tmp/displayfd" ] || die "Xvfb did not report a display within 10 s"
    export DISPLAY=":$(tr -d '\n' < "$tmp/displayfd")"
}
stop_xvfb() {
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
}

# measure NAME SECONDS -- COMMAND...: one fresh Xvfb, one player; results in $tmp/NAME.out
measure() {
    local name=$1 secs=$2
    shift 3
    start_xvfb
    # give the fresh server a moment, so the probe reads the settled (black) screen
    sleep 0.3
    "$tmp/benchprobe" -t "$secs" -x "$xvfb_pid" -s 3 -e "$tmp/$name.err" -- "$@" > "$tmp/$name.out" &
    probe_pid=$!
    wait "$probe_pid" || die "probe failed for $name: $(cat "$tmp/$name.out")"
    probe_pid=""
    stop_xvfb
    if grep -q '^exited_early=1' "$tmp/$name.out"; then
        echo "bench: $name ended by itself before $secs s ($(grep exit_status "$tmp/$name.out")):" >&2
        tail -5 "$tmp/$name.err" >&2
    fi
    if grep -q '^first_picture_ms=-1' "$tmp/$name.out"; then
        echo "bench: $name: no picture appeared within $secs s" >&2
    fi
}

get() { sed -n "s/^$2=//p" "$tmp/$1.out" | head -1; }
stat_get() { # FILE KEY: value from the kiosk's "stats:" line
    grep -h '^stats: frames=' "$1" 2>/dev/null | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

kiosk_args=()
kiosk_stats=0
if [ $want_kiosk = 1 ]; then
    # A window the size of the screen: with no window manager it is placed at 0,0 and covers the
    # screen exactly as fullscreen would; fullscreen itself needs a window manager under X11.
    [ $fullscreen = 1 ] || kiosk_args+=(--window 1920x1080)
    if "$kiosk" play --help 2>&1 | grep -q -- '--stats'; then
        kiosk_args+=(--stats)
        kiosk_stats=1
    fi
fi
feh_args=(--fullscreen --auto-zoom --hide-pointer --no-menus --quiet)

export SDL_VIDEODRIVER=x11
for r in $(seq "$runs"); do
    # alternate the order, so neither player always runs on a warm page cache
    order="kiosk feh"
    [ $((r % 2)) = 0 ] && order="feh kiosk"
    for p in $order; do
        case $p in
        kiosk) [ $want_kiosk = 1 ] || continue
               echo "bench: run $r/$runs: kiosk, $seconds s ..." >&2
               measure "kiosk-show-$r" "$seconds" -- "$kiosk" "$show" "${kiosk_args[@]}"
               echo "bench: run $r/$runs: kiosk still picture, $still_seconds s ..." >&2
               measure "kiosk-still-$r" "$still_seconds" -- "$kiosk" "$still" "${kiosk_args[@]}" ;;
        feh)   [ $want_feh = 1 ] || continue
               echo "bench: run $r/$runs: feh, $seconds s ..." >&2
               measure "feh-show-$r" "$seconds" -- feh "${feh_args[@]}" --slideshow-delay 3 "${photos[@]}"
               echo "bench: run $r/$runs: feh still picture, $still_seconds s ..." >&2
               measure "feh-still-$r" "$still_seconds" -- feh "${feh_args[@]}" "${photos[0]}" ;;
        esac
    done
done

# ---- report ------------------------------------------------------------------------------------
# Missing values (a player not measured, no stats line) are normal here: print "-" and go on.
set +e +o pipefail
# metric PLAYER KIND KEY: median over runs
metric() {
    local r
    for r in $(seq "$runs"); do
        [ -f "$tmp/$1-$2-$r.out" ] && get "$1-$2-$r" "$3"
    done | grep -v '^-1$' | median
}
still_pct() { # PLAYER: median CPU % of one core while holding a still picture
    local r
    for r in $(seq "$runs"); do
        [ -f "$tmp/$1-still-$r.out" ] || continue
        local c w
        c=$(get "$1-still-$r" late_cpu_s) w=$(get "$1-still-$r" late_window_s)
        [ -n "$c" ] && [ -n "$w" ] && awk -v c="$c" -v w="$w" 'BEGIN { printf "%.2f\n", 100 * c / w }'
    done | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f\n", k / 1024 }'; }
or_dash() { if [ -n "$1" ]; then echo "$1"; else echo "-"; fi; }
fmt() { awk -v d="$1" -v v="$2" 'BEGIN { if (v == "") print "-"; else printf "%.*f\n", d, v }'; }

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
[ -n "$cpu_model" ] || cpu_model=$(sed -n 's/^Hardware[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem_kb=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
xvfb_version=$(Xvfb -version 2>&1 | sed -n 's/^X.Org X Server /Xvfb (X.Org) /p' | head -1)
sdl_version=$(dpkg-query -W -f '${Version}' libsdl2-2.0-0 2>/dev/null || echo unknown)

echo
echo "== Player benchmark =="
echo "machine:  $cpu_model, $(nproc) cores, $(awk -v k="$mem_kb" 'BEGIN { printf "%.1f GiB", k / 1048576 }') RAM, $(uname -sr), Debian $(cat /etc/debian_version 2>/dev/null || echo ?)"
if [ $want_kiosk = 1 ]; then echo "kiosk:    $("$kiosk" --version 2>&1 | head -1) ($kiosk ${kiosk_args[*]}), SDL2 $sdl_version, SDL_VIDEODRIVER=x11${SDL_RENDER_DRIVER:+, SDL_RENDER_DRIVER=$SDL_RENDER_DRIVER}"; fi
echo "feh:      $(feh --version 2>&1 | head -1) (feh ${feh_args[*]} --slideshow-delay 3)"
echo "X server: ${xvfb_version:-Xvfb} -screen 0 1920x1080x24, a fresh server per measurement"
echo "show:     6 x 4000x3000 JPEG ($(du -ch "${photos[@]}" | tail -1 | cut -f1) in all), 1 gradient slide, 1 1920x1080 PNG; 3 s per slide, 1 s crossfades (feh: the 6 JPEGs, no transitions)"
echo "runs:     $runs (medians shown), measuring time $seconds s from process start"
echo

k_first=$(metric kiosk show first_picture_ms) f_first=$(metric feh show first_picture_ms)
k_cpu=$(metric kiosk show cpu_s) f_cpu=$(metric feh show cpu_s)
k_pss=$(metric kiosk show peak_pss_kb) f_pss=$(metric feh show peak_pss_kb)
k_xcpu=$(metric kiosk show server_cpu_s) f_xcpu=$(metric feh show server_cpu_s)
k_still=$(still_pct kiosk) f_still=$(still_pct feh)
k_still_pss=$(metric kiosk still peak_pss_kb) f_still_pss=$(metric feh still peak_pss_kb)

printf '%-40s %10s %10s %10s   %s\n' "" kiosk feh kiosk/feh target
printf '%-40s %10s %10s %10s   %s\n' "first picture on screen (ms)" "$(fmt 0 "$k_first")" "$(fmt 0 "$f_first")" "$(ratio "$k_first" "$f_first")" "< 1 (faster than feh)"
printf '%-40s %10s %10s %10s   %s\n' "CPU over $seconds s, process tree (s)" "$(fmt 2 "$k_cpu")" "$(fmt 2 "$f_cpu")" "$(ratio "$k_cpu" "$f_cpu")" ""
printf '%-40s %10s %10s %10s   %s\n' "peak PSS, process tree (MB)" "$(mb "$k_pss")" "$(mb "$f_pss")" "$(ratio "$k_pss" "$f_pss")" "< 1, and < 80 MB"
printf '%-40s %10s %10s %10s   %s\n' "X server CPU over $seconds s (s)" "$(fmt 2 "$k_xcpu")" "$(fmt 2 "$f_xcpu")" "$(ratio "$k_xcpu" "$f_xcpu")" "(information)"
printf '%-40s %10s %10s %10s   %s\n' "still picture: CPU (% of one core)" "$(fmt 2 "$k_still")" "$(fmt 2 "$f_still")" "$(ratio "$k_still" "$f_still")" "kiosk < 1%"
printf '%-40s %10s %10s %10s   %s\n' "still picture: peak PSS (MB)" "$(mb "$k_still_pss")" "$(mb "$f_still_pss")" "$(ratio "$k_still_pss" "$f_still_pss")" ""
echo

if [ $want_kiosk = 1 ]; then
    echo "kiosk's own statistics (--stats, printed on exit; medians over runs):"
    if [ $kiosk_stats = 0 ]; then
        echo "  this kiosk has no --stats option"
    else
        for kind in show still; do
            line=""
            for key in frames frame_ms_mean frame_ms_p95 frame_ms_max still_cpu_pct still_seconds; do
                v=$(for r in $(seq "$runs"); do stat_get "$tmp/kiosk-$kind-$r.err" "$key"; done | median)
                case $key in frames) v=$(fmt 0 "$v") ;; *) v=$(fmt 2 "$v") ;; esac
                line="$line $key=$v"
            done
            case $kind in
            show)  echo "  slide show ($seconds s, crossfades):$line" ;;
            still) echo "  still picture ($still_seconds s):     $line" ;;
            esac
        done
        grep -qh '^stats: frames=' "$tmp"/kiosk-*.err 2>/dev/null \
            || echo "  (no 'stats:' line found on the kiosk's stderr; see --keep for the logs)"
    fi
    echo
fi
cat <<'EOF'
How it is measured: each player runs alone on a fresh Xvfb. "first picture" is the time from
fork() to the moment at least 5 of 9 probe points of the root window (a 3x3 grid) differ from the
initial black, polled every 4 ms with XGetImage. CPU is utime+stime (plus reaped children) of the
player's process tree from /proc/PID/stat at the end of the measuring time; PSS is the sum of Pss
from /proc/PID/smaps_rollup over the tree, sampled every 100 ms. "still picture" plays one photo
(kiosk: a one-slide playlist; feh: one file, no slideshow) and counts CPU from 3 s after the first
picture to the end. feh has no crossfades: its CPU covers decoding and scaling only.
EOF
