#define _GNU_SOURCE /* nftw */
#include "media_test.h"

#include <SDL_image.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

static char dir[256];

const char *fixture_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/kiosk-media-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return dir;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

void fixture_cleanup(void)
{
    /* KIOSK_TEST_KEEP=1 keeps the fixtures for a look (or as a fuzzing seed corpus). */
    if (dir[0] && getenv("KIOSK_TEST_KEEP")) {
        fprintf(stderr, "fixtures kept in %s\n", dir);
        return;
    }
    if (dir[0])
        nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    dir[0] = 0;
}

const char *fixture_path(const char *name)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", fixture_dir(), name);
    return b;
}

void fixture_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void put(SDL_Surface *s, int x, int y, uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    uint8_t *p = (uint8_t *)s->pixels + (size_t)y * s->pitch + (size_t)x * 4;
    p[0] = r, p[1] = g, p[2] = b, p[3] = a;
}

SDL_Surface *fixture_quadrants(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            bool right = x >= w / 2, bottom = y >= h / 2;
            if (!right && !bottom)
                put(s, x, y, 255, 0, 0, 255);
            else if (right && !bottom)
                put(s, x, y, 0, 255, 0, 255);
            else if (!right)
                put(s, x, y, 0, 0, 255, 255);
            else
                put(s, x, y, 255, 255, 255, 255);
        }
    return s;
}

SDL_Surface *fixture_stored_for(SDL_Surface *display, int o)
{
    int W = display->w, H = display->h;
    bool rows_are_columns = o >= 5; /* stored rows run along display columns */
    int sw = rows_are_columns ? H : W, sh = rows_are_columns ? W : H;
    /* EXIF 2.3, tag 274: where the 0th row and 0th column of the stored image are shown. */
    static const struct {
        const char *row0, *col0;
    } table[9] = {
        {0, 0},
        {"top", "left"},
        {"top", "right"},
        {"bottom", "right"},
        {"bottom", "left"},
        {"left", "top"},
        {"right", "top"},
        {"right", "bottom"},
        {"left", "bottom"},
    };
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_RGBA32);
    for (int sy = 0; sy < sh; sy++)
        for (int sx = 0; sx < sw; sx++) {
            int dx, dy;
            if (!rows_are_columns) {
                dy = strcmp(table[o].row0, "top") == 0 ? sy : H - 1 - sy;
                dx = strcmp(table[o].col0, "left") == 0 ? sx : W - 1 - sx;
            } else {
                dx = strcmp(table[o].row0, "left") == 0 ? sy : W - 1 - sy;
                dy = strcmp(table[o].col0, "top") == 0 ? sx : H - 1 - sx;
            }
            const uint8_t *p =
                (const uint8_t *)display->pixels + (size_t)dy * display->pitch + (size_t)dx * 4;
            put(s, sx, sy, p[0], p[1], p[2], p[3]);
        }
    return s;
}

static uint8_t *jpeg_compress(const uint8_t *px, int w, int pitch, int h, int pf, int samp,
                              int flags, size_t *len)
{
    tjhandle tj = tjInitCompress();
    unsigned char *out = NULL;
    unsigned long n = 0;
    if (tjCompress2(tj, px, w, pitch, h, pf, &out, &n, samp, 95, flags) != 0) {
        fprintf(stderr, "tjCompress2: %s\n", tjGetErrorStr2(tj));
        exit(2);
    }
    tjDestroy(tj);
    uint8_t *copy = malloc(n);
    memcpy(copy, out, n);
    tjFree(out);
    *len = n;
    return copy;
}

uint8_t *fixture_jpeg(SDL_Surface *s, int tjflags, size_t *len)
{
    return jpeg_compress(s->pixels, s->w, s->pitch, s->h, TJPF_RGBA, TJSAMP_444, tjflags, len);
}

uint8_t *fixture_jpeg_gray(SDL_Surface *s, size_t *len)
{
    return jpeg_compress(s->pixels, s->w, s->pitch, s->h, TJPF_RGBA, TJSAMP_GRAY, 0, len);
}

