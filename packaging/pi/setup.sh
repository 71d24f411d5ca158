#!/usr/bin/env bash
# Turns a fresh Raspberry Pi OS Lite (Bookworm, arm64) into a kiosk. Run as root on the Pi:
#
#   sudo ./setup.sh [--deb kiosk_0.1.0-1_arm64.deb] [--city ofakim] [--read-only]
#                   [--data-device LABEL=kiosk-data] [--group akko --key city.pub] [--dry-run]
#
#   --deb FILE          the package to install (default: the newest kiosk_*_arm64.deb beside
#                       this script or in the current directory)
#   --city NAME         the demo playlist to show until content is imported: akko, dimona,
#                       kiryat-shmona or ofakim (default: keep what is there; first time ofakim)
#   --data-device SPEC  a partition (fstab spec, e.g. LABEL=kiosk-data) to mount at
#                       /var/lib/kiosk; needed by --read-only; not formatted by this script
#   --group NAME        this screen's group for USB updates (screen_group in
#                       /etc/kiosk/kiosk.conf); without one the kiosk imports nothing
#   --key FILE.pub      a minisign public key to trust for bundles (into /etc/kiosk/keys/)
#   --read-only         read-only root with overlayroot (changes live in RAM until reboot);
#                       /var/lib/kiosk stays writable on its own partition
#   --dry-run           print every step and change nothing (runs anywhere, as any user)
#   --boot-dir DIR      where cmdline.txt is (default /boot/firmware, else /boot)
#
# Everything it does is printed, and repeated runs change nothing more (safe to re-run after an
# update). docs/deploy-pi.md explains each step.
set -euo pipefail

deb=
city=
group=
key=
data_device=
read_only=false
dry_run=false
boot_dir=
here=$(cd "$(dirname "$0")" && pwd)
did=()

die() {
    echo "setup.sh: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
    --deb) deb=${2:?--deb needs a file}; shift 2 ;;
    --city) city=${2:?--city needs a name}; shift 2 ;;
    --data-device) data_device=${2:?--data-device needs an fstab spec}; shift 2 ;;
    --boot-dir) boot_dir=${2:?--boot-dir needs a directory}; shift 2 ;;
    --read-only) read_only=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --group) group=${2:?--group needs a name}; shift 2 ;;
    --key) key=${2:?--key needs a minisign .pub file}; shift 2 ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
    esac
done

# run CMD...: prints the command, and runs it unless this is a dry run.
run() {
    echo "+ $*"
    $dry_run || "$@"
}

# put_file PATH MODE: writes stdin to PATH (beside, then renamed) unless it already holds that.
put_file() {
    local path=$1 mode=$2 content
    content=$(cat)
    if [ -f "$path" ] && [ "$(cat "$path")" = "$content" ]; then
        echo "  $path: already as wanted"
        return 0
    fi
    echo "+ write $path:"
    printf '%s\n' "$content" | sed 's/^/    | /'
    did+=("wrote $path")
    $dry_run && return 0
    mkdir -p "$(dirname "$path")"
    printf '%s\n' "$content" >"$path.kiosk-new"
    chmod "$mode" "$path.kiosk-new"
    mv -f "$path.kiosk-new" "$path"
}

