#!/bin/bash
# The video benchmark: the kiosk against mpv (Debian's), playing the same generated 1080p30 H.264
# clip in a loop, fullscreen on the same kind of X server (a fresh Xvfb at 1920x1080 each), one
# after the other in the same run, with the same output path.
#
#   bench/video/run.sh [options]
#
# Prints for each player: CPU seconds of the process tree over the measuring time, frames dropped
# (the kiosk's --stats line; mpv's frame-drop-count and decoder-frame-drop-count through a small
# Lua script, bench/video/mpv-stats.lua), peak PSS summed over the process tree
# (/proc/PID/smaps_rollup every 100 ms), time to the first picture and the X server's CPU; then
# the kiosk/mpv ratios.
#
# Output paths (--path):
#   x11  the kiosk with SDL's software renderer (SDL_RENDER_DRIVER=software: colour converted and
#        scaled on the CPU, the window updated through X11), mpv with --vo=x11 (the same: colour
#        converted by swscale on the CPU, XShm puts); the default
#   gl   the kiosk with SDL's OpenGL renderer (SDL_RENDER_DRIVER=opengl), mpv with --vo=gpu
#        (--gpu-api=opengl): both through Mesa's llvmpipe on Xvfb's GLX, colour converted in
#        shaders that llvmpipe runs on the CPU
#   both both pairs
#
# Options:
#   --kiosk PATH      the kiosk binary (default: build/kiosk of this checkout)
#   --seconds N       measuring time per player (default 30)
#   --runs N          repeat each measurement N times, report medians (default 1)
#   --path x11|gl|both
#   --only kiosk|mpv  measure only one player
#   --media DIR       keep the generated clip in DIR and reuse it (default: a temp dir)
#   --keep            keep the temp dir (logs, playlist, stderr of each run) and print its path
#
# The clip: 20 s of ffmpeg's testsrc2 pattern at 1920x1080, 30 fps, with moving grain added so
# that it costs a decoder what filmed footage costs, encoded as the kiosk's documented format
# (H.264 High, yuv420p, +faststart; about 8 Mbit/s), no sound. Both players loop it.
# Needs (Debian 12): xvfb mpv ffmpeg libx11-dev and a C compiler (the probe helper is
# bench/player/benchprobe.c).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

kiosk="$repo/build/kiosk"
seconds=30
runs=1
path=x11
media=""
only=""
keep=0

die() { echo "bench: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --kiosk) kiosk=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --path) path=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --media) media=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
case "$only" in ""|kiosk|mpv) ;; *) die "--only: expected kiosk or mpv" ;; esac
case "$path" in x11) paths=(x11) ;; gl) paths=(gl) ;; both) paths=(x11 gl) ;;
*) die "--path: expected x11, gl or both" ;; esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs: expected a positive number"
[[ "$seconds" =~ ^[1-9][0-9]*$ && "$seconds" -gt 5 ]] || die "--seconds: expected a whole number above 5"

missing=""
for tool in Xvfb mpv ffmpeg cc; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
[ -f /usr/include/X11/Xlib.h ] || missing="$missing libx11-dev"
[ -z "$missing" ] || die "missing:$missing (apt-get install xvfb mpv ffmpeg libx11-dev gcc)"

want_kiosk=1 want_mpv=1
[ "$only" = mpv ] && want_kiosk=0
[ "$only" = kiosk ] && want_mpv=0
if [ $want_kiosk = 1 ] && [ ! -x "$kiosk" ]; then
    echo "bench: $kiosk not found: build it first (cmake --build build); measuring mpv only" >&2
    want_kiosk=0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-video-bench.XXXXXX")
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

cc -std=c11 -O2 -Wall -o "$tmp/benchprobe" "$repo/bench/player/benchprobe.c" -lX11 \
    || die "cannot build the probe helper (needs libx11-dev)"

# ---- the clip and the kiosk's playlist ---------------------------------------------------------
[ -n "$media" ] || media="$tmp/media"
show="$media/show"
clip="$show/clip.mp4"
mkdir -p "$show"
if [ ! -s "$clip" ]; then
    echo "bench: generating a 20 s 1920x1080 H.264 clip in $show ..." >&2
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=20,noise=alls=8:allf=t" \
        -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -b:v 8M -maxrate 10M \
        -bufsize 16M -movflags +faststart -an -threads 2 "$clip.tmp.mp4"
    mv "$clip.tmp.mp4" "$clip"
