/* Header parsers for PNG, JPEG (with EXIF orientation through libexif), WebP, GIF and BMP.
 *
 * Every read goes through probe_src_read(), which checks bounds, so a truncated or lying header
 * ends in a message, never in a read past the data. Files are read with seeks (a JPEG's SOF
 * may sit behind large APP segments), so a probe costs a few small reads whatever the file size.
 */
#define LOG_MODULE "probe"

#include "media/probe.h"

#include <ctype.h>
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
#include "media/decode_memory.h"

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

/* A PNG's chunks are walked to IEND; IDAT chunks are usually 8 to 64 KB, so a 256 MB file has
 * far fewer than this. */
#define PNG_MAX_CHUNKS 200000

static bool probe_png(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint8_t h[29];
    if (!probe_src_read(s, 0, h, sizeof h))
        return fail(err, len, "truncated PNG: the file ends inside its header");
    if (be32(h + 8) != 13 || memcmp(h + 12, "IHDR", 4) != 0)
        return fail(err, len, "corrupt PNG: the first chunk is not a valid IHDR");
    uint32_t w = be32(h + 16), ht = be32(h + 20);
    if (!size_valid(w, ht))
        return fail(err, len, "corrupt PNG: IHDR declares an invalid size %ux%u", w, ht);
    info->width = (int)w;
    info->height = (int)ht;
    /* SDL_image strips 16-bit samples to 8 and decodes grey and palette pictures to an 8-bit
     * indexed surface, grey + alpha to RGBA. */
    static const int components[7] = {1, 0, 3, 3, 2, 0, 4}; /* a palette's entries are RGB */
    uint8_t type = h[25];
    info->bit_depth = h[24];
    info->components = type < 7 ? components[type] : 0;
    info->indexed = type == 0 || type == 3;
    info->interlaced = h[28] != 0;
    /* A tRNS chunk before the image data makes a colour key (or palette alpha): SDL then expands
     * the picture to RGBA in one piece.
     *
     * With the whole file in memory (the decode path), every chunk must also lie inside it, up
     * to IEND. SDL_image's reader ignores a short read, so libpng past the end of the data goes
     * on with stale bytes as chunk headers: a 263-byte file declaring a 16 KB chunk kept the
     * decoder busy for minutes (found by fuzzing). From a file (a playlist loading) only the
     * first chunks are read, as headers are. */
    bool whole = s->mem != NULL;
    uint64_t off = 8;
    bool data = false;
    for (int i = 0;; i++) {
        uint8_t c[8];
        if (i == (whole ? PNG_MAX_CHUNKS : 64)) {
            if (!whole)
                break;
            return fail(err, len, "corrupt PNG: more than %d chunks", PNG_MAX_CHUNKS);
        }
        if (!probe_src_read(s, off, c, sizeof c)) {
            if (!whole)
                break;
            return fail(err, len, "truncated PNG: the file ends at byte %llu, before IEND",
                        (unsigned long long)off);
        }
        uint32_t n = be32(c);
        if (n > 0x7fffffffu || 12 + (uint64_t)n > s->size - off) {
            if (!whole)
                break;
            char name[5];
            for (int k = 0; k < 4; k++)
                name[k] = isalpha(c[4 + k]) ? (char)c[4 + k] : '?';
            name[4] = '\0';
            return fail(err, len,
                        "truncated PNG: chunk \"%s\" at byte %llu declares %u bytes, past the "
                        "end of the file",
                        name, (unsigned long long)off, n);
        }
        if (!memcmp(c + 4, "IEND", 4))
            break;
        if (!memcmp(c + 4, "IDAT", 4)) {
            data = true;
            if (!whole)
                break;
        }
        if (!data && !memcmp(c + 4, "tRNS", 4))
            info->colour_key = true;
        off += 12 + (uint64_t)n;
    }
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

/* Bytes of libjpeg's whole-image coefficient buffer (progressive or multi-scan files): per
 * component, its blocks rounded up to whole MCUs, 64 coefficients of 2 bytes each. f is the
 * frame header after its length: precision, height, width, count, then 3 bytes per component. */
static uint64_t jpeg_coefficient_bytes(const uint8_t *f, int count, uint32_t w, uint32_t h)
{
    int hmax = 1, vmax = 1;
    for (int i = 0; i < count; i++) {
        int hs = f[6 + 3 * i + 1] >> 4, vs = f[6 + 3 * i + 1] & 15;
        hmax = hs > hmax ? hs : hmax;
        vmax = vs > vmax ? vs : vmax;
    }
    uint64_t bytes = 0;
    for (int i = 0; i < count; i++) {
        uint64_t hs = f[6 + 3 * i + 1] >> 4, vs = f[6 + 3 * i + 1] & 15;
        hs = hs ? hs : 1;
        vs = vs ? vs : 1;
        uint64_t bw = ((uint64_t)w * hs + 8 * hmax - 1) / (8 * (uint64_t)hmax) + hs;
        uint64_t bh = ((uint64_t)h * vs + 8 * vmax - 1) / (8 * (uint64_t)vmax) + vs;
        bytes += bw * bh * 64 * 2;
    }
    return bytes;
}

static bool probe_jpeg(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    uint64_t off = 2;
    bool have_exif = false, have_sof = false;
    uint8_t f[6 + 3 * 4] = {0}; /* the frame header, for the first scan */
    /* Each turn consumes at least one byte, and files are bounded, but a hostile file of fill
     * bytes should not cost more than a bounded number of reads. */
    for (int turns = 0; turns < 100000; turns++) {
        uint8_t m[2];
        if (!probe_src_read(s, off, m, 2)) {
            if (have_sof)
                break;
            return fail(err, len, "truncated JPEG: the file ends before the frame header (SOF)");
        }
        if (m[0] != 0xFF) {
            if (have_sof)
                break;
            return fail(err, len, "corrupt JPEG: no marker at byte %llu", (unsigned long long)off);
        }
        if (m[1] == 0xFF) { /* fill byte */
            off++;
            continue;
        }
        off += 2;
        uint8_t marker = m[1];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue; /* standalone markers carry no length */
        if (have_sof && marker == 0xDA) {
            /* The first scan: one holding every component decodes row by row; fewer make
             * libjpeg buffer the whole image's coefficients until the last scan. */
            uint8_t ns;
            if (probe_src_read(s, off + 2, &ns, 1) && ns >= info->components) {
                info->jpeg_coefficient_bytes = 0;
                return true;
            }
            break;
        }
        if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x00) {
            if (have_sof)
                break;
            return fail(err, len, "corrupt JPEG: marker 0x%02X before the frame header (SOF)",
                        marker);
        }
        uint8_t l[2];
        if (!probe_src_read(s, off, l, 2)) {
            if (have_sof)
                break;
            return fail(err, len, "truncated JPEG: the file ends inside a segment header");
        }
        uint32_t seglen = be16(l);
        if (seglen < 2) {
            if (have_sof)
                break;
            return fail(err, len, "corrupt JPEG: segment 0x%02X has length %u", marker, seglen);
        }
        if (jpeg_is_sof(marker) && !have_sof) {
            if (seglen < 8 || !probe_src_read(s, off + 2, f, 6))
                return fail(err, len, "truncated JPEG: the frame header (SOF) is cut short");
            uint32_t h = be16(f + 1), w = be16(f + 3);
            if (h == 0)
                return fail(err, len, "unsupported JPEG: height defined later by a DNL marker");
            if (w == 0)
                return fail(err, len, "corrupt JPEG: the frame header declares width 0");
            info->width = (int)w;
            info->height = (int)h;
            info->bit_depth = f[0];
            int count = f[5] < 1 ? 1 : f[5] > 4 ? 4 : f[5];
            info->components = count;
            if (seglen < 8 + 3 * (uint32_t)count ||
                !probe_src_read(s, off + 2 + 6, f + 6, 3 * (size_t)count))
                memset(f + 6, 0x11, 3 * (size_t)count); /* decoding will refuse it anyway */
            info->jpeg_coefficient_bytes = jpeg_coefficient_bytes(f, count, w, h);
            /* SOF2, SOF6, SOF10 and SOF14 are progressive: coefficients for the whole image. */
            info->interlaced = (marker & 3) == 2;
            if (info->interlaced)
                return true;
            have_sof = true;
        }
        if (marker == 0xE1 && !have_exif && !have_sof && seglen > 2 + 6) {
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
    if (!have_sof)
        return fail(err, len, "corrupt JPEG: too many markers before the frame header");
    /* No first scan found: count the coefficient buffer, the worst case. */
    return true;
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
    info->bit_depth = 8;
    info->components = 4;
    /* libwebp decodes lossless images through an ARGB buffer of its own; VP8X may hold one. */
    info->lossless = memcmp(h + 12, "VP8 ", 4) != 0;
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

/* SDL_image's GIF decoder (IMG_gif.c, 2.6 and still in 2.8) expands each LZW code by pushing its
 * chain of prefixes onto a stack of 8192 entries without a bound: a code table with a cycle longer
 * than one entry (a code that points past the table, followed by ones that point back) pushes
 * until it has written over the heap around it. Found by fuzzing; such a file corrupts the
 * player's memory. The decoder cannot be fixed from here, so the probe runs the same LZW state
 * machine over the first frame's data, as SDL_image reads it (its bit buffer, code sizes, clear
 * and end codes, rows and interlace passes), keeping only the prefix table and the stack depth,
 * and refuses the file when the stack would overflow. */
#define GIF_LZW_BITS 12
#define GIF_LZW_STACK (2 << GIF_LZW_BITS)
/* Frames larger than this are not simulated but refused: limits refuse them anyway. */
#define GIF_SIMULATE_MAX_PIXELS ((int64_t)100 * 1000 * 1000)

struct gif_lzw {
    const struct probe_src *s;
    uint64_t off; /* next data sub-block */
    uint8_t buf[280];
    int curbit, lastbit, last_byte;
    bool done;
    int code_size, set_code_size, max_code, max_code_size, clear_code, end_code;
    int firstcode, oldcode;
    bool fresh;
    int table[1 << GIF_LZW_BITS]; /* prefix of each code */
    int depth;                    /* entries on SDL_image's stack */
    bool overflow;
};

static int gif_lzw_block(struct gif_lzw *z, uint8_t *out)
{
    uint8_t n;
    if (!probe_src_read(z->s, z->off, &n, 1))
        return -1;
    z->off++;
    if (n && !probe_src_read(z->s, z->off, out, n))
        return -1;
    z->off += n;
    return n;
}

static int gif_lzw_code(struct gif_lzw *z)
{
    if (z->curbit + z->code_size >= z->lastbit) {
        if (z->done)
            return -1;
        /* As SDL does: the last two bytes carried over (zero before the first block). */
        uint8_t b0 = z->last_byte >= 2 ? z->buf[z->last_byte - 2] : 0;
        uint8_t b1 = z->last_byte >= 2 ? z->buf[z->last_byte - 1] : 0;
        z->buf[0] = b0;
        z->buf[1] = b1;
        int n = gif_lzw_block(z, z->buf + 2);
        if (n <= 0) {
            n = 0;
            z->done = true;
        }
        z->last_byte = 2 + n;
        z->curbit = z->curbit - z->lastbit + 16;
        z->lastbit = (2 + n) * 8;
    }
    int ret = 0;
    for (int i = z->curbit, j = 0; j < z->code_size; i++, j++)
        ret |= ((z->buf[i / 8] >> (i % 8)) & 1) << j;
    z->curbit += z->code_size;
    return ret;
}

static bool gif_lzw_push(struct gif_lzw *z)
{
    if (z->depth >= GIF_LZW_STACK) {
        z->overflow = true;
        return false;
    }
    z->depth++;
    return true;
}

static void gif_lzw_reset_table(struct gif_lzw *z)
{
    memset(z->table, 0, sizeof z->table);
}

/* One call of SDL_image's LWZReadByte(FALSE): >= 0 a pixel, < 0 the end (or an overflow). */
static int gif_lzw_next(struct gif_lzw *z)
{
    if (z->fresh) {
        z->fresh = false;
        do
            z->firstcode = z->oldcode = gif_lzw_code(z);
        while (z->firstcode == z->clear_code);
        return z->firstcode;
    }
    if (z->depth > 0) {
        z->depth--;
        return 0;
    }
    int code;
    while ((code = gif_lzw_code(z)) >= 0) {
        if (code == z->clear_code) {
            gif_lzw_reset_table(z);
            z->code_size = z->set_code_size + 1;
            z->max_code_size = 2 * z->clear_code;
            z->max_code = z->clear_code + 2;
            z->depth = 0;
            z->firstcode = z->oldcode = gif_lzw_code(z);
            return z->firstcode;
        }
        if (code == z->end_code)
            return -2;
        int incode = code;
        if (code >= z->max_code) {
            if (!gif_lzw_push(z))
                return -3;
            code = z->oldcode;
        }
        while (code >= z->clear_code) {
            if (code < 0 || code >= (1 << GIF_LZW_BITS))
                return -3;
            if (!gif_lzw_push(z))
                return -3;
            if (code == z->table[code])
                return -3;
            code = z->table[code];
        }
        if (code < 0 || code >= (1 << GIF_LZW_BITS))
            return -4;
        if (!gif_lzw_push(z))
            return -3;
        if ((code = z->max_code) < (1 << GIF_LZW_BITS)) {
            z->table[code] = z->oldcode;
            ++z->max_code;
            if (z->max_code >= z->max_code_size && z->max_code_size < (1 << GIF_LZW_BITS)) {
                z->max_code_size *= 2;
                ++z->code_size;
            }
        }
        z->oldcode = incode;
        if (z->depth > 0) {
            z->depth--;
            return 0;
        }
    }
    return code;
}

/* Runs the first frame's LZW data (at off, after its code size byte) through SDL_image's state
 * machine for a frame of len x height; false when its stack would overflow. */
static bool gif_lzw_safe(const struct probe_src *s, uint64_t off, int code_size, int len,
                         int height, bool interlace)
{
    struct gif_lzw *z = xcalloc(1, sizeof(*z));
    z->s = s;
    z->off = off;
    z->set_code_size = code_size;
    z->code_size = code_size + 1;
    z->clear_code = 1 << code_size;
    z->end_code = z->clear_code + 1;
    z->max_code_size = 2 * z->clear_code;
    z->max_code = z->clear_code + 2;
    z->fresh = true;
    int xpos = 0, ypos = 0, pass = 0;
    while (gif_lzw_next(z) >= 0) {
        if (++xpos < len)
            continue;
        xpos = 0;
        if (!interlace) {
            ypos++;
        } else {
            static const int step[4] = {8, 8, 4, 2}, start[4] = {0, 4, 2, 1};
            ypos += pass < 4 ? step[pass] : 1;
            if (ypos >= height) {
                if (++pass > 3)
                    break;
                ypos = start[pass];
            }
        }
        if (ypos >= height)
            break;
    }
    bool ok = !z->overflow;
    free(z);
    return ok;
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
        /* SDL_image skips a frame without pixels and reads on, byte by byte, for another image
         * descriptor: inside this frame's data. */
        int fw = (int)le16(b + 5), fh = (int)le16(b + 7);
        if (fw == 0 || fh == 0)
            return fail(err, len, "corrupt GIF: a frame of %dx%d pixels", fw, fh);
        /* The frame SDL_image decodes, when the whole file is in memory (the decode path). */
        if (!have_frame && s->mem) {
            if ((int64_t)fw * fh > GIF_SIMULATE_MAX_PIXELS)
                return fail(err, len, "unsupported GIF: a frame of %dx%d pixels", fw, fh);
            if (!gif_lzw_safe(s, off, code_size, fw, fh, b[9] & 0x40))
                return fail(err, len,
                            "corrupt GIF: its compressed data would overrun the decoder's "
                            "buffer (a loop in the LZW code table)");
        }
        if (!gif_skip_blocks(s, &off))
            return fail(err, len, "truncated GIF: the file ends inside an image");
        have_frame = true;
    }
    info->width = (int)w;
    info->height = (int)ht;
    info->bit_depth = 8;
    info->components = 1;
    info->indexed = true;
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
    /* Bits per pixel; up to 8 (or unreadable) SDL decodes to an indexed surface. */
    uint8_t bpp[2];
    info->bit_depth = probe_src_read(s, dib == 12 ? 24 : 28, bpp, 2) ? (int)le16(bpp) : 8;
    info->indexed = info->bit_depth <= 8;
    info->components = info->indexed ? 1 : info->bit_depth <= 24 ? 3 : 4;
    return true;
}

static bool probe_src(const struct probe_src *s, struct image_info *info, char *err, size_t len)
{
    memset(info, 0, sizeof *info);
    info->orientation = 1;
    info->file_bytes = s->size;
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
    return image_check_decode_memory(info, IMAGE_CHECK_OUTPUT_WIDTH, IMAGE_CHECK_OUTPUT_HEIGHT, err,
                                     errlen);
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
