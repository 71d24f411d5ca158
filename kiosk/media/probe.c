/* Header parsers for PNG, JPEG (with EXIF orientation through libexif), WebP, GIF and BMP.
 *
 * Every read goes through probe_src_read(), which checks bounds, so a truncated or lying header
 * ends in a message, never in a read past the data. Files are read with seeks (a JPEG's SOF
 * may sit behind large APP segments), so a probe costs a few small reads whatever the file size.
 */
#define LOG_MODULE "probe"

#include "media/probe.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libexif/exif-data.h>

#include "base/log.h"
#include "base/xmalloc.h"

/* Bytes from memory or from an open file, with the total size known up front. */
struct probe_src {
    const uint8_t *mem; /* NULL when reading fp */
    FILE *fp;
    uint64_t size;
};

static bool probe_src_read(const struct probe_src *s, uint64_t off, void *buf, size_t n)
{
    if (off > s->size || n > s->size - off)
        return false;
    if (s->mem) {
        memcpy(buf, s->mem + off, n);
        return true;
    }
    if (fseeko(s->fp, (off_t)off, SEEK_SET) != 0)
        return false;
    return fread(buf, 1, n, s->fp) == n;
}

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}
static uint32_t le16(const uint8_t *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}
static uint32_t le24(const uint8_t *p)
{
    return (uint32_t)p[2] << 16 | le16(p);
}
static uint32_t be32(const uint8_t *p)
{
    return be16(p) << 16 | be16(p + 2);
}
static uint32_t le32(const uint8_t *p)
{
    return le16(p + 2) << 16 | le16(p);
}

static bool fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static bool size_valid(uint32_t w, uint32_t h)
{
    return w > 0 && h > 0 && w <= INT_MAX && h <= INT_MAX;
}

static bool probe_png(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint8_t h[24];
    if (!probe_src_read(s, 0, h, sizeof h))
        return fail(err, len, "truncated PNG: the file ends inside its header");
    if (be32(h + 8) != 13 || memcmp(h + 12, "IHDR", 4) != 0)
        return fail(err, len, "corrupt PNG: the first chunk is not a valid IHDR");
    uint32_t w = be32(h + 16), ht = be32(h + 20);
    if (!size_valid(w, ht))
        return fail(err, len, "corrupt PNG: IHDR declares an invalid size %ux%u", w, ht);
    info->width = (int)w;
    info->height = (int)ht;
    return true;
}

/* Orientation from an APP1 payload starting with "Exif\0\0"; 1 when absent or invalid. */
static int exif_orientation(const uint8_t *data, size_t len)
{
    ExifData *ed = exif_data_new();
    if (!ed)
        return 1;
    /* FOLLOW_SPECIFICATION would "fix" the data by adding and editing entries: we only read. */
    exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(ed, data, (unsigned int)len);
    int orientation = 1;
    ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->size >= 2 && e->data)
        orientation = exif_get_short(e->data, exif_data_get_byte_order(ed));
    exif_data_unref(ed);
    return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