fi
cat > "$show/playlist.json" <<JSON
{
  "format": 1,
  "name": "Benchmark: one 1080p30 H.264 clip, looped",
  "screen": {"width": 1920, "height": 1080},
  "languages": ["en"],
  "defaults": {"transition": {"type": "cut"}, "background": "#000000"},
  "slides": [{"id": "clip", "duration": 3600, "video": {"src": "clip.mp4", "loop": true}}]
}
JSON
if [ $want_kiosk = 1 ]; then
    "$kiosk" check "$show" >"$tmp/check.log" 2>&1 || die "kiosk check refuses the show: $(cat "$tmp/check.log")"
fi

# ---- running one measurement -------------------------------------------------------------------
start_xvfb() {
    rm -f "$tmp/displayfd"
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -br -noreset \
        3>"$tmp/displayfd" >"$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    local _ d
    for _ in $(seq 100); do
        [ -s "$tmp/displayfd" ] && break
        kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start: $(tail -3 "$tmp/xvfb.log")"
        sleep 0.1
    done
    [ -s "$tmp/displayfd" ] || die "Xvfb did not report a display within 10 s"
    d=$(tr -d '\n' <"$tmp/displayfd")
    export DISPLAY=":$d"
}
stop_xvfb() {
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
}
# measure NAME -- COMMAND...: one fresh Xvfb, one player; results in $tmp/NAME.out and .err
measure() {
    local name=$1
    shift 2
    start_xvfb
    sleep 0.3
    "$tmp/benchprobe" -t "$seconds" -x "$xvfb_pid" -s 3 -e "$tmp/$name.err" -- "$@" \
        >"$tmp/$name.out" &
    probe_pid=$!
    wait "$probe_pid" || die "probe failed for $name: $(cat "$tmp/$name.out")"
    probe_pid=""
    stop_xvfb
    if grep -q '^exited_early=1' "$tmp/$name.out"; then
        echo "bench: $name ended by itself before $seconds s:" >&2
        tail -5 "$tmp/$name.err" >&2
    fi
}

mpv_common=(--no-config --fs --geometry=1920x1080+0+0 --loop-file=inf --no-audio --hwdec=no
    --no-osc --no-input-default-bindings --cursor-autohide=always --really-quiet
    --script="$here/mpv-stats.lua")
for p in "${paths[@]}"; do
    for r in $(seq "$runs"); do
        order="kiosk mpv"
        [ $((r % 2)) = 0 ] && order="mpv kiosk"
        for who in $order; do
            case $who in
            kiosk)
                [ $want_kiosk = 1 ] || continue
                renderer=software
                [ "$p" = gl ] && renderer=opengl
                echo "bench: $p run $r/$runs: kiosk ($renderer renderer), $seconds s ..." >&2
                measure "kiosk-$p-$r" -- env SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=$renderer \
                    "$kiosk" "$show" --window 1920x1080 --stats ;;
            mpv)
                [ $want_mpv = 1 ] || continue
                vo=(--vo=x11)
                [ "$p" = gl ] && vo=(--vo=gpu --gpu-api=opengl --gpu-context=x11egl)
                echo "bench: $p run $r/$runs: mpv (${vo[*]}), $seconds s ..." >&2
                measure "mpv-$p-$r" -- mpv "${mpv_common[@]}" "${vo[@]}" "$clip" ;;
            esac
        done
    done
done

