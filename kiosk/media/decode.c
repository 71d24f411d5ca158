/* JPEG through libjpeg-turbo with DCT-domain scaling, everything else through SDL2_image, then
 * image_resample() to the exact size and image_orient() to display orientation. */
#define LOG_MODULE "decode"

#include "media/decode.h"

#include <SDL_image.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "base/file.h"
#include "base/log.h"
#include "media/decode_memory.h"
#include "media/probe.h"
#include "media/resample.h"

static int64_t scaled_side(int side, struct image_scale f)
{
    return ((int64_t)side * f.num + f.denom - 1) / f.denom;
}

struct image_scale jpeg_pick_scale(int src_w, int src_h, int need_w, int need_h,
                                   const struct image_scale *factors, int count)
{
    struct image_scale best = {1, 1};
    int64_t best_pixels = (int64_t)src_w * src_h;
    for (int i = 0; i < count; i++) {
        struct image_scale f = factors[i];
        if (f.num <= 0 || f.denom <= 0 || f.num > f.denom)
            continue; /* upscaling in the DCT costs memory for nothing bilinear can't do */
        int64_t w = scaled_side(src_w, f), h = scaled_side(src_h, f);
        if (w < need_w || h < need_h)
            continue;
        if (w * h < best_pixels) {
            best = f;
            best_pixels = w * h;
        }
    }
    return best;
}

/* Adobe CMYK (as Photoshop and libjpeg-turbo write it) stores inverted ink values, so white is
 * C = M = Y = K = 255 and R = C * K / 255. */
static void cmyk_to_rgba(SDL_Surface *s)
{
    for (int y = 0; y < s->h; y++) {
        uint8_t *p = (uint8_t *)s->pixels + (size_t)y * s->pitch;
        for (int x = 0; x < s->w; x++, p += 4) {
            unsigned k = p[3];
            p[0] = (uint8_t)((p[0] * k + 127) / 255);
            p[1] = (uint8_t)((p[1] * k + 127) / 255);
            p[2] = (uint8_t)((p[2] * k + 127) / 255);
            p[3] = 255;
        }
    }
}

/* True when the JPEG's structure runs through to an EOI marker: segments are walked, entropy
 * coded data is skipped to its next marker (stuffed FF00 and restart markers are data). A file
 * cut short never gets there, whatever libjpeg makes of it (it pads with grey and warns, and
 * only its first warning can be read back). An EXIF thumbnail's EOI sits inside APP1, which is
 * skipped as a whole, so it cannot stand in for the real one. */
static bool jpeg_reaches_eoi(const uint8_t *p, size_t len)
{
    size_t off = 2;
    while (off + 1 < len) {
        if (p[off] != 0xFF)
            return false;
        uint8_t m = p[off + 1];
        if (m == 0xFF) {
            off++;
            continue;
        }
        off += 2;
        if (m == 0xD9)
            return true;
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;
        if (off + 2 > len)
            return false;
        off += (size_t)p[off] << 8 | p[off + 1];
        if (m != 0xDA)
            continue;
        /* Entropy-coded data follows a scan header, up to the next real marker. */
        for (;;) {
            const uint8_t *ff = off < len ? memchr(p + off, 0xFF, len - off) : NULL;
            if (!ff || (size_t)(ff - p) + 1 >= len)
                return false;
            off = (size_t)(ff - p);
            uint8_t next = p[off + 1];
            if (next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) {
                off += next == 0xFF ? 1 : 2;
                continue;
            }
            break;
        }
    }
    return false;
}