static bool jpeg_is_sof(uint8_t m)
{
    /* C0..CF are frame headers except DHT (C4), JPG (C8) and DAC (CC). */
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static bool probe_jpeg(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint64_t off = 2;
    bool have_exif = false;
    /* Each turn consumes at least one byte, and files are bounded, but a hostile file of fill
     * bytes should not cost more than a bounded number of reads. */
    for (int turns = 0; turns < 100000; turns++) {
        uint8_t m[2];
        if (!probe_src_read(s, off, m, 2))
            return fail(err, len, "truncated JPEG: the file ends before the frame header (SOF)");
        if (m[0] != 0xFF)
            return fail(err, len, "corrupt JPEG: no marker at byte %llu", (unsigned long long)off);
        if (m[1] == 0xFF) { /* fill byte */
            off++;
            continue;
        }
        off += 2;
        uint8_t marker = m[1];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue; /* standalone markers carry no length */
        if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x00)
            return fail(err, len, "corrupt JPEG: marker 0x%02X before the frame header (SOF)",
                        marker);
        uint8_t l[2];
        if (!probe_src_read(s, off, l, 2))
            return fail(err, len, "truncated JPEG: the file ends inside a segment header");
        uint32_t seglen = be16(l);
        if (seglen < 2)
            return fail(err, len, "corrupt JPEG: segment 0x%02X has length %u", marker, seglen);
        if (jpeg_is_sof(marker)) {
            uint8_t f[6];
            if (seglen < 8 || !probe_src_read(s, off + 2, f, sizeof f))
                return fail(err, len, "truncated JPEG: the frame header (SOF) is cut short");
            uint32_t h = be16(f + 1), w = be16(f + 3);
            if (h == 0)
                return fail(err, len, "unsupported JPEG: height defined later by a DNL marker");
            if (w == 0)
                return fail(err, len, "corrupt JPEG: the frame header declares width 0");
            info->width = (int)w;
            info->height = (int)h;
            return true;
        }
        if (marker == 0xE1 && !have_exif && seglen > 2 + 6) {
            size_t n = seglen - 2;
            uint8_t *app1 = xmalloc(n);
            if (probe_src_read(s, off + 2, app1, n) && memcmp(app1, "Exif\0\0", 6) == 0) {
                info->orientation = exif_orientation(app1, n);
                have_exif = true;
            }
            free(app1);
        }
        off += seglen;
    }
    return fail(err, len, "corrupt JPEG: too many markers before the frame header");
}

static bool probe_webp(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint8_t h[30];
    if (!probe_src_read(s, 0, h, sizeof h))
        return fail(err, len, "truncated WebP: the file ends inside its header");
    const uint8_t *p = h + 20; /* payload of the first chunk */
    uint32_t w, ht;
    if (memcmp(h + 12, "VP8 ", 4) == 0) {
        if (p[3] != 0x9d || p[4] != 0x01 || p[5] != 0x2a)
            return fail(err, len, "corrupt WebP: bad VP8 start code");
        w = le16(p + 6) & 0x3fff;
        ht = le16(p + 8) & 0x3fff;
    } else if (memcmp(h + 12, "VP8L", 4) == 0) {
        if (p[0] != 0x2f)
            return fail(err, len, "corrupt WebP: bad VP8L signature");
        uint32_t bits = le32(p + 1);
        w = (bits & 0x3fff) + 1;
        ht = ((bits >> 14) & 0x3fff) + 1;
    } else if (memcmp(h + 12, "VP8X", 4) == 0) {
        w = le24(p + 4) + 1;
        ht = le24(p + 7) + 1;
    } else {
        return fail(err, len, "unsupported WebP: unknown first chunk");
    }
    if (!size_valid(w, ht))
        return fail(err, len, "corrupt WebP: invalid size %ux%u", w, ht);
    info->width = (int)w;
    info->height = (int)ht;
    return true;
}

/* Skips GIF data sub-blocks starting at *off; false when the data ends first. */
static bool gif_skip_blocks(const struct probe_src *s, uint64_t *off)
{
    for (;;) {
        uint8_t n;
        if (!probe_src_read(s, *off, &n, 1))
            return false;
        *off += 1 + (uint64_t)n;
        if (n == 0)
            return true;
    }
}

/* SDL_image's GIF reader resynchronises on garbage (it skips bytes until one looks like an image
 * descriptor) and decodes whatever frame it lands on, at that frame's size. So a tiny declared
 * canvas proves nothing unless the whole stream is well formed: walk every block, and refuse
 * stray bytes, bad LZW code sizes and any frame outside the canvas. */
