/* Decoding an image file to a screen-sized RGBA32 surface in display orientation.
 *
 * Thread: any (no renderer calls; SDL surfaces and SDL_image loaders are thread-safe for
 * distinct surfaces). The loader runs it on its worker thread.
 *
 * Memory: the file is read once (at most IMAGE_MAX_FILE_BYTES) and the same bytes are probed and
 * decoded, so the file cannot change between the limit check and the decode. A JPEG is decoded
 * at the smallest DCT scale at or above the output size (a 12-MP photo for 1080p decodes at 1/2:
 * 3 MP, not 12); other formats decode at full size. Every intermediate is freed before return.
 *
 * Failure policy: corrupt data, a truncated file, a size over the limits, or a decoded size
 * that differs from the header give NULL and a message. libjpeg-turbo decodes damaged JPEGs
 * "with a warning", padding what is missing with grey; a half-grey photo on a lobby screen is
 * worse than skipping the slide, so: a JPEG whose structure does not reach its end-of-image
 * marker is refused as truncated before decoding, and a decode warning is accepted (logged) only
 * when it is about extraneous bytes between segments, which camera files often carry harmlessly.
 */
#pragma once

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest file decode reads into memory. */
#define IMAGE_MAX_FILE_BYTES ((size_t)256 * 1024 * 1024)
/* Largest side of a requested output (the largest texture of any renderer we run on is 16384). */
#define IMAGE_MAX_OUTPUT_SIDE 16384

/* Decodes path to an RGBA32 (SDL_PIXELFORMAT_RGBA32) surface of exactly out_w x out_h in display
 * orientation (EXIF applied), refusing (NULL + "PATH: reason" in err) anything
 * image_check_limits(max_pixels) refuses, unsupported, corrupt or truncated files. The caller
 * owns the surface and frees it with SDL_FreeSurface. */
SDL_Surface *image_decode_scaled(const char *path, int out_w, int out_h, int64_t max_pixels,
                                 char *err, size_t errlen);

/* A part of a scaled image: the rectangle (in pixels of the image scaled to out_w x out_h) that
 * is kept. A cover-fitted photo shows only a screen-shaped window of itself; decoding just that
 * window keeps the texture screen-sized (a 4:3 photo on 16:9 saves a quarter of its pixels). */
struct image_region {
    int x, y, w, h; /* w == 0: the whole image */
};

/* As image_decode_scaled, keeping only `region` of the out_w x out_h image: the result is
 * region->w x region->h. region NULL or empty: the whole image. */
SDL_Surface *image_decode_region(const char *path, int out_w, int out_h,
                                 const struct image_region *region, int64_t max_pixels, char *err,
                                 size_t errlen);

/* The same for a file already in memory (err carries no path). data is only read. */
SDL_Surface *image_decode_scaled_memory(const void *data, size_t len, int out_w, int out_h,
                                        int64_t max_pixels, char *err, size_t errlen);
SDL_Surface *image_decode_region_memory(const void *data, size_t len, int out_w, int out_h,
                                        const struct image_region *region, int64_t max_pixels,
                                        char *err, size_t errlen);

/* A DCT scaling factor num/denom, as libjpeg-turbo offers them (1/8, 1/4, 3/8, ... 2/1). */
struct image_scale {
    int num, denom;
};

/* Pure: of `factors`, the one no larger than 1/1 whose scaled size (ceil(side * num / denom),
 * as TJSCALED computes it) is at least need_w x need_h with the fewest pixels; 1/1 when none
 * is (the image is smaller than needed: bilinear upscaling follows). */
struct image_scale jpeg_pick_scale(int src_w, int src_h, int need_w, int need_h,
                                   const struct image_scale *factors, int count);
