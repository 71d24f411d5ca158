#!/usr/bin/env bash
# Development set-up on Debian 12 (Bookworm), the two commands of the README:
#
#   packaging/dev.sh demo    install what is missing, build into build/, play the demo
#   packaging/dev.sh test    install what is missing, build, run the whole suite with ctest
#
# Also: `packaging/dev.sh deps` (packages only), `packaging/dev.sh build`,
# `packaging/dev.sh sanitize` (the suite under ASan + UBSan in build-sanitize/).
# Every dependency comes from Debian's own packages; nothing is downloaded from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the kiosk links against (libraries and their headers).
BUILD_PACKAGES=(
    build-essential cmake pkg-config
    libsdl2-dev libsdl2-image-dev
    libturbojpeg0-dev libexif-dev
    libjansson-dev
    libfreetype-dev libharfbuzz-dev libfribidi-dev libicu-dev
    libsodium-dev libarchive-dev libsystemd-dev
    libqrencode-dev libhdate-dev
)
# What the tests and benchmarks use besides: a real X server for window tests, screenshots,
# Unicode's conformance data, reference tools to compare with, and the peers in benchmarks.
TEST_PACKAGES=(
    xvfb xauth x11-utils xdotool imagemagick
    unicode-data libharfbuzz-bin libfribidi-bin valgrind
    libpango1.0-dev libx11-dev feh python3
    clang libclang-rt-14-dev
    hebcal zbar-tools
    minisign shellcheck debhelper lintian debootstrap dosfstools exfatprogs e2fsprogs
)

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || echo "$p"
    done
}

install_deps() {
    local missing
    missing=$(missing_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
    [ -z "$missing" ] && return 0
    echo "Installing from Debian: $(echo $missing)"
    local sudo=
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j"$(nproc)"
}

run_tests() {
    local dir=$1
    # The suite is headless: no display is needed or used, except the Xvfb the tests start.
    (cd "$dir" && env -u DISPLAY -u WAYLAND_DISPLAY ctest --output-on-failure -j"$(nproc)")
}

case "${1:-}" in
deps)
    install_deps
    ;;
build)
    install_deps
    build build
    ;;
demo)
    install_deps
    build build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/kiosk playlists/ofakim --window 1280x720
    else
        exec build/kiosk playlists/ofakim # a console: fullscreen through kmsdrm
    fi
    ;;
test)
    install_deps
    build build -DKIOSK_WERROR=ON
    run_tests build
    ;;
sanitize)
    install_deps
    build build-sanitize -DKIOSK_SANITIZE=ON -DKIOSK_WERROR=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_tests build-sanitize
    ;;
*)
    echo "usage: packaging/dev.sh demo|test|sanitize|build|deps" >&2
    exit 2
    ;;
esac
