#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Never a crash loop (issue 11; docs/reliability.md): content that crashes or hangs the check
# is refused and the old content keeps playing; a version the player crashes on twice in a row
# is marked bad, the third start plays the previous version and says why, and that version is
# never installed again, while a newer one is. The crashes come from the test-only fault switch
# KIOSK_TEST_FAULT, and from real text: about 400 nested direction controls, which crash
# Debian 12's FriBidi unless the text engine limits them first.
source "$(dirname "$0")/common.sh"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
ulimit -c 0 # the crashes below are on purpose: no core files
popts=(--state "$tmp/state" --keys "$tmp/keys" --group akko --window 640x360 --no-watch)

install_v1
make_stick "$tmp/stick2" 2

# 1. The check crashes: refused, with the reason; version 1 stays.
KIOSK_TEST_FAULT=validate-crash:2 import "$tmp/stick2"
check "a check that crashes refuses the bundle (rc $rc)" '[ $rc = 1 ]'
check "and says so ($out)" '[[ "$out" == *"refused: the content made the checker crash or take too long: $tmp/stick2/KIOSK/bundle.tar: checking its content crashed the checker (a memory fault (SIGSEGV))"* ]]'
check "and what is still installed" '[[ "$out" == *"still installed: version 1 of group \"akko\""* ]]'
still_v1 "check crashed"

# 2. The check hangs: refused after the time limit, not after the test's timeout.
start=$(date +%s)
KIOSK_TEST_FAULT=validate-hang import "$tmp/stick2" --check-time-limit 2
took=$(( $(date +%s) - start ))
check "a check that hangs refuses the bundle after the limit (rc $rc, ${took} s)" '[ $rc = 1 ] && [ "$took" -le 8 ]'
check "and says so ($out)" '[[ "$out" == *"checking its content took too long (stopped after "*" s; the limit is 2 s"* ]]'
check "no checker is left behind" '! pgrep -f "kiosk import $tmp/stick2" >/dev/null'
still_v1 "check hung"

# 2b. kiosk import killed while its check runs: the checker dies with it and leaves the lock.
KIOSK_TEST_FAULT=validate-hang "$kiosk" import "$tmp/stick2" --state "$tmp/state" \
    --keys "$tmp/keys" --group akko --reserve 0 >/dev/null 2>&1 &
ipid=$!
child=
for _ in $(seq 200); do child=$(pgrep -P "$ipid") && break; sleep 0.05; done
sleep 0.2
kill -KILL "$ipid"
wait "$ipid" 2>/dev/null
sleep 0.3
check "a checker was running (${child:-none})" '[ -n "$child" ]'
check "killing kiosk import ends its checker too" \
    '[ -z "$(ps -o stat= -p "$child" | grep -v Z)" ]'
KIOSK_TEST_FAULT=validate-crash:2 import "$tmp/stick2"
check "and the lock is free for the next import ($out)" \
    '[[ "$out" != *"another import is running"* ]] && [[ "$out" == *"crashed the checker"* ]]'
still_v1 "importer killed while checking"

# 3. In the player: a stick whose check crashes is refused and the show goes on.
mkdir -p "$tmp/media"
log="$tmp/live.log"
KIOSK_TEST_FAULT=validate-crash:2 "$kiosk" play "$tmp/state/current" "${popts[@]}" \
    --watch-dirs "$tmp/media" >"$log" 2>&1 &
kpid=$!
trap 'kill $kpid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
cp -a "$tmp/stick2" "$tmp/media/.usb0" && mv "$tmp/media/.usb0" "$tmp/media/usb0"
for _ in $(seq 150); do grep -q "refused" "$log" && break; sleep 0.1; done
sleep 1
check "the player refuses a stick whose check crashes" \
    'grep -q "refused: the content made the checker crash or take too long" "$log"'
check "and is still running" 'kill -0 $kpid'
check "and still plays version 1" '! grep -q "now playing the new content" "$log"'
# A stick with a real mistake goes through the same child, which runs a fresh kiosk for the
# check (the player has threads): its message comes back to the notice and the log.
mkdir -p "$tmp/content-9"
make_content "$tmp/content-9" "version 9"
"$kiosk" bundle "$tmp/content-9" --version 9 --group akko --out "$tmp/stick9" >/dev/null
sed -i 's/"#1030e0"}/"#1030e0", "image": {"src": "missing.png"}}/' "$tmp/content-9/playlist.json"
tar -C "$tmp/content-9" -cf "$tmp/stick9/KIOSK/bundle.tar" .
minisign -S -s "$tmp/city.key" -m "$tmp/stick9/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=9 group=akko" >/dev/null </dev/null
cp -a "$tmp/stick9" "$tmp/media/.usb1" && mv "$tmp/media/.usb1" "$tmp/media/usb1"
for _ in $(seq 150); do grep -q "refused: a slide" "$log" && break; sleep 0.1; done
check "a broken slide is checked in a fresh process" 'grep -q "import-check: .*: checking in a fresh process" "$log"'
check "and its message comes back" \
    'grep -q "refused: a slide or the playlist is broken: .*playlist.json:[0-9]*:[0-9]*: slides\[1\].image.src: .*missing.png" "$log"'
