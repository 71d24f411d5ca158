#!/usr/bin/env bash
# ok() cannot fail, so `test && ok || bad` is an if-then-else here.
# shellcheck disable=SC2015
# packaging/mount-stick on loop-mounted images.
#
#   mount-stick-test.sh HELPER CASE WORK_DIR [KIOSK]
#
# CASE: options (no root needed: names and option strings), vfat, exfat, ext4 (a normal stick:
# mounted read-only with the right options, readable, unwritable, unmounted again), hostile (ext4
# images holding a symlink, a FIFO, a setuid file, a device node: each refused; all of them
# together mounted with --no-scan are still harmless), refuse (other file systems, a device
# already mounted, bad names), export (proof-of-play records copied onto a mounted ext4 stick).
# Needs root, loop devices and the kernel's support for the file system; without them it prints
# why and exits 77, which ctest reports as skipped.
set -euo pipefail
helper=$1 case=$2 work=$3 kiosk_bin=${4:-/usr/bin/kiosk}

pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
skip() { echo "SKIP: $*"; exit 77; }
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}

if [ "$case" = options ]; then
    for t in vfat exfat ext4; do
        opts=$("$helper" options "$t")
        for o in ro nosuid nodev noexec nosymfollow; do
            [[ ",$opts," == *",$o,"* ]] || { bad "$t options lack $o: $opts"; continue 2; }
        done
        ok "$t: $opts"
    done
    [[ ",$("$helper" options ext4)," == *",noload,"* ]] && ok "ext4 has noload" || bad "ext4 noload"
    for t in ntfs ext2 btrfs iso9660 ""; do
        if "$helper" options "$t" >/dev/null 2>&1; then bad "type '$t' accepted"; else ok "type '$t' refused"; fi
    done
    for n in ../sda1 sda/1 "" "sda1 x" SDA1 -x "$(printf 'a%.0s' {1..40})"; do
        if "$helper" --root "$work" mount "$n" >/dev/null 2>&1; then
            bad "name '$n' accepted"
        else
            ok "name '$n' refused"
        fi
    done
    finish
    exit
fi

# --- the loop-device cases ---
[ "$(id -u)" = 0 ] || skip "needs root (loop devices and mount)"
command -v losetup >/dev/null || skip "losetup is not installed"
[ -e /dev/loop-control ] || skip "no /dev/loop-control: this machine or container has no loop devices"
losetup -f >/dev/null 2>&1 || skip "no free loop device"

need_fs() {
    grep -qw "$1" /proc/filesystems || modprobe -q "$1" 2>/dev/null || true
    grep -qw "$1" /proc/filesystems || skip "the kernel ($(uname -r)) cannot mount $1 here"
}
need_tool() { command -v "$1" >/dev/null || skip "$1 is not installed (apt-get install $2)"; }

rm -rf "$work"
mkdir -p "$work/run"
loops=()
cleanup() {
    local l
    for l in "${loops[@]}"; do
        "$helper" --root "$work/run" unmount "${l#/dev/}" >/dev/null 2>&1 || true
        losetup -d "$l" 2>/dev/null || true
    done
}
trap cleanup EXIT

# attach IMAGE: sets dev to its loop device (e.g. /dev/loop3), attached read-write as a stick
# would be: the helper itself must keep it unwritten. Not in $(...): the list of loops to
# detach at exit must be this shell's.
attach() {
    dev=$(losetup -f --show "$1") || skip "cannot attach $1 to a loop device"
    loops+=("$dev")
    [ -b "$dev" ] || skip "$dev does not exist in this container's /dev"
}

# make_image TYPE NAME [SOURCE_DIR]: a 32 MiB image of TYPE, filled from SOURCE_DIR (ext4 only).
make_image() {
    local type=$1 img=$work/$2.img src=${3:-}
    truncate -s 32M "$img"
    case "$type" in
    vfat) mkfs.vfat -n KIOSK "$img" >/dev/null ;;
    exfat) mkfs.exfat -L KIOSK "$img" >/dev/null ;;
    ext4) mkfs.ext4 -q -F -L KIOSK ${src:+-d "$src"} "$img" ;;
    ext2) mkfs.ext2 -q -F "$img" ;;
    esac
    echo "$img"
}

# check_mounted NAME TYPE: the stick is at run/sticks/NAME with every option it must have.
check_mounted() {
    local name=$1 type=$2 target=$work/run/sticks/$1 opts o
    if ! mountpoint -q "$target"; then
        bad "$type: $target is not a mount point"
        return
    fi
    opts=$(findmnt -n -o VFS-OPTIONS,FS-OPTIONS --mountpoint "$target" | tr -s ' ' ',')
    for o in ro nosuid nodev noexec nosymfollow; do
        [[ ",$opts," == *",$o,"* ]] || bad "$type: mount lacks $o ($opts)"
    done
    if [ "$type" = ext4 ]; then
        [[ ",$opts," == *",norecovery,"* || ",$opts," == *",noload,"* ]] ||
            bad "ext4: mount lacks noload ($opts)"
    fi
    ok "$type: mounted at sticks/$name with $opts"
    if touch "$target/new" 2>/dev/null; then bad "$type: writable"; else ok "$type: not writable"; fi
    [ ! -d "$work/run/staging/$name" ] && ok "$type: staging cleaned" || bad "$type: staging left"
}

