#!/usr/bin/env bash
# packaging/pi/setup.sh --dry-run: what it would do on a Pi, with a fake boot partition. Nothing
# on this machine may change.
#
#   setup-dry-run.sh SETUP_SH WORK_DIR
set -euo pipefail
setup=$1 work=$2
rm -rf "$work"
mkdir -p "$work/boot"
echo "console=serial0,115200 console=tty1 root=PARTUUID=1234-02 rootfstype=ext4 fsck.repair=yes rootwait" \
    >"$work/boot/cmdline.txt"
cp "$work/boot/cmdline.txt" "$work/cmdline.orig"
touch "$work/kiosk_0.1.0-1_arm64.deb"
printf 'untrusted comment: minisign public key 1234\nRWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n' \
    >"$work/city.pub"

fail=0
expect() {
    if grep -qF -- "$1" "$work/out"; then echo "ok   prints: $1"; else echo "FAIL missing: $1"; fail=1; fi
}

(cd "$work" && "$setup" --dry-run --city dimona --boot-dir "$work/boot" \
    --read-only --data-device LABEL=kiosk-data --group akko --key city.pub) >"$work/out" 2>&1 ||
    { cat "$work/out"; echo "FAIL setup.sh --dry-run exited non-zero"; exit 1; }
expect "== dry run: nothing is changed"
expect "apt-get install -y $work/kiosk_0.1.0-1_arm64.deb"
expect "ln -sfn /usr/share/kiosk/playlists/dimona /var/lib/kiosk/current"
expect "consoleblank=0 vt.global_cursor_default=0 logo.nologo quiet loglevel=3"
expect "systemctl mask ctrl-alt-del.target"
expect "NAutoVTs=0"
expect "systemctl enable kiosk.service"
expect "+ write /etc/kiosk/kiosk.conf:"
expect "    | screen_group = akko"
expect "+ write /etc/kiosk/keys/city.pub:"
expect 'overlayroot="tmpfs:swap=0,recurse=0"'
expect "LABEL=kiosk-data /var/lib/kiosk ext4 defaults,nosuid,nodev,noexec,noatime 0 2"
expect "== done (dry run: nothing was changed)"
if cmp -s "$work/boot/cmdline.txt" "$work/cmdline.orig"; then
    echo "ok   cmdline.txt untouched by the dry run"
else
    echo "FAIL the dry run changed cmdline.txt"
    fail=1
fi

# Mistakes are refused before anything happens.
echo "not a key" >"$work/bad.pub"
for bad in "--city paris" "--read-only --data-device" "--frobnicate" "--group akko/hall" \
    "--key $work/bad.pub" "--key $work/missing.pub"; do
    # shellcheck disable=SC2086 # the options are split on purpose
    if "$setup" --dry-run --boot-dir "$work/boot" $bad >"$work/out" 2>&1; then
        echo "FAIL accepted: $bad"
        fail=1
    else
        echo "ok   refused: $bad: $(tail -n 1 "$work/out")"
    fi
done
exit $fail
