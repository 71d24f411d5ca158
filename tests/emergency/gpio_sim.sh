#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The dry contact through the kernel's GPIO simulator (gpio-sim, configured through configfs):
# the player reads a simulated line with libgpiod as it reads a Pi's header. The test pulls
# the line low (the alarm's relay closing, active low), then releases it; the emergency ends
# after the configured release time. Skipped (77) where the kernel has no gpio-sim or the
# test may not configure it (not root, no configfs): the fake line of test_triggers.c covers
# the logic there.
set -u
kiosk=$1 data=$2 tmp=$3
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
export SDL_VIDEODRIVER=dummy

cfs=/sys/kernel/config
if [ "$(id -u)" != 0 ]; then
    echo "not root: cannot configure gpio-sim; skipped"
    exit 77
fi
[ -d "$cfs/gpio-sim" ] || modprobe gpio-sim 2>/dev/null || true
if [ ! -d "$cfs/gpio-sim" ] && [ -d "$cfs" ]; then
    mount -t configfs none "$cfs" 2>/dev/null || true
fi
if [ ! -d "$cfs/gpio-sim" ]; then
    echo "the kernel has no gpio-sim (or no configfs at $cfs): skipped"
    exit 77
fi

sim="$cfs/gpio-sim/kiosk-test-$$"
cleanup() {
    [ -n "${pid:-}" ] && kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    if [ -d "$sim" ]; then
        echo 0 >"$sim/live" 2>/dev/null
        rmdir "$sim/bank0/line3" "$sim/bank0" "$sim" 2>/dev/null
    fi
}
trap cleanup EXIT
mkdir "$sim" "$sim/bank0" || {
    echo "cannot create a simulated chip: skipped"
    exit 77
}
echo 8 >"$sim/bank0/num_lines"
echo 1 >"$sim/live"
chip=$(cat "$sim/bank0/chip_name")
dev=$(cat "$sim/dev_name")
pull="/sys/devices/platform/$dev/$chip/sim_gpio3/pull"
check "a simulated chip $chip is live" '[ -n "$chip" ] && [ -e "$pull" ]'

rm -rf "$tmp"
mkdir -p "$tmp/state"
cat >"$tmp/kiosk.conf" <<CONF
state_dir = $tmp/state
watch_dirs = $tmp
emergency_gpio_chip = $chip
emergency_gpio_line = 3
emergency_gpio_active = low
emergency_debounce_ms = 20
emergency_release = 1
CONF
log="$tmp/log"
echo pull-up >"$pull"
"$kiosk" "$data/colours" --window 640x360 --no-watch --config "$tmp/kiosk.conf" 2>"$log" &
pid=$!
wait_for() {
    local i
    for ((i = 0; i < 50; i++)); do
        grep -q "$1" "$log" && return 0
        sleep 0.1
    done
    return 1
}
wait_for "first frame presented"
check "the line is read: no alarm while it is high" '! grep -q "EMERGENCY MODE ON" "$log"'
echo pull-down >"$pull"
check "the relay closing (line low) starts emergency mode" 'wait_for "EMERGENCY MODE ON (the building.s alarm (dry contact, $chip line 3))"'
check "its first frame is presented" 'wait_for "first emergency frame presented"'
echo pull-up >"$pull"
sleep 0.5
check "released for less than the release time: still on" '! grep -q "emergency mode over" "$log"'
check "released for 1 s: over" 'wait_for "emergency mode over"'
finish
