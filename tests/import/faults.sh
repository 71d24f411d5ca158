#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# Fault injection over a whole import (issue 11): every file-system call the import makes in
# the state folder (write, fsync, rename, renameat, symlinkat, openat, mkdir, unlink) is failed
# in turn with EIO and with ENOSPC, and every write is also cut short once. After each run the
# installed content is version 1 or version 2, complete (every file, byte for byte, and its
# bundle.info); the exit status and the message say which; recovery keeps it; and a retry
# without the fault installs version 2 (a failure never leaves the kiosk unable to update).
# Needs the shim faultinject.so (LD_PRELOAD), passed in KIOSK_FAULTINJECT.
source "$(dirname "$0")/common.sh"
shim=${KIOSK_FAULTINJECT:?the path of faultinject.so}
# Under AddressSanitizer (packaging/dev.sh sanitize) the shim is preloaded before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
install_v1
make_stick "$tmp/stick2" 2
cp -a "$tmp/state" "$tmp/state-v1"

# faulty CALL N ERR: one import of version 2 with the Nth CALL failing; sets $out and $rc.
faulty() {
    out=$(KIOSK_FI_ROOT="$tmp/state" KIOSK_FI_CALL=$1 KIOSK_FI_N=$2 KIOSK_FI_ERR=$3 \
        LD_PRELOAD=$shim "$kiosk" import "$tmp/stick2" --state "$tmp/state" --keys "$tmp/keys" \
        --group akko --reserve 0 2>&1)
    rc=$?
}

# complete: prints the version current names when that version is complete, else "broken".
complete() {
    local v
    v=$(readlink "$tmp/state/current")
    v=${v#versions/}
    if [[ "$v" =~ ^[12]$ ]] && diff -r "$tmp/content-$v" "$tmp/state/current/content" >/dev/null &&
        [ "$(cat "$tmp/state/current/bundle.info")" = "kiosk-bundle version=$v group=akko" ]; then
        echo "$v"
    else
        echo "broken"
    fi
}

# Count the calls of one clean import.
rm -f "$tmp/counts"
KIOSK_FI_ROOT="$tmp/state" KIOSK_FI_COUNT="$tmp/counts" LD_PRELOAD=$shim "$kiosk" import \
    "$tmp/stick2" --state "$tmp/state" --keys "$tmp/keys" --group akko --reserve 0 >/dev/null 2>&1
check "a clean import under the shim installs version 2" '[ "$(complete)" = 2 ]'
runs=0 bad=0 as_installed=0 as_refused=0
declare -A headlines
while read -r call count; do
    for ((n = 1; n <= count; n++)); do
        errs="EIO ENOSPC"
        [ "$call" = write ] && errs="EIO ENOSPC short"
        for err in $errs; do
            rm -rf "$tmp/state"
            cp -a "$tmp/state-v1" "$tmp/state"
            faulty "$call" "$n" "$err"
            runs=$((runs + 1))
            what="$call #$n $err"
            state=$(complete)
            if [ "$state" = 2 ]; then
                as_installed=$((as_installed + 1))
                ok='[ $rc = 0 ] && [[ "$out" == *"installed: version 2 of group \"akko\""* ]]'
            elif [ "$state" = 1 ]; then
                as_refused=$((as_refused + 1))
                ok='[ $rc = 1 ] && [[ "$out" == *"refused: "* ]] && [[ "$out" == *"still installed: version 1 of group \"akko\""* ]]'
                h=$(grep -o '^refused: [^:]*' <<<"$out" | head -1)
                headlines[$h]=$((${headlines[$h]:-0} + 1))
                # The bundle is fine: a refusal blames the kiosk's storage, never the bundle
                # (an error reading the unpacked content back is reported by the content check,
                # with the system's error in the reason).
                case "$h" in
                "refused: the kiosk could not import" | "refused: does not fit on the kiosk") ;;
                "refused: a slide or the playlist is broken")
                    [[ "$out" == *"Input/output error"* || "$out" == *"No space left"* ]] ||
                        ok=false ;;
                *) ok=false ;;
                esac
            else
                ok=false
            fi
            if ! eval "$ok"; then
                bad=$((bad + 1))
                check "$what: state $state, exit $rc, and the message agree ($out)" false
                continue
            fi
            rec=$("$kiosk" import --recover --state "$tmp/state" 2>&1)
            if [ "$(complete)" != "$state" ] || [ -e "$tmp/state/staging" ]; then
                bad=$((bad + 1))
                check "$what: recovery keeps version $state complete ($rec)" false
                continue
            fi
            if [ "$state" = 1 ]; then
                import "$tmp/stick2"
                if [ $rc != 0 ] || [ "$(complete)" != 2 ]; then
                    bad=$((bad + 1))
                    check "$what: a retry without the fault installs version 2 ($out)" false
                fi
            fi
        done
    done
done <"$tmp/counts"
echo "faults.sh: $runs runs: $as_installed installed version 2, $as_refused left version 1"
for h in "${!headlines[@]}"; do echo "  ${headlines[$h]} x $h"; done
check "every faulty import left old or new, complete, and said which ($bad of $runs did not)" \
    '[ $bad = 0 ] && [ $runs -gt 100 ]'
finish
