#!/usr/bin/env bash
# CI for arm64 on x86-64: cross-build the kiosk and its tests with Debian's multiarch, then run
# the unit tests on the arm64 binaries under qemu-aarch64.
#
#   packaging/ci-arm64.sh                 install what is missing, build build-arm64/, test
#   packaging/ci-arm64.sh --deps          only install the packages
#   packaging/ci-arm64.sh --libhdate DIR  only unpack the arm64 libhdate into DIR (build-debs)
#   packaging/ci-arm64.sh --test-only DIR run the tests of an existing build (exit 77 when DIR
#                                         has no arm64 build: ctest's packaging.arm64_qemu)
#
# Which tests: every ctest test whose command is an arm64 test program (ctest starts it through
# CMAKE_CROSSCOMPILING_EMULATOR, qemu-aarch64): unit, playlist, media and text tests. Tests run by
# scripts that start the arm64 `kiosk` binary directly (e2e, studio, golden, import, text_layout_cli, the
# schedule tests that run `kiosk schedule` and `kiosk render --at`, the playlist folder and check
# scripts, the clip scripts (video.probe_check, video.bundle_import, video.play), the
# direction-controls and report-limits commands, the fleet scripts, the decode-memory test that
# re-executes itself to measure, the enrolment-stick, emergency player, check-and-render and
# gpio-sim scripts), the host's
# valgrind (it cannot run an arm64 program) and the packaging tests
# are excluded: without binfmt_misc (CI containers) the kernel cannot run arm64
# executables that are not started through qemu. calendar.hebcal is excluded too: it runs the host's
# hebcal command, which says nothing about the arm64 build (calendar.unit does run).
# unit.test_notice_gles2 draws through Mesa's GLES2 on EGL, which the arm64 sysroot does not
# carry (the golden tests that do the same start the kiosk, excluded above anyway).
#
# libhdate: Bookworm's libhdate1:arm64 is a different binNMU (+b4) from the amd64 one (+b3), so
# libhdate-dev:arm64 cannot be installed beside libhdate-dev. Instead Debian's own arm64 packages
# are fetched with `apt-get download` and unpacked with `dpkg-deb -x` into $build/libhdate-arm64;
# CMake's KIOSK_LIBHDATE_ROOT points the calendar there (the header is the same on every
# architecture, and the static libhdate.a is linked, so nothing foreign is needed at run time).
set -euo pipefail
cd "$(dirname "$0")/.."

build="build-arm64"
EXCLUDE='^(e2e\.|studio\.|golden\.|text_layout_cli$|packaging\.|import\.|calendar\.hebcal$|schedule\.(golden|render_at_|playlist_at_)|playlist_(content_folder|check_cli)$|text_direction_controls_cli$|text_.*_valgrind$|proof\.cli_limits$|media_decode_memory$|fleet\.(inbox_arrival|cli|player_health|syncthing|enrol_stick_.*)$|video\.(probe_check|bundle_import|play|without_ffmpeg)$|emergency\.(player|gpio_sim|check_render)$|unit\.test_notice_gles2$)'
CROSS_PACKAGES=(
    crossbuild-essential-arm64 qemu-user-static
    libsdl2-dev:arm64 libsdl2-image-dev:arm64
    libturbojpeg0-dev:arm64 libexif-dev:arm64
    libjansson-dev:arm64
    libfreetype-dev:arm64 libharfbuzz-dev:arm64 libfribidi-dev:arm64 libicu-dev:arm64
    libsystemd-dev:arm64 zlib1g-dev:arm64
    libsodium-dev:arm64 libarchive-dev:arm64
    libqrencode-dev:arm64
    libmicrohttpd-dev:arm64
    libavformat-dev:arm64 libavcodec-dev:arm64 libavutil-dev:arm64 libswresample-dev:arm64
    libswscale-dev:arm64
    libgpiod-dev:arm64
    libsdl2-mixer-dev:arm64
)

install_deps() {
    local missing=() p sudo=
    for p in "${CROSS_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "ci-arm64: installing from Debian: ${missing[*]}"
    dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

# Debian's arm64 libhdate, unpacked into the build tree (see the top of this file).
fetch_libhdate() {
    local dir=$1 sudo=
    if [ -f "$dir/usr/include/hdate.h" ] && [ -f "$dir/usr/lib/aarch64-linux-gnu/libhdate.a" ]; then
        return 0
    fi
    rm -rf "$dir" && mkdir -p "$dir/debs"
    if ! (cd "$dir/debs" && apt-get download -qq libhdate1:arm64 libhdate-dev:arm64); then
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq
        (cd "$dir/debs" && apt-get download -qq libhdate1:arm64 libhdate-dev:arm64)
    fi
    local deb
    for deb in "$dir"/debs/*.deb; do
        dpkg-deb -x "$deb" "$dir"
    done
    echo "ci-arm64: libhdate for arm64 unpacked from $(cd "$dir/debs" && echo *.deb)"
}

run_tests() {
    local dir=$1
    if [ ! -f "$dir/CMakeCache.txt" ] || ! grep -q "^CMAKE_SYSTEM_PROCESSOR:.*aarch64\|toolchain-arm64" \
        "$dir/CMakeCache.txt"; then
        echo "SKIP: no arm64 build in $dir (packaging/ci-arm64.sh makes one)"
        return 77
    fi
    command -v qemu-aarch64-static >/dev/null || command -v qemu-aarch64 >/dev/null || {
        echo "SKIP: qemu-aarch64 is not installed (apt-get install qemu-user-static)"
        return 77
    }
    local started=$SECONDS
    (cd "$dir" && env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
        ctest --output-on-failure -j"$(nproc)" -E "$EXCLUDE")
    echo "ci-arm64: tests under qemu in $((SECONDS - started)) s"
}

case "${1:-}" in
--deps)
    install_deps
    ;;
--libhdate)
    # For packaging/build-debs: the same unpacked libhdate for the arm64 package.
    fetch_libhdate "${2:?--libhdate needs a folder}"
    ;;
--test-only)
    set +e
    run_tests "${2:-$build}"
    exit $?
    ;;
"")
    started=$SECONDS
    install_deps
    fetch_libhdate "$build/libhdate-arm64"
    cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-arm64.cmake \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON \
        -DKIOSK_LIBHDATE_ROOT="$PWD/$build/libhdate-arm64" >/dev/null
    cmake --build "$build" -j"$(nproc)"
    file "$build/kiosk" | grep -q "ARM aarch64" || { echo "ci-arm64: $build/kiosk is not arm64" >&2; exit 1; }
    echo "ci-arm64: cross build in $((SECONDS - started)) s"
    run_tests "$build"
    echo "ci-arm64: done in $((SECONDS - started)) s"
    ;;
*)
    echo "usage: packaging/ci-arm64.sh [--deps | --libhdate DIR | --test-only DIR]" >&2
    exit 2
    ;;
esac
