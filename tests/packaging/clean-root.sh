#!/usr/bin/env bash
# ok() cannot fail, so `test && ok || bad` is an if-then-else here.
# shellcheck disable=SC2015
# The amd64 package in a clean Debian 12 root: installs with its dependencies from the archive,
# `kiosk --version` and `kiosk check` on the demo content work there (fonts from
# /usr/share/kiosk/fonts, no source tree), and purging it leaves nothing but /var/lib/kiosk.
#
#   tests/packaging/clean-root.sh build/debs/kiosk_<version>_amd64.deb [ROOT_DIR]
#
# Run by `packaging/build-debs --test` rather than ctest: debootstrap and the dependencies
# download ~150 MB and take minutes. The bootstrapped base is kept as a tarball
# (build/debs/bookworm-minbase.tar) so later runs start in seconds. Needs root and debootstrap.
set -euo pipefail
deb=$(realpath "$1")
root=${2:-/var/tmp/kiosk-clean-root}
mirror=${KIOSK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=$(dirname "$deb")/bookworm-minbase.tar
started=$SECONDS

[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (debootstrap, chroot)"; exit 77; }
command -v debootstrap >/dev/null || { echo "SKIP: debootstrap is not installed"; exit 77; }

fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

cleanup() {
    umount "$root/proc" 2>/dev/null || true
}
trap cleanup EXIT

cleanup
rm -rf "$root"
mkdir -p "$root"
if [ -f "$cache" ]; then
    tar -xf "$cache" -C "$root"
    echo "-- clean root from $cache"
else
    echo "-- debootstrap bookworm (minbase) from $mirror into $root"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
        { tail -n 20 "$root.debootstrap.log"; echo "FAIL debootstrap"; exit 1; }
    tar -cf "$cache" -C "$root" .
fi
mount -t proc proc "$root/proc"
# Nothing starts services inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# The package's dependencies first, so that the snapshot before installing holds them and the
# comparison after purging sees only what the package itself leaves.
depends=$(dpkg-deb -f "$deb" Depends)
echo "-- dependencies: $depends"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get satisfy -y -qq --no-install-recommends \
    "$depends" >"$root.apt.log" 2>&1 || { tail -n 20 "$root.apt.log"; echo "FAIL dependencies"; exit 1; }

snapshot() {
    (cd "$root" && find . -xdev \
        \( -path ./proc -o -path ./var/cache -o -path ./var/lib/apt/lists -o -path ./var/log \
        -o -path ./tmp -o -path ./var/lib/dpkg -o -path ./run -o -path ./dev \) -prune -o -print |
        sort)
}
snapshot >"$root.before"

cp "$deb" "$root/tmp/kiosk.deb"
if in_root dpkg -i /tmp/kiosk.deb >"$root.dpkg.log" 2>&1; then ok "dpkg -i $(basename "$deb")"; else
    cat "$root.dpkg.log"; bad "dpkg -i"; fi

version=$(in_root kiosk --version 2>&1 || true)
[[ "$version" == "kiosk "* ]] && ok "kiosk --version: $version" || bad "kiosk --version: $version"
for dir in "$root"/usr/share/kiosk/playlists/* /var/lib/kiosk/current; do
    dir=${dir#"$root"}
    if out=$(in_root kiosk check "$dir" 2>&1); then
        ok "kiosk check $dir"
    else
        printf '%s\n' "$out" | sed 's/^/     /'
        bad "kiosk check $dir"
    fi
done
groups=$(in_root id -nG kiosk 2>&1 || true)
for g in video render input; do
    [[ " $groups " == *" $g "* ]] || bad "user kiosk not in group $g ($groups)"
done
ok "user kiosk in: $groups"
owner=$(in_root stat -c %U:%a /var/lib/kiosk)
[ "$owner" = kiosk:750 ] && ok "/var/lib/kiosk is kiosk:750" || bad "/var/lib/kiosk is $owner"
[ -f "$root/lib/systemd/system/kiosk.service" ] && [ -f "$root/lib/udev/rules.d/90-kiosk-stick.rules" ] &&
    ok "units and udev rule installed" || bad "units or udev rule missing"
[ -L "$root/etc/systemd/system/multi-user.target.wants/kiosk.service" ] &&
    bad "the package enabled kiosk.service by itself" || ok "kiosk.service installed, not enabled"

if in_root dpkg --purge kiosk >>"$root.dpkg.log" 2>&1; then ok "dpkg --purge kiosk"; else
    tail -n 20 "$root.dpkg.log"; bad "dpkg --purge"; fi
snapshot >"$root.after"
left=$(comm -13 "$root.before" "$root.after" | grep -v '^./var/lib/kiosk$' || true)
gone=$(comm -23 "$root.before" "$root.after" || true)
if [ -z "$left" ]; then
    ok "purge leaves nothing but /var/lib/kiosk ($(comm -13 "$root.before" "$root.after" | wc -l) entry)"
else
    printf '%s\n' "$left" | sed 's/^/     left: /'
    bad "purge left files behind"
fi
[ -z "$gone" ] || { printf '%s\n' "$gone" | sed 's/^/     removed: /'; bad "purge removed files it did not install"; }

echo "clean-root: $((SECONDS - started)) s"
exit $fail
