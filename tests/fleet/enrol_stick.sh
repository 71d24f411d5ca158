#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The enrolment stick end to end (issue 18, docs/fleet.md): a real file system image of type FS
# on a loop device, with an order written by `kiosk fleet order` and signed by minisign, is
# mounted by packaging/mount-stick as kiosk-stick@NAME.service does. Its enrolment path runs
# `kiosk fleet enrol` as the Syncthing user (here `nobody`, never root), which writes the kiosk's
# Syncthing configuration; mount-stick then writes the kiosk's answer onto the stick and leaves it
# read-only; ExecStop's `mount-stick unmount` unmounts it. A replayed order (same seq) and an
# order for another group are refused with a readable reason. Needs root, loop devices and the
# kernel's support for FS; without them it says why and exits 77 (skipped).
#   enrol_stick.sh FS HELPER KIOSK WORK      FS: vfat, exfat or ext4
set -u
fs=$1 helper=$2 kiosk=$3 work=$4
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"
skip() {
    echo "SKIP: $*"
    exit 77
}
[ "$(id -u)" = 0 ] || skip "needs root (loop devices and mount)"
for t in losetup minisign syncthing runuser "mkfs.$fs"; do
    command -v "$t" >/dev/null || skip "$t is not installed"
done
[ -e /dev/loop-control ] || skip "no /dev/loop-control: no loop devices here"
grep -qw "$fs" /proc/filesystems || modprobe -q "$fs" 2>/dev/null || true
grep -qw "$fs" /proc/filesystems || skip "the kernel ($(uname -r)) cannot mount $fs here"
user=nobody
getent passwd "$user" >/dev/null || skip "no user $user to run the enrolment as"

rm -rf "$work"
mkdir -p "$work/run" "$work/keys" "$work/mnt"
loops=()
cleanup() {
    local l
    mountpoint -q "$work/mnt" && umount "$work/mnt"
    for l in "${loops[@]}"; do
        "$helper" --root "$work/run" unmount "${l#/dev/}" >/dev/null 2>&1
        losetup -d "$l" 2>/dev/null
    done
}
trap cleanup EXIT
minisign -G -W -p "$work/keys/city.pub" -s "$work/city.key" >/dev/null </dev/null
chmod -R a+rX "$work"

# The content machine's Syncthing identity, as `kiosk fleet order --content-home` reads it.
syncthing generate --home="$work/cm" --no-default-folder --skip-port-probing >/dev/null 2>&1
cm_id=$(syncthing serve --device-id --home="$work/cm" 2>/dev/null)

# The kiosk: its settings (group akko, inbox, keys), and the Syncthing user's home, which only
# that user can write.
sync_home=$work/kiosk-sync inbox=$work/inbox
install -d -o "$user" -m 0750 "$sync_home"
install -d -o "$user" -m 0755 "$inbox"
printf 'screen_group = akko\ninbox_dir = %s\nkeys_dir = %s\nstate_dir = %s\n' \
    "$inbox" "$work/keys" "$work/state" >"$work/kiosk.conf"
chmod 0644 "$work/kiosk.conf"
args=(--root "$work/run" --any-device --kiosk "$kiosk" --sync-user "$user"
    --sync-home "$sync_home" --config "$work/kiosk.conf" --no-restart)

# make_stick NAME GROUP SEQ: a 32 MiB FS image with a signed order; sets img. The order is
# written through a mount of the image (as staff write a stick on their computer).
make_stick() {
    img=$work/$1.img
    truncate -s 32M "$img"
    case "$fs" in
    vfat) mkfs.vfat -n KIOSK "$img" >/dev/null ;;
    exfat) mkfs.exfat -L KIOSK "$img" >/dev/null ;;
    ext4) mkfs.ext4 -q -F -L KIOSK "$img" ;;
    esac
    mount -o loop "$img" "$work/mnt" || skip "cannot loop-mount a $fs image here"
    "$kiosk" fleet order --group "$2" --content-home "$work/cm" --name marketing \
        --address tcp://192.168.10.5:22000 --out "$work/mnt" >/dev/null &&
        minisign -S -s "$work/city.key" -m "$work/mnt/KIOSK/enrol.json" \
            -t "kiosk-enrol group=$2 seq=$3" >/dev/null </dev/null
    umount "$work/mnt"
}
# plug IMG: attaches it as a stick (read-write, as a real one) and runs the unit's ExecStart;
# sets name, target and out (what mount-stick said).
plug() {
    local dev
    dev=$(losetup -f --show "$1") || skip "cannot attach $1 to a loop device"
    loops+=("$dev")
    name=${dev#/dev/}
    target=$work/run/sticks/$name
    out=$("$helper" "${args[@]}" mount "$name" 2>&1)
    [ -z "${VERBOSE:-}" ] || echo "$out"
}
# unplug: the unit's ExecStop, then the device goes.
unplug() {
    "$helper" --root "$work/run" unmount "$name" >/dev/null 2>&1
    losetup -d "/dev/$name"
    loops=("${loops[@]/"/dev/$name"/}")
}
# fsck_clean IMG: the file system on the stick is consistent (unmounted cleanly).
fsck_clean() {
    case "$fs" in
    vfat) fsck.vfat -n "$1" >/dev/null 2>&1 ;;
    exfat) fsck.exfat -n "$1" >/dev/null 2>&1 ;;
    ext4) e2fsck -fn "$1" >/dev/null 2>&1 ;;
    esac
}

