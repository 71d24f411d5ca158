/* Scaling and EXIF orientation of decoded surfaces: the filter between a decoder's output and a
 * screen-sized texture.
 *
 * Thread: any (pure functions of their inputs; no renderer calls).
 */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* Returns a new RGBA32 surface of exactly dst_w x dst_h (caller frees with SDL_FreeSurface), or
 * NULL with a message in err. Per axis: area (box) averaging when shrinking, so every source
 * pixel counts exactly once (no aliasing on 2:1 or 1.7:1 reductions), bilinear when growing.
 * Filtering is on premultiplied alpha, so transparent pixels do not bleed their colour into
 * edges. src may be any SDL pixel format; it is not modified. */
SDL_Surface *image_resample(SDL_Surface *src, int dst_w, int dst_h, char *err, size_t errlen);

/* Returns a new RGBA32 surface holding src (RGBA32) turned from stored to display orientation
 * under EXIF orientation 1..8 (the size swaps for 5..8). Caller frees. NULL on allocation
 * failure in SDL, with a message in err. */
SDL_Surface *image_orient(SDL_Surface *src, int orientation, char *err, size_t errlen);
