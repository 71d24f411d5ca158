#!/bin/bash
# The scale benchmark: how start-up, memory and `kiosk check` grow with the size of a show.
#
#   bench/scale/run.sh [--kiosk PATH] [--sizes "10 100 300"] [--pages 100] [--seconds N]
#                      [--media DIR]
#
# For each size N it makes a playlist of N slides, each a 12-megapixel JPEG (4000x3000, cover,
# one-second slides with half-second crossfades), and at the largest size also --pages pages
# (default 100) with a photo each, and measures with SDL's dummy video driver (no X server; the
# software renderer at 1920x1080, as under Xvfb):
#   check_ms      wall time of `kiosk check DIR` (reads every picture's header, lays out text)
#   start_ms      process start to "first frame presented" in the player's log
#   peak_pss_mb   the player's peak PSS over --seconds of play (default 12), sampled every 0.2 s:
#                 the texture cache holds a few screen-sized pictures whatever the show's length,
#                 so this should not grow with N
#   rss_end_mb    the player's RSS at the end of that time
# and prints a table, then the growth from the smallest to the largest size beside the growth of
# the content. The photos are 12 distinct generated ones, hard-linked under N names (each slide
# its own file, as in a real show; generating 300 different 12-megapixel photos would only time
# ImageMagick). Nothing is committed: the media go to a temp dir, or --media DIR to reuse.
#
# Needs (Debian 12): imagemagick, bc.
set -u
here=$(cd "$(dirname "$0")" && pwd)
kiosk=$here/../../build/kiosk sizes="10 100 300" pages=100 secs=12 media=""
while [ $# -gt 0 ]; do
    case $1 in
    --kiosk) kiosk=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --media) media=$2; shift 2 ;;
    *) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
kiosk=$(readlink -f "$kiosk")
[ -x "$kiosk" ] || { echo "no kiosk binary at $kiosk (build it, or --kiosk PATH)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$media" ] || media=$tmp/media
mkdir -p "$media"
for i in $(seq 0 11); do
    [ -f "$media/photo$i.jpg" ] || convert -seed "$i" -size 1000x750 plasma:fractal -blur 0x1 \
        -resize 4000x3000! -quality 85 "$media/photo$i.jpg" || exit 1
done
largest=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)

# make_show DIR N PAGES: N slides and PAGES pages, each with its own 12-megapixel photo.
make_show() {
    local dir=$1 n=$2 np=$3 i
    mkdir -p "$dir"
    for i in $(seq 1 "$n"); do ln -f "$media/photo$((i % 12)).jpg" "$dir/s$i.jpg"; done
    for i in $(seq 1 "$np"); do ln -f "$media/photo$((i % 12)).jpg" "$dir/p$i.jpg"; done
    {
        printf '{"format": 1, "name": "scale %s", "screen": {"width": 1920, "height": 1080},\n' "$n"
        printf ' "languages": ["he", "en"],\n'
        printf ' "defaults": {"duration": 1, "transition": {"type": "crossfade", "duration": 0.5}},\n'
        if [ "$np" -gt 0 ]; then
            printf ' "interactive": {"home": "p1", "touch_opens_home": true},\n'
        fi
        printf ' "slides": [\n'
        for i in $(seq 1 "$n"); do
            printf '  {"id": "s%d", "image": {"src": "s%d.jpg", "fit": "cover"}}%s\n' "$i" "$i" \
                "$([ "$i" -lt "$n" ] && echo ,)"
        done
        printf ' ]'
        if [ "$np" -gt 0 ]; then
            printf ',\n "pages": [\n'
            for i in $(seq 1 "$np"); do
                local next=$((i % np + 1))
                printf '  {"id": "p%d", "image": {"src": "p%d.jpg", "fit": "cover"},\n' "$i" "$i"
                printf '   "buttons": [{"box": [0.7, 0.8, 0.25, 0.12], "action": "page:p%d",\n' "$next"
                printf '     "label": {"he": "הבא", "en": "Next"}}]}%s\n' \
                    "$([ "$i" -lt "$np" ] && echo ,)"
            done
            printf ' ]'
        fi
        printf '\n}\n'
    } >"$dir/playlist.json"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# measure DIR: prints "check_ms start_ms peak_pss_mb rss_end_mb".
measure() {
    local dir=$1 t0 t1 check_ms start_ms="" peak=0 pss rss=0 pid end
    t0=$(now_ms)
    "$kiosk" check "$dir" >"$tmp/check.log" 2>&1 || { echo "kiosk check failed:"; cat "$tmp/check.log"; exit 1; }
    t1=$(now_ms)
    check_ms=$((t1 - t0))
    : >"$tmp/play.log"
    t0=$(now_ms)
    SDL_VIDEODRIVER=dummy "$kiosk" "$dir" --window 1920x1080 --no-watch 2>"$tmp/play.log" &
    pid=$!
    end=$((t0 + secs * 1000))
    while [ "$(now_ms)" -lt "$end" ]; do
        if [ -z "$start_ms" ] && grep -q "first frame presented" "$tmp/play.log"; then
            start_ms=$(($(now_ms) - t0))
        fi
        pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null)
        [ -n "$pss" ] && [ "$pss" -gt "$peak" ] && peak=$pss
        sleep 0.2
    done
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "$check_ms ${start_ms:-none} $((peak / 1024)) $((${rss:-0} / 1024))"
}

echo "kiosk: $kiosk"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %10s %12s %11s\n' show check_ms start_ms peak_pss_mb rss_end_mb
first="" last=""
for n in $sizes; do
    np=0
    [ "$n" = "$largest" ] && np=$pages
    make_show "$tmp/show$n" "$n" "$np"
    read -r c s p r <<<"$(measure "$tmp/show$n")"
    label="$n slides"
    [ "$np" -gt 0 ] && label="$n slides + $np pages"
    printf '%-22s %10s %10s %12s %11s\n' "$label" "$c" "$s" "$p" "$r"
    [ -n "$first" ] || first="$n $c $s $p"
    last="$((n + np)) $c $s $p"
done
read -r n0 c0 s0 p0 <<<"$first"
read -r n1 c1 s1 p1 <<<"$last"
echo "growth from the smallest to the largest show: content x$(echo "scale=1; $n1 / $n0" | bc)," \
    "check x$(echo "scale=1; $c1 / $c0" | bc), start x$(echo "scale=2; $s1 / $s0" | bc)," \
    "peak PSS x$(echo "scale=2; $p1 / $p0" | bc)"
