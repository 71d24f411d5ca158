/* libFuzzer harness for the clip probe: libavformat's MP4/QuickTime and Matroska/WebM demuxers
 * on our own reads, the picture-size check before decoding, the cut-short checks (the MP4
 * index, the Matroska segment size), the first picture decoded, then the budget and the
 * description. Clips come from USB sticks: hostile until verified.
 *
 * FFmpeg itself is not instrumented (Debian's build); the fuzzer is guided by our branches and
 * finds what our code does with whatever FFmpeg makes of the input. The seeds are three tiny
 * clips (tests/fuzz/make-video-seeds.sh). Build: cmake -DKIOSK_FUZZ=ON
 * -DCMAKE_C_COMPILER=clang ...; run: build/tests/fuzz/fuzz_video_probe -max_len=65536 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>

#define LOG_MODULE "fuzz"
#include "base/log.h"
#include "media/video_probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    if (!quiet) {
        log_set_level(LOG_LEVEL_ERROR);
        quiet = true;
    }
    /* A short deadline: a slow input is a finding only if it outlives it by far. */
    struct video_probe_limits lim = {.deadline_ms = 1000};
    struct video_info info;
    char err[512], msg[2048], line[256];
    if (!video_probe_memory(data, size, &lim, &info, err, sizeof err))
        return 0;
    if (info.width <= 0 || info.height <= 0 || info.width > VIDEO_MAX_HEADER_SIDE ||
        info.height > VIDEO_MAX_HEADER_SIDE)
        __builtin_trap(); /* an accepted clip has a size within the header limit */
    video_check_budget(&info, "in put's name.mkv", msg, sizeof msg);
    video_info_describe(&info, line, sizeof line);
    /* A prefix of an accepted clip must be handled too (a stick pulled while copying). */
    video_probe_memory(data, size / 2, &lim, &info, err, sizeof err);
    return 0;
}
