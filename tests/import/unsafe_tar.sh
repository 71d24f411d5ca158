#!/usr/bin/env bash
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
