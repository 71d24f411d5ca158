#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# kiosk check, kiosk bundle and the player agree on text that does not fit its box: check and
# bundle refuse it (an error, with by how much, in one run with every other problem of the
# file), the player plays it and warns once. Each message is printed once.
#
#   check_cli.sh KIOSK TESTS_DIR TMP
set -u
kiosk=$1 cases=$2/cli tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
cd "$cases" || exit 1

# check: the exact messages, overflow among the other errors of the file
out=$("$kiosk" check overflow 2>&1)
status=$?
check "check refuses it" '[ $status = 1 ]'
check "check's messages (diff below)" '[ "$out" = "$(cat overflow.expected)" ]'
[ "$out" = "$(cat overflow.expected)" ] || diff <(echo "$out") overflow.expected

# bundle: the same messages, each once, and no bundle
out=$("$kiosk" bundle overflow --version 1 --group akko --out "$tmp/stick" 2>&1)
status=$?
check "bundle refuses it" '[ $status = 1 ] && [ ! -e "$tmp/stick/KIOSK/bundle.tar" ]'
check "bundle prints check's messages" \
    '[ "$(grep -v "^kiosk: bundle: " <<<"$out")" = "$(grep -v "^overflow: " overflow.expected)" ]'
check "each message once" '[ -z "$(sort <<<"$out" | uniq -d)" ]'
check "bundle says why nothing was written ($out)" \
    '[[ "$out" == *"kiosk: bundle: overflow would not play, so no bundle was written (4 errors above)"* ]]'

# the player: plays it, warns once, with the same words
want="play-overflow/playlist.json:9:7: warning: slides[0].texts[0]: block \"list\" of slide \"events\": the en text does not fit its box even at the minimum size of 30 px: it takes 11 lines and the box holds 1, 10 lines too many; shorten it, enlarge the box or lower min_size"
out=$("$kiosk" check play-overflow 2>&1)
status=$?
check "check refuses the played one too" \
    '[ $status = 1 ] && [[ "$out" == *"${want/warning: /}"* ]]'
out=$(SDL_VIDEODRIVER=dummy timeout 30 "$kiosk" play-overflow --window 640x360 --exit-after 1 \
    --no-watch 2>&1)
status=$?
check "the player plays it (status $status)" '[ $status = 0 ] && [[ "$out" == *"1 slides shown"* ]]'
check "the player warns once ($out)" '[ "$(grep -cF "$want" <<<"$out")" = 1 ]'

finish
