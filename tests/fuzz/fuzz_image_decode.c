/* libFuzzer harness for the whole picture path as the player runs it: probe, limits (pixels and
 * the decoder's peak memory), decode (libjpeg-turbo at a DCT scale, SDL2_image for PNG, WebP,
 * GIF and BMP), scaling, EXIF orientation and cover crops. Pictures
 * come from USB sticks: hostile until verified. fuzz_image_probe explores the header parsers;
 * this one asks for varied output sizes and regions, and checks what comes back.
 *
 * The last 4 bytes of an input choose the request (decoders ignore bytes after the image's
 * end): output width and height 1..64, and whether to crop a region. The pixel limit is 4 MP
 * rather than the player's 40 so that a run explores decoders, not the allocator; the memory
 * budget is the player's own.
 *
 *   packaging/dev.sh fuzz        or    build-fuzz/tests/fuzz/fuzz_image_decode CORPUS_DIR
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
    int out_w = 17, out_h = 9;
    struct image_region region = {0}, *crop = NULL;
    if (size >= 16) {
        const uint8_t *t = data + size - 4;
        out_w = 1 + t[0] % 64;
        out_h = 1 + t[1] % 64;
        if (t[2] & 1) {
            region.w = 1 + t[3] % out_w;
            region.h = 1 + (t[3] >> 2) % out_h;
            region.x = (out_w - region.w) / 2;
            region.y = (out_h - region.h) / 2;
            crop = &region;
        }
    }
    char err[512] = "";
    SDL_Surface *s = image_decode_region_memory(data, size, out_w, out_h, crop, 4 * 1000 * 1000,
                                                err, sizeof err);
    if (s) {
        int want_w = crop ? region.w : out_w, want_h = crop ? region.h : out_h;
        if (s->w != want_w || s->h != want_h || s->format->format != SDL_PIXELFORMAT_RGBA32)
            __builtin_trap();
        /* Every pixel is readable: a short buffer would show here under ASan. */
        volatile uint32_t sum = 0;
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < s->w; x++)
                sum += ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x];
        (void)sum;
        SDL_FreeSurface(s);
    } else if (!err[0]) {
        __builtin_trap(); /* a refusal always says why */
    }
    return 0;
}