static bool probe_gif(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint8_t h[13];
    if (!probe_src_read(s, 0, h, sizeof h))
        return fail(err, len, "truncated GIF: the file ends inside its header");
    uint32_t w = le16(h + 6), ht = le16(h + 8);
    if (!size_valid(w, ht))
        return fail(err, len, "corrupt GIF: invalid size %ux%u", w, ht);
    uint64_t off = 13;
    if (h[10] & 0x80)
        off += 3u << ((h[10] & 7) + 1); /* global colour table */
    bool have_frame = false;
    for (;;) {
        uint8_t b[10];
        if (!probe_src_read(s, off, b, 1)) {
            if (have_frame)
                break; /* no trailer: SDL_image stops at the end of data too */
            return fail(err, len, "truncated GIF: the file ends before the first image");
        }
        if (b[0] == 0x3B) /* trailer */
            break;
        if (b[0] == 0x21) { /* extension: label, then sub-blocks */
            off += 2;
            if (!gif_skip_blocks(s, &off))
                return fail(err, len, "truncated GIF: the file ends inside an extension");
            continue;
        }
        if (b[0] != 0x2C)
            return fail(err, len, "corrupt GIF: unexpected byte 0x%02X at %llu", b[0],
                        (unsigned long long)off);
        if (!probe_src_read(s, off, b, sizeof b))
            return fail(err, len, "truncated GIF: the file ends inside an image descriptor");
        uint32_t right = le16(b + 1) + le16(b + 5), bottom = le16(b + 3) + le16(b + 7);
        if (right > w || bottom > ht)
            return fail(err, len, "corrupt GIF: a frame (%ux%u at %u,%u) exceeds the %ux%u canvas",
                        le16(b + 5), le16(b + 7), le16(b + 1), le16(b + 3), w, ht);
        off += sizeof b;
        if (b[9] & 0x80)
            off += 3u << ((b[9] & 7) + 1); /* local colour table */
        uint8_t code_size;
        if (!probe_src_read(s, off, &code_size, 1))
            return fail(err, len, "truncated GIF: the file ends inside an image");
        if (code_size < 2 || code_size > 8)
            return fail(err, len, "corrupt GIF: LZW code size %u", code_size);
        off++;
        if (!gif_skip_blocks(s, &off))
            return fail(err, len, "truncated GIF: the file ends inside an image");
        have_frame = true;
    }
    info->width = (int)w;
    info->height = (int)ht;
    return true;
}

static bool probe_bmp(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint8_t h[26];
    if (!probe_src_read(s, 0, h, sizeof h))
        return fail(err, len, "truncated BMP: the file ends inside its header");
    uint32_t dib = le32(h + 14);
    int64_t w, ht;
    if (dib == 12) { /* OS/2 BITMAPCOREHEADER: 16-bit sizes */
        w = le16(h + 18);
        ht = le16(h + 20);
    } else if (dib >= 16) {
        w = (int32_t)le32(h + 18);
        ht = (int32_t)le32(h + 22);
        if (ht < 0)
            ht = -ht; /* top-down rows */
    } else {
        return fail(err, len, "corrupt BMP: unknown header size %u", dib);
    }
    if (w <= 0 || ht <= 0 || w > INT_MAX || ht > INT_MAX)
        return fail(err, len, "corrupt BMP: invalid size %lldx%lld", (long long)w, (long long)ht);
    info->width = (int)w;
    info->height = (int)ht;
    return true;
}

static bool probe_src(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    memset(info, 0, sizeof *info);
    info->orientation = 1;
    uint8_t m[12] = {0};
    size_t have = s->size < sizeof m ? (size_t)s->size : sizeof m;
    if (have == 0)
        return fail(err, len, "empty file");
    if (!probe_src_read(s, 0, m, have))
        return fail(err, len, "cannot read the header: %s", strerror(errno));

    bool ok;
    if (have >= 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0) {
        info->format = IMAGE_FORMAT_PNG;
        ok = probe_png(s, info, err, len);
    } else if (have >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF) {
        info->format = IMAGE_FORMAT_JPEG;
        ok = probe_jpeg(s, info, err, len);
    } else if (have >= 12 && memcmp(m, "RIFF", 4) == 0 && memcmp(m + 8, "WEBP", 4) == 0) {
        info->format = IMAGE_FORMAT_WEBP;
        ok = probe_webp(s, info, err, len);
    } else if (have >= 6 && (memcmp(m, "GIF87a", 6) == 0 || memcmp(m, "GIF89a", 6) == 0)) {
        info->format = IMAGE_FORMAT_GIF;
        ok = probe_gif(s, info, err, len);
    } else if (have >= 2 && m[0] == 'B' && m[1] == 'M') {
        info->format = IMAGE_FORMAT_BMP;
        ok = probe_bmp(s, info, err, len);
    } else {
        return fail(err, len, "not a PNG, JPEG, WebP, GIF or BMP image");
    }
    if (!ok)
        return false;
    image_orient_size(info->orientation, info->width, info->height, &info->display_width,
                      &info->display_height);
    return true;
}