/* Decodes at the DCT scale that covers need_w x need_h (stored orientation). */
static SDL_Surface *decode_jpeg(const void *data, size_t len, const struct image_info *info,
                                int need_w, int need_h, char *err, size_t errlen)
{
    SDL_Surface *s = NULL;
    tjhandle tj = tjInitDecompress();
    if (!tj) {
        snprintf(err, errlen, "cannot start the JPEG decoder: %s", tjGetErrorStr2(NULL));
        return NULL;
    }
    int w, h, subsamp, colorspace;
    if (tjDecompressHeader3(tj, data, (unsigned long)len, &w, &h, &subsamp, &colorspace) != 0) {
        snprintf(err, errlen, "corrupt JPEG: %s", tjGetErrorStr2(tj));
        goto out;
    }
    if (!jpeg_reaches_eoi(data, len)) {
        snprintf(err, errlen, "truncated JPEG: the data ends before the end-of-image marker");
        goto out;
    }
    if (w != info->width || h != info->height) {
        snprintf(err, errlen, "corrupt JPEG: the header says %dx%d but the decoder reads %dx%d",
                 info->width, info->height, w, h);
        goto out;
    }
    int n = 0;
    tjscalingfactor *tjf = tjGetScalingFactors(&n);
    struct image_scale factors[32];
    if (!tjf || n > 32)
        n = 0;
    for (int i = 0; i < n; i++)
        factors[i] = (struct image_scale){tjf[i].num, tjf[i].denom};
    struct image_scale f = jpeg_pick_scale(w, h, need_w, need_h, factors, n);
    int sw = (int)scaled_side(w, f), sh = (int)scaled_side(h, f);

    s = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) {
        snprintf(err, errlen, "cannot allocate %dx%d pixels: %s", sw, sh, SDL_GetError());
        goto out;
    }
    /* libjpeg cannot convert CMYK to RGB itself: take CMYK and convert below. */
    bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
    int flags = TJFLAG_LIMITSCANS; /* a hostile progressive file cannot spin on scans */
    if (tjDecompress2(tj, data, (unsigned long)len, s->pixels, sw, s->pitch, sh,
                      cmyk ? TJPF_CMYK : TJPF_RGBA, flags) != 0) {
        const char *msg = tjGetErrorStr2(tj);
        if (tjGetErrorCode(tj) != TJERR_WARNING) {
            snprintf(err, errlen, "corrupt JPEG: %s", msg);
            goto fail;
        }
        /* Stray bytes between segments are common in camera files and harmless; any other
         * warning means damaged image data that libjpeg filled in as best it could. */
        if (!strstr(msg, "extraneous bytes")) {
            snprintf(err, errlen, "corrupt JPEG: %s", msg);
            goto fail;
        }
        LOG_WARN("JPEG decoded with a warning: %s", msg);
    }
    if (cmyk)
        cmyk_to_rgba(s);
    LOG_DBG("JPEG %dx%d decoded at %d/%d: %dx%d for %dx%d", w, h, f.num, f.denom, sw, sh, need_w,
            need_h);
    goto out;
fail:
    SDL_FreeSurface(s);
    s = NULL;
out:
    tjDestroy(tj);
    return s;
}

