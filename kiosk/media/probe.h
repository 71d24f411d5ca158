/* Image probe: format, stored size and EXIF orientation from the file header alone.
 *
 * Content is hostile until verified, and sizes are checked before work: image_probe reads only
 * headers (a few bytes, plus the EXIF segment of a JPEG) and never allocates for pixels, so a
 * 400 KB PNG declaring 20000x20000 is refused in microseconds by image_check_limits().
 *
 * Thread: any. Nothing here keeps state.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Default for the max_pixels arguments (0 or negative also means this). */
#define IMAGE_DEFAULT_MAX_PIXELS ((int64_t)40 * 1000 * 1000)
/* The largest side we decode: the JPEG format's own limit, and far below where w * 4 * h
 * arithmetic in SDL or our scaler could overflow. */
#define IMAGE_MAX_SIDE 65500

enum image_format {
    IMAGE_FORMAT_UNKNOWN,
    IMAGE_FORMAT_PNG,
    IMAGE_FORMAT_JPEG,
    IMAGE_FORMAT_WEBP,
    IMAGE_FORMAT_GIF,
    IMAGE_FORMAT_BMP,
};

struct image_info {
    enum image_format format;
    int width, height;                 /* as stored in the file (GIF: the logical screen) */
    int orientation;                   /* EXIF orientation 1..8; 1 when absent or not JPEG */
    int display_width, display_height; /* after orientation (swapped for 5..8) */
    /* What the decoder's memory depends on, from the headers: */
    uint64_t file_bytes; /* size of the file (or of the bytes probed in memory) */
    int bit_depth;       /* bits per sample (PNG 1..16, JPEG 8 or 12); BMP: bits per pixel */
    int components;      /* samples per pixel as stored (PNG by colour type, JPEG components) */
    bool indexed;        /* decoded by SDL_image to 8-bit indexed, then expanded to RGBA */
    bool colour_key;     /* PNG tRNS or GIF transparency: a colour key, expanded to RGBA */
    bool interlaced;     /* PNG Adam7 or progressive JPEG */
    bool lossless;       /* WebP VP8L (or VP8X, which may be): a second 32-bit buffer */
    uint64_t jpeg_coefficient_bytes; /* progressive or multi-scan JPEG: the whole-image
                                      * coefficient buffer libjpeg keeps; 0 for one scan */
};

/* Reads the header of the file at path. On failure returns false and writes "PATH: reason"
 * into err. Refuses anything that is not a regular file. */
bool image_probe(const char *path, struct image_info *info, char *err, size_t errlen);

/* The same for the whole file in memory, as the decoder reads it. Here the probe also checks what
 * would make a decoder misbehave before it is given the data (image_probe reads headers only):
 * every PNG chunk lies inside the file up to IEND, and a GIF's first frame runs through
 * SDL_image's LZW steps without overrunning its stack. A prefix of a file is refused. */
bool image_probe_memory(const void *data, size_t len, struct image_info *info, char *err,
                        size_t errlen);

/* Refuses images over max_pixels (<= 0 means IMAGE_DEFAULT_MAX_PIXELS), with a side over
 * IMAGE_MAX_SIDE or with no pixels, naming the size and the limit in err, e.g.
 * "image is 20000x20000 (400.0 megapixels), over the limit of 40.0 megapixels"; and images
 * whose decoding would take more than IMAGE_DECODE_BUDGET_BYTES at the largest screen size
 * (IMAGE_CHECK_OUTPUT_WIDTH x _HEIGHT; see media/decode_memory.h). What this accepts, the
 * player can decode for any screen up to 4K. */
bool image_check_limits(const struct image_info *info, int64_t max_pixels, char *err,
                        size_t errlen);

/* "PNG", "JPEG", "WebP", "GIF", "BMP" or "unknown"; a static string. */
const char *image_format_name(enum image_format f);

/* Display size of a stored size under an EXIF orientation (sides swap for 5..8). */
void image_orient_size(int orientation, int width, int height, int *display_width,
                       int *display_height);

/* Output size for showing an image of display size (img_w, img_h) in a box_w x box_h box,
 * keeping its aspect: `cover` fills the box (one side may be larger, cropped by the caller),
 * otherwise the image fits inside (contain). Small images are scaled up to the box; sides
 * are >= 1 and the longer side of a cover result is at most IMAGE_MAX_SIDE. */
void image_fit_size(int img_w, int img_h, int box_w, int box_h, bool cover, int *out_w, int *out_h);