case "$city" in
"" | akko | dimona | kiryat-shmona | ofakim) ;;
*) die "unknown city '$city' (akko, dimona, kiryat-shmona or ofakim)" ;;
esac
if [ -n "$group" ] && ! [[ "$group" =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
    die "--group '$group': 1 to 64 letters, digits, '.', '_' or '-' (as bundles name it)"
fi
if [ -n "$key" ]; then
    [ -f "$key" ] || die "--key $key: no such file"
    [[ "$key" == *.pub ]] || die "--key $key: expected a minisign public key file ending in .pub"
    # A minisign public key: a comment line, then "RW" and 54 more base64 characters.
    sed -n 2p "$key" | grep -Eq '^RW[A-Za-z0-9+/]{54}$' ||
        die "--key $key: not a minisign public key (made by minisign -G)"
fi
if $read_only && [ -z "$data_device" ]; then
    findmnt --fstab /var/lib/kiosk >/dev/null 2>&1 ||
        die "--read-only needs /var/lib/kiosk on its own partition: give --data-device" \
            "(docs/deploy-pi.md, 'Read-only root', says how to make one)"
fi
if ! $dry_run; then
    [ "$(id -u)" = 0 ] || die "run as root (sudo $0 ...), or try --dry-run"
fi
if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ "$codename" = bookworm ] ||
        echo "setup.sh: warning: made for Bookworm, this is '${codename:-unknown}'" >&2
fi
if [ -z "$deb" ]; then
    deb=$(find "$here" "$PWD" -maxdepth 1 -name 'kiosk_*_arm64.deb' 2>/dev/null | sort -V | tail -n 1)
    [ -n "$deb" ] || $dry_run || die "no kiosk_*_arm64.deb beside this script: give --deb FILE"
    deb=${deb:-kiosk_VERSION_arm64.deb}
fi
$dry_run || [ -f "$deb" ] || die "$deb: no such file"
case "$deb" in /* | ./*) ;; *) deb=./$deb ;; esac # apt installs a path, not a name
if [ -z "$boot_dir" ]; then
    boot_dir=/boot/firmware
    [ -f "$boot_dir/cmdline.txt" ] || boot_dir=/boot
fi

$dry_run && echo "== dry run: nothing is changed"

echo "== 1. the package and its dependencies (from the Debian and Raspberry Pi archives)"
run apt-get update
run env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb"
did+=("installed $deb")

if [ -n "$data_device" ]; then
    echo "== 2. /var/lib/kiosk on $data_device"
    if grep -qs "[[:space:]]/var/lib/kiosk[[:space:]]" /etc/fstab; then
        echo "  /etc/fstab already mounts /var/lib/kiosk"
    else
        # Content from sticks lives here: never executable, no devices, no setuid.
        line="$data_device /var/lib/kiosk ext4 defaults,nosuid,nodev,noexec,noatime 0 2"
        echo "+ append to /etc/fstab: $line"
        $dry_run || echo "$line" >>/etc/fstab
        did+=("added /var/lib/kiosk to /etc/fstab")
    fi
    run systemctl daemon-reload
    mountpoint -q /var/lib/kiosk 2>/dev/null || run mount /var/lib/kiosk
    run install -d -o kiosk -g kiosk -m 0750 /var/lib/kiosk
fi

echo "== 3. the content shown until a stick is imported"
current=$(readlink /var/lib/kiosk/current 2>/dev/null || true)
if [ -n "$city" ]; then
    if [ -z "$current" ] || [[ "$current" == /usr/share/kiosk/playlists/* ]]; then
        run ln -sfn "/usr/share/kiosk/playlists/$city" /var/lib/kiosk/current
        did+=("demo content: $city")
    else
        echo "  /var/lib/kiosk/current is imported content ($current): left alone"
    fi
else
    echo "  /var/lib/kiosk/current -> ${current:-the default of the package: ofakim}"
fi

echo "== 4. the console: no blanking, no cursor, no boot messages on the screen"
cmdline=$boot_dir/cmdline.txt
if [ -f "$cmdline" ]; then
    args=$(head -n 1 "$cmdline")
    for want in consoleblank=0 vt.global_cursor_default=0 logo.nologo quiet loglevel=3; do
        [[ " $args " == *" $want "* ]] || args="$args $want"
    done
    put_file "$cmdline" 0755 <<<"$args"
else
    echo "  $cmdline not found (not a Raspberry Pi?): kernel command line left alone"
fi

echo "== 5. keys: no Ctrl-Alt-Del reboot, no login on other consoles"
run systemctl mask ctrl-alt-del.target
did+=("masked ctrl-alt-del.target")
# tty1 is the player's; no getty is spawned on other VTs when someone switches to them.
run systemctl disable getty@tty1.service
put_file /etc/systemd/logind.conf.d/kiosk.conf 0644 <<'CONF'
# kiosk (packaging/pi/setup.sh): no login prompts on other consoles of a public screen.
[Login]
NAutoVTs=0
ReserveVT=0
CONF

echo "== 6. USB updates: this screen's group and the keys it trusts"
if [ -n "$group" ]; then
    # Other settings in the file are kept; only screen_group is set.
    conf=$( (grep -v '^[[:space:]]*screen_group[[:space:]]*=' /etc/kiosk/kiosk.conf 2>/dev/null || true)
        echo "screen_group = $group")
    put_file /etc/kiosk/kiosk.conf 0644 <<<"$conf"
else
    echo "  screen_group: $(sed -n 's/^[[:space:]]*screen_group[[:space:]]*=[[:space:]]*//p' \
        /etc/kiosk/kiosk.conf 2>/dev/null || true) (--group sets it; without one nothing is imported)"
fi
if [ -n "$key" ]; then
    key_dest=/etc/kiosk/keys/$(basename "$key")
    put_file "$key_dest" 0644 <"$key"
fi

echo "== 7. the service"
run systemctl daemon-reload
run systemctl enable kiosk.service
did+=("enabled kiosk.service (starts at boot)")

if $read_only; then
    echo "== 8. read-only root (overlayroot)"
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y overlayroot
    # recurse=0: only / is overlaid; /var/lib/kiosk (its own partition) and /boot stay as they
    # are, so imported content survives reboots. The journal lives in RAM (Storage=volatile).
    put_file /etc/overlayroot.local.conf 0644 <<'CONF'
overlayroot="tmpfs:swap=0,recurse=0"
CONF
    put_file /etc/systemd/journald.conf.d/kiosk.conf 0644 <<'CONF'
[Journal]
Storage=volatile
RuntimeMaxUse=32M
CONF
    did+=("read-only root from the next boot (undo: overlayroot-chroot, docs/deploy-pi.md)")
fi

echo "== done$($dry_run && echo ' (dry run: nothing was changed)')"
for d in "${did[@]}"; do
    echo "  - $d"
done
echo "Reboot to start the kiosk: sudo reboot. Logs: journalctl -u kiosk -b"