# ---- report ------------------------------------------------------------------------------------
set +e +o pipefail
get() { sed -n "s/^$2=//p" "$tmp/$1.out" | head -1; }
line_get() { # FILE PREFIX KEY: KEY=value from the last line starting with PREFIX
    grep -h "^$2" "$1" 2>/dev/null | tail -1 | tr ' ' '\n' | sed -n "s/^$3=//p"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
metric() { # WHO PATH KEY
    local r
    for r in $(seq "$runs"); do [ -f "$tmp/$1-$2-$r.out" ] && get "$1-$2-$r" "$3"; done |
        grep -v '^-1$' | median
}
dropped() { # WHO PATH: frames dropped, median over runs
    local r
    for r in $(seq "$runs"); do
        local f="$tmp/$1-$2-$r.err"
        [ -f "$f" ] || continue
        if [ "$1" = kiosk ]; then
            line_get "$f" "stats: video_frames" video_dropped
        else
            local a b
            a=$(line_get "$f" mpv-stats: frame_drop) b=$(line_get "$f" mpv-stats: decoder_drop)
            [ -n "$a" ] && echo $((a + b))
        fi
    done | median
}
shown() { # the kiosk's frames shown, median
    local r
    for r in $(seq "$runs"); do
        line_get "$tmp/kiosk-$1-$r.err" "stats: video_frames" video_frames
    done | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f\n", k / 1024 }'; }
fmt() { awk -v d="$1" -v v="$2" 'BEGIN { if (v == "") print "-"; else printf "%.*f\n", d, v }'; }

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
[ -n "$cpu_model" ] || cpu_model=$(sed -n 's/^Hardware[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem_kb=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)
echo
echo "== Video benchmark =="
echo "machine:  $cpu_model, $(nproc) cores, $(awk -v k="$mem_kb" 'BEGIN { printf "%.1f GiB", k / 1048576 }') RAM, $(uname -sr), Debian $(cat /etc/debian_version 2>/dev/null || echo ?)"
[ $want_kiosk = 1 ] && echo "kiosk:    $("$kiosk" --version 2>&1 | head -1) ($kiosk --window 1920x1080 --stats), SDL2 $(dpkg-query -W -f '${Version}\n' libsdl2-2.0-0 2>/dev/null | head -1), libavcodec $(dpkg-query -W -f '${Version}\n' libavcodec59 2>/dev/null | head -1)"
[ $want_mpv = 1 ] && echo "mpv:      $(mpv --version 2>/dev/null | head -1) (${mpv_common[*]//--script=*/--script=mpv-stats.lua})"
echo "clip:     $(du -h "$clip" | cut -f1), 20 s, 1920x1080 H.264 High yuv420p, 30 fps, looped; measuring time $seconds s from process start"
echo "runs:     $runs (medians shown), each player alone on a fresh Xvfb -screen 0 1920x1080x24"
for p in "${paths[@]}"; do
    echo
    case $p in
    x11) echo "-- output path x11: kiosk SDL_RENDER_DRIVER=software, mpv --vo=x11 --"  ;;
    gl)  echo "-- output path gl: kiosk SDL_RENDER_DRIVER=opengl, mpv --vo=gpu --gpu-api=opengl (llvmpipe) --" ;;
    esac
    k_cpu=$(metric kiosk "$p" cpu_s) m_cpu=$(metric mpv "$p" cpu_s)
    k_pss=$(metric kiosk "$p" peak_pss_kb) m_pss=$(metric mpv "$p" peak_pss_kb)
    k_first=$(metric kiosk "$p" first_picture_ms) m_first=$(metric mpv "$p" first_picture_ms)
    k_x=$(metric kiosk "$p" server_cpu_s) m_x=$(metric mpv "$p" server_cpu_s)
    k_drop=$(dropped kiosk "$p") m_drop=$(dropped mpv "$p")
    printf '%-38s %10s %10s %10s   %s\n' "" kiosk mpv kiosk/mpv goal
    printf '%-38s %10s %10s %10s   %s\n' "CPU over $seconds s, process tree (s)" "$(fmt 2 "$k_cpu")" "$(fmt 2 "$m_cpu")" "$(ratio "$k_cpu" "$m_cpu")" "< 1"
    printf '%-38s %10s %10s %10s   %s\n' "frames dropped" "$(fmt 0 "$k_drop")" "$(fmt 0 "$m_drop")" "" "0"
    printf '%-38s %10s %10s %10s   %s\n' "peak PSS, process tree (MB)" "$(mb "$k_pss")" "$(mb "$m_pss")" "$(ratio "$k_pss" "$m_pss")" ""
    printf '%-38s %10s %10s %10s   %s\n' "first picture (ms)" "$(fmt 0 "$k_first")" "$(fmt 0 "$m_first")" "$(ratio "$k_first" "$m_first")" ""
    printf '%-38s %10s %10s %10s   %s\n' "X server CPU over $seconds s (s)" "$(fmt 2 "$k_x")" "$(fmt 2 "$m_x")" "$(ratio "$k_x" "$m_x")" "(information)"
    [ $want_kiosk = 1 ] && echo "kiosk frames shown: $(fmt 0 "$(shown "$p")") (about $((seconds * 30)) in $seconds s at 30 fps, less the start)"
done
cat <<'TXT'

How it is measured: each player runs alone on a fresh Xvfb, started by bench/player/benchprobe.c
in its own process group. CPU is utime+stime (plus reaped children) of the process tree from
/proc/PID/stat over the measuring time; PSS is the sum of Pss from /proc/PID/smaps_rollup over
the tree, sampled every 100 ms; at the end SIGTERM, on which the kiosk prints its --stats line
(video_frames, video_dropped) and mpv runs mpv-stats.lua (frame-drop-count plus
decoder-frame-drop-count). Xvfb has no vsync and no GPU: this compares the two players' own work
on one machine, not what a Raspberry Pi would show.
TXT
