#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Hostile archives, properly signed: each is refused before anything is installed.
source "$(dirname "$0")/common.sh"
install_v1

# sign_tar STICK VERSION: signs STICK/KIOSK/bundle.tar with the trusted key.
sign_tar() {
    minisign -S -s "$tmp/city.key" -m "$1/KIOSK/bundle.tar" \
        -t "kiosk-bundle version=$2 group=akko" >/dev/null </dev/null
}

expect() { # KIND HEADLINE DETAIL
    headline=$2 detail=$3
    mkdir -p "$tmp/$1/KIOSK"
    "$fixture" tar "$1" "$tmp/$1/KIOSK/bundle.tar"
    sign_tar "$tmp/$1" 2
    import "$tmp/$1"
    check "$1 ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: $headline: "*"$detail"* ]]'
    still_v1 "$1"
}
expect dotdot "the bundle holds files the kiosk refuses" 'entry "media/../../escape.txt" has a ".." component'
expect absolute "the bundle holds files the kiosk refuses" 'entry "/tmp/kiosk-escape.txt" has an absolute path'
expect symlink "the bundle holds files the kiosk refuses" 'entry "passwd" is a symbolic link; expected only files and folders'
expect hardlink "the bundle holds files the kiosk refuses" 'entry "passwd" is a hard link; expected only files and folders'
expect device "the bundle holds files the kiosk refuses" 'entry "mem" is a character device'
expect fifo "the bundle holds files the kiosk refuses" 'entry "pipe" is a FIFO'
expect many "the bundle holds files the kiosk refuses" 'has more than 10000 entries'
expect huge "the bundle holds files the kiosk refuses" 'entry "huge.bin" is 8589934591 bytes; the largest file accepted is'
# A file "media" and then "media/y.txt" (issue 11, item 8a): refused as unsafe, not as a
# failure of the kiosk.
expect file-then-folder "the bundle holds files the kiosk refuses" '"media/y.txt" is both a file and a folder'

# Sparse entries (issue 11, item 4): 4 KB of data standing for a 400 MB file, with the hole at
# the end, in GNU tar's own format and in the pax (POSIX) format.
mkdir -p "$tmp/sparse-content"
cp "$tmp/content-1/playlist.json" "$tmp/sparse-content/"
head -c 4096 /dev/urandom >"$tmp/sparse-content/big.bin"
truncate -s 400M "$tmp/sparse-content/big.bin"
for format in gnu posix; do
    mkdir -p "$tmp/sparse-$format/KIOSK"
    tar --sparse -H $format -C "$tmp/sparse-content" -cf "$tmp/sparse-$format/KIOSK/bundle.tar" .
    sign_tar "$tmp/sparse-$format" 2
    import "$tmp/sparse-$format"
    check "sparse entry, $format format ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: the bundle holds files the kiosk refuses: "*"big.bin"*"sparse file"* ]]'
    still_v1 "sparse $format"
done

check "nothing escaped" '[ ! -e /tmp/kiosk-escape.txt ] && [ ! -e "$tmp/state/escape.txt" ]'

# A bundle over the size cap is refused before copying.
make_stick "$tmp/big" 2
import "$tmp/big" --max-size 1000
check "over the size cap ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: too big: "*"the largest bundle accepted is 1000 bytes"* ]]'
still_v1 "size cap"

# A truncated tar, signed as it is.
mkdir -p "$tmp/trunc/KIOSK"
head -c 1000 "$tmp/stick1/KIOSK/bundle.tar" >"$tmp/trunc/KIOSK/bundle.tar"
sign_tar "$tmp/trunc" 2
import "$tmp/trunc"
check "truncated tar ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: damaged or changed after signing: "*"damaged"* ]]'
still_v1 truncated
finish
