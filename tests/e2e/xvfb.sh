# shellcheck shell=bash
# A private X server for tests that need a real window; sourced, not run. Needs $tmp (a
# folder of the test's own). Starts Xvfb, exports DISPLAY, and on exit stops it and the kiosk
# whose pid is in $kpid (if any). Exits 1 naming what is missing (packaging/dev.sh installs it).
for tool in Xvfb xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see packaging/dev.sh)"; exit 1; }
done
: "${tmp:?xvfb.sh needs \$tmp, a folder of the test}"
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
kpid=
xvfb_cleanup() {
    [ -n "$kpid" ] && kill "$kpid" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    wait 2>/dev/null
}
trap xvfb_cleanup EXIT
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
DISPLAY=":$(head -1 "$tmp/display")"
export DISPLAY
unset WAYLAND_DISPLAY
