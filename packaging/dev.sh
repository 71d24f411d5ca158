#!/usr/bin/env bash
# Development set-up on Debian 12 (Bookworm), the two commands of the README:
#
#   packaging/dev.sh demo    install what is missing, build into build/, play the demo
#   packaging/dev.sh test    install what is missing, build, run the whole suite with ctest
#
# Also: `packaging/dev.sh deps` (packages only), `packaging/dev.sh build`,
# `packaging/dev.sh sanitize` (the suite under ASan + UBSan in build-sanitize/),
# `packaging/dev.sh fuzz [SECONDS]` (every libFuzzer harness for SECONDS each, default 60, built
# with clang in build-fuzz/; docs/reliability.md, "Fuzzing"), and the checkers CI runs besides
# (docs/testing.md, "Checkers"):
#   packaging/dev.sh tsan          the tests that run threads under ThreadSanitizer (build-tsan/)
#   packaging/dev.sh clang         a clang build with -Werror (build-clang/), beside gcc's
#   packaging/dev.sh analyze       cppcheck over kiosk/: zero findings, or each justified in place
#   packaging/dev.sh shellcheck    shellcheck over every shell script of packaging/ and tests/
#   packaging/dev.sh format-check  clang-format --dry-run over every .c and .h of the project
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
    libmicrohttpd-dev
    libavformat-dev libavcodec-dev libavutil-dev libswresample-dev
    libswscale-dev
    libgpiod-dev
    libsdl2-mixer-dev
)
# What the tests and benchmarks use besides: a real X server for window tests, screenshots,
# Unicode's conformance data, reference tools to compare with, and the peers in benchmarks
# (ffmpeg makes the clips of the video tests; mpv is the video benchmark's peer); Mesa's
# software GL, on which the golden images run through the Pi's GLES2 renderer.
TEST_PACKAGES=(
    libgl1-mesa-dri libegl1 libgles2
    xvfb xauth x11-utils xdotool imagemagick
    unicode-data libharfbuzz-bin libfribidi-bin valgrind
    libpango1.0-dev libx11-dev feh python3 ffmpeg
    clang libclang-rt-14-dev
    hebcal zbar-tools
    cppcheck clang-format
    libjs-sortable ffmpeg mpv
    minisign syncthing jq curl shellcheck debhelper lintian debootstrap dosfstools exfatprogs
    e2fsprogs chromium chromium-driver python3-selenium
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
    echo "Installing from Debian: ${missing//$'\n'/ }"
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

# Builds the libFuzzer harnesses with clang (ASan + UBSan) in build-fuzz/ and runs every fuzz_*
# harness found there for $1 seconds, each on a scratch copy of its seed corpus
# (tests/fuzz/corpus/<name>/) so that the repository's corpus is never changed, with the flags
# of tests/fuzz/<name>.options (-max_len=...). A line per harness, then "N passed, N failed";
# fails when any harness crashed, leaked, hung or ran out of memory. Crash inputs are kept in
# build-fuzz/fuzz-findings/<name>/.
run_fuzzers() {
    local seconds=$1 dir=build-fuzz
    CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
        -DKIOSK_FUZZ=ON >/dev/null
    local targets
    targets=$(cmake --build "$dir" --target help | sed -n 's/^\.\.\. \(fuzz_[a-z0-9_]*\)$/\1/p')
    if [ -z "$targets" ]; then
        echo "fuzz: no fuzz_* harness in $dir" >&2
        return 1
    fi
    # shellcheck disable=SC2086
    cmake --build "$dir" -j"$(nproc)" --target $targets
    local scratch passed=0 failed=0 name bin opts status runs
    scratch=$(mktemp -d)
    for name in $targets; do
        bin="$dir/tests/fuzz/$name"
        mkdir -p "$scratch/$name/corpus" "$scratch/$name/findings"
        [ -d "tests/fuzz/corpus/$name" ] && cp -R "tests/fuzz/corpus/$name/." "$scratch/$name/corpus/"
        opts=-max_len=4096
        [ -f "tests/fuzz/$name.options" ] && opts=$(grep -v '^#' "tests/fuzz/$name.options" | xargs)
        status=0
        # shellcheck disable=SC2086
        env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
            ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            "$bin" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 $opts \
            -print_final_stats=1 -artifact_prefix="$scratch/$name/findings/" \
            "$scratch/$name/corpus" >"$scratch/$name/log" 2>&1 || status=$?
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$name/log" | tail -1)
        if [ "$status" = 0 ]; then
            passed=$((passed + 1))
            echo "PASS $name: ${runs:-?} inputs in ${seconds} s"
        else
            failed=$((failed + 1))
            mkdir -p "$dir/fuzz-findings/$name"
            cp "$scratch/$name/findings/"* "$scratch/$name/log" "$dir/fuzz-findings/$name/" 2>/dev/null || true
            echo "FAIL $name (exit $status): $(grep -m1 -E 'ERROR|SUMMARY' "$scratch/$name/log")"
            echo "     inputs and log in $dir/fuzz-findings/$name/; replay: $bin INPUT"
            tail -40 "$scratch/$name/log" | sed 's/^/     /'
        fi
    done
    rm -rf "$scratch"
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}

# The tests whose code runs threads: the image loader and texture cache, the import watcher and
# the player's own imports, screen power, the proof-of-play writer, the video decoders, and the
# player end to end (dummy driver and Xvfb). packaging/dev.sh tsan runs these under
# ThreadSanitizer. video.play is left out: it checks the clip's colours on screen at set seconds
# of wall-clock time, which an instrumented build misses by seconds; the decoder's and the
# player's threads run under TSan in video.player, whose time is injected.
TSAN_TESTS='^(media_(loader|texture_cache|decode_memory)|import\.(watcher|player|player_screen|fifo)'
TSAN_TESTS+='|power\.methods|proof\.(writer|power_cut|cli|cli_limits)'
TSAN_TESTS+='|e2e\.(dummy_exit_after|screen_power|pages_script|preview_reload|xvfb_window|touch)'
TSAN_TESTS+='|studio\.(guard|bounds|playlist|concurrent|preview|check|media|stick)'
TSAN_TESTS+='|fleet\.(player_health|inbox_arrival)|video\.player|emergency\.(triggers|player|gpio_sim))$'

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
    elif compgen -G "/dev/dri/card*" >/dev/null; then
        exec build/kiosk playlists/ofakim # a console: fullscreen through kmsdrm
    else
        # No desktop and no screen (a server, a container, an SSH session): show the demo as
        # pictures instead of playing it where nobody can see it.
        echo "No screen here (no DISPLAY or WAYLAND_DISPLAY, no /dev/dri): rendering the demo" \
             "to build/demo/ instead of playing it."
        build/kiosk render playlists/ofakim --out build/demo --sheet >/dev/null
        echo "Open build/demo/sheet-he.png (every slide and page), or play it on a desktop:" \
             "build/kiosk playlists/ofakim --window 1280x720"
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
fuzz)
    install_deps
    run_fuzzers "${2:-60}"
    ;;
