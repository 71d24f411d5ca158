/* The memory a picture takes while it is decoded, estimated from its headers before any
 * decoding, and the budget it must fit (docs/reliability.md, "Picture memory").
 *
 * Thread: any. Nothing here keeps state. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "media/probe.h"

/* The most memory one picture may take while it is decoded and scaled: the file, the decoder's
 * output and working buffers, SDL_image's expansion to RGBA and the scaled result, together
 * (image_decode_peak). A 1 GB Raspberry Pi runs the system, the player (under 80 MB) and its
 * GPU's share of memory beside it, and decodes one picture at a time: 256 MiB leaves room for
 * all of them. A 40-megapixel photo fits (JPEG decodes at a reduced scale); an RGBA PNG of 40
 * megapixels fits, a lossless WebP of 40 megapixels does not. */
#define IMAGE_DECODE_BUDGET_BYTES ((int64_t)256 << 20)
/* The largest screen-sized output a check assumes (a 4K screen filled by one picture). */
#define IMAGE_CHECK_OUTPUT_WIDTH 3840
#define IMAGE_CHECK_OUTPUT_HEIGHT 2160

/* Upper bound of the memory decoding the image takes, in bytes, when it is scaled to out_w x
 * out_h (display orientation; the whole image) by image_decode_scaled: the file, the decoder's
 * output at the size it decodes to (JPEG: the DCT scale that covers the output), the decoder's
 * own buffers (a progressive JPEG's coefficients, a lossless WebP's ARGB buffer), the expansion of
 * indexed pictures to RGBA, the scaled and turned results, and a margin for row buffers. Measured
 * peaks are below it (tests/media/test_decode_memory.c). */
int64_t image_decode_peak(const struct image_info *info, int out_w, int out_h);

/* Refuses an image whose image_decode_peak for out_w x out_h is over IMAGE_DECODE_BUDGET_BYTES,
 * naming its size, depth and format, the estimate and the budget: "image is 7000x5500, 16-bit
 * RGB with a transparent colour PNG (64 bytes file): decoding it takes about 299 MiB of memory,
 * over the budget of 256 MiB for one picture". */
bool image_check_decode_memory(const struct image_info *info, int out_w, int out_h, char *err,
                               size_t errlen);
