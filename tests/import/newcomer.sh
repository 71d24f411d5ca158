#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# A newcomer's first steps on a kiosk, as docs/deploy-pi.md tells them: the first import on a new
# kiosk says nothing alarming; `kiosk check` and `kiosk` on the installed `current` find the
# playlist inside it; with no screen at all the player says so and what to use instead.
source "$(dirname "$0")/common.sh"
export SDL_AUDIODRIVER=dummy

install_v1
check "the first import on a new kiosk warns about nothing ($out)" \
    '[[ "$out" != *"warning"* ]] && [[ "$out" != *"nothing to fall back to"* ]]'

out=$("$kiosk" check "$tmp/state/current" 2>&1)
rc=$?
check "kiosk check STATE/current checks the installed playlist ($out)" \
    '[ $rc = 0 ] && [[ "$out" == *"is an installed version; using its playlist folder"* ]] && [[ "$out" == *"\"version 1\""*OK* ]]'

log=$(SDL_VIDEODRIVER=dummy timeout 20 "$kiosk" "$tmp/state/current" --window 320x180 \
    --no-watch --exit-after 1 2>&1)
check "kiosk STATE/current plays the installed playlist, not the built-in slide" \
    '[[ "$log" == *"playing \"version 1\""* ]] && [[ "$log" != *"built-in"* ]]'

# No display and no console to draw on: SDL would fall back to a driver that shows nothing.
log=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 5 "$kiosk" "$tmp/content-1" \
    --no-watch --exit-after 1 </dev/null 2>&1)
if [[ "$log" == *"video driver kmsdrm"* || "$log" == *"video driver x11"* ]]; then
    echo "skipped the no-screen check: this machine has a screen"
else
    check "with no screen the player says so and points to render and --window" \
        '[[ "$log" == *"there is no screen to show the slides on"* ]] && [[ "$log" == *"kiosk render DIR"* ]] && [[ "$log" == *"--window"* ]]'
fi
finish
