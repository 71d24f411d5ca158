#!/usr/bin/env bash
# `systemd-analyze verify` on the shipped units (packaging/systemd), and the service's exposure
# score from `systemd-analyze security --offline` (must stay "OK", 3.0 or lower).
#
#   units-verify.sh SOURCE_DIR KIOSK_BINARY WORK_DIR
#
# The units name /usr/bin/kiosk and /usr/libexec/kiosk/mount-stick, which exist only once the
# package is installed: copies of the units point at the build's binary and the source's helper.
set -euo pipefail
src=$1 kiosk=$2 work=$3

command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
for unit in kiosk.service kiosk-console.service kiosk-stick@.service kiosk-export.service \
    kiosk-export.path kiosk-syncthing.service; do
    sed -e "s|/usr/bin/kiosk|$kiosk|g" \
        -e "s|/usr/libexec/kiosk/mount-stick|$src/packaging/mount-stick|g" \
        "$src/packaging/systemd/$unit" >"$work/$unit"
done
# A template is verified through an instance.
ln -s "kiosk-stick@.service" "$work/kiosk-stick@sda1.service"

status=0
for unit in kiosk.service kiosk-console.service kiosk-stick@sda1.service kiosk-export.service \
    kiosk-export.path kiosk-syncthing.service; do
    # verify prints problems and exits non-zero on errors; warnings about units this machine
    # does not have (getty@tty1, plymouth) are not ours and are filtered for readability.
    if out=$(cd "$work" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
        "$work/$unit" 2>&1); then
        echo "ok   systemd-analyze verify $unit"
    else
        echo "FAIL systemd-analyze verify $unit"
        status=1
    fi
    [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/     /'
    # Anything said about our own files is a finding, even as a warning.
    if printf '%s\n' "$out" | grep -E "$work/(kiosk|kiosk-console|kiosk-stick@)" |
        grep -vq "Unit configured to use KillMode=none"; then
        echo "FAIL systemd-analyze has remarks on $unit"
        status=1
    fi
done

score=$(cd "$work" && systemd-analyze security --offline=yes --no-pager "$work/kiosk.service" 2>&1 |
    sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
echo "     kiosk.service exposure level: ${score:-unknown} (0 safest, 10 unprotected)"
if [ -z "$score" ] || ! awk -v s="$score" 'BEGIN { exit !(s <= 3.0) }'; then
    echo "FAIL kiosk.service exposure above 3.0"
    status=1
fi
exit $status