uint8_t *fixture_jpeg_cmyk(SDL_Surface *s, size_t *len)
{
    /* Inverted (Adobe) CMYK, as libjpeg-turbo's own rgb_to_cmyk writes it. */
    uint8_t *cmyk = malloc((size_t)s->w * s->h * 4);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * s->pitch + x * 4;
            uint8_t *q = cmyk + ((size_t)y * s->w + x) * 4;
            int k = p[0] > p[1] ? p[0] : p[1];
            k = k > p[2] ? k : p[2];
            for (int c = 0; c < 3; c++)
                q[c] = k ? (uint8_t)(p[c] * 255 / k) : 0;
            q[3] = (uint8_t)k;
        }
    uint8_t *jpeg = jpeg_compress(cmyk, s->w, s->w * 4, s->h, TJPF_CMYK, TJSAMP_444, 0, len);
    free(cmyk);
    return jpeg;
}

uint8_t *fixture_with_exif(const uint8_t *jpeg, size_t len, int orientation, bool big_endian,
                           size_t *out_len)
{
    /* APP1: "Exif\0\0", TIFF header, IFD0 with one SHORT entry (0x0112), no next IFD. */
    uint8_t tiff[26];
    size_t n = 0;
#define B2(v)                                                                                      \
    (big_endian ? (tiff[n++] = (uint8_t)((v) >> 8), tiff[n++] = (uint8_t)(v))                      \
                : (tiff[n++] = (uint8_t)(v), tiff[n++] = (uint8_t)((v) >> 8)))
#define B4(v) (big_endian ? (B2((v) >> 16), B2((v)&0xffff)) : (B2((v)&0xffff), B2((v) >> 16)))
    tiff[n++] = big_endian ? 'M' : 'I';
    tiff[n++] = big_endian ? 'M' : 'I';
    B2(42);
    B4(8u);          /* IFD0 offset */
    B2(1);           /* one entry */
    B2(0x0112);      /* Orientation */
    B2(3);           /* SHORT */
    B4(1u);          /* one component */
    B2(orientation); /* value, left-justified in the 4-byte field */
    B2(0);
    B4(0u); /* no next IFD */
#undef B2
#undef B4
    size_t seg = 2 + 6 + n;
    uint8_t *out = malloc(len + 2 + seg);
    size_t o = 0;
    out[o++] = 0xFF, out[o++] = 0xD8;
    out[o++] = 0xFF, out[o++] = 0xE1;
    out[o++] = (uint8_t)(seg >> 8), out[o++] = (uint8_t)seg;
    memcpy(out + o, "Exif\0\0", 6), o += 6;
    memcpy(out + o, tiff, n), o += n;
    memcpy(out + o, jpeg + 2, len - 2), o += len - 2;
    *out_len = o;
    return out;
}

void fixture_write_png(const char *path, SDL_Surface *s)
{
    if (IMG_SavePNG(s, path) != 0) {
        fprintf(stderr, "IMG_SavePNG %s: %s\n", path, IMG_GetError());
        exit(2);
    }
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8),
    p[3] = (uint8_t)v;
}

static size_t png_chunk(uint8_t *out, const char *type, const uint8_t *data, uint32_t n)
{
    put_be32(out, n);
    memcpy(out + 4, type, 4);
    if (n)
        memcpy(out + 8, data, n);
    put_be32(out + 8 + n, (uint32_t)crc32(crc32(0, NULL, 0), out + 4, n + 4));
    return 12 + n;
}

uint8_t *fixture_png_bomb(uint32_t w, uint32_t h, size_t *len)
{
    uint8_t ihdr[13];
    put_be32(ihdr, w);
    put_be32(ihdr + 4, h);
    ihdr[8] = 8, ihdr[9] = 2, ihdr[10] = 0, ihdr[11] = 0, ihdr[12] = 0; /* 8-bit RGB */
    uint8_t raw[64] = {0}, z[128];
    uLongf zn = sizeof z;
    compress2(z, &zn, raw, sizeof raw, 9);
    uint8_t *out = malloc(8 + 25 + 12 + zn + 12);
    size_t o = 0;
    memcpy(out, "\x89PNG\r\n\x1a\n", 8), o = 8;
    o += png_chunk(out + o, "IHDR", ihdr, 13);
    o += png_chunk(out + o, "IDAT", z, (uint32_t)zn);
    o += png_chunk(out + o, "IEND", NULL, 0);
    *len = o;
    return out;
}

bool fixture_pixel_near(SDL_Surface *s, int x, int y, int r, int g, int b, int tol)
{
    const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * s->pitch + (size_t)x * 4;
    bool ok = abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
    if (!ok)
        fprintf(stderr, "  pixel (%d,%d) is %d,%d,%d; expected %d,%d,%d +- %d\n", x, y, p[0], p[1],
                p[2], r, g, b, tol);
    return ok;
}
