#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Disk full: the state folder on a small loop-mounted filesystem (root and a loop device), or,
# where that is unavailable (CI containers), on the same disk with a reserve that leaves too
# little room. Either way the bundle does not fit and version 1 stays.
source "$(dirname "$0")/common.sh"
make_content "$tmp/content-2" "version 2"
head -c 6000000 /dev/urandom >"$tmp/content-2/media/blob.bin"
make_stick "$tmp/stick2" 2 akko "$tmp/content-2"

mounted=no
truncate -s 12M "$tmp/small.img"
if [ "$(id -u)" = 0 ] && mkfs.ext2 -q -F "$tmp/small.img" >/dev/null 2>&1 &&
    mkdir -p "$tmp/small" && mount -o loop "$tmp/small.img" "$tmp/small" 2>/dev/null; then
    mounted=yes
    trap 'umount "$tmp/small" 2>/dev/null' EXIT
    ln -s "$tmp/small" "$tmp/state"
    echo "disk_full: loop-mounted 12 MB ext2"
else
    echo "disk_full: no loop device; testing the same path with --reserve"
fi
install_v1
if [ $mounted = yes ]; then
    import "$tmp/stick2"
else
    free=$(( $(stat -f -c '%a*%S' "$tmp/state/" ) ))
    import "$tmp/stick2" --reserve $((free - 8000000))
fi
check "does not fit ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: does not fit on the kiosk: "*"bundle.tar: needs "*" MB of free space on the kiosk (bundle, unpacked content and reserve), only "*" MB are free"* ]]'
still_v1 "disk full"
if [ $mounted = yes ]; then
    # A smaller bundle on a disk that other files have filled.
    rm "$tmp/content-2/media/blob.bin"
    head -c 4000000 /dev/urandom >"$tmp/content-2/media/blob.bin"
    head -c 3000000 /dev/urandom >"$tmp/content-2/media/blob2.bin"
    fill=$(( $(stat -f -c '%a*%S' "$tmp/small/") - 15000000 ))
    [ $fill -gt 0 ] && head -c $fill /dev/zero >"$tmp/small/filler"
    make_stick "$tmp/stick3" 2 akko "$tmp/content-2"
    import "$tmp/stick3"
    check "a fuller disk is refused ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: does not fit on the kiosk: "* ]]'
    rm -f "$tmp/small/filler"
    still_v1 "filled while writing"
fi
finish
