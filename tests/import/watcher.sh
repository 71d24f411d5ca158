#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The player's watcher: a stick folder appears under the mount root; the import runs on the
# watcher's thread and the loop gets one "installed" event.
source "$(dirname "$0")/common.sh"
install_v1
mkdir -p "$tmp/media"
make_stick "$tmp/media/usb0" 2
out=$("$KIOSK_TEST_WATCHER" "$tmp/media" "$tmp/state" "$tmp/keys" akko 2>&1)
check "the watcher installs version 2 ($out)" '[ $? = 0 ] && [[ "$out" == *"status=installed installed=1 version=2 present=1"* ]]'
check "version 2 is current" 'diff -r "$tmp/content-2" "$tmp/state/current/content" >/dev/null'
finish