tsan)
    install_deps
    build build-tsan -DKIOSK_TSAN=ON -DKIOSK_WERROR=ON
    # Reports end the test (exit 66) with both stacks; tests/tsan.supp lists what is not ours.
    export TSAN_OPTIONS="second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp"
    (cd build-tsan && env -u DISPLAY -u WAYLAND_DISPLAY \
        ctest --output-on-failure -j"$(nproc)" -R "$TSAN_TESTS")
    ;;
clang)
    install_deps
    CC=clang build build-clang -DCMAKE_C_COMPILER=clang -DKIOSK_WERROR=ON
    ;;
analyze)
    install_deps
    # Findings are fixed, or justified where they are with a comment and
    # "// cppcheck-suppress <id>" on the line before.
    cppcheck --enable=warning,performance,portability --inline-suppr --error-exitcode=1 \
        --std=c11 --quiet -j"$(nproc)" -I kiosk kiosk/
    echo "cppcheck: no findings in kiosk/"
    ;;
shellcheck)
    install_deps
    tests/packaging/shellcheck.sh .
    ;;
format-check)
    install_deps
    # The project's .clang-format, with Debian 12's clang-format (14): any difference fails.
    mapfile -t sources < <(git ls-files 'kiosk/*.[ch]' 'tests/*.[ch]' 'bench/*.[ch]')
    clang-format --dry-run -Werror "${sources[@]}"
    echo "clang-format: ${#sources[@]} files formatted"
    ;;
*)
    echo "usage: packaging/dev.sh demo|test|sanitize|tsan|clang|analyze|shellcheck|format-check|" \
         "fuzz [SECONDS]|build|deps" >&2
    exit 2
    ;;
esac