# 1. The enrolment stick for group akko, seq 1, in this kiosk.
make_stick akko akko 1
plug "$work/akko.img"
host=$(hostname -s | tr -c 'A-Za-z0-9._\n-' '_')
check "mount-stick enrols the kiosk ($out)" \
    '[[ "$out" == *"enrolled: kiosk $host in group \"akko\" (order seq=1)"* && "$out" == *"wrote KIOSK/enrolled/$host.txt"* ]]'
config=$sync_home/config.xml
check "the Syncthing configuration is written by the Syncthing user, not root" \
    '[ "$(stat -c %U "$config")" = "$user" ] && [ "$(stat -c %U "$sync_home/cert.pem")" = "$user" ]'
check "it trusts the content machine at its address" \
    'grep -q "<device id=\"$cm_id\" name=\"marketing\"" "$config" && grep -q "<address>tcp://192.168.10.5:22000</address>" "$config"'
check "the group's content folder, receive-only, into the inbox" \
    'grep -q "<folder id=\"kiosk-content-akko\" label=\"content akko\" path=\"$inbox\" type=\"receiveonly\"" "$config"'
check "its own report folder, send-only" \
    'grep -q "<folder id=\"kiosk-report-$host\" label=\"report $host\" path=\"$sync_home/report\" type=\"sendonly\"" "$config"'
check "both folders shared with the content machine" \
    '[ "$(grep -c "<device id=\"$cm_id\" introducedBy=\"\"></device>" "$config")" = 2 ]'
kiosk_id=$(runuser -u "$user" -- syncthing serve --device-id --home="$sync_home" 2>/dev/null)
check "the kiosk has a Syncthing identity ($kiosk_id)" '[ ${#kiosk_id} = 63 ]'
check "the stick is read-only again" '! touch "$target/x" 2>/dev/null && mountpoint -q "$target"'
unplug
check "the stick is unmounted and its folder gone" '! mountpoint -q "$target" && [ ! -e "$target" ]'
check "its file system is clean" 'fsck_clean "$work/akko.img"'
mount -o loop,ro "$work/akko.img" "$work/mnt"
answer=$(cat "$work/mnt/KIOSK/enrolled/$host.txt" 2>/dev/null)
umount "$work/mnt"
check "the answer on the stick has the kiosk's device ID as syncthing prints it ($answer)" \
    '[[ "$answer" == *"device_id=$kiosk_id"* && "$answer" == *"group=akko"* && "$answer" == *"report_folder=kiosk-report-$host"* ]]'

# 2. The same stick again (seq 1 replayed): refused, nothing changed, no new answer.
sum=$(sha256sum "$config")
rm -f "$sync_home/enrol-reply.txt"
plug "$work/akko.img"
check "a replayed order is refused with its reason ($out)" \
    '[[ "$out" == *"enrolment refused: KIOSK/enrol.json.minisig: seq=1 is not newer than the order this kiosk already took (seq=1)"* ]]'
check "the configuration is unchanged" '[ "$(sha256sum "$config")" = "$sum" ]'
unplug

# 3. Another group's stick: refused, with both groups named.
make_stick ofakim ofakim 1
plug "$work/ofakim.img"
check "another group's order is refused ($out)" \
    '[[ "$out" == *"enrolment refused: KIOSK/enrol.json.minisig: the order is for group \"ofakim\", this kiosk is in \"akko\""* ]]'
check "the configuration is unchanged" '[ "$(sha256sum "$config")" = "$sum" ]'
unplug
mount -o loop,ro "$work/ofakim.img" "$work/mnt"
check "and nothing was written onto that stick" '[ ! -e "$work/mnt/KIOSK/enrolled" ]'
umount "$work/mnt"

# 4. A newer order for the group (seq 2, say a new address) is taken.
make_stick akko2 akko 2
plug "$work/akko2.img"
check "a newer order is taken ($out)" '[[ "$out" == *"(order seq=2)"* ]]'
unplug

# 5. The kiosk moves to group ofakim: that group's stick, whose seq=1 is lower than the seq=2
# it took for akko, is taken (each group counts its own orders).
sed -i 's/^screen_group = akko$/screen_group = ofakim/' "$work/kiosk.conf"
plug "$work/ofakim.img"
check "a kiosk moved to another group takes that group's order ($out)" \
    '[[ "$out" == *"enrolled: kiosk $host in group \"ofakim\" (order seq=1)"* ]] && grep -q "<folder id=\"kiosk-content-ofakim\"" "$config" && ! grep -q "kiosk-content-akko" "$config"'
unplug
finish