kill -TERM "$kpid"
wait "$kpid"
status=$?
trap - EXIT
check "the player exits cleanly afterwards (status $status)" '[ "$status" = 0 ]'
still_v1 "player refused"

# 4. Version 2 installs, and the player crashes on it: twice, then the guard steps in.
import "$tmp/stick2"
check "version 2 installs ($out)" '[ $rc = 0 ]'
for i in 1 2; do
    log="$tmp/crash$i.log"
    KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 20 "$kiosk" play "$tmp/state/current" \
        "${popts[@]}" --exit-after 2 >"$log" 2>&1
    status=$?
    check "start $i on version 2 crashes (status $status)" '[ "$status" -ne 0 ] && [ "$status" != 124 ]'
    check "start $i was counted" 'grep -q "trying version 2 of group \"akko\" (start '$i';" "$log"'
    check "the mark stands after start $i" 'grep -q "^version=2 group=akko attempts='$i' " "$tmp/state/trying-play"'
done
log="$tmp/crash3.log"
KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 20 "$kiosk" play "$tmp/state/current" \
    "${popts[@]}" --exit-after 2 >"$log" 2>&1
status=$?
check "the third start does not crash (status $status)" '[ "$status" = 0 ]'
check "the log says version 2 was marked bad" \
    'grep -q "version 2 of group \"akko\" is marked bad: the player stopped 2 times while playing it" "$log"'
check "and that the previous version plays" \
    'grep -q "version 2 of group \"akko\" was marked bad on this kiosk on .*; playing the previous version 1 instead" "$log"'
check "version 1 plays" 'grep -q "playing \"version 1\"" "$log"'
check "version 1 played through once: its trial is over" \
    'grep -q "version 1 of group \"akko\" has played through once" "$log" && [ ! -e "$tmp/state/trying-play" ]'
check "bad-versions holds version 2" 'grep -q "^version=2 group=akko when=[0-9]* why=the player stopped 2 times while playing it$" "$tmp/state/bad-versions"'
still_v1 "after the crash loop"

# 4b. The same when the new version arrives while the show plays: the switch puts it on
# trial, the crash counts, and after the second crash the previous version plays.
mkdir -p "$tmp/sw" "$tmp/media2"
"$kiosk" import "$tmp/stick1" --state "$tmp/sw" --keys "$tmp/keys" --group akko --reserve 0 \
    >/dev/null 2>&1
swopts=(--state "$tmp/sw" --keys "$tmp/keys" --group akko --window 640x360 --no-watch)
log="$tmp/switch1.log"
KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 30 "$kiosk" play "$tmp/sw/current" \
    "${swopts[@]}" --watch-dirs "$tmp/media2" >"$log" 2>&1 &
kpid=$!
for _ in $(seq 100); do grep -q "first frame presented" "$log" && break; sleep 0.1; done
cp -a "$tmp/stick2" "$tmp/media2/.usb0" && mv "$tmp/media2/.usb0" "$tmp/media2/usb0"
wait "$kpid"
status=$?
check "a new version that crashes the show after the switch (status $status)" \
    '[ "$status" -ne 0 ] && [ "$status" != 124 ] && grep -q "now playing the new content" "$log"'
check "was on trial from the switch" 'grep -q "trying version 2 of group \"akko\" (start 1;" "$log"'
KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 20 "$kiosk" play "$tmp/sw/current" \
    "${swopts[@]}" --exit-after 2 >"$tmp/switch2.log" 2>&1
check "the next start on it crashes too, as start 2" 'grep -q "(start 2;" "$tmp/switch2.log"'
KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 20 "$kiosk" play "$tmp/sw/current" \
    "${swopts[@]}" --exit-after 2 >"$tmp/switch3.log" 2>&1
check "and the third start plays version 1 ($?)" \
    'grep -q "playing the previous version 1 instead" "$tmp/switch3.log" && grep -q "playing \"version 1\"" "$tmp/switch3.log"'