unmount_and_check() {
    local name=$1 type=$2
    "$helper" --root "$work/run" unmount "$name" >/dev/null
    if mountpoint -q "$work/run/sticks/$name" || [ -e "$work/run/sticks/$name" ]; then
        bad "$type: still there after unmount"
    else
        ok "$type: unmounted, directory removed"
    fi
}

case "$case" in
vfat | exfat)
    need_fs "$case"
    need_tool "mkfs.$case" "$([ "$case" = vfat ] && echo dosfstools || echo exfatprogs)"
    img=$(make_image "$case" "$case")
    attach "$img"
    name=${dev#/dev/}
    "$helper" --root "$work/run" --any-device mount "$name"
    check_mounted "$name" "$case"
    unmount_and_check "$name" "$case"
    ;;
ext4)
    need_fs ext4
    need_tool mkfs.ext4 e2fsprogs
    mkdir -p "$work/src/bundle"
    echo "hello" >"$work/src/bundle/playlist.json"
    chmod 0644 "$work/src/bundle/playlist.json"
    img=$(make_image ext4 ext4 "$work/src")
    sum=$(sha256sum "$img" | cut -d' ' -f1)
    attach "$img"
    name=${dev#/dev/}
    "$helper" --root "$work/run" --any-device mount "$name"
    check_mounted "$name" ext4
    if [ "$(cat "$work/run/sticks/$name/bundle/playlist.json")" = hello ]; then
        ok "ext4: content readable"
    else
        bad "ext4: content not readable"
    fi
    # Mounting a second time, while mounted, is refused.
    if "$helper" --root "$work/run" --any-device mount "$name" 2>/dev/null; then
        bad "ext4: mounted twice"
    else
        ok "ext4: a second mount of a mounted device is refused"
    fi
    unmount_and_check "$name" ext4
    losetup -d "$dev"
    [ "$(sha256sum "$img" | cut -d' ' -f1)" = "$sum" ] && ok "ext4: image unchanged, byte for byte" ||
        bad "ext4: the image was written to"
    ;;
export)
    # Copying proof-of-play records onto a stick: writable for the copy only, each file whole,
    # read-only again afterwards; a request for a stick that is gone says so.
    need_fs ext4
    need_tool mkfs.ext4 e2fsprogs
    mkdir -p "$work/src/KIOSK" "$work/proof" "$work/requests"
    echo bundle >"$work/src/KIOSK/bundle.tar"
    # The player may be half-way through a line: only whole lines go onto the stick.
    printf '#kiosk-proof\t1\tabc\nrecord one\nrecord in prog' >"$work/proof/plays.log"
    printf '#kiosk-proof\t1\tabc\nrecord old\n' >"$work/proof/plays-20270101T000000.000Z.log"
    echo not-a-record >"$work/proof/notes.txt"
    img=$(make_image ext4 export "$work/src")
    attach "$img"
    name=${dev#/dev/}
    "$helper" --root "$work/run" --any-device mount "$name"
    echo proof >"$work/requests/$name"
    echo proof >"$work/requests/sdz9"
    args=(--root "$work/run" --requests "$work/requests" --results "$work/results"
        --proof "$work/proof" --kiosk "$kiosk_bin")
    "$helper" "${args[@]}" export-all
    host=$(hostname -s | tr -c 'A-Za-z0-9._\n-' '_')
    dest=$work/run/sticks/$name/KIOSK/proof/$host
    result=$(cat "$work/results/$name" 2>/dev/null || true)
    [ "$result" = "copied 2 files to KIOSK/proof/$host" ] && ok "export: $result" ||
        bad "export: result '$result'"
    printf '#kiosk-proof\t1\tabc\nrecord one\n' | cmp -s "$dest/plays.log" - &&
        cmp -s "$dest/plays-20270101T000000.000Z.log" "$work/proof/plays-20270101T000000.000Z.log" &&
        ok "export: both record files on the stick, whole lines only" ||
        bad "export: files differ or missing"
    [ ! -e "$dest/notes.txt" ] && [ -z "$(find "$dest" -name '.*tmp')" ] &&
        ok "export: only record files, no temporary names" || bad "export: stray files on the stick"
    if touch "$work/run/sticks/$name/new" 2>/dev/null; then
        bad "export: the stick stayed writable"
    else
        ok "export: read-only again"
    fi
    [ ! -e "$work/requests/$name" ] && ok "export: request taken" || bad "export: request left"
    # A second export: the rotated file on the stick never changes, so only plays.log is copied.
    echo proof >"$work/requests/$name"
    "$helper" "${args[@]}" export-all
    again=$(cat "$work/results/$name" 2>/dev/null || true)
    [ "$again" = "copied 1 files to KIOSK/proof/$host" ] && ok "export again: $again" ||
        bad "export again: result '$again'"
    gone=$(cat "$work/results/sdz9" 2>/dev/null || true)
    [ "$gone" = "failed: the stick is no longer there" ] && ok "export to a missing stick: $gone" ||
        bad "export to a missing stick: '$gone'"
    unmount_and_check "$name" ext4
    ;;
hostile)
    need_fs ext4
    need_tool mkfs.ext4 e2fsprogs
    # One image per kind of hostile entry: each alone must be enough to refuse the stick.
    for kind in symlink fifo setuid setgid device; do
        src=$work/src-$kind
        mkdir -p "$src/bundle"
        echo data >"$src/bundle/ok.txt"
        case "$kind" in
        symlink) ln -s /etc/shadow "$src/bundle/playlist.json" ;;
        fifo) mkfifo "$src/bundle/playlist.json" ;;
        setuid) cp /bin/true "$src/bundle/tool" && chmod 4755 "$src/bundle/tool" ;;
        setgid) cp /bin/true "$src/bundle/tool" && chmod 2755 "$src/bundle/tool" ;;
        device) mknod "$src/bundle/mem" c 1 1 ;;
        esac
        img=$(make_image ext4 "hostile-$kind" "$src")
        attach "$img"
        name=${dev#/dev/}
        if "$helper" --root "$work/run" --any-device mount "$name" 2>"$work/err-$kind"; then
            bad "$kind: stick mounted"
        elif mountpoint -q "$work/run/sticks/$name" || mountpoint -q "$work/run/staging/$name"; then
            bad "$kind: refused but left mounted"
        elif [ ! -s "$work/run/refused/$name" ]; then
            bad "$kind: refused without a reason in refused/$name"
        else
            ok "$kind: refused: $(cat "$work/run/refused/$name")"
        fi
    done

    # All of them on one stick, mounted without the scan: the mount options alone keep them
    # harmless (what a reader that lstat()s and opens with O_NOFOLLOW|O_NONBLOCK meets).
    src=$work/src-all
    mkdir -p "$src"
    echo secret-of-the-stick >"$src/target.txt"
    ln -s /etc/hostname "$src/escape"
    ln -s target.txt "$src/inside"
    mkfifo "$src/fifo"
    cp /bin/true "$src/suid-true" && chmod 4755 "$src/suid-true"
    mknod "$src/null" c 1 3
    img=$(make_image ext4 hostile-all "$src")
    attach "$img"
    name=${dev#/dev/}
    "$helper" --root "$work/run" --any-device --no-scan mount "$name"
    check_mounted "$name" "ext4 (hostile, no scan)"
    t=$work/run/sticks/$name
    if cat "$t/escape" >/dev/null 2>&1; then bad "symlink out of the stick followed"; else ok "symlink out of the stick not followed (nosymfollow)"; fi
    if cat "$t/inside" >/dev/null 2>&1; then bad "symlink inside the stick followed"; else ok "symlink inside the stick not followed either"; fi
    if "$t/suid-true" 2>/dev/null; then bad "file on the stick executed"; else ok "setuid file not executable (noexec; nosuid besides)"; fi
    if head -c1 "$t/null" >/dev/null 2>&1; then bad "device node opened"; else ok "device node cannot be opened (nodev)"; fi
    if timeout 2 dd if="$t/fifo" iflag=nonblock of=/dev/null status=none 2>/dev/null ||
        [ $? -ne 124 ]; then
        ok "FIFO: a non-blocking open returns at once (a plain open would wait: hence the scan)"
    else
        bad "FIFO: even a non-blocking read hangs"
    fi
    unmount_and_check "$name" "ext4 (hostile)"
    ;;
refuse)
    need_fs ext4
    img=$(make_image ext2 ext2)
    attach "$img"
    if "$helper" --root "$work/run" --any-device mount "${dev#/dev/}" 2>"$work/err"; then
        bad "ext2 mounted"
    else
        ok "ext2 refused: $(cat "$work/err")"
    fi
    img=$(make_image ext4 plain)
    attach "$img"
    if "$helper" --root "$work/run" mount "${dev#/dev/}" 2>"$work/err"; then
        bad "a loop device (not USB) mounted without --any-device"
    else
        ok "not USB refused: $(cat "$work/err")"
    fi
    ;;
*)
    echo "unknown case '$case'" >&2
    exit 2
    ;;
esac
finish
