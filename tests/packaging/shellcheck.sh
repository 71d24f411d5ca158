#!/usr/bin/env bash
# Runs shellcheck on every shell script the packaging ships or tests with.
set -euo pipefail
src=$1
command -v shellcheck >/dev/null || { echo "SKIP: shellcheck is not installed"; exit 77; }
cd "$src"
scripts=(packaging/build-debs packaging/mount-stick packaging/ci-arm64.sh packaging/pi/setup.sh
    tests/packaging/*.sh packaging/debian/kiosk.postinst packaging/debian/kiosk.postrm)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
