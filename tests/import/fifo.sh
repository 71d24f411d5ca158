#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# A FIFO (named pipe) where a file is expected must never hang the kiosk (issue 11, item 2):
# opening one for reading waits for a writer forever. `kiosk import`, `kiosk check` and
# `kiosk report` refuse it at once with a clear message, the import releases STATE/lock, and the
# player with a FIFO in its inbox still stops on SIGTERM within seconds.
source "$(dirname "$0")/common.sh"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
install_v1

# bounded SECONDS CMD...: runs CMD, killing it after SECONDS; sets $out and $rc (124: it hung).
bounded() {
    local secs=$1
    shift
    out=$(timeout -s KILL "$secs" "$@" 2>&1)
    rc=$?
}

# The signature file is a FIFO.
make_stick "$tmp/stick2" 2
rm "$tmp/stick2/KIOSK/bundle.tar.minisig"
mkfifo "$tmp/stick2/KIOSK/bundle.tar.minisig"
bounded 10 "$kiosk" import "$tmp/stick2" --state "$tmp/state" --keys "$tmp/keys" --group akko \
    --reserve 0
check "a FIFO as the signature is refused at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"refused: not signed: "*"bundle.tar.minisig: not a regular file (a FIFO (named pipe))"* ]]'
check "and the lock is released" 'flock -n "$tmp/state/lock" true'
still_v1 "FIFO signature"

# The bundle itself is a FIFO: not taken for a bundle at all.
mkdir -p "$tmp/stick3/KIOSK"
cp "$tmp/stick1/KIOSK/bundle.tar.minisig" "$tmp/stick3/KIOSK/"
mkfifo "$tmp/stick3/KIOSK/bundle.tar"
bounded 10 "$kiosk" import "$tmp/stick3" --state "$tmp/state" --keys "$tmp/keys" --group akko \
    --reserve 0
check "a FIFO as the bundle is refused at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"refused: no bundle found"* ]]'
still_v1 "FIFO bundle"

# kiosk check: a FIFO as the playlist, and as a slide's picture.
mkdir -p "$tmp/check1"
mkfifo "$tmp/check1/playlist.json"
bounded 10 "$kiosk" check "$tmp/check1"
check "kiosk check refuses a FIFO playlist.json at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"playlist.json: not a regular file (a FIFO (named pipe))"* ]]'
mkdir -p "$tmp/check2"
cat >"$tmp/check2/playlist.json" <<JSON
{
  "format": 1,
  "name": "fifo picture",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [{"id": "photo", "duration": 3, "image": {"src": "photo.png"}}]
}
JSON
mkfifo "$tmp/check2/photo.png"
bounded 10 "$kiosk" check "$tmp/check2"
check "kiosk check refuses a FIFO picture at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"photo.png"* ]]'

# kiosk report: a FIFO as a record file, named directly and inside a folder.
mkdir -p "$tmp/proof"
mkfifo "$tmp/proof/plays.log"
bounded 10 "$kiosk" report "$tmp/proof/plays.log"
check "kiosk report refuses a FIFO file at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"plays.log"* ]]'
bounded 10 "$kiosk" report "$tmp/proof"
check "kiosk report refuses a FIFO in a folder at once ($rc: $out)" \
    '[ $rc = 1 ] && [[ "$out" == *"plays.log"* ]]'

# The player in inbox mode with a FIFO signature in the inbox: it refuses the bundle, keeps
# playing, and stops within seconds of SIGTERM (systemd's stop timeout is 10 s).
mkdir -p "$tmp/inbox/KIOSK"
cp "$tmp/stick2/KIOSK/bundle.tar" "$tmp/inbox/KIOSK/"
mkfifo "$tmp/inbox/KIOSK/bundle.tar.minisig"
log="$tmp/inbox.log"
"$kiosk" play "$tmp/state/current" --state "$tmp/state" --keys "$tmp/keys" --group akko \
    --window 640x360 --no-watch --inbox "$tmp/inbox" >"$log" 2>&1 &
kpid=$!
trap 'kill -9 $kpid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q "refused" "$log" && break; sleep 0.1; done
check "the player refuses the FIFO in its inbox" 'grep -q "refused: not signed" "$log"'
kill -TERM $kpid
stopped=no
for _ in $(seq 50); do kill -0 $kpid 2>/dev/null || { stopped=yes; break; }; sleep 0.1; done
check "and stops within 5 s of SIGTERM" '[ $stopped = yes ]'
kill -9 $kpid 2>/dev/null
wait $kpid 2>/dev/null
still_v1 "player with a FIFO in its inbox"

# Whatever the import thread is doing, the player stops: here its content check hangs (the
# test-only fault switch), and SIGTERM still ends the player within 5 s. Its own process group,
# so that the hung checker can be cleaned up afterwards.
rm -rf "$tmp/inbox2"
mkdir -p "$tmp/inbox2/KIOSK"
make_stick "$tmp/stick2b" 2
cp "$tmp/stick2b/KIOSK/bundle.tar.minisig" "$tmp/inbox2/KIOSK/"
cp "$tmp/stick2b/KIOSK/bundle.tar" "$tmp/inbox2/KIOSK/"
log="$tmp/hang.log"
KIOSK_TEST_FAULT=validate-hang:2 setsid "$kiosk" play "$tmp/state/current" --state "$tmp/state" \
    --keys "$tmp/keys" --group akko --window 640x360 --no-watch --inbox "$tmp/inbox2" \
    >"$log" 2>&1 &
kpid=$!
trap 'kill -9 -- -$kpid 2>/dev/null' EXIT
for _ in $(seq 150); do grep -q "hanging on version 2" "$log" && break; sleep 0.1; done
check "the import's check hangs ($(tail -3 "$log"))" \
    'kill -0 $kpid 2>/dev/null && grep -q "hanging on version 2" "$log" && ! grep -q "refused:\|installed version 2" "$log"'
kill -TERM $kpid
stopped=no
for _ in $(seq 50); do kill -0 $kpid 2>/dev/null || { stopped=yes; break; }; sleep 0.1; done
check "the player stops within 5 s of SIGTERM all the same" '[ $stopped = yes ]'
check "and says it left the import behind" 'grep -q "did not finish within 3 s" "$log"'
kill -9 -- -$kpid 2>/dev/null
wait $kpid 2>/dev/null
still_v1 "player stopped during a hung import"
finish
