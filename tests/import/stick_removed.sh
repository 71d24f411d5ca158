#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The stick pulled out mid-copy (test_pull cuts or removes the bundle after the first chunk is
# staged; removing it would not do: an open file stays readable): refused as a failed read, version 1 stays. Also a stick whose bundle is cut short
# before the import (signature no longer matches).
source "$(dirname "$0")/common.sh"
pull=$KIOSK_TEST_PULL
install_v1

make_content "$tmp/content-2" "version 2"
head -c 3000000 /dev/urandom >"$tmp/content-2/media/blob.bin"
# shellcheck disable=SC2043 # one way of pulling a stick so far; others may join
for how in truncate; do
    make_stick "$tmp/pull-$how" 2 akko "$tmp/content-2"
    out=$("$pull" "$how" "$tmp/pull-$how" "$tmp/state" "$tmp/keys" akko 2>&1)
    rc=$?
    check "$how mid-copy ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: the stick could not be read to the end: "*"could be read; was the stick pulled out?"* ]]'
    still_v1 "$how mid-copy"
done

make_stick "$tmp/short" 2 akko "$tmp/content-2"
size=$(stat -c %s "$tmp/short/KIOSK/bundle.tar")
truncate -s $((size / 2)) "$tmp/short/KIOSK/bundle.tar"
import "$tmp/short"
check "cut short before the import ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: damaged or changed after signing: "*"does not match its signature"* ]]'
still_v1 "cut short"

rm "$tmp/short/KIOSK/bundle.tar"
mkdir "$tmp/short/KIOSK/bundle.tar"
import "$tmp/short"
check "bundle.tar not a file ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: no bundle found: "* ]]'
still_v1 "not a file"
finish
