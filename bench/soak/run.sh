#!/bin/bash
# The soak: the Ofakim demo with one-second slides for a long time, RSS sampled every second.
#
#   bench/soak/run.sh [--kiosk PATH] [--seconds N] [--warmup N] [--tolerance-mb M] [--keep DIR]
#
# Copies playlists/ofakim, makes every slide one second long (transitions half a second at most),
# plays it with SDL's dummy video driver (no X server; the software renderer at 1920x1080) under
# the player's --stats for --seconds (default 1800: 30 minutes), and samples the player's RSS
# every second. After --warmup seconds (default 30: about three cycles of the show, so every
# picture, text and page has been drawn once), it takes the lowest RSS of every 10 seconds (the
# memory held between decodes, which a leak would raise; decodes and transitions come and go
# above it) and prints the median of those in each half of the rest, the growth from the first
# half to the second, the slope of a straight line through them in MB per 10 minutes, the
# highest sample, and the player's own frame statistics. With --tolerance-mb it
# fails (exit 1) when the growth exceeds M megabytes: ctest runs a two-minute version
# (tests/e2e/CMakeLists.txt, e2e.soak). --keep DIR keeps the samples (rss.txt: seconds, kB) and
# the player's log there.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kiosk=$root/build/kiosk secs=1800 warmup=30 tolerance="" keep=""
while [ $# -gt 0 ]; do
    case $1 in
    --kiosk) kiosk=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --tolerance-mb) tolerance=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
[ -x "$kiosk" ] || { echo "no kiosk binary at $kiosk (build it, or --kiosk PATH)"; exit 1; }
[ "$secs" -gt $((warmup + 20)) ] || { echo "--seconds must leave at least 20 s after the warm-up"; exit 2; }
if [ -n "$keep" ]; then
    tmp=$keep
    rm -rf "$tmp"
    mkdir -p "$tmp"
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
fi
cp -r "$root/playlists/ofakim" "$tmp/show"
python3 - "$tmp/show/playlist.json" <<'PY'
import json, sys
path = sys.argv[1]
pl = json.load(open(path))
def shorten(t):
    if t and 'duration' in t:
        t['duration'] = min(t['duration'], 0.5)
pl.setdefault('defaults', {})['duration'] = 1
shorten(pl['defaults'].get('transition'))
for s in pl['slides']:
    s['duration'] = 1
    shorten(s.get('transition'))
json.dump(pl, open(path, 'w'), ensure_ascii=False, indent=1)
PY
"$kiosk" check "$tmp/show" >"$tmp/check.log" 2>&1 || { echo "kiosk check refused the show:"; cat "$tmp/check.log"; exit 1; }

: >"$tmp/rss.txt"
SDL_VIDEODRIVER=dummy "$kiosk" "$tmp/show" --window 1920x1080 --no-watch --stats \
    >"$tmp/stats.txt" 2>"$tmp/kiosk.log" &
pid=$!
start=$(date +%s)
for t in $(seq 1 "$secs"); do
    sleep $((start + t - $(date +%s))) 2>/dev/null || true
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [ -n "$rss" ] || { echo "the player stopped after $t s:"; tail -5 "$tmp/kiosk.log"; exit 1; }
    echo "$t $rss" >>"$tmp/rss.txt"
done
kill "$pid"
wait "$pid"
shown=$(grep -c . "$tmp/rss.txt")

# The RSS between decodes (the floor a leak would raise) is the lowest sample of each 10-second
# window; a cycle's decodes and transitions come and go above it. Compared: the median of those
# floors in each half after the warm-up, and a straight line through all of them.
read -r first second growth slope peak <<<"$(python3 - "$tmp/rss.txt" "$warmup" <<'PY'
import statistics as st, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1])]
warm = int(sys.argv[2])
after = [(t, kb / 1024) for t, kb in rows if t > warm]
floors = []
for i in range(0, len(after) - 9, 10):
    w = after[i:i + 10]
    floors.append((w[0][0], min(kb for _, kb in w)))
half = len(floors) // 2
a = st.median(kb for _, kb in floors[:half])
b = st.median(kb for _, kb in floors[half:])
n = len(floors)
mx = sum(t for t, _ in floors) / n
my = sum(kb for _, kb in floors) / n
slope = sum((t - mx) * (kb - my) for t, kb in floors) / sum((t - mx) ** 2 for t, _ in floors)
print(f"{a:.1f} {b:.1f} {b - a:.1f} {slope * 600:.2f} {max(kb for _, kb in after):.1f}")
PY
)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "soak: playlists/ofakim with 1 s slides, $secs s, $shown RSS samples (every second)"
echo "RSS at the end of the warm-up (${warmup} s): $(awk -v w="$warmup" '$1 == w {printf "%.1f", $2 / 1024}' "$tmp/rss.txt") MB"
echo "RSS between decodes (median of 10 s floors), first half after the warm-up: $first MB"
echo "RSS between decodes, second half: $second MB (highest sample after the warm-up: $peak MB)"
echo "growth: $growth MB; slope of the floors: $slope MB per 10 minutes"
echo "the player's --stats:"
sed 's/^/  /' "$tmp/stats.txt" "$tmp/kiosk.log" | grep -iE "frames|stat|ms|cpu" | head -12
if [ -n "$tolerance" ]; then
    if awk -v g="$growth" -v t="$tolerance" 'BEGIN { exit !(g > t) }'; then
        echo "FAIL: RSS grew $growth MB after the warm-up (tolerance $tolerance MB)"
        exit 1
    fi
    echo "ok: growth within $tolerance MB"
fi
