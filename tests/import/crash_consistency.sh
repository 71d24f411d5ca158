#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Power cuts (issue 11): SIGKILL keeps the page cache, so it cannot show what a power cut loses.
# Instead the file-system operations of one import and of the proof-of-play writer are recorded
# (faultinject.so, KIOSK_FI_LOG), and crashsim builds every state their fsync barriers allow
# after a cut at any point: a prefix of the operations, less any that were not yet durable
# (see crashsim.c for the model). On each state:
#  - import: start-up recovery leaves version 1 or version 2, complete, and none of the
#    import's temporaries; once the import has finished (and said "installed"), always 2;
#  - proof of play: every record whose write was synced is still there and intact, and a
#    writer opened on the state adds a record that is read back whole (never glued onto a torn
#    line).
# KIOSK_FAULTINJECT, KIOSK_CRASHSIM and KIOSK_PROOF_DRIVER name the helpers.
source "$(dirname "$0")/common.sh"
shim=${KIOSK_FAULTINJECT:?} crashsim=${KIOSK_CRASHSIM:?} driver=${KIOSK_PROOF_DRIVER:?}
# Under AddressSanitizer (packaging/dev.sh sanitize) the shim is preloaded before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# complete DIR: the version DIR/current names when it is complete, else "broken".
complete() {
    local v
    v=$(readlink "$1/current")
    v=${v#versions/}
    if [[ "$v" =~ ^[12]$ ]] && diff -r "$tmp/content-$v" "$1/current/content" >/dev/null &&
        [ "$(cat "$1/current/bundle.info")" = "kiosk-bundle version=$v group=akko" ]; then
        echo "$v"
    else
        echo "broken"
    fi
}

# fingerprint DIR: names, types, link targets and contents; crash states that build the same
# tree are checked once.
fingerprint() {
    (cd "$1" && find . -printf '%p %y %l\n' | sort &&
        find . -type f -print0 | sort -z | xargs -0 -r md5sum) | md5sum
}

# --- the import ---
install_v1
make_stick "$tmp/stick2" 2
cp -a "$tmp/state" "$tmp/state-before"
out=$(KIOSK_FI_ROOT="$tmp/state" KIOSK_FI_LOG="$tmp/import.ops" LD_PRELOAD=$shim "$kiosk" import \
    "$tmp/stick2" --state "$tmp/state" --keys "$tmp/keys" --group akko --reserve 0 2>&1)
check "the recorded import installs version 2 ($out)" '[ "$(complete "$tmp/state")" = 2 ]'
nops=$(wc -l <"$tmp/import.ops")
"$crashsim" states "$tmp/import.ops" | sort -u >"$tmp/import.states"
states=0 trees=0 bad=0 old=0 new=0
declare -A seen
while read -r mask; do
    states=$((states + 1))
    s="$tmp/crash-state"
    rm -rf "$s"
    cp -a "$tmp/state-before" "$s"
    "$crashsim" apply "$tmp/import.ops" "$tmp/state" "$s" "$mask"
    # The same tree at the end of the run is checked for "always 2" below, so it is kept.
    fp="$(fingerprint "$s") $([ ${#mask} = "$nops" ] && echo end)"
    [ -n "${seen[$fp]:-}" ] && continue
    seen[$fp]=1
    trees=$((trees + 1))
    rec=$("$kiosk" import --recover --state "$s" 2>&1)
    v=$(complete "$s")
    case "$v" in 1) old=$((old + 1)) ;; 2) new=$((new + 1)) ;; esac
    leftovers=$(ls -d "$s"/staging "$s"/*.new "$s"/highest-version.*.tmp-* 2>/dev/null)
    if [ "$v" = broken ] || [ -n "$leftovers" ] || { [ ${#mask} = "$nops" ] && [ "$v" != 2 ]; }; then
        bad=$((bad + 1))
        [ $bad -le 5 ] && echo "crash after ${#mask} of $nops operations, mask $mask: $v ($rec)"
    fi
done <"$tmp/import.states"
echo "import: $nops operations, $states crash states, $trees different trees: $old version 1, $new version 2"
check "every crash state of the import recovers to version 1 or 2, complete, and to 2 once it said installed ($bad of $states did not)" \
    '[ $bad = 0 ] && [ $states -gt 50 ]'

# --- proof of play ---
mkdir -p "$tmp/proof" "$tmp/proof-before"
KIOSK_FI_ROOT="$tmp/proof" KIOSK_FI_LOG="$tmp/proof.ops" LD_PRELOAD=$shim \
    "$driver" write "$tmp/proof" 24 rec 2>/dev/null
check "the recorded writer kept its last records" \
    '"$driver" check "$tmp/proof" 2>/dev/null | grep -qx rec-24'
nops=$(wc -l <"$tmp/proof.ops")
"$crashsim" states "$tmp/proof.ops" | sort -u >"$tmp/proof.states"
states=0 trees=0 bad=0
seen=()
while read -r mask; do
    states=$((states + 1))
    s="$tmp/crash-proof"
    rm -rf "$s"
    cp -a "$tmp/proof-before" "$s"
    "$crashsim" apply "$tmp/proof.ops" "$tmp/proof" "$s" "$mask" "$tmp/expect"
    fp="$(fingerprint "$s") $(md5sum <"$tmp/expect")"
    [ -n "${seen[$fp]:-}" ] && continue
    seen[$fp]=1
    trees=$((trees + 1))
    "$driver" check "$s" 2>/dev/null | sort >"$tmp/found"
    "$driver" ids "$tmp/expect" | sort >"$tmp/synced"
    lost=$(comm -13 "$tmp/found" "$tmp/synced" | tr '\n' ' ')
    # Reopening may remove the oldest rotated file (keep_files, when the cut came before a
    # removal was durable); any other record must stay.
    for f in "$s"/plays-*.log; do
        [ -e "$f" ] && "$driver" ids "$f" >"$f.ids"
    done
    "$driver" write "$s" 1 after 2>/dev/null
    "$driver" check "$s" 2>/dev/null | sort >"$tmp/found-after"
    : >"$tmp/removed"
    for f in "$s"/plays-*.log.ids; do
        [ -e "$f" ] && [ ! -e "${f%.ids}" ] && cat "$f" >>"$tmp/removed"
    done
    gone=$(comm -23 "$tmp/found" "$tmp/found-after" | grep -vxFf "$tmp/removed" | tr '\n' ' ')
    if [ -n "$lost" ] || [ -n "$gone" ] || ! grep -qx after-1 "$tmp/found-after"; then
        bad=$((bad + 1))
        [ $bad -le 5 ] && echo "crash after ${#mask} of $nops operations: synced but lost: $lost; lost on reopening: $gone"
    fi
done <"$tmp/proof.states"
echo "proof of play: $nops operations, $states crash states, $trees different trees"
check "every crash state keeps the synced records, and a reopened writer appends whole lines ($bad of $states did not)" \
    '[ $bad = 0 ] && [ $states -gt 20 ]'
finish