bool image_probe_memory(const void *data, size_t len, struct image_info *info, char *err,
                        size_t errlen)
{
    struct probe_src s = {.mem = data, .size = len};
    if (!data)
        s.size = 0;
    return probe_src(&s, info, err, errlen);
}

bool image_probe(const char *path, struct image_info *info, char *err, size_t errlen)
{
    bool ok = false;
    char why[200];
    memset(info, 0, sizeof *info);
    FILE *fp = fopen(path, "rbe");
    if (!fp)
        return fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) != 0) {
        fail(err, errlen, "%s: cannot stat: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        fail(err, errlen, "%s: not a regular file", path);
        goto out;
    }
    struct probe_src s = {.fp = fp, .size = (uint64_t)st.st_size};
    if (!probe_src(&s, info, why, sizeof why)) {
        fail(err, errlen, "%s: %s", path, why);
        goto out;
    }
    ok = true;
out:
    fclose(fp);
    return ok;
}

bool image_check_limits(const struct image_info *info, int64_t max_pixels, char *err, size_t errlen)
{
    if (max_pixels <= 0)
        max_pixels = IMAGE_DEFAULT_MAX_PIXELS;
    int w = info->width, h = info->height;
    if (w <= 0 || h <= 0)
        return fail(err, errlen, "image has no pixels (%dx%d)", w, h);
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
        return fail(err, errlen,
                    "image is %dx%d: a side is over the largest decodable side "
                    "of %d pixels",
                    w, h, IMAGE_MAX_SIDE);
    int64_t pixels = (int64_t)w * h;
    if (pixels > max_pixels)
        return fail(err, errlen,
                    "image is %dx%d (%.1f megapixels), over the limit of "
                    "%.1f megapixels",
                    w, h, (double)pixels / 1e6, (double)max_pixels / 1e6);
    return true;
}

const char *image_format_name(enum image_format f)
{
    switch (f) {
    case IMAGE_FORMAT_PNG:
        return "PNG";
    case IMAGE_FORMAT_JPEG:
        return "JPEG";
    case IMAGE_FORMAT_WEBP:
        return "WebP";
    case IMAGE_FORMAT_GIF:
        return "GIF";
    case IMAGE_FORMAT_BMP:
        return "BMP";
    case IMAGE_FORMAT_UNKNOWN:
        break;
    }
    return "unknown";
}

void image_orient_size(int orientation, int width, int height, int *display_width,
                       int *display_height)
{
    bool swap = orientation >= 5 && orientation <= 8;
    *display_width = swap ? height : width;
    *display_height = swap ? width : height;
}

void image_fit_size(int img_w, int img_h, int box_w, int box_h, bool cover, int *out_w, int *out_h)
{
    if (img_w <= 0 || img_h <= 0 || box_w <= 0 || box_h <= 0) {
        *out_w = box_w > 0 ? box_w : 1;
        *out_h = box_h > 0 ? box_h : 1;
        return;
    }
    double sx = (double)box_w / img_w, sy = (double)box_h / img_h;
    double scale = cover ? fmax(sx, sy) : fmin(sx, sy);
    double w = fmin(fmax(round(img_w * scale), 1), IMAGE_MAX_SIDE);
    double h = fmin(fmax(round(img_h * scale), 1), IMAGE_MAX_SIDE);
    /* The side that matches the box must match exactly, whatever the rounding did. */
    if (scale == sx)
        w = box_w;
    else
        h = box_h;
    *out_w = (int)w;
    *out_h = (int)h;
}