static SDL_Surface *decode_sdl_image(const void *data, size_t len, const struct image_info *info,
                                     char *err, size_t errlen)
{
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    if (!rw) {
        snprintf(err, errlen, "cannot read the image: %s", SDL_GetError());
        return NULL;
    }
    /* The loader is chosen by our probe, never by SDL_image's own detection: IMG_LoadTyped_RW
     * still sniffs magic in table order, so "RIFF<svg...WEBP" went to the SVG parser (found
     * by fuzzing). A file cannot pass the limits as one format and be decoded as another. */
    SDL_Surface *s;
    switch (info->format) {
    case IMAGE_FORMAT_PNG:
        s = IMG_LoadPNG_RW(rw);
        break;
    case IMAGE_FORMAT_WEBP:
        s = IMG_LoadWEBP_RW(rw);
        break;
    case IMAGE_FORMAT_GIF:
        s = IMG_LoadGIF_RW(rw);
        break;
    default:
        s = IMG_LoadBMP_RW(rw);
        break;
    }
    SDL_RWclose(rw);
    if (!s) {
        snprintf(err, errlen, "corrupt %s: %s", image_format_name(info->format), IMG_GetError());
        return NULL;
    }
    /* A GIF decodes to its first frame, which the probe checked lies inside the canvas. */
    bool ok = info->format == IMAGE_FORMAT_GIF ? s->w <= info->width && s->h <= info->height
                                               : s->w == info->width && s->h == info->height;
    if (!ok) {
        snprintf(err, errlen, "corrupt %s: the header says %dx%d but the image decodes to %dx%d",
                 image_format_name(info->format), info->width, info->height, s->w, s->h);
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

/* A view of the part of src that becomes region of a want_w x want_h scaling of it, without
 * copying pixels: the resampler reads it like any surface. Borders are widened to whole source
 * pixels (less than one output pixel at the reductions used). */
static SDL_Surface *source_view(SDL_Surface *src, int want_w, int want_h,
                                const struct image_region *r)
{
    double kx = (double)src->w / want_w, ky = (double)src->h / want_h;
    int x0 = (int)floor(r->x * kx), y0 = (int)floor(r->y * ky);
    int x1 = (int)ceil((r->x + r->w) * kx), y1 = (int)ceil((r->y + r->h) * ky);
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > src->w ? src->w : x1;
    y1 = y1 > src->h ? src->h : y1;
    if (x1 <= x0 || y1 <= y0)
        return NULL;
    Uint8 *p = (Uint8 *)src->pixels + (size_t)y0 * (size_t)src->pitch +
               (size_t)x0 * src->format->BytesPerPixel;
    return SDL_CreateRGBSurfaceWithFormatFrom(p, x1 - x0, y1 - y0, src->format->BitsPerPixel,
                                              src->pitch, src->format->format);
}

static bool region_valid(const struct image_region *r, int out_w, int out_h)
{
    return r->x >= 0 && r->y >= 0 && r->w > 0 && r->h > 0 && r->x + r->w <= out_w &&
           r->y + r->h <= out_h;
}

SDL_Surface *image_decode_region_memory(const void *data, size_t len, int out_w, int out_h,
                                        const struct image_region *region, int64_t max_pixels,
                                        char *err, size_t errlen)
{
    SDL_Surface *decoded = NULL, *oriented = NULL, *view = NULL, *scaled = NULL, *result = NULL;
    struct image_info info;
    if (out_w <= 0 || out_h <= 0 || out_w > IMAGE_MAX_OUTPUT_SIDE ||
        out_h > IMAGE_MAX_OUTPUT_SIDE) {
        snprintf(err, errlen, "requested size %dx%d is outside 1..%d", out_w, out_h,
                 IMAGE_MAX_OUTPUT_SIDE);
        return NULL;
    }
    bool cropped = region && region->w > 0;
    if (cropped && !region_valid(region, out_w, out_h)) {
        snprintf(err, errlen, "region %dx%d+%d+%d is outside the %dx%d image", region->w, region->h,
                 region->x, region->y, out_w, out_h);
        return NULL;
    }
    /* The limits at screen size, then the decoder's peak memory at the size asked for (larger
     * than a screen when rendering for print). */
    if (!image_probe_memory(data, len, &info, err, errlen) ||
        !image_check_limits(&info, max_pixels, err, errlen) ||
        !image_check_decode_memory(&info, out_w, out_h, err, errlen))
        return NULL;

    bool swap = info.orientation >= 5;
    int need_w = swap ? out_h : out_w, need_h = swap ? out_w : out_h;
    if (info.format == IMAGE_FORMAT_JPEG)
        decoded = decode_jpeg(data, len, &info, need_w, need_h, err, errlen);
    else
        decoded = decode_sdl_image(data, len, &info, err, errlen);
    if (!decoded)
        goto out;

    if (!cropped) {
        /* Scale in stored orientation, then turn: the turn is a plain copy at output size. */
        scaled = image_resample(decoded, need_w, need_h, err, errlen);
        SDL_FreeSurface(decoded); /* the big one goes first */
        decoded = NULL;
        if (!scaled)
            goto out;
        if (info.orientation == 1) {
            result = scaled;
            scaled = NULL;
        } else {
            result = image_orient(scaled, info.orientation, err, errlen);
        }
        goto out;
    }

    /* A region is given in display orientation: turn first (rare: most pictures need no
     * turning), then filter only the region's part of the picture. */
    SDL_Surface *upright = decoded;
    if (info.orientation != 1) {
        oriented = image_orient(decoded, info.orientation, err, errlen);
        SDL_FreeSurface(decoded);
        decoded = NULL;
        if (!oriented)
            goto out;
        upright = oriented;
    }
    view = source_view(upright, out_w, out_h, region);
    if (!view) {
        snprintf(err, errlen, "cannot take a %dx%d region: %s", region->w, region->h,
                 SDL_GetError());
        goto out;
    }
    result = image_resample(view, region->w, region->h, err, errlen);
out:
    SDL_FreeSurface(view);
    SDL_FreeSurface(scaled);
    SDL_FreeSurface(oriented);
    SDL_FreeSurface(decoded);
    return result;
}

SDL_Surface *image_decode_scaled_memory(const void *data, size_t len, int out_w, int out_h,
                                        int64_t max_pixels, char *err, size_t errlen)
{
    return image_decode_region_memory(data, len, out_w, out_h, NULL, max_pixels, err, errlen);
}

SDL_Surface *image_decode_scaled(const char *path, int out_w, int out_h, int64_t max_pixels,
                                 char *err, size_t errlen)
{
    return image_decode_region(path, out_w, out_h, NULL, max_pixels, err, errlen);
}

/* A whole file in memory, read by read_file_prefaulted. */
struct file_bytes {
    void *data;
    size_t len;
    size_t map_len; /* of the mapping that holds it */
};

/* Reads all of path (at most max_size bytes) into a private mapping whose pages are all present
 * before read() fills them (MAP_POPULATE). Into ordinary fresh memory a 4 MB photo costs a page
 * fault per 4 KiB, which on a virtual machine takes longer than reading it; here it costs one
 * call. The first picture waits for this. Messages as file_read_all's. */
static bool read_file_prefaulted(const char *path, size_t max_size, struct file_bytes *out,
                                 char *err, size_t errlen)
{
    *out = (struct file_bytes){0};
    size_t size;
    int fd = file_open_limited(path, max_size, &size, err, errlen);
    if (fd < 0)
        return false;
    /* One byte more than the file: reading it tells that the file grew meanwhile. */
    size_t cap = size + 1;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE;
    void *buf = mmap(NULL, cap, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (buf == MAP_FAILED) {
        snprintf(err, errlen, "%s: cannot allocate %zu bytes: %s", path, cap, strerror(errno));
        close(fd);
        return false;
    }
    size_t len = 0;
    while (len < cap) {
        ssize_t n = read(fd, (char *)buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
            munmap(buf, cap);
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (len == cap) {
        /* Written to while we read: what we have is not a file anyone saved. */
        snprintf(err, errlen, "%s: the file changed while it was read", path);
        munmap(buf, cap);
        return false;
    }
    *out = (struct file_bytes){.data = buf, .len = len, .map_len = cap};
    return true;
}

SDL_Surface *image_decode_region(const char *path, int out_w, int out_h,
                                 const struct image_region *region, int64_t max_pixels, char *err,
                                 size_t errlen)
{
    char why[256];
    struct image_info info;
    /* Probe first, from the header alone: a bomb or an oversized file is refused without
     * reading it. */
    if (!image_probe(path, &info, err, errlen))
        return NULL;
    if (!image_check_limits(&info, max_pixels, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
        return NULL;
    }
    struct file_bytes file;
    if (!read_file_prefaulted(path, IMAGE_MAX_FILE_BYTES, &file, err, errlen))
        return NULL;
    SDL_Surface *s = image_decode_region_memory(file.data, file.len, out_w, out_h, region,
                                                max_pixels, why, sizeof why);
    if (!s)
        snprintf(err, errlen, "%s: %s", path, why);
    munmap(file.data, file.map_len);
    return s;
}
