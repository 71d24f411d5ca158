#!/usr/bin/env bash
# A two-minute soak (bench/soak/run.sh): the Ofakim demo with one-second slides; the memory the
# player holds between decodes must not grow after the first cycles by more than 4 MB (a
# picture's texture is 8 MB, so one leaked picture per cycle shows within a minute). Under
# AddressSanitizer or ThreadSanitizer memory is theirs to manage: the numbers are printed only.
set -u
kiosk=$1 root=$2
tolerance=(--tolerance-mb 4)
if ldd "$kiosk" 2>/dev/null | grep -qE 'lib(asan|tsan)'; then
    tolerance=()
fi
exec "$root/bench/soak/run.sh" --kiosk "$kiosk" --seconds 120 --warmup 30 "${tolerance[@]}"