# 5. The bad version is not installed again; a newer one is.
import "$tmp/stick2"
check "version 2 offered again is refused (rc $rc)" '[ $rc = 1 ]'
check "with the reason ($out)" '[[ "$out" == *"refused: this version crashed the kiosk before: "*"version 2 of group \"akko\" was marked bad on this kiosk on "*"(the player stopped 2 times while playing it); it is not installed again: only a newer version is accepted"* ]]'
still_v1 "bad version offered again"
make_stick "$tmp/stick3" 3
import "$tmp/stick3"
check "a newer version 3 installs ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 3"* ]]'
log="$tmp/v3.log"
KIOSK_TEST_FAULT=play-crash:2 timeout -s TERM 20 "$kiosk" play "$tmp/state/current" \
    "${popts[@]}" --exit-after 2 >"$log" 2>&1
check "and plays ($?)" 'grep -q "playing \"version 3\"" "$log" && [ ! -e "$tmp/state/trying-play" ]'

# 6. An orderly stop (SIGTERM) while a version is on trial does not count against it.
make_stick "$tmp/stick4" 4
import "$tmp/stick4"
for i in 1 2 3; do
    timeout -s TERM 2 "$kiosk" play "$tmp/state/current" "${popts[@]}" >"$tmp/term.log" 2>&1
done
check "three stops by SIGTERM leave version 4 good" \
    '! grep -q "marked bad" "$tmp/term.log" && grep -q "playing \"version 4\"" "$tmp/term.log" && ! grep -q "version=4" "$tmp/state/bad-versions"'

# 6b. With no earlier version, the guard falls back to the built-in slide, and the state on
# disk says so: nothing is current.
mkdir -p "$tmp/lone"
"$kiosk" import "$tmp/stick4" --state "$tmp/lone" --keys "$tmp/keys" --group akko \
    --reserve 0 >/dev/null 2>&1
lopts=(--state "$tmp/lone" --keys "$tmp/keys" --group akko --window 640x360 --no-watch)
for i in 1 2; do
    KIOSK_TEST_FAULT=play-crash:4 timeout -s TERM 20 "$kiosk" play "$tmp/lone/current" \
        "${lopts[@]}" >"$tmp/lone$i.log" 2>&1
done
KIOSK_TEST_FAULT=play-crash:4 timeout -s TERM 4 "$kiosk" play "$tmp/lone/current" \
    "${lopts[@]}" >"$tmp/lone3.log" 2>&1
status=$?
check "the only version crashing twice: the third start runs on (status $status)" '[ "$status" = 124 ]'
check "with the built-in slide, and says why" \
    'grep -q "version 4 of group \"akko\" was marked bad on this kiosk on .*; there is no earlier version .*: the built-in slide plays" "$tmp/lone3.log" && grep -q "showing the built-in slide" "$tmp/lone3.log"'
rec=$("$kiosk" import --recover --state "$tmp/lone" 2>&1)
check "and nothing is current on disk ($rec)" '[[ "$rec" == *"no content installed"* ]]'

# 7. The real thing: text that crashed FriBidi 1.0.8 (issue 11, item 1), signed and offered.
# Either the text engine defuses it and the bundle installs, or the check crashes and the
# bundle is refused; never may `kiosk import` itself die, and what it says is what is on disk.
mkdir -p "$tmp/bidi" "$tmp/stick5/KIOSK"
python3 - "$tmp/bidi/playlist.json" <<'PY'
import json, sys
s = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f'
pl = {"format": 1, "name": "version 5", "screen": {"width": 640, "height": 360},
      "languages": ["en"],
      "slides": [{"id": "a", "duration": 3, "background": "#101010",
                  "texts": [{"box": [0.1, 0.1, 0.8, 0.8],
                             "text": {"en": "Hello " + (s * 37)[:400] + " world"}}]}]}
open(sys.argv[1], "w").write(json.dumps(pl, ensure_ascii=False))
PY
tar --format=ustar --owner=0 --group=0 -C "$tmp/bidi" -cf "$tmp/stick5/KIOSK/bundle.tar" \
    playlist.json
minisign -S -s "$tmp/city.key" -m "$tmp/stick5/KIOSK/bundle.tar" \
    -t "kiosk-bundle version=5 group=akko" >/dev/null </dev/null
import "$tmp/stick5"
echo "nested direction controls: rc $rc: $(echo "$out" | grep -E '^(installed|refused)')"
check "kiosk import survives 400 nested direction controls (rc $rc)" '[ $rc = 0 ] || [ $rc = 1 ]'
rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
if [ "$rc" = 0 ]; then
    check "installed: version 5 is current ($rec)" '[[ "$rec" == *"version 5 of group"* ]]'
else
    check "refused because the check crashed ($out)" '[[ "$out" == *"checking its content crashed the checker"* ]]'
    check "version 4 is still current ($rec)" '[[ "$rec" == *"version 4 of group"* ]]'
fi
finish
