/* libFuzzer harness for the image header probe (PNG, JPEG + EXIF via libexif, WebP, GIF, BMP) and,
 * for inputs whose header passes small limits, the whole decode path (libjpeg-turbo, SDL2_image,
 * the scaler and orientation). Images come from USB sticks: hostile until verified.
 *
 * Build: cmake -DKIOSK_FUZZ=ON -DCMAKE_C_COMPILER=clang ...; run:
 *   build/tests/fuzz/fuzz_image_probe -max_len=65536 CORPUS_DIR
 */
#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#define LOG_MODULE "fuzz"
#include "base/log.h"
#include "media/decode.h"
#include "media/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    if (!quiet) {
        log_set_level(LOG_LEVEL_ERROR); /* decode warnings would flood the output */
        quiet = true;
    }
    struct image_info info;
    char err[256];
    if (!image_probe_memory(data, size, &info, err, sizeof err))
        return 0;
    /* Every prefix of a valid header must probe without reading past it. */
    struct image_info again;
    image_probe_memory(data, size / 2, &again, err, sizeof err);
    /* Decode only what small limits allow, so the fuzzer explores parsers, not allocators. */
    if (!image_check_limits(&info, 1 << 20, err, sizeof err))
        return 0;
    SDL_Surface *s = image_decode_scaled_memory(data, size, 33, 17, 1 << 20, err, sizeof err);
    if (s && (s->w != 33 || s->h != 17))
        __builtin_trap();
    SDL_FreeSurface(s);
    return 0;
}
