#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Anti-rollback remembers (issue 11, item 6): the highest version ever installed for the group
# is kept in STATE/highest-version.GROUP, so neither a fall-back to the previous version nor a
# reset of current lets an older (or the same) signed bundle install again; a newer one does.
source "$(dirname "$0")/common.sh"
install_v1
for v in 2 3; do
    make_stick "$tmp/stick$v" $v
    import "$tmp/stick$v"
    check "version $v installs ($out)" '[ $rc = 0 ]'
done
check "the record holds the highest version" \
    '[ "$(cat "$tmp/state/highest-version.akko")" = "kiosk-bundle version=3 group=akko" ]'

# Version 3 stops loading: start-up recovery falls back to version 2.
rm "$tmp/state/versions/3/content/playlist.json"
rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
check "recovery falls back to version 2 ($rec)" '[[ "$rec" == *"version 2 of group \"akko\" is current"* ]]'
import "$tmp/stick1"
check "after the fall-back, version 1 is refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"refused: not newer than the installed version: "*"version 3 of group \"akko\" was installed here before"* ]]'
import "$tmp/stick3"
check "and version 3 again too ($out)" '[ $rc = 1 ] && [[ "$out" == *"refused: not newer than the installed version"* ]]'

# current and previous are reset by hand: nothing is installed, and still no going back.
rm -f "$tmp/state/current" "$tmp/state/previous"
"$kiosk" import --recover --state "$tmp/state" >/dev/null 2>&1
import "$tmp/stick1"
check "with current reset, version 1 is refused ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"version 3 of group \"akko\" was installed here before"* ]] && [ ! -e "$tmp/state/current" ]'
import "$tmp/stick2"
check "and version 2 too ($out)" '[ $rc = 1 ] && [[ "$out" == *"not newer than the installed version"* ]]'

# Another group has its own record.
make_stick "$tmp/dimona1" 1 dimona
out=$("$kiosk" import "$tmp/dimona1" --state "$tmp/state" --keys "$tmp/keys" --group dimona \
    --reserve 0 2>&1)
check "another group's version 1 installs ($out)" '[[ "$out" == *"installed: version 1 of group \"dimona\""* ]]'

# A newer version is accepted.
make_stick "$tmp/stick4" 4
import "$tmp/stick4"
check "version 4 installs ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 4 of group \"akko\""* ]]'
check "and the record follows" \
    '[ "$(cat "$tmp/state/highest-version.akko")" = "kiosk-bundle version=4 group=akko" ]'
finish
