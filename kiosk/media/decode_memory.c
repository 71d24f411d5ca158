/* The decoder's peak memory, estimated from a picture's headers: see decode_memory.h. */
#include "media/decode_memory.h"

#include <stdio.h>

/* The smallest n/8 DCT scale (n = 1..8, as libjpeg-turbo offers) at which the image covers
 * need_w x need_h; the decoder picks the same (jpeg_pick_scale in decode.c). */
static int jpeg_scale_eighths(int w, int h, int need_w, int need_h)
{
    for (int n = 1; n < 8; n++)
        if (((int64_t)w * n + 7) / 8 >= need_w && ((int64_t)h * n + 7) / 8 >= need_h)
            return n;
    return 8;
}

int64_t image_decode_peak(const struct image_info *info, int out_w, int out_h)
{
    int64_t w = info->width, h = info->height, px = w * h;
    bool swap = info->orientation >= 5 && info->orientation <= 8;
    int64_t need_w = swap ? out_h : out_w, need_h = swap ? out_w : out_h;
    int64_t decoded = 0; /* the decoder's output surface */
    int64_t work = 0;    /* the decoder's own buffers while it runs */
    int64_t expand = 0;  /* an indexed or colour-keyed surface expanded to RGBA in one piece */
    switch (info->format) {
    case IMAGE_FORMAT_PNG: {
        /* 8-bit samples after SDL_image's strip_16: indexed 1 byte, RGB 3, RGBA 4. */
        int bpp = info->indexed ? 1 : info->components == 3 ? 3 : 4;
        decoded = px * bpp;
        expand = info->indexed || info->colour_key ? px * 4 : 0;
        work = w * 8 * 4 + ((int64_t)1 << 20); /* libpng's rows at 16 bits, zlib's window */
        break;
    }
    case IMAGE_FORMAT_JPEG: {
        int n = jpeg_scale_eighths((int)w, (int)h, (int)need_w, (int)need_h);
        decoded = ((w * n + 7) / 8) * ((h * n + 7) / 8) * 4;
        /* Row groups of every component and libjpeg's pools, plus a progressive or multi-scan
         * file's coefficients for the whole image, at full size whatever the scale. */
        work = (int64_t)info->jpeg_coefficient_bytes + w * 4 * 16 * 4 + ((int64_t)1 << 20);
        break;
    }
    case IMAGE_FORMAT_WEBP:
        /* SDL_image copies the whole stream first; libwebp decodes a lossless image through an
         * ARGB buffer of its own, a lossy one with alpha through an alpha plane. */
        decoded = px * 4;
        work = (int64_t)info->file_bytes + (info->lossless ? px * 4 : px) + ((int64_t)1 << 20);
        break;
    case IMAGE_FORMAT_GIF:
    case IMAGE_FORMAT_BMP:
    case IMAGE_FORMAT_UNKNOWN:
        decoded = info->indexed ? px : px * 4;
        expand = info->indexed ? px * 4 : 0;
        work = (int64_t)1 << 20;
        break;
    }
    /* The scaled result, and a turned copy of it (or, for a cropped region, of the decoded
     * picture) when EXIF says to turn it. */
    int64_t out = need_w * need_h * 4;
    if (info->orientation != 1) {
        int64_t turned = info->format == IMAGE_FORMAT_JPEG ? decoded : px * 4;
        out += turned > out ? turned : out;
    }
    /* The scaler's tables, a converted source row and its accumulators. */
    int64_t scaler = w * 16 + need_w * 64 + ((int64_t)1 << 20);
    return (int64_t)info->file_bytes + decoded + work + expand + out + scaler;
}

static void describe(const struct image_info *info, char *buf, size_t cap)
{
    const char *format = image_format_name(info->format);
    switch (info->format) {
    case IMAGE_FORMAT_PNG: {
        const char *kind = info->indexed && info->components == 3 ? "palette"
                           : info->components == 1                ? "grey"
                           : info->components == 2                ? "grey+alpha"
                           : info->components == 3                ? "RGB"
                                                                  : "RGBA";
        snprintf(buf, cap, "%d-bit %s%s%s PNG", info->bit_depth, kind,
                 info->colour_key ? " with a transparent colour" : "",
                 info->interlaced ? " interlaced" : "");
        break;
    }
    case IMAGE_FORMAT_JPEG:
        snprintf(buf, cap, "%d-bit %d-component %sJPEG", info->bit_depth, info->components,
                 info->interlaced               ? "progressive "
                 : info->jpeg_coefficient_bytes ? "multi-scan "
                                                : "");
        break;
    case IMAGE_FORMAT_WEBP:
        snprintf(buf, cap, "%s WebP", info->lossless ? "lossless" : "lossy");
        break;
    case IMAGE_FORMAT_BMP:
        snprintf(buf, cap, "%d-bit BMP", info->bit_depth);
        break;
    default:
        snprintf(buf, cap, "%s", format);
        break;
    }
}

static void format_bytes(uint64_t n, char *buf, size_t cap)
{
    if (n < 10000)
        snprintf(buf, cap, "%llu bytes", (unsigned long long)n);
    else if (n < (uint64_t)10 << 20)
        snprintf(buf, cap, "%llu KB", (unsigned long long)(n + 500) / 1000);
    else
        snprintf(buf, cap, "%llu MiB", (unsigned long long)(n + (1 << 19)) >> 20);
}

bool image_check_decode_memory(const struct image_info *info, int out_w, int out_h, char *err,
                               size_t errlen)
{
    int64_t peak = image_decode_peak(info, out_w, out_h);
    if (peak <= IMAGE_DECODE_BUDGET_BYTES)
        return true;
    char kind[96], file[32], need[32], budget[32];
    describe(info, kind, sizeof kind);
    format_bytes(info->file_bytes, file, sizeof file);
    format_bytes((uint64_t)peak, need, sizeof need);
    format_bytes((uint64_t)IMAGE_DECODE_BUDGET_BYTES, budget, sizeof budget);
    if (err && errlen)
        snprintf(err, errlen,
                 "image is %dx%d, %s (%s file): decoding it takes about %s of memory, over the "
                 "budget of %s for one picture",
                 info->width, info->height, kind, file, need, budget);
    return false;
}
